"""NginxGateway (v1alpha1): NGF's control-plane dynamic configuration.

The control plane reads the object named by its `--config` flag; today it carries only the
control plane's log level. NGF reports a `Valid` condition in `status.conditions`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.types import Conditions, conditions_field


class ControllerLogging(K8sModel):
    """Logging of the NGF control plane."""

    level: Literal["info", "debug", "error"] = Field(
        default="info", description="Log level of the control plane: info, debug or error."
    )


class NginxGatewaySpec(K8sModel):
    """Desired state of NGF's control-plane configuration."""

    logging: ControllerLogging | None = Field(
        default=None, description="Logging of the control plane."
    )


class NginxGatewayStatus(K8sModel):
    """State of NGF's control-plane configuration, written by NGF."""

    conditions: Conditions | None = conditions_field()


class NginxGateway(K8sModel):
    """NGINX Gateway Fabric NginxGateway: the dynamic configuration of NGF's control plane,
    named by its --config flag."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["NginxGateway"] = kind_field("NginxGateway")
    metadata: ObjectMeta = metadata_field()
    spec: NginxGatewaySpec = Field(description="Desired state of the control plane.")
    status: NginxGatewayStatus | None = Field(
        default=None, description="State of the configuration (condition Valid), written by NGF."
    )
