"""Every controller of the operator, registered on one Manager."""

from __future__ import annotations

from ngf_console.operator.inferencestack import wiring as inferencestack
from ngf_console.operator.settings import OperatorSettings
from ngf_console.runtime import Manager


def register_controllers(manager: Manager, settings: OperatorSettings) -> None:
    """Wire every controller (call before `manager.run()`)."""
    inferencestack.register(manager, settings)
