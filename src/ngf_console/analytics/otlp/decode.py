"""An OTLP/HTTP logs request body → the protobuf payload the engine ingests, with counts.

* protobuf (`application/x-protobuf`): the body is the payload. It is parsed here with a
  *counting* subset of the schema (each record's `event_name` only — upb skips the rest at C
  speed), which both rejects a malformed body up front (400) and counts records by event;
  only when a record has no `event_name` is the body parsed in full to read its
  `event.name` attribute.
* JSON (`application/json`): `jsonlogs` validates it into an `ExportLogsServiceRequest`,
  whose serialization becomes the payload — both encodings then take the same path.

A record whose event is not one of `attributes.EVENTS` is *rejected* (it would land in no
table): the router reports it in the OTLP partial-success response.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

# google.protobuf has no stubs in the lock (types-protobuf); the OTLP classes have their own.
from google.protobuf import (  # type: ignore[import-untyped]
    descriptor_pb2,
    descriptor_pool,
    message_factory,
)
from google.protobuf.message import DecodeError  # type: ignore[import-untyped]
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest

from ngf_console.analytics.errors import OtlpDecodeError
from ngf_console.analytics.otlp.attributes import EVENT_NAME_ATTRIBUTE, EVENTS
from ngf_console.analytics.otlp.jsonlogs import parse_json_request

Encoding = Literal["protobuf", "json"]
_KNOWN = frozenset(EVENTS)


@dataclass(frozen=True, slots=True)
class DecodedRequest:
    """What a request carries: the protobuf payload and how many records will land."""

    payload: bytes
    records: int
    accepted: int
    events: frozenset[str] = frozenset()
    """The known events among its records (what the ingest inserts)."""

    @property
    def rejected(self) -> int:
        return self.records - self.accepted


def decode_request(body: bytes, encoding: Encoding) -> DecodedRequest:
    """Validate and count `body`; `OtlpDecodeError` when it is not a logs request."""
    if encoding == "json":
        request = parse_json_request(body)
        records, accepted, _, events = _count(request)
        return DecodedRequest(request.SerializeToString(), records, accepted, events)
    try:
        counting = _COUNTING_REQUEST.FromString(body)
    except DecodeError as e:
        detail = str(e).rsplit(": ", 1)[-1]  # upb names our counting type first
        raise OtlpDecodeError(
            "", f"the body is not a protobuf ExportLogsServiceRequest ({detail})"
        ) from e
    records, accepted, unnamed, events = _count(counting)
    if unnamed:
        records, accepted, _, events = _count(ExportLogsServiceRequest.FromString(body))
    return DecodedRequest(body, records, accepted, events)


def rejection_message(rejected: int) -> str:
    """The partial-success `error_message` for `rejected` records."""
    return (
        f"{rejected} log record(s) rejected: their event (eventName or the "
        f"{EVENT_NAME_ATTRIBUTE!r} attribute) is not one of {', '.join(EVENTS)}"
    )


def _count(request: Any) -> tuple[int, int, bool, frozenset[str]]:
    """(records, records with a known event, some record had no event_name field, the known
    events present)."""
    records = accepted = 0
    unnamed = False
    events: set[str] = set()
    for rl in request.resource_logs:
        for sl in rl.scope_logs:
            for record in sl.log_records:
                records += 1
                event = record.event_name
                if not event:
                    unnamed = True
                    event = _event_attribute(getattr(record, "attributes", ()))
                if event in _KNOWN:
                    accepted += 1
                    events.add(event)
    return records, accepted, unnamed, frozenset(events)


def _event_attribute(attributes: Iterable[Any]) -> str:
    for kv in attributes:
        if kv.key == EVENT_NAME_ATTRIBUTE:
            return str(kv.value.string_value)
    return ""


def _counting_request_class() -> Any:
    """`ExportLogsServiceRequest` with only `event_name` per record (same field numbers)."""
    field = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(
        name="ngf_console/otlp_counting.proto", package="ngf_console.otlp_counting", syntax="proto3"
    )
    for name, number, type_, label, type_name in (
        ("Record", 12, field.TYPE_STRING, field.LABEL_OPTIONAL, "event_name"),
        ("Scope", 2, field.TYPE_MESSAGE, field.LABEL_REPEATED, "log_records:Record"),
        ("Resource", 2, field.TYPE_MESSAGE, field.LABEL_REPEATED, "scope_logs:Scope"),
        ("Request", 1, field.TYPE_MESSAGE, field.LABEL_REPEATED, "resource_logs:Resource"),
    ):
        fname, _, ref = type_name.partition(":")
        f = proto.message_type.add(name=name).field.add(
            name=fname, number=number, type=type_, label=label
        )
        if ref:
            f.type_name = f".ngf_console.otlp_counting.{ref}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(
        pool.FindMessageTypeByName("ngf_console.otlp_counting.Request")
    )


_COUNTING_REQUEST = _counting_request_class()
