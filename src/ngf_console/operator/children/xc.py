"""The DistributedCloudPublish child of a stack with `spec.distributedCloud`."""

from __future__ import annotations

from ngf_console.api.v1alpha1.common import ObjectMeta, ObjectReference
from ngf_console.api.v1alpha1.distributedcloudpublish import (
    DistributedCloudPublish,
    DistributedCloudPublishSpec,
    DistributedCloudSpec,
    ProtectionSpec,
    PublishTLSSpec,
    RateLimitingSpec,
)
from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.operator.children.meta import Manifest, Owner, owned_metadata
from ngf_console.operator.children.pool import pool_name


def build_publish(stack: InferenceStack, owner: Owner) -> Manifest | None:
    """DistributedCloudPublish `<stack>-xc` targeting the pool, or None without XC."""
    xc = stack.spec.distributed_cloud
    if xc is None:
        return None
    limit = xc.per_tenant_rate_limit
    publish = DistributedCloudPublish(
        metadata=ObjectMeta.model_validate(
            owned_metadata(owner, f"{stack.metadata.name}-xc", "xc")
        ),
        spec=DistributedCloudPublishSpec(
            inference_pool_ref=ObjectReference(name=pool_name(stack)),
            distributed_cloud=DistributedCloudSpec(
                tenant=xc.tenant,
                namespace=xc.namespace,
                waf_policy=xc.waf_policy,
                bot_defense=ProtectionSpec(enabled=True) if xc.bot_defense else None,
                ddos_protection=ProtectionSpec(enabled=True) if xc.ddos_protection else None,
                rate_limiting=None
                if limit is None
                else RateLimitingSpec(
                    per_tenant=True,
                    default_rate=limit.requests_per_minute,
                    default_token_budget=limit.tokens_per_minute,
                ),
                public_hostname=xc.public_hostname,
                tls=PublishTLSSpec(mode=xc.tls_mode),
            ),
        ),
    )
    return publish.to_k8s()
