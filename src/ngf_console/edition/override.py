"""The edition an installer sets (`NGF_CONSOLE_EDITION`), which wins over detection.

Detection (`detect`) reads the cluster; an installer who knows better — NGF's control plane
is in a namespace the console may not read, or a Plus data plane is being rolled out — sets
`NGF_CONSOLE_EDITION` (the Helm value `ngf.edition`) on the operator and the API server:

| value | edition |
|---|---|
| `auto` (default) | what detection finds |
| `oss` | `oss`: NGINX Plus features (WAF, Plus-only policies) are refused and greyed out |
| `enterprise` | `plus`: they are allowed even when detection found no Plus signal |

The forced edition keeps what detection found (version, snippets, the WAFPolicy CRD,
supported features) and says in its reason that it was set, and what was detected.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from ngf_console.edition.model import Edition, EditionName

EditionSetting = Literal["auto", "oss", "enterprise"]
ENV_VAR = "NGF_CONSOLE_EDITION"
FORCED: dict[str, EditionName] = {"oss": "oss", "enterprise": "plus"}


class EditionSettings(BaseSettings):
    """`NGF_CONSOLE_EDITION` from the environment."""

    model_config = SettingsConfigDict(env_prefix="NGF_CONSOLE_", extra="ignore")

    edition: EditionSetting = Field(
        default="auto",
        description="auto (detect from the cluster), oss or enterprise (NGINX Plus).",
    )


def configured() -> EditionSetting:
    """The edition the environment sets; a bad value is a ValueError naming the variable."""
    try:
        return EditionSettings().edition
    except ValidationError as e:
        raise ValueError(f"{ENV_VAR} must be auto, oss or enterprise") from e


def apply(detected: Edition, setting: EditionSetting) -> Edition:
    """`detected`, or the edition `setting` forces (see the module docstring)."""
    forced = FORCED.get(setting)
    if forced is None:
        return detected
    return replace(
        detected,
        name=forced,
        reason=(
            f"set to {setting} by the installer ({ENV_VAR}, Helm value ngf.edition); "
            f"detected {detected.name}: {detected.reason}"
        ),
    )
