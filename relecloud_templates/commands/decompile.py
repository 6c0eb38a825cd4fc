"""``relecloud decompile FILE.json``: the same translator that renders the estate's Bicep, for any ARM template."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from relecloud_templates.arm import jsonpos, shape
from relecloud_templates.arm.vocabulary import is_parameters_schema, schema_scope
from relecloud_templates.console import command_line, common_options, get_console
from relecloud_templates.deploy.problems import code_of
from relecloud_templates.diagnostics import (
    EXIT_FINDINGS,
    EXIT_OK,
    CommandError,
    Diagnostic,
    DiagnosticsError,
    Location,
    Severity,
)
from relecloud_templates.fsutil import read_input_text, write_atomic_many
from relecloud_templates.located import pos_at_path

if TYPE_CHECKING:
    from relecloud_templates.lint.rule import Rule

UNTRANSLATED = (code_of("untranslated-construct"), "untranslated-construct")
_SURROGATE = re.compile("[\ud800-\udfff]")

EPILOG = """\b
Exit codes:
  0  written; every construct has a faithful Bicep translation
  1  written, with constructs marked '// relecloud: ...' that need review (listed as warnings)
  2  usage error, unreadable or invalid input, not an ARM template, sections of the wrong JSON type,
     or files exist (without --force)"""


@click.command(name="decompile", epilog=EPILOG)
@click.argument("template", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the Bicep files (default: beside TEMPLATE).")
@click.option("-p", "--parameters", "parameters_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A deploymentParameters file to translate into a .bicepparam file as well.")
@click.option("--force", is_flag=True, help="Overwrite Bicep files that already exist.")
@common_options
def command(template: Path, out_dir: Path | None, parameters_path: Path | None, force: bool) -> None:
    """Translate the ARM template TEMPLATE into idiomatic Bicep.

    Writes <stem>.bicep (and modules/*.bicep for nested deployments, <stem>.bicepparam with --parameters).
    Where a construct has no faithful translation the output says so in a '// relecloud:' comment at that
    place, and the command warns; it never silently changes meaning.
    """
    from relecloud_templates.bicep import emit_unit
    from relecloud_templates.lint.rules.structure.parameter_file_structure import ParameterFileStructure
    from relecloud_templates.lint.rules.structure.template_sections import TemplateSections

    console = get_console()
    document = _load(template, console, want_template=True)
    # The translator reads sections as ARM defines them: values of another JSON type are the errors that
    # rules E0003 and E0005 report from the same check.
    malformed = _shape_findings(template, document, shape.template_problems(document), TemplateSections)
    parameters = _load(parameters_path, console, want_template=False) if parameters_path else None
    if parameters_path is not None and parameters is not None:
        malformed += _shape_findings(parameters_path, parameters, shape.parameter_file_problems(parameters),
                                     ParameterFileStructure)
    if malformed:
        raise DiagnosticsError(malformed)
    out_dir = out_dir if out_dir is not None else template.parent
    output = emit_unit(document, parameters, stem=template.stem)
    targets = {out_dir / rel: text for rel, text in output.files.items()}
    existing = sorted(str(p) for p in targets if p.exists())
    if existing and not force:
        raise CommandError("\n".join(f"{path} already exists" for path in existing),
                           hints=["pass --force to overwrite, or -o to write elsewhere"])
    try:
        write_atomic_many(list(targets.items()))
    except OSError as exc:
        raise CommandError(f"cannot write {exc.filename or out_dir}: {exc.strerror or exc}") from None
    for note in output.notes:
        console.diagnostic(Diagnostic(Severity.WARNING, UNTRANSLATED[0], note.message,
                                      Location(str(out_dir / note.path), note.line, note.column),
                                      "review this place by hand: the translation is not faithful here",
                                      UNTRANSLATED[1]))
    summary = f"wrote {len(targets)} file{'s' if len(targets) != 1 else ''} to {out_dir}"
    if output.notes:
        console.warning(f"{summary}; {len(output.notes)} construct(s) need review")
        raise SystemExit(EXIT_FINDINGS)
    console.success(summary)
    raise SystemExit(EXIT_OK)


def _shape_findings(path: Path, document: dict, problems: list, rule: type[Rule]) -> list[Diagnostic]:
    """Values of the wrong JSON type, which the translator cannot read."""
    explain = f"`{command_line('validate', '--', str(path))}` explains every problem of the file"
    found = []
    for where, message in problems:
        pos = pos_at_path(document, where)
        found.append(Diagnostic(Severity.ERROR, rule.id, message, Location(str(path), pos.line, pos.column),
                                explain, rule.name))
    return found


def _lone_surrogates(document: object) -> Iterator[tuple]:
    """Paths of the strings (property names included) that hold a lone UTF-16 surrogate from a ``\\u`` escape."""
    stack: list[tuple[object, tuple]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                yield path
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    yield path + (key,)
                stack.append((item, path + (key,)))
        elif isinstance(value, list):
            stack.extend((item, path + (i,)) for i, item in enumerate(value))


def _load(path: Path, console, want_template: bool) -> dict:
    try:
        text = read_input_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        document = jsonpos.loads(text)
    except jsonpos.JsonSyntaxError as exc:
        raise DiagnosticsError(
            [
                Diagnostic(
                    Severity.ERROR,
                    "E0001",
                    exc.message,
                    Location(str(path), exc.pos.line, exc.pos.column),
                    name="parse-error",
                )
            ]
        ) from None
    broken = sorted(_lone_surrogates(document), key=lambda where: pos_at_path(document, where))
    if broken:
        raise DiagnosticsError([
            Diagnostic(Severity.ERROR, "E0001", "a string holds a lone surrogate escape (such as \\udfff), which is "
                       "not Unicode text and cannot be written to a Bicep file",
                       Location(str(path), pos.line, pos.column), "escape whole characters only", "parse-error")
            for pos in (pos_at_path(document, where) for where in broken)])
    schema = document.get("$schema") if isinstance(document, dict) else None
    is_template = schema_scope(schema) is not None
    is_parameters = is_parameters_schema(schema)
    if (want_template and not is_template) or (not want_template and not is_parameters):
        wanted = "an ARM deployment template" if want_template else "a deploymentParameters file"
        raise CommandError(f"{path}: not {wanted} (its $schema is {schema!r})")
    return document
