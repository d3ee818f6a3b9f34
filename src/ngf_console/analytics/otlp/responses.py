"""OTLP/HTTP response bodies: `ExportLogsServiceResponse` and `google.rpc.Status`.

Both are encoded like the request (protobuf or JSON). A success carries `partial_success`
only when records were rejected. An error carries a `google.rpc.Status` (OTLP/HTTP,
"Failures"); its protobuf class is built here from a descriptor because the googleapis
protos are not a dependency — same field numbers as `google/rpc/status.proto`.
"""

from __future__ import annotations

import json
from typing import Any

# google.protobuf has no stubs in the lock (types-protobuf); see decode.py.
from google.protobuf import (  # type: ignore[import-untyped]
    descriptor_pb2,
    descriptor_pool,
    message_factory,
)
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceResponse

from ngf_console.analytics.otlp.decode import Encoding

PROTOBUF = "application/x-protobuf"
JSON = "application/json"

# google.rpc.Code values used by the receiver
INVALID_ARGUMENT = 3
PERMISSION_DENIED = 7
UNAUTHENTICATED = 16
RESOURCE_EXHAUSTED = 8
INTERNAL = 13
UNAVAILABLE = 14


def media_type(encoding: Encoding) -> str:
    return PROTOBUF if encoding == "protobuf" else JSON


def success_body(encoding: Encoding, rejected: int, message: str) -> bytes:
    """An `ExportLogsServiceResponse`, with `partial_success` when `rejected` > 0."""
    if encoding == "json":
        if not rejected:
            return b"{}"
        partial = {"rejectedLogRecords": str(rejected), "errorMessage": message}
        return json.dumps({"partialSuccess": partial}).encode()
    response = ExportLogsServiceResponse()
    if rejected:
        response.partial_success.rejected_log_records = rejected
        response.partial_success.error_message = message
    data: bytes = response.SerializeToString()
    return data


def status_body(encoding: Encoding, code: int, message: str) -> bytes:
    """A `google.rpc.Status` with `code` and `message`."""
    if encoding == "json":
        return json.dumps({"code": code, "message": message}).encode()
    status = STATUS_CLASS(code=code, message=message)
    data: bytes = status.SerializeToString()
    return data


def _status_class() -> Any:
    field = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(
        name="ngf_console/rpc_status.proto", package="google.rpc", syntax="proto3"
    )
    message = proto.message_type.add(name="Status")
    message.field.add(name="code", number=1, type=field.TYPE_INT32, label=field.LABEL_OPTIONAL)
    message.field.add(name="message", number=2, type=field.TYPE_STRING, label=field.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("google.rpc.Status"))


STATUS_CLASS = _status_class()
