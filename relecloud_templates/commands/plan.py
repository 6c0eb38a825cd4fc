"""``relecloud plan [MANIFEST]``: the deployment units, what each keeps and prunes, and why."""

from __future__ import annotations

import json
from pathlib import Path

import click

from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import EXIT_USAGE, DiagnosticsError
from relecloud_templates.plan.differences import differences_json, differences_text
from relecloud_templates.plan.explain import explain, plan_to_json
from relecloud_templates.plan.loading import manifest_path, plan_environments, report


@click.command(name="plan")
@click.argument("manifest", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--env", "env", metavar="NAME", help="Show this environment of the manifest.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@common_options
def command(manifest: Path | None, env: str | None, as_json: bool) -> None:
    """Show the deployment units of MANIFEST (default: the bundled Relecloud scenario): for each unit, the
    services it keeps and why, and those it prunes and why.

    For a manifest with several environments and no --env: what differs between the environments."""
    console = get_console()
    path = manifest_path(manifest)
    try:
        planned = plan_environments(path, env)
    except DiagnosticsError as exc:
        report(exc, console)
        raise SystemExit(EXIT_USAGE)
    if len(planned) > 1:
        if as_json:
            document = {"environments": {m.env: plan_to_json(p) for m, p in planned},
                        "differences": differences_json(planned)}
            console.echo(json.dumps(document, indent=2))
        else:
            console.echo(differences_text(planned, str(path)), nl=False)
        return
    [(_, plan)] = planned
    if as_json:
        console.echo(json.dumps(plan_to_json(plan), indent=2))
    else:
        console.echo(explain(plan, verbose=console.verbose), nl=False)
