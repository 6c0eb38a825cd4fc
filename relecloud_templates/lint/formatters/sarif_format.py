"""SARIF 2.1.0 (OASIS): one run, every rule with its metadata and help, one result per finding.

Code-scanning services (GitHub, Azure DevOps) read ``ruleId``, ``level``, the physical location with a
1-based region, ``partialFingerprints`` for matching findings across runs, the rule's ``help``, and its
``helpUri``: the rule's section of docs/validate.md (or of the copy the configuration's ``docs-url`` names). Manifest
checks (M-codes) appear as rules too, described by their name.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
from pathlib import Path
from typing import Any

from relecloud_templates import __version__
from relecloud_templates.diagnostics import Diagnostic, Severity
from relecloud_templates.lint.formatters import printable_diagnostic
from relecloud_templates.lint.registry import all_rules
from relecloud_templates.lint.rule import DOCS_URL, Rule
from relecloud_templates.lint.runner import LintResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(rule: type[Rule], docs_url: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "helpUri": f"{docs_url}#{rule.anchor()}",
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": " ".join(rule.explanation.split())},
        "help": {"text": rule.explanation.strip(), "markdown": rule.explanation.strip()},
        "defaultConfiguration": {"level": _LEVELS[rule.default_severity()]},
        "properties": {"tags": [rule.area() or "lint"]},
    }


def _uri(path: str) -> str:
    """The artifact URI of a path as found: POSIX separators, and, for a file name that is not UTF-8 (Python keeps
    its bytes as lone surrogates), its bytes percent-encoded, as RFC 3986 writes them."""
    if path.startswith("<"):
        return path.strip("<>")
    posix = Path(path).as_posix()
    if not any("\ud800" <= ch <= "\udfff" for ch in posix):
        return posix
    return urllib.parse.quote(os.fsencode(posix), safe="/:@!$&'()*+,;=-._~")


def _fingerprint(diagnostic: Diagnostic) -> str:
    text = f"{diagnostic.code}|{_uri(diagnostic.location.path)}|{diagnostic.message}"
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


def render(result: LintResult, *, color: bool = False) -> str:
    """The SARIF log. Takes the findings as found (``formatter`` passes them unescaped to this format only), so that
    URIs keep a file name's real bytes; every text is made printable here."""
    rules = [_rule_descriptor(r, result.docs_url or DOCS_URL) for r in all_rules()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    for diagnostic in result.diagnostics:
        if diagnostic.code not in index:  # manifest checks and other non-lint codes
            index[diagnostic.code] = len(rules)
            rules.append({"id": diagnostic.code, "name": diagnostic.name or diagnostic.code,
                          "shortDescription": {"text": diagnostic.name or diagnostic.code},
                          "defaultConfiguration": {"level": _LEVELS[diagnostic.severity]}})
    results = []
    for found in result.diagnostics:
        diagnostic = printable_diagnostic(found)
        loc = diagnostic.location
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(found.location.path)}}
        if loc.line > 0:
            region = {"startLine": loc.line, "startColumn": max(loc.column, 1)}
            if loc.end_line:
                region["endLine"] = loc.end_line
                region["endColumn"] = max(loc.end_column, 1)
            physical["region"] = region
        message = diagnostic.message + (f" (hint: {diagnostic.hint})" if diagnostic.hint else "")
        fingerprint = _fingerprint(diagnostic)
        entry = {
            "ruleId": diagnostic.code,
            "ruleIndex": index[diagnostic.code],
            "level": _LEVELS[diagnostic.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"relecloudFindingHash/v1": fingerprint},
        }
        if diagnostic.related:
            entry["relatedLocations"] = [
                {"id": i, "physicalLocation": {
                    "artifactLocation": {"uri": _uri(r.path)},
                    "region": {"startLine": max(r.line, 1), "startColumn": max(r.column, 1)}}}
                for i, r in enumerate(found.related)
            ]
        results.append(entry)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "relecloud", "version": __version__, "rules": rules}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2, sort_keys=True) + "\n"
