"""One deployment unit against Azure Resource Manager: validate, what-if, deploy, with progress.

The scheduler calls ``preview`` and ``deploy`` from its worker threads. Everything that waits checks the
cancel event between polls, so Ctrl-C returns promptly, leaving (and naming) what still runs in Azure.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from relecloud_templates.deploy.errors import UnitError, explain, failed_operations
from relecloud_templates.deploy.plan import Unit
from relecloud_templates.deploy.scheduler import Interrupted
from relecloud_templates.deploy.secrets import Secret

ACTIVE_STATES = ("Accepted", "Running", "Deploying", "Creating", "Updating", "Waiting", "Validating")


@dataclass(frozen=True)
class Change:
    change_type: str  # Create | Delete | Modify | NoChange | Ignore | Deploy | Unsupported
    resource_id: str
    changed_paths: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``Microsoft.Network/virtualNetworks rc-dev-vnet`` from the resource ID."""
        parts = self.resource_id.strip("/").split("/")
        if "providers" not in parts:  # a resource group: /subscriptions/{sub}/resourceGroups/{name}
            return f"Microsoft.Resources/resourceGroups {parts[-1]}"
        tail = parts[len(parts) - 1 - parts[::-1].index("providers") + 1:]
        namespace, rest = tail[0], tail[1:]
        return f"{namespace}/{'/'.join(rest[0::2])} {'/'.join(rest[1::2])}"


@dataclass
class Preview:
    """What validate and what-if said about a unit; ``deferred`` when its resource group does not exist yet."""

    changes: list[Change] = field(default_factory=list)
    resource_count: int = 0
    deferred: str = ""  # why it could not be previewed now

    def count(self, change_type: str) -> int:
        return sum(1 for c in self.changes if c.change_type == change_type)


@dataclass
class Deployed:
    outputs: dict
    preview: Preview


Reporter = Callable[[str, str], None]  # (unit name, phase text)


class StillRunning(Interrupted):
    """Ctrl-C while a unit's deployment was running in Azure: it goes on there without us."""

    def __init__(self, unit: Unit):
        super().__init__(f"deployment {unit.deployment_name} is still running in Azure")
        self.unit = unit


class AzureUnitRunner:
    def __init__(self, clients, secrets: dict[str, dict[str, Secret]], *, complete: bool, cancel: threading.Event,
                 phase: Reporter, endpoint: str | None, poll: float, created_groups: dict[tuple[str, str], str]):
        self.clients, self.secrets, self.complete, self.cancel = clients, secrets, complete, cancel
        self.phase, self.endpoint, self.poll = phase, endpoint, poll
        # (subscription, resource group lower) -> the unit that creates it; for previews before it exists
        self.created_groups = created_groups

    # -- requests ------------------------------------------------------------------------------------------
    def mode(self, unit: Unit) -> str:
        # ARM supports Complete mode only at resource-group scope.
        return "Complete" if self.complete and unit.scope == "resourceGroup" else "Incremental"

    def body(self, unit: Unit, what_if: bool = False) -> dict:
        parameters = dict(unit.parameters)
        for name, secret in self.secrets.get(unit.name, {}).items():
            parameters[name] = {"value": secret.reveal()}
        props = {"mode": self.mode(unit), "template": unit.template, "parameters": parameters}
        if what_if:
            props["whatIfSettings"] = {"resultFormat": "ResourceIdOnly"}
        body = {"properties": props}
        if unit.scope == "subscription":
            body["location"] = unit.location
        return body

    def _call(self, unit: Unit, operation: str, *args):
        """Call ``deployments.<operation>`` at the unit's scope (``begin_validate`` -> ``..._at_subscription_scope``)."""
        ops = self.clients.deployments(unit.subscription_id).deployments
        if unit.scope == "subscription":
            return getattr(ops, f"{operation}_at_subscription_scope")(unit.deployment_name, *args)
        return getattr(ops, operation)(unit.resource_group, unit.deployment_name, *args)

    def operations(self, unit: Unit) -> list[dict]:
        ops = self.clients.deployments(unit.subscription_id).deployment_operations
        if unit.scope == "subscription":
            pages = ops.list_at_subscription_scope(unit.deployment_name)
        else:
            pages = ops.list(unit.resource_group, unit.deployment_name)
        return [op.as_dict() for op in pages]

    # -- phases -----------------------------------------------------------------------------------------------
    def preview(self, unit: Unit, what_if: bool = True) -> Preview:
        phase = "validate"
        try:
            self.phase(unit.name, "validating")
            validated = self._wait(self._call(unit, "begin_validate", self.body(unit)), unit, in_azure=False)
            props = validated.as_dict().get("properties") or {}
            count = len(props.get("validatedResources") or ())
            if not what_if:
                return Preview(resource_count=count)
            phase = "what-if"
            self.phase(unit.name, "what-if")
            result = self._wait(self._call(unit, "begin_what_if", self.body(unit, what_if=True)), unit,
                                in_azure=False).as_dict()
        except Interrupted:
            raise
        except Exception as exc:  # every SDK failure becomes an explanation, never a traceback
            deferred = self._deferred(unit, exc)
            if deferred:
                return Preview(deferred=deferred)
            raise explain(exc, phase, self.endpoint) from None
        changes = [Change(c.get("changeType", "Unsupported"), c.get("resourceId", "?"),
                          tuple(d.get("path", "") for d in c.get("delta") or ()))
                   for c in (result.get("properties") or {}).get("changes") or ()]
        return Preview(sorted(changes, key=lambda c: c.resource_id.lower()), count)

    def _deferred(self, unit: Unit, exc: Exception) -> str:
        code = getattr(getattr(exc, "error", None), "code", None)
        creator = self.created_groups.get((unit.subscription_id, (unit.resource_group or "").lower()))
        if code == "ResourceGroupNotFound" and creator:
            return f"resource group {unit.resource_group} does not exist yet; unit {creator!r} creates it"
        return ""

    def deploy(self, unit: Unit, preview: Preview | None = None) -> Deployed:
        if preview is None or preview.deferred:
            preview = self.preview(unit)
            if preview.deferred:
                raise UnitError(preview.deferred, phase="validate")
        self.phase(unit.name, "deploying")
        try:
            poller = self._begin_deployment(unit)
            result = self._wait(poller, unit, in_azure=True, total=preview.resource_count)
        except (Interrupted, UnitError):
            raise
        except Exception as exc:
            error = explain(exc, "deployment", self.endpoint)
            error.details += self._failed_operations(unit)
            raise error from None
        outputs = (result.as_dict().get("properties") or {}).get("outputs") or {}
        return Deployed({k: v.get("value") for k, v in sorted(outputs.items())}, preview)

    def _begin_deployment(self, unit: Unit):
        from azure.core.exceptions import HttpResponseError

        try:
            return self._call(unit, "begin_create_or_update", self.body(unit))
        except HttpResponseError as exc:
            if getattr(exc.error, "code", None) != "DeploymentActive":
                raise
        # Started by an earlier run (stopped with Ctrl-C): wait for it to end, then deploy again.
        self.phase(unit.name, "waiting for the earlier deployment still running in Azure")
        while True:
            self._sleep(unit)
            state = self._call(unit, "get").as_dict().get("properties", {}).get("provisioningState")
            if state not in ACTIVE_STATES:
                return self._call(unit, "begin_create_or_update", self.body(unit))

    def _failed_operations(self, unit: Unit) -> list[str]:
        try:
            return failed_operations(self.operations(unit))
        except Exception as exc:  # the listing is a courtesy; its own failure must not hide the real one
            return [f"(could not list the deployment operations: {explain(exc, 'list', self.endpoint)})"]

    def _wait(self, poller, unit: Unit, *, in_azure: bool, total: int = 0):
        """The poller's result; reports progress every polling interval and notices Ctrl-C within a moment."""
        step = min(self.poll, 0.25)
        next_report = time.monotonic() + self.poll
        while not poller.done():
            poller.wait(timeout=step)  # returns as soon as the operation ends
            if self.cancel.is_set():
                raise StillRunning(unit) if in_azure else Interrupted("stopped before the deployment started")
            if in_azure and not poller.done() and time.monotonic() >= next_report:
                self._report_progress(unit, total)
                next_report = time.monotonic() + self.poll
        return poller.result()

    def _sleep(self, unit: Unit) -> None:
        if self.cancel.wait(self.poll):
            raise StillRunning(unit)

    def _report_progress(self, unit: Unit, total: int) -> None:
        try:
            ops = self.operations(unit)
        except Exception:  # progress is best effort; the deployment's own poller reports real failures
            return
        done = sum(1 for op in ops if (op.get("properties") or {}).get("provisioningState") == "Succeeded")
        self.phase(unit.name, f"deploying {done}/{max(total, len(ops))} operations")


def group_creators(units) -> dict[tuple[str, str], str]:
    """(subscription, resource group) -> the landing zone unit that creates it (the first one it depends on)."""
    by_name = {u.name: u for u in units}
    found: dict[tuple[str, str], str] = {}
    for unit in units:
        if unit.scope != "resourceGroup":
            continue
        creator = next((d for d in unit.depends_on if by_name.get(d) is not None
                        and by_name[d].scope == "subscription"), None)
        if creator:
            found.setdefault((unit.subscription_id, unit.resource_group.lower()), creator)
    return found
