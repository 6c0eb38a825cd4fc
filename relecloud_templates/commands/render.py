"""``relecloud render [MANIFEST] [-o DIR]``: one ARM template and parameters file per unit, plus plan.json."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from relecloud_templates.console import command_line, common_options, get_console
from relecloud_templates.diagnostics import EXIT_FINDINGS, CommandError
from relecloud_templates.manifest.locate import locate_manifest
from relecloud_templates.plan.explain import explain
from relecloud_templates.render import stage
from relecloud_templates.render.output import OUTPUT_FORMATS


@click.command(name="render")
@click.argument("manifest", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--example", is_flag=True, help="Render the bundled Relecloud example estate instead of a manifest of yours."
)
@click.option(
    "-o",
    "--output",
    "out",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write plan.json and one folder per unit into (DIR/<env> for each environment).",
)
@click.option("--env", "env", metavar="NAME",
              help="Render this environment of the manifest into DIR/NAME (default: every environment it defines).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming the files that are out of date (or, with "
              "Bicep, differences between the Bicep compiled back and main.json).")
@click.option("--explain", "show_plan", is_flag=True, help="Also print, per unit, what is kept and pruned, and why.")
@click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="both", show_default=True,
              help="ARM JSON (what deploy submits), Bicep source translated from the same ARM, or both.")
@click.option("--force", is_flag=True,
              help="Write into a folder that holds files relecloud did not write, or another manifest's render. "
                   "Files relecloud cannot prove it wrote are never removed, the manifest never written.")
@common_options
def command(manifest: Path | None, example: bool, out: Path, env: str | None, check: bool, show_plan: bool,
            output_format: str, force: bool) -> None:
    """Render MANIFEST into DIR: plan.json, and for each deployment unit <unit>/main.json (ARM template),
    <unit>/main.parameters.json (no secret values) and, with Bicep, <unit>/main.bicep, <unit>/main.bicepparam
    and <unit>/modules/*.bicep; and the estate's picture, estate.md (Mermaid) and estate.svg (see `relecloud
    diagram`).

    Without MANIFEST: ./relecloud.yaml, else the manifest that DIR/plan.json was rendered from. --example
    renders the bundled Relecloud estate. A manifest with environments is rendered once per environment, into
    DIR/<env>/ (--env picks one).
    """
    console = get_console()

    def spelled(chosen: str | None, *options: str, checking: bool = check, into: Path | None = None) -> str:
        """The command line of this render with manifest ``chosen`` (None: --example), another output folder
        ``into`` and extra options."""
        fmt = ["--format", output_format] if output_format != "both" else []
        return command_line("render", *([chosen] if chosen else ["--example"]), "-o", str(into or out),
                            *(["--env", env] if env else []), *fmt, *(["--check"] if checking else []), *options)

    chosen = locate_manifest(manifest, example, out, command=spelled)
    if chosen.why not in ("named", "example"):
        console.detail(f"manifest: {chosen.path} ({chosen.why})")
    named = None if chosen.why == "example" else str(chosen.path)
    with console.progress(None, "rendering") as progress:
        renderings = stage.prepare(chosen.path, out, output_format, env, on_plan=progress.set_total,
                                   on_unit=progress.advance)
    for rendering in renderings:
        for file, line, message in rendering.rendered.bicep_notes:
            console.warning(f"{rendering.out / file}:{line}: no faithful Bicep translation: {message}")
        if show_plan:
            console.echo(explain(rendering.plan, verbose=console.verbose), nl=False)
    if check:
        _check(console, renderings, spelled(named, checking=False))
        return
    for rendering in renderings:
        published = stage.publish(rendering, force=force, on_wait=partial(
            console.info, f"waiting for another render into {rendering.out} to finish"),
            rerun=lambda *options, into=None: spelled(named, *options, into=into))
        _report(console, rendering, published)


def _check(console, renderings: list[stage.Rendering], fix: str) -> None:
    from relecloud_templates.bicep.roundtrip import check_render

    stale_files = stale_records = 0
    for rendering in renderings:
        outdated = stage.outdated(rendering)
        if rendering.record_stale and rendering.record is not None:
            console.echo(f"{rendering.record[0]}: out of date (new address allocations to record)")
            stale_records += 1
        for relative in outdated:
            console.echo(f"{rendering.out / relative}: out of date")
        stale_files += len(outdated)
        if not outdated and not rendering.record_stale:
            console.success(f"{rendering.out} is up to date ({len(rendering.rendered.files)} files, "
                            f"{len(rendering.plan.units)} units)")
    mismatches = [m for rendering in renderings for m in check_render(rendering.rendered.files, rendering.out)]
    for mismatch in mismatches:  # the Bicep must compile back to the ARM it was translated from
        console.echo(f"{mismatch} (the Bicep does not round-trip to main.json)")
    if mismatches and not (stale_files or stale_records):
        raise CommandError(f"{len(mismatches)} difference(s) between the rendered Bicep compiled back and main.json",
                           hints=["this is a relecloud defect in the ARM-to-Bicep translation: please report it; "
                                  "render --format arm writes no Bicep"], exit_code=EXIT_FINDINGS)
    if stale_files or stale_records:
        what = " and ".join(([f"{stale_files} file(s)"] if stale_files else [])
                            + ([f"{stale_records} address record(s)"] if stale_records else []))
        raise CommandError(f"{what} out of date; render again to update them", hints=[fix], exit_code=EXIT_FINDINGS)


def _report(console, rendering: stage.Rendering, published) -> None:
    out = rendering.out
    if published.record_written and rendering.record is not None:
        manifest = rendering.manifest
        for zone, cidr, new in manifest.allocations:
            if new:
                pool = manifest.addressing.pool if manifest.addressing else None
                console.info(f"allocated {cidr} to landing zone {zone!r} from {pool}")
        console.info(f"recorded the allocations in {rendering.record[0]}: review and commit it with the manifest")
    for relative in published.removed:
        console.detail(f"removed {out / relative} (no longer part of the render: its unit or its format was dropped)")
    for relative in published.kept:
        console.warning(f"kept {out / relative}: no longer part of the render, but changed since relecloud wrote it "
                        "(or written by an older relecloud, which recorded no proof); delete it by hand if unneeded")
    if published.retired:
        console.info(f"removed the render from before environments in {rendering.root} ({len(published.retired)} "
                     f"file(s), {rendering.root / 'plan.json'} last): each environment renders into "
                     f"{rendering.root}/<env>/ now")
    if published.temporary:
        console.info(f"removed {len(published.temporary)} temporary file(s) left by an interrupted render")
    total = len(rendering.rendered.files)
    console.success(f"rendered {len(rendering.plan.units)} units into {out}: {len(published.written)} file(s) "
                    f"written, {total - len(published.written)} unchanged, {len(published.removed)} removed")
