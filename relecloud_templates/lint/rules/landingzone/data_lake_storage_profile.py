"""W7004: data lake storage accounts follow the landing zone profile."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.landingzone._require import require_flag

STORAGE = "Microsoft.Storage/storageAccounts"


class DataLakeStorageProfile(Rule):
    id = "W7004"
    previous_ids = ("E7004",)
    name = "data-lake-storage-profile"
    profiles = {"data-landing-zone": "error"}
    description = (
        "Data lake accounts (isHnsEnabled) are StorageV2 with shared keys and blob public access turned off explicitly."
    )
    explanation = """The data lakes of a landing zone (raw, enriched/curated, workspace) hold the estate's data and
are reached with Entra ID identities only. A storage account with the hierarchical namespace on must be
`StorageV2`, must set `allowSharedKeyAccess: false` (the default allows account keys, which bypass every
role assignment) and `allowBlobPublicAccess: false` (older API versions default to allowing anonymous
containers). Written explicitly, because defaults differ across API versions.

Equivalents: checkov CKV_AZURE_59, CKV_AZURE_34, CKV2_AZURE_40; PSRule Azure.Storage.BlobPublicAccess,
Azure.Storage.LocalAuth; the reference data landing zone's lake accounts."""

    def check(self, ctx: RuleContext) -> None:
        for account in ctx.resources(STORAGE):
            if account.existing or account.value("properties", "isHnsEnabled") is not True:
                continue
            kind = account.value("kind")
            if isinstance(kind, str) and kind.lower() != "storagev2":
                ctx.report(
                    account.path_of("kind"), f"data lake {account.label} is of kind '{kind}'", hint="use StorageV2"
                )
            require_flag(ctx, account, "allowSharedKeyAccess", False,
                         "account keys bypass Entra ID and every role assignment", "data lake ")
            require_flag(
                ctx, account, "allowBlobPublicAccess", False, "containers could be made anonymous", "data lake "
            )
