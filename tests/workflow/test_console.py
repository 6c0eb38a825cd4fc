"""Colour, verbosity and progress as a user sees them."""

from __future__ import annotations

import io

import click
import pytest
from click.testing import CliRunner

from relecloud_templates.console import (
    Console,
    Progress,
    Verbosity,
    color_enabled,
    common_options,
    get_console,
    styled_diagnostic,
)
from relecloud_templates.diagnostics import Diagnostic, Location, Severity

ANSI = "\x1b["


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def finding(severity: Severity = Severity.ERROR, hint: str = "define it") -> Diagnostic:
    return Diagnostic(severity, "E1001", "parameter 'x' is not defined", Location("main.json", 7, 19), hint,
                      "undefined-parameter")


@pytest.mark.parametrize(
    "explicit, environ, tty, expected",
    [
        (None, {}, True, True),
        (None, {}, False, False),
        (None, {"TERM": "dumb"}, True, False),
        (None, {"NO_COLOR": "1"}, True, False),
        (None, {"NO_COLOR": ""}, True, True),  # no-color.org: only a non-empty value counts
        (None, {"FORCE_COLOR": "1"}, False, True),
        (None, {"FORCE_COLOR": "0"}, True, False),
        (None, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        (True, {"NO_COLOR": "1"}, False, True),
        (False, {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_decision(explicit, environ, tty, expected):
    stream = FakeTerminal() if tty else io.StringIO()
    assert color_enabled(stream, explicit, environ) is expected


def test_a_diagnostic_without_colour_is_exactly_the_plain_format():
    console = Console(color=False, stdout=io.StringIO())
    console.diagnostic(finding())
    assert console.stream().getvalue() == finding().format() + "\n"


def test_a_coloured_diagnostic_says_the_same_words():
    styled = styled_diagnostic(finding())
    assert ANSI + "31m" in styled  # error in red
    assert click.unstyle(styled) == finding().format()
    no_hint = finding(Severity.WARNING, hint="")
    assert click.unstyle(styled_diagnostic(no_hint)) == no_hint.format()


def test_quiet_hides_info_findings_but_never_warnings_or_errors():
    out = io.StringIO()
    console = Console(Verbosity.QUIET, color=False, stdout=out, stderr=io.StringIO())
    for severity in Severity:
        console.diagnostic(finding(severity))
    assert "info" not in out.getvalue()
    assert "warning E1001" in out.getvalue() and "error E1001" in out.getvalue()


@click.command()
@click.argument("name")
@click.option("--format", "fmt", default="text")
@common_options
def below_command(name, fmt):
    console = get_console()
    console.info(f"checking {name} as {fmt}")
    console.detail("took 2 ms")
    console.echo(console.style("result", fg="green"))
    console.error("one problem")


@common_options
@click.command()
@click.argument("name")
def above_command(name):
    console = get_console()
    console.info(f"checking {name}")
    console.detail("took 2 ms")
    console.echo(console.style("result", fg="green"))


@pytest.mark.parametrize("command", [below_command, above_command], ids=["below", "above"])
class TestCommonOptions:
    def test_normal_output_splits_result_and_narration(self, command):
        result = CliRunner().invoke(command, ["x"])
        assert result.exit_code == 0, result.output
        assert result.stdout == "result\n"
        assert "checking x" in result.stderr and "took 2 ms" not in result.stderr

    def test_quiet_keeps_only_results_and_errors(self, command):
        result = CliRunner().invoke(command, ["x", "-q"])
        assert result.stdout == "result\n"
        assert "checking" not in result.stderr

    def test_verbose_adds_detail(self, command):
        result = CliRunner().invoke(command, ["x", "--verbose"])
        assert "took 2 ms" in result.stderr

    def test_quiet_and_verbose_together_is_a_usage_error(self, command):
        result = CliRunner().invoke(command, ["x", "-q", "-v"])
        assert result.exit_code == 2
        assert "--quiet and --verbose cannot be used together" in result.stderr

    def test_piped_output_has_no_colour_unless_asked(self, command):
        assert ANSI not in CliRunner().invoke(command, ["x"]).output
        assert ANSI in CliRunner().invoke(command, ["x", "--color"]).stdout

    def test_no_color_environment_wins_over_force_color(self, command):
        result = CliRunner().invoke(command, ["x"], env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
        assert ANSI not in result.output

    def test_force_color_colours_a_pipe(self, command):
        assert ANSI in CliRunner().invoke(command, ["x"], env={"FORCE_COLOR": "1", "NO_COLOR": None}).stdout


def test_the_command_keeps_its_own_parameters():
    result = CliRunner().invoke(below_command, ["x", "--format", "json"])
    assert "checking x as json" in result.stderr
    names = [p.name for p in below_command.params]
    assert names[:2] == ["name", "fmt"]  # its own first in --help, the common ones after


def test_console_outside_a_command_is_a_plain_default():
    console = get_console()
    assert console.verbosity == Verbosity.NORMAL and console.color is None


class TestProgress:
    @pytest.fixture(autouse=True)
    def _capable_terminal(self, monkeypatch):
        monkeypatch.setenv("TERM", "xterm-256color")  # CI machines often say TERM=dumb

    def test_draws_a_bar_on_a_terminal_and_clears_it(self):
        terminal = FakeTerminal()
        console = Console(stderr=terminal)
        with console.progress(3, "validating") as progress:
            for name in ("a.json", "b.json", "c.json"):
                progress.advance(name)
        drawn = terminal.getvalue()
        assert "validating [" in drawn and "3/3 c.json" in drawn  # the last step is always drawn
        assert drawn.endswith("\r\x1b[K")  # nothing left on the line afterwards
        assert "\n" not in drawn

    def test_is_silent_in_a_log_by_default(self):
        log = io.StringIO()
        with Console(stderr=log).progress(2, "rendering") as progress:
            progress.advance("mgmt")
            progress.advance("operations")
        assert log.getvalue() == ""

    def test_writes_plain_lines_in_a_log_when_the_caller_asks(self):
        log = io.StringIO()
        with Console(stderr=log).progress(2, "deploying", log_lines=True) as progress:
            progress.advance("mgmt")
            progress.advance("operations")
        assert log.getvalue() == "deploying: 1/2 mgmt\ndeploying: 2/2 operations\n"

    def test_verbose_logs_lines_and_quiet_silences_even_a_terminal(self):
        log = io.StringIO()
        with Console(Verbosity.VERBOSE, stderr=log).progress(None, "checking") as progress:
            progress.advance("x.json")
        assert log.getvalue() == "checking: 1 x.json\n"
        terminal = FakeTerminal()
        with Console(Verbosity.QUIET, stderr=terminal).progress(5, "checking", log_lines=True) as progress:
            progress.advance("x.json")
            progress.note("a message")
        assert terminal.getvalue() == ""

    def test_a_note_does_not_tear_the_bar(self):
        terminal = FakeTerminal()
        with Console(stderr=terminal).progress(2, "deploying") as progress:
            progress.advance("mgmt")
            progress.note("mgmt: succeeded")
        lines = terminal.getvalue().split("\n")
        assert lines[0].endswith("\r\x1b[Kmgmt: succeeded")  # the bar was erased before the note
        assert "deploying [" in lines[1]  # and drawn again below it

    def test_many_steps_redraw_a_bounded_number_of_times(self):
        terminal = FakeTerminal()
        with Console(stderr=terminal).progress(5000, "validating") as progress:
            for index in range(5000):
                progress.advance(f"{index}.json")
        assert terminal.getvalue().count("\r") < 50

    def test_threads_can_share_one_progress(self):
        import threading

        log = io.StringIO()
        progress = Progress(log, 400, "deploying", Progress.LINES)
        workers = [threading.Thread(target=lambda: [progress.advance() for _ in range(100)]) for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert progress.done == 400
        assert log.getvalue().splitlines()[-1] == "deploying: 400/400"


def test_every_command_takes_quiet_verbose_and_colour_options():
    from relecloud_templates.cli import cli

    ctx = click.Context(cli, info_name="relecloud")
    missing = {}
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        flags = {flag for param in command.params for flag in (*param.opts, *param.secondary_opts)}
        lacking = {"-q", "--quiet", "-v", "--verbose", "--color", "--no-color"} - flags
        if lacking:
            missing[name] = sorted(lacking)
    assert missing == {}
