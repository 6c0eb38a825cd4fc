"""Run a graph of units on a thread pool: prerequisites first, independent units at the same time.

Nothing here knows about Azure. A *runner* is any callable that takes a unit name and returns a value (or
raises); the Azure deployment runner is one, the tests use fakes. The scheduler's promises:

- a unit starts only after every unit it depends on has succeeded;
- at most ``max_parallel`` units run at once, and ready units are submitted in the order the caller listed
  them (so the same plan always starts the same way);
- when a unit fails, every unit that depends on it (directly or not) is skipped, naming the failed
  prerequisite; unrelated units go on;
- when ``cancel`` is set (Ctrl-C, SIGTERM), nothing new starts; the runners see the same event and return early,
  and one that does not (a request that hangs) is abandoned after a grace period, never waited for forever.
"""

from __future__ import annotations

import enum
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class Outcome(enum.Enum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"  # a prerequisite failed or was skipped
    INTERRUPTED = "interrupted"  # started, then stopped waiting because of Ctrl-C
    NOT_STARTED = "not started"  # cancelled before it could start


@dataclass
class UnitResult:
    name: str
    outcome: Outcome
    value: Any = None  # what the runner returned
    error: BaseException | None = None
    reason: str = ""  # why a unit was skipped or not started
    duration: float = 0.0


class Interrupted(Exception):
    """Raised by a runner that stopped waiting because the cancel event was set."""


# Called as on_start(name), on_finish(result) and on_tick(), from the scheduling thread only.
StartHook = Callable[[str], None]
FinishHook = Callable[[UnitResult], None]
TickHook = Callable[[], None]
ABANDONED = "relecloud stopped waiting for it"


def run_graph(
    order: Sequence[str],
    depends_on: Mapping[str, Sequence[str]],
    runner: Callable[[str], Any],
    *,
    max_parallel: int = 4,
    cancel: threading.Event | None = None,
    on_start: StartHook | None = None,
    on_finish: FinishHook | None = None,
    on_tick: TickHook | None = None,
    on_interrupt: Callable[[list[str]], None] | None = None,
    tick: float = 0.1,
    grace: float = 5.0,
) -> dict[str, UnitResult]:
    """Run every unit in ``order`` (a topological order); return a result per unit, in that order.

    ``depends_on`` may name units outside ``order``: those are taken as already satisfied. A
    KeyboardInterrupt while waiting sets ``cancel`` and gives running units ``grace`` seconds to return; a
    unit still busy then (a request that hangs) is abandoned as interrupted (its thread is a daemon, so it
    cannot keep the process alive), and so is every unit at a second interrupt. The interrupt is then re-raised
    with the results so far attached as ``exc.results``.
    """
    if max_parallel < 1:
        raise ValueError("max_parallel must be at least 1")
    cancel = cancel or threading.Event()
    selected = set(order)
    prerequisites = {name: [d for d in depends_on.get(name, ()) if d in selected] for name in order}
    results: dict[str, UnitResult] = {}
    running: dict[str, float] = {}  # name -> when it started
    done: queue.Queue[tuple[str, Any, BaseException | None]] = queue.Queue()
    interrupt: KeyboardInterrupt | None = None
    deadline = 0.0

    def finish(result: UnitResult) -> None:
        results[result.name] = result
        if on_finish:
            on_finish(result)

    def skip_blocked() -> None:
        # Repeat until stable: skipping one unit can block the units after it.
        changed = True
        while changed:
            changed = False
            for name in order:
                if name in results or name in running:
                    continue
                blocker = next((p for p in prerequisites[name] if p in results
                                and results[p].outcome is not Outcome.SUCCEEDED), None)
                if blocker is not None:
                    why = results[blocker].outcome.value
                    finish(UnitResult(name, Outcome.SKIPPED, reason=f"prerequisite {blocker!r} {why}"))
                    changed = True

    def work(name: str) -> None:
        try:
            done.put((name, runner(name), None))
        except BaseException as exc:
            done.put((name, None, exc))

    def submit_ready() -> None:
        for name in order:
            if len(running) >= max_parallel or cancel.is_set():
                return
            if name in results or name in running:
                continue
            if all(p in results and results[p].outcome is Outcome.SUCCEEDED for p in prerequisites[name]):
                if on_start:
                    on_start(name)
                running[name] = time.monotonic()
                threading.Thread(target=work, args=(name,), name=f"unit-{name}", daemon=True).start()

    while True:
        try:
            skip_blocked()
            submit_ready()
            if not running:
                break
            if interrupt is not None and time.monotonic() >= deadline:
                for name in sorted(running, key=order.index):
                    finish(UnitResult(name, Outcome.INTERRUPTED, reason=ABANDONED,
                                      duration=time.monotonic() - running.pop(name)))
                break
            try:
                name, value, error = done.get(timeout=tick)
            except queue.Empty:
                if on_tick:
                    on_tick()
                continue
            if name in running:
                finish(_result_of(name, value, error, time.monotonic() - running.pop(name)))
        except KeyboardInterrupt as exc:
            # Stop starting units; running ones see `cancel` and come back soon. A second interrupt: now.
            deadline = time.monotonic() + (grace if interrupt is None else 0.0)
            if interrupt is None and on_interrupt is not None and running:
                on_interrupt(sorted(running, key=order.index))
            interrupt = interrupt or exc
            cancel.set()
    for name in order:
        if name not in results:
            finish(UnitResult(name, Outcome.NOT_STARTED, reason="cancelled before it started"))
    ordered = {name: results[name] for name in order}
    if interrupt is not None:
        interrupt.results = ordered  # type: ignore[attr-defined]
        raise interrupt
    return ordered


def _result_of(name: str, value: Any, error: BaseException | None, duration: float) -> UnitResult:
    if error is None:
        return UnitResult(name, Outcome.SUCCEEDED, value=value, duration=duration)
    if isinstance(error, Interrupted):
        return UnitResult(name, Outcome.INTERRUPTED, error=error, duration=duration)
    return UnitResult(name, Outcome.FAILED, error=error, duration=duration)
