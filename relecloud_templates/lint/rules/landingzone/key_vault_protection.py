"""W7005: Key Vaults are protected against deletion and open access."""

from relecloud_templates.arm.values import UNKNOWN
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.landingzone._require import require_flag


class KeyVaultProtection(Rule):
    id = "W7005"
    previous_ids = ("E7005",)
    name = "key-vault-protection"
    profiles = {"data-landing-zone": "error"}
    description = ("Key Vaults have purge protection, RBAC authorization, soft delete on, and a deny-by-default "
                   "firewall or no public access.")
    explanation = """The landing zone's vaults hold the credentials of its services. Without purge protection a
deleted vault (by mistake or by an attacker) is gone with every secret; without RBAC authorization access is
managed by vault access policies outside the role model; soft delete must not be turned off; and the vault
must deny network access by default (`networkAcls.defaultAction: Deny`) or disable public network access.

Equivalents: PSRule Azure.KeyVault.SoftDelete, Azure.KeyVault.PurgeProtect, Azure.KeyVault.RBAC,
Azure.KeyVault.Firewall; checkov CKV_AZURE_42, CKV_AZURE_110, CKV_AZURE_109."""

    def check(self, ctx: RuleContext) -> None:
        for vault in ctx.resources("Microsoft.KeyVault/vaults"):
            if vault.existing:
                continue
            require_flag(
                ctx, vault, "enablePurgeProtection", True, "a deleted vault can be purged with all its secrets"
            )
            require_flag(ctx, vault, "enableRbacAuthorization", True,
                         "access is granted by access policies, outside Azure RBAC")
            if vault.value("properties", "enableSoftDelete") is False:
                ctx.report(vault.path_of("properties", "enableSoftDelete"), f"{vault.label} turns soft delete off",
                           hint="remove enableSoftDelete or set it to true")
            action = vault.value("properties", "networkAcls", "defaultAction")
            public = vault.value("properties", "publicNetworkAccess")
            if action is UNKNOWN or public is UNKNOWN:
                continue
            denies = isinstance(action, str) and action.lower() == "deny"
            closed = isinstance(public, str) and public.lower() == "disabled"
            if not denies and not closed:
                ctx.report(vault.path_of("properties"), f"{vault.label} accepts network access from anywhere",
                           hint="set networkAcls.defaultAction to 'Deny' or publicNetworkAccess to 'Disabled'")
