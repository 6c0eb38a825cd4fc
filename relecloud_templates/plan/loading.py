"""From a manifest path to its plan, with every problem as a located diagnostic (shared by render and plan)."""

from __future__ import annotations

from pathlib import Path

from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest import load_manifest
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.plan.model import Plan
from relecloud_templates.plan.planner import build_plan
from relecloud_templates.resources import default_manifest


def manifest_path(given: Path | None) -> Path:
    """The manifest a command works on: the one given, else the bundled Relecloud scenario."""
    return given if given is not None else default_manifest()


def plan_manifest(path: Path) -> tuple[Manifest, Plan]:
    """Load, check and plan ``path``; raises DiagnosticsError with every problem found."""
    manifest = load_manifest(path)
    return manifest, build_plan(manifest)


def report(error: DiagnosticsError, console) -> None:
    for diagnostic in error.diagnostics:
        console.diagnostic(diagnostic, err=True)
