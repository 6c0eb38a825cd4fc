"""Credential and ARM clients, built from the command's knobs (endpoint, authority, CA bundle, polling, timeouts).

Every client of a run shares one cancel event and one request watch (transport.py): waits end when the run is
interrupted, Retry-After is bounded, and slow requests are known. The credential signs in once, before any
unit starts (``sign_in``), so a wrong secret or an unreachable sign-in endpoint is one message.

This module imports the Azure SDK; only ``relecloud deploy`` and ``destroy`` import it, inside the command.
"""

from __future__ import annotations

import os
import ssl
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from relecloud_templates.deploy.errors import SignInError, explain_sign_in
from relecloud_templates.deploy.scheduler import Interrupted
from relecloud_templates.deploy.transport import (
    DEFAULT_MAX_RETRY_AFTER,
    InterruptibleRetryPolicy,
    RequestWatch,
    RetryAfterGuard,
)

# Authorities that msal knows; any other one (a sovereign cloud's private authority, a test emulator) gets
# instance discovery switched off, or msal would ask login.microsoftonline.com about it first.
MICROSOFT_AUTHORITIES = ("login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
                         "login.partner.microsoftonline.cn", "login.windows.net")
PUBLIC_ARM = "https://management.azure.com"
PUBLIC_AUTHORITY = "https://login.microsoftonline.com"
POOL_CONNECTIONS, POOL_MAXSIZE = 10, 64  # hosts, and idle connections kept per host, of the run's transport


@dataclass(frozen=True)
class Connection:
    arm_endpoint: str | None = None  # None: the SDK's default (public Azure)
    ca_bundle: str | None = None
    polling_interval: float = 5.0
    request_timeout: float = 120.0  # seconds to wait for one answer (each retry waits again)
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER
    retries: int | None = None  # at most this many retries of a failed request (None: azure-core's defaults)
    cancel: threading.Event = field(default_factory=threading.Event, compare=False)
    watch: RequestWatch = field(default_factory=RequestWatch, compare=False)
    _transport: list = field(default_factory=list, compare=False, repr=False)  # the run's one transport, once built
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def authority(self) -> str:
        return os.environ.get("AZURE_AUTHORITY_HOST") or PUBLIC_AUTHORITY

    def scope(self) -> str:
        """The token scope the ARM clients ask for: the endpoint's own audience."""
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.arm_endpoint)) if self.arm_endpoint else PUBLIC_ARM
        return f"{origin}/.default"

    def credential_options(self) -> dict:
        options: dict = {}
        authority = os.environ.get("AZURE_AUTHORITY_HOST", "")
        host = urlsplit(authority if "//" in authority else f"https://{authority}").hostname or ""
        if authority and host.lower() not in MICROSOFT_AUTHORITIES:
            options["disable_instance_discovery"] = True
        if self.ca_bundle:
            options["connection_verify"] = self.ca_bundle
        options.update(self._retry_options())
        return options

    def _retry_options(self) -> dict:
        return {} if self.retries is None else {"retry_total": self.retries}

    def retry_policies(self) -> list:
        """How every client of the run retries: waits that the cancel event ends, Retry-After capped at
        max_retry_after, each request seen by the watch. The retry policy first, then what runs inside it on every
        try. The ARM clients and the clients deploy builds itself (the data plane's) share it."""
        return [InterruptibleRetryPolicy(self.cancel, self.watch, **self._retry_options()),
                RetryAfterGuard(self.max_retry_after, self.watch), self.watch]

    def transport_options(self) -> dict:
        """How every client of the run talks HTTP: its timeouts, and the CA bundle it trusts when one is given."""
        options: dict = {"read_timeout": self.request_timeout, "connection_timeout": min(self.request_timeout, 30.0)}
        if self.ca_bundle:
            options["connection_verify"] = self.ca_bundle
        return options

    def transport(self):
        """The one HTTP transport (one requests session, so one connection pool) of every client of the run: the ARM
        clients of each subscription and kind and the data plane's. With a transport each, every client opened TLS
        connections of its own to the same host, a handshake (one or two round trips to Azure) each."""
        with self._lock:
            if not self._transport:
                from azure.core.pipeline.transport import RequestsTransport

                transport = RequestsTransport(**self.transport_options())
                transport.open()
                # Idle connections kept per host: the unit threads and their data-plane steps share the pool, and a
                # connection returned to a full pool is closed (and urllib3 warns about it).
                for adapter in {id(a): a for a in transport.session.adapters.values()}.values():
                    adapter.init_poolmanager(POOL_CONNECTIONS, POOL_MAXSIZE)
                self._transport.append(transport)
            return self._transport[0]

    def client_options(self) -> dict:
        retry, *per_retry = self.retry_policies()
        options: dict = {"polling_interval": self.polling_interval, "retry_policy": retry,
                         "per_retry_policies": per_retry, "transport": self.transport()}
        if self.arm_endpoint:
            options["base_url"] = self.arm_endpoint
            # Sovereign clouds and emulators expect tokens for their own audience.
            options["credential_scopes"] = [self.scope()]
        return options


def check_ca_bundle(path: str) -> str | None:
    """Why ``path`` cannot serve as a CA bundle (no certificate in it), or None when it can."""
    try:
        context = ssl.create_default_context(cafile=path)
    except (ssl.SSLError, OSError, ValueError) as exc:
        return f"{path} holds no usable certificate ({getattr(exc, 'reason', None) or exc}); it must be a PEM file " \
               f"of certificate authorities"
    if not context.get_ca_certs():
        return f"{path} holds no certificate authority"
    return None


def default_credential(connection: Connection):
    """DefaultAzureCredential: AZURE_* service principal variables, workload or managed identity, Azure CLI, ...

    AZURE_TOKEN_CREDENTIALS narrows the chain (e.g. ``AzureCliCredential`` or ``EnvironmentCredential``).
    """
    from azure.identity import DefaultAzureCredential

    return DefaultAzureCredential(**connection.credential_options())


def sign_in(credential, connection: Connection) -> None:
    """Get the ARM token once, before any unit starts; raises SignInError explaining a failure, or
    Interrupted when the run is cancelled meanwhile (the request may hang: it runs in a thread of its own)."""
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        connection.watch.bind("sign-in")
        try:
            credential.get_token(connection.scope())
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=attempt, name="sign-in", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.1)
        if connection.cancel.is_set():
            raise Interrupted("stopped while signing in")
    if outcome and outcome[0] is not None:
        raise explain_sign_in(outcome[0], connection.authority(), connection.ca_bundle) from None


class Clients:
    """One client per subscription and kind, shared by the unit threads (the clients are thread-safe)."""

    def __init__(self, credential, connection: Connection):
        self.credential, self.connection = credential, connection
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, str], object] = {}

    def deployments(self, subscription_id: str):
        from azure.mgmt.resource.deployments import DeploymentsMgmtClient

        return self._client(DeploymentsMgmtClient, subscription_id)

    def stacks(self, subscription_id: str):
        from azure.mgmt.resource.deploymentstacks import DeploymentStacksClient

        return self._client(DeploymentStacksClient, subscription_id)

    def _client(self, kind, subscription_id: str):
        with self._lock:
            key = (kind.__name__, subscription_id)
            if key not in self._clients:
                self._clients[key] = kind(self.credential, subscription_id, **self.connection.client_options())
            return self._clients[key]


__all__ = ["Clients", "Connection", "SignInError", "check_ca_bundle", "default_credential", "sign_in"]
