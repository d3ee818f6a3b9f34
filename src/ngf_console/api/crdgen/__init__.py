"""Generate the parent CRDs and their field reference from the pydantic models.

`python -m ngf_console.api.crdgen` writes `config/crd/bases/ngf-console.f5.com_<plural>.yaml`
and `docs/crd-reference.md`; `--check` verifies them instead (CI fails on drift). The output
is a pure function of the models: deterministic, byte for byte.
"""

from ngf_console.api.crdgen.cli import generated_files, main

__all__ = ["generated_files", "main"]
