"""Everything one InferenceStack should own, in apply order.

`desired_children(stack, settings, facts)` is pure: the controller gathers the
few facts that depend on the cluster (the stack's uid, the replica count to
apply, which Deployment the autoscaler scales) and applies what this returns.
Apply order follows the spec: EPP → model servers → InferencePool → Gateway →
HTTPRoute (+ policy) → autoscaler → DistributedCloudPublish.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.operator.children import autoscaler, epp, pool, route, xc
from ngf_console.operator.children.meta import STACK_LABEL, Manifest, Owner
from ngf_console.operator.settings import OperatorSettings


@dataclass(frozen=True)
class StackFacts:
    """What the builders need from the cluster."""

    uid: str
    model_replicas: int
    scale_target: str | None


@dataclass(frozen=True)
class DesiredChildren:
    """The children to apply, plus what could not be built and why."""

    manifests: list[Manifest]
    epp_config_hash: str
    problems: dict[str, str] = field(default_factory=dict)


def stack_owner(stack: InferenceStack, uid: str) -> Owner:
    """The stack as the owner of its children."""
    return Owner(
        "InferenceStack",
        stack.metadata.name or "",
        stack.metadata.namespace or "",
        uid,
        STACK_LABEL,
    )


def _autoscaler(
    stack: InferenceStack, owner: Owner, settings: OperatorSettings, target: str | None
) -> tuple[list[Manifest], str | None]:
    scaling = stack.spec.autoscaling
    if scaling is None:
        return [], None
    if target is None:
        return [], (
            "autoscaling needs a Deployment to scale: no Deployment in "
            f"{stack.metadata.namespace} has pods matching pool.selector"
        )
    if scaling.backend == "keda":
        obj = autoscaler.build_scaled_object(stack, scaling, owner, target, settings.prometheus_url)
        return [obj], None
    rules = autoscaler.build_adapter_rules(stack, owner, target)
    return [rules, autoscaler.build_hpa(stack, scaling, owner, target)], None


def desired_children(
    stack: InferenceStack, settings: OperatorSettings, facts: StackFacts
) -> DesiredChildren:
    """Every child the stack should own right now."""
    owner = stack_owner(stack, facts.uid)
    config = epp.render_config(stack, settings.epp_image)
    manifests: list[Manifest] = [
        *epp.build_rbac(stack, owner),
        epp.build_config_map(stack, owner, config),
        epp.build_service(stack, owner),
        epp.build_deployment(stack, owner, settings.epp_image, config),
    ]
    problems: dict[str, str] = {}
    model = pool.build_model_deployment(stack, owner, facts.model_replicas)
    if model is not None:
        manifests.append(model)
    manifests.append(pool.build_inference_pool(stack, owner))
    try:
        gateway = route.build_gateway(stack, owner, settings)
    except route.UnsupportedListenerError as e:
        problems["gateway"] = str(e)
        gateway = None
    if gateway is not None:
        manifests.append(gateway)
    manifests += [
        route.build_http_route(stack, owner),
        route.build_proxy_settings_policy(stack, owner),
    ]
    scalers, problem = _autoscaler(stack, owner, settings, facts.scale_target)
    manifests += scalers
    if problem is not None:
        problems["autoscaler"] = problem
    publish = xc.build_publish(stack, owner)
    if publish is not None:
        manifests.append(publish)
    return DesiredChildren(manifests, epp.config_hash(config), problems)
