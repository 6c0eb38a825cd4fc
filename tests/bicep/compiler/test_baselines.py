"""The compiler against the Bicep compiler's own golden files, one test per sample folder.

- Every valid sample with a ``main.json`` compiles to a template equivalent to it (``compiler.equivalence``:
  formatting, key order, generator metadata); those that do not are listed in ``KNOWN`` with the reason, and at
  least 90% of all must be equivalent.
- Errors are the compiler's: every error relecloud reports on a sample, the Bicep compiler reports too, with the
  same code at the same span (``OWN_FINDINGS`` lists where relecloud knowingly differs); valid samples get none.
- ``.bicepparam`` samples compile to the parameters file Bicep wrote.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from relecloud_templates.bicep.compiler import Compiler
from relecloud_templates.bicep.compiler.equivalence import differences
from tests.bicep.baselines import annotations, samples

pytestmark = pytest.mark.needs_shared("corpus", "bicep-baselines")

# sample -> why relecloud's template differs from the Bicep compiler's (each is a strict xfail: fixing one fails it)
KNOWN = {
    "baselines/Extensions_CRLF": "extension declarations (the 'extensions' section, extension resources) are not "
                                 "compiled",
    "baselines/Imports_LF": "types and functions imported from other files are not compiled (definitions with "
                            "'__bicep_imported_from!' metadata)",
    "baselines/Registry_LF": "registry and template-spec modules need the local module cache, which is empty here "
                             "(BCP190; relecloud never downloads)",
    "baselines/ResourceDerivedTypes_LF": "resource-derived types (resourceInput<...>) are not compiled",
    "user_submitted/extensibility/aks": "extensibility providers (the 'imports' section) are not compiled",
    "user_submitted/extensibility/microsoftGraph": "extensibility providers (the 'imports' section) are not compiled",
    "baselines_bicepparam/Extensions": "extension configurations (the 'extensionConfigs' section) are not written",
}

# sample -> (codes relecloud reports there that the baseline does not have, why)
OWN_FINDINGS = {
    "baselines/Extensions_CRLF": ({"BCP-EMIT"}, "extensions are not compiled"),
    "baselines/InvalidLoadFunctions_CRLF": ({"BCP186"}, "a file that is no JSON: BCP186 (Bicep reports the "
                                                        "argument's type instead)"),
    "baselines/Registry_LF": ({"BCP190"}, "the local module cache is empty here"),
    "baselines/InvalidResources_CRLF": ({"BCP121"}, "Bicep leaves the resource with condition 'bool(1)' out of the "
                                                    "duplicate names; relecloud computes the condition (true)"),
    "baselines_bicepparam/Expressions": ({"BCP338"}, "relecloud's ARM evaluator lacks lambdas, guid(), "
                                                     "uniqueString(), date arithmetic and dataUriToString()"),
    "baselines_bicepparam/Variables": ({"BCP338"}, "lambdas are not evaluated"),
    "baselines_bicepparam/Imports": ({"BCP338"}, "imports into parameter files are not evaluated"),
    "baselines_bicepparam/External_Inputs": ({"BCP338"}, "externalInput() is not supported"),
    "baselines_bicepparam/Invalid_ExternalInputs": ({"BCP338"}, "externalInput() is not supported"),
    "baselines_bicepparam/External_Inputs_DeployCommands": ({"BCP057"}, "the experimental readCliArg()"),
    "baselines_bicepparam/Invalid_Expressions": ({"BCP338", "BCP-EMIT"}, "Bicep reports these values' type "
                                                                         "errors; relecloud fails to evaluate them"),
    "baselines_bicepparam/Invalid_Parameters": ({"BCP338"}, "Bicep reports the '+' on strings (BCP045); relecloud "
                                                            "fails to evaluate it"),
}

# invalid samples where relecloud finds none of the errors (so compiles them clean), and why
NOT_FOUND = {
    "baselines/InvalidRuntimeValueUsages_LF": "values that are only known during deployment in loop bodies (BCP182)",
    "baselines_bicepparam/Invalid_Imports": "errors in a file that a parameters file imports from (BCP104)",
}

# The environment Bicep's own tests give parameter files that read environment variables.
ENVIRONMENT = {"stringEnvVariableName": "test", "intEnvVariableName": "100", "boolEnvironmentVariable": "true"}


@pytest.fixture(scope="module", autouse=True)
def _environment():
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENVIRONMENT.items():
            patch.setenv(name, value)
        yield
    _COMPILED.clear()


_COMPILED: dict = {}  # sample -> its compilation (each sample is compiled once for all the tests here)


def _compiled(sample):
    if sample not in _COMPILED:
        _COMPILED[sample] = Compiler().compile_text(sample.text(), sample.source)
    return _COMPILED[sample]


def _templates():
    return [s for s in samples() if s.valid and s.source.suffix == ".bicep" and (s.folder / "main.json").is_file()]


def _equivalence_params():
    out = []
    for sample in _templates():
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[sample.name])] if sample.name in KNOWN else []
        out.append(pytest.param(sample, id=sample.name, marks=marks))
    return out


@pytest.mark.parametrize("sample", _equivalence_params())
def test_compiles_to_the_baseline_template(sample):
    theirs = json.loads((sample.folder / "main.json").read_text(encoding="utf-8-sig"))
    compilation = _compiled(sample)
    assert differences(compilation.template, theirs, limit=10) == []


def test_at_least_nine_in_ten_samples_compile_equivalent():
    templates = _templates()
    assert len(templates) >= 180
    failing = [name for name in KNOWN if not name.startswith("baselines_bicepparam/")]
    assert all(name in {s.name for s in templates} for name in failing), "a KNOWN sample is gone: update the list"
    assert (len(templates) - len(failing)) / len(templates) >= 0.9


def _errors(compilation) -> Counter:
    return Counter((d.code, d.start, d.end) for d in compilation.diagnostics if d.level == "Error")


def _expected_errors(sample) -> Counter:
    found: Counter = Counter()
    for start, end, label in annotations(sample, "diagnostics"):
        match = re.match(r"\[(\S+) \((\w+)\)\]", label)
        if match and match.group(2) == "Error":
            found[(match.group(1), start, end)] += 1
    return found


@pytest.mark.parametrize("sample", [pytest.param(s, id=s.name) for s in samples("diagnostics")])
def test_errors_are_the_compilers_at_the_same_spans(sample):
    expected = _expected_errors(sample)
    got = _errors(_compiled(sample))
    allowed, _ = OWN_FINDINGS.get(sample.name, (set(), ""))
    extra = sorted(k for k in got - expected if k[0] not in allowed)
    assert extra == []
    if expected and sample.name not in NOT_FOUND:
        assert got, "an invalid sample must not compile clean"


def test_errors_found_in_the_invalid_samples():
    """How many of the compiler's errors relecloud finds (at the same code and span): the name resolution, module,
    parameter-file, loop and literal-type checks; not the full type system (BCP070, BCP120, BCP182 ...)."""
    expected = found = 0
    for sample in samples("diagnostics"):
        want = _expected_errors(sample)
        expected += sum(want.values())
        found += sum((want & _errors(_compiled(sample))).values())
    assert expected > 1800
    assert found / expected >= 0.49, f"{found} of {expected}"


@pytest.mark.parametrize("sample", [pytest.param(s, id=s.name) for s in samples()
                                    if s.source.suffix == ".bicepparam" and s.valid
                                    and (s.folder / "parameters.json").is_file()])
def test_parameter_files_compile_to_the_baseline(sample):
    if sample.name in OWN_FINDINGS or sample.name in KNOWN:
        pytest.xfail(KNOWN.get(sample.name) or OWN_FINDINGS[sample.name][1])
    compilation = _compiled(sample)
    assert [(d.code, d.message) for d in compilation.diagnostics if d.level == "Error"] == []
    theirs = json.loads((sample.folder / "parameters.json").read_text(encoding="utf-8-sig"))
    assert differences(compilation.template, theirs) == []
