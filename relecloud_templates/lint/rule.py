"""The lint rule base class and the context every rule receives. This API is stable: rules in other areas
(``lint/rules/schema/`` and others) are written against it.

Writing a rule
--------------
Put one class per concern in ``relecloud_templates/lint/rules/<area>/<rule_name>.py``; it is discovered
automatically (``lint.registry``). A rule declares metadata as class attributes and implements ``check``::

    from relecloud_templates.lint.rule import Rule, RuleContext
    from relecloud_templates.arm.values import MISSING, UNKNOWN

    class StorageHttpsOnly(Rule):
        id = "E5008"                       # <E|W|I><area digit><nnn>; the letter is the default severity
        name = "transport-security"         # kebab-case; accepted wherever an ID is (config, suppressions)
        description = "Storage accounts accept HTTPS only."     # one line, for `relecloud rules`
        explanation = \"\"\"Longer text: why it matters, what to write instead, and the equivalent rules
        of other tools (Bicep linter, ARM-TTK, checkov, PSRule).\"\"\"
        anchors = ("checkov CKV_AZURE_3", "PSRule Azure.Storage.SecureTransfer")
        kinds = frozenset({"template"})     # which files it runs on: "template" and/or "parameters"
        options = {}                        # configurable options and their defaults (see ctx.options)
        profiles = {"security-baseline": "error"}  # the level under each profile that raises it (lint.profiles)

        def check(self, ctx: RuleContext) -> None:
            for resource in ctx.resources("Microsoft.Storage/storageAccounts"):
                value = resource.value("properties", "supportsHttpsTrafficOnly")
                if value is False:
                    ctx.report(resource.path_of("properties", "supportsHttpsTrafficOnly"),
                               f"{resource.label} accepts plain HTTP", hint="set it to true")

Levels
------
An error means ARM rejects the template, the deployment fails, or a secret certainly leaks; a warning is a
likely mistake or a security posture choice; info is style and opinion. The ID's letter is the default level.
``default_enabled = False`` keeps a rule off until the configuration, a profile or ``--select`` turns it on
(style rules, as the Bicep linter does with its noisy ones). ``profiles`` raise posture rules to errors under
``--profile security-baseline`` or ``data-landing-zone`` (``lint/profiles.py``). A rule whose level changed keeps
its old IDs in ``previous_ids``, so that configurations and suppressions written for them still work.

The context
-----------
``RuleContext`` gives a rule:

- ``ctx.path``: the file as it appears in findings; ``ctx.document``: the parsed root (a ``LocatedDict``);
  ``ctx.kind``: ``"template"`` or ``"parameters"``; ``ctx.text``: the file's text.
- ``ctx.template``: the model (``arm.template.Template``) for templates; for a parameters file, the model of
  the template it belongs to when one was found (else None), evaluated with the file's values.
  ``Template.walk()`` yields nested inline templates (each with ``expression_scope`` "inner"/"outer",
  ``scope`` resourceGroup/subscription/managementGroup/tenant, ``deployment`` = the holding resource);
  ``Template.resources`` are ``arm.template.Resource`` objects with ``node`` (the located dict), ``path``,
  ``type`` (full type, None if not known), ``name`` (str or UNKNOWN), ``api_version``, ``copy``,
  ``condition``/``deployed`` (True, False or UNKNOWN), ``nested`` (the inline template of a deployment),
  ``value(*path)`` (evaluated: MISSING when not written, UNKNOWN when not known) and ``path_of(*path)``.
  ``Template.sites`` lists every expression string with its path, parsed tree and owning scope;
  ``ctx.expressions()`` yields (site, tree) for every expression that parses, with each ``if()`` whose
  condition is known reduced to the branch ARM takes. ``ctx.templates()`` leaves out nested templates whose
  deployment certainly does not happen.
- ``ctx.resources(type=None, deployed_only=True)``: every resource in the file (nested templates included)
  that may be deployed; ``type`` filters case-insensitively.
- ``ctx.evaluate(value, template)``: evaluate raw JSON in a template's expression scope -> known value or
  UNKNOWN (``arm.values``).
- ``ctx.options``: this rule's options (class defaults overlaid with the user's config).
- ``ctx.report(path, message, hint="", offset=None, related=())``: a finding at the value at ``path`` (a
  tuple of keys and indexes from the file root; the deepest existing ancestor when the path is not written).
  ``offset`` is a character offset inside that string value (expressions: the ``Node.start`` of the
  offending part), so the column points inside the string. ``ctx.report_at(pos, ...)`` reports at a
  ``located.Pos``; ``ctx.report_key(path, ...)`` at the key of the property (for "this property should not
  be here"). All produce ``diagnostics.Diagnostic`` values with the rule's ID, name and configured severity.

Rules never raise on odd input: treat every value as possibly of the wrong type, and stay silent (or warn)
when a value is UNKNOWN. A rule that crashes is reported by the runner as an internal error, never as a
traceback.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from relecloud_templates.diagnostics import Diagnostic, Location, Severity
from relecloud_templates.located import NOWHERE, Pos, key_pos, pos_at_path

# The rule reference (docs/validate.md, one section per rule): SARIF's helpUri and `relecloud rules ID` link to it.
# An organisation that mirrors the docs sets `docs-url` in the configuration.
DOCS_URL = "https://github.com/relecloud/relecloud-templates/blob/main/docs/validate.md"

_ID = re.compile(r"^[EWI]\d{4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_LETTER_SEVERITY = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}


class Rule:
    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    explanation: ClassVar[str] = ""
    anchors: ClassVar[tuple[str, ...]] = ()
    kinds: ClassVar[frozenset[str]] = frozenset({"template"})
    options: ClassVar[dict[str, Any]] = {}
    default_enabled: ClassVar[bool] = True
    profiles: ClassVar[dict[str, str]] = {}  # profile name -> level ("error", "warning", "info") under it
    previous_ids: ClassVar[tuple[str, ...]] = ()  # IDs the rule had before its default level changed
    # Some rules (parse errors, suppression bookkeeping) are reported by the runner, not by check().
    runner_reported: ClassVar[bool] = False

    @classmethod
    def default_severity(cls) -> Severity:
        return _LETTER_SEVERITY[cls.id[0]]

    @classmethod
    def default_level(cls) -> Severity | None:
        """The level the rule runs at without configuration: its letter's severity, or None (off)."""
        return cls.default_severity() if cls.default_enabled else None

    @classmethod
    def anchor(cls) -> str:
        """The fragment of the rule's section in docs/validate.md (as GitHub renders its heading)."""
        return f"{cls.id.lower()}-{cls.name}"

    @classmethod
    def area(cls) -> str:
        return cls.__module__.rsplit(".", 2)[-2] if cls.__module__.count(".") >= 2 else ""

    @classmethod
    def metadata_problems(cls) -> list[str]:
        """What is wrong with the class's metadata (checked by the registry and by the tests)."""
        problems = []
        if not _ID.match(cls.id or ""):
            problems.append(f"{cls.__name__}: id {cls.id!r} is not <E|W|I><4 digits>")
        if not _NAME.match(cls.name or ""):
            problems.append(f"{cls.__name__}: name {cls.name!r} is not kebab-case")
        if not cls.description or "\n" in cls.description:
            problems.append(f"{cls.__name__}: description must be one line")
        if len(cls.explanation.strip()) < 40:
            problems.append(f"{cls.__name__}: explanation is missing or too short")
        if not cls.runner_reported and cls.check is Rule.check:
            problems.append(f"{cls.__name__}: check() is not implemented")
        from relecloud_templates.lint.profiles import PROFILES

        for profile, level in cls.profiles.items():
            if profile not in PROFILES or level not in ("error", "warning", "info"):
                problems.append(f"{cls.__name__}: profile entry {profile!r}: {level!r} is not a known profile "
                                "and level")
        for old in cls.previous_ids:
            if not _ID.match(old) or old[1:] != cls.id[1:]:
                problems.append(f"{cls.__name__}: previous ID {old!r} is not the same ID with another letter")
        return problems

    def check(self, ctx: RuleContext) -> None:
        raise NotImplementedError(f"{type(self).__name__} does not implement check()")


class RuleContext:
    """What a rule sees of one file (see the module docstring)."""

    def __init__(self, *, path: str, text: str, document: Any, kind: str, template: Any = None):
        self.path = path
        self.text = text
        self.document = document
        self.kind = kind
        self.template = template
        self.template_path: str | None = None  # for a parameters file: the template it was paired with
        self.options: dict[str, Any] = {}
        self.findings: list[Diagnostic] = []
        self._rule: type[Rule] | None = None
        self._severity = Severity.ERROR
        self._line_starts: list[int] | None = None
        self._expressions: dict[bool, list[tuple[Any, Any]]] = {}  # by with_functions: what expressions() yields

    # -- set by the runner ---------------------------------------------------------------------------
    def bind(self, rule: type[Rule], severity: Severity, options: dict[str, Any]) -> None:
        self._rule = rule
        self._severity = severity
        self.options = options

    # -- model ---------------------------------------------------------------------------------------
    def resources(self, type: str | None = None, deployed_only: bool = True) -> Iterator[Any]:
        if self.template is None:
            return
        lowered = type.lower() if type else None
        for resource in self.template.all_resources():
            if lowered is not None and resource.type_lower != lowered:
                continue
            if deployed_only and resource.deployed is False:
                continue
            yield resource

    def templates(self) -> Iterator[Any]:
        """The file's template and its nested inline ones, except those whose deployment certainly does not
        happen (a condition known to be false, a copy count of 0): ARM never looks at them."""
        if self.template is not None:
            for template in self.template.walk():
                if template.deployment is None or template.deployment.deployed is not False:
                    yield template

    def expressions(self, with_functions: bool = True) -> Iterator[tuple[Any, Any]]:
        """(site, tree) for every expression that parses, in every template of the file; the bodies of
        user-defined functions are left out with ``with_functions=False``. Each ``if()`` whose condition is
        known is replaced by the branch ARM takes (``arm.evaluate.taken_branches``); the syntax tree as written
        is ``site.tree``."""
        found = self._expressions.get(with_functions)
        if found is None:  # ten rules ask: listed (and each expression reduced) once per file
            if with_functions:
                found = list(self._find_expressions())
            else:
                found = [(site, tree) for site, tree in self.expressions() if site.function is None]
            self._expressions[with_functions] = found
        return iter(found)

    def _find_expressions(self) -> Iterator[tuple[Any, Any]]:
        from relecloud_templates.arm.evaluate import taken_branches
        from relecloud_templates.arm.expressions import ExpressionSyntaxError

        for template in self.templates():
            for site in template.sites:
                tree = site.tree
                if isinstance(tree, ExpressionSyntaxError):
                    continue
                if site.function is None:
                    tree = taken_branches(tree, site.template.evaluator)
                yield site, tree

    def evaluate(self, value: Any, template: Any = None) -> Any:
        template = template if template is not None else self.template
        return template.evaluator.evaluate(value)

    # -- reporting -----------------------------------------------------------------------------------
    def position(self, path: tuple[Any, ...]) -> Pos:
        return pos_at_path(self.document, tuple(path))

    def report(self, path: tuple[Any, ...], message: str, *, hint: str = "", offset: int | None = None,
               related: Iterable[tuple[Any, ...]] = ()) -> None:
        pos = self.position(path)
        if offset is not None and pos != NOWHERE:
            pos = self._inside_string(pos, offset)
        self.report_at(pos, message, hint=hint, related=[self.position(p) for p in related])

    def report_key(self, path: tuple[Any, ...], message: str, *, hint: str = "") -> None:
        path = tuple(path)
        # Positions found from the root down (each container on the way learns where its members are), so that
        # the parent's own need not be searched for in a map of the whole document.
        self.position(path[:-1])
        parent = self.document
        for step in path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        pos = key_pos(parent, path[-1]) if parent is not None and path else NOWHERE
        if pos == NOWHERE:
            pos = self.position(path)
        self.report_at(pos, message, hint=hint)

    def report_at(self, pos: Pos, message: str, *, hint: str = "", related: Iterable[Pos] = ()) -> None:
        rule = self._rule
        if rule is None:
            raise RuntimeError("report() called outside a rule's check()")
        self.findings.append(
            Diagnostic(
                severity=self._severity,
                code=rule.id,
                message=message,
                location=Location(self.path, pos.line, pos.column),
                hint=hint,
                name=rule.name,
                related=tuple(Location(self.path, p.line, p.column) for p in related if p != NOWHERE),
            )
        )

    def _inside_string(self, quote: Pos, offset: int) -> Pos:
        """The position of decoded character ``offset`` of the JSON string whose quote is at ``quote``."""
        if self._line_starts is None:
            self._line_starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]
        if quote.line - 1 >= len(self._line_starts):
            return quote
        i = self._line_starts[quote.line - 1] + quote.column - 1
        if i >= len(self.text) or self.text[i] != '"':
            return quote
        i += 1
        for _ in range(max(0, offset)):
            if i >= len(self.text) or self.text[i] in '"\n':
                break
            if self.text[i] == "\\":
                i += 6 if self.text.startswith("u", i + 1) else 2
            else:
                i += 1
        line = bisect_right(self._line_starts, i)
        return Pos(line, i - self._line_starts[line - 1] + 1)
