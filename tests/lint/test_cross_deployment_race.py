"""E1015 cross-deployment-race and W1016 likely-cross-deployment-race: a nested deployment that reads, by resource
ID, what a sibling deployment creates races it unless a dependsOn path orders the two. Own snippets (bad and good),
the reference corpus (none: proved below), the trust corpus (no false errors) and the rendered estate."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from lintkit import SUB_SCHEMA, described, lint_doc, lint_files, only, template

VAULT_ID = "resourceId('Microsoft.KeyVault/vaults', 'kv')"


def module(name: str, resources: list, *, parameters: dict | None = None, passed: dict | None = None,
           **extra) -> dict:
    """A nested deployment (inner scope) of ``resources``; ``parameters`` are its template's declarations and
    ``passed`` the values the outer template gives them."""
    inner = template(resources, parameters=parameters)
    properties = {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": inner}
    if passed:
        properties["parameters"] = {k: {"value": v} for k, v in passed.items()}
    return {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": name,
            "properties": properties, **extra}


def vault(name: str = "kv") -> dict:
    return {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2026-02-01", "name": name, "location": "westeurope",
            "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"}}}


def reader(expression: str, name: str = "pe") -> dict:
    """A resource whose tag reads another one: the smallest reader there is."""
    return {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2025-09-01", "name": name,
            "location": "westeurope", "tags": {"read": f"[{expression}]"}, "properties": {}}


def findings(doc: dict, rule: str = "E1015") -> list:
    return [d for d in lint_doc(doc, only(rule)).diagnostics if d.code == rule]


def race(**reader_extra) -> dict:
    """Module 'secrets' reads the vault that module 'vault' creates."""
    return template([module("vault", [vault()]),
                     module("secrets", [reader(f"reference({VAULT_ID}, '2026-02-01').vaultUri")], **reader_extra)])


def test_a_module_reading_what_a_sibling_module_creates_races_it():
    doc = race()
    [found] = findings(doc)
    assert (
        "the template of Microsoft.Resources/deployments 'secrets' reads Microsoft.KeyVault/vaults 'kv'"
        in found.message
    )
    assert "'vault' creates it in its nested template" in found.message and "at once" in found.message
    assert "dependsOn of Microsoft.Resources/deployments 'secrets'" in found.hint
    text = json.dumps(doc, indent=2)
    line = text[:text.index('"read"')].count("\n") + 1
    assert (found.location.line, found.location.column > 20) == (line, True)  # at reference(, inside the string
    creator = text.rindex("{", 0, text.index('"name": "vault"'))  # the creating deployment
    assert [r.line for r in found.related] == [text[:creator].count("\n") + 1]
    assert findings(doc, "W1016") == []  # certain: the warning does not repeat it


@pytest.mark.parametrize("order", [
    {"dependsOn": ["[resourceId('Microsoft.Resources/deployments', 'vault')]"]},  # directly
    {"dependsOn": ["between"]},  # through a third deployment that waits for the vault (by name)
])
def test_a_depends_on_path_orders_the_modules(order):
    doc = race(**order)
    doc["resources"].append(module("between", [], dependsOn=["vault"]))
    assert findings(doc) == [] and findings(doc, "W1016") == []


def test_the_creator_waiting_for_the_reader_always_fails():
    doc = race()
    doc["resources"][0]["dependsOn"] = ["[resourceId('Microsoft.Resources/deployments', 'secrets')]"]
    [found] = findings(doc)
    assert (
        "waits for Microsoft.Resources/deployments 'secrets', so the read always runs before it exists" in found.message
    )


def test_a_resource_id_passed_down_to_the_module_is_followed():
    doc = template([module("vault", [vault()]),
                    module("secrets", [reader("listKeys(parameters('vaultId'), '2026-02-01')")],
                           parameters={"vaultId": described()}, passed={"vaultId": f"[{VAULT_ID}]"})])
    [found] = findings(doc)
    assert "with listKeys() given its resource ID" in found.message


def test_the_outer_template_reading_what_a_module_creates_races_it_too():
    """E1011 judges one template; a resource inside a module is not one of the outer template's."""
    doc = template([module("vault", [vault()]), reader(f"reference({VAULT_ID}, '2026-02-01').vaultUri")])
    [found] = findings(doc)
    assert found.message.startswith("Microsoft.Network/privateEndpoints 'pe' reads Microsoft.KeyVault/vaults 'kv'")
    assert findings(doc, "E1011") == []


def test_other_resource_groups_are_other_resources():
    elsewhere = template([module("vault", [vault()], resourceGroup="rg-a"),
                          module("secrets", [reader("reference(resourceId('rg-b', 'Microsoft.KeyVault/vaults', 'kv'), "
                                                    "'2026-02-01').vaultUri")])])
    assert findings(elsewhere) == []
    same = copy.deepcopy(elsewhere)
    same["resources"][1]["resourceGroup"] = "rg-b"
    same["resources"][0]["resourceGroup"] = "rg-b"
    assert len(findings(same)) == 1


def test_a_bicep_existing_resource_in_another_resource_group_of_a_subscription_template():
    """Bicep compiles `existing` with `scope: resourceGroup(...)` to extensionResourceId(format(...))."""
    scope = "format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, 'rg-data')"
    read = reader(f"reference(extensionResourceId({scope}, 'Microsoft.KeyVault/vaults', 'kv'), '2026-02-01').vaultUri")
    doc = template([module("vault", [vault()], resourceGroup="rg-data"),
                    module("secrets", [read], resourceGroup="rg-app")], schema=SUB_SCHEMA)
    assert len(findings(doc)) == 1


def test_names_from_open_parameters_are_a_warning():
    """The module gets the vault's name from the same open parameter as the vault: equal for any value."""
    name = "format('{0}-kv', parameters('prefix'))"
    doc = template([module("vault", [vault("[parameters('name')]")], parameters={"name": described()},
                           passed={"name": f"[{name}]"}),
                    module("secrets", [reader("reference(resourceId('Microsoft.KeyVault/vaults', parameters('name')), "
                                              "'2026-02-01').vaultUri")],
                           parameters={"name": described()}, passed={"name": f"[{name}]"})],
                   parameters={"prefix": described()})
    assert findings(doc) == []
    [found] = findings(doc, "W1016")
    assert "(the same resource when its open parameters are taken as written)" in found.message
    other = copy.deepcopy(doc)  # another name: no match at all
    other["resources"][1]["properties"]["parameters"]["name"]["value"] = "[format('{0}-other', parameters('prefix'))]"
    assert findings(other, "W1016") == []


def test_what_is_not_deployed_is_not_judged():
    doc = race()
    doc["resources"][0]["condition"] = "[equals(1, 2)]"
    assert findings(doc) == []


def test_a_module_reading_its_own_resource_is_not_a_cross_deployment_read():
    doc = template([module("both", [vault(), reader(f"reference({VAULT_ID}, '2026-02-01').vaultUri")])])
    assert findings(doc) == [] and findings(doc, "W1016") == []


# -- ground truth -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference_templates():
    from conftest import CORPUS

    return sorted(CORPUS.rglob("*.json"))


def test_the_reference_corpus_has_no_cross_deployment_race(reference_templates):
    """None exists in the reference, and this is what was searched. Every JSON file of the five repositories
    (their compiled main.json and the docs' templates) was read with every reference()/list*() call whose argument
    is a resource ID (resourceId, subscriptionResourceId, extensionResourceId of a resource group or subscription,
    a variable holding one, or a parameter an inner-scope deployment is given one in), at every nesting level,
    matched against every resource that a sibling of the reader's outer resource creates; once with the values the
    files know and once with every open root parameter (prefix, environment, ...) as a placeholder of its own.

    In data-landing-zone, for example, the reads inside modules that resolve to a resource ID all name a resource
    that the reader's own deployment creates. Every read of another module's resource gets the resource's ID from
    that module's outputs (`reference(<module>).outputs.<x>Id.value`), which is a read of the module itself: Bicep
    writes the dependsOn on it, and E1011 checks that it is there. The Bicep sources never give a module a name as a
    plain string for a resource another module creates, so the class is absent; the test below shows the rules
    find it once it is introduced."""
    result = lint_files(reference_templates, only("E1015", "W1016"))
    assert [d.format() for d in result.diagnostics if d.code in ("E1015", "W1016")] == []


def test_the_rules_find_the_class_in_the_reference_once_a_module_is_given_a_name(reference_templates, tmp_path):
    """Proof that the corpus is judged, not skipped: give the landing zone's Log Analytics secret module the
    workspace's ID as a string built from names (instead of the workspace module's output) and drop its dependsOn
    on that module: its listKeys() and reference() of the workspace now race the module that creates it. The names
    come from the open parameters prefix and environment, so the finding is W1016."""
    path = next(p for p in reference_templates if p.as_posix().endswith("data-landing-zone/infra/main.json"))
    doc = json.loads(path.read_text(encoding="utf-8"))
    logging = next(r for r in doc["resources"] if r.get("name") == "loggingServices")["properties"]["template"]
    secrets = next(r for r in logging["resources"] if r.get("name") == "logAnalytics001SecretDeployment")
    secrets["properties"]["parameters"]["logAnalyticsId"] = {"value": (
        "[format('/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.OperationalInsights/workspaces/{2}', "
        "subscription().subscriptionId, resourceGroup().name, variables('logAnalytics001Name'))]")}
    secrets["dependsOn"] = [d for d in secrets["dependsOn"] if "'logAnalytics001'" not in d]
    broken = tmp_path / "main.json"
    broken.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = lint_files([broken], only("W1016"))
    found = [d for d in result.diagnostics if d.code == "W1016"]
    assert sorted(d.message.split(" with ")[1].split("()")[0] for d in found) == ["listkeys", "reference"]
    assert all("'logAnalytics001SecretDeployment' does not depend on it" in d.message for d in found)
    assert [d for d in lint_files([broken], only("E1015")).diagnostics if d.code == "E1015"] == []


@pytest.mark.needs_shared("corpus", "trust")
def test_no_false_errors_on_the_trust_corpus():
    from conftest import SHARED

    trust = SHARED / "corpus" / "trust"
    result = lint_files(sorted(trust.rglob("*.json")), only("E1015", "W1016"))
    assert [d.format() for d in result.diagnostics if d.code in ("E1015", "W1016")] == []


def test_the_rendered_estate_has_no_cross_deployment_race(example_render):
    out = example_render  # render --example (tests/conftest.py)
    result = lint_files(sorted(Path(out).rglob("main.json")), only("E1015", "W1016"))
    assert [d.format() for d in result.diagnostics if d.code in ("E1015", "W1016")] == []


@pytest.mark.needs_shared("corpus", "trust")
def test_without_a_gap_the_placeholder_model_finds_no_read_the_model_does_not(example_render):
    """W1016 builds its second model of a file (open parameters as placeholders) only where the file's own model
    left a gap that placeholders could fill (_deployment_reads._Gaps). On real templates, where there is none,
    the second model indeed finds no read the first does not: nothing W1016 could report is skipped."""
    from conftest import CORPUS, SHARED

    from relecloud_templates.arm.template import build_template
    from relecloud_templates.lint.config import LintConfig
    from relecloud_templates.lint.rules.references import _deployment_reads as reads
    from relecloud_templates.lint.runner import LintRun, _merged_values

    run = LintRun(config=LintConfig())
    for folder in (CORPUS, SHARED / "corpus" / "trust", example_render):
        run.add_path(folder)
    run._pair_parameter_files()
    without_gaps = 0
    for source in run.sources:
        if source.kind != "template":
            continue
        model = build_template(source.data, _merged_values(run._paired.get(id(source), [])))
        if not any(r.nested is not None for r in model.all_resources()) or not reads._complete(model):
            continue
        without_gaps += 1
        found = {(r.site.path, r.call.start, r.creator.path) for r in reads.cross_reads(model)}
        second = reads._in(model, reads._find(reads._placeholder_model(model)))
        assert {(r.site.path, r.call.start, r.creator.path) for r in second} <= found, source.shown
    assert without_gaps >= 30  # the estate's 14 unit templates, and files of both corpora
