"""Which NGINX Gateway Fabric is connected — OSS or with NGINX Plus — and what it can do.

* `model` — `Signals` (what was seen) and `Edition` (what it means, with
  `why_unavailable(feature)` for condition messages and UI gating);
* `signals` — pure extraction of signals from Kubernetes objects;
* `detect` — the pure decision `detect(signals) -> Edition`;
* `gather` — `EditionWatcher`: signals from the shared cache, re-detected on change;
* `override` — the installer's `NGF_CONSOLE_EDITION` (auto | oss | enterprise), which wins.

Used by the operator (feature gating of GatewayBundle children) and by the API server
(greying out Plus features), so this package imports neither of them; it reaches the
cluster only through `ngf_console.kube` and `ngf_console.runtime`.
"""

from ngf_console.edition.detect import detect
from ngf_console.edition.gather import EditionSources, EditionWatcher
from ngf_console.edition.model import (
    ControlPlane,
    Edition,
    EditionName,
    Feature,
    GatewayClassInfo,
    Signals,
)

__all__ = [
    "ControlPlane",
    "Edition",
    "EditionName",
    "EditionSources",
    "EditionWatcher",
    "Feature",
    "GatewayClassInfo",
    "Signals",
    "detect",
]
