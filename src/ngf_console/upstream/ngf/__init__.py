"""NGINX Gateway Fabric 2.6.7: the `gateway.nginx.org` kinds, as typed models.

Authored from NGF 2.6.7's documented API (the research notes in `research/ngf-xc-ui.md` §1.2
and NGF's documentation), not copied from NGF's YAML. Fields that exist only on NGF's `main`
branch are left out. Nested structures the documentation names without detailing are modelled
as far as documented and otherwise kept free-form (`x-kubernetes-preserve-unknown-fields`).

`crdgen` generates the CRDs under `hack/crds/ngf/` from these models, because NGF's Go module
is not served by the Go module proxy the local control plane installs third-party CRDs from.
`registry.KINDS` lists every kind with its names; `examples` holds a valid object of each kind.
"""

from ngf_console.upstream.ngf.meta import GROUP
from ngf_console.upstream.ngf.registry import KINDS, NgfKind, by_kind

__all__ = ["GROUP", "KINDS", "NgfKind", "by_kind"]
