"""Load a manifest: YAML with positions -> schema -> model -> meaning. Every problem found, all at once."""

from __future__ import annotations

from pathlib import Path

from relecloud_templates.diagnostics import Diagnostic, DiagnosticsError, Severity, sorted_diagnostics
from relecloud_templates.located import LocatedDict, Pos
from relecloud_templates.manifest.build import build_model
from relecloud_templates.manifest.checks import check_manifest
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.manifest.problems import problem
from relecloud_templates.manifest.schema import check_schema
from relecloud_templates.manifest.yamlpos import load_yaml


def read_manifest(path: str | Path, text: str | None = None) -> tuple[Manifest | None, list[Diagnostic]]:
    """The model (None when it could not be built) and every problem found, sorted by position."""
    shown = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return None, [problem("yaml-syntax", f"cannot read the manifest: {reason}", shown, Pos(0, 0))]
    try:
        doc = load_yaml(text, shown)
    except DiagnosticsError as exc:
        return None, exc.diagnostics
    if not isinstance(doc, LocatedDict):
        return None, [problem("wrong-type", "the manifest must be a mapping (key: value lines)", shown, Pos(1, 1))]
    problems = check_schema(doc, shown)
    try:
        manifest = build_model(doc, shown)
    except (KeyError, TypeError, AttributeError, ValueError):
        # The schema problems above already say why; the meaning checks need a whole model.
        return None, sorted_diagnostics(problems)
    at_schema_problem = {(d.location.line, d.location.column) for d in problems}
    for found in check_manifest(manifest, doc):
        # A value the schema already rejected is not reported twice.
        if (found.location.line, found.location.column) not in at_schema_problem:
            problems.append(found)
    return (None if problems and any(d.severity == Severity.ERROR for d in problems) else manifest), sorted_diagnostics(problems)


def load_manifest(path: str | Path) -> Manifest:
    """The model of the manifest at ``path``; raises DiagnosticsError with every error-level problem."""
    manifest, problems = read_manifest(path)
    if manifest is None:
        raise DiagnosticsError(problems)
    return manifest
