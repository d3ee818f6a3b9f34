"""Request bodies → payload and counts (`analytics.otlp.decode`).

Matrix: protobuf bodies pass through unchanged with records counted by event (field or
`event.name` attribute, known or not, across resources and scopes); JSON bodies become the
same protobuf payload as the equivalent protobuf request; malformed protobuf is an
`OtlpDecodeError`; an empty body is an empty request; the rejection message names the
accepted events.
"""

from __future__ import annotations

import json

import pytest
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest

from ngf_console.analytics.errors import OtlpDecodeError
from ngf_console.analytics.otlp.attributes import EVENTS
from ngf_console.analytics.otlp.decode import decode_request, rejection_message
from tests.unit.analytics.builders import record, request, to_json


def test_protobuf_is_counted_by_event() -> None:
    req = request(
        record("ngf.inference.request"),
        record("ngf.access"),
        record("ngf.epp.decision", event_attribute=True),
        record("something.else"),
        record(None),
    )
    body = req.SerializeToString()
    decoded = decode_request(body, "protobuf")
    assert decoded.payload == body
    assert (decoded.records, decoded.accepted, decoded.rejected) == (5, 3, 2)


def test_counts_span_every_resource_and_scope() -> None:
    req = request(record("ngf.access"), record("x"))
    second = req.resource_logs.add()
    second.scope_logs.add().log_records.extend([record("ngf.access"), record("ngf.access")])
    second.scope_logs.add().log_records.extend([record("ngf.inference.request")])
    decoded = decode_request(req.SerializeToString(), "protobuf")
    assert (decoded.records, decoded.accepted) == (5, 4)


def test_json_becomes_the_same_protobuf_payload() -> None:
    req = request(
        record("ngf.access", {"status": 200, "ngf.route": "r"}, trace_id=bytes(range(16))),
        record("ngf.epp.decision", {"ngf.epp.candidate_pods": ["a", "b"]}, event_attribute=True),
        resource={"k8s.namespace.name": "ns"},
    )
    decoded = decode_request(json.dumps(to_json(req)).encode(), "json")
    assert ExportLogsServiceRequest.FromString(decoded.payload) == req
    assert (decoded.records, decoded.accepted) == (2, 2)


@pytest.mark.parametrize("body", [b"\xff\xff\xff", b"\x0a\x05abc", b"\x08"])
def test_malformed_protobuf_is_a_decode_error(body: bytes) -> None:
    with pytest.raises(OtlpDecodeError, match="not a protobuf ExportLogsServiceRequest") as e:
        decode_request(body, "protobuf")
    assert "otlp_counting" not in str(e.value)


def test_empty_body_is_an_empty_request() -> None:
    decoded = decode_request(b"", "protobuf")
    assert (decoded.records, decoded.accepted, decoded.payload) == (0, 0, b"")


def test_rejection_message_lists_the_events() -> None:
    message = rejection_message(3)
    assert message.startswith("3 log record(s) rejected")
    assert all(event in message for event in EVENTS)
