"""A local ARM over HTTPS, as azure-identity and azure-mgmt-resource-deployments speak to it.

Routes (paths match case-insensitively, as in ARM):

- ``GET /{tenant}/v2.0/.well-known/openid-configuration`` and ``POST /{tenant}/oauth2/v2.0/token``: enough of
  Microsoft Entra ID for msal's client-credentials flow; every other route needs the bearer token it issued.
- resource groups: ``PUT``/``GET``/``HEAD /subscriptions/{sub}/resourcegroups/{rg}``.
- deployments at subscription and resource-group scope: ``PUT`` (Azure-AsyncOperation protocol), ``GET``,
  ``POST validate`` and ``POST whatIf`` (Location protocol), ``POST cancel``, the paged operations list.
- deployment stacks at subscription and resource-group scope (api-version 2025-07-01): ``PUT``
  (Azure-AsyncOperation), ``GET``, ``DELETE`` with the ``unmanageAction.*`` query (Location), ``POST validate``
  (Location), the paged list.
- any other resource: ``GET`` and ``DELETE`` (a person changing Azure by hand), refused with 403 where a
  stack's deny settings protect it.
- the data planes and ARM actions that deploy's data-plane steps use: managed private endpoints and their
  connections (dataplane.py), Synapse and Purview roles (roles.py), Purview's scanning network (purview.py), AKS
  run commands and DNS record sets (serving.py); a policy may answer with headers (a ``Location``).

Faults for tests: ``Fault`` entries answer matching requests with a status (and ``Retry-After``), a dropped
connection, or a delay, a given number of times. Every request is logged in ``requests``.
"""

from __future__ import annotations

import fnmatch
import json
import re
import ssl
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import trustme

from arm_emulator.checks import check_deployment
from arm_emulator.dataplane import ManagedEndpoints
from arm_emulator.purview import PurviewScanning
from arm_emulator.roles import DataPlaneRoles
from arm_emulator.serving import DnsRecords, RunCommands
from arm_emulator.state import World, flatten, is_deployment

API_VERSIONS = {"deployments": "2026-06-01", "resourcegroups": "2025-04-01", "deploymentstacks": "2025-07-01"}
_DEPLOYMENT = re.compile(
    r"^/subscriptions/(?P<sub>[^/]+)(?:/resourcegroups/(?P<rg>[^/]+))?(?:/providers/microsoft\.resources)?"
    r"/deployments/(?P<name>[^/]+)(?:/(?P<action>validate|whatif|cancel|operations|operationstatuses/[^/]+))?$",
    re.IGNORECASE)
_STACK = re.compile(
    r"^/subscriptions/(?P<sub>[^/]+)(?:/resourcegroups/(?P<rg>[^/]+))?/providers/microsoft\.resources"
    r"/deploymentstacks(?:/(?P<name>[^/]+)(?:/(?P<action>validate|operationstatuses/[^/]+))?)?$", re.IGNORECASE)
_RESOURCE = re.compile(r"^/subscriptions/[^/]+(?:/resourcegroups/[^/]+)?/providers/(?!microsoft\.resources/)[^/]+/.+$",
                       re.IGNORECASE)
_GROUP = re.compile(r"^/subscriptions/(?P<sub>[^/]+)/resourcegroups/(?P<rg>[^/]+)$", re.IGNORECASE)
_RESULT = re.compile(r"^/subscriptions/[^/]+/operationresults/(?P<id>[^/]+)$", re.IGNORECASE)
_OIDC = re.compile(r"^/(?P<tenant>[^/]+)/v2\.0/\.well-known/openid-configuration$", re.IGNORECASE)
_TOKEN = re.compile(r"^/(?P<tenant>[^/]+)/oauth2/v2\.0/token$", re.IGNORECASE)


@dataclass
class Fault:
    """Answer up to ``times`` requests matching ``method`` and the fnmatch ``path`` pattern abnormally."""

    method: str = "*"
    path: str = "*"  # matched against the lower-case path, without the query
    status: int = 503
    retry_after: float | str | None = None  # a string is sent as it is (a malformed value, an HTTP date)
    drop: bool = False  # close the connection without an answer
    delay: float = 0.0  # wait before answering (normally) when status is 0
    times: int = 1
    # Hold the request until ``until()`` holds (looked at every 10 ms), at most ``within`` seconds: a request that
    # waits for another one, which a client sending one request at a time never sends while this one is held.
    until: Callable[[], bool] | None = None
    within: float = 10.0

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and fnmatch.fnmatch(method, self.method) and fnmatch.fnmatch(path.lower(), self.path)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: list | None = None):
        super().__init__(message)
        self.status, self.body = status, {"error": {"code": code, "message": message, **(
            {"details": details} if details else {})}}


class ArmEmulator:
    tenant = "72f988bf-0000-4000-8000-00000000e000"
    client_id = "relecloud-test-client"
    client_secret = "emulator-secret"
    principal_id = "0b1e1d2c-0000-4000-8000-0000000000c1"  # the object ID of the client above
    # Another identity, as a person's break-glass account would be: (client ID, secret, object ID).
    break_glass = ("relecloud-break-glass", "break-glass-secret", "0b1e1d2c-0000-4000-8000-0000000000c2")

    def __init__(self, workdir: Path, page_size: int = 5):
        self.world = World()
        # Managed private endpoints, data-plane roles and Purview's scanning network, as Azure keeps them
        # (dataplane.py, roles.py, purview.py)
        self.endpoints, self.roles = ManagedEndpoints(), DataPlaneRoles()
        self.purview = PurviewScanning(self.endpoints)
        self.world.policies += [self.endpoints, self.roles, self.purview]
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, int]] = []  # (method, path with query, status)
        self.connections = 0  # connections accepted (each a TLS handshake)
        self.page_size = page_size
        self.poll_retry_after: str | None = None  # sent as Retry-After on every status answer of an operation
        self.latency = 0.0  # seconds every answer takes on the wire, as ARM's do (the deploy benchmark sets it)
        self._tokens: dict[str, str] = {}  # bearer token -> the object ID of the principal it was issued to
        self._results: dict[str, tuple[int, dict]] = {}
        self._pending_deletes: dict[str, tuple] = {}  # operation -> key of the deployment stack being deleted
        self._checked: dict[str, list[dict]] = {}  # what a deployment request's check found, by what it checks
        authority = trustme.CA()
        self.ca_path = Path(workdir) / "emulator-ca.pem"
        authority.cert_pem.write_to_path(str(self.ca_path))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        self._server = _Server(("127.0.0.1", 0), _Handler, context, self)
        self.url = f"https://127.0.0.1:{self._server.server_address[1]}"
        # AKS run commands and DNS record sets, for publishing a served model (serving.py)
        self.run_commands, self.records = RunCommands(self.url), DnsRecords()
        self.world.policies += [self.run_commands, self.records]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="arm-emulator",
                                        daemon=True)  # a short poll: shutting down takes no half second

    def __enter__(self) -> ArmEmulator:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def env(self) -> dict[str, str]:
        """The environment that points the CLI (and DefaultAzureCredential) at this emulator, and only at it."""
        return {"AZURE_TENANT_ID": self.tenant, "AZURE_CLIENT_ID": self.client_id,
                "AZURE_CLIENT_SECRET": self.client_secret, "AZURE_AUTHORITY_HOST": self.url,
                "AZURE_TOKEN_CREDENTIALS": "EnvironmentCredential",
                "RELECLOUD_ARM_ENDPOINT": self.url, "RELECLOUD_CA_BUNDLE": str(self.ca_path),
                "RELECLOUD_POLL_INTERVAL": "0.05", "RELECLOUD_APPROVAL_TIMEOUT": "10",
                "RELECLOUD_SYNAPSE_ENDPOINT": self.url + "/_synapse/{workspace}",
                "RELECLOUD_PURVIEW_ENDPOINT": self.url + "/_purview/{account}"}

    def count(self, method: str, pattern: str) -> int:
        return sum(1 for m, p, _ in self.requests if m == method and fnmatch.fnmatch(p.lower(), pattern))

    # -- request handling (called from handler threads) ------------------------------------------------------
    def handle(self, method: str, path: str, query: dict, headers, body: bytes) -> tuple[int, dict | None, dict]:
        if m := _OIDC.match(path):
            base = f"{self.url}/{m['tenant']}"
            return 200, {"issuer": f"{base}/v2.0", "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                         "token_endpoint": f"{base}/oauth2/v2.0/token"}, {}
        if (m := _TOKEN.match(path)) and method == "POST":
            return self._token(parse_qs(body.decode()))
        principal = self._tokens.get(headers.get("Authorization", "").removeprefix("Bearer "))
        if principal is None:
            raise ApiError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is "
                                                        "missing or does not carry a valid bearer token.")
        payload = json.loads(body) if body else None
        with self.world.lock:
            self.world.advance()
            if m := _RESULT.match(path):
                return self._operation_result(m["id"])
            for policy in self.world.policies:  # Azure behaviours with routes of their own (dataplane.py)
                answer = policy.route(self.world, method, path, payload, query) if hasattr(policy, "route") else None
                if answer is not None:
                    return answer[0], answer[1], (answer[2] if len(answer) > 2 else {})
            if m := _STACK.match(path):
                self._require_api_version(query, "deploymentstacks")
                return self._stack(method, m["sub"], m["rg"], m["name"], (m["action"] or "").lower(), payload,
                                   query, path)
            if m := _GROUP.match(path):
                self._require_api_version(query, "resourcegroups")
                return self._group(method, m["sub"], m["rg"], payload)
            if _RESOURCE.match(path) and method in ("GET", "DELETE"):
                self._require_api_version(query, "resources")
                return self._resource(method, path, principal)
            if m := _DEPLOYMENT.match(path):
                self._require_api_version(query, "deployments")
                return self._deployment(method, m["sub"], m["rg"], m["name"], (m["action"] or "").lower(),
                                        payload, query, path, principal)
        raise ApiError(404, "NotFound", f"The emulator has no route for {method} {path}.")

    def _token(self, form: dict) -> tuple[int, dict, dict]:
        identities = {self.client_id: (self.client_secret, self.principal_id),
                      self.break_glass[0]: self.break_glass[1:]}
        secret, principal = identities.get((form.get("client_id") or [""])[0], (None, None))
        if secret is None or principal is None or form.get("client_secret") != [secret]:
            return 401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret "
                         "provided. Ensure the secret being sent in the request is the client secret value."}, {}
        token = f"emulator-{uuid.uuid4().hex}"
        self._tokens[token] = principal
        return 200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}, {}

    @staticmethod
    def _require_api_version(query: dict, kind: str) -> None:
        if "api-version" not in query:
            raise ApiError(400, "MissingApiVersionParameter", "The api-version query parameter is required.")

    def _group(self, method: str, sub: str, rg: str, payload) -> tuple[int, dict | None, dict]:
        if method == "PUT":
            if not isinstance(payload, dict) or not payload.get("location"):
                raise ApiError(400, "LocationRequired", "The location property is required for this definition.")
            status, body = self.world.put_group(sub, rg, payload)
            return status, body, {}
        if self.world.group(sub, rg) is None:
            raise ApiError(404, "ResourceGroupNotFound", f"Resource group '{rg}' could not be found.")
        return (204 if method == "HEAD" else 200), self.world.group_body(sub, rg), {}

    def _deployment(self, method, sub, rg, name, action, payload, query, path, principal=None):
        scope = "resourceGroup" if rg else "subscription"
        if rg and self.world.group(sub, rg) is None:
            raise ApiError(404, "ResourceGroupNotFound", f"Resource group '{rg}' could not be found.")
        key = (sub.lower(), (rg or "").lower(), name.lower())
        dep_id = (f"/subscriptions/{sub}" + (f"/resourceGroups/{rg}" if rg else "")
                  + f"/providers/Microsoft.Resources/deployments/{name}")
        existing = self.world.deployments.get(key)
        if method == "PUT" and not action:
            if existing is not None and existing.state == "Running":
                raise ApiError(409, "DeploymentActive", f"Unable to edit or replace deployment '{name}': previous "
                                                        "deployment from the same name is still active.")
            self._check(payload, scope)
            planned, outputs = self.world.plan(sub, rg, name, payload)
            dep = self.world.start(key, dep_id, name, scope, payload, planned, outputs, principal=principal)
            monitor = f"{self.url}{dep_id}/operationStatuses/{uuid.uuid4().hex}?api-version={query['api-version'][0]}"
            return 201, self._deployment_body(dep, accepted=True), {"Azure-AsyncOperation": monitor}
        if method == "POST" and action in ("validate", "whatif"):
            self._check(payload, scope)
            planned, _ = self.world.plan(sub, rg, name, payload)
            if action == "validate":
                result = {"id": dep_id, "name": name, "properties": {
                    "provisioningState": "Succeeded", "mode": payload["properties"]["mode"],
                    "validatedResources": [{"id": r.id} for r in planned]}}
            else:
                settings = payload["properties"].get("whatIfSettings") or {}
                changes = self.world.what_if(planned, settings.get("resultFormat", "FullResourcePayloads"))
                result = {"status": "Succeeded", "properties": {"changes": changes}}
            return self._later(sub, query["api-version"][0], 200, result)
        if existing is None:
            raise ApiError(404, "DeploymentNotFound", f"Deployment '{name}' could not be found.")
        if method == "POST" and action == "cancel":
            if existing.state != "Running":
                raise ApiError(409, "DeploymentCannotBeCancelled", f"The deployment '{name}' is not running.")
            self.world.cancel(existing)
            return 204, None, {}
        if method == "GET" and action.startswith("operationstatuses"):
            status: dict[str, Any] = {"status": existing.state}
            if existing.state == "Failed":
                status["error"] = self._failure_error(existing)
            return 200, status, {}
        if method == "GET" and action == "operations":
            return 200, self._page(self.world.operations(existing), query, path), {}
        if method in ("GET", "HEAD") and not action:
            return (204 if method == "HEAD" else 200), self._deployment_body(existing), {}
        raise ApiError(405, "MethodNotAllowed", f"{method} is not supported on {path}.")

    # -- deployment stacks -----------------------------------------------------------------------------------
    def _stack(self, method, sub, rg, name, action, payload, query, path):
        scope = "resourceGroup" if rg else "subscription"
        if rg and self.world.group(sub, rg) is None:
            raise ApiError(404, "ResourceGroupNotFound", f"Resource group '{rg}' could not be found.")
        if name is None:
            if method != "GET":
                raise ApiError(405, "MethodNotAllowed", f"{method} is not supported on {path}.")
            listed = [self._stack_body(s) for k, s in sorted(self.world.stacks.items())
                      if k[0] == sub.lower() and k[1] == (rg or "").lower()]
            return 200, self._page(listed, query, path), {}
        key = (sub.lower(), (rg or "").lower(), name.lower())
        stack_id = (f"/subscriptions/{sub}" + (f"/resourceGroups/{rg}" if rg else "")
                    + f"/providers/Microsoft.Resources/deploymentStacks/{name}")
        existing = self.world.stacks.get(key)
        version = query["api-version"][0]
        if method == "PUT" and not action:
            if existing is not None and existing.state in ("deploying", "deleting"):
                raise ApiError(409, "DeploymentStackInNonTerminalState", f"The deployment stack '{name}' is in a "
                               f"non-terminal state '{existing.state}'; wait for it to finish.")
            self._check_stack(payload, scope)
            planned, outputs = self.world.plan(sub, rg, name, self._as_deployment(payload))
            stack = self.world.put_stack(key, stack_id, name, scope, payload, planned, outputs)
            monitor = f"{self.url}{stack_id}/operationStatuses/{uuid.uuid4().hex}?api-version={version}"
            return 201, self._stack_body(stack), {"Azure-AsyncOperation": monitor}
        if method == "POST" and action == "validate":
            self._check_stack(payload, scope)
            planned, _ = self.world.plan(sub, rg, name, self._as_deployment(payload))
            props = payload["properties"]
            result = {"id": stack_id, "name": name, "type": "Microsoft.Resources/deploymentStacks", "properties": {
                "actionOnUnmanage": props["actionOnUnmanage"], "denySettings": props["denySettings"],
                "validatedResources": [{"id": r.id} for r in flatten(planned) if not is_deployment(r)]}}
            return self._later(sub, version, 200, result)
        if existing is None:
            raise ApiError(404, "DeploymentStackNotFound", f"The deployment stack '{name}' could not be found.")
        if method == "GET" and action.startswith("operationstatuses"):
            status = {"succeeded": "Succeeded", "failed": "Failed"}.get(existing.state, "Running")
            body: dict = {"status": status}
            if existing.error:
                body["error"] = existing.error
            return 200, body, {}
        if method == "GET" and not action:
            return 200, self._stack_body(existing), {}
        if method == "DELETE" and not action:
            if existing.state in ("deploying", "deleting"):
                raise ApiError(409, "DeploymentStackInNonTerminalState", f"The deployment stack '{name}' is in a "
                               f"non-terminal state '{existing.state}'; wait for it to finish.")
            actions = {kind: query.get(f"unmanageAction.{kind}", ["detach"])[0]
                       for kind in ("Resources", "ResourceGroups", "ManagementGroups")}
            for kind, value in actions.items():
                if value not in ("delete", "detach"):
                    raise ApiError(400, "InvalidUnmanageAction", f"unmanageAction.{kind} '{value}' is not valid.")
            self.world.delete_stack(existing, {"resources": actions["Resources"],
                                               "resourceGroups": actions["ResourceGroups"]},
                                    self.world.delete_duration_for(name))
            op = uuid.uuid4().hex
            self._pending_deletes[op] = key
            return (
                202,
                None,
                {"Location": f"{self.url}/subscriptions/{sub}/operationresults/{op}?api-version={version}"},
            )
        raise ApiError(405, "MethodNotAllowed", f"{method} is not supported on {path}.")

    @staticmethod
    def _as_deployment(payload: dict) -> dict:
        props = payload["properties"]
        return {"location": payload.get("location"), "properties": {
            "mode": "Incremental", "template": props.get("template"), "parameters": props.get("parameters") or {}}}

    def _check_stack(self, payload, scope: str) -> None:
        props = payload.get("properties") if isinstance(payload, dict) else None
        if not isinstance(props, dict):
            raise ApiError(400, "InvalidRequestContent", "The request content was invalid: 'properties' is required.")
        action = props.get("actionOnUnmanage")
        if not isinstance(action, dict) or action.get("resources") not in ("delete", "detach") or any(
                action.get(k, "detach") not in ("delete", "detach") for k in ("resourceGroups", "managementGroups")):
            raise ApiError(400, "InvalidActionOnUnmanage", "properties.actionOnUnmanage.resources must be 'delete' or "
                                                           "'detach' (resourceGroups and managementGroups too).")
        deny = props.get("denySettings")
        if not isinstance(deny, dict) or deny.get("mode") not in ("none", "denyDelete", "denyWriteAndDelete"):
            raise ApiError(400, "InvalidDenySettings", "properties.denySettings.mode must be 'none', 'denyDelete' "
                                                       "or 'denyWriteAndDelete'.")
        if len(deny.get("excludedPrincipals") or ()) > 5:
            raise ApiError(400, "InvalidDenySettings", "At most 5 excluded principals are permitted.")
        if len(deny.get("excludedActions") or ()) > 200:
            raise ApiError(400, "InvalidDenySettings", "At most 200 excluded actions are permitted.")
        self._check(self._as_deployment(payload), scope)

    def _stack_body(self, stack) -> dict:
        props = {"provisioningState": stack.state, "actionOnUnmanage": stack.action, "denySettings": stack.deny,
                 "description": stack.description, "correlationId": stack.id[-8:],
                 "resources": [{"id": r, "status": "managed", "denyStatus": stack.deny_mode} for r in stack.managed],
                 "detachedResources": [{"id": r} for r in stack.detached],
                 "deletedResources": [{"id": r} for r in stack.deleted], "failedResources": []}
        if stack.deployment is not None:
            props["deploymentId"] = stack.deployment.id
            props["duration"] = f"PT{stack.deployment.duration:.1f}S"
        if stack.state == "succeeded":
            props["outputs"] = stack.outputs
        if stack.error:
            props["error"] = stack.error
        body = {"id": stack.id, "name": stack.name, "type": "Microsoft.Resources/deploymentStacks",
                "tags": stack.tags, "properties": props}
        if stack.location:
            body["location"] = stack.location
        return body

    def _resource(self, method: str, path: str, principal: str | None = None) -> tuple[int, dict | None, dict]:
        resource = self.world.resources.get(path.lower())
        if resource is None:
            raise ApiError(404, "ResourceNotFound", f"The resource '{path}' was not found.")
        if method == "GET":
            return 200, {"id": resource.id, "name": resource.name, "type": resource.type, **resource.body}, {}
        if self.world.denied_by(resource.id, f"{resource.type}/delete", principal):
            raise ApiError(403, "DenyAssignmentAuthorizationFailed", f"The client has permission to perform action "
                           f"'delete' on scope '{resource.id}', however the access is denied because of the deny "
                           f"assignment of a deployment stack.")
        self.world.delete_resource(resource.id)
        return 200, None, {}

    def _later(self, sub: str, version: str, status: int, body: dict) -> tuple[int, None, dict]:
        """Answer 202 with a Location whose first poll gives ``body``."""
        op = uuid.uuid4().hex
        self._results[op] = (status, body)
        return 202, None, {"Location": f"{self.url}/subscriptions/{sub}/operationresults/{op}?api-version={version}"}

    def _check(self, payload, scope: str) -> None:
        # A unit's template and parameters arrive three times a run (validate, what-if, the stack itself) and again
        # at every rerun: checked once (the check reads nothing else than what the key holds).
        props = payload.get("properties") if isinstance(payload, dict) else None
        key = json.dumps([scope, payload.get("location"), props.get("mode"), props.get("template"),
                          props.get("parameters")]) if isinstance(props, dict) else None
        problems = self._checked.get(key) if key is not None else None
        if problems is None:
            problems = check_deployment(payload, scope)
            if key is not None:
                self._checked[key] = problems
        if problems:
            first = problems[0]
            raise ApiError(400, first["code"], first["message"], problems if len(problems) > 1 else None)

    def _operation_result(self, op: str) -> tuple[int, dict | None, dict]:
        if op in self._pending_deletes:  # a deployment stack being deleted: 202 until it is gone
            gone = self._pending_deletes[op] not in self.world.stacks
            return (200, None, {}) if gone else (202, None, {})
        if op not in self._results:
            raise ApiError(404, "NotFound", f"Operation '{op}' could not be found.")
        status, body = self._results[op]
        return status, body, {}

    def _page(self, items: list, query: dict, path: str) -> dict:
        start = int(query.get("$skiptoken", ["0"])[0])
        page: dict[str, Any] = {"value": items[start:start + self.page_size]}
        if start + self.page_size < len(items):
            page["nextLink"] = (f"{self.url}{path}?api-version={query['api-version'][0]}"
                                f"&$skiptoken={start + self.page_size}")
        return page

    @staticmethod
    def _failure_error(dep) -> dict:
        failure = dep.failure
        detail = {"code": failure.code, "message": failure.message} if failure else {
            "code": "Canceled", "message": "The deployment was canceled."}
        return {"code": "DeploymentFailed", "message": "At least one resource deployment operation failed. Please "
                "list deployment operations for details.", "details": [detail]}

    def _deployment_body(self, dep, accepted: bool = False) -> dict:
        props = {"provisioningState": "Accepted" if accepted else dep.state, "mode": dep.mode,
                 "correlationId": dep.operation_ids[0] if dep.operation_ids else "0",
                 "timestamp": "2026-11-26T00:00:00Z", "duration": f"PT{dep.duration:.1f}S"}
        if dep.state == "Succeeded" and not accepted:
            props["outputs"] = dep.outputs
            props["outputResources"] = [{"id": r.id} for r in dep.resources]
        if dep.state == "Failed":
            props["error"] = self._failure_error(dep)
        return {"id": dep.id, "name": dep.name, "type": "Microsoft.Resources/deployments",
                "location": dep.location, "properties": props}

    def fault_for(self, method: str, path: str) -> Fault | None:
        with self.world.lock:
            fault = next((f for f in self.faults if f.matches(method, path)), None)
            if fault is not None:
                fault.times -= 1
            return fault


def _is_poll(path: str) -> bool:
    lower = path.lower()
    return "/operationstatuses/" in lower or "/operationresults/" in lower


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, context: ssl.SSLContext, emulator: ArmEmulator):
        super().__init__(address, handler)
        self.context, self.emulator = context, emulator

    def get_request(self):
        # The TLS handshake happens in the connection's own thread, so one slow client blocks nobody.
        sock, address = self.socket.accept()
        self.emulator.connections += 1
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    def handle_error(self, request, client_address) -> None:
        pass  # clients that drop connections (and the dropped-connection fault) are normal here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: without this, each answer waits for an ACK
    server: _Server

    def log_message(self, *args) -> None:
        pass

    def _serve(self) -> None:
        emulator = self.server.emulator
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        fault = emulator.fault_for(self.command, url.path)
        if fault is not None and fault.drop:
            emulator.requests.append((self.command, self.path, 0))
            self.close_connection = True
            self.connection.close()
            return
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.until is not None:
            deadline = time.monotonic() + fault.within
            while not fault.until() and time.monotonic() < deadline:
                time.sleep(0.01)
        if emulator.latency:
            time.sleep(emulator.latency)
        headers: dict[str, Any]
        payload: Any
        if fault is not None and fault.status:
            headers = {} if fault.retry_after is None else {"Retry-After": fault.retry_after if isinstance(
                fault.retry_after, str) else f"{fault.retry_after:g}"}
            status, payload = fault.status, {"error": {"code": "InjectedFault", "message": f"HTTP {fault.status} "
                                                                                           "injected by the test."}}
        else:
            try:
                status, payload, headers = emulator.handle(self.command, url.path, parse_qs(url.query),
                                                           self.headers, body)
            except ApiError as exc:
                status, payload, headers = exc.status, exc.body, {}
            except ValueError as exc:
                status, payload, headers = 400, {"error": {"code": "InvalidRequestContent", "message": str(exc)}}, {}
            if emulator.poll_retry_after is not None and _is_poll(url.path):
                headers = {**headers, "Retry-After": emulator.poll_retry_after}
        emulator.requests.append((self.command, self.path, status))
        data = json.dumps(payload).encode() if payload is not None and self.command != "HEAD" else b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = _serve
