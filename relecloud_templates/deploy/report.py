"""What deploy and destroy print: previews that read like ``az deployment ... what-if`` (a legend, property-level
changes with old and new values, totals per unit and overall), failure explanations, the closing table, the
notice of an interrupted run, and the JSON report (schemas/deploy-report.schema.json).

Every value shown passes through a ``Redactor``: a secure parameter's value never reaches the screen, a log or
a report, even where ARM echoes it (what-if shows the properties it would set).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from relecloud_templates.deploy.errors import SignInError, UnitError
from relecloud_templates.deploy.plan_file import Unit
from relecloud_templates.deploy.runner import (
    PENDING,
    Change,
    Deployed,
    Destroyed,
    Preview,
    PropertyChange,
    show_command,
)
from relecloud_templates.deploy.scheduler import Outcome, UnitResult
from relecloud_templates.deploy.secrets import Secret

Style = Callable[[str, str], str]  # (text, meaning) -> text, coloured or not
# change type -> (symbol, meaning for colour, legend text)
SYMBOLS = {
    "Create": ("+", "create", "Create"),
    "Modify": ("~", "modify", "Modify"),
    "Delete": ("-", "delete", "Delete"),
    "Detach": ("x", "modify", "Detach (leaves the stack, stays in Azure unmanaged)"),
    "Deploy": ("!", "modify", "Deploy (ARM cannot tell the changes before deploying)"),
    "Unsupported": ("?", "dim", "Unsupported (what-if cannot evaluate it)"),
    "NoChange": ("=", "dim", "NoChange"),
    "Ignore": ("*", "dim", "Ignore"),
}
PROPERTY_SYMBOLS = {"Create": "+", "Delete": "-", "Modify": "~", "Array": "~", "NoEffect": "x"}
TOTAL_ORDER = (("Create", "to create"), ("Modify", "to modify"), ("Delete", "to delete"), ("Detach", "to detach"),
               ("Deploy", "to deploy"), ("Unsupported", "unsupported"))
HIDDEN = ("NoChange", "Ignore")
REDACTED = "(secure value)"
VALUE_WIDTH = 100
RESULT_WORDS = {"deploy": "succeeded", "what-if": "previewed", "validate-only": "validated", "destroy": "destroyed"}


class Redactor:
    """Replaces every secure parameter value (and each string inside a secureObject) wherever it appears."""

    def __init__(self, secrets: dict[str, dict[str, Secret]]):
        found: set[str] = set()
        for values in secrets.values():
            for secret in values.values():
                found.update(_strings(secret.reveal()))
        self.values = sorted((v for v in found if v), key=len, reverse=True)

    def text(self, text: str) -> str:
        for value in self.values:
            if value in text:
                text = text.replace(value, REDACTED)
        return text

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield json.dumps(value)


# -- previews ------------------------------------------------------------------------------------------------


def legend(previews: Iterable[Preview], verbose: bool = False) -> list[str]:
    """The symbols used below, as az prints them before a what-if."""
    used = {c.change_type for p in previews for c in p.changes if verbose or c.change_type not in HIDDEN}
    used |= {"Create"} if any(p.deferred or p.stack is None for p in previews) else set()
    lines = ["Resource and property changes are indicated with these symbols:"]
    lines += [f"  {symbol} {text}" for kind, (symbol, _, text) in SYMBOLS.items() if kind in used]
    return lines + [""] if len(lines) > 1 else []


def preview_lines(unit: Unit, preview: Preview, style: Style, redact: Redactor, *, orphan: bool = False,
                  verbose: bool = False) -> list[str]:
    head = f"{style(unit.name, 'bold')}: {where(unit)}"
    if preview.deferred:
        return [head, f"  every resource is new: {preview.deferred}", *_data_plane_lines(unit, style), ""]
    lines = [head]
    if orphan:
        lines.append(style(f"  the manifest no longer has unit {unit.name}: its stack is removed, and what it manages "
                           f"is {'deleted' if any(c.change_type == 'Delete' for c in preview.changes) else 'detached'}",
                           "delete"))
    elif preview.stack is None:
        lines.append(style(f"  + new deployment stack {unit.deployment_name}: it takes over what the template "
                           f"declares", "create"))
    for text in preview.stack_changes:
        lines.append(style(f"  ~ stack {text}", "modify"))
    for change in preview.changes:
        if change.change_type in HIDDEN and not verbose:
            continue
        symbol, meaning, _ = SYMBOLS.get(change.change_type, ("?", "dim", ""))
        lines.append(style(f"  {symbol} {change.label}", meaning))
        lines += _property_lines(change.properties, redact, indent=6)
    lines += [f"  Resource changes: {unit_totals(preview)}.", *_data_plane_lines(unit, style), ""]
    return lines


def _data_plane_lines(unit: Unit, style: Style) -> list[str]:
    """What deploy does after the unit's deployment (managed private endpoints and their approvals, data-plane
    roles), and what it leaves to do by hand."""
    from relecloud_templates.deploy.dataplane import describe, performed

    lines = []
    for step in unit.data_plane:
        mark = "after deployment" if performed(step) else "not performed"
        lines.append(style(f"  > {mark}: {describe(step)}", "modify" if performed(step) else "dim"))
    return lines


def data_plane_notes(units: Sequence[Unit], results: dict[str, UnitResult]) -> list[str]:
    """The summary's account of the data-plane steps: what each unit's steps did."""
    lines = []
    for unit in units:
        result = results.get(unit.name)
        notes = result.value.notes if result is not None and isinstance(result.value, Deployed) else []
        lines += [f"{unit.name}: {note}" for note in notes]
    return ["", "Data-plane steps:", *(f"  {line}" for line in lines)] if lines else []


def _property_lines(changes: Sequence[PropertyChange], redact: Redactor, indent: int) -> list[str]:
    lines = []
    pad = " " * indent
    for change in changes:
        symbol = PROPERTY_SYMBOLS.get(change.change_type, "~")
        if change.change_type == "Array":
            lines.append(f"{pad}{symbol} {change.path}: [")
            lines += _property_lines(change.children, redact, indent + 4)
            lines.append(f"{pad}  ]")
        elif change.change_type == "Create":
            lines.append(f"{pad}{symbol} {change.path}: {_shown(change.after, redact)}")
        elif change.change_type == "Delete":
            lines.append(f"{pad}{symbol} {change.path}: {_shown(change.before, redact)}")
        else:
            lines.append(
                f"{pad}{symbol} {change.path}: {_shown(change.before, redact)} => {_shown(change.after, redact)}"
            )
    return lines


def _shown(value: Any, redact: Redactor) -> str:
    text = json.dumps(redact.value(value), sort_keys=True, ensure_ascii=False)
    return text if len(text) <= VALUE_WIDTH else text[:VALUE_WIDTH - 3] + "..."


def totals(previews: Iterable[Preview]) -> dict[str, int]:
    counted = dict.fromkeys(SYMBOLS, 0)
    for preview in previews:
        for change in preview.changes:
            counted[change.change_type] = counted.get(change.change_type, 0) + 1
    return counted


def _totals_text(counted: dict[str, int]) -> str:
    parts = [f"{counted.get(kind, 0)} {what}" for kind, what in TOTAL_ORDER
             if counted.get(kind, 0) or kind in ("Create", "Modify", "Delete")]
    unchanged = counted.get("NoChange", 0) + counted.get("Ignore", 0)
    return ", ".join(parts + [f"{unchanged} unchanged"])


def unit_totals(preview: Preview) -> str:
    return _totals_text(totals([preview]))


def overall_lines(previews: dict[str, Preview], style: Style) -> list[str]:
    counted = totals(previews.values())
    new = sum(1 for p in previews.values() if p.stack is None and not p.validated_only)
    pending = sum(1 for p in previews.values() if p.pending)
    line = f"Total for {len(previews)} unit(s): {_totals_text(counted)}"
    line += f"; {new} new stack(s)" if new else ""
    changed = style(f"{pending} unit(s) with changes", "modify") if pending else "no changes"
    return [f"{line}.", f"Azure matches the manifest in {len(previews) - pending} unit(s); {changed}."]


def where(unit: Unit) -> str:
    place = f"subscription {unit.subscription_id}"
    if unit.resource_group:
        place = f"resource group {unit.resource_group} in {place}"
    return f"stack {unit.deployment_name} at {place}"


# -- failures and results ------------------------------------------------------------------------------------


def failure_lines(result: UnitResult, redact: Redactor) -> list[str]:
    error = result.error
    if isinstance(error, (UnitError, SignInError)):
        return [redact.text(line) for line in error.lines()]
    return [redact.text(f"{type(error).__name__}: {error}")] if error else []


def result_word(result: UnitResult, mode: str) -> str:
    """"previewed" for a preview, "succeeded" only for a deployment; "absent" for a stack destroy did not find."""
    if result.outcome is Outcome.SUCCEEDED:
        if isinstance(result.value, Destroyed) and result.value.absent:
            return "absent"
        return RESULT_WORDS[mode]
    return result.outcome.value


def summary_table(units: Sequence[Unit], results: dict[str, UnitResult], style: Style, mode: str,
                  redact: Redactor) -> list[str]:
    rows = [("UNIT", "RESULT", "DURATION", "OUTPUTS" if mode == "deploy" else "CHANGES")]
    for unit in units:
        result = results.get(unit.name)
        if result is None:
            continue
        rows.append((unit.name, result_word(result, mode), f"{result.duration:.1f}s" if result.duration else "-",
                     redact.text(_detail(result))))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for i, (name, word, duration, detail) in enumerate(rows):
        cell = word.ljust(widths[1])
        if i:
            cell = style(cell, _meaning(results[name]))
        lines.append(f"{name.ljust(widths[0])}  {cell}  {duration.rjust(widths[2])}  {detail}".rstrip())
    counts: dict[str, int] = {}
    for name, *_ in rows[1:]:
        word = result_word(results[name], mode)
        counts[word] = counts.get(word, 0) + 1
    lines.append("")
    lines.append(f"{len(rows) - 1} unit(s): " + ", ".join(f"{n} {word}" for word, n in counts.items()))
    return lines


def _meaning(result: UnitResult) -> str:
    return {Outcome.SUCCEEDED: "ok", Outcome.FAILED: "failed"}.get(result.outcome, "skipped")


def _detail(result: UnitResult) -> str:
    value = result.value
    if isinstance(value, Deployed):
        return ", ".join(f"{k}={_short(v)}" for k, v in value.outputs.items())
    if isinstance(value, Preview):
        return "" if value.validated_only else (unit_totals(value) if value.pending else "no changes")
    if isinstance(value, Destroyed):
        gone = f"{len(value.deleted)} deleted" if value.deleted else ""
        kept = f"{len(value.detached)} detached" if value.detached else ""
        return ", ".join(x for x in (gone, kept) if x) or ("no stack" if value.absent else "empty stack")
    return result.reason


def _short(value, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def interrupted_lines(in_azure: Sequence[tuple[Unit, str]], signal_name: str = "Ctrl-C", finish: str = "") -> list[str]:
    """What an interrupted run leaves running in Azure, and ``finish``: the command that finishes the job."""
    then = [f"To finish the job: {finish}"] if finish else []
    if not in_azure:
        return [f"Interrupted ({signal_name}). Nothing relecloud started is still running in Azure.", *then]
    lines = [f"Interrupted ({signal_name}). relecloud stopped waiting, but these are still running in Azure:"]
    for unit, what in in_azure:
        lines.append(f"  {unit.name} ({what} of stack {unit.deployment_name}): {show_command(unit)}")
    lines.append("Add `--query properties.provisioningState` to the commands above to see only their state.")
    if finish:
        lines.append(f"To wait for them and finish the job: {finish}")
    return lines


# -- JSON ----------------------------------------------------------------------------------------------------


def change_json(change: Change, redact: Redactor) -> dict[str, Any]:
    kind, _, name = change.label.partition(" ")
    return {"resourceId": change.resource_id, "type": kind, "name": name, "changeType": change.change_type,
            "properties": [_property_json(p, redact) for p in change.properties]}


def _property_json(change: PropertyChange, redact: Redactor) -> dict[str, Any]:
    found: dict[str, Any] = {"path": change.path, "changeType": change.change_type}
    if change.change_type != "Create" and change.change_type != "Array":
        found["before"] = redact.value(change.before)
    if change.change_type != "Delete" and change.change_type != "Array":
        found["after"] = redact.value(change.after)
    if change.children:
        found["children"] = [_property_json(c, redact) for c in change.children]
    return found


def unit_json(unit: Unit, result: UnitResult | None, mode: str, redact: Redactor, *, orphan: bool = False,
              preview: Preview | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": unit.name, "kind": unit.kind, "zone": unit.zone, "scope": unit.scope,
        "subscriptionId": unit.subscription_id, "resourceGroup": unit.resource_group, "stack": unit.deployment_name,
        "orphaned": orphan, "result": result_word(result, mode) if result else "not started",
        "duration": round(result.duration, 3) if result else 0.0, "reason": result.reason if result else "",
        "outputs": {}, "changes": [], "totals": {}, "changesPending": False, "error": None,
    }
    value = result.value if result else None
    preview = value.preview if isinstance(value, Deployed) else value if isinstance(value, Preview) else preview
    if isinstance(preview, Preview):
        found["changes"] = [change_json(c, redact) for c in preview.changes]
        found["totals"] = {k: v for k, v in totals([preview]).items() if v}
        found["changesPending"] = preview.pending
        found["newStack"] = preview.stack is None and not preview.validated_only and not orphan
        if preview.deferred:
            found["deferred"] = preview.deferred
    if isinstance(value, Deployed):
        found["outputs"] = redact.value(value.outputs)
        found["detached"], found["deleted"], found["notes"] = value.detached, value.deleted, value.notes
    if isinstance(value, Destroyed):
        found["deleted"], found["detached"] = value.deleted, value.detached
    if result is not None and result.outcome is Outcome.FAILED and result.error is not None:
        error = result.error
        if isinstance(error, UnitError):
            found["error"] = {"phase": error.phase, "message": redact.text(error.headline),
                              "details": [redact.text(d).strip() for d in error.details], "hint": error.hint}
        else:
            found["error"] = {"phase": "", "message": redact.text(f"{type(error).__name__}: {error}"),
                              "details": [], "hint": ""}
    return found


def pending_count(previews: Iterable[Preview]) -> int:
    return sum(1 for p in previews if p.pending)


__all__ = [
    "PENDING",
    "Redactor",
    "failure_lines",
    "interrupted_lines",
    "legend",
    "overall_lines",
    "preview_lines",
    "result_word",
    "summary_table",
    "totals",
    "unit_json",
]
