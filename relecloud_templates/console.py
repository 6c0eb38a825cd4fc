"""What the terminal sees: colour, verbosity and progress, decided once and shared by every command.

How a command uses it::

    from relecloud_templates.console import common_options, get_console

    @click.command()
    @click.argument("paths", nargs=-1)
    @common_options                     # adds -q/--quiet, -v/--verbose, --color/--no-color; nothing to accept
    def command(paths):
        console = get_console()
        console.info("checking 3 files")          # stderr; hidden by --quiet
        console.detail("rule E1001 took 2 ms")    # stderr; shown only with --verbose
        console.diagnostic(diagnostic)           # stdout; styled by severity, info-level hidden by --quiet
        console.echo(result_text)                # stdout; the result itself, always printed
        console.error("cannot read x.json")       # stderr; always printed, "error:" in red
        with console.progress(len(paths), "validating") as progress:
            for path in paths:
                ...
                progress.advance(path)          # a bar on a terminal, silent in CI logs

Everything printed is escaped here, the one place (``printable``): control characters that could move the
cursor, rewrite a line (CR), ring the bell, retitle the terminal or reorder text (ESC, BEL, CR, C1 controls,
bidi overrides) may come from manifests, templates, plan files, file names or ARM's answers, and are shown as
``\\u001b``-style escapes (valid inside JSON strings too, so machine-readable output keeps its meaning). Only
the colour sequences a console writes itself survive, and only on a stream that gets colour.

``common_options`` may sit above or below ``@click.command()``. The options never reach the command function:
they configure the ``Console`` stored on the click context, which ``get_console()`` returns (a default console
when no command configured one, e.g. in library use).

Colour is decided per stream, first match wins: ``--color``/``--no-color``; ``NO_COLOR`` set and non-empty (off,
https://no-color.org); ``FORCE_COLOR`` set and non-empty (on, except ``0``/``false``); otherwise on only when
the stream is a terminal and ``TERM`` is not ``dumb``. Results go to stdout and chatter to stderr, so a piped
result stays clean. Without colour a diagnostic prints exactly ``Diagnostic.format()``.
"""

from __future__ import annotations

import enum
import functools
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Mapping
from typing import IO, Any

import click

from relecloud_templates.diagnostics import Diagnostic, Severity

_CONSOLE_KEY = "relecloud.console"
# Redraw the progress line at most this often: a terminal drawing thousands of lines slows the work it reports.
_REDRAW_INTERVAL = 0.1

SEVERITY_STYLES: dict[Severity, dict] = {
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow", "bold": True},
    Severity.INFO: {"fg": "cyan"},
}
SUCCESS_STYLE = {"fg": "green", "bold": True}
LOCATION_STYLE = {"bold": True}
HINT_STYLE = {"dim": True}


# Characters that control a terminal rather than print: C0 controls but tab and newline, DEL, C1 controls, the
# bidirectional overrides and isolates ("Trojan source"), and lone surrogates (the bytes of a file name that is
# not UTF-8, as Python keeps them).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A colour sequence as click.style writes it (ESC [ params m).
_SGR = re.compile("\x1b\\[([0-9;]*)m")
# The SGR parameters the console uses: reset, bold, dim, italic, underline, normal intensity, foreground
# colours. Anything else (conceal, reverse video, background colours, blinking) could hide or disguise text.
_OUR_SGR = {"", "0", "1", "2", "3", "4", "22", "23", "24", "39", *map(str, range(30, 38)), *map(str, range(90, 98))}


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: str, keep_colour: bool = False) -> str:
    """``text`` with every character that controls the terminal escaped as ``\\uXXXX`` (module docstring).
    With ``keep_colour``, the colour sequences that click.style writes are kept (only on a coloured stream)."""
    if not keep_colour or "\x1b" not in text:
        return _UNPRINTABLE.sub(_escape, text)
    pieces, last = [], 0
    for match in _SGR.finditer(text):
        if all(param in _OUR_SGR for param in match.group(1).split(";")):
            pieces.append(_UNPRINTABLE.sub(_escape, text[last:match.start()]))
            pieces.append(match.group())
            last = match.end()
    pieces.append(_UNPRINTABLE.sub(_escape, text[last:]))
    return "".join(pieces)


class Verbosity(enum.IntEnum):
    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


def is_terminal(stream: IO | None, environ: Mapping[str, str] | None = None) -> bool:
    """A stream a person is watching: a tty whose terminal understands cursor control."""
    environ = os.environ if environ is None else environ
    isatty = getattr(stream, "isatty", None)
    try:
        interactive = bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
    return interactive and environ.get("TERM") != "dumb"


def color_enabled(stream: IO | None, explicit: bool | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether text written to ``stream`` should carry colour (precedence in the module docstring)."""
    if explicit is not None:
        return explicit
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    force = environ.get("FORCE_COLOR")
    if force:
        return force.strip().lower() not in ("0", "false")
    return is_terminal(stream, environ)


class Console:
    """Where a command writes. ``stdout``/``stderr`` default to the current ``sys`` streams at each write, so
    that click's test runner and pytest's capture see the output."""

    def __init__(
        self,
        verbosity: Verbosity = Verbosity.NORMAL,
        color: bool | None = None,
        stdout: IO | None = None,
        stderr: IO | None = None,
    ):
        self.verbosity = verbosity
        self.color = color  # None: decide per stream
        self._stdout = stdout
        self._stderr = stderr

    @property
    def quiet(self) -> bool:
        return self.verbosity == Verbosity.QUIET

    @property
    def verbose(self) -> bool:
        return self.verbosity == Verbosity.VERBOSE

    def stream(self, err: bool = False) -> IO:
        if err:
            return self._stderr if self._stderr is not None else sys.stderr
        return self._stdout if self._stdout is not None else sys.stdout

    def use_color(self, err: bool = False) -> bool:
        return color_enabled(self.stream(err), self.color)

    def style(self, text: str, err: bool = False, **styles) -> str:
        """``click.style`` when the target stream gets colour, the plain text otherwise."""
        return click.style(text, **styles) if self.use_color(err) else text

    def echo(self, message: str = "", err: bool = False, nl: bool = True) -> None:
        """Print always, whatever the verbosity: the result the user asked for. Control characters are escaped
        (``printable``); colour sequences survive only on a stream that gets colour."""
        color = self.use_color(err)
        click.echo(printable(message, keep_colour=color), file=self.stream(err), nl=nl, color=color)

    def info(self, message: str) -> None:
        """Narration (what is being done, summaries) on stderr; hidden by --quiet."""
        if not self.quiet:
            self.echo(message, err=True)

    def detail(self, message: str) -> None:
        """Extra detail on stderr, shown only with --verbose."""
        if self.verbose:
            self.echo(self.style(message, err=True, dim=True), err=True)

    def success(self, message: str) -> None:
        if not self.quiet:
            self.echo(self.style(message, err=True, **SUCCESS_STYLE), err=True)

    def warning(self, message: str) -> None:
        self._labelled(Severity.WARNING, message)

    def error(self, message: str) -> None:
        """Always printed, on stderr, as ``error: message``."""
        self._labelled(Severity.ERROR, message)

    def hint(self, text: str) -> None:
        """An indented ``hint:`` line under an error, on stderr; always printed."""
        self.echo(f"    {self.style('hint:', err=True, **HINT_STYLE)} {text}", err=True)

    def _labelled(self, severity: Severity, message: str) -> None:
        label = self.style(f"{severity.label}:", err=True, **SEVERITY_STYLES[severity])
        self.echo(f"{label} {message}", err=True)

    def format_diagnostic(self, diagnostic: Diagnostic, err: bool = False) -> str:
        return styled_diagnostic(diagnostic) if self.use_color(err) else diagnostic.format()

    def diagnostic(self, diagnostic: Diagnostic, err: bool = False) -> None:
        """Print one finding; --quiet hides info-level findings, never warnings or errors."""
        if self.quiet and diagnostic.severity < Severity.WARNING:
            return
        self.echo(self.format_diagnostic(diagnostic, err), err=err)

    def progress(self, total: int | None, label: str, *, log_lines: bool = False) -> Progress:
        """A progress reporter for ``total`` steps (None: unknown). On a terminal it redraws one line on stderr;
        elsewhere it is silent, or prints one plain line per step when ``log_lines`` is set or --verbose is on.
        --quiet silences it everywhere."""
        stream = self.stream(err=True)
        if self.quiet:
            mode = Progress.SILENT
        elif is_terminal(stream):
            mode = Progress.BAR
        elif log_lines or self.verbose:
            mode = Progress.LINES
        else:
            mode = Progress.SILENT
        return Progress(stream, total, label, mode)


def command_line(*args: str) -> str:
    """``relecloud ARGS`` as the user would type it in a POSIX shell (quoted where needed): what hints print."""
    import shlex  # here, as shutil below: modules every command would import for a hint or a progress bar

    return shlex.join(["relecloud", *(str(a) for a in args)])


def styled_diagnostic(diagnostic: Diagnostic) -> str:
    """``Diagnostic.format()`` with the location, severity and hint styled; the words are unchanged."""
    plain = diagnostic.format()
    location = str(diagnostic.location)
    label = diagnostic.severity.label
    rest = plain[len(location) + 2 + len(label):]
    first_line, hint_marker, hint = rest.partition("\n    hint: ")
    text = (
        click.style(location, **LOCATION_STYLE)
        + ": "
        + click.style(label, **SEVERITY_STYLES[diagnostic.severity])
        + first_line
    )
    if hint_marker:
        text += "\n    " + click.style("hint:", **HINT_STYLE) + " " + hint
    return text


class Progress:
    """Counts steps of long work. Safe to advance from several threads (deploy runs units in parallel)."""

    SILENT = "silent"
    BAR = "bar"
    LINES = "lines"

    def __init__(self, stream: IO, total: int | None, label: str, mode: str):
        self.stream = stream
        self.total = total
        self.label = label
        self.mode = mode
        self.done = 0
        self._lock = threading.Lock()
        self._last_draw = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:
        if self.mode == Progress.BAR:
            self._draw("", force=True)
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def set_total(self, total: int | None) -> None:
        """The number of steps, once it is known (e.g. after planning)."""
        with self._lock:
            self.total = total

    def advance(self, item: str = "", steps: int = 1) -> None:
        """Record ``steps`` finished steps; ``item`` names what just finished."""
        with self._lock:
            self.done += steps
            if self.mode == Progress.LINES:
                self._write(printable(f"{self.label}: {self._count()}{' ' + item if item else ''}") + "\n")
            elif self.mode == Progress.BAR:
                self._draw(item, force=self.total is not None and self.done >= self.total)

    def note(self, message: str) -> None:
        """Print a line of its own without tearing the bar (on a terminal the bar is redrawn below it)."""
        with self._lock:
            if self.mode == Progress.SILENT:
                return
            if self._drawn:
                self._write("\r\x1b[K")
            self._write(printable(message) + "\n")
            if self.mode == Progress.BAR:
                self._draw("", force=True)

    def close(self) -> None:
        with self._lock:
            if self._drawn:
                self._write("\r\x1b[K")
                self._drawn = False
            self.mode = Progress.SILENT

    def _count(self) -> str:
        return f"{self.done}/{self.total}" if self.total is not None else str(self.done)

    def _draw(self, item: str, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < _REDRAW_INTERVAL:
            return
        self._last_draw = now
        import shutil

        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        line = f"{self.label} {self._bar()} {self._count()}"
        if item:
            line += f" {item}"
        self._write("\r" + printable(line)[:width] + "\x1b[K")
        self._drawn = True

    def _bar(self, cells: int = 24) -> str:
        if not self.total:
            return ""
        filled = min(cells, cells * self.done // self.total)
        return "[" + "#" * filled + "-" * (cells - filled) + "]"

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def get_console(ctx: click.Context | None = None) -> Console:
    """The console of the running command (configured by ``common_options``), or a default one."""
    ctx = ctx if ctx is not None else click.get_current_context(silent=True)
    if ctx is None:
        return Console()
    console = ctx.meta.get(_CONSOLE_KEY)
    if console is None:
        console = ctx.meta[_CONSOLE_KEY] = Console()
    return console


def configure(ctx: click.Context, *, quiet: bool = False, verbose: bool = False, color: bool | None = None) -> Console:
    """Set the verbosity and colour for this invocation; --quiet with --verbose is a usage error (exit 2)."""
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together", ctx=ctx)
    verbosity = Verbosity.QUIET if quiet else Verbosity.VERBOSE if verbose else Verbosity.NORMAL
    console = get_console(ctx)
    console.verbosity = verbosity
    if color is not None:
        console.color = color
    return console


def _common_params() -> list[click.Option]:
    """Fresh option objects for each command (a click command owns its params). The parameter names are
    prefixed so that they never collide with a command's own."""
    return [
        click.Option(["-q", "--quiet", "console_quiet"], is_flag=True,
                     help="Print only results, warnings and errors: no progress, no summaries."),
        click.Option(["-v", "--verbose", "console_verbose"], is_flag=True,
                     help="Print more detail about what is being done."),
        click.Option(["--color/--no-color", "console_color"], default=None,
                     help="Force colour on or off (default: on for a terminal, off when piped or NO_COLOR is set)."),
    ]


def _configuring(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args, **kwargs):
        configure(
            click.get_current_context(),
            quiet=kwargs.pop("console_quiet", False),
            verbose=kwargs.pop("console_verbose", False),
            color=kwargs.pop("console_color", None),
        )
        return callback(*args, **kwargs)

    return run


def common_options(target):
    """Add -q/--quiet, -v/--verbose and --color/--no-color to a click command (or the function that becomes one)."""
    if isinstance(target, click.Command):
        target.params.extend(_common_params())
        if target.callback is not None:
            target.callback = _configuring(target.callback)
        return target
    wrapped = _configuring(target)
    # click reads __click_params__ in reverse; putting these first lists them after the command's own in --help.
    params = list(reversed(_common_params())) + list(getattr(target, "__click_params__", []))
    wrapped.__click_params__ = params  # type: ignore[attr-defined]
    return wrapped
