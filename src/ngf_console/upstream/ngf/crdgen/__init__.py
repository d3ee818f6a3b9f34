"""Generate NGF's CRDs from the models in `ngf_console.upstream.ngf`.

`python -m ngf_console.upstream.ngf.crdgen` writes `hack/crds/ngf/gateway.nginx.org_<plural>.yaml`;
`--check` verifies them instead. The local control plane installs these files because NGF's Go
module is not served by the Go module proxy it installs other third-party CRDs from. The output
is deterministic, byte for byte, and uses the same structural-schema conversion as our own CRDs
(`ngf_console.api.crdgen`).
"""

from ngf_console.upstream.ngf.crdgen.cli import CRD_DIR, generated_files, main
from ngf_console.upstream.ngf.crdgen.crd import crd_document, file_name, render_crd

__all__ = ["CRD_DIR", "crd_document", "file_name", "generated_files", "main", "render_crd"]
