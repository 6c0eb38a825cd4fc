"""``relecloud validate [PATH ...]``: check manifests and lint ARM templates and parameter files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, SEVERITY_NAMES, CommandError, Severity
from relecloud_templates.lint.formatters import REPORT_FORMATS
from relecloud_templates.lint.profiles import PROFILES

DEFAULT_OUTPUT = Path("out")

HELP = """Check manifests and lint ARM templates and parameter files.

PATH may be files or folders (searched recursively); `-` reads one file from standard input. Files are
recognised by content: ARM templates and parameter files by their $schema, manifests by their top-level
keys; other files are skipped with a note. Parameter files are paired with their template (metadata.template,
main.parameters.json -> main.json, params.dev.json -> main.json) and their values are used to judge it.

With no PATH, validates ./relecloud.yaml (else the manifest that ./out/plan.json was rendered from) and what
`relecloud render` wrote into ./out.

Many files are checked in several processes at once (Linux; see --jobs); the report is the same either way.

Configuration: [tool.relecloud.validate] in pyproject.toml or [validate] in .relecloud.toml (rule levels,
rule options, excluded paths, fail-on). `relecloud rules` lists the rules; `relecloud rules ID` explains one.

\b
Exit codes:
  0  no finding at or above the --fail-on level (default: error)
  1  findings at or above the --fail-on level
  2  usage error, bad configuration, or an input that cannot be read"""


def _parse_jobs(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    """``auto`` (None: decided by the amount of work) or a number of processes, at least 1."""
    if value.strip().lower() == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither 'auto' nor a number of processes") from None
    if jobs < 1:
        raise click.BadParameter(f"{jobs} is not a number of processes (1 or more, or 'auto')")
    return jobs


@click.command(name="validate", help=HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("-f", "--format", "output_format", type=click.Choice(REPORT_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(SEVERITY_NAMES), default=None,
              help="Lowest severity that makes the exit code 1 (default: error, or the configuration's fail-on).")
@click.option("--profile", type=click.Choice(list(PROFILES)), default=None,
              help="Raise security posture (security-baseline) or the landing zone profile too (data-landing-zone) "
                   "to errors; overrides the configuration's profile.")
@click.option("--select", "select", multiple=True, metavar="RULES",
              help="Check only these rules: IDs, names or ID prefixes (W5, E), repeated or comma-separated. "
                   "Parse and internal errors are always kept.")
@click.option("--ignore", "ignore", multiple=True, metavar="RULES",
              help="Never check these rules: IDs, names or ID prefixes, repeated or comma-separated.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings that are not in this baseline (written by --write-baseline): adopt the "
                   "linter in a repository that already has findings.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the current findings to this file as the baseline, and exit 0.")
@click.option("--skip-unknown-files", "skip_unknown", is_flag=True,
              help="Skip files named on the command line that are not manifests, ARM templates, parameter files or "
                   "Bicep, with a note, instead of failing with exit 2 (for pre-commit hooks, which pass every "
                   "staged file).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: the nearest .relecloud.toml or pyproject.toml).")
@click.option("-j", "--jobs", default="auto", show_default=True, callback=_parse_jobs, metavar="auto|N",
              help="Processes to check files in: auto uses one per CPU (at most 8) when there are enough files to "
                   "pay for it, N uses N (at most one per CPU), 1 checks everything in this process. Linux only; "
                   "elsewhere always 1.")
@click.option("--env", "env", metavar="NAME",
              help="Check manifests for this environment only (default: every environment they define).")
@common_options
def command(paths: tuple[Path, ...], output_format: str, output_file: Path | None, fail_on: str | None,
            profile: str | None, select: tuple[str, ...], ignore: tuple[str, ...], baseline_path: Path | None,
            write_baseline_path: Path | None, skip_unknown: bool, config_path: Path | None, jobs: int | None,
            env: str | None) -> None:
    from relecloud_templates.lint.config import ConfigError, check_rule_keys, load_config
    from relecloud_templates.lint.formatters import formatter
    from relecloud_templates.lint.parallel import choose_jobs, may_share
    from relecloud_templates.lint.rule import DOCS_URL
    from relecloud_templates.lint.runner import LintRun

    console = get_console()
    try:
        selected, ignored = _rule_list(select), _rule_list(ignore)
        check_rule_keys(selected, "--select")
        check_rule_keys(ignored, "--ignore")
        config = load_config(config_path).override(profile=profile, select=selected, ignore=ignored)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    run = LintRun(config=config, environment=env, skip_unknown=skip_unknown)
    run.result.docs_url = config.docs_url or DOCS_URL
    if not paths:
        paths = _default_paths(console)
    # a manifest among other inputs is checked in a worker while this process reads the rest
    run.check_early = len(paths) > 1 and may_share(jobs)
    try:
        _add_inputs(run, paths)
        if output_file is not None:
            _refuse_report_over_an_input(output_file, paths, run.sources)
    except BaseException:  # Ctrl-C, or a report that would overwrite an input: no worker left behind
        run.stop_early()
        raise
    chosen = choose_jobs(jobs, run.total_chars())
    if jobs is not None and chosen < jobs:
        console.detail(f"-j {jobs}: using {chosen}, the CPUs this process may run on")
    with console.progress(len(run.sources), "validating") as progress:
        result = run.run(on_file=progress.advance, jobs=chosen)

    known = None
    if baseline_path is not None:
        known = _apply_baseline(console, result, baseline_path)
    if write_baseline_path is not None:
        _refuse_report_over_an_input(write_baseline_path, paths, run.sources)
        from relecloud_templates.fsutil import write_atomic
        from relecloud_templates.lint import baseline

        write_atomic(write_baseline_path, baseline.write(write_baseline_path, result.diagnostics))
        console.info(f"wrote the baseline {write_baseline_path}: {len(result.diagnostics)} finding(s); "
                     f"later runs with --baseline {write_baseline_path} report only new ones")

    for message in result.unreadable:
        console.error(message)
    for note in result.notes:
        console.info(f"note: {note}")
    color = output_file is None and output_format == "text" and console.use_color()
    report = formatter(output_format)(result, color=color)
    if output_file is not None:
        from relecloud_templates.fsutil import write_atomic

        write_atomic(output_file, report)
    elif report:
        console.echo(report, nl=False)
    if output_format == "text":
        from relecloud_templates.lint.formatters.text_format import summary

        console.info(summary(result))
    if known is not None and (known.known or known.gone):
        console.info(f"baseline {baseline_path}: {known.known} known finding(s) not shown"
                     + (f"; {known.gone} no longer occur (write it again with --write-baseline)" if known.gone else ""))

    if result.unreadable:
        raise SystemExit(EXIT_USAGE)
    if write_baseline_path is not None:
        raise SystemExit(EXIT_OK)
    threshold = Severity.parse(fail_on) if fail_on else config.fail_on
    worst = result.worst()
    raise SystemExit(EXIT_FINDINGS if worst is not None and worst >= threshold else EXIT_OK)


def _add_inputs(run, paths: tuple[Path, ...]) -> None:
    """Read every file named or found in the folders named, and standard input for ``-``."""
    read_stdin = False
    for path in paths:
        if str(path) == "-":
            read_stdin = True
        else:
            run.add_path(path)
    if read_stdin:
        from relecloud_templates.fsutil import read_input_stream
        from relecloud_templates.lint.kinds import STDIN

        try:
            run.add_bytes(read_input_stream(sys.stdin.buffer, STDIN), STDIN)
        except OSError as exc:
            run.result.unreadable.append(f"{STDIN}: cannot read: {exc.strerror or exc}")


def _apply_baseline(console, result, path: Path):
    """Drop from ``result`` the findings the baseline at ``path`` knows; what it did (or a usage error)."""
    from relecloud_templates.lint import baseline

    if not path.exists():
        console.error(f"{path}: no such baseline")
        console.hint(f"write it first: relecloud validate --write-baseline {path} ...")
        raise SystemExit(EXIT_USAGE)
    try:
        known = baseline.read(path)
    except baseline.BaselineError as exc:
        console.error(str(exc))
        raise SystemExit(EXIT_USAGE) from None
    filtered = baseline.apply(result.diagnostics, known, path)
    result.diagnostics = filtered.new
    return filtered


def _rule_list(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _default_paths(console) -> tuple[Path, ...]:
    """With no PATH: the manifest (./relecloud.yaml, else the one ./out/plan.json was rendered from) and ./out."""
    from relecloud_templates.console import command_line
    from relecloud_templates.manifest.locate import locate_manifest
    from relecloud_templates.resources import default_manifest

    def spelled(named: str | None) -> str:
        rendered = [str(DEFAULT_OUTPUT)] if DEFAULT_OUTPUT.is_dir() else []
        return command_line("validate", "--", named or str(default_manifest()), *rendered)

    chosen = locate_manifest(None, False, DEFAULT_OUTPUT, command=spelled)
    console.detail(f"manifest: {chosen.path} ({chosen.why})")
    found = [chosen.path]
    if DEFAULT_OUTPUT.is_dir():
        found.append(DEFAULT_OUTPUT)
    else:
        render = command_line("render", str(chosen.path), "-o", str(DEFAULT_OUTPUT))
        console.info(f"note: {DEFAULT_OUTPUT}/ does not exist; `{render}` renders the templates to validate too")
    return tuple(found)


def _refuse_report_over_an_input(output_file: Path, paths: tuple[Path, ...], sources) -> None:
    """``-o X`` must never overwrite a file the run reads (``validate -o X X``, or X inside a folder checked)."""
    from relecloud_templates.manifest.locate import same_file

    inputs = [p for p in paths if str(p) != "-"] + [s.path for s in sources if s.path is not None]
    for read in inputs:
        if Path(read).is_file() and output_file.exists() and same_file(Path(read), output_file):
            raise CommandError(f"refusing to write the report over {output_file}: it is one of the inputs",
                               hints=["write the report to a file that is not checked, e.g. -o relecloud-report.txt"])
