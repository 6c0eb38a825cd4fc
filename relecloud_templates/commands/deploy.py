"""``relecloud deploy``: deploy the rendered units through Azure Resource Manager, each as a deployment stack.

The Azure SDK is imported inside the command function only, so ``relecloud --help``, ``render`` and
``validate`` never load it. ``destroy`` (commands/destroy.py) shares the options and the setup defined here.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import click

from relecloud_templates.arm.vocabulary import is_subscription_id as is_guid
from relecloud_templates.arm.vocabulary import type_name
from relecloud_templates.console import common_options, get_console
from relecloud_templates.deploy.stacks import DENY_MODES, MAX_EXCLUDED_ACTIONS, MAX_EXCLUDED_PRINCIPALS, PRUNE_MODES
from relecloud_templates.diagnostics import EXIT_USAGE, CommandError, DiagnosticsError

ENVIRONMENT_HELP = """\b
Environment:
  AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET  a service principal (else: workload or managed
                            identity, then an `az login` session, as DefaultAzureCredential tries them)
  AZURE_TOKEN_CREDENTIALS   use only one credential of that chain, e.g. AzureCliCredential
  AZURE_AUTHORITY_HOST      the sign-in authority of another cloud (instance discovery is switched off
                            for an authority that is not Microsoft's)
  RELECLOUD_ARM_ENDPOINT    same as --arm-endpoint
  RELECLOUD_CA_BUNDLE       same as --ca-bundle
  RELECLOUD_POLL_INTERVAL   same as --poll-interval
  RELECLOUD_RETRIES         same as --retries
  RELECLOUD_SECURE_<UNIT>_<PARAM>, RELECLOUD_SECURE_<PARAM>
                            values of secure parameters (e.g. RELECLOUD_SECURE_SQL_ADMIN_PASSWORD);
                            asked for on a terminal when unset; never logged or written to disk
  NO_COLOR                  no colour
\b
Exit codes: 0 every unit succeeded (with --what-if: previewed; with --detailed-exitcode: and Azure matches);
1 a unit failed, was skipped, or the deployment was declined; 2 usage error, bad manifest or plan, missing
secure parameter, or (--what-if --detailed-exitcode) changes pending; 130 interrupted (Ctrl-C); 143 SIGTERM."""


def connection_options(command: Callable) -> Callable:
    """The options deploy and destroy share: what to act on, and how to reach Azure."""
    options = [
        click.argument("source", required=False, type=click.Path(exists=True, path_type=Path)),
        click.option("--env", "env", metavar="NAME",
                     help="The environment (required for a manifest, or a render, with several)."),
        click.option("--example", is_flag=True, help="The bundled Relecloud example estate (rendered on the fly)."),
        click.option("-y", "--yes", is_flag=True, help="Go ahead without asking (needed when there is no terminal)."),
        click.option("--unit", "units", multiple=True, metavar="NAME",
                     help="This unit, with the units it needs (deploy) or that need it (destroy); repeatable."),
        click.option("--zone", "zones", multiple=True, metavar="NAME",
                     help="This zone's units, with the units they need (deploy) or that need them (destroy); "
                          "repeatable."),
        click.option("--max-parallel", default=4, show_default=True, type=click.IntRange(1, 64),
                     help="Units worked on at the same time (and, in a deploy, the data-plane steps of a unit)."),
        click.option("--subscription", "subscriptions", multiple=True, metavar="ZONE=ID",
                     help="ZONE's units live in another subscription than the manifest's (repeatable)."),
        click.option("--arm-endpoint", envvar="RELECLOUD_ARM_ENDPOINT", metavar="URL",
                     help="Azure Resource Manager endpoint of another cloud (default: public Azure)."),
        click.option("--ca-bundle", envvar="RELECLOUD_CA_BUNDLE", type=click.Path(exists=True, dir_okay=False),
                     help="PEM file of certificate authorities to trust for ARM and sign-in."),
        click.option("--poll-interval", envvar="RELECLOUD_POLL_INTERVAL", default=5.0, show_default=True,
                     type=click.FloatRange(0.01, 300), metavar="SECONDS",
                     help="How often to poll long-running operations (ARM's Retry-After wins when it sends one)."),
        click.option("--request-timeout", default=120.0, show_default=True, type=click.FloatRange(1, 3600),
                     metavar="SECONDS", help="How long to wait for one answer from Azure before retrying it."),
        click.option("--max-retry-after", default=60.0, show_default=True, type=click.FloatRange(0, 3600),
                     metavar="SECONDS", help="Wait at most this long when Azure asks to retry later (Retry-After)."),
        click.option("--retries", envvar="RELECLOUD_RETRIES", type=click.IntRange(0, 10), metavar="N",
                     help="Retry a failed request at most N times (default: the Azure SDK's, 3 of each kind)."),
        click.option("--output", "output_format", type=click.Choice(["text", "json"]), default="text",
                     show_default=True, help="json: the report on stdout (schemas/deploy-report.schema.json); "
                                             "text and progress go to stderr."),
    ]

    @functools.wraps(command)
    def with_connection(**kwargs):
        connection = {setting: kwargs.pop(option) for option, setting in _CONNECTION_SETTINGS.items()}
        return command(connection=connection, **kwargs)

    wrapped: Callable = with_connection
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


# How to reach Azure: each command-line option of connection_options and its name in run_command's `connection`.
_CONNECTION_SETTINGS = {"arm_endpoint": "arm_endpoint", "ca_bundle": "ca_bundle", "poll_interval": "polling_interval",
                        "request_timeout": "request_timeout", "max_retry_after": "max_retry_after",
                        "retries": "retries"}


@click.command(name="deploy", epilog=ENVIRONMENT_HELP)
@connection_options
@click.option("--what-if", "what_if", is_flag=True, help="Validate and preview the changes; deploy nothing.")
@click.option("--detailed-exitcode", is_flag=True,
              help="With --what-if: exit 0 when Azure matches, 2 when changes are pending, 1 on failure.")
@click.option("--validate-only", is_flag=True, help="Only run ARM validation of every selected unit.")
@click.option("--prune", type=click.Choice(PRUNE_MODES), default="detach", show_default=True,
              help="What happens to resources the manifest no longer declares (and to the stacks of units it no "
                   "longer has): detach leaves them in Azure, unmanaged; delete deletes them (listed before you "
                   "confirm).")
@click.option("--deny-settings", "deny", type=click.Choice(DENY_MODES),
              default="none", show_default=True,
              help="Forbid deleting (or changing and deleting) the stacks' resources other than through relecloud.")
@click.option("--deny-excluded-principal", "excluded", multiple=True, metavar="OBJECT_ID",
              help="A principal the deny settings do not apply to (repeatable, at most 5), e.g. a break-glass group.")
@click.option("--deny-excluded-action", "excluded_actions", multiple=True, metavar="ACTION",
              help="An operation the deny settings do not refuse (repeatable, at most 200; wildcards as in RBAC), "
                   "e.g. Microsoft.Storage/storageAccounts/blobServices/containers/write.")
@click.option("--outputs-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every deployed unit's outputs to this JSON file ({unit: {output: value}}), for CI.")
@click.option("--complete", is_flag=True, hidden=True)
@common_options
def command(source, env, example, yes, units, zones, max_parallel, subscriptions, connection, output_format, what_if,
            detailed_exitcode, validate_only, prune, deny, excluded, excluded_actions, outputs_file, complete):
    """Deploy the units of SOURCE in dependency order, independent units in parallel, each as a deployment
    stack.

    SOURCE is a manifest, rendered on the fly, or a folder written by `relecloud render` (its plan.json, or
    DIR/<env>/plan.json with --env). Without SOURCE: ./relecloud.yaml, else the manifest out/plan.json was
    rendered from; --example deploys the bundled Relecloud estate. Every unit is validated and
    previewed first (what-if, property by property); after you confirm, units deploy as soon as their
    prerequisites succeed. A failed unit stops the units that depend on it; the others go on. Re-running
    updates the stacks in place and finishes the job. --unit and --zone add the units the selected ones need,
    and say which and why.
    """
    console = get_console()
    if complete:
        raise click.UsageError("--complete is gone: units deploy as deployment stacks, which remove what the manifest "
                               "no longer declares with --prune=delete (and never what other units own)")
    if detailed_exitcode and not what_if:
        raise click.UsageError("--detailed-exitcode goes with --what-if (0 no changes, 2 changes pending, 1 failure)")
    _check_deny_exclusions(deny, excluded, excluded_actions)
    mode = "validate-only" if validate_only else "what-if" if what_if else "deploy"
    if mode == "deploy" and not yes and not interactive():
        typed = typed_command(source, example, env)
        raise CommandError("refusing to deploy without confirmation: there is no terminal to ask on. Review the "
                           "changes, then run again with --yes:",
                           hints=[replace(typed, mode=("--what-if",)).again(), replace(typed, yes=True).again()])
    run_command(console, source, example, env, units, zones, subscriptions, with_dependants=False, secrets_needed=True,
                usage_exit=1 if detailed_exitcode else EXIT_USAGE,  # 2 means "changes pending" there
                start=lambda setup: _deploy(setup, mode=mode, yes=yes, max_parallel=max_parallel, prune=prune,
                                            deny=deny, excluded=excluded, excluded_actions=excluded_actions,
                                            detailed_exitcode=detailed_exitcode,
                                            as_json=output_format == "json", outputs_file=outputs_file,
                                            prune_zones=tuple(zones) if units or zones else None),
                connection=connection)


class Setup:
    """What a deploy or destroy run starts from: the plan, the selection, secrets, clients, the console, and the
    command line that hints print (rerun.py)."""

    def __init__(self, console, plan, names, reasons, secrets, connection, clients, rerun):
        self.console, self.plan, self.names, self.reasons = console, plan, names, reasons
        self.secrets, self.connection, self.clients, self.rerun = secrets, connection, clients, rerun


def typed_command(source: Path | None, example: bool, env: str | None, found: Path | None = None):
    """The running command as the user typed it (rerun.py), with the manifest or folder ``found`` when none was
    named, so that a hint can be pasted anywhere."""
    from relecloud_templates.deploy.rerun import from_context

    given = source or found
    tokens = ("--example",) if example and source is None else (str(given),) if given is not None else ()
    return from_context(click.get_current_context(), tokens, env)


def run_command(
    console,
    source,
    example,
    env,
    units,
    zones,
    subscriptions,
    *,
    with_dependants: bool,
    secrets_needed: bool,
    start: Callable[[Setup], int],
    connection: dict,
    usage_exit: int = EXIT_USAGE,
) -> None:
    """Load the plan, select units, gather secrets, build the clients, then ``start`` the run; exit with its code.
    Ctrl-C and SIGTERM are answered with the list of what still runs in Azure (130 / 143)."""
    from relecloud_templates.deploy.session import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated

    with tempfile.TemporaryDirectory(prefix="relecloud-") as scratch, _sigterm_as_interrupt(Terminated):
        try:
            sys.exit(_prepare_and_run(console, source, example, Path(scratch), env, units, zones, subscriptions,
                                      with_dependants, secrets_needed, start, connection))
        except DiagnosticsError as problems:
            if usage_exit == EXIT_USAGE:
                raise  # the command line reports them
            for diagnostic in problems.diagnostics:
                console.diagnostic(diagnostic, err=True)
            sys.exit(usage_exit)
        except CommandError as error:
            error.exit_code = usage_exit if error.exit_code == EXIT_USAGE else error.exit_code
            raise
        except click.ClickException as problem:
            if usage_exit == EXIT_USAGE:
                raise
            problem.show()
            sys.exit(usage_exit)
        except KeyboardInterrupt as stop:  # before anything was sent to Azure
            console.echo("Interrupted before anything was sent to Azure.", err=True)
            sys.exit(EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED)


def _prepare_and_run(console, source, example, scratch: Path, env, units, zones, subscriptions, with_dependants: bool,
                     secrets_needed: bool, start: Callable[[Setup], int], knobs: dict) -> int:
    from relecloud_templates.deploy import plan_file as plans
    from relecloud_templates.deploy import secrets as secure

    plan_path, found = _plan_path(console, source, example, scratch, env)
    plan = plans.load_plan(plan_path)
    if env is not None and plan.environment is not None and plan.environment != env:
        raise click.UsageError(f"--env {env}: {plan.path} is the render of environment {plan.environment!r}")
    plan = plans.override_subscriptions(plan, _pairs(subscriptions))
    select = plans.with_dependants if with_dependants else plans.with_prerequisites
    names = select(plan, tuple(units), tuple(zones))
    reasons = plans.selection_reasons(plan, names, tuple(units), tuple(zones), reverse=with_dependants)
    selected = [plan.unit(n) for n in names]
    secrets = {}
    if secrets_needed:
        prompt = (lambda label: click.prompt(label, hide_input=True, default="", show_default=False)) \
            if interactive() else None
        try:
            secrets = secure.resolve(selected, os.environ, prompt, _is_secure_object)
        except secure.MissingSecrets as missing:
            raise CommandError(f"missing secure parameter values:\n{missing}") from None

    # The Azure SDK from here on. Its loggers would repeat, as warnings, what the report explains.
    logging.getLogger("azure").setLevel(logging.DEBUG if console.verbose else logging.ERROR)
    from relecloud_templates.deploy.connection import Clients, Connection, check_ca_bundle, default_credential

    if knobs["ca_bundle"] and (problem := check_ca_bundle(knobs["ca_bundle"])):
        raise click.BadParameter(problem, param_hint="--ca-bundle")
    connection = Connection(**knobs)
    clients = Clients(default_credential(connection), connection)
    rerun = typed_command(source, example, env or plan.environment, found)
    return start(Setup(console, plan, names, reasons, secrets, connection, clients, rerun))


def _check_deny_exclusions(deny: str, principals: tuple[str, ...], actions: tuple[str, ...]) -> None:
    """Exclusions Azure would refuse, or that would do nothing, are usage errors before anything is sent."""
    if (principals or actions) and deny == "none":
        given = "--deny-excluded-principal" if principals else "--deny-excluded-action"
        raise click.UsageError(f"{given} excludes from deny settings, and there are none: add --deny-settings "
                               "denyDelete or denyWriteAndDelete")
    if len(principals) > MAX_EXCLUDED_PRINCIPALS:
        raise click.UsageError(f"--deny-excluded-principal: Azure allows at most {MAX_EXCLUDED_PRINCIPALS} excluded "
                               "principals")
    if len(actions) > MAX_EXCLUDED_ACTIONS:
        raise click.UsageError(f"--deny-excluded-action: Azure allows at most {MAX_EXCLUDED_ACTIONS} excluded "
                               "actions")
    for principal in principals:
        if not is_guid(principal):
            raise click.BadParameter(f"{principal!r} is not an Entra object ID (a GUID; `az ad group show --group "
                                     "NAME --query id` prints a group's)", param_hint="--deny-excluded-principal")
    for action in actions:
        namespace, _, rest = action.partition("/")
        if not rest or any(c.isspace() for c in action) or not (namespace == "*" or "." in namespace):
            raise click.BadParameter(f"{action!r} is not an operation: write it as a resource provider operation, "
                                     "e.g. Microsoft.Storage/storageAccounts/delete or */read",
                                     param_hint="--deny-excluded-action")


def _deploy(setup: Setup, *, mode, yes, max_parallel, prune, deny, excluded, excluded_actions, detailed_exitcode,
            as_json, outputs_file, prune_zones) -> int:
    from relecloud_templates.deploy.session import DeploySession, Options
    from relecloud_templates.deploy.stacks import StackSettings

    options = Options(mode, yes, max_parallel, setup.connection.polling_interval, setup.connection.arm_endpoint,
                      detailed_exitcode, as_json, outputs_file, prune_zones=prune_zones, rerun=setup.rerun)
    settings = StackSettings(prune, deny, tuple(excluded), setup.plan.prefix, setup.plan.environment,
                             tuple(excluded_actions))
    session = DeploySession(setup.plan, setup.names, options, setup.clients, setup.secrets, settings, setup.console,
                            ask, setup.connection, setup.reasons)
    return session.run()


def ask(question: str) -> bool:
    """Ask on the terminal; Ctrl-C at the question is an interrupt, not an answer."""
    try:
        return click.confirm(question, default=False, err=True)
    except click.Abort:
        raise KeyboardInterrupt from None


@contextlib.contextmanager
def _sigterm_as_interrupt(exception: type[KeyboardInterrupt]) -> Iterator[None]:
    """SIGTERM (how CI systems cancel a job) raises ``exception`` in the main thread, as Ctrl-C raises
    KeyboardInterrupt, so that it gets the same answer: stop, and say what still runs in Azure."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise exception()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interactive() -> bool:
    """Whether a person can answer questions (the confirmation, secure parameters) on stdin."""
    return sys.stdin.isatty()


def _is_secure_object(unit, name: str) -> bool:
    definition = (unit.template.get("parameters") or {}).get(name) or {}
    return type_name(definition) == "secureobject"


def _pairs(values) -> dict[str, str]:
    pairs = {}
    for value in values:
        zone, sep, sub = value.partition("=")
        if not sep or not zone or not sub:
            raise click.BadParameter(f"{value!r}: expected ZONE=SUBSCRIPTION_ID", param_hint="--subscription")
        pairs[zone] = sub
    return pairs


def _plan_path(console, source: Path | None, example: bool, scratch: Path,
               env: str | None) -> tuple[Path, Path | None]:
    """The plan.json to act on: in a rendered folder as given (``DIR/<env>`` with --env), or the manifest's
    environment rendered into ``scratch``. The manifest is the one named, ./relecloud.yaml, the one out/plan.json
    was rendered from, or the bundled example with --example (manifest/locate.py); it is returned second when
    it was found rather than named."""
    if source is not None and (source.is_dir() or source.suffix.lower() == ".json"):
        if example:
            raise CommandError(f"name a manifest or rendered folder, or pass --example, not both (got {source})")
        return rendered_plan(source, env), None
    from relecloud_templates.console import command_line
    from relecloud_templates.manifest import load_manifest
    from relecloud_templates.manifest.locate import locate_manifest
    from relecloud_templates.render.stage import render_estate

    command = click.get_current_context().info_name or "deploy"
    options = ["--env", env] if env else []
    chosen = locate_manifest(source, example, Path("out"),
                             command=lambda named: command_line(command, named or "--example", *options, "--what-if"))
    manifest = load_manifest(chosen.path, env)
    if env is None and manifest.environments:
        raise CommandError(f"{manifest.path} defines the environments {', '.join(manifest.environments)}: "
                           "name the one to work on with --env",
                           hints=[command_line(command, str(source or chosen.path) if not example else "--example",
                                               "--env", manifest.environments[0], "--what-if")])
    console.detail(f"rendering {chosen.path} ({chosen.why}) as ARM")
    # ARM only: that is what deploy submits. A new pool allocation is recorded beside the manifest, as a
    # render would record it, so that the deployed ranges stay put.
    render_estate(chosen.path, scratch / "rendered", "arm", env=env)
    return (scratch / "rendered" / env if env else scratch / "rendered"), None if source or example else chosen.path


def rendered_plan(folder: Path, env: str | None) -> Path:
    """``folder`` itself (a plan.json or the folder holding one), or ``folder/<env>`` of a render with environments."""
    if folder.suffix.lower() == ".json":
        return folder
    rendered = sorted(p.parent.name for p in folder.glob("*/plan.json"))
    if env is not None and env in rendered:
        return folder / env
    if (folder / "plan.json").is_file():
        if rendered and env is None:  # a render from before environments, left beside theirs (render --force)
            raise click.UsageError(
                f"{folder} holds a render from before environments ({folder / 'plan.json'}) beside the renders of "
                f"the environments {', '.join(rendered)}: name one with --env (relecloud never guesses which); "
                f"rendering into {folder} without --force removes the old one when it can prove it wrote it")
        return folder
    if rendered:
        hint = f"--env {env}: {folder} has no {env}/plan.json; it holds" if env else \
            f"{folder} holds renders of several environments:"
        raise click.UsageError(f"{hint} {', '.join(rendered)}. Name one with --env, or give {folder / rendered[0]}")
    return folder
