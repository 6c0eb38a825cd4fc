"""``relecloud deploy``: deploy the rendered units through Azure Resource Manager.

The Azure SDK is imported inside the command function only, so ``relecloud --help``, ``render`` and
``validate`` never load it.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

import click

from relecloud_templates.arm.vocabulary import type_name
from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import CommandError

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
  RELECLOUD_SECURE_<UNIT>_<PARAM>, RELECLOUD_SECURE_<PARAM>
                            values of secure parameters (e.g. RELECLOUD_SECURE_SQL_ADMIN_PASSWORD);
                            asked for on a terminal when unset; never logged or written to disk
  NO_COLOR                  no colour
\b
Exit codes: 0 every unit succeeded; 1 a unit failed, was skipped, or the deployment was declined;
2 usage error, bad manifest or plan, missing secure parameter; 130 interrupted (Ctrl-C)."""


@click.command(name="deploy", epilog=ENVIRONMENT_HELP)
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--env", "env", metavar="NAME",
              help="The environment to deploy (required for a manifest, or a render, with several).")
@click.option("--example", is_flag=True, help="Deploy the bundled Relecloud example estate (rendered on the fly).")
@click.option("--what-if", "what_if", is_flag=True, help="Validate and preview the changes; deploy nothing.")
@click.option("--validate-only", is_flag=True, help="Only run ARM validation of every selected unit.")
@click.option("-y", "--yes", is_flag=True, help="Deploy without asking (needed when there is no terminal).")
@click.option("--unit", "units", multiple=True, metavar="NAME",
              help="Deploy this unit and the units it needs (repeatable).")
@click.option("--zone", "zones", multiple=True, metavar="NAME",
              help="Deploy this zone's units and the units they need (repeatable).")
@click.option("--max-parallel", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Units deployed at the same time.")
@click.option("--complete", is_flag=True,
              help="Complete mode for resource-group units: delete what their template no longer declares "
                   "(shown before you confirm). Default: Incremental.")
@click.option("--subscription", "subscriptions", multiple=True, metavar="ZONE=ID",
              help="Deploy ZONE's units to another subscription than the manifest's (repeatable).")
@click.option("--arm-endpoint", envvar="RELECLOUD_ARM_ENDPOINT", metavar="URL",
              help="Azure Resource Manager endpoint of another cloud (default: public Azure).")
@click.option("--ca-bundle", envvar="RELECLOUD_CA_BUNDLE", type=click.Path(exists=True, dir_okay=False),
              help="PEM file of certificate authorities to trust for ARM and sign-in.")
@click.option("--poll-interval", envvar="RELECLOUD_POLL_INTERVAL", default=5.0, show_default=True,
              type=click.FloatRange(0.01, 300), metavar="SECONDS",
              help="How often to poll long-running operations (ARM's Retry-After wins when it sends one).")
@common_options
def command(source, env, example, what_if, validate_only, yes, units, zones, max_parallel, complete, subscriptions,
            arm_endpoint, ca_bundle, poll_interval):
    """Deploy the units of SOURCE in dependency order, independent units in parallel.

    SOURCE is a manifest, rendered on the fly, or a folder written by `relecloud render` (its plan.json).
    Without SOURCE: ./relecloud.yaml, else the manifest out/plan.json was rendered from; --example deploys
    the bundled Relecloud estate. Every unit is validated and previewed with what-if first; after you
    confirm, units deploy as soon as their prerequisites succeed. A failed unit stops the units that depend
    on it; the others go on. Re-running updates in place and finishes the job.
    """
    console = get_console()
    interactive = _interactive()
    if not (yes or what_if or validate_only) and not interactive:
        raise CommandError("refusing to deploy without confirmation: there is no terminal to ask on. Review the "
                           "changes with --what-if, then run again with --yes.")
    with tempfile.TemporaryDirectory(prefix="relecloud-deploy-") as scratch:
        sys.exit(_deploy(console, source, example, scratch, interactive, env=env, what_if=what_if,
                         validate_only=validate_only, yes=yes, units=units, zones=zones, max_parallel=max_parallel,
                         complete=complete, subscriptions=subscriptions, arm_endpoint=arm_endpoint,
                         ca_bundle=ca_bundle, poll_interval=poll_interval))


def _deploy(console, source, example, scratch, interactive, *, env, what_if, validate_only, yes, units, zones, max_parallel,
            complete, subscriptions, arm_endpoint, ca_bundle, poll_interval) -> int:
    from relecloud_templates.deploy import plan as plans
    from relecloud_templates.deploy import secrets as secure

    plan = plans.load_plan(_plan_path(console, source, example, Path(scratch), env))
    plan = plans.override_subscriptions(plan, _pairs(subscriptions))
    names = plans.with_prerequisites(plan, tuple(units), tuple(zones))
    selected = [plan.unit(n) for n in names]
    prompt = (lambda label: click.prompt(label, hide_input=True, default="", show_default=False)) \
        if interactive else None
    try:
        secrets = secure.resolve(selected, os.environ, prompt, _is_secure_object)
    except secure.MissingSecrets as missing:
        raise CommandError(f"missing secure parameter values:\n{missing}") from None

    # The Azure SDK from here on. Its loggers would repeat, as warnings, what the report explains.
    logging.getLogger("azure").setLevel(logging.DEBUG if console.verbose else logging.ERROR)
    from relecloud_templates.deploy.connection import Clients, Connection, default_credential
    from relecloud_templates.deploy.session import Options, Session

    connection = Connection(arm_endpoint, ca_bundle, poll_interval)
    clients = Clients(default_credential(connection), connection)
    options = Options(what_if, validate_only, yes, complete, max_parallel, poll_interval, arm_endpoint)
    session = Session(plan, names, options, clients, secrets, console,
                      confirm=lambda question: click.confirm(question, default=False, err=True))
    return session.run()


def _interactive() -> bool:
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


def _plan_path(console, source: Path | None, example: bool, scratch: Path, env: str | None) -> Path:
    """The plan.json to deploy: in a rendered folder as given (``DIR/<env>`` with --env), or the manifest's
    environment rendered into ``scratch``. The manifest is the one named, ./relecloud.yaml, the one out/plan.json
    was rendered from, or the bundled example with --example (manifest/locate.py)."""
    if source is not None and (source.is_dir() or source.suffix.lower() == ".json"):
        if example:
            raise CommandError(f"name a manifest or rendered folder, or pass --example, not both (got {source})")
        return rendered_plan(source, env)
    from relecloud_templates.console import command_line
    from relecloud_templates.manifest import load_manifest
    from relecloud_templates.manifest.locate import locate_manifest
    from relecloud_templates.render.stage import render_estate

    options = ["--env", env] if env else []
    chosen = locate_manifest(source, example, Path("out"),
                             command=lambda named: command_line("deploy", named or "--example", *options, "--what-if"))
    manifest = load_manifest(chosen.path, env)
    if env is None and manifest.environments:
        raise CommandError(f"{manifest.path} defines the environments {', '.join(manifest.environments)}: "
                           "name the one to work on with --env",
                           hints=[command_line("deploy", str(source or chosen.path) if not example else "--example",
                                               "--env", manifest.environments[0], "--what-if")])
    console.detail(f"rendering {chosen.path} ({chosen.why}) as ARM")
    # ARM only: that is what deploy submits. A new pool allocation is recorded beside the manifest, as a
    # render would record it, so that the deployed ranges stay put.
    render_estate(chosen.path, scratch / "rendered", "arm", env=env)
    return scratch / "rendered" / env if env else scratch / "rendered"


def rendered_plan(folder: Path, env: str | None) -> Path:
    """``folder`` itself (a plan.json or the folder holding one), or ``folder/<env>`` of a render with environments."""
    if folder.suffix.lower() == ".json" or (folder / "plan.json").is_file():
        return folder
    rendered = sorted(p.parent.name for p in folder.glob("*/plan.json"))
    if env is not None and env in rendered:
        return folder / env
    if rendered:
        hint = f"--env {env}: {folder} has no {env}/plan.json; it holds" if env else \
            f"{folder} holds renders of several environments:"
        raise click.UsageError(f"{hint} {', '.join(rendered)}. Name one with --env, or give {folder / rendered[0]}")
    return folder
