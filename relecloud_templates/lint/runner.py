"""Run the linter over files and folders: find the files, recognise them, pair parameter files with their
templates, build the template models, run the rules, apply suppressions and the configuration.

``lint(paths, config)`` returns a ``LintResult``: every finding (sorted), notes for the user (skipped files),
and the inputs that could not be read (a usage-level problem: exit 2).

Files are read and parsed here; checking them can be spread over processes (``run(jobs=N)``, lint/parallel.py).
The unit of work is a group of files that are checked together (a template with its parameter files; any other
file alone), and each file's findings are put back in input order, so the result is the same for any ``jobs``.
A ``FileKind.check`` may therefore run in a forked copy of the run: it returns its findings and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relecloud_templates.arm import jsonpos
from relecloud_templates.arm.template import Template, build_template
from relecloud_templates.arm.values import UNKNOWN
from relecloud_templates.diagnostics import Diagnostic, Location, Severity, sorted_diagnostics
from relecloud_templates.fsutil import InputRefused, read_input
from relecloud_templates.lint import kinds as kinds_module
from relecloud_templates.lint import parallel, suppressions
from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.kinds import STDIN, SourceFile, classify, walk_suffixes
from relecloud_templates.lint.registry import all_rules, find_rule
from relecloud_templates.lint.rule import RuleContext
from relecloud_templates.located import pos_at_path

_SKIP_DIRS = {"node_modules", "__pycache__", "site-packages"}
_ABSENT = object()


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the files checked, as shown
    docs_url: str | None = None  # where the rule reference lives (SARIF's helpUri); None: relecloud's own docs

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), default=None)


@dataclass
class LintRun:
    """One validate invocation: the configuration, the clock, and the files met so far."""

    config: LintConfig
    environment: str | None = None  # manifests: check this environment only (default: every one they define)
    # Named files that are not ours are skipped with a note, as files met in a folder are, rather than being an
    # error: for pre-commit hooks, which pass every staged file whose name matches.
    skip_unknown: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    result: LintResult = field(default_factory=LintResult)
    sources: list[SourceFile] = field(default_factory=list)
    _templates_on_disk: dict[Path, SourceFile | None] = field(default_factory=dict)
    _folders: dict[Path, Path] = field(default_factory=dict)  # folder as named -> resolved (``_real``)
    _partners: dict[int, SourceFile | None] = field(default_factory=dict)  # input index -> template it pairs with
    _paired: dict[int, list[SourceFile]] = field(default_factory=dict)  # id(template) -> its parameter files
    # Check a manifest in a forked worker as soon as it is read, while this process reads the other files (when
    # the run will have other files and more than one process may work): modelling a manifest costs about what
    # reading a whole rendered estate does. Set by validate; ``run`` collects the result.
    check_early: bool = False
    _early: parallel.Background | None = None
    _early_indices: list[int] = field(default_factory=list)

    # -- inputs ------------------------------------------------------------------------------------------
    def add_path(self, path: Path, explicit: bool = True) -> None:
        if not path.exists():
            self.result.unreadable.append(f"{path}: no such file or folder")
            return
        if path.is_dir():
            suffixes = walk_suffixes()
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                for name in sorted(files):
                    child = Path(root) / name
                    if child.suffix.lower() in suffixes and not self.config.excluded(child):
                        self._read(child, explicit=False)
            return
        if self.config.excluded(path):
            self.result.notes.append(f"{path}: excluded by the configuration")
            return
        self._read(path, explicit=explicit)

    def add_text(self, text: str, shown: str = STDIN) -> None:
        self._add_source(SourceFile(None, shown, text.lstrip("\ufeff")), explicit=True)

    def add_bytes(self, data: bytes, shown: str = STDIN, path: Path | None = None, explicit: bool = True) -> None:
        """A file's (or standard input's) bytes, decoded as the Azure tools read templates (``jsonpos.decode``).
        Bytes that do not decode are reported (E0001, at the first bad byte) when they were named or look like
        an ARM file; named input that is not text at all cannot be checked (exit 2)."""
        explicit = explicit and (not self.skip_unknown or path is None)
        try:
            text = jsonpos.decode(data)
        except jsonpos.EncodingError as exc:
            guess = data.decode("latin-1")
            ours = path is not None and path.suffix.lower() in _CHECKED_SUFFIXES
            if _mentions_arm_schema(guess) or (explicit and (ours or guess.lstrip().startswith("{"))):
                self.sources.append(SourceFile(path, shown, "", parse_error=exc, kind="broken-json"))
            elif explicit:
                self.result.unreadable.append(f"{shown}: cannot check it: {exc.message}")
            else:
                self.result.notes.append(f"{shown}: skipped: not text ({exc.message})")
            return
        self._add_source(SourceFile(path, shown, text), explicit)

    def _read(self, path: Path, explicit: bool) -> None:
        try:
            data = read_input(path)
        except InputRefused as exc:  # a FIFO, a device, a file far beyond ARM's 4 MB: never a template
            if explicit:
                self.result.unreadable.append(f"{path}: cannot read: {exc.strerror}")
            else:
                self.result.notes.append(f"{path}: skipped: {exc.strerror}")
            return
        except OSError as exc:
            self.result.unreadable.append(f"{path}: cannot read: {exc.strerror or exc}")
            return
        self.add_bytes(data, str(path), path, explicit)

    def _add_source(self, source: SourceFile, explicit: bool) -> None:
        explicit = explicit and (not self.skip_unknown or source.path is None)
        kind = classify(source)
        if kind is None:
            what = "not an ARM template, parameters file, manifest or Bicep file"
            if explicit:  # the user asked for this file: passing it over silently would say "no findings"
                self.result.unreadable.append(f"{source.shown}: cannot check it: {what}"
                                              + _unrecognised_hint(source))
            else:
                self.result.notes.append(f"{source.shown}: skipped: {what}")
            return
        if kind.name == "broken-json" and not explicit and not _mentions_arm_schema(source.text):
            # a .json file met while walking a folder that does not parse and names no ARM schema is some
            # other tool's file (a snippet, a UI definition): not ours to judge
            self.result.notes.append(f"{source.shown}: skipped: not valid JSON, and no ARM $schema in it")
            return
        self.sources.append(source)
        if self.check_early and kind.name == "manifest" and self._early is None:
            # the rules first (needed before the other files are checked anyway): imported while the worker runs, every
            # page they write that the worker still shares would be copied (measured: 20 ms more CPU in all)
            all_rules()
            try:
                self._early = parallel.Background(self._check_group, [[len(self.sources) - 1]])
                self._early_indices = [len(self.sources) - 1]
            except OSError:  # no pipe to be had: checked with the other files
                pass

    # -- running -----------------------------------------------------------------------------------------
    def run(self, on_file: Callable[[str], None] | None = None, jobs: int = 1) -> LintResult:
        """Check every file added so far, in ``jobs`` processes (see ``parallel.choose_jobs``); ``on_file(shown)``
        is called as each one is done (progress). The result does not depend on ``jobs``."""
        early, self._early = self._early, None  # the manifest being checked already (check_early)
        findings: dict[int, list[Diagnostic]] = {}

        def collect(_: int, checked: list[tuple[int, list[Diagnostic]]]) -> None:
            for index, found in checked:
                findings[index] = found
                if on_file is not None:
                    on_file(self.sources[index].shown)

        try:
            self._pair_parameter_files()
            present = {source.kind for source in self.sources}
            for kind in kinds_module.KINDS:
                if kind.prepare is not None and kind.name in present:
                    kind.prepare(self)
            groups = [group for group in self._groups() if early is None or group != self._early_indices]
            if jobs > 1:  # discovered (imported) once, here, rather than again in every worker; in one process, when
                all_rules()  # a file first needs them (a manifest alone needs none)
            # The inputs read so far live until the run ends and hold no reference cycle: the cyclic collector need
            # not walk them again each time the models that the checks build and drop make it run (at 50 zones,
            # 6,000 parsed files walked by every full collection).
            gc.freeze()
            try:
                if jobs > 1:
                    pieces = parallel.balanced_pieces(groups, self._group_work, jobs * parallel.PIECES_PER_JOB)
                    # the heaviest first (any order gives the same result): the pieces left when one process runs
                    # out of work are the small ones, so that the processes finish about together
                    pieces.sort(key=lambda piece: -sum(self._group_work(group) for group in piece))
                    parallel.map_in_processes(self._check_groups, pieces, jobs, collect)
                else:  # one group at a time, so that progress moves file by file
                    parallel.map_in_processes(self._check_group, groups, 1, collect)
                if early is not None:
                    finishing, early = early, None
                    finishing.finish(collect)
            finally:
                gc.unfreeze()
        finally:
            if early is not None:  # interrupted, or a bug: the worker must not outlive the run
                self._early = early
                self.stop_early()
        # Put together in the order of the inputs, as one loop over them would: findings that sort equal keep it.
        for index, source in enumerate(self.sources):
            self.result.files.append(source.shown)
            if source.kind == "parameters" and self._partners[index] is None:
                self.result.notes.append(f"{source.shown}: no template found for this parameters file; "
                                         "checked its structure only (name it in metadata.template)")
            self.result.diagnostics.extend(findings[index])
        self.result.diagnostics = sorted_diagnostics(self.result.diagnostics)
        return self.result

    def stop_early(self) -> None:
        """End the worker checking a manifest early (``check_early``) when the run will not be asked for results."""
        if self._early is not None:
            self._early.stop()
            self._early = None

    def total_chars(self) -> int:
        """How much text the run checks: what decides whether more processes pay."""
        return sum(len(source.text) for source in self.sources)

    def _pair_parameter_files(self) -> None:
        """Find each parameters file's template (among the inputs or on disk), and each template's parameter files."""
        by_path = {self._real(s.path): s for s in self.sources if s.kind == "template" and s.path is not None}
        self._partners = {i: self._template_for(s, by_path) if s.kind == "parameters" else None
                          for i, s in enumerate(self.sources)}
        self._paired = {}
        for index, partner in self._partners.items():
            if partner is not None:
                self._paired.setdefault(id(partner), []).append(self.sources[index])

    def _groups(self) -> list[list[int]]:
        """The inputs (by index) that must be checked together: a template with its parameter files (they share
        its model and its values), the files a kind's ``prepare`` grouped (Bicep files and the modules they use),
        every other file alone. Groups and their members are in input order."""
        groups: dict[int | str, list[int]] = {}
        for index, source in enumerate(self.sources):
            template = self._partners[index] or (source if source.kind == "template" else None)
            key = id(template) if template is not None else source.extras.get("group", -1 - index)
            groups.setdefault(key, []).append(index)
        return list(groups.values())

    def _group_work(self, group: list[int]) -> int:
        return int(sum(kinds_module.work(self.sources[index]) for index in group))

    def _check_groups(self, groups: list[list[int]]) -> list[tuple[int, list[Diagnostic]]]:
        return [checked for group in groups for checked in self._check_group(group)]

    def _check_group(self, group: list[int]) -> list[tuple[int, list[Diagnostic]]]:
        """The findings of each file of one group. A template with one parameters file is modelled with that
        file's values, for itself and for the file: that model is built once (``_merged_values`` of one file
        are its values)."""
        shared_models: dict[int, Template | None] = {}

        def model_of(
            source: SourceFile, template: SourceFile, values: dict[str, Any], sink: list[Diagnostic]
        ) -> Template | None:
            if len(self._paired.get(id(template), ())) != 1:
                return self._model(source, template.data, values, sink)
            if shared_models.get(id(template)) is None:  # a model that failed is built (and reported) again
                shared_models[id(template)] = self._model(source, template.data, values, sink)
            return shared_models[id(template)]

        checked = []
        for index in group:
            source, found = self.sources[index], list[Diagnostic]()
            try:
                self._check_source(source, self._partners.get(index), model_of, found)
            except Exception as exc:  # a bug outside the rules must not hide the other files' findings either
                self._report_runner(found, source, "E0011", f"checking the file failed: {type(exc).__name__}: {exc}",
                                    pos_at_path(source.data, ()), "please report this with the file that caused it")
            checked.append((index, found))
        return checked

    def _check_source(self, source: SourceFile, partner: SourceFile | None, model_of: Callable[..., Any],
                      sink: list[Diagnostic]) -> None:
        if source.kind == "template":
            supplied = _merged_values(self._paired.get(id(source), []))
            self._check_arm(source, model_of(source, source, supplied, sink), sink)
        elif source.kind == "parameters":
            model = model_of(source, partner, _file_values(source.data), sink) if partner else None
            self._check_arm(source, model, sink, partner)
        elif source.kind == "broken-json":
            self._report_runner(sink, source, "E0001", _parse_error_message(source.parse_error),
                                source.parse_error.pos)
        else:
            kind = kinds_module.kind_named(source.kind)
            assert kind is not None, f"no file kind {source.kind!r}"  # classify() gave it: one of KINDS
            if kind.check is not None:
                sink.extend(kind.check(source, self))
            else:  # checked by the rules that name its kind (a rendered estate's plan.json)
                self._check_arm(source, None, sink)

    def _model(self, source: SourceFile, document: Any, values: dict[str, Any],
               sink: list[Diagnostic]) -> Template | None:
        try:
            return build_template(document, values)
        except Exception as exc:  # a bug in the model must not hide the other files' findings
            self._report_runner(sink, source, "E0011", f"the template model failed: {type(exc).__name__}: {exc}",
                                pos_at_path(source.data, ()), "please report this with the file that caused it")
            return None

    def _check_arm(self, source: SourceFile, model: Template | None, sink: list[Diagnostic],
                   partner: SourceFile | None = None) -> None:
        ctx = RuleContext(path=source.shown, text=source.text, document=source.data, kind=source.kind, template=model)
        if partner is not None:
            ctx.template_path = partner.shown
        active: set[str] = set()
        for rule in all_rules():
            if rule.runner_reported or source.kind not in rule.kinds:
                continue
            setting = self.config.setting(rule)
            if setting.level is None:
                continue
            active.add(rule.id)
            ctx.bind(rule, setting.level, setting.options)
            try:
                rule().check(ctx)
            except Exception as exc:  # a bug in a rule must not hide the other findings
                self._report_runner(sink, source, "E0011",
                                    f"rule {rule.id} {rule.name} failed: {type(exc).__name__}: {exc}",
                                    pos_at_path(source.data, ()), "please report this with the file that caused it")
        own_template = model if source.kind == "template" else None
        found, problems = suppressions.collect(source.data, own_template, source.text)
        sink.extend(suppressions.apply(ctx.findings, found, self.today))
        for problem in problems + suppressions.bookkeeping(found, self.today, active):
            self._report_runner(sink, source, problem.rule_id, problem.message,
                                pos_at_path(source.data, problem.path), problem.hint)

    def _report_runner(self, sink: list[Diagnostic], source: SourceFile, rule_id: str, message: str, pos: Any,
                       hint: str = "") -> None:
        rule = find_rule(rule_id)
        if rule is None:
            raise RuntimeError(f"no rule {rule_id}: a bug in the runner")
        level = self.config.setting(rule).level
        if level is None:
            return
        sink.append(Diagnostic(level, rule.id, message, Location(source.shown, pos.line, pos.column),
                                                  hint, rule.name))

    # -- pairing parameter files with templates ----------------------------------------------------------
    def _template_for(self, params: SourceFile, by_path: dict[Path, SourceFile]) -> SourceFile | None:
        """The template a parameters file belongs to: named by metadata.template or by its file name."""
        if params.path is None:
            return None
        for candidate in _template_candidates(params):
            resolved = self._real(candidate)
            if resolved in by_path:
                return by_path[resolved]
            found = self._template_on_disk(resolved)
            if found is not None:
                return found
        # No guessing beyond names: a parameters file checked against the wrong template yields false errors.
        return None

    def _real(self, path: Path) -> Path:
        """``path.resolve()``, with one resolve per folder rather than per file (a corpus of parameter files has
        hundreds in a few folders); a file that is itself a link is resolved whole."""
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        real = folder / path.name
        return real.resolve() if real.is_symlink() else real

    def _template_on_disk(self, path: Path) -> SourceFile | None:
        """A template next to a parameters file but not among the inputs: read to pair, not linted."""
        if path not in self._templates_on_disk:
            found = None
            if path.is_file():
                try:
                    source = SourceFile(path, str(path), jsonpos.decode(read_input(path)))
                    if kinds_module.is_template(source):
                        found = source
                except (OSError, jsonpos.EncodingError):
                    pass
            self._templates_on_disk[path] = found
        return self._templates_on_disk[path]


def _template_candidates(params: SourceFile) -> Iterable[Path]:
    """Where the template of a parameters file may be, most explicit first: ``metadata.template`` (the PSRule
    convention), then the name (``x.parameters.json``, ``x.parameters.dev.json`` -> ``x.json``; ``params.dev.json``
    -> ``main.json``/``azuredeploy.json``)."""
    if params.path is None:  # standard input: nothing to pair by name
        return
    folder = params.path.parent
    metadata = params.data.get("metadata") if isinstance(params.data, dict) else None
    if isinstance(metadata, dict) and isinstance(metadata.get("template"), str):
        yield folder / metadata["template"]
    parts = params.path.name.split(".")
    lowered = [p.lower() for p in parts]
    for marker in ("parameters", "params"):
        if marker in lowered:
            index = lowered.index(marker)
            if index > 0:
                yield folder / (".".join(parts[:index]) + ".json")
            else:
                yield folder / "main.json"
                yield folder / "azuredeploy.json"


def _file_values(document: Any) -> dict[str, Any]:
    """The values a parameters file gives, by name: literal values; Key Vault references are UNKNOWN."""
    params = document.get("parameters") if isinstance(document, dict) else None
    values: dict[str, Any] = {}
    if isinstance(params, dict):
        for name, entry in params.items():
            values[name] = entry["value"] if isinstance(entry, dict) and "value" in entry else UNKNOWN
    return values


def _merged_values(parameter_files: list[SourceFile]) -> dict[str, Any]:
    """Values the template's parameter files agree on; a value that differs between files is UNKNOWN, so
    that a template is judged only on what holds for every environment it is deployed with."""
    if not parameter_files:
        return {}
    per_file = [{k.lower(): v for k, v in _file_values(p.data).items()} for p in parameter_files]
    merged: dict[str, Any] = {}
    for name in sorted({k for values in per_file for k in values}):
        seen = [values.get(name, _ABSENT) for values in per_file]
        first = seen[0]
        # a parameter that some files leave to its default is as uncertain as one they set differently
        merged[name] = first if all(v is not _ABSENT and v == first for v in seen) else UNKNOWN
    return merged


def _parse_error_message(error: Any) -> str:
    if isinstance(error, jsonpos.EncodingError):
        return error.message
    return f"not valid JSON: {error.message}"


_CHECKED_SUFFIXES = {".json", ".jsonc", ".bicep", ".bicepparam"}
_ARM_SCHEMA = re.compile(r'"\$schema"\s*:\s*"[^"]*schema\.management\.azure\.com[^"]*(?:template|parameters)',
                         re.IGNORECASE)


def _mentions_arm_schema(text: str) -> bool:
    """Whether the text names an ARM template or parameters schema, even where it does not parse."""
    return _ARM_SCHEMA.search(text[:65536]) is not None


def _unrecognised_hint(source: SourceFile) -> str:
    if isinstance(source.data, dict):
        if "$schema" in source.data:
            schema = str(source.data["$schema"])[:120]
            return f" (its $schema {schema!r} is neither a deployment template's nor a parameters file's)"
        return " (a template needs the $schema of a deployment template, e.g. " \
               "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#)"
    return ""



def lint(paths: Iterable[Path], config: LintConfig, stdin_text: str | None = None,
         today: dt.date | None = None, jobs: int = 1) -> LintResult:
    run = LintRun(config=config, today=today or dt.date.today())
    for path in paths:
        run.add_path(path)
    if stdin_text is not None:
        run.add_text(stdin_text)
    return run.run(jobs=jobs)

