"""W3006: no cloud-specific host names written into the template."""

import re
from typing import Any

from relecloud_templates.lint.rule import Rule, RuleContext

DISALLOWED = ["management.core.windows.net", "gallery.azure.com", "management.azure.com", "database.windows.net",
              "core.windows.net", "login.microsoftonline.com", "graph.windows.net", "trafficmanager.net",
              "vault.azure.net", "datalake.azure.net", "azuredatalakestore.net", "azuredatalakeanalytics.net",
              "api.loganalytics.io", "asazure.windows.net", "region.asazure.windows.net",
              "batch.core.windows.net"]
EXCLUDED = ["schema.management.azure.com"]
_SKIP_KEYS = {"$schema", "metadata"}


def _allow_list(key: str) -> bool:
    """Firewall rules list public host names on purpose (targetFqdns, destinationFqdns, targetUrls)."""
    lowered = key.lower()
    return lowered.endswith("fqdns") or lowered in ("targeturls", "fqdntags")


class NoHardcodedEnvUrls(Rule):
    id = "W3006"
    name = "no-hardcoded-env-urls"
    description = "No cloud-specific host names (core.windows.net, management.azure.com...): use environment()."
    explanation = """Host names such as `blob.core.windows.net`, `database.windows.net` or `management.azure.com`
differ between Azure clouds (public, US Government, China). A template that writes them deploys only to
the public cloud and fails, or worse half-works, elsewhere. Build them from `environment()`:
`environment().suffixes.storage`, `environment().suffixes.sqlServerHostname`,
`environment().resourceManager`. `$schema` URLs, `metadata` and the host allow-lists of firewall rules
(`targetFqdns`, `destinationFqdns`, `targetUrls`) are not judged. Options `disallowed-hosts` and
`excluded-hosts` change the lists.

Equivalents: Bicep no-hardcoded-env-urls; ARM-TTK DeploymentTemplate-Must-Not-Contain-Hardcoded-Uri."""
    options = {"disallowed-hosts": DISALLOWED, "excluded-hosts": EXCLUDED}

    def check(self, ctx: RuleContext) -> None:
        hosts = sorted({h.lower() for h in ctx.options["disallowed-hosts"]}, key=len, reverse=True)
        excluded = [h.lower() for h in ctx.options["excluded-hosts"]]
        if not hosts:
            return
        # One search per string for "holds some host"; only those strings are looked at closely, so that the
        # walk over a large template stays cheap. Dropping the others keeps the order of the rest.
        if ctx.text and not _may_name_a_host(ctx.text, hosts, excluded):
            return
        some_host = re.compile("|".join(re.escape(h) for h in hosts))

        def wanted(value: Any) -> bool:
            return isinstance(value, (dict, list)) or (isinstance(value, str) and bool(some_host.search(value.lower())))

        stack: list[tuple[Any, tuple[Any, ...]]] = [(ctx.document, ())]
        while stack:
            node, path = stack.pop()
            if isinstance(node, dict):
                stack.extend((v, path + (k,)) for k, v in node.items()
                             if wanted(v) and k not in _SKIP_KEYS and not _allow_list(k))
            elif isinstance(node, list):
                stack.extend((v, path + (i,)) for i, v in enumerate(node) if wanted(v))
            elif isinstance(node, str):
                self._string(ctx, node, path, hosts, excluded)

    def _string(
        self, ctx: RuleContext, text: str, path: tuple[Any, ...], hosts: list[str], excluded: list[str]
    ) -> None:
        lowered = text.lower()
        if not any(h in lowered for h in hosts):
            return
        spared = [(i, i + len(e)) for e in excluded for i in _find_all(lowered, e)]
        for host in hosts:
            for start in _find_all(lowered, host):
                before = lowered[start - 1] if start else ""
                part_of_word = before.isalnum() or before == "-"
                if part_of_word or any(a <= start < b for a, b in spared):
                    continue
                ctx.report(path, f"hard-coded cloud host name '{host}'", offset=start,
                           hint="build it from environment() (e.g. environment().suffixes.storage)")
                return


def _may_name_a_host(text: str, hosts: list[str], excluded: list[str]) -> bool:
    """Whether some string of the file whose text is ``text`` may name a host: its text names one outside the
    excluded host names (the $schema URL of every template names one inside), or spells characters as ``\\u``
    escapes, which the text does not show. A few searches of the file's text: most templates name no host."""
    if "\\u" in text:
        return True
    lowered = text.lower()
    spared = [(i, i + len(e)) for e in excluded for i in _find_all(lowered, e)]
    return any(not any(a <= start < b for a, b in spared) for host in hosts for start in _find_all(lowered, host))


def _find_all(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found
