"""The OTLP protobuf as ClickHouse reads it, and the `INSERT` that flattens a request.

Python reads every attribute of every record through upb at about 1 µs per attribute, which
caps a 35-attribute record at ~30k rows/s on one core; ClickHouse's `ProtobufSingle` input
format decodes the same bytes in C++. So an ingest is one statement: the request bytes are the
payload of a `flatten_insert`, which turns each log record of one event into one row of
that event's Null-engine landing table — its time, event, trace id and its attributes as
parallel arrays (record, then scope, then resource attributes) — whose materialized view
maps those rows into the event's raw table (`schema.landing`). One landing table per event
because every insert builds the pipeline of every view downstream of its table (~10-30 ms of
CPU each on chDB, whatever the rows): an insert of EPP decisions runs the decision views
only.

`PROTO_SCHEMA` is a wire-compatible subset of `opentelemetry/proto/logs/v1/logs.proto`
(v1.x field numbers): fields ClickHouse does not need are left out and skipped on read, and
`ArrayValue` holds scalars only (nested arrays and key-value lists are skipped).
`STRUCTURE` is the same subset as ClickHouse columns. A table without array columns is fed
through `SCALAR_PROTO_SCHEMA`/`SCALAR_STRUCTURE`, which leave `array_value` out as well: every
attribute of every record would otherwise decode and concatenate three empty arrays, ~8 % of
an inference insert's CPU (`bench/analytics.py`).
"""

from __future__ import annotations

from ngf_console.analytics.otlp.attributes import EVENT_NAME_ATTRIBUTE
from ngf_console.analytics.store import PAYLOAD_SOURCE, FormattedInsert

PROTO_SCHEMA = """syntax = "proto3";
message ScalarValue {
  string string_value = 1;
  bool bool_value = 2;
  int64 int_value = 3;
  double double_value = 4;
}
message ArrayValue { repeated ScalarValue values = 1; }
message AnyValue {
  string string_value = 1;
  bool bool_value = 2;
  int64 int_value = 3;
  double double_value = 4;
  ArrayValue array_value = 5;
}
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }
message InstrumentationScope { repeated KeyValue attributes = 3; }
message LogRecord {
  fixed64 time_unix_nano = 1;
  fixed64 observed_time_unix_nano = 11;
  repeated KeyValue attributes = 6;
  bytes trace_id = 9;
  string event_name = 12;
}
message ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; }
message ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; }
message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
"""

_ARRAY_FIELD = "  ArrayValue array_value = 5;\n"
SCALAR_PROTO_SCHEMA = PROTO_SCHEMA.replace(_ARRAY_FIELD, "")

_SCALAR = "string_value String, bool_value Bool, int_value Int64, double_value Float64"


def _structure(value: str) -> str:
    attrs = f"Array(Tuple(key String, value Tuple({value})))"
    record = (
        f"Tuple(time_unix_nano UInt64, observed_time_unix_nano UInt64, attributes {attrs}, "
        "trace_id String, event_name String)"
    )
    return (
        f"resource_logs Array(Tuple(resource Tuple(attributes {attrs}), "
        f"scope_logs Array(Tuple(scope Tuple(attributes {attrs}), log_records Array({record})))))"
    )


STRUCTURE = _structure(f"{_SCALAR}, array_value Tuple(values Array(Tuple({_SCALAR})))")
SCALAR_STRUCTURE = _structure(_SCALAR)

LANDING_COLUMNS = (
    ("time_unix_nano", "UInt64"),
    ("observed_time_unix_nano", "UInt64"),
    ("event_name", "String"),
    ("trace_id", "String"),
    ("attr_keys", "Array(String)"),
    ("attr_str", "Array(String)"),
    ("attr_int", "Array(Int64)"),
    ("attr_double", "Array(Float64)"),
    ("attr_bool", "Array(Bool)"),
    ("attr_str_arrays", "Array(Array(String))"),
    ("attr_double_arrays", "Array(Array(Float64))"),
    ("attr_int_arrays", "Array(Array(Int64))"),
)

_LEVELS = ("lr.attributes", "sl.scope.attributes", "rl.resource.attributes")


def _concat(path: str) -> str:
    return "arrayConcat(" + ", ".join(f"{level}.{path}" for level in _LEVELS) + ")"


def _flatten_sql(landing: str, event_name: str, arrays: bool) -> str:
    event = (
        "if(lr.event_name != '', lr.event_name, "
        f"lr.attributes.value.string_value[indexOf(lr.attributes.key, '{EVENT_NAME_ATTRIBUTE}')])"
    )
    expressions = (
        "lr.time_unix_nano AS time_unix_nano",
        "lr.observed_time_unix_nano AS observed_time_unix_nano",
        f"{event} AS event_name",
        "lr.trace_id AS trace_id",
        f"{_concat('key')} AS attr_keys",
        f"{_concat('value.string_value')} AS attr_str",
        f"{_concat('value.int_value')} AS attr_int",
        f"{_concat('value.double_value')} AS attr_double",
        f"{_concat('value.bool_value')} AS attr_bool",
        f"{_concat('value.array_value.values.string_value')} AS attr_str_arrays",
        f"{_concat('value.array_value.values.double_value')} AS attr_double_arrays",
        f"{_concat('value.array_value.values.int_value')} AS attr_int_arrays",
    )
    # the array values' columns are the Array(Array(…)) ones
    kept = [(n, e) for (n, t), e in zip(LANDING_COLUMNS, expressions, strict=True)
            if arrays or not t.startswith("Array(Array(")]  # fmt: skip
    select = ",\n  ".join(e for _, e in kept)
    columns = ", ".join(n for n, _ in kept)
    quoted = "'" + event_name.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return (
        f"INSERT INTO {landing} ({columns})\nSELECT\n  {select}\nFROM {PAYLOAD_SOURCE}\n"
        "ARRAY JOIN resource_logs AS rl\nARRAY JOIN rl.scope_logs AS sl\n"
        f"ARRAY JOIN sl.log_records AS lr\nWHERE event_name = {quoted}"
    )


def flatten_insert(landing: str, event: str, *, arrays: bool = True) -> FormattedInsert:
    """The insert landing the `event` records of a request's payload in table `landing`.

    `arrays=False`: array attribute values are skipped and the array columns left empty."""
    return FormattedInsert(
        sql=_flatten_sql(landing, event, arrays),
        fmt="ProtobufSingle",
        structure=STRUCTURE if arrays else SCALAR_STRUCTURE,
        settings={
            "format_schema_source": "string",
            "format_schema": PROTO_SCHEMA if arrays else SCALAR_PROTO_SCHEMA,
            "format_schema_message_name": "ExportLogsServiceRequest",
        },
    )
