"""``relecloud validate`` on Bicep: compile the file, run the ARM rules on the compiled template, and report every
finding at the Bicep that produced it (the module file for what a module declares).

- Syntax errors are ``E0001 parse-error``; other Bicep errors are ``E0013 bicep-compile-error``; both keep the
  Bicep code (``BCP057: ...``). A file with errors is not linted further (its template would be incomplete),
  except where the only errors are files a load function cannot read (the template is whole but for them).
- ``#disable-next-line <rule> ...`` (relecloud rule IDs or names, or Bicep codes) silences findings on the next
  line; ``#disable-diagnostics`` ... ``#restore-diagnostics`` silence a range.
- An unset environment variable (``readEnvironmentVariable`` without a default) is not a finding: validate
  checks the source, where the secrets it names are usually not set; ``build`` reports it (BCP338).
- Findings in a module file that is itself being validated are left to that file's own check (so nothing is
  reported twice); a module named only through its parent is reported through the parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relecloud_templates.bicep.compiler import Compilation, Compiler
from relecloud_templates.bicep.parser import tokens as tk
from relecloud_templates.diagnostics import Diagnostic, Location, Severity
from relecloud_templates.located import LocatedDict, LocatedList, Pos

if TYPE_CHECKING:
    from relecloud_templates.lint.kinds import SourceFile
    from relecloud_templates.lint.runner import LintRun

PARSE_ERROR = ("E0001", "parse-error")
COMPILE_ERROR = ("E0013", "bicep-compile-error")
_SYNTAX_CODES = None  # filled lazily: the codes the lexer and parser report
_LEVELS = {"Error": Severity.ERROR, "Warning": Severity.WARNING, "Info": Severity.INFO}


def _syntax_codes() -> set[str]:
    global _SYNTAX_CODES
    if _SYNTAX_CODES is None:
        from relecloud_templates.bicep.parser.base import E
        from relecloud_templates.bicep.parser.declarations import D

        _SYNTAX_CODES = {c for c, _ in list(E.values()) + list(D.values())} | {
            "BCP001", "BCP002", "BCP003", "BCP004", "BCP005", "BCP006", "BCP012", "BCP018", "BCP019", "BCP024",
            "BCP025", "BCP064", "BCP103", "BCP112", "BCP133", "BCP140", "BCP226", "BCP249", "BCP262", "BCP-NESTING"}
    return _SYNTAX_CODES


def compiler_for(run: Any) -> Compiler:
    """One compiler per validate run: a module used by several files is compiled once."""
    compiler = getattr(run, "_bicep_compiler", None)
    if compiler is None:
        compiler = Compiler()
        setattr(run, "_bicep_compiler", compiler)
    return compiler


def check(source: "SourceFile", run: "LintRun") -> list[Diagnostic]:
    if rendered_twin(source, run):
        return syntax_only(source)
    compiler = compiler_for(run)
    path = source.path
    if path is not None:
        compilation = compiler.compile_text(source.text, path)
    else:
        compilation = compiler.compile_text(source.text, None)
    inputs = _inputs(run)
    own = path.resolve() if path is not None else None
    shown = {id(compilation): source.shown}
    findings: list[Diagnostic] = []
    for problem, owner in compilation.problems():
        if not _reported_here(owner, own, inputs, compilation) or _machine_dependent(problem, owner) or \
                problem.code == "BCP104":
            continue  # (BCP104, "the module has errors": they are reported themselves, in the module)
        code, name = PARSE_ERROR if problem.code in _syntax_codes() else COMPILE_ERROR
        severity = _LEVELS.get(problem.level, Severity.ERROR)
        if problem.level != "Error":
            continue  # (warnings of the Bicep compiler are not relecloud findings)
        findings.append(_at(owner, shown, problem.start, problem.end, severity, code, name,
                            f"{problem.code}: {problem.message}"))
    if compilation.template is not None and compilation.complete() and \
            not (path and path.suffix.lower() == ".bicepparam"):
        for finding, owner, start, end in lint_template(compilation, run):
            if not _reported_here(owner, own, inputs, compilation):
                continue
            findings.append(_at(owner, shown, start, end, finding.severity, finding.code, finding.name,
                                finding.message, finding.hint))
    return suppress(findings, compilation, shown)


def rendered_twin(source: "SourceFile", run: "LintRun") -> bool:
    """Bicep that ``relecloud render`` wrote beside the unit's ``main.json``, unchanged since (plan.json records
    its hash), when this run validates that ``main.json`` too: what it compiles to is that template (render
    checks the round trip), so the rules' findings are reported once, on ``main.json``."""
    path = source.path
    if path is None:
        return False
    unit = path.parent.parent if path.parent.name == "modules" else path.parent
    twin = (unit / "main.json").resolve()
    if twin not in _inputs(run):
        return False
    from relecloud_templates.render.output import digest
    from relecloud_templates.render.publish import read_previous

    records = getattr(run, "_bicep_render_records", None)
    if records is None:
        records = {}
        setattr(run, "_bicep_render_records", records)
    out = unit.parent
    if out not in records:
        records[out] = read_previous(out).hashes
    relative = path.resolve().relative_to(out.resolve()).as_posix() if path.resolve().is_relative_to(
        out.resolve()) else None
    recorded = records[out]
    return relative is not None and recorded.get(relative) == digest(source.text.encode("utf-8")) and \
        recorded.get(f"{unit.name}/main.json") is not None


def syntax_only(source: "SourceFile") -> list[Diagnostic]:
    from relecloud_templates.bicep.parser import parse

    result = parse(source.text, params=source.path is not None and source.path.suffix.lower() == ".bicepparam")
    findings = []
    for problem in result.diagnostics:
        line, column = result.lines.position(problem.start)
        end_line, end_column = result.lines.position(problem.end)
        findings.append(Diagnostic(Severity.ERROR, PARSE_ERROR[0], f"{problem.code}: {problem.message}",
                                   Location(source.shown, line, column, end_line, end_column), "", PARSE_ERROR[1]))
    return findings


def _inputs(run: Any) -> set[Path]:
    """The files this validate run checks (resolved), computed once per run."""
    found = getattr(run, "_bicep_inputs", None)
    if found is None:
        found = {s.path.resolve() for s in run.sources if s.path is not None}
        setattr(run, "_bicep_inputs", found)
    return found


def _machine_dependent(problem: Any, owner: Compilation) -> bool:
    """An environment variable that ``readEnvironmentVariable`` reads is unset here: a fact of this machine, not of
    the file (``build`` reports it; validate checks the source, typically where no secret is set)."""
    return owner.model is not None and id(problem) in owner.model.unset_variables


def _reported_here(owner: Compilation, own: Path | None, inputs: set[Path], root: Compilation) -> bool:
    if owner is root or owner.path is None:
        return True
    return owner.path.resolve() not in inputs or owner.path.resolve() == own


def _at(owner: Compilation, shown: dict, start: int, end: int, severity: Severity, code: str, name: str,
        message: str, hint: str = "") -> Diagnostic:
    line, column = owner.lines.position(start)
    end_line, end_column = owner.lines.position(end)
    path = shown.get(id(owner)) or str(owner.path)
    return Diagnostic(severity, code, message, Location(path, line, column, end_line, end_column), hint, name)


# -- the ARM rules on the compiled template ---------------------------------------------------------------------


@dataclass
class _Positions:
    """Synthetic positions: every value of the compiled template gets its own line number, so that a finding's
    line tells which JSON path it was reported at."""

    paths: list[tuple]

    def locate(self, value: Any, path: tuple) -> Any:
        if isinstance(value, dict):
            out = LocatedDict()
            out.pos = self._pos(path)
            for key, item in value.items():
                out[key] = self.locate(item, path + (key,))
                out.key_pos[key] = self._pos(path + (key,))
                out.value_pos[key] = out.key_pos[key]
            return out
        if isinstance(value, list):
            items = LocatedList()
            items.pos = self._pos(path)
            for i, item in enumerate(value):
                items.append(self.locate(item, path + (i,)))
                items.item_pos.append(self._pos(path + (i,)))
            return items
        return value

    def _pos(self, path: tuple) -> Pos:
        self.paths.append(path)
        return Pos(len(self.paths), 1)

    def path_of(self, line: int) -> tuple | None:
        return self.paths[line - 1] if 0 < line <= len(self.paths) else None


def lint_template(compilation: Compilation, run: "LintRun") -> list[tuple[Diagnostic, Compilation, int, int]]:
    """The findings of the ARM rules on the compiled template, each with the Bicep file and span it maps to."""
    from relecloud_templates.arm.template import build_template
    from relecloud_templates.lint.registry import all_rules
    from relecloud_templates.lint.rule import RuleContext

    positions = _Positions([])
    document = positions.locate(compilation.template, ())
    try:
        model = build_template(document)
    except Exception:  # a bug in the model must not hide the compile findings
        return []
    shown = str(compilation.path) if compilation.path else "<bicep>"
    ctx = RuleContext(path=shown, text="", document=document, kind="template", template=model)
    for rule in all_rules():
        if rule.runner_reported or "template" not in rule.kinds:
            continue
        setting = run.config.setting(rule)
        if setting.level is None:
            continue
        ctx.bind(rule, setting.level, setting.options)
        try:
            rule().check(ctx)
        except Exception as exc:  # reported like the runner reports a failing rule
            ctx.findings.append(Diagnostic(Severity.ERROR, "E0011", f"rule {rule.id} {rule.name} failed: "
                                                                    f"{type(exc).__name__}: {exc}",
                                           Location(shown, 1, 1), "please report this with the file", "internal-error"))
    mapped = []
    for finding in ctx.findings:
        path = positions.path_of(finding.location.line) or ()
        found = compilation.source_of(path)
        owner, start, end = found if found is not None else (compilation, 0, 0)
        mapped.append((finding, owner, start, end))
    return mapped


# -- suppressions ----------------------------------------------------------------------------------------------


def suppress(findings: list[Diagnostic], compilation: Compilation, shown: dict) -> list[Diagnostic]:
    """Drop findings silenced by ``#disable-next-line`` or a ``#disable-diagnostics`` range in their file."""
    by_file: dict[str, list[tuple[str, int, int, tuple]]] = {}
    for owner in _compilations(compilation):
        path = shown.get(id(owner)) or str(owner.path)
        by_file[path] = _directives(owner)
    kept = []
    for finding in findings:
        directives = by_file.get(finding.location.path, [])
        if not any(_silences(d, finding) for d in directives):
            kept.append(finding)
    return kept


def _compilations(root: Compilation) -> list[Compilation]:
    found, stack, seen = [], [root], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        found.append(current)
        stack.extend(current.modules)
    return found


def _directives(compilation: Compilation) -> list[tuple[str, int, int, tuple]]:
    """(kind, first line, last line, codes) of every diagnostics directive of a file."""
    model = compilation.model
    if model is None:
        return []
    found = []
    open_ranges: dict[str, int] = {}
    for token in model.parsed.tokens:
        for trivia in token.leading:
            if trivia.type == tk.DISABLE_NEXT_LINE:
                line = compilation.lines.position(trivia.start)[0] + 1
                found.append(("next", line, line, trivia.codes))
            elif trivia.type == tk.DISABLE_DIAGNOSTICS:
                for code in trivia.codes:
                    open_ranges.setdefault(code, compilation.lines.position(trivia.start)[0])
            elif trivia.type == tk.RESTORE_DIAGNOSTICS:
                line = compilation.lines.position(trivia.start)[0]
                for code in trivia.codes:
                    if code in open_ranges:
                        found.append(("range", open_ranges.pop(code), line, (code,)))
    for code, line in open_ranges.items():
        found.append(("range", line, 10 ** 9, (code,)))
    return found


def _silences(directive: tuple[str, int, int, tuple], finding: Diagnostic) -> bool:
    _, first, last, codes = directive
    if not first <= finding.location.line <= last:
        return False
    bicep_code = finding.message.split(":", 1)[0] if finding.code in (PARSE_ERROR[0], COMPILE_ERROR[0]) else None
    wanted = {c.lower() for c in codes}
    return finding.code.lower() in wanted or (finding.name or "").lower() in wanted or \
        (bicep_code is not None and bicep_code.lower() in wanted)
