"""Samples and invalid specs of the parent CRDs, shared by the unit and integration tiers.

`INVALID` is one table checked twice: against the pydantic models (unit) and against the real
API server (integration), so that client-side and server-side validation provably agree.
Each row starts from a sample, applies edits, and names the field the error must be reported
at (in the API server's notation, e.g. `spec.listeners[1].tls`) and a fragment of the message.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "config" / "samples"

Doc = dict[str, Any]
Edit = Callable[[Doc], None]


def sample_paths() -> list[Path]:
    """Every sample file, sorted."""
    return sorted(SAMPLES_DIR.glob("*.yaml"))


def load_sample(name: str) -> Doc:
    """A fresh copy of `config/samples/<name>.yaml`."""
    doc = yaml.safe_load((SAMPLES_DIR / f"{name}.yaml").read_text())
    assert isinstance(doc, dict)
    return doc


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        parts.append(int(index) if index else name)
    return parts


def _parent(doc: Doc, path: str) -> tuple[Any, str | int]:
    *head, last = _parts(path)
    node: Any = doc
    for part in head:
        node = node[part]
    return node, last


def put(path: str, value: Any) -> Edit:
    """Set the field at `path` (dots and [i]) to a copy of `value`."""

    def edit(doc: Doc) -> None:
        node, last = _parent(doc, path)
        node[last] = copy.deepcopy(value)

    return edit


def drop(path: str) -> Edit:
    """Remove the field at `path`."""

    def edit(doc: Doc) -> None:
        node, last = _parent(doc, path)
        del node[last]

    return edit


def append(path: str, value: Any) -> Edit:
    """Append a copy of `value` to the list at `path`."""

    def edit(doc: Doc) -> None:
        node, last = _parent(doc, path)
        node[last].append(copy.deepcopy(value))

    return edit


@dataclass(frozen=True)
class Invalid:
    """One invalid spec: a sample, edits, the field to be named and a message fragment."""

    id: str
    sample: str
    edits: tuple[Edit, ...]
    field: str
    fragment: str

    def document(self) -> Doc:
        """The sample with the edits applied."""
        doc = load_sample(self.sample)
        for edit in self.edits:
            edit(doc)
        return doc


def case(case_id: str, sample: str, *edits: Edit, field: str, fragment: str) -> Invalid:
    """A table row."""
    return Invalid(case_id, sample, edits, field, fragment)


IS_T = "inferencestack_triton"
IS_V = "inferencestack_vllm"
GB_P = "gatewaybundle_production"
GB_I = "gatewaybundle_inline_tls"
MP = "migrationplan_kic"
CB_I = "certificatebundle_inline"
CB_M = "certificatebundle_certmanager"
DCP_H = "distributedcloudpublish_httproute"
DCP_L = "distributedcloudpublish_llm"

DURATION = "must be a duration such as"
EXACTLY_ONE_GATEWAY = "exactly one of gatewayRef or createListener must be set"
TLS_NEEDED = "tls is required for HTTPS and TLS listeners"
ONE_CERT = "tls with mode Terminate needs exactly one of certificateRef or inlineCert"
SELECTOR = "allowedRoutes.selector is required when namespaces is Selector"

# fmt: off
INVALID: tuple[Invalid, ...] = (
    # InferenceStack
    case("is-composite-without-weights", IS_T, drop("spec.epp.compositeWeights"),
         field="spec.epp.compositeWeights",
         fragment="compositeWeights is required when strategy is composite"),
    case("is-weights-do-not-sum-to-one", IS_T, put("spec.epp.compositeWeights.prefixCache", 0.1),
         field="spec.epp.compositeWeights", fragment="compositeWeights must sum to 1.0"),
    case("is-weight-above-one", IS_T, put("spec.epp.compositeWeights.kvCache", 1.5),
         field="spec.epp.compositeWeights.kvCache", fragment="less than or equal to 1"),
    case("is-unknown-strategy", IS_T, put("spec.epp.strategy", "round_robin"),
         field="spec.epp.strategy", fragment="best_kv_cache"),
    case("is-unknown-backend", IS_T, put("spec.model.backend", "ollama"),
         field="spec.model.backend", fragment="vllm"),
    case("is-replicas-above-max", IS_T, put("spec.pool.replicas", 11),
         field="spec.pool.replicas", fragment="minReplicas <= replicas <= maxReplicas"),
    case("is-replicas-below-min", IS_T, put("spec.pool.replicas", 1),
         field="spec.pool.replicas", fragment="minReplicas <= replicas <= maxReplicas"),
    case("is-max-replicas-zero", IS_T, put("spec.pool.maxReplicas", 0),
         field="spec.pool.maxReplicas", fragment="greater than or equal to 1"),
    case("is-too-many-gpus", IS_T, put("spec.model.gpusPerPod", 17),
         field="spec.model.gpusPerPod", fragment="less than or equal to 16"),
    case("is-gateway-ref-and-listener", IS_T, put("spec.gateway.createListener", {"port": 80}),
         field="spec.gateway", fragment=EXACTLY_ONE_GATEWAY),
    case("is-no-gateway", IS_T, drop("spec.gateway.gatewayRef"),
         field="spec.gateway", fragment=EXACTLY_ONE_GATEWAY),
    case("is-listener-port-zero", IS_V, put("spec.gateway.createListener.port", 0),
         field="spec.gateway.createListener.port", fragment="greater than or equal to 1"),
    case("is-listener-port-too-big", IS_V, put("spec.gateway.createListener.port", 70000),
         field="spec.gateway.createListener.port", fragment="less than or equal to 65535"),
    case("is-threshold-zero", IS_T, put("spec.autoscaling.queueDepthThreshold.value", 0),
         field="spec.autoscaling.queueDepthThreshold.value",
         fragment="threshold value must be greater than 0"),
    case("is-threshold-negative", IS_T, put("spec.autoscaling.gpuUtilThreshold.value", -5),
         field="spec.autoscaling.gpuUtilThreshold.value",
         fragment="threshold value must be greater than 0"),
    case("is-kv-cache-above-100-percent", IS_T, put("spec.autoscaling.kvCacheThreshold.value", 150),
         field="spec.autoscaling.kvCacheThreshold.value", fragment="must be at most 100"),
    case("is-autoscaling-without-trigger", IS_V, drop("spec.autoscaling.queueDepthThreshold"),
         drop("spec.autoscaling.kvCacheThreshold"),
         field="spec.autoscaling", fragment="autoscaling needs at least one of"),
    case("is-threshold-duration", IS_T, put("spec.autoscaling.kvCacheThreshold.duration", "2 min"),
         field="spec.autoscaling.kvCacheThreshold.duration", fragment=DURATION),
    case("is-scrape-interval-unitless", IS_V, put("spec.epp.scrapeInterval", "5"),
         field="spec.epp.scrapeInterval", fragment=DURATION),
    case("is-route-timeout", IS_T, put("spec.gateway.route.timeout", "forever"),
         field="spec.gateway.route.timeout", fragment=DURATION),
    case("is-cooldown", IS_T, put("spec.autoscaling.cooldownPeriod", "5d"),
         field="spec.autoscaling.cooldownPeriod", fragment=DURATION),
    case("is-path-prefix-relative", IS_T, put("spec.gateway.route.pathPrefix", "v1/models"),
         field="spec.gateway.route.pathPrefix", fragment="should match"),
    case("is-empty-pool-selector", IS_V, put("spec.pool.selector.matchLabels", {}),
         field="spec.pool.selector.matchLabels", fragment="at least 1"),
    case("is-rate-limit-zero", IS_T,
         put("spec.distributedCloud.perTenantRateLimit.requestsPerMinute", 0),
         field="spec.distributedCloud.perTenantRateLimit.requestsPerMinute",
         fragment="greater than or equal to 1"),
    # GatewayBundle
    case("gb-duplicate-listener-names", GB_P, put("spec.listeners[1].name", "http"),
         field="spec.listeners", fragment="listener names must be unique"),
    case("gb-same-port-protocol-hostname", GB_P,
         append("spec.listeners", {"name": "http-alt", "port": 80, "protocol": "HTTP"}),
         field="spec.listeners", fragment="listeners must differ in port, protocol or hostname"),
    case("gb-https-without-tls", GB_P, drop("spec.listeners[1].tls"),
         field="spec.listeners[1].tls", fragment=TLS_NEEDED),
    case("gb-http-with-tls", GB_P,
         put("spec.listeners[0].tls", {"mode": "Terminate", "certificateRef": {"name": "x"}}),
         field="spec.listeners[0].tls", fragment=TLS_NEEDED),
    case("gb-terminate-with-both-certs", GB_I,
         put("spec.listeners[0].tls.certificateRef", {"name": "app-tls"}),
         field="spec.listeners[0].tls", fragment=ONE_CERT),
    case("gb-terminate-without-cert", GB_P, drop("spec.listeners[1].tls.certificateRef"),
         field="spec.listeners[1].tls", fragment=ONE_CERT),
    case("gb-passthrough-with-cert", GB_I,
         put("spec.listeners[1].tls.certificateRef", {"name": "db-tls"}),
         field="spec.listeners[1].tls",
         fragment="tls with mode Passthrough takes neither certificateRef nor inlineCert"),
    case("gb-https-passthrough", GB_P, put("spec.listeners[1].tls", {"mode": "Passthrough"}),
         field="spec.listeners[1].tls.mode",
         fragment="an HTTPS listener must use tls.mode Terminate"),
    case("gb-port-zero", GB_P, put("spec.listeners[0].port", 0),
         field="spec.listeners[0].port", fragment="greater than or equal to 1"),
    case("gb-port-too-big", GB_P, put("spec.listeners[0].port", 65536),
         field="spec.listeners[0].port", fragment="less than or equal to 65535"),
    case("gb-no-listeners", GB_P, put("spec.listeners", []),
         field="spec.listeners", fragment="at least 1"),
    case("gb-listener-name-invalid", GB_P, put("spec.listeners[0].name", "HTTP_Main"),
         field="spec.listeners[0].name", fragment="should match"),
    case("gb-selector-missing", GB_P, drop("spec.allowedRoutes.selector"),
         field="spec.allowedRoutes.selector", fragment=SELECTOR),
    case("gb-selector-without-selector-mode", GB_I,
         put("spec.allowedRoutes.selector", {"matchLabels": {"team": "a"}}),
         field="spec.allowedRoutes.selector", fragment=SELECTOR),
    case("gb-waf-rating-above-5", GB_P, put("spec.waf.violationRatingThreshold", 6),
         field="spec.waf.violationRatingThreshold", fragment="less than or equal to 5"),
    case("gb-two-snippets-same-context", GB_I, put("spec.snippets[1].context", "http"),
         field="spec.snippets", fragment="snippets allow one snippet per context"),
    case("gb-inline-cert-not-pem", GB_I,
         put("spec.listeners[0].tls.inlineCert.certificate", "not a certificate"),
         field="spec.listeners[0].tls.inlineCert.certificate", fragment="should match"),
    # MigrationPlan
    case("mp-yaml-and-cluster", MP,
         put("spec.source.sourceCluster", {"kubeconfigSecretRef": "src"}),
         field="spec.source", fragment="exactly one of sourceYAML or sourceCluster must be set"),
    case("mp-no-source", MP, drop("spec.source.sourceYAML"),
         field="spec.source", fragment="exactly one of sourceYAML or sourceCluster must be set"),
    case("mp-pause-not-duration", MP, put("spec.strategy.pauseBetween", "30 seconds"),
         field="spec.strategy.pauseBetween", fragment=DURATION),
    case("mp-unknown-confidence", MP, put("spec.resources[0].confidence", "certain"),
         field="spec.resources[0].confidence", fragment="medium"),
    case("mp-unknown-source-type", MP, put("spec.source.type", "helm"),
         field="spec.source.type", fragment="virtualserver"),
    # CertificateBundle
    case("cb-inline-and-cert-manager", CB_I,
         put("spec.source.certManager", {"issuerRef": "ca", "issuerKind": "Issuer"}),
         field="spec.source", fragment="exactly one of inline or certManager must be set"),
    case("cb-no-source", CB_M, drop("spec.source.certManager"),
         field="spec.source", fragment="exactly one of inline or certManager must be set"),
    case("cb-auto-renew-inline", CB_I, put("spec.autoRenew", True),
         field="spec.autoRenew", fragment="autoRenew requires source.certManager"),
    case("cb-threshold-not-duration", CB_M, put("spec.expiryAlertThreshold", "a month"),
         field="spec.expiryAlertThreshold", fragment="must be a duration such as 30d"),
    case("cb-unknown-issuer-kind", CB_M, put("spec.source.certManager.issuerKind", "Vault"),
         field="spec.source.certManager.issuerKind", fragment="ClusterIssuer"),
    case("cb-no-hostnames", CB_M, put("spec.hostnames", []),
         field="spec.hostnames", fragment="at least 1"),
    case("cb-duplicate-hostname", CB_I, put("spec.hostnames[1]", "app.example.com"),
         field="spec.hostnames[1]", fragment="Duplicate value"),
    case("cb-invalid-hostname", CB_M, put("spec.hostnames[0]", "Not A Host"),
         field="spec.hostnames[0]", fragment="should match"),
    # DistributedCloudPublish
    case("dcp-route-and-pool", DCP_H, put("spec.inferencePoolRef", {"name": "pool"}),
         field="spec", fragment="exactly one of httpRouteRef or inferencePoolRef must be set"),
    case("dcp-no-target", DCP_H, drop("spec.httpRouteRef"),
         field="spec", fragment="exactly one of httpRouteRef or inferencePoolRef must be set"),
    case("dcp-byo-without-certificate", DCP_H,
         put("spec.distributedCloud.tls.mode", "bringYourOwn"),
         field="spec.distributedCloud.tls.certificateRef",
         fragment="tls.certificateRef is required when mode is bringYourOwn"),
    case("dcp-managed-with-certificate", DCP_L,
         put("spec.distributedCloud.tls.certificateRef", {"name": "my-tls"}),
         field="spec.distributedCloud.tls.certificateRef",
         fragment="tls.certificateRef is required when mode is bringYourOwn"),
    case("dcp-no-origin-address", DCP_H, put("spec.distributedCloud.originPool.autoDetect", False),
         field="spec.distributedCloud.originPool.overrideAddress",
         fragment="originPool.overrideAddress is required when autoDetect is false"),
    case("dcp-pinned-without-regions", DCP_L,
         put("spec.distributedCloud.multiRegion.failoverPolicy", "pinned"),
         drop("spec.distributedCloud.multiRegion.preferredRegions"),
         field="spec.distributedCloud.multiRegion.preferredRegions",
         fragment="multiRegion.preferredRegions is required"),
    case("dcp-duplicate-region", DCP_L,
         put("spec.distributedCloud.multiRegion.preferredRegions", ["us-west-2", "us-west-2"]),
         field="spec.distributedCloud.multiRegion.preferredRegions[1]",
         fragment="Duplicate value"),
    case("dcp-rate-zero", DCP_L, put("spec.distributedCloud.rateLimiting.defaultRate", 0),
         field="spec.distributedCloud.rateLimiting.defaultRate",
         fragment="greater than or equal to 1"),
    case("dcp-unknown-failover-policy", DCP_L,
         put("spec.distributedCloud.multiRegion.failoverPolicy", "random"),
         field="spec.distributedCloud.multiRegion.failoverPolicy", fragment="nearest-available"),
    case("dcp-unknown-bot-profile", DCP_L,
         put("spec.distributedCloud.botDefense.profile", "extreme"),
         field="spec.distributedCloud.botDefense.profile", fragment="advanced"),
)
# fmt: on


def names_field(reported: str, field: str) -> bool:
    """Whether an error reported at `reported` is at `field` or at an object containing it."""
    return reported == field or field.startswith((f"{reported}.", f"{reported}["))


def k8s_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location in the API server's notation (`spec.listeners[1].tls`)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def leaf(field: str) -> str:
    """The last field name of a path (`spec.hostnames[1]` → `hostnames`)."""
    return re.sub(r"\[\d+\]$", "", field).rsplit(".", 1)[-1]
