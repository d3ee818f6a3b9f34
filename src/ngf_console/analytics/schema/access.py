"""`ngf_access_logs`: one row per request through an NGF gateway (spec §3.4.2, unchanged).

Each column reads its semantic-convention / `ngf.*` attribute first and the NGINX variable of
a JSON access log second (`$request_time` and `$upstream_response_time` are seconds, scaled
to ms; numbers may be strings there, as a parsed log line gives them). NGINX's byte
counters include headers (`$request_length`, `$bytes_sent`), the semantic-convention
attributes count bodies only: whichever the sender has is stored.
"""

from __future__ import annotations

from ngf_console.analytics.otlp import attributes as a
from ngf_console.analytics.schema.model import (
    Source,
    Table,
    attr,
    timestamp_column,
    trace_id_column,
)


def _nginx(variable: str, scale: float = 1.0) -> Source:
    """An NGINX variable from a parsed log line: numbers may be text."""
    return Source(variable, scale, text=True)


ACCESS_LOGS = Table(
    name="ngf_access_logs",
    event=a.EVENT_ACCESS,
    order_by=("gateway", "route", "timestamp"),
    ttl_days=7,
    doc="One row per request through a gateway.",
    columns=(
        timestamp_column(),
        attr("gateway", "String", "Gateway name.", a.GATEWAY),
        attr("listener", "String", "Listener name.", a.LISTENER),
        attr("route", "String", "Route name.", a.ROUTE),
        attr("namespace", "String", "Route namespace.", a.K8S_NAMESPACE),
        attr("method", "LowCardinality(String)", "HTTP method.", a.HTTP_METHOD,
             "request_method"),
        attr("path", "String", "Request path.", a.URL_PATH, "uri"),
        attr("status", "UInt16", "HTTP status.", a.HTTP_STATUS, _nginx("status")),
        attr("latency_ms", "Float64", "Request time, ms.", a.LATENCY_MS,
             _nginx("request_time", 1000.0)),
        attr("upstream_latency_ms", "Float64", "Upstream response time, ms.",
             a.UPSTREAM_LATENCY_MS, _nginx("upstream_response_time", 1000.0)),
        attr("request_size", "UInt64", "Request bytes.", a.HTTP_REQUEST_SIZE,
             _nginx("request_length")),
        attr("response_size", "UInt64", "Response bytes.", a.HTTP_RESPONSE_SIZE,
             _nginx("bytes_sent")),
        attr("upstream_name", "String", "Upstream (backend) name.", a.UPSTREAM_NAME,
             "proxy_host"),
        attr("upstream_addr", "String", "Upstream address.", a.UPSTREAM_ADDRESS,
             "upstream_addr"),
        attr("client_ip", "String", "Client address.", a.CLIENT_ADDRESS, "remote_addr"),
        attr("user_agent", "String", "User-Agent.", a.USER_AGENT, "http_user_agent"),
        attr("request_id", "String", "Request id.", a.REQUEST_ID, "request_id"),
        trace_id_column(),
        attr("tls_version", "LowCardinality(String)", "TLS protocol.", a.TLS_VERSION,
             "ssl_protocol"),
        attr("tls_cipher", "LowCardinality(String)", "TLS cipher.", a.TLS_CIPHER, "ssl_cipher"),
        attr("waf_action", "LowCardinality(String)", "WAF: pass/block/monitor.", a.WAF_ACTION),
        attr("waf_violation_rating", "Float32", "WAF violation rating.",
             a.WAF_VIOLATION_RATING),
        attr("waf_signatures", "Array(String)", "WAF signature ids.", a.WAF_SIGNATURES),
        attr("bot_classification", "LowCardinality(String)", "Bot verdict.",
             a.BOT_CLASSIFICATION),
        attr("xc_edge_latency_ms", "Float64", "F5 XC edge latency, ms.", a.XC_EDGE_LATENCY_MS),
    ),
)  # fmt: skip
