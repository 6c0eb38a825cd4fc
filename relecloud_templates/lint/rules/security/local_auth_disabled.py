"""W5010: shared keys, admin users and other local authentication left on."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.security._settings import Setting, check_settings, equals

_DISABLE_LOCAL_AUTH = [
    "Microsoft.EventHub/namespaces", "Microsoft.ServiceBus/namespaces", "Microsoft.CognitiveServices/accounts",
    "Microsoft.DocumentDB/databaseAccounts", "Microsoft.AppConfiguration/configurationStores",
    "Microsoft.Search/searchServices", "Microsoft.Insights/components", "Microsoft.Devices/IotHubs",
    "Microsoft.SignalRService/signalR",
]
SETTINGS = [Setting(t, ("properties", "disableLocalAuth"), equals(True), "true") for t in _DISABLE_LOCAL_AUTH] + [
    Setting("Microsoft.Storage/storageAccounts", ("properties", "allowSharedKeyAccess"), equals(False), "false"),
    Setting("Microsoft.ContainerRegistry/registries", ("properties", "adminUserEnabled"), equals(False), "false"),
    Setting("Microsoft.Batch/batchAccounts", ("properties", "allowedAuthenticationModes"),
            lambda v: isinstance(v, list) and all(str(m).lower() == "aad" for m in v), "['AAD']"),
]


class LocalAuthDisabled(Rule):
    id = "W5010"
    previous_ids = ("E5010",)
    name = "local-auth-disabled"
    profiles = {"security-baseline": "error"}
    description = "Shared-key, SAS and admin-user authentication are not enabled where Entra ID is available."
    explanation = """Shared keys, SAS tokens and registry admin users are long-lived secrets that bypass Entra ID:
no conditional access, no per-user audit, and a leaked key opens everything until it is rotated. Storage
accounts that set `allowSharedKeyAccess: true`, container registries with `adminUserEnabled: true`, and
services that set `disableLocalAuth: false` are reported. Values left at their default are not judged here
(the data lake profile, W7004, requires shared keys to be turned off explicitly).

Equivalents: PSRule Azure.Storage.LocalAuth, Azure.EventHub.DisableLocalAuth, Azure.ACR.AdminUser;
checkov CKV_AZURE_137, CKV2_AZURE_40."""

    def check(self, ctx: RuleContext) -> None:
        check_settings(ctx, SETTINGS, "allows authentication outside Entra ID")
