"""``relecloud validate`` on Bicep: compile the file, run the ARM rules on the compiled template, and report every
finding at the Bicep that produced it (the module file for what a module declares).

- Syntax errors are ``E0001 parse-error``; other Bicep errors are ``E0013 bicep-compile-error``; both keep the
  Bicep code (``BCP057: ...``). A file with errors is not linted further (its template would be incomplete),
  except where the only errors are files a load function cannot read (the template is whole but for them).
- ``#disable-next-line <rule> ...`` (relecloud rule IDs or names, or Bicep codes) silences findings on the next
  line; ``#disable-diagnostics`` ... ``#restore-diagnostics`` silence a range.
- An unset environment variable (``readEnvironmentVariable`` without a default) is not a finding: validate
  checks the source, where the secrets it names are usually not set; ``build`` reports it (BCP338).

Modules are judged as ARM judges nested templates: through the files that use them. Before any file is checked
(``prepare``), the run finds which of its Bicep files use which as modules (their ``module`` declarations,
followed through files that are not in the run too). A file that no other file of the run uses is a *root*: it is
compiled and linted with the modules it uses, so that a module's parameter defaults that its parent always sets
are never reported (W5005 on a default no deployment uses), and each finding is reported in the file it is in (the
module's own ``.bicep``). A file that the run uses is judged through its parents only, as a nested template is
in JSON (so, as there, not where its deployment certainly does not happen); standalone only when no parent could
be judged (none compiles), so that no finding of the file is lost. Files connected by module use are checked
together (one group of the runner), and each finding is reported once.

Bicep that ``relecloud render`` wrote beside a unit's ``main.json`` that the run validates too, unchanged since
(``plan.json`` records the hash of every file it wrote), is not read further: see ``rendered_twin``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relecloud_templates.diagnostics import Diagnostic, Location, Severity
from relecloud_templates.lint.kinds import WORK
from relecloud_templates.located import LocatedDict, LocatedList, Pos

if TYPE_CHECKING:  # the compiler is imported when a file is compiled: a rendered estate's Bicep never is
    from relecloud_templates.bicep.compiler import Compilation, Compiler
    from relecloud_templates.lint.kinds import SourceFile
    from relecloud_templates.lint.runner import LintRun

PARSE_ERROR = ("E0001", "parse-error")
COMPILE_ERROR = ("E0013", "bicep-compile-error")
_SYNTAX_CODES = None  # filled lazily: the codes the lexer and parser report
_LEVELS = {"Error": Severity.ERROR, "Warning": Severity.WARNING, "Info": Severity.INFO}
_RENDERED = "bicep-rendered"  # SourceFile.extras keys set by prepare()
_USED = "bicep-used"


def _syntax_codes() -> set[str]:
    global _SYNTAX_CODES
    if _SYNTAX_CODES is None:
        from relecloud_templates.bicep.parser.base import E
        from relecloud_templates.bicep.parser.declarations import D

        _SYNTAX_CODES = {c for c, _ in list(E.values()) + list(D.values())} | {
            "BCP001", "BCP002", "BCP003", "BCP004", "BCP005", "BCP006", "BCP012", "BCP018", "BCP019", "BCP024",
            "BCP025", "BCP064", "BCP103", "BCP112", "BCP133", "BCP140", "BCP226", "BCP249", "BCP262", "BCP-NESTING"}
    return _SYNTAX_CODES


@dataclass
class _RunState:
    """What one validate run knows of its Bicep files (kept on the run, inherited by forked workers)."""

    compiler: Compiler | None = None  # one per run (compiler_for): a module used twice is compiled once
    inputs: dict[Path, SourceFile] | None = None  # every file of the run with a path, by resolved path
    groups: dict[str, list[SourceFile]] = field(default_factory=dict)  # group -> its Bicep files, input order
    findings: dict[Any, dict[int, list[Diagnostic]]] = field(default_factory=dict)  # group -> id(file) -> its own
    plans: dict[Path, dict[str, str]] = field(default_factory=dict)  # output folder -> plan.json's hashes
    folders: dict[Path, Path] = field(default_factory=dict)  # folder as named -> resolved
    twin_folders: dict[Path, tuple[dict[str, str], str] | None] = field(default_factory=dict)  # see _twin_folder

    def real(self, path: Path) -> Path:
        """Where ``path`` is, its folders' links resolved: one ``resolve()`` per folder rather than per file (a
        rendered estate has 180 files in 30 folders); the file's own name is taken as it is."""
        return self.folder(path.parent) / path.name

    def folder(self, path: Path) -> Path:
        """``path.resolve()`` for a folder, once per folder."""
        found = self.folders.get(path)
        if found is None:
            found = self.folders[path] = path.resolve()
        return found


def _state(run: Any) -> _RunState:
    state = getattr(run, "_bicep", None)
    if state is None:
        state = _RunState()
        run._bicep = state
    return state


def _inputs(run: Any) -> dict[Path, SourceFile]:
    """The files this validate run checks, by resolved path (computed once per run)."""
    state = _state(run)
    if state.inputs is None:
        state.inputs = {}
        for source in run.sources:
            if source.path is not None:
                state.inputs.setdefault(state.real(source.path), source)
    return state.inputs


def compiler_for(run: Any) -> Compiler:
    """One compiler per validate run: a module used by several files is compiled once."""
    state = _state(run)
    if state.compiler is None:
        from relecloud_templates.bicep.compiler import Compiler

        state.compiler = Compiler()
    return state.compiler


# -- before checking: render's own files, and which file uses which ------------------------------------------------


def prepare(run: LintRun) -> None:
    """Called once per run before any file is checked (in this process, before workers are forked): mark Bicep
    that render wrote (``rendered_twin``), mark the files that another file of the run uses as a module, and put
    the files connected by module use into one group of the runner (``SourceFile.extras["group"]``)."""
    state = _state(run)
    templates: list[SourceFile] = []
    for source in run.sources:
        if source.kind != "bicep" or source.path is None:
            continue
        if rendered_twin(source, run):
            source.extras[_RENDERED] = True
            source.extras[WORK] = 0  # check() passes it over
        elif source.path.suffix.lower() == ".bicep":
            templates.append(source)
    if not templates:
        return
    inputs = _inputs(run)
    ours = {state.real(s.path): s for s in templates if s.path is not None}
    edges = _module_graph(list(ours), inputs, state)
    # used: reached through at least one module declaration from a file of the run
    used: set[Path] = set()
    stack = [target for origin in ours for target in edges.get(origin, ())]
    while stack:
        current = stack.pop()
        if current not in used:
            used.add(current)
            stack.extend(edges.get(current, ()))
    # groups: files connected by module use (through files outside the run too)
    leader: dict[Path, Path] = {}

    def find(path: Path) -> Path:
        leader.setdefault(path, path)
        while leader[path] != path:
            leader[path] = leader[leader[path]]
            path = leader[path]
        return path

    for origin, targets in edges.items():
        for target in targets:
            a, b = find(origin), find(target)
            if a != b:
                leader[max(a, b)] = min(a, b)
    for path, source in ours.items():
        if path in used:
            source.extras[_USED] = True
    members: dict[Path, list[SourceFile]] = {}
    for source in templates:
        members.setdefault(find(state.real(source.path)), []).append(source)  # type: ignore[arg-type]
    for group in members.values():
        if len(group) > 1:
            key = f"bicep:{group[0].path}"
            state.groups[key] = group
            for source in group:
                source.extras["group"] = key


def _module_graph(starts: list[Path], inputs: dict[Path, SourceFile], state: _RunState) -> dict[Path, list[Path]]:
    """file -> the local Bicep files its ``module`` declarations name, for the files of ``starts`` and every file
    they reach (read from disk when not in the run)."""
    from relecloud_templates.bicep.compiler.filesystem import DISK

    edges: dict[Path, list[Path]] = {}
    stack = list(starts)
    while stack:
        path = stack.pop()
        if path in edges:
            continue
        source = inputs.get(path)
        if source is not None:
            text = source.text
        else:
            try:
                text = DISK.read_text(path)
            except (OSError, UnicodeDecodeError):
                edges[path] = []
                continue
        edges[path] = [state.real(module) for module in local_modules(text, path)]
        stack.extend(edges[path])
    return edges


def local_modules(text: str, path: Path) -> list[Path]:
    """The local ``.bicep`` files that the ``module`` declarations of a Bicep file name. Read from the
    tokens, not the syntax tree: a declaration starts a line (decorators end with a line break), so
    ``module <name> '<path>'`` at the start of a line is one, in any file Bicep accepts."""
    from relecloud_templates.bicep.compiler import modules as sources
    from relecloud_templates.bicep.parser import tokens as tk
    from relecloud_templates.bicep.parser.lexer import lex, string_value

    tokens, _ = lex(text.lstrip("\ufeff"))
    found: list[Path] = []
    for i in range(len(tokens) - 2):
        keyword = tokens[i]
        if keyword.type != tk.IDENTIFIER or keyword.text != "module" or (i and tokens[i - 1].type != tk.NEWLINE):
            continue
        if tokens[i + 1].type != tk.IDENTIFIER or tokens[i + 2].type != tk.STRING_COMPLETE:
            continue
        reference = string_value(tokens[i + 2])
        if reference is None:
            continue
        located = sources.locate(reference, path)
        if located.kind == "bicep" and located.path is not None and located.path not in found:
            found.append(located.path)
    return found


def rendered_twin(source: SourceFile, run: LintRun) -> bool:
    """Bicep that ``relecloud render`` wrote beside the unit's ``main.json``, unchanged since (plan.json records
    its SHA-256), when this run validates that ``main.json`` too. Such a file is not read further: the rules'
    findings are ``main.json``'s, reported once there; and a parse of it could only find a bug of render's
    Bicep writer, which ``render --check`` (the round trip: the Bicep compiles back to ``main.json``) and the
    test suite guard. The hash proves the bytes are render's, so validate skips even the parse."""
    path = source.path
    if path is None:
        return False
    state = _state(run)
    if path.parent not in state.twin_folders:  # the same for every file of a folder: found once per folder
        state.twin_folders[path.parent] = _twin_folder(path.parent, run)
    found = state.twin_folders[path.parent]
    if found is None:
        return False
    from relecloud_templates.render.output import digest

    recorded, prefix = found
    return recorded.get(prefix + path.name) == digest(source.text.encode("utf-8"))


def _twin_folder(folder: Path, run: LintRun) -> tuple[dict[str, str], str] | None:
    """For the Bicep files of ``folder`` (a unit's, or its ``modules``): the hashes plan.json records and the
    folder's path relative to the output folder (``unit/`` or ``unit/modules/``); None when its files cannot be
    render's twins of a ``main.json`` this run validates."""
    unit = folder.parent if folder.name == "modules" else folder
    state = _state(run)
    if state.real(unit / "main.json") not in _inputs(run):
        return None
    from relecloud_templates.render.publish import read_previous

    plans = state.plans
    out = state.folder(unit.parent)
    if out not in plans:
        plans[out] = read_previous(out).hashes
    resolved = state.folder(folder)
    if not resolved.is_relative_to(out) or plans[out].get(f"{unit.name}/main.json") is None:
        return None
    relative = resolved.relative_to(out).as_posix()
    return plans[out], "" if relative == "." else f"{relative}/"


# -- checking: each group of files once, each finding reported in the file it is in --------------------------------


def check(source: SourceFile, run: LintRun) -> list[Diagnostic]:
    """The findings located in ``source``; the first file of a group checks the whole group."""
    if source.extras.get(_RENDERED):
        return []
    state = _state(run)
    key = source.extras.get("group", id(source))
    if key not in state.findings:
        state.findings[key] = _Judgement(run, state.groups.get(key, [source])).findings()
    return state.findings[key].pop(id(source), [])


class _Judgement:
    """The findings of one group of Bicep files: their compile errors, and the rules' findings on the templates
    of its roots (the files no other file of the run uses), then of the files no root's judgement reached."""

    def __init__(self, run: LintRun, members: list[SourceFile]):
        self.lint_run = run
        self.members = members
        self.inputs = _inputs(run)
        self.real = _state(run).real
        self.by_path = {self.real(s.path): s for s in members if s.path is not None}
        self.found: dict[int, list[Diagnostic]] = {id(s): [] for s in members}
        self.seen: set[Diagnostic] = set()
        self.directives: dict[int, list[tuple[str, int, int, tuple]]] = {}
        self.reached: set[int] = set()  # id() of the compilations judged, alone or through a parent

    def findings(self) -> dict[int, list[Diagnostic]]:
        compiler = compiler_for(self.lint_run)
        compiled = [(s, compiler.compile_text(s.text, s.path)) for s in self.members]
        for source, compilation in compiled:
            self._compile_problems(source, compilation)
        judged = [(s, c) for s, c in compiled if s.path is None or s.path.suffix.lower() != ".bicepparam"]
        for source, compilation in judged:
            if not source.extras.get(_USED):
                self._judge(source, compilation)
        # Files that the run uses but that no parent's judgement took in (none compiles): judged alone, parents
        # before the modules they use (a parent's tree holds more files than any of its modules').
        rest = [(s, c) for s, c in judged if s.extras.get(_USED)]
        rest.sort(key=lambda pair: -len(_compilations(pair[1])))
        for source, compilation in rest:
            if id(compilation) not in self.reached:
                self._judge(source, compilation)
        return self.found

    def _compile_problems(self, source: SourceFile, compilation: Compilation) -> None:
        for problem, owner in compilation.problems():
            if owner is not compilation and self._member(owner) is not None:
                continue  # a file of this group: reported when that file's own compilation is
            if problem.level != "Error" or problem.code == "BCP104" or _machine_dependent(problem, owner):
                continue  # (BCP104, "the module has errors": reported in the module; warnings are not findings)
            code, name = PARSE_ERROR if problem.code in _syntax_codes() else COMPILE_ERROR
            self._add(source, owner, problem.start, problem.end, Severity.ERROR, code, name,
                      f"{problem.code}: {problem.message}")

    def _judge(self, source: SourceFile, compilation: Compilation) -> None:
        if compilation.template is None or not compilation.complete():
            return
        mapped = lint_template(compilation, self.lint_run)
        if mapped is None:
            return
        self.reached.update(id(judged) for judged in _compilations(compilation))
        for finding, owner, start, end in mapped:
            self._add(source, owner, start, end, finding.severity, finding.code, finding.name, finding.message,
                      finding.hint)

    def _member(self, owner: Compilation) -> SourceFile | None:
        return self.by_path.get(self.real(owner.path)) if owner.path is not None else None

    def _add(self, via: SourceFile, owner: Compilation, start: int, end: int, severity: Severity, code: str,
             name: str, message: str, hint: str = "") -> None:
        """A finding in ``owner``'s file, found through ``via``: reported by the file it is in when that is a file
        of the group, else by ``via``; once, and not where a directive silences it."""
        line, column = owner.lines.position(start)
        end_line, end_column = owner.lines.position(end)
        shown = self.inputs.get(self.real(owner.path)) if owner.path is not None else None
        path = shown.shown if shown is not None else (via.shown if owner.path is None else str(owner.path))
        finding = Diagnostic(severity, code, message, Location(path, line, column, end_line, end_column), hint, name)
        if finding in self.seen:
            return
        self.seen.add(finding)
        if id(owner) not in self.directives:
            self.directives[id(owner)] = _directives(owner)
        if any(_silences(d, finding) for d in self.directives[id(owner)]):
            return
        self.found[id(self._member(owner) or via)].append(finding)


def _machine_dependent(problem: Any, owner: Compilation) -> bool:
    """An environment variable that ``readEnvironmentVariable`` reads is unset here: a fact of this machine, not of
    the file (``build`` reports it; validate checks the source, typically where no secret is set)."""
    return owner.model is not None and id(problem) in owner.model.unset_variables


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


def lint_template(compilation: Compilation, run: LintRun) -> list[tuple[Diagnostic, Compilation, int, int]] | None:
    """The findings of the ARM rules on the compiled template, each with the Bicep file and span it maps to; None
    when the template model could not be built (nothing was judged)."""
    from relecloud_templates.arm.template import build_template
    from relecloud_templates.lint.registry import all_rules
    from relecloud_templates.lint.rule import RuleContext

    positions = _Positions([])
    document = positions.locate(compilation.template, ())
    try:
        model = build_template(document)
    except Exception:  # a bug in the model must not hide the compile findings
        return None
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
    from relecloud_templates.bicep.parser import tokens as tk

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
