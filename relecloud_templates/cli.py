"""The command line: a thin shell over the stages.

Each command lives in ``relecloud_templates/commands/<name>.py`` and is imported only when it runs, so that
``render`` and ``validate`` never pay for (or import) the Azure SDK that ``deploy`` needs.
"""

from __future__ import annotations

import gc
import importlib

import click

from relecloud_templates import __version__
from relecloud_templates.console import get_console
from relecloud_templates.diagnostics import EXIT_USAGE, CommandError, DiagnosticsError

# name -> (module, one-line help). The help is here so that `relecloud --help` imports no command module.
COMMANDS: dict[str, tuple[str, str]] = {
    "render": ("relecloud_templates.commands.render", "Render the manifest into one ARM template per deployment unit."),
    "plan": ("relecloud_templates.commands.plan", "Show the deployment units, what each keeps and prunes, and why."),
    "validate": (
        "relecloud_templates.commands.validate",
        "Check manifests and lint ARM templates, parameter files and Bicep.",
    ),
    "rules": ("relecloud_templates.commands.rules", "List the lint rules, or explain one."),
    "describe": (
        "relecloud_templates.commands.describe",
        "Show a resource type's properties, API versions and scopes.",
    ),
    "deploy": (
        "relecloud_templates.commands.deploy",
        "Deploy the units in dependency order, each as an Azure deployment stack.",
    ),
    "destroy": (
        "relecloud_templates.commands.destroy",
        "Tear an environment down: delete its deployment stacks, in reverse order.",
    ),
    "diagram": (
        "relecloud_templates.commands.diagram",
        "Draw the estate: zones, networks, units, data flows (Mermaid, SVG, HTML).",
    ),
    "decompile": ("relecloud_templates.commands.decompile", "Translate an ARM template into idiomatic Bicep."),
    "build": (
        "relecloud_templates.commands.build",
        "Compile a Bicep file (or .bicepparam) into ARM JSON, as bicep build does.",
    ),
    "init": ("relecloud_templates.commands.init", "Write a commented starter manifest into a new directory."),
}

EXIT_CODES_HELP = """\b
Exit codes:
  0  success, nothing at error level
  1  findings at error level (validate), a failed or skipped unit (deploy), stale output (render --check)
  2  usage error, bad manifest, unreadable input; changes pending (deploy --what-if --detailed-exitcode)
  130, 143  deploy or destroy interrupted (Ctrl-C, SIGTERM)"""


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context):
        """Run the command; the one place where the problems commands raise become messages and exit codes."""
        try:
            return super().invoke(ctx)
        except DiagnosticsError as problems:  # a bad manifest or plan: every problem, located
            console = get_console(ctx)
            for diagnostic in problems.diagnostics:
                console.diagnostic(diagnostic, err=True)
            ctx.exit(EXIT_USAGE)
        except CommandError as error:
            console = get_console(ctx)
            console.error(error.message)
            for hint in error.hints:
                console.hint(hint)
            ctx.exit(error.exit_code)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, _ = COMMANDS[name]
        return importlib.import_module(module_name).command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="relecloud")
def cli() -> None:
    """relecloud: one manifest for an Azure cloud-scale analytics estate.

    Render the data management zone, the data landing zones and their data integrations and products as
    deployable ARM templates holding only the services they need; lint any ARM template; deploy in order.
    """


def main() -> None:
    # A run builds large trees of data that live until it ends (parsed templates, models). With the default
    # thresholds the cyclic collector re-examines all of them again and again: a fifth of validating a
    # 50-zone estate. Collecting less often costs a little memory, never correctness.
    gc.set_threshold(10_000, 10, 10)
    try:
        cli(prog_name="relecloud")
    finally:
        # Everything still alive lives until the process ends: Python's last collection at exit need not walk it
        # (a tenth of validating the reference templates went to walking their parsed documents once more).
        gc.freeze()
