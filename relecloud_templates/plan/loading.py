"""From a manifest path to its plan, with every problem as a located diagnostic (shared by render and plan)."""

from __future__ import annotations

from pathlib import Path

from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest import load_manifest, read_environments
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.plan.model import Plan
from relecloud_templates.plan.planner import build_plan


def plan_manifest(path: Path, env: str | None = None) -> tuple[Manifest, Plan]:
    """Load, check and plan ``path`` (for environment ``env``, else the default one); raises DiagnosticsError
    with every problem found."""
    manifest = load_manifest(path, env)
    return manifest, build_plan(manifest)


def plan_environments(path: Path, env: str | None = None) -> list[tuple[Manifest, Plan]]:
    """Load, check and plan ``path`` for ``env``, else for every environment it defines (one pair for a
    manifest without environments); raises DiagnosticsError with every problem found."""
    manifests, problems = read_environments(path, env)
    if not manifests:
        raise DiagnosticsError(problems)
    return [(manifest, build_plan(manifest)) for manifest in manifests]


def environment_folder(out: Path, manifest: Manifest, env: str | None) -> Path:
    """Where one environment's render goes: ``out/<env>`` for a named or defined environment, else ``out``."""
    name = env or manifest.env
    return out / name if name else out
