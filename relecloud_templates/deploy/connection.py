"""Credential and ARM clients, built from the command's knobs (endpoint, authority, CA bundle, polling).

This module imports the Azure SDK; only ``relecloud deploy`` imports it, inside the command function.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

# Authorities that msal knows; any other one (a sovereign cloud's private authority, a test emulator) gets
# instance discovery switched off, or msal would ask login.microsoftonline.com about it first.
MICROSOFT_AUTHORITIES = ("login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
                         "login.partner.microsoftonline.cn", "login.windows.net")


@dataclass(frozen=True)
class Connection:
    arm_endpoint: str | None = None  # None: the SDK's default (public Azure)
    ca_bundle: str | None = None
    polling_interval: float = 5.0

    def credential_options(self) -> dict:
        options: dict = {}
        authority = os.environ.get("AZURE_AUTHORITY_HOST", "")
        host = urlsplit(authority if "//" in authority else f"https://{authority}").hostname or ""
        if authority and host.lower() not in MICROSOFT_AUTHORITIES:
            options["disable_instance_discovery"] = True
        if self.ca_bundle:
            options["connection_verify"] = self.ca_bundle
        return options

    def client_options(self) -> dict:
        options: dict = {"polling_interval": self.polling_interval}
        if self.arm_endpoint:
            options["base_url"] = self.arm_endpoint
            # Sovereign clouds and emulators expect tokens for their own audience.
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.arm_endpoint))
            options["credential_scopes"] = [f"{origin}/.default"]
        if self.ca_bundle:
            options["connection_verify"] = self.ca_bundle
        return options


def default_credential(connection: Connection):
    """DefaultAzureCredential: AZURE_* service principal variables, workload or managed identity, Azure CLI, ...

    AZURE_TOKEN_CREDENTIALS narrows the chain (e.g. ``AzureCliCredential`` or ``EnvironmentCredential``).
    """
    from azure.identity import DefaultAzureCredential

    return DefaultAzureCredential(**connection.credential_options())


class Clients:
    """One DeploymentsMgmtClient per subscription, shared by the unit threads (the clients are thread-safe)."""

    def __init__(self, credential, connection: Connection):
        self.credential, self.connection = credential, connection
        self._lock = threading.Lock()
        self._deployments: dict[str, object] = {}

    def deployments(self, subscription_id: str):
        from azure.mgmt.resource.deployments import DeploymentsMgmtClient

        with self._lock:
            if subscription_id not in self._deployments:
                self._deployments[subscription_id] = DeploymentsMgmtClient(
                    self.credential, subscription_id, **self.connection.client_options())
            return self._deployments[subscription_id]
