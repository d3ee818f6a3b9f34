"""What edition detection reads (`Signals`) and what it concludes (`Edition`).

Both are plain frozen dataclasses, so the decision (`detect`) is a pure function that unit
tests drive with hand-made signals, and callers (the operator, the API server) compare and
cache results by value.

An `Edition` answers "may I use feature X on this NGF?" with `why_unavailable(feature)`:
None when the feature is available, otherwise a sentence naming the feature and the reason,
ready for a condition message or a UI tooltip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

EditionName = Literal["plus", "oss", "unknown"]
Feature = Literal["plus", "waf", "snippets", "snippets-policy"]

NGF_CONTROLLER_NAME = "gateway.nginx.org/nginx-gateway-controller"
"""The controllerName NGF writes on its GatewayClass (Helm default)."""

USAGE_SECRET_DEFAULT = "nplus-license"  # noqa: S105  # a Secret's name, not a password
"""The usage-report Secret NGF with NGINX Plus reads by default (`--usage-report-secret`)."""

WAF_CRD = "wafpolicies.gateway.nginx.org"
SNIPPETS_POLICY_SINCE = (2, 4, 0)
"""SnippetsPolicy first shipped in NGF 2.4.0."""

_VERSION = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?")


@dataclass(frozen=True)
class ControlPlane:
    """NGF's control-plane Deployment as far as detection cares: where, image, flags."""

    namespace: str
    name: str
    image: str
    args: tuple[str, ...] = ()

    def flag(self, name: str) -> bool:
        """Whether `--name` (or `--name=true`) is on the command line."""
        for arg in self.args:
            if arg == f"--{name}":
                return True
            if arg.startswith(f"--{name}="):
                return arg.partition("=")[2].lower() in {"true", "1", "t"}
        return False

    def value(self, name: str) -> str | None:
        """The value of `--name=value` (or `--name value`), if given."""
        for i, arg in enumerate(self.args):
            if arg.startswith(f"--{name}="):
                return arg.partition("=")[2]
            if arg == f"--{name}" and i + 1 < len(self.args):
                following = self.args[i + 1]
                return None if following.startswith("-") else following
        return None

    def __str__(self) -> str:
        return f"{self.namespace}/{self.name}"


@dataclass(frozen=True)
class GatewayClassInfo:
    """The GatewayClass NGF manages: its name and the features NGF says it supports."""

    name: str
    controller_name: str
    supported_features: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signals:
    """Everything detection looks at, gathered from the cluster (or written by a test).

    `namespace` is where the control plane was looked for and `controller_name` the
    GatewayClass controller searched for (both used in messages);
    `data_plane_image` is the NGINX image the GatewayClass's NginxProxy asks for;
    `usage_secret` is the usage-report Secret found next to the control plane, if any.
    """

    namespace: str = "nginx-gateway"
    controller_name: str = NGF_CONTROLLER_NAME
    control_plane: ControlPlane | None = None
    gateway_class: GatewayClassInfo | None = None
    data_plane_image: str | None = None
    usage_secret: str | None = None
    waf_crd: bool = False


@dataclass(frozen=True)
class Edition:
    """What the connected NGF is and can do (see the module docstring)."""

    name: EditionName
    reason: str
    evidence: tuple[str, ...] = ()
    version: str | None = None
    control_plane: str | None = None
    snippets: bool = False
    waf_crd: bool = False
    gateway_class: str | None = None
    supported_features: tuple[str, ...] = ()

    @property
    def plus(self) -> bool:
        """NGF runs with NGINX Plus."""
        return self.name == "plus"

    @property
    def waf(self) -> bool:
        """WAFPolicy can be used: NGINX Plus and the WAFPolicy CRD."""
        return self.plus and self.waf_crd

    def version_at_least(self, minimum: tuple[int, int, int]) -> bool:
        """True unless the version is known and older (unknown or `edge` counts as new)."""
        parsed = parse_version(self.version)
        return parsed is None or parsed >= minimum

    def why_unavailable(self, feature: Feature) -> str | None:
        """None when `feature` is available; otherwise which feature and why not."""
        if self.name == "unknown":
            return f"NGINX Gateway Fabric was not detected ({self.reason})"
        if feature in ("plus", "waf") and not self.plus:
            return f"needs NGINX Plus; {self.reason}"
        if feature == "waf" and not self.waf_crd:
            return f"the WAFPolicy CRD ({WAF_CRD}, NGF 2.6.0+) is not installed"
        if feature in ("snippets", "snippets-policy") and not self.snippets:
            return self._snippets_off()
        if feature == "snippets-policy" and not self.version_at_least(SNIPPETS_POLICY_SINCE):
            return f"SnippetsPolicy needs NGF 2.4.0 or later; NGF runs {self.version}"
        return None

    def _snippets_off(self) -> str:
        if self.control_plane is None:
            return (
                "snippets need NGF's --snippets flag, and NGF's control-plane Deployment is "
                "not visible to check it"
            )
        return f"NGF {self.control_plane} runs without --snippets (or --snippets-filters)"


def parse_version(version: str | None) -> tuple[int, int, int] | None:
    """`2.6.7` / `v2.6` → (2, 6, 7) / (2, 6, 0); None for `edge`, digests or nothing."""
    if version is None:
        return None
    match = _VERSION.match(version)
    if match is None:
        return None
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch or 0)
