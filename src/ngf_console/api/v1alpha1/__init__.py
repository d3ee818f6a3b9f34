"""`ngf-console.f5.com/v1alpha1`: the five parent kinds.

One module per kind (Spec, Status and the kind itself); shared types in `common` and `types`;
the base model and CEL rule helpers in `base`; names and printer columns in `registry`.
"""

from ngf_console.api.v1alpha1.base import API_VERSION, VERSION, K8sModel
from ngf_console.api.v1alpha1.certificatebundle import CertificateBundle
from ngf_console.api.v1alpha1.distributedcloudpublish import DistributedCloudPublish
from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle
from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.api.v1alpha1.migrationplan import MigrationPlan
from ngf_console.api.v1alpha1.registry import KINDS, KindInfo, by_kind

__all__ = [
    "API_VERSION",
    "KINDS",
    "VERSION",
    "CertificateBundle",
    "DistributedCloudPublish",
    "GatewayBundle",
    "InferenceStack",
    "K8sModel",
    "KindInfo",
    "MigrationPlan",
    "by_kind",
]
