"""Constrained scalar types shared by the kinds: names, hostnames, durations, quantities.

Each carries its bounds (`maxLength`, `pattern`, ranges) so that every string and number in
the generated CRD is bounded; that also keeps the estimated cost of the CEL rules inside the
API server's budget. Durations are checked by a CEL rule with a Python mirror, so that the
API server and a client reject the same strings with the same message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from pydantic import Field, StringConstraints, WithJsonSchema

from ngf_console.api.v1alpha1.base import Cel

DNS_LABEL = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
DNS_SUBDOMAIN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
HOSTNAME = r"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
QUANTITY = (
    r"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|"
    r"([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"
)

# Written without backslashes so the same text is a valid CEL string literal and a Python regex.
GO_DURATION = "^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$"
DAY_DURATION = "^([0-9]+([.][0-9]+)?(ms|s|m|h|d))+$"

DURATION_MESSAGE = "must be a duration such as 500ms, 5s, 1m or 1h30m"
DAY_DURATION_MESSAGE = "must be a duration such as 30d, 720h or 1h30m"


def _matches(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)

    def check(value: str) -> bool:
        return compiled.fullmatch(value) is not None

    return check


Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=253, pattern=DNS_SUBDOMAIN),
]
"""A Kubernetes object name (DNS subdomain)."""

NamespaceName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=63, pattern=DNS_LABEL),
]
"""A namespace name (DNS label)."""

Hostname = Annotated[
    str,
    StringConstraints(min_length=1, max_length=253, pattern=HOSTNAME),
]
"""A DNS hostname, optionally with a leading `*.` wildcard label (Gateway API `Hostname`)."""

Port = Annotated[int, Field(ge=1, le=65535)]
"""A TCP/UDP port number."""

Duration = Annotated[
    str,
    StringConstraints(max_length=32),
    Cel(f"self.matches('{GO_DURATION}')", DURATION_MESSAGE, _matches(GO_DURATION)),
]
"""A Go duration string (`300s`, `1m30s`, `500ms`)."""

DayDuration = Annotated[
    str,
    StringConstraints(max_length=32),
    Cel(f"self.matches('{DAY_DURATION}')", DAY_DURATION_MESSAGE, _matches(DAY_DURATION)),
]
"""A duration that may also count days (`30d`, `720h`)."""

Quantity = Annotated[
    Annotated[int, Field(ge=0)]
    | Annotated[str, StringConstraints(max_length=64, pattern=QUANTITY)],
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer"}, {"type": "string"}],
            "pattern": QUANTITY,
            "x-kubernetes-int-or-string": True,
        }
    ),
]
"""A Kubernetes resource quantity (`1`, `"500m"`, `"80Gi"`), as an integer or a string."""

LabelValue = Annotated[str, StringConstraints(max_length=63)]
"""A label value (at most 63 characters)."""
