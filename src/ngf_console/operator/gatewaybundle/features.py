"""The GatewayBundle conditions about features and certificates (pure).

| condition | True when | reason |
|---|---|---|
| EnterpriseFeatureUnavailable | a requested Plus-only or disabled feature was left out | FeatureUnavailable / AllFeaturesAvailable |
| FeatureUnsupported | a requested field has no place in NGF's API | NotInNGFAPI / AllFieldsApplied |
| TLSCertificatesValid | every inline certificate parses and matches its key | the failure's reason (KeyMismatch, InvalidCertificate, …) / InlineCertificatesValid / NoInlineCertificates |

Each message names the feature (or listener) and why; never any PEM.
"""  # noqa: E501  # a table row per condition reads better than wrapped cells

from __future__ import annotations

import datetime as dt

from ngf_console.api.v1alpha1.common import Condition
from ngf_console.operator.children.gatewaybundle import BundlePlan
from ngf_console.operator.children.gatewaybundle_nginxproxy import Gap
from ngf_console.operator.conditions import set_condition


def _gaps(gaps: list[Gap]) -> str:
    return "; ".join(f"{gap.feature}: {gap.why}" for gap in gaps)


def _tls(plan: BundlePlan) -> tuple[bool, str, str]:
    if not plan.tls:
        return True, "NoInlineCertificates", "no listener has an inline certificate"
    bad = [t for t in plan.tls if t.reason is not None]
    if not bad:
        names = ", ".join(t.listener for t in plan.tls)
        return True, "InlineCertificatesValid", f"inline certificates of {names} are valid"
    message = "; ".join(
        f"listener {t.listener}: {t.message}; Secret {t.secret} not updated" for t in bad
    )
    return False, bad[0].reason or "Invalid", message


def feature_conditions(
    conds: list[Condition], plan: BundlePlan, *, generation: int | None, now: dt.datetime
) -> list[Condition]:
    """`conds` with the three conditions set from `plan`."""
    conds = set_condition(
        conds,
        "EnterpriseFeatureUnavailable",
        "True" if plan.unavailable else "False",
        "FeatureUnavailable" if plan.unavailable else "AllFeaturesAvailable",
        _gaps(plan.unavailable) or "every requested feature is available on the connected NGF",
        generation=generation,
        now=now,
    )
    conds = set_condition(
        conds,
        "FeatureUnsupported",
        "True" if plan.unsupported else "False",
        "NotInNGFAPI" if plan.unsupported else "AllFieldsApplied",
        _gaps(plan.unsupported) or "every requested field is applied",
        generation=generation,
        now=now,
    )
    valid, reason, message = _tls(plan)
    return set_condition(
        conds,
        "TLSCertificatesValid",
        "True" if valid else "False",
        reason,
        message,
        generation=generation,
        now=now,
    )
