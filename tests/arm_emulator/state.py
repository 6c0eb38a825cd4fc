"""What the emulator remembers: resource groups, resources, deployments and deployment stacks, on a simulated clock.

A deployment runs for a configurable time; its top-level resource operations complete one after another over
that time, so the operations list shows progress. A nested deployment's resources are expanded (as ARM's
what-if and deployment stacks see them) and committed with it. Resources are committed when the deployment
succeeds (or, for a failed one, those whose operations completed before the failure), so a later what-if
reports NoChange or Modify.

A deployment stack owns the resources its deployment declares ("managed"). When an update no longer declares
a managed resource, the stack detaches it (it stays) or deletes it, as its ``actionOnUnmanage`` says; deleting
the stack does the same with all of them. Deny settings protect managed resources from writes and deletes
made outside the stack.
"""

from __future__ import annotations

import fnmatch
import json
import pickle
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from arm_emulator.evaluate import Scope, Unevaluable, evaluate, evaluate_strict, resource_id

NOT_COMPARED = ("dependsOn", "copy", "condition", "comments", "apiVersion")
DEPLOYMENTS = "microsoft.resources/deployments"
GROUPS = "microsoft.resources/resourcegroups"
DENY_MODES = ("none", "denyDelete", "denyWriteAndDelete")


@dataclass
class Planned:
    """One resource a template declares, with its expressions evaluated as far as the emulator can; a nested
    deployment carries the resources of its inner template as ``children``."""

    id: str
    type: str
    name: str
    body: dict
    children: list[Planned] = field(default_factory=list)

    def flat(self) -> Iterator[Planned]:
        yield self
        for child in self.children:
            yield from child.flat()


def flatten(planned: list[Planned]) -> list[Planned]:
    return [p for top in planned for p in top.flat()]


def is_deployment(resource: Planned) -> bool:
    # Deployment records are history, not resources a template (or a stack) owns.
    return resource.type.lower() == DEPLOYMENTS


def is_group_id(resource_id: str) -> bool:
    parts = resource_id.strip("/").split("/")
    return len(parts) == 4 and parts[2].lower() == "resourcegroups"


@dataclass
class Failure:
    """Make the deployments whose name matches ``deployment`` fail at the first resource matching ``resource``."""

    deployment: str  # fnmatch pattern on the deployment (or deployment stack) name
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
    resources: list[Planned]  # top level: one operation each
    outputs: dict
    started: float
    duration: float
    fail_at: int | None = None  # index of the failing resource operation
    failure: Failure | None = None
    state: str = "Running"
    committed: bool = False
    operation_ids: list[str] = field(default_factory=list)
    stack: tuple | None = None  # the key of the deployment stack that runs it
    held_by: str | None = None  # the pattern of World.held that keeps it running, until released

    def progress(self, now: float) -> int:
        """How many resource operations have completed by ``now`` (none while it is held)."""
        if not self.resources or self.held_by is not None:
            return 0
        step = self.duration / len(self.resources)
        done = len(self.resources) if step <= 0 else int((now - self.started) / step)
        return min(done, len(self.resources))


@dataclass
class Stack:
    key: tuple
    name: str
    id: str
    scope: str
    location: str | None
    tags: dict
    description: str
    action: dict  # actionOnUnmanage
    deny: dict  # denySettings
    state: str = "deploying"  # deploying | succeeded | failed | deleting
    deployment: Deployment | None = None
    managed: list[str] = field(default_factory=list)  # resource IDs, in deployment order
    detached: list[str] = field(default_factory=list)  # by the latest update
    deleted: list[str] = field(default_factory=list)
    outputs: dict = field(default_factory=dict)
    error: dict | None = None
    generation: int = 0
    delete_started: float = 0.0
    delete_duration: float = 0.0
    delete_held_by: str | None = None  # the pattern of World.held that keeps its deletion running, until released
    delete_actions: dict = field(default_factory=dict)

    @property
    def deny_mode(self) -> str:
        return str(self.deny.get("mode", "none"))


class World:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._plans: dict[str, bytes] = {}  # what plan() found, pickled, by what it read
        self.groups: dict[tuple[str, str], dict] = {}  # (sub, rg lower) -> {"name", "location", "tags"}
        self.resources: dict[str, Planned] = {}  # lower-case id -> resource
        self.deployments: dict[tuple, Deployment] = {}
        self.stacks: dict[tuple, Stack] = {}  # (sub lower, rg lower or "", name lower)
        self.durations: list[tuple[str, float]] = []  # (deployment or stack name pattern, seconds), first match wins
        self.default_duration = 0.0
        # (deployment or stack name pattern): deployments and stack deletions started while it is held make no
        # progress until release(pattern); their duration counts from then. A test interrupts one that is surely
        # still running, however slow the machine.
        self.held: set[str] = set()
        self.delete_durations: list[tuple[str, float]] = []  # (stack name pattern, seconds) to delete a stack
        self.failures: list[Failure] = []
        # Azure behaviours a test switches on (e.g. intent_policy.NetworkIntentPolicy): each may refuse a resource
        # of a deployment (``refusal``) and changes what is stored when resources are committed (``applied``).
        self.policies: list[Any] = []
        self.deleted: list[str] = []  # every resource ID deleted, in order
        self.stacks_deleted: list[str] = []  # every deployment stack deleted, in order
        self.clock = time.monotonic

    # -- configuration (tests) ---------------------------------------------------------------------------
    def duration_for(self, name: str) -> float:
        return next((s for pattern, s in self.durations if fnmatch.fnmatch(name, pattern)), self.default_duration)

    def hold(self, pattern: str) -> None:
        """Deployments and deletions of stacks (or deployments) whose name matches ``pattern`` stay running from
        their start until released."""
        with self.lock:
            self.held.add(pattern)

    def release(self, pattern: str) -> None:
        """Let what ``pattern`` holds run: each deployment or deletion takes its duration from now."""
        with self.lock:
            self.held.discard(pattern)
            now = self.clock()
            for dep in self.deployments.values():
                if dep.held_by == pattern:
                    dep.held_by, dep.started = None, now
            for stack in self.stacks.values():
                if stack.delete_held_by == pattern:
                    stack.delete_held_by, stack.delete_started = None, now
            self.advance()

    def _holding(self, name: str) -> str | None:
        return next((pattern for pattern in sorted(self.held) if fnmatch.fnmatch(name, pattern)), None)

    # -- resource groups and resources -----------------------------------------------------------------------
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

    def delete_resource(self, rid: str) -> None:
        """Delete a resource; a resource group takes everything in it along, deployment stacks included."""
        key = rid.lower()
        if is_group_id(rid):
            sub, rg = rid.strip("/").split("/")[1::2][:2]
            prefix = key + "/"
            for inner in [k for k in self.resources if k.startswith(prefix)]:
                self.deleted.append(self.resources.pop(inner).id)
            for stack_key in [k for k in self.stacks if k[:2] == (sub.lower(), rg.lower())]:
                self.stacks_deleted.append(self.stacks.pop(stack_key).name)
            self.groups.pop((sub.lower(), rg.lower()), None)
        if self.resources.pop(key, None) is not None or is_group_id(rid):
            self.deleted.append(rid)

    def denied_by(self, rid: str, action: str, principal: str | None = None,
                  except_stack: tuple | None = None) -> str | None:
        """The deny mode of the stack whose deny assignment refuses ``principal`` the ``action`` (e.g.
        ``Microsoft.Storage/storageAccounts/delete``) on a resource it manages; None when nothing refuses it."""
        key = rid.lower()
        for stack in self.stacks.values():
            if stack.key != except_stack and refuses(stack.deny, action, principal) and \
                    key in {m.lower() for m in stack.managed}:  # most stacks deny nothing: asked first
                return stack.deny_mode
        return None

    # -- templates -> resources ----------------------------------------------------------------------------
    def plan(self, sub: str, rg: str | None, name: str, body: dict) -> tuple[list[Planned], dict]:
        """The resources a deployment request declares (nested deployments expanded) and its evaluated outputs.

        A unit's template arrives three times a run (validate, what-if, the stack) and again at each rerun: it is
        evaluated once for what the evaluation reads (the scope, the template, the parameters), and each request
        gets a copy of its own (what a deployment commits is later changed in place, by policies for instance)."""
        props = body["properties"]
        location = body.get("location") or (self.groups.get((sub.lower(), (rg or "").lower())) or {}).get("location")
        key = json.dumps([sub, rg, name, location, props["template"], props.get("parameters")])
        if key not in self._plans:
            self._plans[key] = pickle.dumps(self._plan(sub, rg, name, location, props), pickle.HIGHEST_PROTOCOL)
        return pickle.loads(self._plans[key])

    @staticmethod
    def _plan(sub: str, rg: str | None, name: str, location: str | None, props: dict) -> tuple[list[Planned], dict]:
        template = props["template"]
        scope = _template_scope(template, props.get("parameters") or {}, Scope(sub, rg, location or "", name))
        resources = template.get("resources") or []
        declared = list(resources.values()) if isinstance(resources, dict) else list(resources)
        planned = [p for r in declared for p in _expand(r, scope)]
        outputs = {k: {"type": o.get("type", "String"), "value": evaluate(o.get("value"), scope)}
                   for k, o in (template.get("outputs") or {}).items()
                   if isinstance(o, dict) and str(o.get("type", "")).lower() not in ("securestring", "secureobject")}
        return planned, outputs

    def what_if(self, planned: list[Planned], result_format: str = "FullResourcePayloads") -> list[dict]:
        """The changes an Incremental deployment of ``planned`` would make, as ARM's what-if reports them."""
        full = result_format != "ResourceIdOnly"
        changes = []
        for res in flatten(planned):
            if is_deployment(res):
                continue  # what-if shows the resources of nested deployments, not the deployments
            before = self.resources.get(res.id.lower())
            if before is None:
                change: dict = {"resourceId": res.id, "changeType": "Create"}
                if full:
                    change["after"] = res.body
            elif not full:
                change = {"resourceId": res.id, "changeType": "Deploy"}
            elif before.body == res.body:
                change = {"resourceId": res.id, "changeType": "NoChange", "before": before.body, "after": res.body}
            else:
                change = {"resourceId": res.id, "changeType": "Modify", "before": before.body, "after": res.body,
                          "delta": _delta(before.body, res.body)}
            changes.append(change)
        return changes

    # -- deployments -----------------------------------------------------------------------------------------
    def start(self, key: tuple, dep_id: str, name: str, scope: str, body: dict, planned: list[Planned],
              outputs: dict, stack: Stack | None = None, principal: str | None = None) -> Deployment:
        match = stack.name if stack is not None else name  # tests configure stacks by the stack's name
        failure = next((f for f in self.failures if f.times > 0 and fnmatch.fnmatch(match, f.deployment)), None)
        fail_at = None
        if failure is not None:
            fail_at = next((i for i, top in enumerate(planned) if any(
                fnmatch.fnmatch(r.type, failure.resource) or fnmatch.fnmatch(r.name, failure.resource)
                for r in top.flat())), None)
            if fail_at is not None:
                failure.times -= 1
            else:
                failure = None
        flat = [(i, res) for i, top in enumerate(planned) for res in top.flat()]
        for policy in self.policies:
            refused = policy.refusal(self, [res for _, res in flat])
            if refused is not None and (fail_at is None or flat[refused[0]][0] < fail_at):
                fail_at, failure = flat[refused[0]][0], Failure(match, code=refused[1], message=refused[2])
        if failure is None:  # a write to a resource that another stack's deny settings protect fails
            failure, fail_at = self._denied_write(planned, stack.key if stack else None, principal)
        dep = Deployment(key, name, dep_id, scope, body.get("location"), body["properties"].get("mode", "Incremental"),
                         planned, outputs, self.clock(), self.duration_for(match), fail_at, failure,
                         operation_ids=[uuid.uuid4().hex[:16].upper() for _ in planned],
                         stack=stack.key if stack else None,
                         held_by=self._holding(match))
        self.deployments[key] = dep
        self.advance()
        return dep

    def _denied_write(self, planned: list[Planned], stack_key: tuple | None,
                      principal: str | None) -> tuple[Failure | None, int | None]:
        for i, top in enumerate(planned):
            for res in top.flat():
                if not is_deployment(res) and self.denied_by(res.id, f"{res.type}/write", principal, stack_key):
                    return Failure("*", res.name, "DenyAssignmentAuthorizationFailed",
                                   f"The client has permission to perform action 'write' on scope '{res.id}', "
                                   f"however the access is denied because of the deny assignment of a deployment "
                                   f"stack."), i
        return None, None

    def advance(self) -> None:
        """Bring every running deployment, and the stacks that run them, up to the current time."""
        now = self.clock()
        for dep in list(self.deployments.values()):
            if dep.state != "Running" or dep.held_by is not None:
                continue
            done = dep.progress(now)
            if dep.fail_at is not None and done > dep.fail_at:
                dep.state = "Failed"
                self._commit(dep, dep.resources[:dep.fail_at])
            elif done >= len(dep.resources) and now - dep.started >= dep.duration:
                dep.state = "Succeeded"
                self._commit(dep, dep.resources)
        for stack in list(self.stacks.values()):
            if stack.state == "deploying" and stack.deployment is not None and stack.deployment.state != "Running":
                self._stack_deployed(stack, stack.deployment)
            elif stack.state == "deleting" and stack.delete_held_by is None \
                    and now - stack.delete_started >= stack.delete_duration:
                self._stack_deleted(stack)

    def cancel(self, dep: Deployment) -> None:
        dep.state = "Canceled"
        self._commit(dep, dep.resources[:dep.progress(self.clock())])

    def _commit(self, dep: Deployment, resources: list[Planned]) -> None:
        for res in flatten(resources):
            self.resources[res.id.lower()] = res
            if res.type.lower() == GROUPS:
                sub = res.id.split("/")[2]
                self.put_group(sub, res.name, res.body)
        for policy in self.policies:
            policy.applied(self, flatten(resources))
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
            if dep.fail_at == i and dep.state != "Running" and dep.failure is not None:
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

    # -- deployment stacks -------------------------------------------------------------------------------------
    def put_stack(self, key: tuple, stack_id: str, name: str, scope: str, body: dict, planned: list[Planned],
                  outputs: dict) -> Stack:
        props = body["properties"]
        stack = self.stacks.get(key)
        if stack is None:
            stack = Stack(key, name, stack_id, scope, body.get("location"), {}, "", {}, {})
            self.stacks[key] = stack
        stack.tags, stack.description = dict(body.get("tags") or {}), str(props.get("description") or "")
        stack.action, stack.deny = dict(props["actionOnUnmanage"]), dict(props["denySettings"])
        stack.state, stack.error, stack.generation = "deploying", None, stack.generation + 1
        stack.deployment = None  # until the new one has started: the last one's outcome is not this one's
        dep_name = f"{name}-{stack.generation:04d}"  # the deployment the stack runs (its deploymentId)
        dep_id = (
            stack_id.split("/providers/Microsoft.Resources/")[0]
            + f"/providers/Microsoft.Resources/deployments/{dep_name}"
        )
        dep_key = (key[0], key[1], dep_name.lower())
        deployment_body = {"location": body.get("location"), "properties": {"mode": "Incremental"}}
        stack.deployment = self.start(dep_key, dep_id, dep_name, scope, deployment_body, planned, outputs, stack)
        self.advance()
        return stack

    def _stack_deployed(self, stack: Stack, dep: Deployment) -> None:
        if dep.state != "Succeeded":
            committed = [r.id for r in flatten(dep.resources[:dep.fail_at or 0]) if not is_deployment(r)]
            stack.managed = _union(stack.managed, committed)
            stack.state = "failed"
            stack.error = {"code": "DeploymentStackDeploymentFailed", "message": "One or more resources could not "
                           "be deployed.", "details": [{"code": dep.failure.code, "message": dep.failure.message}]
                           if dep.failure else []}
            return
        declared = [r.id for r in flatten(dep.resources) if not is_deployment(r)]
        wanted = {d.lower() for d in declared}
        unmanaged = [m for m in stack.managed if m.lower() not in wanted]
        stack.detached, stack.deleted = self._unmanage(unmanaged, stack.action)
        stack.managed, stack.outputs, stack.state = declared, dep.outputs, "succeeded"

    def _unmanage(self, ids: list[str], action: dict) -> tuple[list[str], list[str]]:
        """Detach or delete resources a stack no longer manages: resources first, their groups last."""
        detached, deleted = [], []
        for rid in sorted(ids, key=is_group_id):
            kind = "resourceGroups" if is_group_id(rid) else "resources"
            if str(action.get(kind, "detach")).lower() == "delete":
                self.delete_resource(rid)
                deleted.append(rid)
            else:
                detached.append(rid)
        return detached, deleted

    def delete_stack(self, stack: Stack, actions: dict, duration: float) -> None:
        stack.state, stack.delete_started, stack.delete_duration = "deleting", self.clock(), duration
        stack.delete_held_by = self._holding(stack.name)
        stack.delete_actions = actions
        self.advance()

    def delete_duration_for(self, name: str) -> float:
        return next((s for pattern, s in self.delete_durations if fnmatch.fnmatch(name, pattern)), 0.0)

    def _stack_deleted(self, stack: Stack) -> None:
        self._unmanage(stack.managed, stack.delete_actions)
        if self.stacks.pop(stack.key, None) is not None:
            self.stacks_deleted.append(stack.name)


# What Azure adds to every deny assignment's excluded actions, by mode (denySettings.excludedActions).
ALWAYS_EXCLUDED = {"denyDelete": ("Microsoft.Authorization/locks/delete",),
                   "denyWriteAndDelete": ("*/read", "Microsoft.Authorization/locks/delete")}


def refuses(deny: dict, action: str, principal: str | None) -> bool:
    """Whether deny settings refuse ``principal`` the ``action`` (``<type>/write``, ``<type>/delete``, ...):
    denyDelete refuses deletions, denyWriteAndDelete writes too; never an excluded principal, nor an action that
    matches an excluded one (wildcards as in RBAC, case-insensitive)."""
    mode = str(deny.get("mode", "none"))
    verb = action.rsplit("/", 1)[-1].lower()
    if mode not in ALWAYS_EXCLUDED or verb == "read" or (mode == "denyDelete" and verb != "delete"):
        return False
    if principal is not None and principal.lower() in {str(p).lower() for p in deny.get("excludedPrincipals") or ()}:
        return False
    excluded = [*(deny.get("excludedActions") or ()), *ALWAYS_EXCLUDED[mode]]
    return not any(fnmatch.fnmatch(action.lower(), str(pattern).lower()) for pattern in excluded)


def _union(first: list[str], second: list[str]) -> list[str]:
    seen = {f.lower() for f in first}
    return first + [s for s in second if s.lower() not in seen]


def _template_scope(template: dict, supplied: dict, scope: Scope) -> Scope:
    """The scope a template's expressions evaluate in: its parameters (defaults, then the supplied values)."""
    params = {k: d.get("defaultValue") for k, d in (template.get("parameters") or {}).items()
              if isinstance(d, dict) and "defaultValue" in d}
    for key, value in supplied.items():
        params[key] = value.get("value") if isinstance(value, dict) else value
    scope = replace(scope, parameters=params, variables=template.get("variables") or {})
    # Default values may refer to other parameters; evaluate them once everything supplied is known.
    return replace(scope, parameters=evaluate(params, scope))


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
        if str(resource.get("type", "")).lower() == DEPLOYMENTS:
            planned.append(_nested(resource, here))
            continue
        body = {k: v for k, v in evaluate(resource, here).items() if k not in NOT_COMPARED}
        rtype, name = str(body.get("type", "")), str(body.get("name", ""))
        planned.append(Planned(_resource_id_at(scope, rtype, name, body.get("scope")), rtype, name, body))
    return planned


def _resource_id_at(scope: Scope, rtype: str, name: str, target: Any) -> str:
    """A resource's ID; an extension resource (``scope`` set: diagnostic settings, role assignments, locks)
    lives under the resource it extends, so two of the same name on different resources are different."""
    if not isinstance(target, str) or not target:
        return resource_id(scope.subscription_id, scope.resource_group, rtype, name)
    if target.startswith("/"):
        base = target.rstrip("/")
    else:  # relative, as Bicep writes it: Namespace/type/name[/childType/childName ...]
        namespace, *rest = target.split("/")
        base = resource_id(scope.subscription_id, scope.resource_group,
                           "/".join([namespace, *rest[0::2]]), "/".join(rest[1::2]))
    namespace, *types = rtype.split("/")
    path = "/".join(f"{t}/{n}" for t, n in zip(types, name.split("/")))
    return f"{base}/providers/{namespace}/{path}"


def _nested(resource: dict, scope: Scope) -> Planned:
    """A nested deployment, its inner template's resources expanded at the scope it deploys to."""
    props: dict[str, Any] = resource["properties"] if isinstance(resource.get("properties"), dict) else {}
    inner = props.get("template") if isinstance(props.get("template"), dict) else None
    outer = {k: v for k, v in resource.items() if k not in NOT_COMPARED and k != "properties"}
    body = evaluate(outer, scope)
    body["properties"] = evaluate({k: v for k, v in props.items() if k != "template"}, scope)
    name = str(body.get("name", ""))
    sub = str(body.get("subscriptionId") or scope.subscription_id)
    group = body.get("resourceGroup")
    if group is None and "subscriptionId" not in body:
        group = scope.resource_group
    planned = Planned(resource_id(sub, group, "Microsoft.Resources/deployments", name),
                      "Microsoft.Resources/deployments", name, body)
    if inner is None:
        return planned
    target = Scope(sub, str(group) if group else None, scope.location, name)
    if str((props.get("expressionEvaluationOptions") or {}).get("scope", "")).lower() == "inner":
        inner_scope = _template_scope(inner, body["properties"].get("parameters") or {}, target)
    else:  # outer scope: the inner template sees the parent's parameters and variables
        inner_scope = replace(scope, subscription_id=target.subscription_id, resource_group=target.resource_group)
    resources = inner.get("resources") or []
    declared = list(resources.values()) if isinstance(resources, dict) else list(resources)
    planned.children = [p for r in declared for p in _expand(r, inner_scope)]
    return planned


def _delta(before: Any, after: Any, path: str = "") -> list[dict]:
    """Property changes as ARM's what-if reports them: leaves, and arrays with their changed items as children."""
    changes = []
    for key in sorted(set(before) | set(after)):
        here = f"{path}.{key}" if path else key
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            changes += _delta(old, new, here)
        elif isinstance(old, list) and isinstance(new, list):
            changes.append({"path": here, "propertyChangeType": "Array", "children": _array_delta(old, new)})
        else:
            kind = "Create" if key not in before else "Delete" if key not in after else "Modify"
            change = {"path": here, "propertyChangeType": kind}
            if kind != "Create":
                change["before"] = old
            if kind != "Delete":
                change["after"] = new
            changes.append(change)
    return changes


def _array_delta(before: list, after: list) -> list[dict]:
    children = []
    for i in range(max(len(before), len(after))):
        if i >= len(after):
            children.append({"path": str(i), "propertyChangeType": "Delete", "before": before[i]})
        elif i >= len(before):
            children.append({"path": str(i), "propertyChangeType": "Create", "after": after[i]})
        elif before[i] != after[i]:
            children.append({"path": str(i), "propertyChangeType": "Modify", "before": before[i], "after": after[i]})
    return children
