"""Fixtures and helpers of the deploy tests: the ARM emulator, a small hand-rendered estate, the CLI pointed at
the emulator, and a guard that fails a test whose threads try to leave loopback.

This is a plain module, not a conftest.py: test modules import what they use. A second module named
``conftest`` on sys.path would shadow tests/conftest.py for tests elsewhere that import from it by name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from arm_emulator import ArmEmulator
from click.testing import CliRunner

from relecloud_templates.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "Emulator-Only-P@ssw0rd"


@pytest.fixture(autouse=True)
def no_stray_connections(_loopback_only, monkeypatch):
    """The root guard refuses non-loopback connections; the SDK would swallow that refusal in a worker thread
    and retry it as a network error. Record every refusal, from any thread, and fail the test on it."""
    refused: list[str] = []
    guarded_connect, guarded_lookup = socket.socket.connect, socket.getaddrinfo

    def connect(self, address):
        try:
            return guarded_connect(self, address)
        except ConnectionRefusedError as exc:
            if "test network guard" in str(exc):
                refused.append(f"{threading.current_thread().name}: connect {address!r}")
            raise

    def lookup(host, *args, **kwargs):
        try:
            return guarded_lookup(host, *args, **kwargs)
        except socket.gaierror as exc:
            if "test network guard" in str(exc):
                refused.append(f"{threading.current_thread().name}: lookup {host!r}")
            raise

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    # Belt and braces: DefaultAzureCredential may only ever use the environment's service principal here.
    monkeypatch.setenv("AZURE_TOKEN_CREDENTIALS", "EnvironmentCredential")
    yield
    assert not refused, f"a test tried to leave loopback: {refused}"


@pytest.fixture
def emulator(tmp_path):
    with ArmEmulator(tmp_path) as server:
        yield server


@pytest.fixture
def estate(tmp_path) -> Path:
    """A writable copy of the hand-rendered six-unit estate (plan.json contract of docs/ARCHITECTURE.md)."""
    target = tmp_path / "estate"
    shutil.copytree(FIXTURES / "estate", target)
    return target


# The retry policy's waits (Retry-After, exponential back-off) are this fraction of what it asks for in the tests:
# a 429 with Retry-After: 1 is still retried, after 20 ms instead of a second; `Deployer.waits` keeps what it asked.
TEST_BACKOFF = 0.02


class Deployer:
    """Runs `relecloud deploy` in-process, as a user would, against the emulator, with a test-only back-off."""

    def __init__(self, emulator: ArmEmulator, monkeypatch):
        from relecloud_templates.deploy.transport import InterruptibleRetryPolicy

        self.emulator, self.monkeypatch = emulator, monkeypatch
        self.waits: list[float] = []  # seconds the retry policy asked to wait, before TEST_BACKOFF
        pause = InterruptibleRetryPolicy._pause

        def shortened(policy, seconds: float, why: str) -> None:
            self.waits.append(seconds)
            pause(policy, seconds * TEST_BACKOFF, why)

        monkeypatch.setattr(InterruptibleRetryPolicy, "_pause", shortened)
        for name, value in emulator.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("RELECLOUD_SECURE_SQL_ADMIN_PASSWORD", SECRET)

    def __call__(self, *args: str, input: str | None = None):
        result = CliRunner().invoke(cli, ["deploy", *args], input=input, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception.with_traceback(result.exc_info[2])
        return result


@pytest.fixture
def deploy(emulator, monkeypatch) -> Deployer:
    return Deployer(emulator, monkeypatch)



def outcomes(output: str, table: int = -1) -> dict[str, str]:
    """unit -> result, from a summary table of `relecloud deploy` or `destroy` output (the last one by default)."""
    starts = [i for i in range(len(output)) if output.startswith("UNIT ", i)]
    rows = output[starts[table]:].split("\n\n")[0].splitlines()[1:]
    return {line.split()[0]: line.split()[1] for line in rows if line.strip()}


@contextlib.contextmanager
def interrupted_after(seconds: float, *signals: int,
                      when: Callable[[], bool] | Sequence[Callable[[], bool]] | None = None, within: float = 60.0):
    """While inside, the signals come to this process, one every ``seconds`` (Ctrl-C is SIGINT; CI's cancel is
    SIGTERM); those not sent yet when the block ends are called off. With ``when``, the clock starts only once
    ``when()`` holds (looked at every 10 ms): on a loaded machine a fixed delay may end before what the signal is
    meant to interrupt has even begun. ``when`` may also be a condition per signal, each signal going ``seconds``
    after its own holds (a second Ctrl-C once the first has been answered). Should a condition not hold ``within``
    seconds, the signal goes anyway (a run that waits on a held stack would wait forever) and the block fails.
    Yields the list of when (time.monotonic) each signal was sent, filled as they go."""
    conditions = list(when) if isinstance(when, Sequence) else [when] if when is not None else []
    done = threading.Event()
    missed: list[str] = []
    sent: list[float] = []

    def send() -> None:
        for index, sig in enumerate(signals):
            condition = conditions[index] if index < len(conditions) else None
            deadline = time.monotonic() + within
            while condition is not None and not condition():
                if done.wait(0.01):
                    return
                if time.monotonic() > deadline:
                    missed.append(f"what signal {index + 1} waits for did not happen within {within:g} s")
                    break
            if done.wait(seconds):
                return
            sent.append(time.monotonic())
            os.kill(os.getpid(), sig)

    sender = threading.Thread(target=send, name="interrupter", daemon=True)
    sender.start()
    try:
        yield sent
    finally:
        done.set()
        sender.join()
    assert not missed, missed[0]


def refused_while_busy(emulator: ArmEmulator, method: str, stack: str) -> Callable[[], bool]:
    """Whether a ``method`` on deployment stack ``stack`` was refused because its earlier operation still runs (409):
    a rerun has found it busy, and now waits for it."""
    return lambda: any(m == method and status == 409 and f"/deploymentstacks/{stack}?" in path.lower()
                       for m, path, status in list(emulator.requests))


@contextlib.contextmanager
def released_when(emulator: ArmEmulator, pattern: str, condition: Callable[[], bool], within: float = 30.0):
    """While inside, what ``pattern`` holds (``World.hold``) is released once ``condition()`` holds (looked at every
    10 ms): a rerun surely finds the held operation still running, however slow the machine, and waits no longer
    than it takes to be told. Should it not hold ``within`` seconds, it is released anyway and the block fails."""
    done = threading.Event()
    missed: list[str] = []

    def release() -> None:
        deadline = time.monotonic() + within
        while not condition() and not done.wait(0.01):
            if time.monotonic() > deadline:
                missed.append(f"what the release of {pattern} waits for did not happen within {within:g} s")
                break
        emulator.world.release(pattern)

    releaser = threading.Thread(target=release, name="releaser", daemon=True)
    releaser.start()
    try:
        yield
    finally:
        done.set()
        releaser.join()
    assert not missed, missed[0]
