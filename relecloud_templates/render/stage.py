"""The render stage, one function for every command that renders: a manifest -> its plan -> every file as bytes
-> published into a folder (render/publish.py), with the address record beside the manifest.

``relecloud render`` and ``relecloud deploy MANIFEST`` (which renders into a scratch folder) both call
``render_estate``; ``render --check`` calls ``prepare`` and ``outdated``. A manifest with environments is
rendered once per environment, each into a folder of its own (``DIR/<env>``). Problems are raised, never printed:
``DiagnosticsError`` for the manifest, ``CommandError`` for everything else; cli.py turns them into messages
and exit codes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from relecloud_templates.diagnostics import CommandError
from relecloud_templates.fsutil import read_input_text
from relecloud_templates.manifest.addresses import expected_record, record_path
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.plan.loading import environment_folder, plan_environments
from relecloud_templates.plan.model import Plan
from relecloud_templates.render import publish as publishing
from relecloud_templates.render.output import RenderedEstate, UnsafeOutputPath, render_files


@dataclass
class Rendering:
    """Everything a render computes before it writes anything."""

    path: Path  # the manifest
    out: Path  # the folder it renders into: DIR, or DIR/<env> for an environment
    root: Path  # DIR
    manifest: Manifest
    plan: Plan
    rendered: RenderedEstate
    record: tuple[Path, str] | None  # the address record beside the manifest and what it must hold
    record_stale: bool  # the record on disk differs (new allocations to record)


def manifest_label(manifest: Path, out: Path) -> str:
    """How plan.json names the manifest: relative to the output folder, so that it is the same from any cwd."""
    try:
        text = os.path.relpath(os.path.abspath(manifest), os.path.abspath(out))
    except ValueError:  # another drive (Windows)
        text = os.path.abspath(manifest)
    text = text.replace(os.sep, "/")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes of another encoding in the file name, kept by Python as surrogates
        raise CommandError(
            f"cannot record the manifest's path in {out}/plan.json: {manifest} is not a UTF-8 file name",
            hints=["rename the manifest (or a folder on its path) to a UTF-8 name"],
        ) from None
    return text


def prepare(
    manifest_path: Path,
    out: Path,
    output_format: str,
    env: str | None = None,
    on_unit: Callable[[str], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> list[Rendering]:
    """Load, check, plan and render ``manifest_path`` (environment ``env``, else every environment it defines)
    for the folder ``out``; nothing is written. ``on_plan`` hears how many units there are in all,
    ``on_unit`` each unit rendered (progress)."""
    planned = plan_environments(manifest_path, env)
    if on_plan is not None:
        on_plan(sum(len(plan.units) for _, plan in planned))
    renderings = []
    for manifest, plan in planned:
        folder = environment_folder(out, manifest, env)
        try:
            rendered = render_files(manifest, plan, manifest_label(manifest_path, folder), output_format,
                                    on_unit=on_unit)
        except UnsafeOutputPath as exc:
            raise CommandError(str(exc)) from None
        record = expected_record(manifest)
        record_stale = False
        if record is not None:
            try:
                record_stale = read_input_text(record[0]) != record[1]
            except FileNotFoundError:
                record_stale = True
            except (OSError, UnicodeDecodeError) as exc:  # changed since the manifest loader read it
                raise CommandError(f"cannot read {record[0]}: {getattr(exc, 'strerror', None) or exc}") from None
        renderings.append(Rendering(manifest_path, folder, out, manifest, plan, rendered, record, record_stale))
    return renderings


def outdated(rendering: Rendering) -> list[str]:
    """What ``publish`` would change in the rendering's folder (paths relative to it), for ``render --check``;
    the address record is not among them (``rendering.record_stale`` says that)."""
    try:
        return publishing.outdated(rendering.rendered, rendering.out)
    except UnsafeOutputPath as exc:
        raise CommandError(str(exc)) from None


def render_estate(manifest_path: Path, out: Path, output_format: str = "both", *, env: str | None = None,
                  force: bool = False, rerun: Callable[..., str] | None = None,
                  on_unit: Callable[[str], None] | None = None,
                  on_wait: Callable[[], None] | None = None) -> list[tuple[Rendering, publishing.Published]]:
    """Render ``manifest_path`` into ``out`` (``out/<env>`` per environment) and record new address allocations
    beside the manifest, all or nothing per folder. ``force`` writes into a folder with unrelated content or
    another estate's render; ``rerun(*options, into=None)`` spells the user's command line with extra options
    or another output folder (for the hints of a refusal)."""
    renderings = prepare(manifest_path, out, output_format, env, on_unit=on_unit)
    return [(r, publish(r, force=force, rerun=rerun, on_wait=on_wait)) for r in renderings]


def publish(rendering: Rendering, *, force: bool = False, rerun: Callable[..., str] | None = None,
            on_wait: Callable[[], None] | None = None) -> publishing.Published:
    """Write what ``prepare`` computed into the rendering's folder (render/publish.py has the rules)."""
    protected = [rendering.path, record_path(rendering.path), record_path(rendering.path, rendering.manifest.env),
                 *(record_path(rendering.path, name) for name in rendering.manifest.environments)]
    try:
        retired: list[str] = []
        if rendering.out != rendering.root:  # DIR/<env>: DIR must not be another estate's render either
            publishing.refuse_another_estate(rendering.root, rendering.path, force, rerun)
            # nor hold a render from before environments, which deploy DIR would still find
            retired = publishing.retire_flat_render(rendering.root, force, rerun, protected)
        published = publishing.publish(
            rendering.rendered, rendering.out, protected=protected, force=force, manifest=rendering.path,
            record=rendering.record if rendering.record_stale else None, rerun=rerun, on_wait=on_wait)
        published.retired = retired
        return published
    except UnsafeOutputPath as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        where = exc.filename or rendering.out  # the file or folder the system refused, when it says
        raise CommandError(f"cannot write {where}: {exc.strerror or exc}; nothing was changed") from None
