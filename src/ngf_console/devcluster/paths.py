"""Where the repository, the build cache and the cluster's data live."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The checkout that holds `hack/localcluster` (env `NGF_CONSOLE_ROOT` overrides)."""
    override = os.environ.get("NGF_CONSOLE_ROOT")
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "hack" / "localcluster" / "go.mod").is_file():
            return parent
    raise FileNotFoundError(
        "cannot find hack/localcluster: run from an NGF Console checkout "
        "or set NGF_CONSOLE_ROOT to one"
    )


def cache_dir() -> Path:
    """`.cache/` in the checkout: build outputs and the default cluster data."""
    return repo_root() / ".cache"


def binary_path() -> Path:
    """The built control-plane binary."""
    return cache_dir() / "localcluster" / "bin" / "localcluster"


def default_data_dir() -> Path:
    """Data directory of the cluster that `make cluster-up` starts."""
    return cache_dir() / "localcluster"
