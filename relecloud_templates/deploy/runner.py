"""One deployment unit against Azure Resource Manager, as a deployment stack (stacks.py).

- ``preview``: validate the stack, what-if the template (property-level changes), and read the stack to
  know what an update would stop managing (to detach or delete, as ``--prune`` says).
- ``deploy``: create or update the stack and wait for it, then run the post-deployment steps (steps.py).
- ``destroy``: delete the stack, detaching or deleting what it manages.

The scheduler calls these from its worker threads. Everything that waits checks the cancel event between polls
(and the transport's retry waits do too), so Ctrl-C returns promptly; ``in_azure`` names the stacks whose
operation was sent and has not been seen to end, which is what a report of an interrupted run lists.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from relecloud_templates.deploy.errors import UnitError, explain, failed_operations, is_status_failure, lost_track
from relecloud_templates.deploy.plan_file import DeployPlan, Unit
from relecloud_templates.deploy.scheduler import Interrupted, run_graph
from relecloud_templates.deploy.secrets import Secret
from relecloud_templates.deploy.stacks import (
    TAG_UNIT,
    StackSettings,
    StackState,
    orphan_unit,
    scopes_to_search,
    settings_changes,
    stack_body,
)
from relecloud_templates.deploy.steps import POST_DEPLOYMENT_STEPS, PostDeploymentStep, StepContext

# What-if change types that change Azure (the rest: NoChange, Ignore, Unsupported).
PENDING = ("Create", "Modify", "Delete", "Detach", "Deploy")


@dataclass(frozen=True)
class PropertyChange:
    path: str
    change_type: str  # Create | Delete | Modify | Array | NoEffect
    before: Any = None
    after: Any = None
    children: tuple[PropertyChange, ...] = ()

    @classmethod
    def parse(cls, raw: dict) -> PropertyChange:
        return cls(str(raw.get("path", "")), str(raw.get("propertyChangeType", "Modify")), raw.get("before"),
                   raw.get("after"), tuple(cls.parse(c) for c in raw.get("children") or ()))


@dataclass(frozen=True)
class Change:
    change_type: str  # Create | Modify | Delete | Detach | Deploy | NoChange | Ignore | Unsupported
    resource_id: str
    properties: tuple[PropertyChange, ...] = ()

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
    """What validate, what-if and the stack said about a unit; ``deferred`` when its resource group does not
    exist yet (its landing zone creates it)."""

    changes: list[Change] = field(default_factory=list)
    resource_count: int = 0
    deferred: str = ""  # why it could not be previewed now
    stack: StackState | None = None  # the stack as it is (None: it will be created)
    stack_changes: list[str] = field(default_factory=list)  # settings an update changes
    validated_only: bool = False

    def count(self, change_type: str) -> int:
        return sum(1 for c in self.changes if c.change_type == change_type)

    @property
    def pending(self) -> bool:
        """Whether deploying would change Azure (the drift check's question)."""
        return bool(self.deferred or self.stack is None or self.stack_changes
                    or any(c.change_type in PENDING for c in self.changes))


@dataclass
class Deployed:
    outputs: dict
    preview: Preview
    detached: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the post-deployment steps did


@dataclass
class Destroyed:
    deleted: list[str] = field(default_factory=list)
    detached: list[str] = field(default_factory=list)
    absent: bool = False  # there was no stack to delete


Reporter = Callable[[str, str], None]  # (unit name, phase text)


class StillRunning(Interrupted):
    """Ctrl-C while a unit's stack operation was running in Azure: it goes on there without us."""

    def __init__(self, unit: Unit):
        super().__init__(f"deployment stack {unit.deployment_name} is still working in Azure")
        self.unit = unit


class AzureUnitRunner:
    def __init__(self, clients, secrets: dict[str, dict[str, Secret]], settings: StackSettings, *,
                 cancel: threading.Event, phase: Reporter, endpoint: str | None, poll: float,
                 created_groups: dict[tuple[str, str], str], watch=None,
                 steps: Sequence[PostDeploymentStep] = POST_DEPLOYMENT_STEPS,
                 again: Callable[[Unit], str] = lambda unit: "", max_parallel: int = 4):
        self.clients, self.secrets, self.settings, self.cancel = clients, secrets, settings, cancel
        self.phase, self.endpoint, self.poll, self.watch, self.steps = phase, endpoint, poll, watch, tuple(steps)
        self.again = again  # the command that finishes a unit's job (rerun.py), for hints
        self.max_parallel = max_parallel  # for the post-deployment steps' own work (deploy --max-parallel)
        # (subscription, resource group lower) -> the unit that creates it; for previews before it exists
        self.created_groups = created_groups
        self._lock = threading.Lock()
        self.in_azure: dict[str, tuple[Unit, str]] = {}  # unit -> (unit, "deployment" | "deletion") sent, not ended

    # -- requests ------------------------------------------------------------------------------------------
    def parameters(self, unit: Unit) -> dict:
        parameters = dict(unit.parameters)
        for name, secret in self.secrets.get(unit.name, {}).items():
            parameters[name] = {"value": secret.reveal()}
        return parameters

    def stack_body(self, unit: Unit) -> dict:
        return stack_body(unit, self.settings, self.parameters(unit))

    def what_if_body(self, unit: Unit) -> dict:
        props = {"mode": "Incremental", "template": unit.template, "parameters": self.parameters(unit),
                 "whatIfSettings": {"resultFormat": "FullResourcePayloads"}}
        body: dict = {"properties": props}
        if unit.scope == "subscription":
            body["location"] = unit.location
        return body

    def _stack_call(self, unit: Unit, operation: str, *args, **kwargs):
        """``deployment_stacks.<operation>`` at the unit's scope (``get`` -> ``get_at_subscription``)."""
        ops = self.clients.stacks(unit.subscription_id).deployment_stacks
        if unit.scope == "subscription":
            return getattr(ops, f"{operation}_at_subscription")(unit.deployment_name, *args, **kwargs)
        return getattr(ops, f"{operation}_at_resource_group")(unit.resource_group, unit.deployment_name, *args,
                                                              **kwargs)

    def _what_if(self, unit: Unit):
        ops = self.clients.deployments(unit.subscription_id).deployments
        if unit.scope == "subscription":
            return ops.begin_what_if_at_subscription_scope(unit.deployment_name, self.what_if_body(unit))
        return ops.begin_what_if(unit.resource_group, unit.deployment_name, self.what_if_body(unit))

    def stack(self, unit: Unit) -> StackState | None:
        """The unit's stack as Azure has it; None when there is none."""
        from azure.core.exceptions import ResourceNotFoundError

        try:
            return StackState.from_body(self._stack_call(unit, "get").as_dict())
        except ResourceNotFoundError:
            return None

    def operations(self, deployment_id: str | None) -> list[dict]:
        """The resource operations of the deployment a stack ran (its ``deploymentId``)."""
        if not deployment_id:
            return []
        parts = deployment_id.strip("/").split("/")
        subscription, name = parts[1], parts[-1]
        ops = self.clients.deployments(subscription).deployment_operations
        if parts[2].lower() == "resourcegroups":
            pages = ops.list(parts[3], name)
        else:
            pages = ops.list_at_subscription_scope(name)
        return [op.as_dict() for op in pages]

    def find_orphans(self, plan: DeployPlan) -> list[Unit]:
        """Stacks of this estate and environment (by their tags) whose unit the plan no longer has: at the
        subscriptions of the plan, in its resource groups and in those the estate's stacks manage."""
        from azure.core.exceptions import ResourceNotFoundError

        def at_subscription(sub: str) -> Callable[[], list[dict]]:
            return lambda: [b.as_dict() for b in self.clients.stacks(sub).deployment_stacks.list_at_subscription()]

        def in_group(sub: str, group: str) -> Callable[[], list[dict]]:
            def read() -> list[dict]:
                try:
                    return [b.as_dict() for b in self.clients.stacks(sub).deployment_stacks.list_at_resource_group(
                        group)]
                except ResourceNotFoundError:
                    return []  # the group is gone: so are the stacks in it
            return read

        names = set(plan.names())
        subscriptions = sorted({u.subscription_id for u in plan.units})
        by_subscription = dict(zip(subscriptions, self._read_all([at_subscription(s) for s in subscriptions]),
                                   strict=True))
        groups = scopes_to_search(plan, by_subscription)
        by_group = zip(groups, self._read_all([in_group(sub, group) for sub, group in groups]), strict=True)
        found: dict[str, Unit] = {}
        for (sub, group), bodies in [*(((sub, None), b) for sub, b in by_subscription.items()), *by_group]:
            for body in bodies:
                if self.settings.owns(body.get("tags") or {}) and body["tags"][TAG_UNIT] not in names:
                    found.setdefault(body["tags"][TAG_UNIT], orphan_unit(body, sub, group))
        return sorted(found.values(), key=lambda u: (u.scope != "resourceGroup", u.name))

    def _read_all(self, reads: Sequence[Callable[[], list[dict]]]) -> list[list[dict]]:
        """The answer of every read, in order, the reads made at the same time (at most --max-parallel of them):
        one after another, each waited for its round trip to Azure (one per subscription and resource group). The
        first failure in order is raised, the one that reading one after another would have stopped at."""
        keys = [str(index) for index in range(len(reads))]
        try:  # Ctrl-C: reads change nothing, so those still waiting are left at once (grace 0)
            results = run_graph(keys, {}, lambda key: reads[int(key)](), max_parallel=max(1, self.max_parallel),
                                tick=0.05, grace=0.0)
        except KeyboardInterrupt as stop:
            # run_graph attached the reads' results, which the interrupted run must not take for its units'
            with contextlib.suppress(AttributeError):
                del stop.results  # type: ignore[attr-defined]
            raise
        answers = []
        for key in keys:
            result = results[key]
            if result.error is not None:
                raise result.error
            answers.append(result.value)
        return answers

    # -- phases -----------------------------------------------------------------------------------------------
    def preview(self, unit: Unit, what_if: bool = True) -> Preview:
        self._bind(unit)
        phase = "validate"
        try:
            self.phase(unit.name, "validating")
            validated = self._wait(self._stack_call(unit, "begin_validate_stack", self.stack_body(unit)), unit)
            props = validated.as_dict().get("properties") or {}
            count = len(props.get("validatedResources") or ())
            if not what_if:
                return Preview(resource_count=count, validated_only=True)
            phase = "what-if"
            self.phase(unit.name, "what-if")
            result = self._wait(self._what_if(unit), unit).as_dict()
            phase = "reading the stack"
            current = self.stack(unit)
        except Interrupted:
            raise
        except Exception as exc:  # every SDK failure becomes an explanation, never a traceback
            deferred = self._deferred(unit, exc)
            if deferred:
                return Preview(deferred=deferred)
            raise explain(exc, phase, self.endpoint) from None
        changes = [Change(c.get("changeType", "Unsupported"), c.get("resourceId", "?"),
                          tuple(PropertyChange.parse(d) for d in c.get("delta") or ()))
                   for c in (result.get("properties") or {}).get("changes") or ()]
        declared = {c.resource_id.lower() for c in changes}
        prune = "Delete" if self.settings.prune == "delete" else "Detach"
        changes += [Change(prune, rid) for rid in (current.managed if current else ())
                    if rid.lower() not in declared and "/microsoft.resources/deployments/" not in rid.lower()]
        return Preview(sorted(changes, key=lambda c: c.resource_id.lower()), count, stack=current,
                       stack_changes=settings_changes(current, self.settings))

    def preview_orphan(self, unit: Unit) -> Preview:
        """A stack of this estate whose unit the manifest no longer has: pruning removes it, and its resources
        are detached or deleted."""
        current = self._read_stack(unit)
        prune = "Delete" if self.settings.prune == "delete" else "Detach"
        changes = [Change(prune, rid) for rid in (current.managed if current else ())]
        return Preview(sorted(changes, key=lambda c: c.resource_id.lower()), stack=current)

    def _read_stack(self, unit: Unit) -> StackState | None:
        """The unit's stack, as a phase of its own: a failure to read it is explained, never raw."""
        self._bind(unit)
        self.phase(unit.name, "reading the stack")
        try:
            return self.stack(unit)
        except Interrupted:
            raise
        except Exception as exc:
            raise explain(exc, "reading the stack", self.endpoint) from None

    def _deferred(self, unit: Unit, exc: Exception) -> str:
        code = getattr(getattr(exc, "error", None), "code", None)
        creator = self.created_groups.get((unit.subscription_id, (unit.resource_group or "").lower()))
        if code == "ResourceGroupNotFound" and creator:
            return f"resource group {unit.resource_group} does not exist yet; unit {creator!r} creates it"
        return ""

    def deploy(self, unit: Unit, preview: Preview | None = None) -> Deployed:
        # A unit previewed before its resource group existed is not previewed again: the stack's PUT validates
        # the template as the preview would have, and the confirmation that a second preview could inform is past.
        preview = preview if preview is not None else self.preview(unit)
        self._bind(unit)
        self.phase(unit.name, "deploying")
        with self._running(unit, "deployment"):
            try:
                poller = self._begin(unit, lambda: self._stack_call(unit, "begin_create_or_update",
                                                                   self.stack_body(unit)))
            except (Interrupted, UnitError):
                raise
            except Exception as exc:
                raise explain(exc, "deployment", self.endpoint) from None
            result = self._finish(unit, poller, "deployment", total=preview.resource_count)
        props = result.as_dict().get("properties") or {}
        outputs = {
            k: (v.get("value") if isinstance(v, dict) else v) for k, v in sorted((props.get("outputs") or {}).items())
        }
        deployed = Deployed(outputs, preview, [r["id"] for r in props.get("detachedResources") or ()],
                            [r["id"] for r in props.get("deletedResources") or ()])
        for step in self.steps:
            if step.applies_to(unit):
                self.phase(unit.name, step.name)
                context = StepContext(unit, outputs, self.clients, self.cancel,
                                      lambda text: self.phase(unit.name, text), self.max_parallel)
                try:
                    deployed.notes += step.run(context)
                except (Interrupted, UnitError):
                    raise
                except Exception as exc:
                    raise explain(exc, step.name, self.endpoint) from None
        return deployed

    def destroy(self, unit: Unit, prune: str = "delete") -> Destroyed:
        """Delete the unit's stack; what it manages is deleted (or, with ``prune="detach"``, left in Azure)."""
        current = self._read_stack(unit)
        if current is None:
            return Destroyed(absent=True)
        verb = "deleting the stack and" if prune == "delete" else "deleting the stack, detaching"
        self.phase(unit.name, f"{verb} its {len(current.managed)} resource(s)")
        with self._running(unit, "deletion"):
            try:
                poller = self._begin(unit, lambda: self._stack_call(
                    unit, "begin_delete", unmanage_action_resources=prune, unmanage_action_resource_groups=prune,
                    unmanage_action_management_groups="detach"), deleting=True)
            except (Interrupted, UnitError):
                raise
            except Exception as exc:
                raise explain(exc, "deletion", self.endpoint) from None
            if poller is not None:
                self._finish(unit, poller, "deletion")
        if prune == "delete":
            return Destroyed(deleted=list(current.managed))
        return Destroyed(detached=list(current.managed))

    # -- waiting -----------------------------------------------------------------------------------------------
    def _begin(self, unit: Unit, start: Callable[[], Any], *, deleting: bool = False):
        """Start a stack operation; when an earlier run's operation still holds the stack (stopped with Ctrl-C),
        wait for it to end first. None when ``deleting`` and that earlier operation deleted the stack."""
        from azure.core.exceptions import HttpResponseError

        try:
            return start()
        except HttpResponseError as exc:
            if getattr(exc.error, "code", None) != "DeploymentStackInNonTerminalState":
                raise
        self.phase(unit.name, "waiting for the earlier operation on its stack, still running in Azure")
        while True:
            if self.cancel.wait(self.poll):
                raise StillRunning(unit)
            current = self.stack(unit)
            if current is None and deleting:
                return None
            if current is None or not current.active:
                return start()

    def _finish(self, unit: Unit, poller, what: str, total: int | None = None):
        """Wait for a started stack operation; explain how it ended if it failed."""
        try:
            return self._wait(poller, unit, in_azure=True, total=total)
        except (Interrupted, UnitError):
            raise
        except Exception as exc:
            if is_status_failure(exc):
                raise lost_track(exc, f"the {what} of stack {unit.deployment_name}", show_command(unit),
                                 self.endpoint, self.again(unit)) from None
            error = explain(exc, what, self.endpoint)
            error.details += self._failure_details(unit)
            raise error from None

    def _failure_details(self, unit: Unit) -> list[str]:
        try:
            current = self.stack(unit)
            lines = failed_operations(self.operations(current.deployment_id if current else None))
            # The operations say more (the resource's type and name); the stack's own list when there are none.
            return lines or [f"failed resource {line}" for line in (current.failed if current else ())]
        except Exception as exc:  # the listing is a courtesy; its own failure must not hide the real one
            return [f"(could not list the failed operations: {explain(exc, 'list', self.endpoint)})"]

    def _wait(self, poller, unit: Unit, *, in_azure: bool = False, total: int | None = None):
        """The poller's result; reports progress every polling interval (at most once a second) and notices
        Ctrl-C within a moment."""
        step = min(self.poll, 0.25)
        every = max(self.poll, 1.0)
        next_report = time.monotonic() + every
        deployment: list[str | None] = []  # the stack's deploymentId, read once
        while not poller.done():
            poller.wait(timeout=step)  # returns as soon as the operation ends
            if self.cancel.is_set():
                raise StillRunning(unit) if in_azure else Interrupted("stopped before the deployment started")
            if in_azure and total is not None and not poller.done() and time.monotonic() >= next_report:
                self._report_progress(unit, total, deployment)
                next_report = time.monotonic() + every
        return poller.result()

    def _report_progress(self, unit: Unit, total: int, deployment: list[str | None]) -> None:
        try:
            if not deployment:
                current = self.stack(unit)
                deployment.append(current.deployment_id if current else None)
            ops = self.operations(deployment[0])
        except Exception:  # progress is best effort; the stack's own poller reports real failures
            return
        done = sum(1 for op in ops if (op.get("properties") or {}).get("provisioningState") == "Succeeded")
        self.phase(unit.name, f"deploying {done}/{max(total, len(ops))} operations")

    @contextlib.contextmanager
    def _running(self, unit: Unit, what: str) -> Iterator[None]:
        """While inside, the unit's stack operation counts as sent to Azure and not seen to end."""
        with self._lock:
            self.in_azure[unit.name] = (unit, what)
        try:
            yield
        except Interrupted:
            raise  # it goes on in Azure: keep it listed
        except BaseException:
            with self._lock:
                self.in_azure.pop(unit.name, None)
            raise
        with self._lock:
            self.in_azure.pop(unit.name, None)

    def _bind(self, unit: Unit) -> None:
        if self.watch is not None:
            self.watch.bind(unit.name)


def show_command(unit: Unit) -> str:
    """The Azure CLI command that shows a unit's deployment stack."""
    if unit.scope == "subscription":
        return f"az stack sub show --subscription {unit.subscription_id} --name {unit.deployment_name}"
    return (f"az stack group show --subscription {unit.subscription_id} --resource-group {unit.resource_group} "
            f"--name {unit.deployment_name}")


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
