"""``relecloud rules [ID|NAME]``: list the lint rules as a table, or explain one; ``--markdown`` writes the
rule reference that docs/validate.md carries."""

from __future__ import annotations

import textwrap

import click

from relecloud_templates.console import command_line, common_options, get_console
from relecloud_templates.diagnostics import CommandError


def level(rule) -> str:
    """The default level as `relecloud rules` shows it: ``warning``, or ``off (info)`` for a rule off by default."""
    letter = rule.default_severity().label
    return letter if rule.default_enabled else f"off ({letter})"


def profiles(rule) -> str:
    """The profile that changes the rule's level, and to what: ``security-baseline: error``; ``-`` for none.
    Profiles that extend it (data-landing-zone extends security-baseline) are not repeated."""
    return ", ".join(f"{name}: {lvl}" for name, lvl in rule.profiles.items()) or "-"


def profile_notes() -> str:
    from relecloud_templates.lint.profiles import PROFILES

    return "".join(f"\n{p.name}" + (f" (extends {', '.join(p.extends)})" if p.extends else "") + f": {p.description}"
                   for p in PROFILES.values())


def table(rules) -> str:
    rows = [("ID", "NAME", "LEVEL", "PROFILES", "DESCRIPTION")] + [
        (r.id, r.name, level(r), profiles(r), r.description) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(f"{cell:<{widths[i]}}" for i, cell in enumerate(row[:4])) + "  " + row[4]
                     for row in rows) + "\n\nProfiles (validate --profile NAME):" + profile_notes() + "\n"


def explain(rule, docs_url: str) -> str:
    options = ""
    if rule.options:
        options = "\nOptions (defaults):\n" + "".join(f"  {k} = {v!r}\n" for k, v in rule.options.items())
    reported = " (reported by the runner)" if rule.runner_reported else ""
    if rule.anchors:
        options += "\nEquivalent rules elsewhere: " + ", ".join(rule.anchors) + "\n"
    previous = f"; formerly {', '.join(rule.previous_ids)}" if rule.previous_ids else ""
    return (f"{rule.id} {rule.name}: {rule.description}\n"
            f"Default level: {level(rule)}{reported}; profiles: {profiles(rule)}; area: {rule.area()}{previous}\n\n"
            f"{textwrap.dedent(rule.explanation).strip()}\n{options}"
            f"\nDocs: {docs_url}#{rule.anchor()}\n")


def markdown(rules) -> str:
    lines = ["| ID | Name | Level | Profiles | Description |", "|---|---|---|---|---|"]
    lines += [f"| {r.id} | `{r.name}` | {level(r)} | {profiles(r)} | {r.description} |" for r in rules]
    for rule in rules:
        lines += ["", f"### {rule.id} `{rule.name}`", "", rule.description, ""]
        lines += [f"Level: {level(rule)}; profiles: {profiles(rule)}"
                  + (f"; formerly {', '.join(rule.previous_ids)}" if rule.previous_ids else "") + ".", ""]
        lines += [textwrap.dedent(rule.explanation).strip()]
        if rule.anchors:
            lines += ["", "Equivalent rules elsewhere: " + ", ".join(rule.anchors)]
        if rule.options:
            lines += ["", "Options: " + ", ".join(f"`{k}` (default `{v!r}`)" for k, v in rule.options.items())]
    return "\n".join(lines) + "\n"


@click.command(name="rules")
@click.argument("rule", required=False)
@click.option("--markdown", "as_markdown", is_flag=True, help="Print the rule reference as Markdown.")
@common_options
def command(rule: str | None, as_markdown: bool) -> None:
    """List the lint rules, or explain RULE (an ID such as W5001, or a name such as secret-param-not-secure)."""
    from relecloud_templates.lint.registry import all_rules, find_rule, rule_keys
    from relecloud_templates.suggest import did_you_mean

    console = get_console()
    if rule is None:
        console.echo(markdown(all_rules()) if as_markdown else table(all_rules()), nl=False)
        return
    found = find_rule(rule)
    if found is None:
        raise CommandError(f"unknown rule {rule!r}; {did_you_mean(rule, rule_keys())}",
                           hints=[command_line("rules") + "   (every rule)"])
    from relecloud_templates.lint.rule import DOCS_URL

    console.echo(markdown([found]) if as_markdown else explain(found, DOCS_URL), nl=False)
