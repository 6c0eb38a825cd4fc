"""Spread validate's work over processes: how many to use, and a map over forked workers that behaves like a loop.

Workers are forked (Linux), so they start with everything the parent has already read, parsed and imported:
a task sends only the position of a piece of work and gets back its (small, picklable) result. Elsewhere, or
for small inputs, the work runs in this process; the caller cannot tell the difference from the results.

Any failure of the machinery itself (a worker killed by the OOM killer, a result that does not pickle) sends
the unfinished work back to this process, so the outcome is always the one a serial run gives. Failures of
the work are the caller's to turn into findings (the runner reports E0011), the same way in both paths.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported when workers are started: 30 ms that a small, serial run does not pay
    from concurrent.futures import Future, ProcessPoolExecutor

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this much text (characters of every file checked) starting workers costs about what the second core
# saves. Measured on two cores: the rendered Relecloud estate (0.5 M characters, 0.3 s) is no faster in two
# processes; a 2-zone synthetic estate (0.8 M) is a sixth faster, a 10-zone one (3.8 M) a third, a 50-zone
# one (25 M) 40%. Explicit --jobs N ignores it.
AUTO_MIN_CHARS = 1_000_000
# More processes than this rarely pay: the parent parses every file alone before the workers start.
AUTO_MAX_JOBS = 8
# Pieces of work per process: enough that the last ones to finish leave little idle time and progress moves
# steadily, few enough that sending them costs nothing worth measuring.
PIECES_PER_JOB = 24


def can_fork() -> bool:
    """Forked workers are cheap and safe on Linux; macOS forks badly (system frameworks) and Windows cannot."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may run on (containers, taskset)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def choose_jobs(requested: int | None, work_chars: int) -> int:
    """How many processes to check with: ``requested`` when given (1 = in this process; never more than the
    CPUs, since more processes only add memory), else one per CPU (at most AUTO_MAX_JOBS) when the work is
    large enough to pay for them; always 1 where workers cannot be forked."""
    if not can_fork():
        return 1
    if requested is not None:
        return max(1, min(requested, available_cpus()))
    if work_chars < AUTO_MIN_CHARS:
        return 1
    return max(1, min(available_cpus(), AUTO_MAX_JOBS))


def balanced_pieces(items: Sequence[Item], weight: Callable[[Item], int], pieces: int) -> list[list[Item]]:
    """Consecutive runs of ``items`` of about equal total weight, at most ``pieces`` of them (an item heavier
    than a share is a piece of its own). Order is kept, so results can be put back together in it."""
    total = sum(weight(item) for item in items)
    share = max(1, total // max(1, pieces))
    chunks: list[list[Item]] = []
    current: list[Item] = []
    current_weight = 0
    for item in items:
        current.append(item)
        current_weight += weight(item)
        if current_weight >= share:
            chunks.append(current)
            current, current_weight = [], 0
    if current:
        chunks.append(current)
    return chunks


# What the forked workers run, and who started them: set in the parent just before forking, inherited by the children.
_inherited: tuple[Callable[..., Any], Sequence[Any]] | None = None
_parent = 0


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent stops the workers itself, so that they print no
    # traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (SIGKILL, OOM killer) cannot stop its workers, and they would wait for work forever:
    # have the kernel end them with it (Linux, where workers are forked).
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != _parent:  # the parent was gone before the kernel was asked
        os._exit(1)


def _run_inherited(index: int) -> Any:
    assert _inherited is not None, "set by the parent before it forks"
    work, items = _inherited
    return work(items[index])


def map_in_processes(work: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                     on_result: Callable[[int, Result], None]) -> None:
    """Call ``work(item)`` for every item, in ``jobs`` forked processes (in this one when ``jobs`` is 1), and
    ``on_result(index, result)`` in this process as each finishes, in the order they finish. An item whose
    worker failed is done here afterwards. Ctrl-C (or an exception from ``on_result``) ends the workers and is
    raised here."""
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        for index, item in enumerate(items):
            on_result(index, work(item))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _inherited, _parent
    # Children flush the parent's stdio buffers when they exit: empty them first so nothing is written twice.
    sys.stdout.flush()
    sys.stderr.flush()
    executor = None
    try:
        # Keep the collector off what the parent built: a collection in a worker would otherwise touch (and so
        # copy) every page of the parsed files it inherited.
        gc.freeze()
        _inherited, _parent = (work, items), os.getpid()
        with _interrupts_deferred():  # a worker started but not yet recorded could not be stopped
            executor = ProcessPoolExecutor(max_workers=min(jobs, len(items)), initializer=_start_worker,
                                           mp_context=multiprocessing.get_context("fork"))
            pending = {executor.submit(_run_inherited, index): index for index in range(len(items))}
        unfinished = _collect(pending, on_result)
    except BaseException:
        if executor is not None:
            _stop(executor)
        raise
    finally:
        _inherited = None
        gc.unfreeze()
    executor.shutdown(wait=True)
    for index in sorted(unfinished):  # what the workers could not do, done here as a serial run would
        on_result(index, work(items[index]))


def _collect(pending: dict[Future[Any], int], on_result: Callable[[int, Result], None]) -> list[int]:
    """Hand on results as they arrive; return the items whose worker failed (not the work: it reports its own
    failures as results)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    unfinished: list[int] = []
    waiting = set(pending)
    while waiting:
        done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=pending.__getitem__):
            if future.exception() is not None:
                unfinished.append(pending[future])
            else:
                on_result(pending[future], future.result())
    return unfinished


def _stop(executor: ProcessPoolExecutor) -> None:
    """End the workers now, not after their current piece of work, and drop the work not started. A second
    Ctrl-C (people press it again) must not cut this short and leave workers behind."""
    with _interrupts_deferred():
        # ProcessPoolExecutor has no public way to end busy workers before Python 3.14 (terminate_workers()).
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.terminate()
        # Its manager thread sees the workers end, fails or cancels their futures and reaps them: waiting for it
        # (rather than cancelling or joining here too, which races with it) means none is left when this returns.
        executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block is done, then raise it (only the main thread may change signal handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    interrupted = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: interrupted.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if interrupted:
        raise KeyboardInterrupt
