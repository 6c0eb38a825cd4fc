"""Inline suppressions: a template, a nested template or a resource silences a rule for everything inside it,
with a required reason and an optional expiry date::

    "metadata": {
      "relecloud": {
        "suppress": [
          {"rule": "W5009", "reason": "public by design: the portal front end", "until": "2027-03-31"},
          "W3004: the location is fixed by the data residency policy"
        ]
      }
    }

The short string form is ``"<rule ID or name>: <reason>"``. A suppression that silences nothing, one past its
date and one without a reason or with an unknown rule are themselves reported (W0008, W0009, W0010), so that
stale exceptions do not pile up unseen.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from relecloud_templates.diagnostics import Diagnostic
from relecloud_templates.lint.registry import find_rule, rule_keys
from relecloud_templates.located import NOWHERE, Pos, pos_of
from relecloud_templates.suggest import did_you_mean


@dataclass
class Suppression:
    rule_id: str
    reason: str
    until: dt.date | None
    start: Pos
    end: Pos
    path: tuple[Any, ...]  # where the entry is written
    used: bool = False

    def covers(self, finding: Diagnostic) -> bool:
        loc = finding.location
        here = (loc.line, loc.column)
        return finding.code == self.rule_id and self.start <= here <= self.end


@dataclass
class SuppressionProblem:
    rule_id: str  # W0008 / W0009 / W0010
    path: tuple[Any, ...]
    message: str
    hint: str = ""


def _holders(document: Any, template: Any) -> Iterator[tuple[dict[str, Any], tuple[Any, ...]]]:
    """Objects that may carry suppressions: the file root, nested templates and resources."""
    if isinstance(document, dict):
        yield document, ()
    if template is None:
        return
    for nested in template.walk():
        if nested.path:
            yield nested.node, nested.path
        for resource in nested.resources:
            yield resource.node, resource.path


def container_end(text: str, start: int) -> int:
    """The offset of the bracket closing the JSON container that opens at ``start`` (comments and strings
    skipped); the end of the text when it is not closed."""
    depth, i, n = 0, start, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif ch == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 1
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return max(0, n - 1)


class _Lines:
    def __init__(self, text: str):
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(self, pos: Pos) -> int:
        return self.starts[min(pos.line, len(self.starts)) - 1] + pos.column - 1

    def pos(self, offset: int) -> Pos:
        line = bisect_right(self.starts, offset)
        return Pos(line, offset - self.starts[line - 1] + 1)


def collect(document: Any, template: Any, text: str) -> tuple[list[Suppression], list[SuppressionProblem]]:
    suppressions: list[Suppression] = []
    problems: list[SuppressionProblem] = []
    lines: _Lines | None = None
    for holder, holder_path in _holders(document, template):
        metadata = holder.get("metadata")
        relecloud = metadata.get("relecloud") if isinstance(metadata, dict) else None
        if not isinstance(relecloud, dict) or "suppress" not in relecloud:
            continue
        entries = relecloud["suppress"]
        entries_path = holder_path + ("metadata", "relecloud", "suppress")
        if not isinstance(entries, list):
            problems.append(SuppressionProblem("W0010", entries_path, "'suppress' must be a list of suppressions"))
            continue
        start = pos_of(holder)
        if start == NOWHERE:
            continue
        lines = lines or _Lines(text)
        end = lines.pos(container_end(text, lines.offset(start)))
        for i, entry in enumerate(entries):
            parsed = _parse_entry(entry, entries_path + (i,))
            if isinstance(parsed, SuppressionProblem):
                problems.append(parsed)
            else:
                rule_id, reason, until = parsed
                suppressions.append(Suppression(rule_id, reason, until, start, end, entries_path + (i,)))
    return suppressions, problems


def _parse_entry(entry: Any, path: tuple[Any, ...]) -> tuple[str, str, dt.date | None] | SuppressionProblem:
    until_text: Any = None
    key: Any
    reason: Any
    if isinstance(entry, str):
        key, _, reason = entry.partition(":")
    elif isinstance(entry, dict):
        key, reason = entry.get("rule"), entry.get("reason")
        until_text = entry.get("until")
        unknown = sorted(set(entry) - {"rule", "reason", "until"})
        if unknown:
            return SuppressionProblem("W0010", path, f"unknown key {unknown[0]!r} in a suppression",
                                      did_you_mean(unknown[0], ["rule", "reason", "until"]))
    else:
        return SuppressionProblem(
            "W0010", path, "a suppression is an object {rule, reason, until} or a string 'ID: reason'"
        )
    if not isinstance(key, str) or not key.strip():
        return SuppressionProblem("W0010", path, "the suppression does not name a rule")
    rule = find_rule(key)
    if rule is None:
        return SuppressionProblem("W0010", path, f"unknown rule {key.strip()!r} in a suppression",
                                  did_you_mean(key.strip(), rule_keys()))
    if not isinstance(reason, str) or not reason.strip():
        return SuppressionProblem(
            "W0010",
            path,
            f"the suppression of {rule.id} gives no reason; it is ignored",
            f'say why the finding does not apply, e.g. {{"rule": "{rule.id}", "reason": "..."}}',
        )
    until = None
    if until_text is not None:
        try:
            until = dt.date.fromisoformat(str(until_text))
        except ValueError:
            return SuppressionProblem("W0010", path, f"'until' must be a date like 2027-01-31, not {until_text!r}")
    return rule.id, reason.strip(), until


def apply(findings: list[Diagnostic], suppressions: list[Suppression], today: dt.date) -> list[Diagnostic]:
    """The findings no live suppression covers; marks the suppressions that were used."""
    live = [s for s in suppressions if s.until is None or s.until >= today]
    kept = []
    for finding in findings:
        covering = [s for s in live if s.covers(finding)]
        for s in covering:
            s.used = True
        if not covering:
            kept.append(finding)
    return kept


def bookkeeping(suppressions: list[Suppression], today: dt.date, active: set[str]) -> list[SuppressionProblem]:
    """Expired suppressions, and unused ones of rules that ran (``active``: their IDs)."""
    problems = []
    for s in suppressions:
        if s.until is not None and s.until < today:
            problems.append(
                SuppressionProblem(
                    "W0009",
                    s.path,
                    f"the suppression of {s.rule_id} expired on {s.until.isoformat()}",
                    "fix the finding, or extend the date with a reason",
                )
            )
        elif not s.used and s.rule_id in active:
            problems.append(SuppressionProblem("W0008", s.path, f"the suppression of {s.rule_id} silences no finding",
                                               "remove it"))
    return problems

