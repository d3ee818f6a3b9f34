"""The product's public API: typed models of the parent custom resources.

`ngf_console.api.v1alpha1` holds one module per kind; `ngf_console.api.crdgen` turns those
models into the CRD YAML under `config/crd/bases` and the field reference in
`docs/crd-reference.md`. This package depends on pydantic and PyYAML only: no Kubernetes
client and no other part of the product (an import-linter contract enforces it).
"""

GROUP = "ngf-console.f5.com"
"""The API group of every parent kind."""
