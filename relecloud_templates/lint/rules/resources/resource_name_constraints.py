"""E3003: resource names that Azure refuses, by the length and character rules of their type."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.naming import RESERVED_NAMES, rule_for_type


class ResourceNameConstraints(Rule):
    id = "E3003"
    name = "resource-name-constraints"
    description = ("Resource names known before deployment fit their type's length and character rules (storage, "
                   "Key Vault, registries...).")
    explanation = """Each resource type has its own rules for names: a storage account takes 3-24 lowercase
letters and digits, a Key Vault 3-24 letters, digits and single hyphens starting with a letter, a container
registry 5-50 letters and digits, a resource group up to 90 characters, a deployment up to 64, and so on.
A name that breaks them fails the deployment, often late, after other resources were already created. This
rule checks every name whose value is known from the template, its parameter files and parameter defaults
(the last segment for child resources such as SQL pools, subnets and blob containers); names only known at
deployment time (`uniqueString(...)` of a resource group ID, a required parameter) are not judged. The rules
come from the same table relecloud uses to compose its own names (`relecloud_templates/naming.py`).

Equivalents: PSRule Azure.Storage.Name, Azure.KeyVault.Name, Azure.ACR.Name, Azure.AKS.Name,
Azure.ResourceGroup.Name, Azure.Deployment.Name; checkov CKV_AZURE_43; cfn-lint E3019 (analogue)."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources():
            if not isinstance(resource.name, str) or resource.type is None or resource.existing:
                continue
            rule = rule_for_type(resource.type)
            if rule is None:
                continue
            name = resource.name.rsplit("/", 1)[-1]
            if name.lower() in RESERVED_NAMES.get(resource.type_lower, ()):
                continue
            for problem in rule.problems(name):
                ctx.report(resource.path_of("name"), f"{rule.what} name {name!r} {problem}",
                           hint=f"{rule.what} names take {rule.min_len}-{rule.max_len} characters: {rule.charset}")
