"""``relecloud destroy``: tear an environment down by deleting its units' deployment stacks, in reverse order.

Shares its options and setup with ``deploy`` (commands/deploy.py); the Azure SDK is imported only when it runs.
"""

from __future__ import annotations

from dataclasses import replace

import click

from relecloud_templates.commands import deploy as shared
from relecloud_templates.commands.deploy import ENVIRONMENT_HELP, connection_options, run_command
from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import CommandError

DESTROY_HELP = ENVIRONMENT_HELP.split("\b\nExit codes:")[0] + """\b
Exit codes: 0 every stack was deleted (or was not there); 1 a deletion failed or was skipped, or you declined;
2 usage error, bad manifest or plan; 130 interrupted (Ctrl-C); 143 SIGTERM."""


@click.command(name="destroy", epilog=DESTROY_HELP)
@connection_options
@click.option("--keep-resources", is_flag=True,
              help="Delete the stacks but leave their resources in Azure, unmanaged (detach).")
@common_options
def command(source, env, example, yes, units, zones, max_parallel, subscriptions, connection, output_format,
            keep_resources):
    """Delete the deployment stacks of SOURCE's units, and with them what they manage: workloads first, then
    the landing zones, then the management zone.

    SOURCE is as for `relecloud deploy` (a manifest with --env, or a rendered folder). Every stack is read
    first, and what goes is listed (every resource) before you confirm; without a terminal, --yes is needed.
    --unit and --zone destroy those units and every unit that depends on them. A unit without a stack (never
    deployed, or already destroyed) counts as done, so a re-run finishes an interrupted teardown.
    """
    console = get_console()
    if not yes and not shared.interactive():
        raise CommandError("refusing to destroy without confirmation: there is no terminal to ask on. Run again "
                           "with --yes once you have read what goes (it is listed before the question):",
                           hints=[replace(shared.typed_command(source, example, env), yes=True).again()])
    prune = "detach" if keep_resources else "delete"
    run_command(console, source, example, env, units, zones, subscriptions, with_dependants=True, secrets_needed=False,
                start=lambda setup: _destroy(setup, yes=yes, max_parallel=max_parallel, prune=prune,
                                             as_json=output_format == "json"),
                connection=connection)


def _destroy(setup, *, yes, max_parallel, prune, as_json) -> int:
    from relecloud_templates.deploy.destroy import DestroySession
    from relecloud_templates.deploy.session import Options
    from relecloud_templates.deploy.stacks import StackSettings

    options = Options("destroy", yes, max_parallel, setup.connection.polling_interval, setup.connection.arm_endpoint,
                      as_json=as_json, rerun=setup.rerun)
    settings = StackSettings(prune, "none", (), setup.plan.prefix, setup.plan.environment)
    session = DestroySession(setup.plan, setup.names, options, setup.clients, {}, settings, setup.console, shared.ask,
                             setup.connection, setup.reasons)
    return session.run()
