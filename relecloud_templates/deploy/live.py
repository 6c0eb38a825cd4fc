"""Unit progress: a live block of unit lines on a terminal, plain log lines elsewhere (CI logs).

Worker threads report through ``phase``; everything that writes holds one lock, so lines never interleave.
Whether the stream is a terminal and gets colour is decided by the shared console (NO_COLOR, --no-color).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import IO, Any

import click

from relecloud_templates.console import is_terminal, printable

STYLES: dict[str, dict[str, Any]] = {  # meaning -> click.style keywords
    "create": {"fg": "green"}, "modify": {"fg": "yellow"}, "delete": {"fg": "red", "bold": True},
    "ok": {"fg": "green"}, "failed": {"fg": "red", "bold": True}, "skipped": {"fg": "yellow"},
    "dim": {"dim": True}, "bold": {"bold": True},
}


class LiveUnits:
    def __init__(self, stream: IO, units: Sequence[str], *, color: bool, live: bool | None = None,
                 quiet: bool = False):
        self.stream, self.quiet = stream, quiet
        self.live = is_terminal(stream) if live is None else live
        self.color = color
        self.units = list(units)
        self.status: dict[str, str] = {}
        self._drawn = 0  # lines of the live block currently on screen
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._header = ""  # "3/10 units", above the unit lines on a terminal

    def reset(self, units: Sequence[str]) -> None:
        """A new graph of units: a fresh block (the previous one stays on screen above it)."""
        with self._lock:
            self.units, self.status, self._header, self._drawn = list(units), {}, "", 0

    def progress(self, done: int, total: int) -> None:
        """How many units are done; the head line of the live block on a terminal."""
        with self._lock:
            self._header = f"{done}/{total} units done"

    def style(self, text: str, meaning: str) -> str:
        text = printable(text)  # unit names and ARM's messages come from files and the network
        return click.style(text, **STYLES[meaning]) if self.color else text

    def echo(self, text: str = "") -> None:
        """A permanent line (above the live block on a terminal)."""
        with self._lock:
            self._erase()
            self.stream.write(printable(text, keep_colour=self.color) + "\n")
            self._draw()
            self.stream.flush()

    def phase(self, unit: str, text: str) -> None:
        """A unit's current state; redrawn in place on a terminal, one log line per change elsewhere."""
        with self._lock:
            if self.quiet or self.status.get(unit) == text:
                return
            self.status[unit] = text
            if self.live:
                self._erase()
                self._draw()
            else:
                self.stream.write(printable(f"[{time.monotonic() - self._started:7.1f}s] {unit}: {text}") + "\n")
            self.stream.flush()

    def close(self) -> None:
        """Leave the live block as it is (its last state) and write below it from now on."""
        with self._lock:
            self._drawn = 0

    def _erase(self) -> None:
        if self.live and self._drawn:
            self.stream.write(f"\x1b[{self._drawn}F\x1b[J")
            self._drawn = 0

    def _draw(self) -> None:
        if not self.live:
            return
        shown = [u for u in self.units if u in self.status]
        width = max((len(printable(u)) for u in shown), default=0)
        if self._header and shown:
            self.stream.write(f"  {self.style(self._header, 'bold')}\n")
        for unit in shown:
            text = self.status[unit]
            meaning = ("ok" if text.startswith(("succeeded", "previewed", "validated", "destroyed", "absent"))
                       else "failed" if text.startswith("failed")
                       else "skipped" if text.startswith(("skipped", "not started", "interrupted")) else "dim")
            self.stream.write(f"  {printable(unit).ljust(width)}  {self.style(text, meaning)}\n")
        self._drawn = len(shown) + (1 if self._header and shown else 0)
