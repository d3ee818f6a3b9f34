"""The values matrix every render test runs (ids name the axes that differ from defaults).

Axes: database (bundled PostgreSQL, external PostgreSQL, SQLite with and without
persistence), ClickHouse on/off, OTel Collector deployment/daemonset/off, the console's own
route (HTTPRoute, Ingress with/without TLS, none), leader election on/off, the NGF edition
(auto by default, oss, enterprise), F5 XC off/on (token in a Secret the chart creates, or an
existing Secret), the autoscaling backend (keda by default, hpa, any: no admission policy),
and deploy/manifests/values.yaml.
"""

from __future__ import annotations

from typing import Any

import yaml

from ngf_console.devcluster import tools
from ngf_console.devcluster.paths import repo_root

SQLITE = {"database": {"type": "sqlite"}, "api": {"replicas": 1}}
XC_URL = "https://acme.console.ves.volterra.io"

MATRIX: dict[str, dict[str, Any]] = {
    "defaults": {},
    "postgresql-external-existing-secret": {
        "database": {"postgresql": {"host": "pg.example.com", "existingSecret": "pg-creds"}}
    },
    "sqlite-pvc-clickhouse-off": {**SQLITE, "clickhouse": {"enabled": False}},
    "sqlite-emptydir-otel-daemonset": {
        "database": {"type": "sqlite", "sqlite": {"persistence": {"enabled": False}}},
        "api": {"replicas": 1},
        "otelCollector": {"mode": "daemonset"},
    },
    "ingress-tls": {"ingress": {"kind": "Ingress"}},
    "ingress-no-tls-otel-off": {
        "ingress": {"kind": "Ingress", "tls": {"enabled": False}},
        "otelCollector": {"enabled": False},
    },
    "httproute-other-gateway": {
        "ingress": {"gateway": {"name": "shared", "namespace": "gateways", "sectionName": "https"}}
    },
    "oss-edition-keda": {"ngf": {"edition": "oss"}},
    "enterprise-xc-created-secret-hpa": {
        "ngf": {"edition": "enterprise", "controllerNamespace": "ngf"},
        "xc": {"enabled": True, "tenantUrl": XC_URL, "apiToken": "xc-test-token"},
        "inference": {"scaling": {"backend": "hpa"}},
    },
    "xc-existing-secret-any-backend-sqlite": {
        **SQLITE,
        "xc": {"enabled": True, "tenantUrl": XC_URL, "apiTokenSecretRef": "xc-credentials"},
        "inference": {"scaling": {"backend": "any"}},
    },
    "no-route-single-operator": {
        "ingress": {"enabled": False},
        "operator": {"replicas": 1, "leaderElection": {"enabled": False}},
    },
}


def install_values() -> dict[str, Any]:
    """The values deploy/manifests/install.yaml is rendered with."""
    loaded: dict[str, Any] = yaml.safe_load((repo_root() / tools.INSTALL_VALUES).read_text())
    return loaded


def all_cases() -> dict[str, dict[str, Any]]:
    return {**MATRIX, "install-manifest-values": install_values()}
