"""What the emulator remembers: resource groups, deployed resources and deployments, on a simulated clock.

A deployment runs for a configurable time; its resource operations complete one after another over that
time, so the operations list shows progress. Resources are committed when the deployment succeeds (or, for
a failed one, those that completed before the failure), so a later what-if reports NoChange or Modify.
"""

from __future__ import annotations

import fnmatch
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from relecloud_templates.arm.vocabulary import is_secure_declaration

from arm_emulator.evaluate import Scope, Unevaluable, evaluate, evaluate_strict, resource_id

NOT_COMPARED = ("dependsOn", "copy", "condition", "comments", "apiVersion")


@dataclass
class Planned:
    """One resource a template declares, with its expressions evaluated as far as the emulator can."""

    id: str
    type: str
    name: str
    body: dict


@dataclass
class Failure:
    """Make the deployments whose name matches ``deployment`` fail at the first resource matching ``resource``."""

    deployment: str  # fnmatch pattern on the deployment name
    resource: str = "*"  # fnmatch pattern on the resource type or name
    code: str = "Conflict"
    message: str = "The resource operation failed (injected by the test)."
    times: int = 1  # how many deployments fail; a re-run after that succeeds


@dataclass
class Deployment:
    key: tuple
    name: str
    id: str
    scope: str
    location: str | None
    mode: str
    resources: list[Planned]
    outputs: dict
    started: float
    duration: float
    fail_at: int | None = None  # index of the failing resource operation
    failure: Failure | None = None
    state: str = "Running"
    committed: bool = False
    operation_ids: list[str] = field(default_factory=list)

    def progress(self, now: float) -> int:
        """How many resource operations have completed by ``now``."""
        if not self.resources:
            return 0
        step = self.duration / len(self.resources)
        done = len(self.resources) if step <= 0 else int((now - self.started) / step)
        return min(done, len(self.resources))


class World:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.groups: dict[tuple[str, str], dict] = {}  # (sub, rg lower) -> {"name", "location", "tags"}
        self.resources: dict[str, Planned] = {}  # lower-case id -> resource
        self.deployments: dict[tuple, Deployment] = {}
        self.durations: list[tuple[str, float]] = []  # (deployment name pattern, seconds), first match wins
        self.default_duration = 0.0
        self.failures: list[Failure] = []
        # Azure behaviours a test switches on (e.g. intent_policy.NetworkIntentPolicy): each may refuse a resource
        # of a deployment (``refusal``) and changes what is stored when resources are committed (``applied``).
        self.policies: list[Any] = []
        self.clock = time.monotonic

    # -- configuration (tests) ---------------------------------------------------------------------------
    def duration_for(self, name: str) -> float:
        return next((s for pattern, s in self.durations if fnmatch.fnmatch(name, pattern)), self.default_duration)

    # -- resource groups ---------------------------------------------------------------------------------
    def group(self, sub: str, rg: str) -> dict | None:
        self.advance()
        return self.groups.get((sub.lower(), rg.lower()))

    def put_group(self, sub: str, rg: str, body: dict) -> tuple[int, dict]:
        created = (sub.lower(), rg.lower()) not in self.groups
        self.groups[(sub.lower(), rg.lower())] = {"name": rg, "location": body.get("location"),
                                                  "tags": body.get("tags") or {}}
        return (201 if created else 200), self.group_body(sub, rg)

    def group_body(self, sub: str, rg: str) -> dict:
        g = self.groups[(sub.lower(), rg.lower())]
        return {"id": f"/subscriptions/{sub}/resourceGroups/{g['name']}", "name": g["name"],
                "type": "Microsoft.Resources/resourceGroups", "location": g["location"], "tags": g["tags"],
                "properties": {"provisioningState": "Succeeded"}}

    # -- templates -> resources ----------------------------------------------------------------------------
    def plan(self, sub: str, rg: str | None, name: str, body: dict) -> tuple[list[Planned], dict]:
        """The resources a deployment request declares and its evaluated outputs."""
        props = body["properties"]
        template = props["template"]
        location = body.get("location") or (self.groups.get((sub.lower(), (rg or "").lower())) or {}).get("location")
        params = {k: d.get("defaultValue") for k, d in (template.get("parameters") or {}).items()
                  if isinstance(d, dict) and "defaultValue" in d}
        for key, value in (props.get("parameters") or {}).items():
            params[key] = value.get("value")
        scope = Scope(sub, rg, location or "", name, params, template.get("variables") or {})
        # Default values may refer to other parameters; evaluate them once everything supplied is known.
        scope = replace(scope, parameters=evaluate(params, scope))
        resources = template.get("resources") or []
        declared = list(resources.values()) if isinstance(resources, dict) else list(resources)
        planned = [p for r in declared for p in _expand(r, scope)]
        outputs = {k: {"type": o.get("type", "String"), "value": evaluate(o.get("value"), scope)}
                   for k, o in (template.get("outputs") or {}).items()
                   if isinstance(o, dict) and not is_secure_declaration(o)}
        return planned, outputs

    def what_if(self, sub: str, rg: str | None, planned: list[Planned], mode: str) -> list[dict]:
        changes = []
        wanted = set()
        for res in planned:
            wanted.add(res.id.lower())
            before = self.resources.get(res.id.lower())
            if before is None:
                changes.append({"resourceId": res.id, "changeType": "Create", "after": res.body})
            elif before.body == res.body:
                changes.append({"resourceId": res.id, "changeType": "NoChange", "before": before.body,
                                "after": res.body})
            else:
                changes.append({"resourceId": res.id, "changeType": "Modify", "before": before.body,
                                "after": res.body, "delta": _delta(before.body, res.body)})
        if mode == "Complete" and rg:
            prefix = f"/subscriptions/{sub}/resourcegroups/{rg}/".lower()
            for key, res in sorted(self.resources.items()):
                if key.startswith(prefix) and key not in wanted and not _is_deployment(res):
                    changes.append({"resourceId": res.id, "changeType": "Delete", "before": res.body})
        return changes

    # -- deployments -----------------------------------------------------------------------------------------
    def start(self, key: tuple, dep_id: str, name: str, scope: str, body: dict,
              planned: list[Planned], outputs: dict) -> Deployment:
        failure = next((f for f in self.failures if f.times > 0 and fnmatch.fnmatch(name, f.deployment)), None)
        fail_at = None
        if failure is not None:
            fail_at = next((i for i, r in enumerate(planned) if fnmatch.fnmatch(r.type, failure.resource)
                            or fnmatch.fnmatch(r.name, failure.resource)), None)
            if fail_at is not None:
                failure.times -= 1
            else:
                failure = None
        for policy in self.policies:
            refused = policy.refusal(self, planned)
            if refused is not None and (fail_at is None or refused[0] < fail_at):
                fail_at, failure = refused[0], Failure(name, code=refused[1], message=refused[2])
        dep = Deployment(key, name, dep_id, scope, body.get("location"), body["properties"]["mode"], planned, outputs,
                         self.clock(), self.duration_for(name), fail_at, failure,
                         operation_ids=[uuid.uuid4().hex[:16].upper() for _ in planned])
        self.deployments[key] = dep
        self.advance()
        return dep

    def advance(self) -> None:
        """Bring every running deployment up to the current time."""
        now = self.clock()
        for dep in self.deployments.values():
            if dep.state != "Running":
                continue
            done = dep.progress(now)
            if dep.fail_at is not None and done > dep.fail_at:
                dep.state = "Failed"
                self._commit(dep, dep.resources[:dep.fail_at])
            elif done >= len(dep.resources) and now - dep.started >= dep.duration:
                dep.state = "Succeeded"
                self._commit(dep, dep.resources)

    def cancel(self, dep: Deployment) -> None:
        dep.state = "Canceled"
        self._commit(dep, dep.resources[:dep.progress(self.clock())])

    def _commit(self, dep: Deployment, resources: list[Planned]) -> None:
        if dep.mode == "Complete" and dep.state == "Succeeded":
            prefix = dep.id.split("/providers/Microsoft.Resources/deployments/")[0].lower() + "/"
            keep = {r.id.lower() for r in resources}
            for key in [k for k, r in self.resources.items()
                        if k.startswith(prefix) and k not in keep and not _is_deployment(r)]:
                del self.resources[key]
        for res in resources:
            self.resources[res.id.lower()] = res
            if res.type.lower() == "microsoft.resources/resourcegroups":
                sub = res.id.split("/")[2]
                self.put_group(sub, res.name, res.body)
        for policy in self.policies:
            policy.applied(self, resources)
        dep.committed = True

    def operations(self, dep: Deployment) -> list[dict]:
        self.advance()
        now = self.clock()
        done = dep.progress(now) if dep.state == "Running" else len(dep.resources)
        listed = []
        for i, res in enumerate(dep.resources):
            if dep.fail_at is not None and i > dep.fail_at and dep.state != "Running":
                break
            if dep.state == "Running" and i > done:
                break  # not started yet
            state = "Succeeded" if i < done else "Running"
            props = {"provisioningOperation": "Create", "provisioningState": state,
                     "timestamp": "2026-11-26T00:00:00Z", "duration": "PT1S",
                     "targetResource": {"id": res.id, "resourceType": res.type, "resourceName": res.name}}
            if dep.fail_at == i and dep.state != "Running":
                props.update(provisioningState="Failed", statusCode="Conflict",
                             statusMessage={"status": "Failed", "error": {"code": dep.failure.code,
                                                                          "message": dep.failure.message}})
            elif dep.state == "Canceled" and i >= done:
                props["provisioningState"] = "Canceled"
            elif state == "Succeeded":
                props["statusCode"] = "OK"
            listed.append({"id": f"{dep.id}/operations/{dep.operation_ids[i]}", "operationId": dep.operation_ids[i],
                           "properties": props})
        return listed


def _is_deployment(resource: Planned) -> bool:
    # Complete mode leaves deployment records alone: they are history, not resources a template owns.
    return resource.type.lower() == "microsoft.resources/deployments"


def _expand(resource: Any, scope: Scope) -> list[Planned]:
    if not isinstance(resource, dict):
        return []
    copy = resource.get("copy")
    count = 1
    if isinstance(copy, dict):
        try:
            count = int(evaluate_strict(copy.get("count", 1), scope))
        except (Unevaluable, TypeError, ValueError):
            count = 1
    planned = []
    for index in range(count):
        here = replace(scope, copy_index=index) if isinstance(copy, dict) else scope
        try:
            if evaluate_strict(resource.get("condition", True), here) is False:
                continue
        except Unevaluable:
            pass
        body = {k: v for k, v in evaluate(resource, here).items() if k not in NOT_COMPARED}
        rtype, name = str(body.get("type", "")), str(body.get("name", ""))
        if rtype.lower() == "microsoft.resources/deployments":
            sub = str(body.get("subscriptionId") or scope.subscription_id)
            group = body.get("resourceGroup") or scope.resource_group
            rid = resource_id(sub, group, rtype, name)
        else:
            rid = resource_id(scope.subscription_id, scope.resource_group, rtype, name)
        planned.append(Planned(rid, rtype, name, body))
    return planned


def _delta(before: dict, after: dict, path: str = "") -> list[dict]:
    changes = []
    for key in sorted(set(before) | set(after)):
        here = f"{path}.{key}" if path else key
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            changes += _delta(old, new, here)
        else:
            kind = "Create" if key not in before else "Delete" if key not in after else "Modify"
            changes.append({"path": here, "propertyChangeType": kind, "before": old, "after": new})
    return changes

