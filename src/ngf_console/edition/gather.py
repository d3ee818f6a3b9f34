"""Gather detection signals from the shared cache and keep the edition current.

`EditionWatcher` asks the cache for a few small informers and reads them — never the API
server directly — so the operator and the API server share one mechanism:

| informer | why |
|---|---|
| Deployments in NGF's namespace | the control plane: `--nginx-plus`, `--snippets`, image tag |
| Secrets in NGF's namespace (optional) | the usage-report Secret |
| NginxProxies in NGF's namespace | the data-plane image of the GatewayClass's NginxProxy |
| GatewayClasses | NGF's class and its `status.supportedFeatures` |
| CRDs labelled `gateway.networking.k8s.io/policy=inherited` | is WAFPolicy installed? (few CRDs) |

`current()` is computed once and cached (and overridden by `NGF_CONSOLE_EDITION`, see
`override`); any change any of these informers sees clears
the cache, so the next call re-detects. Controllers that depend on the edition watch the
same informers (`watched()`) to reconcile again when it may have changed.
A process without permission to read Secrets there (e.g. the API server) passes
`EditionSources(secrets=False)`; the weak usage-Secret signal is then absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ngf_console.edition import override
from ngf_console.edition import signals as extract
from ngf_console.edition.detect import detect
from ngf_console.edition.model import (
    NGF_CONTROLLER_NAME,
    USAGE_SECRET_DEFAULT,
    WAF_CRD,
    ControlPlane,
    Edition,
    Signals,
)
from ngf_console.kube.resources import GatewayClass, Kind, NginxProxy, resource_for, to_dict
from ngf_console.runtime import Cache, Change
from ngf_console.runtime.keys import ObjectKey

POLICY_LABEL = "gateway.networking.k8s.io/policy"
INHERITED_POLICY_CRDS = {POLICY_LABEL: "inherited"}
CustomResourceDefinition = resource_for("apiextensions.k8s.io/v1", "CustomResourceDefinition")
Deployment = resource_for("apps/v1", "Deployment")
Secret = resource_for("v1", "Secret")

Watched = tuple[Kind, str | None, dict[str, str] | None]
"""(kind, namespace or None for all, label selector or None)."""


@dataclass(frozen=True)
class EditionSources:
    """Where to look: NGF's namespace, its GatewayClass controller, whether to read Secrets;
    and the installer's edition setting (`NGF_CONSOLE_EDITION` unless given)."""

    namespace: str = "nginx-gateway"
    controller_name: str = NGF_CONTROLLER_NAME
    secrets: bool = True
    setting: override.EditionSetting = field(default_factory=override.configured)


class EditionWatcher:
    """The current edition, re-detected after any change of what it reads."""

    def __init__(self, cache: Cache, sources: EditionSources | None = None) -> None:
        self._cache = cache
        self._sources = sources or EditionSources()
        self._current: Edition | None = None
        for kind, namespace, labels in self.watched():
            cache.informer(kind, namespace=namespace, labels=labels).add_handler(self._changed)

    @property
    def sources(self) -> EditionSources:
        return self._sources

    def watched(self) -> list[Watched]:
        """The informers detection reads (watch them to follow edition changes)."""
        ns = self._sources.namespace
        found: list[Watched] = [
            (Deployment, ns, None),
            (NginxProxy, ns, None),
            (GatewayClass, None, None),
            (CustomResourceDefinition, None, INHERITED_POLICY_CRDS),
        ]
        if self._sources.secrets:
            found.append((Secret, ns, None))
        return found

    def current(self) -> Edition:
        """The edition now (cached until something it reads changes)."""
        if self._current is None:
            self._current = override.apply(detect(self.signals()), self._sources.setting)
        return self._current

    def signals(self) -> Signals:
        """What the cache shows now."""
        ns = self._sources.namespace
        plane = extract.control_plane(self._docs(Deployment, ns))
        classes = self._docs(GatewayClass, None)
        gateway_class = extract.gateway_class(classes, plane, self._sources.controller_name)
        image = None
        if gateway_class is not None:
            ref = extract.nginx_proxy_ref(gateway_class)
            proxy = self._get(NginxProxy, ns, ref) if ref is not None else None
            image = extract.data_plane_image(proxy) if proxy is not None else None
        return Signals(
            namespace=ns,
            controller_name=self._sources.controller_name,
            control_plane=plane,
            gateway_class=extract.gateway_class_info(gateway_class) if gateway_class else None,
            data_plane_image=image,
            usage_secret=self._usage_secret(plane),
            waf_crd=self._get(CustomResourceDefinition, None, ("", WAF_CRD)) is not None,
        )

    def _usage_secret(self, plane: ControlPlane | None) -> str | None:
        if not self._sources.secrets:
            return None
        ns = self._sources.namespace
        name = (plane.value("usage-report-secret") if plane else None) or USAGE_SECRET_DEFAULT
        return f"{ns}/{name}" if self._get(Secret, ns, (ns, name)) is not None else None

    def _informer(self, kind: Kind, namespace: str | None) -> Any:
        labels = INHERITED_POLICY_CRDS if kind is CustomResourceDefinition else None
        return self._cache.informer(kind, namespace=namespace, labels=labels)

    def _docs(self, kind: Kind, namespace: str | None) -> list[dict[str, Any]]:
        return [to_dict(obj) for obj in self._informer(kind, namespace).store]

    def _get(
        self, kind: Kind, namespace: str | None, key: tuple[str, str]
    ) -> dict[str, Any] | None:
        obj = self._informer(kind, namespace).store.get(ObjectKey(*key))
        return None if obj is None else to_dict(obj)

    def _changed(self, change: Change[Any]) -> None:
        self._current = None
