"""``relecloud describe TYPE[@VERSION]``: what Azure accepts for a resource type, from the bundled type data."""

from __future__ import annotations

import json
from typing import NoReturn

import click

from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import CommandError

EPILOG = """\b
Examples:
  relecloud describe Microsoft.Storage/storageAccounts            the newest stable API version
  relecloud describe Microsoft.Storage/storageAccounts@2023-05-01 exactly that version
  relecloud describe Microsoft.KeyVault                           the types of a namespace
  relecloud describe storageAccounts                              find the type by its last segment
  relecloud describe Microsoft.Network/virtualNetworks --depth 2 --json

\b
Exit codes: 0 described; 2 unknown type, namespace or API version (with the nearest known ones).
The data is the Bicep compiler's type data (Azure/bicep-types-az) that validate checks against; see
docs/arm-schemas.md."""


@click.command(name="describe", epilog=EPILOG)
@click.argument("type_spec", metavar="TYPE[@VERSION]")
@click.option("--depth", type=click.IntRange(0, 20), default=4, show_default=True,
              help="How many levels of nested objects to open below the resource body.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole shape as JSON (for tools).")
@common_options
def command(type_spec: str, depth: int, as_json: bool) -> None:
    """Show what Azure accepts for a resource type at an API version: its writable properties with their
    types, allowed values, constraints, required and read-only flags; every published API version; and the
    scopes where it can be deployed or only read.

    TYPE is a full resource type such as Microsoft.Storage/storageAccounts (any letter case), a namespace
    (its types are listed), or a last segment such as storageAccounts (the types that end with it are
    listed). VERSION defaults to the newest stable API version."""
    from relecloud_templates.arm import typeschemas, typeshape

    console = get_console()
    type_name, _, version_text = type_spec.strip().partition("@")
    if "/" not in type_name:
        _without_type(console, type_name)
        return
    entry = typeschemas.lookup(type_name)
    if entry is None:
        _fail(console, f"unknown resource type '{type_name}' (type data of {typeschemas.data_date()})",
              _type_hint(type_name))
    version = entry.version(version_text or entry.newest)
    if version is None:
        from relecloud_templates.arm.typecheck import unknown_version_finding

        _fail(console, f"{entry.name} has no API version '{version_text}'",
              unknown_version_finding(entry, version_text, "apiVersion").hint)
    description = typeshape.describe(entry, version, depth)
    if as_json:
        console.echo(json.dumps(typeshape.as_json(description), indent=2, sort_keys=False))
    else:
        console.echo(typeshape.text(description), nl=False)


def _fail(console, message: str, hint: str) -> NoReturn:
    raise CommandError(message, hints=[hint])


def _type_hint(type_name: str) -> str:
    from relecloud_templates.arm import typecheck, typeschemas
    from relecloud_templates.suggest import closest

    near = typecheck.near_miss_type(type_name)
    if near is None:
        namespace = type_name.split("/", 1)[0]
        known = typeschemas.namespaces()
        canonical = known.get(namespace.lower()) or closest(namespace, known.values(), cutoff=0.8)
        if canonical is not None:
            near = closest(type_name, typeschemas.types_in_namespace(canonical), cutoff=0.6)
    if near is not None:
        return f"did you mean '{near}'?"
    return ("write Namespace/type, e.g. Microsoft.Storage/storageAccounts; "
            "`relecloud describe NAMESPACE` lists its types")


def _without_type(console, word: str) -> None:
    """A namespace lists its types; a last segment lists the types that end with it."""
    from relecloud_templates.arm import typeschemas
    from relecloud_templates.suggest import closest

    known = typeschemas.namespaces()
    if word.lower() in known:
        names = sorted(typeschemas.types_in_namespace(word), key=str.lower)
        console.echo(f"{known[word.lower()]}: {len(names)} resource types (type data of {typeschemas.data_date()})")
        for name in names:
            entry = typeschemas.lookup(name)
            if entry is not None:
                console.echo(f"  {name}  {entry.newest}  ({len(entry.versions)} API versions)")
        return
    matches = sorted((name for namespace in known for name in typeschemas.types_in_namespace(namespace)
                      if name.lower().rsplit("/", 1)[-1] == word.lower()), key=str.lower)
    if matches:
        console.echo(f"resource types named '{word}':")
        for name in matches:
            console.echo(f"  {name}")
        return
    near = closest(word, known.values(), cutoff=0.8)
    _fail(console, f"'{word}' is neither a resource type, a namespace nor the last segment of a type",
          f"did you mean '{near}'?" if near else "write Namespace/type, e.g. Microsoft.Storage/storageAccounts")
