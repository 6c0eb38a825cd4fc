"""Bicep to ARM: ``compile_file(path)`` compiles a .bicep file (and the modules it uses) into the ARM template the
Bicep compiler would write, with every Bicep error (BCP codes) found on the way.

``Compilation.template`` is the template (a dict, also when there were errors: what could be compiled);
``Compilation.problems()`` lists every diagnostic with the file it belongs to (modules included);
``Compilation.source_of(json_path)`` tells which Bicep file and span produced a value of the template.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relecloud_templates.bicep.compiler import checks
from relecloud_templates.bicep.compiler import modules as sources
from relecloud_templates.bicep.compiler.dependencies import find_dependencies
from relecloud_templates.bicep.compiler.emitter import Emitter
from relecloud_templates.bicep.compiler.filesystem import DISK, FileSystem
from relecloud_templates.bicep.compiler.model import FileModel, analyse, find_inline_variables
from relecloud_templates.bicep.compiler.settings import uses_symbolic_names
from relecloud_templates.bicep.compiler.symbols import ModuleSymbol
from relecloud_templates.bicep.parser import nodes as n
from relecloud_templates.bicep.parser import parse
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic, LineMap


@dataclass
class Compilation:
    path: Path | None
    text: str
    model: FileModel | None = None
    template: Any = None
    spans: dict = field(default_factory=dict)  # JSON path -> (FileModel, start, end)
    nested: dict = field(default_factory=dict)  # JSON path of a module's template -> its Compilation
    modules: list[Compilation] = field(default_factory=list)  # the Bicep modules compiled for this file
    diagnostics: list[BicepDiagnostic] = field(default_factory=list)  # this file's own
    _lines: LineMap | None = None

    @property
    def lines(self) -> LineMap:
        if self._lines is None:
            self._lines = LineMap(self.text)
        return self._lines

    @property
    def has_errors(self) -> bool:
        return any(d.level == "Error" for d, _ in self.problems())

    def complete(self) -> bool:
        """Whether the template is whole: no error but files that load functions could not read (their values
        are placeholders), and modules that are complete in the same sense."""
        missing = self.model.missing_loads if self.model is not None else set()
        for problem in self.diagnostics:
            if problem.level != "Error" or id(problem) in missing:
                continue
            if problem.code == "BCP104":
                continue  # judged through the module itself, below
            return False
        return all(module.complete() for module in self.modules)

    def problems(self) -> list[tuple[BicepDiagnostic, Compilation]]:
        """Every diagnostic of this file and of the modules it uses (each once), with the file it belongs to."""
        found: list[tuple[BicepDiagnostic, Compilation]] = []
        seen: set[int] = set()

        def collect(compilation: Compilation) -> None:
            if id(compilation) in seen:
                return
            seen.add(id(compilation))
            found.extend((d, compilation) for d in compilation.diagnostics)
            for module in compilation.modules:
                collect(module)

        collect(self)
        return found

    def source_of(self, path: tuple) -> tuple[Compilation, int, int] | None:
        """The file and span that produced the value at ``path`` of the template (the nearest ancestor recorded)."""
        for cut in range(len(path), -1, -1):
            prefix = tuple(path[:cut])
            nested = self.nested.get(prefix)
            if nested is not None and cut < len(path):
                inner = nested.source_of(tuple(path[cut:]))
                if inner is not None:
                    return inner
            span = self.spans.get(prefix)
            if span is not None:
                return self, span[1], span[2]
        return None


class Compiler:
    """Compiles files, each once per compiler (a module used twice is compiled once)."""

    def __init__(self, fs: FileSystem = DISK) -> None:
        self.fs = fs
        self.cache: dict[Path, Compilation] = {}
        self.active: list[Path] = []

    def compile_file(self, path: Path) -> Compilation:
        resolved = path.resolve()
        if resolved in self.cache:
            return self.cache[resolved]
        try:
            text = self.fs.read_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            compilation = Compilation(path, "")
            compilation.diagnostics.append(BicepDiagnostic("BCP091", 0, 0, f"The file cannot be read: {exc}"))
            return compilation
        return self.compile_text(text, path)

    def compile_text(self, text: str, path: Path | None = None, params_file: bool | None = None) -> Compilation:
        text = text.lstrip("\ufeff")
        resolved = path.resolve() if path is not None else None
        cached = self.cache.get(resolved) if resolved is not None else None
        if cached is not None and cached.text == text:
            return cached
        if params_file is None:
            params_file = path is not None and path.suffix.lower() == ".bicepparam"
        compilation = Compilation(path, text)
        if resolved is not None:
            self.cache[resolved] = compilation
            self.active.append(resolved)
        try:
            self._compile(compilation, params_file)
        finally:
            if resolved is not None:
                self.active.pop()
        return compilation

    def _compile(self, compilation: Compilation, params_file: bool) -> None:
        parsed = parse(compilation.text, params=params_file)
        model = analyse(parsed, compilation.path, params_file, self.fs)
        compilation.model = model
        compilation.diagnostics = model.diagnostics
        model.diagnostics[:0] = parsed.diagnostics + model.binding.diagnostics
        if params_file:
            from relecloud_templates.bicep.compiler.params import emit_parameters

            with _consequences(model):
                compilation.template = emit_parameters(self, compilation)
            return
        find_inline_variables(model)
        find_dependencies(model)
        targets = self._module_compilations(compilation)
        checks.check(model)
        model.symbolic = uses_symbolic_names(model, targets)
        emitter = Emitter(model, lambda module: self._module_template(compilation, module))
        with _consequences(model):
            try:
                compilation.template = emitter.template()
            except RecursionError:
                model.error("BCP-NESTING", parsed.program, "The file nests expressions too deeply to compile.")
        compilation.spans = emitter.spans
        compilation.nested = dict(emitter.nested_spans.items())

    def _module_compilations(self, compilation: Compilation) -> dict[int, Any]:
        """Compile every module the file uses (before the file itself: the file's output depends on theirs)."""
        model = compilation.model
        assert model is not None
        found: dict[int, Any] = {}
        for module in model.binding.modules:
            found[id(module)] = self._load_module(compilation, module)
        return found

    def _load_module(self, compilation: Compilation, module: ModuleSymbol) -> Any:
        model = compilation.model
        assert model is not None
        reference = module.path
        node = module.decl.path
        if reference is None:
            if isinstance(node, n.StringSyntax):
                model.error("BCP092", node, "String interpolation is not supported in a module path.")
            return None
        source = sources.locate(reference, compilation.path, node, self.fs)
        if source.kind in ("error", "missing"):
            model.error(source.code, node, source.message)
            return None
        assert source.path is not None
        resolved = source.path.resolve()
        if resolved in self.active:
            code = "BCP094" if resolved == (compilation.path.resolve() if compilation.path else None) else "BCP095"
            model.error(code, node, "This module refers to itself." if code == "BCP094" else
                        "The module is part of a cycle of modules referring to each other.")
            return None
        if source.kind == "json" or (source.kind == "cached" and source.path.suffix == ".json"):
            try:
                template = json.loads((self.fs if source.kind == "json" else DISK).read_text(source.path))
            except (OSError, ValueError) as exc:
                model.error("BCP188", node, f"The referenced ARM template cannot be read: {exc}")
                return None
            module.target = _JsonModule(source.path, template)
            return module.target
        target = self.compile_file(source.path)
        module.target = target
        if target not in compilation.modules:
            compilation.modules.append(target)
        if any(d.code in ("BCP094", "BCP095") for d, _ in target.problems()):
            model.error("BCP095", node, "The module is part of a cycle of modules referring to each other.")
        elif any(d.level == "Error" for d in target.diagnostics):
            model.error("BCP104", node, "The referenced module has errors.")
        return target

    def _module_template(self, compilation: Compilation, module: ModuleSymbol) -> Any:
        target = module.target
        if isinstance(target, _JsonModule):
            return target.template
        if isinstance(target, Compilation):
            return target.template
        return None


@contextmanager
def _consequences(model: FileModel) -> Iterator[None]:
    """Emit in a file that already has errors: what the emitter then cannot compile, and what it finds again at
    a place already reported, are consequences of those errors, not errors of their own."""
    before = len(model.diagnostics)
    reported = {(d.start, d.end) for d in model.diagnostics if d.level == "Error"}
    yield
    if reported:
        model.diagnostics[before:] = [d for d in model.diagnostics[before:] if d.code not in (
            "BCP-EMIT", "BCP-NESTING") and (d.start, d.end) not in reported]


@dataclass
class _JsonModule:
    path: Path
    template: Any
    spans: Any = None


def compile_file(path: Path) -> Compilation:
    return Compiler().compile_file(Path(path))


def compile_text(text: str, path: Path | None = None) -> Compilation:
    return Compiler().compile_text(text, path)


