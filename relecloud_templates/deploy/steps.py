"""Steps that run after a unit's deployment stack succeeded, before its dependants start.

Some things cannot be done in an ARM template: approving a managed private endpoint that another service
requested, granting Synapse workspace roles (data plane). A step does such work for the units it applies to,
with the unit's outputs and the run's clients. The runner calls every step of ``POST_DEPLOYMENT_STEPS`` in order
after the stack deployment (never in a preview); a step that raises fails the unit (its dependants are
skipped), with the step's name as the phase. Add a step by appending an object with ``name``, ``applies_to``
and ``run`` to the tuple below.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from relecloud_templates.deploy.plan_file import Unit


@dataclass
class StepContext:
    unit: Unit
    outputs: dict[str, Any]  # the unit's deployment outputs, by name
    clients: Any  # connection.Clients: ARM clients per subscription, and the signed-in credential
    cancel: threading.Event  # set when the run is interrupted: stop waiting and raise scheduler.Interrupted
    phase: Callable[[str], None]  # report progress, e.g. phase("approving 2 private endpoints")
    max_parallel: int = 4  # how much of its work a step may do at once (deploy --max-parallel)


class PostDeploymentStep(Protocol):
    name: str  # a short verb phrase, shown as the unit's phase and in failures

    def applies_to(self, unit: Unit) -> bool: ...

    def run(self, context: StepContext) -> list[str]:
        """Do the work; return lines for the report (what was done)."""
        ...


def _steps() -> tuple[PostDeploymentStep, ...]:
    from relecloud_templates.deploy.dataplane import DataPlaneStep

    return (DataPlaneStep(),)


POST_DEPLOYMENT_STEPS: tuple[PostDeploymentStep, ...] = _steps()
