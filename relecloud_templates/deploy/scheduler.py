"""Run a graph of units on a thread pool: prerequisites first, independent units at the same time.

Nothing here knows about Azure. A *runner* is any callable that takes a unit name and returns a value (or
raises); the Azure deployment runner is one, the tests use fakes. The scheduler's promises:

- a unit starts only after every unit it depends on has succeeded;
- at most ``max_parallel`` units run at once, and ready units are submitted in the order the caller listed
  them (so the same plan always starts the same way);
- when a unit fails, every unit that depends on it (directly or not) is skipped, naming the failed
  prerequisite; unrelated units go on;
- when ``cancel`` is set (Ctrl-C), nothing new starts; the runners see the same event and return early.
"""

from __future__ import annotations

import enum
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence


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


# Called as on_start(name) and on_finish(result), from the scheduling thread only.
StartHook = Callable[[str], None]
FinishHook = Callable[[UnitResult], None]


def run_graph(
    order: Sequence[str],
    depends_on: Mapping[str, Sequence[str]],
    runner: Callable[[str], Any],
    *,
    max_parallel: int = 4,
    cancel: threading.Event | None = None,
    on_start: StartHook | None = None,
    on_finish: FinishHook | None = None,
    tick: float = 0.1,
) -> dict[str, UnitResult]:
    """Run every unit in ``order`` (a topological order); return a result per unit, in that order.

    ``depends_on`` may name units outside ``order``: those are taken as already satisfied. A
    KeyboardInterrupt while waiting sets ``cancel``, lets running units return, and is then re-raised with
    the results so far attached as ``exc.results``.
    """
    if max_parallel < 1:
        raise ValueError("max_parallel must be at least 1")
    cancel = cancel or threading.Event()
    selected = set(order)
    prerequisites = {name: [d for d in depends_on.get(name, ()) if d in selected] for name in order}
    results: dict[str, UnitResult] = {}
    running: dict[Future, tuple[str, float]] = {}
    interrupt: KeyboardInterrupt | None = None

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
                if name in results or _is_running(name):
                    continue
                blocker = next((p for p in prerequisites[name] if p in results
                                and results[p].outcome is not Outcome.SUCCEEDED), None)
                if blocker is not None:
                    why = results[blocker].outcome.value
                    finish(UnitResult(name, Outcome.SKIPPED, reason=f"prerequisite {blocker!r} {why}"))
                    changed = True

    def _is_running(name: str) -> bool:
        return any(n == name for n, _ in running.values())

    def submit_ready(pool: ThreadPoolExecutor) -> None:
        for name in order:
            if len(running) >= max_parallel or cancel.is_set():
                return
            if name in results or _is_running(name):
                continue
            if all(p in results and results[p].outcome is Outcome.SUCCEEDED for p in prerequisites[name]):
                if on_start:
                    on_start(name)
                running[pool.submit(runner, name)] = (name, time.monotonic())

    with ThreadPoolExecutor(max_workers=max_parallel, thread_name_prefix="unit") as pool:
        while True:
            try:
                skip_blocked()
                submit_ready(pool)
                if not running:
                    break
                done, _ = wait(list(running), timeout=tick, return_when=FIRST_COMPLETED)
            except KeyboardInterrupt as exc:
                # Stop starting units; running ones see `cancel` and come back soon.
                interrupt = interrupt or exc
                cancel.set()
                continue
            for future in sorted(done, key=lambda f: order.index(running[f][0])):
                name, started = running.pop(future)
                finish(_result_of(name, future, time.monotonic() - started))
    for name in order:
        if name not in results:
            finish(UnitResult(name, Outcome.NOT_STARTED, reason="cancelled before it started"))
    ordered = {name: results[name] for name in order}
    if interrupt is not None:
        interrupt.results = ordered  # type: ignore[attr-defined]
        raise interrupt
    return ordered


def _result_of(name: str, future: Future, duration: float) -> UnitResult:
    error = future.exception()
    if error is None:
        return UnitResult(name, Outcome.SUCCEEDED, value=future.result(), duration=duration)
    if isinstance(error, Interrupted):
        return UnitResult(name, Outcome.INTERRUPTED, error=error, duration=duration)
    return UnitResult(name, Outcome.FAILED, error=error, duration=duration)
