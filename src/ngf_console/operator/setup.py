"""Every controller of the operator, registered on one Manager.

Edition detection is shared: one `EditionWatcher` over the manager's cache, read by the
GatewayBundle controller (feature gating).
"""

from __future__ import annotations

from ngf_console.edition import EditionSources, EditionWatcher
from ngf_console.operator.certificatebundle import wiring as certificatebundle
from ngf_console.operator.gatewaybundle import wiring as gatewaybundle
from ngf_console.operator.inferencestack import wiring as inferencestack
from ngf_console.operator.settings import OperatorSettings
from ngf_console.runtime import Manager


def register_controllers(manager: Manager, settings: OperatorSettings) -> EditionWatcher:
    """Wire every controller (call before `manager.run()`); returns the edition watcher."""
    edition = EditionWatcher(manager.cache, EditionSources(namespace=settings.ngf_namespace))
    inferencestack.register(manager, settings)
    gatewaybundle.register(manager, settings, edition)
    certificatebundle.register(manager)
    return edition
