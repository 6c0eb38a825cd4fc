"""The reference corpus, the rendered Relecloud estate, and odd input: what users trust the linter on."""

from __future__ import annotations

import dataclasses
import json
import os
import random

import pytest
from fuzz.harness import scale
from lintkit import TODAY, lint_files, lint_text, template

from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.runner import LintRun


def findings(result, code: str, path_part: str) -> list:
    return [d for d in result.diagnostics if d.code == code and path_part in d.location.path]


@pytest.fixture(scope="module")
def corpus_result(corpora_result):
    """The reference corpus linted with the default configuration: its part of the session's lint of the reference
    and trust corpora (``corpora_result``, tests/conftest.py), which is what linting it alone gives (a file's
    findings, notes and pairing stay within its corpus), without linting it a second time."""
    from conftest import CORPUS

    inside = str(CORPUS) + os.sep
    return dataclasses.replace(
        corpora_result, diagnostics=[d for d in corpora_result.diagnostics if d.location.path.startswith(inside)],
        notes=[n for n in corpora_result.notes if n.startswith(inside)],
        unreadable=[u for u in corpora_result.unreadable if u.startswith(inside)],
        files=[f for f in corpora_result.files if f.startswith(inside)])


def test_corpus_lints_without_internal_errors(corpus_result):
    assert len(corpus_result.files) > 200
    assert [d.format() for d in corpus_result.diagnostics if d.code in ("E0011", "E0001")] == []
    assert corpus_result.unreadable == []


def test_corpus_known_defects_are_found(corpus_result):
    r = corpus_result
    # the management zone's registry allows anonymous pull
    assert any(
        "anonymousPullEnabled" in d.message for d in findings(r, "W5009", "data-management-zone/infra/main.json")
    )
    # analytics: Key Vault with public network access, shared-key storage, registry admin user
    analytics = "data-product-analytics/infra/main.json"
    assert any("KeyVault" in d.message and "publicNetworkAccess" in d.message for d in findings(r, "W5009", analytics))
    assert any("allowSharedKeyAccess" in d.message for d in findings(r, "W5010", analytics))
    assert any("adminUserEnabled" in d.message for d in findings(r, "W5010", analytics))
    # the combined template takes the administrator password as a plain string
    assert any("'administratorPassword'" in d.message
               for d in findings(r, "W5001", "docs/reference/dataManagementAnalytics.json"))
    # bugs: hard-coded admin user names, the self-hosted runtime's auth key passed as a plain string, and
    # parameters the modules declare but never use (the dropped Power BI private link)
    assert any("SuperMainUser" in d.message for d in findings(r, "W5005", "data-landing-zone/infra/main.json"))
    assert any("AuthKey" in d.message for d in findings(r, "W5001", "data-landing-zone/infra/main.json"))
    assert any(
        "privateDnsZoneIdPbiDedicated" in d.message
        for d in findings(r, "W2001", "data-management-zone/infra/main.json")
    )


def test_corpus_diagnostics_gaps_are_exactly_the_verified_ones(corpus_result):
    """The product templates send some services' diagnostics to Log Analytics and leave these out. The batch
    template's SQL database setting is conditioned on sqlFlavour 'mysql' instead of 'sql', so the databases it
    deploys log nothing (a copy-paste bug); the zone templates write no settings at all and are not judged."""
    def gaps(suffix: str) -> list[tuple[str, str]]:
        return sorted((d.location.path.split("reference/")[-1], d.message.split(" sends")[0])
                      for d in corpus_result.diagnostics if d.code == "W7003" and d.location.path.endswith(suffix))

    # The Bicep sources judge each module through the main.bicep that uses it, as the nested templates of the
    # compiled main.json are judged: the same gaps, each in its module; but for the streaming product's SQL
    # database, whose module is deployed if enableSqlServer (default false, true in every params.*.json, which
    # pair with main.json only)
    streaming_sql = ("data-product-streaming/infra/main.json", "Microsoft.Sql/servers/databases "
                     "[format('{0}/{1}', parameters('sqlserverName'), parameters('database001Name'))]")
    assert sorted(message for _, message in gaps(".bicep")) == \
        sorted(message for found in gaps(".json") if found != streaming_sql for message in found[1:])
    assert gaps(".json") == [
        (
            "data-product-analytics/infra/main.json",
            "Microsoft.ContainerRegistry/registries [variables('containerRegistryNameCleaned')]",
        ),
        ("data-product-analytics/infra/main.json", "Microsoft.KeyVault/vaults [parameters('keyvaultName')]"),
        (
            "data-product-analytics/infra/main.json",
            "Microsoft.MachineLearningServices/workspaces [parameters('machineLearningName')]",
        ),
        (
            "data-product-analytics/infra/main.json",
            "Microsoft.Storage/storageAccounts [variables('storageNameCleaned')]",
        ),
        ("data-product-batch/infra/main.json", "Microsoft.KeyVault/vaults [parameters('keyvaultName')]"),
        (
            "data-product-batch/infra/main.json",
            "Microsoft.Sql/servers/databases "
            "[format('{0}/{1}', parameters('sqlserverName'), parameters('database001Name'))]",
        ),
        ("data-product-streaming/infra/main.json", "Microsoft.KeyVault/vaults [parameters('keyvaultName')]"),
        (
            "data-product-streaming/infra/main.json",
            "Microsoft.Sql/servers/databases "
            "[format('{0}/{1}', parameters('sqlserverName'), parameters('database001Name'))]",
        ),
    ]


def test_corpus_has_no_name_blank_or_dependency_findings(corpus_result):
    """Names the corpus knows before deployment are valid, its blanks mean something, and its dependsOn entries
    pair with references by resource ID (which imply no dependency): any finding here would be false."""
    assert [d.format() for d in corpus_result.diagnostics if d.code in ("E3003", "W0006", "W1004")] == []


def test_corpus_parameter_files_are_paired_with_their_templates(corpus_result):
    paired_errors = [d for d in corpus_result.diagnostics if d.code == "E2004" and "infra/params." in d.location.path]
    assert paired_errors == []  # the dev/test/prod files fit their main.json


def test_corpus_reports_no_dependency_or_reference_errors(corpus_result):
    """These templates deploy: an error from the reference rules would be a false positive."""
    wrong = {"E1001", "E1002", "E1003", "E1005", "E1007", "E1008", "E2003", "E2005", "E0002", "E0003", "E0004"}
    assert [d.format() for d in corpus_result.diagnostics if d.code in wrong] == []


def test_every_rendered_template_validates_with_zero_errors_and_warnings(example_render, project_root):
    out = example_render  # render --example (tests/conftest.py)
    templates = sorted(out.glob("*/*/main.json"))  # out/<env>/<unit>/main.json
    assert templates, "render wrote no templates"
    result = lint_files([project_root / "scenarios" / "relecloud.yaml", out])
    assert [d.format() for d in result.diagnostics] == []
    checked = set(result.files)
    for path in templates:
        assert {str(path), str(path.with_name("main.parameters.json"))} <= checked


_TEMPLATE = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", '
_PARAMETERS = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", '
ODD_DOCUMENTS = [
    "[]", "1", '"x"', "null", "{}",
    '{"$schema": 5}',
    '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": 5}',
    '{' + _TEMPLATE + '"resources": [1, null, [], {"type": 3}]}',
    '{' + _TEMPLATE + '"parameters": [], "variables": "x", "outputs": {"o": 1}, "functions": {"a": 1}}',
    '{' + _TEMPLATE + '"variables": {"a": "[variables(\'b\')]", "b": "[variables(\'a\')]"}, '
    '"outputs": {"o": {"type": "string", "value": "[variables(\'a\')]"}}}',
    '{' + _TEMPLATE + '"resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "x", "name": "d", '
    '"properties": {"template": {"resources": [{"type": "Microsoft.Resources/deployments", "name": "e", '
    '"properties": {"template": 7, "parameters": "[parameters(1)]"}}]}, "parameters": [1]}}]}',
    '{' + _TEMPLATE + '"resources": [{"type": "a/b", "name": "[[x]", "copy": {"count": "[div(1, 0)]"}, '
    '"condition": "[if(]", "dependsOn": [5, "[resourceId()]", "[reference(\'x\').y[0]]"]}]}',
    '{' + _TEMPLATE + '"languageVersion": "2.0", "resources": {"a": {"type": "Microsoft.Storage/storageAccounts", '
    '"dependsOn": ["a"], "name": "[format(\'{0:N}\', 1)]"}}}',
    '{' + _PARAMETERS + '"parameters": {"a": 1, "b": {"reference": 3}}}',
    '{' + _TEMPLATE + '"functions": [{"namespace": "n", "members": {"f": {"parameters": [{"name": "x"}], '
    '"output": {"value": "[n.f(parameters(\'x\'))]"}}}}], "outputs": {"o": {"type": "string", '
    '"value": "[n.f(1)]"}}}',
    '{' + _TEMPLATE + '"metadata": {"relecloud": {"suppress": [1, {"rule": 2}, {"rule": "W5001", "reason": "r", '
    '"until": 5}]}}}',
]


@pytest.mark.parametrize("text", ODD_DOCUMENTS)
def test_odd_documents_never_crash(text):
    result = lint_text(text)
    assert [d.format() for d in result.diagnostics if d.code == "E0011"] == []


def _mutations(doc, rng: random.Random, count: int):
    """Random small edits: replace a value by another JSON type, delete a key, duplicate a list item."""
    replacements = [None, 0, -1, True, "", "[", "[concat(]", "[parameters('nope')]", [], {}, [[]], {"a": {}},
                    "[copyIndex()]", "[reference('x').outputs]", 10 ** 20]
    for _ in range(count):
        copy = json.loads(json.dumps(doc))
        nodes = []
        stack = [copy]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                nodes.extend((node, k) for k in node)
                stack.extend(node.values())
            elif isinstance(node, list):
                nodes.extend((node, i) for i in range(len(node)))
                stack.extend(node)
        for _ in range(3):
            if not nodes:
                break
            parent, key = rng.choice(nodes)
            action = rng.random()
            try:
                if action < 0.7:
                    parent[key] = rng.choice(replacements)
                elif isinstance(parent, dict):
                    del parent[key]
                else:
                    parent.append(parent[key])
            except (KeyError, IndexError):
                pass
        yield copy


def test_mutated_corpus_templates_never_crash(corpus_dir):
    """Eight mutants of each of three templates in `make test`; RELECLOUD_FUZZ=N checks N times as many."""
    rng = random.Random(20261101)
    sources = sorted(corpus_dir.rglob("main.json"))[:3]
    for source in sources:
        doc = json.loads(source.read_text(encoding="utf-8-sig"))
        for mutant in _mutations(doc, rng, 8 * scale()):
            run = LintRun(config=LintConfig(), today=TODAY)
            run.add_text(json.dumps(mutant), source.name)
            result = run.run()
            crashes = [d.format() for d in result.diagnostics if d.code == "E0011"]
            assert crashes == [], crashes


def test_random_json_never_crashes():
    rng = random.Random(7)

    def value(depth):
        kinds = ["int", "str", "expr", "list", "dict", "null", "bool"] if depth < 4 else ["int", "str", "expr"]
        kind = rng.choice(kinds)
        if kind == "int":
            return rng.randint(-5, 900)
        if kind == "str":
            return rng.choice(["", "x", "Microsoft.Storage/storageAccounts", "2019-01-01", "global", "Enabled"])
        if kind == "expr":
            return rng.choice(["[parameters('a')]", "[variables('v')]", "[concat(1, 'a')]", "[if(true(), 1)]",
                               "[resourceId('a/b', 'c', 'd')]", "[createObject('a')]", "[union(1, 'a')]",
                               "[copyIndex('x', 'y')]", "[range(0, -1)]", "[json('{')]", "[split(1, 2)]"])
        if kind == "list":
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        if kind == "dict":
            keys = ["type", "name", "apiVersion", "properties", "resources", "dependsOn", "copy", "condition",
                    "parameters", "variables", "outputs", "template", "value", "count", "input", "metadata"]
            return {rng.choice(keys): value(depth + 1) for _ in range(rng.randint(0, 5))}
        return None if kind == "null" else rng.random() < 0.5

    for _ in range(300):
        doc = template([value(1) for _ in range(3)], parameters={"a": value(2)}, variables={"v": value(2)})
        result = lint_text(json.dumps(doc))
        assert [d.format() for d in result.diagnostics if d.code == "E0011"] == []
