"""The text deploy prints: what-if summaries, failure explanations, the closing table, the Ctrl-C notice."""

from __future__ import annotations

import json
from typing import Callable, Sequence

from relecloud_templates.deploy.errors import UnitError
from relecloud_templates.deploy.plan import Unit
from relecloud_templates.deploy.runner import Deployed, Preview, StillRunning
from relecloud_templates.deploy.scheduler import Outcome, UnitResult

Style = Callable[[str, str], str]  # (text, meaning) -> text, coloured or not
SYMBOLS = {"Create": ("+", "create"), "Modify": ("~", "modify"), "Delete": ("-", "delete"),
           "Deploy": ("!", "modify"), "Unsupported": ("?", "dim")}
HIDDEN = ("NoChange", "Ignore")


def preview_lines(unit: Unit, preview: Preview, style: Style, mode: str) -> list[str]:
    head = f"{style(unit.name, 'bold')} ({unit.target}, {mode}):"
    if preview.deferred:
        return [f"{head} every resource is new: {preview.deferred}"]
    counts = [(preview.count("Create"), "to create", "create"), (preview.count("Modify"), "to modify", "modify"),
              (preview.count("Delete"), "to delete", "delete")]
    summary = ", ".join(style(f"{n} {what}", meaning) if n else f"{n} {what}" for n, what, meaning in counts)
    unchanged = preview.count("NoChange") + preview.count("Ignore")
    lines = [f"{head} {summary}, {unchanged} unchanged"]
    for change in preview.changes:
        if change.change_type in HIDDEN:
            continue
        symbol, meaning = SYMBOLS.get(change.change_type, ("?", "dim"))
        paths = f"  ({', '.join(change.changed_paths[:4])}{', ...' if len(change.changed_paths) > 4 else ''})" \
            if change.changed_paths else ""
        lines.append(style(f"  {symbol} {change.label}", meaning) + paths)
    return lines


def failure_lines(result: UnitResult) -> list[str]:
    error = result.error
    if isinstance(error, UnitError):
        return error.lines()
    return [f"{type(error).__name__}: {error}"] if error else []


def summary_table(units: Sequence[Unit], results: dict[str, UnitResult], style: Style) -> list[str]:
    rows = [("UNIT", "RESULT", "DURATION", "OUTPUTS")]
    meaning = {Outcome.SUCCEEDED: "ok", Outcome.FAILED: "failed"}
    for unit in units:
        result = results.get(unit.name)
        if result is None:
            continue
        outputs = result.value.outputs if isinstance(result.value, Deployed) else {}
        shown = ", ".join(f"{k}={_short(v)}" for k, v in outputs.items())
        rows.append((unit.name, result.outcome.value, f"{result.duration:.1f}s" if result.duration else "-", shown))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for i, (name, outcome, duration, outputs) in enumerate(rows):
        cell = outcome.ljust(widths[1])
        if i:
            cell = style(cell, meaning.get(Outcome(outcome), "skipped"))
        lines.append(f"{name.ljust(widths[0])}  {cell}  {duration.rjust(widths[2])}  {outputs}".rstrip())
    return lines


def _short(value, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def show_command(unit: Unit) -> str:
    """The Azure CLI command that shows a unit's deployment."""
    if unit.scope == "subscription":
        return f"az deployment sub show --subscription {unit.subscription_id} --name {unit.deployment_name}"
    return (f"az deployment group show --subscription {unit.subscription_id} --resource-group {unit.resource_group} "
            f"--name {unit.deployment_name}")


def interrupted_lines(units: Sequence[Unit], results: dict[str, UnitResult]) -> list[str]:
    running = [r.error.unit for r in results.values() if isinstance(r.error, StillRunning)]
    if not running:
        return ["Interrupted. No deployment was left running in Azure."]
    lines = ["Interrupted. relecloud stopped waiting, but these deployments are still running in Azure:"]
    for unit in running:
        lines.append(f"  {unit.name}: {show_command(unit)}")
    lines.append("Re-run `relecloud deploy` to wait for them and finish the rest; add `--query properties."
                 "provisioningState` to the commands above to see only their state.")
    return lines
