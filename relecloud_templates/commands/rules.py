"""``relecloud rules [ID|NAME]``: list the lint rules as a table, or explain one; ``--markdown`` writes the
rule reference that docs/validate.md carries."""

from __future__ import annotations

import textwrap

import click

from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import EXIT_USAGE


def table(rules) -> str:
    rows = [("ID", "NAME", "DESCRIPTION")] + [(r.id, r.name, r.description) for r in rules]
    width_id = max(len(r[0]) for r in rows)
    width_name = max(len(r[1]) for r in rows)
    return "\n".join(f"{a:<{width_id}}  {b:<{width_name}}  {c}" for a, b, c in rows) + "\n"


def explain(rule) -> str:
    options = ""
    if rule.options:
        options = "\nOptions (defaults):\n" + "".join(f"  {k} = {v!r}\n" for k, v in rule.options.items())
    reported = " (reported by the runner)" if rule.runner_reported else ""
    if rule.anchors:
        options += "\nEquivalent rules elsewhere: " + ", ".join(rule.anchors) + "\n"
    return (f"{rule.id} {rule.name}: {rule.description}\n"
            f"Default level: {rule.default_severity().label}{reported}; area: {rule.area()}\n\n"
            f"{textwrap.dedent(rule.explanation).strip()}\n{options}")


def markdown(rules) -> str:
    lines = ["| ID | Name | Level | Description |", "|---|---|---|---|"]
    lines += [f"| {r.id} | `{r.name}` | {r.default_severity().label} | {r.description} |" for r in rules]
    for rule in rules:
        lines += ["", f"### {rule.id} `{rule.name}`", "", rule.description, "", textwrap.dedent(rule.explanation).strip()]
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
    """List the lint rules, or explain RULE (an ID such as E5001, or a name such as secret-param-not-secure)."""
    from relecloud_templates.lint.registry import all_rules, find_rule, rule_keys
    from relecloud_templates.suggest import did_you_mean

    console = get_console()
    if rule is None:
        console.echo(markdown(all_rules()) if as_markdown else table(all_rules()), nl=False)
        return
    found = find_rule(rule)
    if found is None:
        console.error(f"unknown rule {rule!r}; {did_you_mean(rule, rule_keys())}")
        raise SystemExit(EXIT_USAGE)
    console.echo(markdown([found]) if as_markdown else explain(found), nl=False)
