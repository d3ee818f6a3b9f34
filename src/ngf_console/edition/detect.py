"""Decide the edition from signals (pure).

Evidence, strongest first (research/ngf-xc-ui.md §1.4):

1. `--nginx-plus` on the control-plane container. When the control plane is visible this
   decides alone: without the flag NGF generates NGINX OSS configuration even if a Plus
   image or a usage-report Secret is around (those are then named as ignored).
2. An NGINX Plus data-plane image (`…/nginx-plus`, `…/nginx-plus-f5waf`) in the
   GatewayClass's NginxProxy — used when the control plane is not visible.
3. The usage-report Secret (`nplus-license` or `--usage-report-secret`) — a weak signal,
   used last and said to be weak.

NGF is "present" when its control plane or a GatewayClass with its controllerName is
found; otherwise the edition is `unknown` and the reason says what was looked for.
Snippets are enabled by `--snippets` (or the older `--snippets-filters`); the version is
the control-plane image tag; WAF needs Plus and the WAFPolicy CRD.
"""

from __future__ import annotations

from ngf_console.edition.model import Edition, EditionName, Signals
from ngf_console.edition.signals import is_plus_image, version_from_image


def _evidence(signals: Signals) -> list[str]:
    found = []
    plane = signals.control_plane
    if plane is not None and plane.flag("nginx-plus"):
        found.append(f"control plane {plane} runs with --nginx-plus")
    if signals.data_plane_image is not None and is_plus_image(signals.data_plane_image):
        found.append(f"data-plane image {signals.data_plane_image} is NGINX Plus")
    if signals.usage_secret is not None:
        found.append(f"usage-report Secret {signals.usage_secret} exists")
    return found


def _decide(signals: Signals, evidence: list[str]) -> tuple[EditionName, str]:
    plane = signals.control_plane
    if plane is not None:
        if plane.flag("nginx-plus"):
            return "plus", evidence[0]
        reason = f"control plane {plane} runs without --nginx-plus"
        if evidence:
            reason += (
                f" (ignoring {'; '.join(evidence)}: without the flag NGF generates "
                "NGINX OSS configuration)"
            )
        return "oss", reason
    hidden = f"control plane not visible in namespace {signals.namespace}"
    if signals.data_plane_image is not None and is_plus_image(signals.data_plane_image):
        return "plus", f"{evidence[0]} ({hidden})"
    if signals.usage_secret is not None:
        return "plus", f"{evidence[0]} (a weak signal; {hidden})"
    return "oss", f"no NGINX Plus signal ({hidden})"


def detect(signals: Signals) -> Edition:
    """The edition and capabilities `signals` show (see the module docstring)."""
    plane = signals.control_plane
    gateway_class = signals.gateway_class
    if plane is None and gateway_class is None:
        return Edition(
            name="unknown",
            reason=(
                f"no NGF control-plane Deployment in namespace {signals.namespace} and no "
                f"GatewayClass with controllerName {signals.controller_name}"
            ),
            waf_crd=signals.waf_crd,
        )
    evidence = _evidence(signals)
    name, reason = _decide(signals, evidence)
    return Edition(
        name=name,
        reason=reason,
        evidence=tuple(evidence),
        version=version_from_image(plane.image) if plane is not None else None,
        control_plane=str(plane) if plane is not None else None,
        snippets=plane is not None and (plane.flag("snippets") or plane.flag("snippets-filters")),
        waf_crd=signals.waf_crd,
        gateway_class=gateway_class.name if gateway_class is not None else None,
        supported_features=gateway_class.supported_features if gateway_class else (),
    )
