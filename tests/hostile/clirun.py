"""Run the real CLI in a child process with a deadline and a memory ceiling, as a hostile-input test needs:
a hang or a runaway allocation fails the test instead of the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DEADLINE = 20.0  # seconds; every hostile input must end well within it
MEMORY_CEILING = 1024 * 1024 * 1024  # bytes of address space: far above a normal run, far below a bomb


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def relecloud(*args: str, cwd: Path | None = None, stdin=subprocess.DEVNULL, deadline: float = DEADLINE,
              env: dict | None = None) -> Ran:
    """``relecloud ARGS`` in a child process; fails the test (not hangs it) when it runs past the deadline."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    try:
        done = subprocess.run([sys.executable, "-m", "relecloud_templates", *args], cwd=cwd, stdin=stdin,
                              capture_output=True, timeout=deadline, env=environment, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"relecloud {' '.join(args)} did not finish within {deadline:.0f} s") from None
    return Ran(done.returncode, done.stdout.decode("utf-8", "backslashreplace"),
               done.stderr.decode("utf-8", "backslashreplace"))


def assert_clean_refusal(ran: Ran, *expected: str) -> None:
    """Exit 2, no traceback, and each expected fragment somewhere in the output."""
    assert "Traceback" not in ran.output, ran.output
    assert ran.code == 2, (ran.code, ran.output)
    for fragment in expected:
        assert fragment in ran.output, (fragment, ran.output)
