"""``relecloud diagram [MANIFEST] [-o FILE]``: the estate as Mermaid, SVG or a self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from relecloud_templates.console import command_line, common_options, get_console
from relecloud_templates.diagnostics import CommandError
from relecloud_templates.diagram import DIAGRAM_FORMATS, MARKER, SUFFIXES, draw, title
from relecloud_templates.fsutil import write_atomic
from relecloud_templates.manifest.locate import locate_manifest
from relecloud_templates.plan.loading import plan_manifest
from relecloud_templates.suggest import did_you_mean


def output_format(given: str | None, out: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else Markdown (for stdout)."""
    if given is not None:
        return given
    if out is None:
        return "markdown"
    found = SUFFIXES.get(out.suffix.lower())
    if found is None:
        raise click.UsageError(f"cannot tell the format from {out.name!r}: name it .md, .mmd, .svg or .html, "
                               f"or pass --format ({', '.join(DIAGRAM_FORMATS)})")
    return found


def _ours(path: Path) -> bool:
    """Whether ``path`` is missing or holds a diagram relecloud drew (so that it may be replaced)."""
    if path.exists() and not path.is_file():
        return False  # a folder, a pipe or a device: never replaced (and a pipe would block the read)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return MARKER.encode() in head


@click.command(name="diagram")
@click.argument("manifest", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Draw the bundled Relecloud example estate.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (.md or .mmd: Mermaid; .svg; .html). Default: Markdown on stdout.")
@click.option("--format", "given_format", type=click.Choice(DIAGRAM_FORMATS),
              help="markdown (Mermaid in Markdown), mermaid (.mmd), svg or html; default: from the file's suffix.")
@click.option("--env", "env", metavar="NAME", help="Draw this environment of the manifest (default: its first).")
@click.option("--zone", "focus", metavar="NAME",
              help="Focus on one landing zone: it in full, the zones it exchanges data with collapsed, no others.")
@click.option("--collapse/--expand", "collapse", default=None,
              help="Draw every landing zone as a card, or every one in full (default: cards above 6 zones).")
@click.option("--force", is_flag=True, help="Replace FILE even when it is not a diagram relecloud drew.")
@common_options
def command(manifest: Path | None, example: bool, out: Path | None, given_format: str | None, env: str | None,
            focus: str | None, collapse: bool | None, force: bool) -> None:
    """Draw the estate of MANIFEST (default: ./relecloud.yaml, else the manifest out/plan.json was rendered
    from; --example: the bundled Relecloud estate): each zone as a subscription with
    its VNet and address space, the peerings, the firewall as DNS proxy and egress, each deployment unit with
    the services it keeps (pruned ones faded), the data flows from integrations through the lake layers to
    products (cross-zone reads in orange), the deployment order and a legend.

    The HTML page works offline; pointing at a zone, unit, service, lake layer or workload shows what
    `relecloud plan` says about it (kept or pruned, and why)."""
    console = get_console()
    fmt = output_format(given_format, out)
    options = [*(["-o", str(out)] if out else []), *(["--env", env] if env else [])]
    chosen = locate_manifest(manifest, example, Path("out"),
                             command=lambda named: command_line("diagram", named or "--example", *options))
    parsed, plan = plan_manifest(chosen.path, env)
    landing = [u.zone for u in plan.zone_units() if u.kind == "landingZone"]
    if focus is not None and focus not in landing:
        hint = did_you_mean(focus, landing)
        raise click.BadParameter(f"{focus!r} is not a landing zone of the manifest" + (f"; {hint}" if hint else ""),
                                 param_hint="--zone")
    text = draw(plan, title(parsed), fmt, focus=focus, collapse=collapse)
    if out is None:
        console.echo(text, nl=False)
        return
    if not force and not _ours(out):
        raise CommandError(f"{out} exists and is not a diagram relecloud drew; pass --force to replace it",
                           hints=[command_line("diagram", *(["--example"] if example else [str(chosen.path)]),
                                               *options, "--force")])
    try:
        write_atomic(out, text)
    except OSError as exc:
        raise CommandError(f"cannot write {getattr(exc, 'filename', None) or out}: {exc.strerror or exc}") from None
    console.success(f"drew {len(plan.units)} units of {len(landing) + 1} zones into {out} ({fmt})")
