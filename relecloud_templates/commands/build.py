"""``relecloud build FILE.bicep``: compile Bicep to an ARM template (or a .bicepparam file to a parameters file),
as ``bicep build`` / ``bicep build-params`` do, without the Bicep CLI and without any network access."""

from __future__ import annotations

import json
from pathlib import Path

import click

from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Diagnostic, Location, Severity
from relecloud_templates.fsutil import read_input_text, write_atomic

EPILOG = """\b
Exit codes:
  0  compiled and written
  1  the file does not compile (every error is listed, with its Bicep code); nothing is written
  2  usage error, unreadable input, or the output exists (without --force)"""

_LEVELS = {"Error": Severity.ERROR, "Warning": Severity.WARNING, "Info": Severity.INFO}


def to_json(document: object) -> str:
    """The template as relecloud writes JSON: two-space indent, keys in the compiler's order, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@click.command(name="build", epilog=EPILOG)
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--outfile", "outfile", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write (default: beside SOURCE, .json for a template, .parameters.json for a "
                   ".bicepparam file).")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the result instead of writing a file.")
@click.option("--force", is_flag=True, help="Overwrite the output file when it exists.")
@common_options
def command(source: Path, outfile: Path | None, to_stdout: bool, force: bool) -> None:
    """Compile the Bicep file SOURCE into an ARM template (languageVersion 2.0 where Bicep would use it), with
    its local modules inlined; a .bicepparam file becomes a deploymentParameters file. Registry (br:) and template
    spec (ts:) modules are read from the local module cache (~/.bicep, or $BICEP_CACHE); relecloud never
    downloads them."""
    from relecloud_templates.bicep.compiler import Compiler

    console = get_console()
    if source.suffix.lower() not in (".bicep", ".bicepparam"):
        console.error(f"{source}: not a .bicep or .bicepparam file")
        raise SystemExit(EXIT_USAGE)
    try:
        text = read_input_text(source, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:  # (InputRefused is an OSError)
        console.error(f"cannot read {source}: {getattr(exc, 'strerror', None) or exc}")
        raise SystemExit(EXIT_USAGE) from None
    compilation = Compiler().compile_text(text, source)
    problems = sorted(compilation.problems(), key=lambda p: (str(p[1].path), p[0].start, p[0].code))
    errors = 0
    for problem, owner in problems:
        line, column = owner.lines.position(problem.start)
        severity = _LEVELS.get(problem.level, Severity.ERROR)
        errors += severity == Severity.ERROR
        console.diagnostic(Diagnostic(severity, problem.code, problem.message,
                                      Location(str(owner.path or source), line, column), name="bicep"), err=True)
    if errors:
        console.error(f"{source} does not compile: {errors} error{'s' if errors != 1 else ''}; nothing written")
        raise SystemExit(EXIT_FINDINGS)
    text_out = to_json(compilation.template)
    if to_stdout:
        console.echo(text_out, nl=False)
        raise SystemExit(EXIT_OK)
    target = outfile or default_output(source)
    if target.exists() and not force and outfile is None:
        console.error(f"{target} already exists")
        console.echo("    hint: pass --force to overwrite it, or -o to write elsewhere", err=True)
        raise SystemExit(EXIT_USAGE)
    try:
        write_atomic(target, text_out)
    except OSError as exc:
        console.error(f"cannot write {target}: {exc.strerror or exc}")
        raise SystemExit(EXIT_USAGE) from None
    console.success(f"wrote {target}")
    raise SystemExit(EXIT_OK)


def default_output(source: Path) -> Path:
    if source.suffix.lower() == ".bicepparam":
        return source.with_name(source.stem + ".parameters.json")
    return source.with_suffix(".json")
