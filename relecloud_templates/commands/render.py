"""``relecloud render [MANIFEST] [-o DIR]``: one ARM template and parameters file per unit, plus plan.json."""

from __future__ import annotations

import os
from pathlib import Path

import click

from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import EXIT_FINDINGS, EXIT_USAGE, DiagnosticsError
from relecloud_templates.fsutil import read_input_text, write_atomic
from relecloud_templates.manifest.addresses import expected_record
from relecloud_templates.plan.explain import explain
from relecloud_templates.plan.loading import environment_folder, manifest_path, plan_environments, report
from relecloud_templates.render.output import FORMATS, UnsafeOutputPath, render_files, stale, write


def manifest_label(manifest: Path, out: Path) -> str:
    """How plan.json names the manifest: relative to the output folder, so that it is the same from any cwd."""
    try:
        text = os.path.relpath(os.path.abspath(manifest), os.path.abspath(out))
    except ValueError:  # another drive (Windows)
        text = os.path.abspath(manifest)
    return text.replace(os.sep, "/")


def _read_text(path: Path) -> str | None:
    try:
        return read_input_text(path)
    except (OSError, UnicodeDecodeError):
        return None


@click.command(name="render")
@click.argument("manifest", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write plan.json and one folder per unit into (DIR/<env> for each environment).")
@click.option("--env", "env", metavar="NAME",
              help="Render this environment of the manifest into DIR/NAME (default: every environment it defines).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming the files that are out of date.")
@click.option("--explain", "show_plan", is_flag=True, help="Also print, per unit, what is kept and pruned, and why.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="both", show_default=True,
              help="ARM JSON (what deploy submits), Bicep source translated from the same ARM, or both.")
@common_options
def command(manifest: Path | None, out: Path, env: str | None, check: bool, show_plan: bool, output_format: str) -> None:
    """Render MANIFEST (default: the bundled Relecloud scenario) into DIR: plan.json, and for each deployment
    unit <unit>/main.json (ARM template), <unit>/main.parameters.json (no secret values) and, with Bicep,
    <unit>/main.bicep, <unit>/main.bicepparam and <unit>/modules/*.bicep; and the estate's picture,
    estate.md (Mermaid) and estate.svg (see `relecloud diagram`).

    A manifest with environments is rendered once per environment, into DIR/<env>/ (--env picks one)."""
    console = get_console()
    path = manifest_path(manifest)
    try:
        planned = plan_environments(path, env)
    except DiagnosticsError as exc:
        report(exc, console)
        raise SystemExit(EXIT_USAGE)
    outdated = 0
    for parsed, plan in planned:
        outdated += _render_one(console, path, parsed, plan, environment_folder(out, parsed, env), check=check,
                                show_plan=show_plan, output_format=output_format)
    if outdated:
        raise SystemExit(EXIT_FINDINGS)


def _render_one(console, path: Path, parsed, plan, out: Path, *, check: bool, show_plan: bool,
                output_format: str) -> int:
    """Render one environment into ``out`` (or check it); the number of out-of-date files under --check."""
    try:
        with console.progress(len(plan.units), "rendering") as progress:
            rendered = render_files(parsed, plan, manifest_label(path, out), output_format, on_unit=progress.advance)
    except DiagnosticsError as exc:
        report(exc, console)
        raise SystemExit(EXIT_USAGE)
    except UnsafeOutputPath as exc:
        console.error(str(exc))
        raise SystemExit(EXIT_USAGE)
    for file, line, message in rendered.bicep_notes:
        console.warning(f"{out / file}:{line}: no faithful Bicep translation: {message}")
    if show_plan:
        console.echo(explain(plan, verbose=console.verbose), nl=False)
    record = expected_record(parsed)
    record_stale = record is not None and _read_text(record[0]) != record[1]
    if check:
        outdated = stale(rendered, out)
        if record_stale:
            console.echo(f"{record[0]}: out of date (new address allocations to record)")
        for relative in outdated:
            console.echo(f"{out / relative}: out of date")
        if record_stale and not outdated:
            console.error(f"{record[0]} is out of date; run `relecloud render` to record the new allocations")
            return 1
        if outdated:
            console.error(f"{len(outdated)} file(s) in {out} are out of date; run `relecloud render` to update them")
            return len(outdated)
        console.success(f"{out} is up to date ({len(rendered.files)} files, {len(plan.units)} units)")
        return 0
    try:
        written, removed = write(rendered, out)
    except (OSError, UnsafeOutputPath) as exc:
        where = getattr(exc, "filename", None) or out  # the file or folder the system refused, when it says
        console.error(f"cannot write {where}: {getattr(exc, 'strerror', None) or exc}")
        raise SystemExit(EXIT_USAGE)
    if record_stale:
        try:
            write_atomic(record[0], record[1])
        except OSError as exc:
            console.error(f"cannot write {record[0]}: {exc.strerror or exc}")
            raise SystemExit(EXIT_USAGE)
        for zone, cidr, new in parsed.allocations:
            if new:
                console.info(f"allocated {cidr} to landing zone {zone!r} from {parsed.addressing.pool}")
        console.info(f"recorded the allocations in {record[0]}: review and commit it with the manifest")
    for relative in removed:
        console.detail(f"removed {out / relative} (no longer part of the render: its unit or its format was dropped)")
    console.success(f"rendered {len(plan.units)} units into {out}: {len(written)} file(s) written, "
                    f"{len(rendered.files) - len(written)} unchanged, {len(removed)} removed")
    return 0
