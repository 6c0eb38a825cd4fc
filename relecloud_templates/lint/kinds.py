"""What kind of file is this? Files are recognised by content, not by name: ARM templates and parameter files
by their ``$schema``, manifests by their top-level keys. Other checkers (e.g. Bicep) add a ``FileKind`` with
``register()``; the runner asks each kind in order and hands the file to the first that recognises it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relecloud_templates.arm.vocabulary import SCHEMA_SCOPES, is_parameters_schema, schema_scope
from relecloud_templates.located import Pos
from relecloud_templates.suggest import closest

if TYPE_CHECKING:
    from relecloud_templates.diagnostics import Diagnostic
    from relecloud_templates.lint.runner import LintRun

STDIN = "<stdin>"


@dataclass
class SourceFile:
    path: Path | None  # None for standard input
    shown: str  # how findings name it
    text: str
    data: Any = None  # the parsed JSON document (located), when it parsed
    parse_error: Any = None  # the JsonSyntaxError, when it did not
    kind: str = ""
    extras: dict[str, Any] = field(default_factory=dict)  # for checkers that want to keep something per file


@dataclass(frozen=True)
class FileKind:
    name: str
    suffixes: tuple[str, ...]  # which files a directory walk offers to this kind (lower case, with the dot)
    recognise: Callable[[SourceFile], bool]
    # Checks one file and returns its findings. None for the kinds the ARM pipeline in the runner checks
    # itself ("template", "parameters"), because they need each other across files.
    check: Callable[[SourceFile, LintRun], list[Diagnostic]] | None = None
    # Called once per run, before any file is checked (in the parent process, before workers fork), when the run
    # has files of this kind: it may look at every input, and put files that must be checked together into one
    # group by giving them the same ``extras["group"]`` (a string), and mark a file that needs no checking (``WORK``).
    prepare: Callable[[LintRun], None] | None = None
    # What checking a file of this kind costs per character, against an ARM template's 1: how the work is split
    # between processes (measured on the rendered Relecloud estate: its manifest, 7 k characters, costs what a
    # 100 k template does; a plan.json a fifth of a template of its size).
    work_per_char: float = 1.0


# SourceFile.extras key: the work of checking the file, in characters of an ARM template (default: its length times
# its kind's ``work_per_char``); a kind's ``prepare`` sets 0 for a file it will pass over.
WORK = "work"


def work(source: SourceFile) -> float:
    """How much checking ``source`` costs, in characters of an ARM template (``FileKind.work_per_char``)."""
    found = source.extras.get(WORK)
    if found is not None:
        return float(found)
    kind = kind_named(source.kind)
    return len(source.text) * (kind.work_per_char if kind is not None else 1.0)


def kind_named(name: str) -> FileKind | None:
    """The registered kind called ``name`` (what ``SourceFile.kind`` holds)."""
    return next((kind for kind in KINDS if kind.name == name), None)


_JSON_SUFFIXES = (".json", ".jsonc")
_MANIFEST_VERSION = re.compile(r"^version\s*:", re.MULTILINE)
_MANIFEST_ZONES = re.compile(r"^(managementZone|landingZones)\s*:", re.MULTILINE)


def parse_json(source: SourceFile) -> None:
    """Parse once, keeping the result or the error on the source."""
    if source.data is not None or source.parse_error is not None:
        return
    from relecloud_templates.arm import jsonpos

    try:
        source.data = jsonpos.loads(source.text)
    except jsonpos.JsonSyntaxError as exc:
        source.parse_error = exc
    except RecursionError:
        source.parse_error = jsonpos.JsonSyntaxError("the JSON is nested too deeply", Pos(1, 1))


def _looks_like_json(source: SourceFile) -> bool:
    suffix = source.path.suffix.lower() if source.path else ""
    if suffix in _JSON_SUFFIXES:
        return True
    stripped = source.text.lstrip("\ufeff \t\r\n")
    return stripped.startswith("{")


def _schema(source: SourceFile) -> Any:
    if not _looks_like_json(source):
        return None
    parse_json(source)
    return source.data.get("$schema") if isinstance(source.data, dict) else None


# The $schema URLs Azure publishes for deployment templates: file name -> the versions that exist.
TEMPLATE_SCHEMA_VERSIONS = {
    "deploymenttemplate.json": ("2014-04-01-preview", "2015-01-01", "2019-04-01"),
    "subscriptiondeploymenttemplate.json": ("2018-05-01",),
    "managementgroupdeploymenttemplate.json": ("2019-08-01",),
    "tenantdeploymenttemplate.json": ("2019-08-01",),
}
SCHEMA_HOST = "schema.management.azure.com"


def template_schema_guess(schema: Any) -> tuple[str, str] | None:
    """(scope, file name) of a ``$schema`` that is a deployment template schema or a near miss of one (a typo in
    the file name); None for anything else (parameters files, UI definitions, other tools' schemas)."""
    scope = schema_scope(schema)
    if scope is not None:
        return scope, schema.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    if not isinstance(schema, str) or "parameters" in schema.lower():
        return None
    tail = schema.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    near = closest(tail, list(SCHEMA_SCOPES), cutoff=0.85)
    return (SCHEMA_SCOPES[near], near) if near is not None else None


def is_template(source: SourceFile) -> bool:
    return template_schema_guess(_schema(source)) is not None


def is_parameters(source: SourceFile) -> bool:
    return is_parameters_schema(_schema(source))


def is_broken_json(source: SourceFile) -> bool:
    """A JSON file that does not parse: reported as a parse error rather than skipped, since it may well be a
    template, and a linter that silently skips broken files is not one to trust."""
    if not _looks_like_json(source):
        return False
    parse_json(source)
    return source.parse_error is not None


def is_manifest(source: SourceFile) -> bool:
    suffix = source.path.suffix.lower() if source.path else ""
    if suffix in _JSON_SUFFIXES or source.text.lstrip().startswith("{"):
        return False
    return bool(_MANIFEST_VERSION.search(source.text) and _MANIFEST_ZONES.search(source.text))


def _check_manifest(source: SourceFile, run: LintRun) -> list[Diagnostic]:
    from relecloud_templates.manifest import read_manifest

    _, problems = read_manifest(source.shown, source.text, env=run.environment)
    return list(problems)


def is_plan(source: SourceFile) -> bool:
    """A rendered estate's plan.json (``relecloud render``): checked by the rules whose kinds name "plan"."""
    if not _looks_like_json(source):
        return False
    parse_json(source)
    data = source.data
    return (isinstance(data, dict) and data.get("version") == 1 and isinstance(data.get("units"), list)
            and isinstance(data.get("written"), dict))


_BICEP_SUFFIXES = (".bicep", ".bicepparam")


def is_bicep(source: SourceFile) -> bool:
    return source.path is not None and source.path.suffix.lower() in _BICEP_SUFFIXES


def _check_bicep(source: SourceFile, run: LintRun) -> list[Diagnostic]:
    from relecloud_templates.bicep.lint import check

    return check(source, run)


def _prepare_bicep(run: LintRun) -> None:
    from relecloud_templates.bicep.lint import prepare

    prepare(run)


KINDS: list[FileKind] = [
    FileKind("template", _JSON_SUFFIXES, is_template),
    FileKind("parameters", _JSON_SUFFIXES, is_parameters),
    FileKind("broken-json", _JSON_SUFFIXES, is_broken_json),
    FileKind("plan", _JSON_SUFFIXES, is_plan, work_per_char=0.2),  # checked by the rules, as templates are
    FileKind("manifest", (".yaml", ".yml"), is_manifest, _check_manifest, work_per_char=15.0),
    FileKind("bicep", _BICEP_SUFFIXES, is_bicep, _check_bicep, _prepare_bicep),
]


def register(kind: FileKind) -> None:
    """Add (or replace, by name) a kind of file that validate checks."""
    for i, existing in enumerate(KINDS):
        if existing.name == kind.name:
            KINDS[i] = kind
            return
    KINDS.append(kind)


def walk_suffixes() -> set[str]:
    return {s for kind in KINDS for s in kind.suffixes}


def classify(source: SourceFile) -> FileKind | None:
    for kind in KINDS:
        if kind.recognise(source):
            source.kind = kind.name
            return kind
    return None
