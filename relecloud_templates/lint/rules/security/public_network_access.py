"""W5009: data services opened to the public internet."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.security._settings import Setting, check_settings, equals

_DATA_SERVICES = [
    "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults", "Microsoft.Synapse/workspaces",
    "Microsoft.DataFactory/factories", "Microsoft.ContainerRegistry/registries", "Microsoft.Purview/accounts",
    "Microsoft.EventHub/namespaces", "Microsoft.Sql/servers", "Microsoft.DBforMySQL/servers",
    "Microsoft.DBforPostgreSQL/servers", "Microsoft.DBforMariaDB/servers", "Microsoft.DocumentDB/databaseAccounts",
    "Microsoft.CognitiveServices/accounts", "Microsoft.MachineLearningServices/workspaces",
    "Microsoft.Devices/IotHubs", "Microsoft.Databricks/workspaces", "Microsoft.ServiceBus/namespaces",
]
SETTINGS = [
    Setting(t, ("properties", "publicNetworkAccess"), equals("Disabled", "SecuredByPerimeter"), "'Disabled'")
    for t in _DATA_SERVICES
] + [
    Setting("Microsoft.Search/searchServices", ("properties", "publicNetworkAccess"), equals("disabled"), "'disabled'"),
    Setting("Microsoft.Storage/storageAccounts", ("properties", "allowBlobPublicAccess"), equals(False), "false"),
    Setting(
        "Microsoft.Storage/storageAccounts", ("properties", "networkAcls", "defaultAction"), equals("Deny"), "'Deny'"
    ),
    Setting("Microsoft.KeyVault/vaults", ("properties", "networkAcls", "defaultAction"), equals("Deny"), "'Deny'"),
    Setting("Microsoft.ContainerRegistry/registries", ("properties", "anonymousPullEnabled"), equals(False), "false"),
    Setting(
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        ("properties", "publicAccess"),
        equals("None"),
        "'None'",
    ),
]


class PublicNetworkAccess(Rule):
    id = "W5009"
    previous_ids = ("E5009",)
    name = "public-network-access"
    profiles = {"security-baseline": "error"}
    description = "Data services do not enable public network access, anonymous blob access or anonymous registry pull."
    explanation = """In a data landing zone every data service is reached through private endpoints; a service
that explicitly sets `publicNetworkAccess: Enabled`, a network ACL whose default action is `Allow`, a
storage account or container that allows anonymous blob access, or a container registry with anonymous pull
is reachable (and, for the anonymous ones, readable) from the internet. Only values written in the template
are judged; a service left at its default is not reported here (the landing zone rules W7004-W7007 ask for
the full profile).

Equivalents: checkov CKV_AZURE_59, CKV_AZURE_35, CKV_AZURE_189, CKV_AZURE_104, CKV_AZURE_34, CKV_AZURE_158;
PSRule Azure.Storage.Firewall, Azure.KeyVault.Firewall, Azure.ACR.AnonymousAccess,
Azure.Storage.BlobPublicAccess."""

    def check(self, ctx: RuleContext) -> None:
        check_settings(ctx, SETTINGS, "makes it reachable from the public internet")
