"""``relecloud plan [MANIFEST]``: the deployment units, what each keeps and prunes, and why."""

from __future__ import annotations

import json
from pathlib import Path

import click

from relecloud_templates.console import command_line, common_options, get_console
from relecloud_templates.manifest.locate import locate_manifest
from relecloud_templates.plan.differences import differences_json, differences_text
from relecloud_templates.plan.explain import access, explain, plan_to_json
from relecloud_templates.plan.loading import plan_environments

RENDERED = Path("out")  # where a manifest is found by its render when none is named (as `render` writes it)


@click.command(name="plan")
@click.argument("manifest", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Plan the bundled Relecloud example estate.")
@click.option("--env", "env", metavar="NAME", help="Show this environment of the manifest.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option("--access", "show_access", is_flag=True,
              help="Show every data path instead: who writes and reads which container, with the identity, role, "
                   "network path and approval, and the unit that renders each.")
@common_options
def command(manifest: Path | None, example: bool, env: str | None, as_json: bool, show_access: bool) -> None:
    """Show the deployment units of MANIFEST: for each unit, the services it keeps and why, and those it prunes
    and why. Without MANIFEST: ./relecloud.yaml, else the manifest that out/plan.json was rendered from.

    For a manifest with several environments and no --env: what differs between the environments."""
    console = get_console()
    options = [*(["--env", env] if env else []), *(["--json"] if as_json else []),
               *(["--access"] if show_access else [])]
    chosen = locate_manifest(manifest, example, RENDERED,
                             command=lambda named: command_line("plan", named or "--example", *options))
    planned = plan_environments(chosen.path, env)
    if show_access and not as_json:
        for i, (model, plan) in enumerate(planned):
            header = f"environment {model.env}\n\n" if len(planned) > 1 else ""
            console.echo(("\n" if i else "") + header + access(plan), nl=False)
        return
    if len(planned) > 1:
        if as_json:
            document = {"environments": {m.env: plan_to_json(p) for m, p in planned},
                        "differences": differences_json(planned)}
            console.echo(json.dumps(document, indent=2))
        else:
            console.echo(differences_text(planned, str(chosen.path)), nl=False)
        return
    [(_, plan)] = planned
    if as_json:
        console.echo(json.dumps(plan_to_json(plan), indent=2))
    else:
        console.echo(explain(plan, verbose=console.verbose), nl=False)
