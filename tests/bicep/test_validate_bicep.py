"""`relecloud validate` on Bicep: the file is compiled, the ARM rules run on the compiled template, and every
finding is reported at the Bicep that produced it; Bicep's own errors keep their BCP codes."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from relecloud_templates.bicep.compiler import Compiler
from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.runner import lint
from tests.conftest import CORPUS


def located(result) -> list[tuple[str, int, int, str]]:
    return [(d.location.path, d.location.line, d.location.column, d.code) for d in result.diagnostics]


def test_validate_reports_bicep_syntax_errors_with_positions(tmp_path):
    good = tmp_path / "good.bicep"
    good.write_text("param a string\n\nvar b = '${a}-x'\n\noutput c string = b\n")
    bad = tmp_path / "bad.bicep"
    bad.write_text("param a string\nvar b = [\n  a\n")
    result = lint([good, bad], LintConfig())
    # the array is never closed: Bicep reports it at the end of the file, and nothing else for a file that
    # does not parse
    assert located(result) == [(str(bad), 4, 1, "E0001")]
    assert str(good) in result.files


def test_compile_errors_keep_their_bicep_codes(tmp_path):
    main = tmp_path / "main.bicep"
    main.write_text("param count int = 'three'\noutput o string = missing\n")
    result = lint([main], LintConfig())
    assert [(d.location.line, d.location.column, d.code, d.message.split(":")[0]) for d in result.diagnostics] == [
        (1, 19, "E0013", "BCP033"), (2, 19, "E0013", "BCP057")]


def test_a_parameters_file_missing_a_required_parameter(tmp_path):
    (tmp_path / "main.bicep").write_text("param name string\nparam size int = 1\noutput o string = '${name}${size}'\n")
    params = tmp_path / "main.bicepparam"
    params.write_text("using 'main.bicep'\nparam size = 2\n")
    result = lint([params], LintConfig())
    assert [(d.location.line, d.code) for d in result.diagnostics] == [(1, "E0013")]
    assert result.diagnostics[0].message.startswith("BCP258:") and '"name"' in result.diagnostics[0].message


STORAGE = """\
param location string = resourceGroup().location

resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'relecloudstorage'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    minimumTlsVersion: 'TLS1_2'
  }
}
"""


def test_rule_findings_are_at_the_bicep_construct(tmp_path):
    main = tmp_path / "main.bicep"
    main.write_text(STORAGE)
    result = lint([main], LintConfig())
    public = [d for d in result.diagnostics if "allowBlobPublicAccess" in d.message]
    assert public, [d.format() for d in result.diagnostics]
    assert {(d.location.path, d.location.line) for d in public} == {(str(main), 9)}


def test_disable_next_line_silences_our_rules(tmp_path):
    main = tmp_path / "main.bicep"
    main.write_text(STORAGE.replace("    allowBlobPublicAccess",
                                    "    #disable-next-line W5009\n    allowBlobPublicAccess"))
    (tmp_path / "named.bicep").write_text(
        "#disable-next-line unused-variable\nvar unused = 1\nvar reported = 2\n")
    result = lint([main, tmp_path / "named.bicep"], LintConfig())
    assert not [d for d in result.diagnostics if "allowBlobPublicAccess" in d.message]
    assert [(d.location.line, d.code) for d in result.diagnostics if d.location.path.endswith("named.bicep")] == [
        (3, "W2002")]


def test_module_findings_are_reported_in_the_module_once(tmp_path):
    (tmp_path / "modules").mkdir()
    module = tmp_path / "modules" / "storage.bicep"
    module.write_text(STORAGE)
    main = tmp_path / "main.bicep"
    main.write_text("module storage 'modules/storage.bicep' = {\n  name: 'storage'\n}\n")
    alone = lint([main], LintConfig())
    both = lint([main, module], LintConfig())
    public = [(d.location.path, d.location.line) for d in alone.diagnostics if "allowBlobPublicAccess" in d.message]
    assert public == [(str(module), 9)]  # found through main.bicep, located in the module
    assert [(d.location.path, d.location.line) for d in both.diagnostics if "allowBlobPublicAccess" in d.message] \
        == [(str(module), 9)]  # not twice when the module is validated as well


SQL_MODULE = """\
param serverName string
param administratorUsername string = 'SqlMainUser'
@secure()
param administratorPassword string = 'Hunter2-but-longer'

resource server 'Microsoft.Sql/servers@2021-11-01' = {
  name: serverName
  location: resourceGroup().location
  properties: {
    administratorLogin: administratorUsername
    administratorLoginPassword: administratorPassword
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
  }
}
"""

BASELINE = {"profile": "security-baseline"}


def _sql_estate(tmp_path, parents: dict[str, str]):
    (tmp_path / "modules").mkdir()
    module = tmp_path / "modules" / "sql.bicep"
    module.write_text(SQL_MODULE)
    files = []
    for name, params in parents.items():
        files.append(tmp_path / name)
        files[-1].write_text(f"param login string\n\nmodule sql 'modules/sql.bicep' = {{\n  name: 'sql'\n"
                             f"  params: {{\n    serverName: 'sql-{name[:-6]}'\n{params}  }}\n}}\n")
    return module, files


def _codes_in(result, path) -> list[tuple[int, str]]:
    return sorted((d.location.line, d.code) for d in result.diagnostics if d.location.path == str(path))


def test_a_module_is_judged_through_the_parent_that_uses_it(tmp_path):
    from relecloud_templates.lint.config import parse_config

    module, (main,) = _sql_estate(tmp_path, {"main.bicep": "    administratorUsername: login\n"})
    config = parse_config(BASELINE, None)
    alone = lint([module], config)
    together = lint([main, module], config)
    walked = lint([tmp_path], config)
    # alone, the module's default user name would be deployed; its parent always sets it: not a finding there.
    # The literal secret default is one either way (E5002), reported once, in the module.
    assert _codes_in(alone, module) == [(2, "W5005"), (4, "E5002")]
    assert _codes_in(together, module) == [(4, "E5002")]
    assert located(walked) == located(together)
    assert together.files == [str(main), str(module)]


def test_a_default_that_one_parent_leaves_is_reported_once(tmp_path):
    from relecloud_templates.lint.config import parse_config

    module, parents = _sql_estate(tmp_path, {"a.bicep": "    administratorUsername: login\n", "b.bicep": "",
                                             "c.bicep": ""})
    other = tmp_path / "storage.bicep"
    other.write_text(STORAGE)
    result = lint([*parents, module, other], parse_config(BASELINE, None))
    assert _codes_in(result, module) == [(2, "W5005"), (4, "E5002")]
    # the files that use one another are checked together: in two processes the findings are the same
    assert result.diagnostics == lint([*parents, module, other], parse_config(BASELINE, None), jobs=2).diagnostics


def test_a_module_whose_parent_does_not_compile_is_judged_alone(tmp_path):
    from relecloud_templates.lint.config import parse_config

    module, (main,) = _sql_estate(tmp_path, {"main.bicep": "    administratorUsername: undefinedSymbol\n"})
    result = lint([main, module], parse_config(BASELINE, None))
    assert [d.message.split(":")[0] for d in result.diagnostics if d.location.path == str(main)] == ["BCP057"]
    assert _codes_in(result, module) == [(2, "W5005"), (4, "E5002")]  # nothing of the module is lost


def test_rendered_bicep_is_not_linted_twice(tmp_path):
    """Bicep that render wrote beside the unit's main.json (unchanged since) compiles to that template (render
    --check proves it): validate reports the rules' findings once, on main.json, and does not read the Bicep
    further (not even a parse: the hash proves the bytes are render's, whose Bicep render --check compiles)."""
    from relecloud_templates.bicep.lint import rendered_twin
    from relecloud_templates.lint.runner import LintRun
    from relecloud_templates.render.output import digest

    unit = tmp_path / "out" / "unit"
    unit.mkdir(parents=True)
    template = Compiler().compile_text(STORAGE).template
    (unit / "main.json").write_text(json.dumps(template))
    (unit / "main.bicep").write_text(STORAGE)
    (tmp_path / "out" / "plan.json").write_text(json.dumps({"units": [], "written": {
        "unit/main.json": digest((unit / "main.json").read_bytes()),
        "unit/main.bicep": digest(STORAGE.encode())}}))
    run = LintRun(config=LintConfig())
    run.add_path(tmp_path / "out")
    sources = {s.path.name: s for s in run.sources if s.path is not None}
    assert rendered_twin(sources["main.bicep"], run)
    result = lint([tmp_path / "out"], LintConfig())
    assert [d for d in result.diagnostics if d.location.path.endswith(".bicep")] == []
    assert [d for d in result.diagnostics if "allowBlobPublicAccess" in d.message]  # on main.json
    (unit / "main.bicep").write_text(STORAGE + "\n")  # edited by hand: linted in full again
    edited = lint([tmp_path / "out"], LintConfig())
    assert [d for d in edited.diagnostics
            if d.location.path.endswith(".bicep") and "allowBlobPublicAccess" in d.message]
    broken = STORAGE.replace("}\n", "", 1)  # as if render had written a syntax error: render --check's to find
    (unit / "main.bicep").write_text(broken)
    (tmp_path / "out" / "plan.json").write_text(json.dumps({"units": [], "written": {
        "unit/main.json": digest((unit / "main.json").read_bytes()), "unit/main.bicep": digest(broken.encode())}}))
    assert [d for d in lint([tmp_path / "out"], LintConfig()).diagnostics if d.location.path.endswith(".bicep")] == []


# -- the reference corpus: its Bicep sources give the findings of their compiled templates ----------------------

MAINS = ["data-landing-zone/infra/main.bicep", "data-management-zone/infra/main.bicep",
         "data-product-analytics/infra/main.bicep", "data-product-batch/infra/main.bicep",
         "data-product-streaming/infra/main.bicep", "data-management-zone/docs/reference/dataManagementAnalytics.bicep"]
needs_corpus = pytest.mark.needs_shared("corpus", "reference")


@needs_corpus
@pytest.mark.parametrize("main", MAINS)
def test_same_rule_findings_as_on_the_compiled_template(main, tmp_path):
    source = CORPUS / main
    compiled = tmp_path / "main.json"
    compiled.write_text(json.dumps(Compiler().compile_file(source).template, indent=2))
    on_bicep = lint([source], LintConfig())
    on_json = lint([compiled], LintConfig())

    def rules(result) -> Counter:  # (E0013: the scripts the corpus omits, which the JSON has as placeholders)
        return Counter((d.code, d.message) for d in result.diagnostics if d.code != "E0013")

    assert rules(on_bicep) == rules(on_json)
    assert rules(on_bicep)
    assert all(d.location.path.endswith(".bicep") for d in on_bicep.diagnostics)


@pytest.fixture(scope="module")
def corpus_bicep(bicep_against_json):
    """The findings of validate on the corpus's Bicep sources, default configuration (the Bicep files of that run)."""
    result = bicep_against_json["default"]
    return SimpleNamespace(diagnostics=[d for d in result.diagnostics if d.location.path.endswith(".bicep")])


def _at(result, code: str, path_end: str) -> list[str]:
    """The source lines of the findings ``code`` in the file ending with ``path_end``."""
    lines = []
    for d in result.diagnostics:
        if d.code == code and d.location.path.endswith(path_end):
            text = Path(d.location.path).read_text(encoding="utf-8-sig")
            lines.append(text.splitlines()[d.location.line - 1])
    return lines


@needs_corpus
def test_known_defects_of_the_reference_are_found_in_its_bicep(corpus_bicep):
    r = corpus_bicep
    assert [d.format() for d in r.diagnostics if d.code == "E0001"] == []
    assert any("anonymousPullEnabled: true" in line
               for line in _at(r, "W5009", "data-management-zone/infra/modules/services/containerregistry.bicep"))
    services = "data-product-analytics/infra/modules/services/"
    assert any("publicNetworkAccess" in line for line in _at(r, "W5009", services + "keyvault.bicep"))
    assert any("allowSharedKeyAccess: true" in line for line in _at(r, "W5010", services + "storage.bicep"))
    assert any("adminUserEnabled: true" in line for line in _at(r, "W5010", services + "containerregistry.bicep"))
    assert any("param administratorPassword string" in line
               for line in _at(r, "W5001", "docs/reference/dataManagementAnalytics.bicep"))
    assert any("SuperMainUser" in line or "administratorUsername" in line
               for line in _at(r, "W5005", "data-landing-zone/infra/main.bicep"))
    assert any("AuthKey" in line for line in _at(r, "W5001", "data-landing-zone/infra/modules/runtimes.bicep"))
    assert any("privateDnsZoneIdPbiDedicated" in line
               for line in _at(r, "W2001", "data-management-zone/infra/modules/consumption.bicep"))


@needs_corpus
def test_the_only_bicep_errors_of_the_reference_are_the_scripts_it_omits(corpus_bicep):
    errors = [d for d in corpus_bicep.diagnostics if d.severity.name == "ERROR"]
    assert errors
    assert all(d.message.startswith(("BCP091", "BCP104")) for d in errors), [d.format() for d in errors]


# -- the whole reference corpus: its Bicep sources against the JSON Microsoft compiled from them -------------------

# Every finding that one side has and the other has not, with the reason: (code, message start, side).
RESIDUAL = {
    # The corpus omits the scripts that loadTextContent() reads (SOURCES.md: "Not copied: scripts"); the JSON has
    # their text inlined. Reported as the Bicep error it is, on the Bicep side only.
    ("E0013", "BCP091: The file", "bicep"): 3,
    # modules/services/dnsforwarder.bicep: no file uses it (its module declaration in network.bicep is commented
    # out), so it is judged alone; no compiled JSON holds it.
    ("W5005", "parameter 'vmssAdmininstratorUsername' has the default user name", "bicep"): 1,
    # docs/reference/bastionhost/main.bicep is a module of dataManagementAnalytics.bicep, which sets its
    # administratorUsername: judged through that parent, as a nested template is. Its own main.json is a
    # separate file of the JSON run, so it is judged alone there.
    ("W5005", "parameter 'administratorUsername' has the default user name 'VmMainUser'", "json"): 1,
}


@pytest.fixture(scope="session")
def bicep_against_json(corpora_result, reference_baseline):
    """The findings of validate on the reference corpus's Bicep sources and on the JSON each root compiled to
    (Microsoft's own build, beside it), under the default configuration and under the security-baseline profile.
    A Bicep file's findings depend on the Bicep files alone (no JSON pairs with one), so they are those of the
    session's lints of the whole corpus (tests/conftest.py: corpora_result, reference_baseline); the compiled
    templates are linted here on their own (in the corpus, parameter files pair with some of them)."""
    from relecloud_templates.lint.config import parse_config
    from relecloud_templates.lint.runner import LintResult

    sources = sorted(CORPUS.rglob("*.bicep"))
    compiled = [p.with_suffix(".json") for p in sources
                if "modules" not in p.parts and p.with_suffix(".json").is_file()]
    assert len(sources) == 104 and len(compiled) == 8
    inside = str(CORPUS) + os.sep
    found = {}
    for name, config, whole in (("default", LintConfig(), corpora_result),
                                ("security-baseline", parse_config(BASELINE, None), reference_baseline)):
        on_bicep = [d for d in whole.diagnostics if d.location.path.startswith(inside)
                    and d.location.path.endswith(".bicep")]
        assert {d.location.path for d in on_bicep} <= {str(p) for p in sources}
        found[name] = LintResult(diagnostics=on_bicep + lint(compiled, config).diagnostics)
    return found


@needs_corpus
@pytest.mark.parametrize("profile", ["default", "security-baseline"])
def test_the_bicep_of_the_reference_has_the_findings_of_its_compiled_json(bicep_against_json, profile):
    result = bicep_against_json[profile]

    def findings(suffix: str) -> Counter:
        return Counter((d.code, d.severity.name, d.message) for d in result.diagnostics
                       if d.location.path.endswith(suffix))

    on_bicep, on_json = findings(".bicep"), findings(".json")
    assert sum(on_json.values()) > 30  # the comparison is about something
    differences: Counter = Counter()
    for side, extra in (("bicep", on_bicep - on_json), ("json", on_json - on_bicep)):
        for (code, _, message), count in extra.items():
            reason = next((key for key in RESIDUAL if key[0] == code and message.startswith(key[1]) and
                           key[2] == side), (code, message, side))
            differences[reason] += count
    assert differences == Counter(RESIDUAL)
