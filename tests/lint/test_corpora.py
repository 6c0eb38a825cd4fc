"""Templates Microsoft publishes and deploys: every error the linter reports on them is a real defect, listed here
with its reason, so that any new error (a false positive, most likely) fails the suite.

The trust corpus (Azure docs samples and the Azure landing zone accelerator) and the reference corpus (the
cloud-scale analytics repositories) are linted once per session (``corpora_result``). The type-data rules keep
their own list with reasons (tests/armschema/test_corpus.py); this one holds every other error. Under the
security-baseline profile the reference corpus's known defects are errors too, and nothing else is.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.armschema.test_corpus import TYPE_RULES

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

SNIPPET = ("a documentation fragment with a placeholder where the article pastes code: it is not JSON, and ARM "
           "rejects it as it stands")

# (file under ../shared/corpus, rule, line, why the error is true) at the default level of every rule
TRUST_ERRORS = [
    ("trust/azure-docs-json-samples/application-insights/ServiceFabricCluster.json", "E1001", 358,
     "'[Application_Insights_Key]' is a placeholder left in an expression: ARM fails to parse it"),
    ("trust/azure-docs-json-samples/azure-resource-manager/functions/date/datetimeadd-automation.json", "E0001", 31,
     SNIPPET + " ('...' between resources)"),
    *((f"trust/azure-docs-json-samples/azure-resource-manager/scope/{name}.json", "E0001", line, SNIPPET)
      for name, line in (("default-mg", 5), ("default-rg", 5), ("default-sub", 5), ("default-tenant", 5),
                         ("different-sub-to-resource-group", 14), ("management-group-to-tenant", 14),
                         ("mg-to-resource-group", 18), ("mg-to-subscription", 18),
                         ("resource-group-to-subscription", 14), ("resource-group-to-tenant", 14),
                         ("same-sub-to-resource-group", 13), ("scope-mg", 22), ("sub-to-resource-group", 13),
                         ("sub-to-sub", 14), ("subscription-to-tenant", 14), ("tenant-to-mg", 22),
                         ("tenant-to-rg", 18), ("tenant-to-subscription", 18))),
    ("trust/azure-docs-json-samples/deployment-script/deploymentscript-keyvault-mi.json", "E1011", 170,
     "the vault's access policy reads the identity's principalId through reference(resourceId(...)) without a "
     "dependsOn on it: ARM may create both at once and the reference fails"),
    ("trust/azure-docs-json-samples/get-started-deployment/linked-template/azuredeploy.parameters.json", "E2004", 6,
     "projectName is given '' (for the reader to fill in) and the template requires at least 3 characters"),
    ("trust/azure-docs-json-samples/get-started-with-templates/add-storage/azuredeploy.json", "E3003", 8,
     "'{provide-unique-name}' is a placeholder: storage account names take lowercase letters and digits only"),
    ("trust/azure-docs-json-samples/mslearn-arm-Module-sample/storage.json", "E5003", 28,
     "the output is a connection string with the account key from listKeys(): the key is stored in clear in the "
     "deployment history"),
]

# (file, rule, line, why) in the reference corpus's Bicep sources, at the default level of every rule
OMITTED_SCRIPT = ("the module loads a script (loadTextContent) that the corpus did not copy: `bicep build` fails "
                  "the same way on this copy (BCP091)")
REFERENCE_BICEP_ERRORS = [
    ("reference/data-landing-zone/infra/modules/services/selfHostedIntegrationRuntime.bicep", "E0013", 133,
     OMITTED_SCRIPT),
    ("reference/data-management-zone/infra/modules/auxiliary/purviewSetup.bicep", "E0013", 41, OMITTED_SCRIPT),
    ("reference/data-management-zone/infra/modules/services/dnsforwarder.bicep", "E0013", 213, OMITTED_SCRIPT),
]

# (file, rule, line, why) under --profile security-baseline: the reference corpus's defects
REFERENCE_BASELINE_ERRORS = [
    ("reference/data-management-zone/infra/main.json", "W5009", 3053,
     "known defect: the management zone's container registry allows anonymous pull"),
    ("reference/data-product-analytics/infra/main.json", "W5009", 409,
     "known defect: the analytics product's Key Vault enables public network access"),
    ("reference/data-product-analytics/infra/main.json", "W5010", 1842,
     "known defect: the analytics product's container registry enables the admin user"),
    ("reference/data-product-analytics/infra/main.json", "W5010", 2036,
     "known defect: the analytics product's storage account allows shared-key access"),
    ("reference/data-management-zone/docs/reference/dataManagementAnalytics.json", "W5001", 56,
     "known defect: the combined template takes the administrator password as a plain string"),
    ("reference/data-landing-zone/infra/main.json", "W5001", 1577,
     "the self-hosted integration runtime's authentication key (a secret that registers nodes) is a plain string"),
    ("reference/data-product-analytics/infra/main.json", "W5010", 1750,
     "Application Insights accepts telemetry authenticated with the instrumentation key alone (disableLocalAuth "
     "false): posture the baseline rules out"),
    *(("reference/data-landing-zone/infra/main.json", "W5005", line,
       "the SQL/Synapse administrator name 'SuperMainUser' is hard-coded in a variable, the same in every estate")
      for line in (1508, 4212, 6334)),
    ("reference/data-product-batch/infra/main.json", "W5005", 1389,
     "the SQL administrator name 'SqlMainUser' is hard-coded in a variable"),
    *(("reference/data-product-streaming/infra/main.json", "W5005", line,
       "the SQL/Synapse administrator name 'SqlServerMainUser' is hard-coded in a variable") for line in (383, 1039)),
    *((f"reference/data-management-zone/docs/reference/{file}", "W5005", line,
       f"the administrator user name parameter defaults to '{name}': a deployment that leaves it out gets it")
      for file, line, name in (("bastionhost/main.json", 97, "VmMainUser"), ("buildagents/main.json", 60, "VmMainUser"),
                               ("dataManagementAnalytics.json", 50, "SuperMainUser"))),
]


def _where(diagnostic) -> tuple[str, str, int]:
    return (
        Path(diagnostic.location.path).resolve().relative_to(CORPORA).as_posix(),
        diagnostic.code,
        diagnostic.location.line,
    )


def test_every_error_on_microsofts_templates_is_a_listed_real_defect(corpora_result):
    found = sorted(_where(d) for d in corpora_result.diagnostics
                   if d.severity.label == "error" and d.code not in TYPE_RULES)
    assert found == sorted((file, rule, line) for file, rule, line, _ in TRUST_ERRORS + REFERENCE_BICEP_ERRORS), \
        "an error appeared or went away on templates that deploy: a false positive? (else list it with its reason)"
    assert all(reason for *_, reason in TRUST_ERRORS + REFERENCE_BICEP_ERRORS)


def test_the_reference_corpus_has_no_error_without_a_profile(corpora_result):
    omitted = {(file, rule, line) for file, rule, line, _ in REFERENCE_BICEP_ERRORS}
    assert [d.format() for d in corpora_result.diagnostics if d.severity.label == "error"
            and "/reference/" in d.location.path and _where(d) not in omitted] == []


def test_under_the_security_baseline_the_reference_defects_are_errors_and_nothing_else(reference_baseline):
    # (the Bicep sources give the findings of the templates they compile to: the next test)
    found = sorted(_where(d) for d in reference_baseline.diagnostics if d.severity.label == "error"
                   and not d.location.path.endswith((".bicep", ".bicepparam")))
    assert found == sorted((file, rule, line) for file, rule, line, _ in REFERENCE_BASELINE_ERRORS)


def test_under_the_security_baseline_the_bicep_sources_give_the_findings_of_their_compiled_templates(
        reference_baseline, tmp_path):
    """A module is judged through the file that uses it, as the nested template it compiles to is: no default that
    the parent always sets is reported (W5005 on every module's administratorUsername), and nothing is lost. The
    compiled JSON of each file that no other file uses (the entry points, and two modules nothing uses) gives the
    same findings, apart from the scripts the corpus did not copy (REFERENCE_BICEP_ERRORS)."""
    from collections import Counter

    from relecloud_templates.bicep.compiler import Compiler
    from relecloud_templates.lint.config import parse_config
    from relecloud_templates.lint.runner import lint

    sources = sorted((CORPORA / "reference").rglob("*.bicep"))
    compiler = Compiler()
    used = {module.path.resolve() for source in sources for module in compiler.compile_file(source).modules}
    roots = [source for source in sources if source.resolve() not in used]
    assert len(roots) == 9  # 8 entry points (bastionhost/main.bicep is a module of dataManagementAnalytics) + 2 unused
    compiled = []
    for i, root in enumerate(roots):
        compiled.append(tmp_path / f"{i}.json")
        compiled[-1].write_text(json.dumps(compiler.compile_file(root).template), encoding="utf-8")
    on_json = lint(compiled, parse_config({"profile": "security-baseline"}, None))
    omitted = {(file, rule, line) for file, rule, line, _ in REFERENCE_BICEP_ERRORS}
    on_bicep = [d for d in reference_baseline.diagnostics if d.location.path.endswith(".bicep")]
    assert sorted(_where(d) for d in on_bicep if d.code == "E0013") == sorted(omitted)

    def findings(diagnostics) -> Counter:
        return Counter((d.code, d.severity.label, d.message) for d in diagnostics if d.code != "E0013")

    assert findings(on_bicep) == findings(on_json.diagnostics)
    assert sum(d.code == "W5005" for d in on_bicep) == 8  # the 8 of the compiled templates, no module default


def test_files_that_are_not_templates_are_noted_and_nothing_is_left_unread(corpora_result):
    assert corpora_result.unreadable == []
    assert not [d for d in corpora_result.diagnostics if d.code == "E0011"]
    # the UI definitions, policy definitions and empty files of the trust corpus are other tools' files
    assert sum("skipped" in note for note in corpora_result.notes) > 200


def test_the_rendered_estate_has_zero_findings_under_the_strictest_profile(example_render):
    from click.testing import CliRunner

    from relecloud_templates.cli import cli

    out = example_render  # render --example (tests/conftest.py)
    # the landing zone profile, and every rule that is off by default turned on as well
    checked = CliRunner().invoke(cli, ["validate", "--no-color", "--profile", "data-landing-zone", "--select", "E,W,I",
                                       "--fail-on", "info", str(out)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == "" and "no findings in" in checked.stderr
