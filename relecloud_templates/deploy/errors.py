"""Turn what the SDK raises into explanations a person can act on.

A ``UnitError`` carries a headline (the ARM error code and message), detail lines (nested ARM error details,
failing operations with their target resources and status messages) and a hint (how to sign in, how to
look at the deployment in Azure). It is what the scheduler records for a failed unit.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

SIGN_IN_HINT = (
    "sign in with `az login` (and `az account set`), or set AZURE_TENANT_ID, AZURE_CLIENT_ID and "
    "AZURE_CLIENT_SECRET for a service principal; AZURE_TOKEN_CREDENTIALS picks one credential of the chain"
)


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


# What transport errors say, once azure-identity has flattened them into a message (it keeps no exception chain).
_TLS_SIGNS = ("CERTIFICATE_VERIFY_FAILED", "certificate verify failed", "[SSL", "[X509", "SSLError",
              "self signed certificate", "self-signed certificate", "unable to get local issuer certificate")
_NETWORK_SIGNS = ("Failed to establish a new connection", "Connection refused", "Name or service not known",
                  "nodename nor servname", "getaddrinfo failed", "Temporary failure in name resolution",
                  "Network is unreachable", "No route to host", "timed out", "Max retries exceeded",
                  "Connection aborted", "RemoteDisconnected", "Connection reset")
TLS_HINT = ("the certificate authorities trusted are the system's, or --ca-bundle / RELECLOUD_CA_BUNDLE (or "
            "REQUESTS_CA_BUNDLE): it must hold the authority that issued the server's certificate (a proxy that "
            "inspects TLS has its own)")


class SignInError(UnitError):
    """Signing in failed before any unit started: one explanation for the whole run (no phase)."""


def _transport_problem(text: str) -> str:
    """"tls", "network" or "" for an error message."""
    if any(sign in text for sign in _TLS_SIGNS):
        return "tls"
    if any(sign in text for sign in _NETWORK_SIGNS):
        return "network"
    return ""


def explain_sign_in(exc: BaseException, authority: str, ca_bundle: str | None) -> SignInError:
    """Why getting a token failed: an untrusted certificate, an unreachable endpoint, or a refused identity."""
    text = str(exc).strip() or type(exc).__name__
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # DefaultAzureCredential lists what each credential said; keep those lines, not its boilerplate.
    said = [line for line in lines if ":" in line and not line.startswith(("To mitigate", "Attempted credentials"))
            and "failed to retrieve a token" not in line] or lines[:1]
    where = f"the sign-in endpoint {authority}"
    # Only a credential that tried and failed says something about the network; "unavailable" ones never tried.
    kind = _transport_problem(" ".join(line for line in said if "unavailable" not in line.lower()))
    if kind == "tls":
        trusted = f" by {ca_bundle}" if ca_bundle else ""
        return SignInError(f"cannot sign in: the TLS certificate of {where} is not trusted{trusted}", said, TLS_HINT)
    if kind == "network":
        return SignInError(f"cannot sign in: {where} cannot be reached", said,
                           "check the network (and HTTPS_PROXY), and AZURE_AUTHORITY_HOST for another cloud")
    if "AADSTS" in text or "invalid_client" in text:
        return SignInError("authentication failed: Microsoft Entra ID refused the credential", said,
                           "check AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or the federated "
                           "credential): the secret may be wrong or expired")
    return SignInError(f"authentication failed: {said[0] if said else text}", said[1:], SIGN_IN_HINT)


def explain(exc: BaseException, phase: str, endpoint: str | None) -> UnitError:
    """A UnitError for an exception raised while talking to ARM during ``phase``."""
    from azure.core.exceptions import (
        ClientAuthenticationError,
        DecodeError,
        HttpResponseError,
        ServiceRequestError,
        ServiceResponseError,
    )
    from azure.identity import CredentialUnavailableError

    if isinstance(exc, UnitError):
        exc.phase = exc.phase or phase
        return exc
    if isinstance(exc, (CredentialUnavailableError, ClientAuthenticationError)) and not _is_arm_401(exc):
        problem = explain_sign_in(exc, os.environ.get("AZURE_AUTHORITY_HOST") or "https://login.microsoftonline.com",
                                  None)
        return UnitError(problem.headline, problem.details, problem.hint, phase)
    if isinstance(exc, DecodeError):
        return UnitError(f"Azure Resource Manager sent an answer that is not valid JSON: {_first_line(exc)}",
                         phase=phase)
    if isinstance(exc, HttpResponseError):
        body = _error_body(exc)
        if body:
            head, *rest = arm_error_lines(body)
        else:
            head, rest = f"HTTP {exc.status_code}: {_first_line(exc)}", []
        hint = SIGN_IN_HINT if exc.status_code in (401, 403) and not _is_denied(body) else ""
        return UnitError(head, rest, hint, phase)
    if isinstance(exc, (ServiceRequestError, ServiceResponseError)):
        where = endpoint or "https://management.azure.com"
        if _transport_problem(str(exc)) == "tls":
            return UnitError(f"the TLS certificate of Azure Resource Manager at {where} is not trusted: "
                             f"{_first_line(exc)}", hint=TLS_HINT, phase=phase)
        return UnitError(f"cannot reach Azure Resource Manager at {where}: {_first_line(exc)}",
                         hint="check the network and --arm-endpoint", phase=phase)
    return UnitError(f"{type(exc).__name__}: {_first_line(exc)}", phase=phase)


def lost_track(exc: BaseException, what: str, show: str, endpoint: str | None, again: str = "") -> UnitError:
    """The operation was accepted, then reading its status failed: it may well still be running in Azure.
    ``again`` is the command that waits for it and finishes the job (rerun.py)."""
    error = explain(exc, "status", endpoint)
    error.headline = f"could not read the status of {what}: {error.headline}"
    then = f"; `{again}` waits for it and finishes the job" if again else ""
    error.details.append(f"it may still be running in Azure; look with `{show}`{then}")
    return error


def is_status_failure(exc: BaseException) -> bool:
    """Whether an error raised while waiting for a long-running operation came from reading its status (a 5xx,
    a dropped connection), not from the operation itself ending Failed (that arrives with a 2xx status answer)."""
    from azure.core.exceptions import HttpResponseError, ServiceRequestError, ServiceResponseError

    if isinstance(exc, (ServiceRequestError, ServiceResponseError)):
        return True
    return isinstance(exc, HttpResponseError) and (exc.status_code or 200) >= 300


def _is_denied(body: dict | None) -> bool:
    return body is not None and str(body.get("code", "")).startswith("DenyAssignment")


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
