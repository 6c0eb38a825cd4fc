"""Each reference repository's ``infra/main.bicep`` compiles to a template equivalent to Microsoft's ``main.json``
beside it (and so do the two reference templates its docs ship with their sources).

Microsoft built those templates with Bicep 0.4 to 0.16; relecloud compiles as current Bicep does. The version
differences are normalised (``VersionTolerance``, documented there): the API version of module deployments, the
scope of extension resources, ternary module parameters, ``reference()`` without an API version (Bicep 0.4), and
the scripts the corpus omits (their ``loadTextContent`` values are not compared). Nothing else may differ.
"""

from __future__ import annotations

import functools
import json

import pytest

from relecloud_templates.bicep.compiler import Compiler
from relecloud_templates.bicep.compiler.equivalence import VersionTolerance, differences
from tests.conftest import CORPUS

REPOSITORIES = ["data-landing-zone", "data-management-zone", "data-product-analytics", "data-product-batch",
                "data-product-streaming"]
DOCS = ["data-management-zone/docs/reference/bastionhost", "data-management-zone/docs/reference/buildagents"]

pytestmark = pytest.mark.needs_shared("corpus", "reference")


@functools.cache
def _compiled(folder: str):
    """The compilation of ``folder``/main.bicep, once for both tests here (neither changes it)."""
    return Compiler().compile_file(CORPUS / folder / "main.bicep")


def _generator(template: dict) -> str:
    return str(template.get("metadata", {}).get("_generator", {}).get("version", ""))


@pytest.mark.parametrize("folder", [f"{r}/infra" for r in REPOSITORIES] + DOCS)
def test_main_bicep_compiles_to_microsofts_main_json(folder):
    theirs = json.loads((CORPUS / folder / "main.json").read_text(encoding="utf-8-sig"))
    compilation = _compiled(folder)
    assert compilation.complete()  # (no errors but the scripts the corpus omits, below)
    tolerance = VersionTolerance(deployments_api=True, extension_scope=True, ternary_parameter=True,
                                 missing_files=True, reference_api_version=_generator(theirs).startswith("0.4."))
    assert differences(compilation.template, theirs, tolerance) == []


@pytest.mark.parametrize("folder", [f"{r}/infra" for r in REPOSITORIES])
def test_only_the_scripts_the_corpus_omits_are_missing(folder):
    """The one error a reference compile may have: a script a module loads that was not copied into the corpus."""
    compilation = _compiled(folder)
    errors = [(problem, owner) for problem, owner in compilation.problems() if problem.level == "Error"]
    for problem, owner in errors:  # the module that loads a missing script has errors (BCP104), nothing else
        assert problem.code == "BCP104" or id(problem) in owner.model.missing_loads, problem.message
