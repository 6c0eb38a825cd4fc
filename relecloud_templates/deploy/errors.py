"""Turn what the SDK raises into explanations a person can act on.

A ``UnitError`` carries a headline (the ARM error code and message), detail lines (nested ARM error details,
failing operations with their target resources and status messages) and a hint (how to sign in, how to
look at the deployment in Azure). It is what the scheduler records for a failed unit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

SIGN_IN_HINT = ("sign in with `az login` (and `az account set`), or set AZURE_TENANT_ID, AZURE_CLIENT_ID and "
                "AZURE_CLIENT_SECRET for a service principal; AZURE_TOKEN_CREDENTIALS picks one credential of the chain")


@dataclass
class UnitError(Exception):
    headline: str
    details: list[str] = field(default_factory=list)
    hint: str = ""
    phase: str = ""

    def __str__(self) -> str:
        return self.headline

    def lines(self) -> list[str]:
        out = [f"{self.phase} failed: {self.headline}" if self.phase else self.headline]
        out += [f"  {line}" for line in self.details]
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return out


def arm_error_lines(error: dict | None, depth: int = 0) -> list[str]:
    """``code: message`` for an ARM error object and its nested details, indented by depth."""
    if not isinstance(error, dict):
        return []
    lines = [f"{'  ' * depth}{error.get('code', 'Error')}: {error.get('message', '')}".rstrip()]
    for detail in error.get("details") or ():
        lines += arm_error_lines(detail, depth + 1)
    return lines


def explain(exc: BaseException, phase: str, endpoint: str | None) -> UnitError:
    """A UnitError for an exception raised while talking to ARM during ``phase``."""
    from azure.core.exceptions import (ClientAuthenticationError, HttpResponseError, ServiceRequestError,
                                       ServiceResponseError)
    from azure.identity import CredentialUnavailableError

    if isinstance(exc, UnitError):
        exc.phase = exc.phase or phase
        return exc
    if isinstance(exc, (CredentialUnavailableError, ClientAuthenticationError)) and not _is_arm_401(exc):
        head, *rest = [line.strip() for line in (str(exc).strip() or type(exc).__name__).splitlines() if line.strip()]
        return UnitError(f"authentication failed: {head}", rest, SIGN_IN_HINT, phase)
    if isinstance(exc, HttpResponseError):
        body = _error_body(exc)
        if body:
            head, *rest = arm_error_lines(body)
        else:
            head, rest = f"HTTP {exc.status_code}: {_first_line(exc)}", []
        hint = SIGN_IN_HINT if exc.status_code in (401, 403) else ""
        return UnitError(head, rest, hint, phase)
    if isinstance(exc, (ServiceRequestError, ServiceResponseError)):
        where = endpoint or "https://management.azure.com"
        return UnitError(f"cannot reach Azure Resource Manager at {where}: {_first_line(exc)}",
                         hint="check the network, --arm-endpoint and --ca-bundle", phase=phase)
    return UnitError(f"{type(exc).__name__}: {_first_line(exc)}", phase=phase)


def _is_arm_401(exc) -> bool:
    return getattr(exc, "status_code", None) in (401, 403) and _error_body(exc) is not None


def _error_body(exc) -> dict | None:
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            data = json.loads(response.text())
        except (ValueError, TypeError, AttributeError):  # not JSON (a proxy's HTML page): use the exception text
            data = None
        if isinstance(data, dict) and isinstance(data.get("error"), dict):
            return data["error"]
    error = getattr(exc, "error", None)
    if error is not None and getattr(error, "code", None):
        return {"code": error.code, "message": error.message,
                "details": [{"code": d.code, "message": d.message} for d in (error.details or [])]}
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def failed_operations(operations) -> list[str]:
    """Detail lines for failed resource operations: target resource, then the status message's error."""
    lines = []
    for op in operations:
        props = op.get("properties") or {}
        if props.get("provisioningState") != "Failed":
            continue
        target = props.get("targetResource") or {}
        name = f"{target.get('resourceType', '?')} {target.get('resourceName', target.get('id', '?'))}"
        message = props.get("statusMessage") or {}
        error = message.get("error") if isinstance(message, dict) else None
        reason = arm_error_lines(error) or [str(message) if message else f"status {props.get('statusCode', '?')}"]
        lines.append(f"operation failed on {name}: {reason[0]}")
        lines += [f"  {line}" for line in reason[1:]]
    return lines
