"""Spread validate's work over processes: how many to use, and a map over forked workers that behaves like a loop.

With N processes, this one works beside N - 1 forked workers (Linux), which start with everything it has already
read, parsed and imported. Each process takes the position of its next piece of work from a pipe they share (a
piece at a time, so that a slow piece holds up only the process doing it); a worker sends back the piece's (small,
picklable) result on a pipe of its own. Elsewhere, or for small inputs, the work runs in this process alone; the
caller cannot tell the difference from the results.

The machinery is os.fork, pipes and pickle, not multiprocessing or concurrent.futures: importing those and
starting their pool (queues, feeder and manager threads) cost a cold validate of the rendered Relecloud estate
about 40 ms before any file was checked, and a small run is most of its time in start-up.

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
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this much text (characters of every file checked) starting workers costs about what the second core
# saves. Measured on two cores with the pool this module had before (a ProcessPoolExecutor, dearer to start): a
# 0.5 M-character estate was no faster in two processes, a 2-zone synthetic estate (0.8 M) a sixth faster, a
# 10-zone one (3.8 M) a third, a 50-zone one (25 M) 40%. The rendered Relecloud estate is 2 M characters now
# (its Bicep included). Explicit --jobs N ignores it.
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


def may_share(requested: int | None) -> bool:
    """Whether work may go to another process before it is known how much there is: where workers can be forked,
    on more than one CPU, unless ``--jobs 1`` asked for this process alone."""
    return choose_jobs(requested, AUTO_MIN_CHARS) > 1


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


# Positions of pieces of work as the workers read them from the pipe they share: fixed-size, so that each read
# takes exactly one (a pipe read is atomic between readers). Every position is written before the first fork, so
# a map holds at most what any pipe's buffer does (one page, when the user's pipes are over their soft limit); a
# longer sequence is mapped in batches of that many.
_TICKET_BYTES = 4
_MAX_TICKETS = 4096 // _TICKET_BYTES
# A result record on a worker's pipe: its length, then (position, result) pickled.
_LENGTH_BYTES = 8


def _start_worker(parent: int) -> None:
    """First thing in a forked worker. Ctrl-C reaches the whole process group; the parent stops the workers itself,
    so that they print no traceback of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.getppid() != parent:  # the parent was gone before the worker started
        os._exit(1)


def map_in_processes(work: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                     on_result: Callable[[int, Result], None]) -> None:
    """Call ``work(item)`` for every item, in ``jobs`` processes (this one and ``jobs - 1`` forked workers), and
    ``on_result(index, result)`` in this process as each finishes, in the order they finish. An item whose
    worker failed is done here afterwards. Ctrl-C (or an exception from ``on_result``, or from ``work`` in this
    process) ends the workers and is raised here."""
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        for index, item in enumerate(items):
            on_result(index, work(item))
        return
    for start in range(0, len(items), _MAX_TICKETS):
        batch = items[start:start + _MAX_TICKETS]

        def shifted(index: int, result: Result, start: int = start) -> None:
            on_result(start + index, result)

        _map_forked(work, batch, min(jobs, len(batch)), shifted)


def _map_forked(work: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                on_result: Callable[[int, Result], None]) -> None:
    """``jobs`` processes: this one and ``jobs - 1`` forked workers, all taking pieces from the same pipe. This
    process pays no fork, no copy of the pages its work writes and no exit, and is not idle while the others work."""
    try:
        workers = _Workers(work, items, jobs - 1)
    except OSError:  # no pipe to be had (too many open files): this process does it all, as a serial run
        for index, item in enumerate(items):
            on_result(index, work(item))
        return
    try:
        while ticket := os.read(workers.tickets, _TICKET_BYTES):  # this process's share, as a worker's
            index = int.from_bytes(ticket, "little")
            result = work(items[index])
            workers.done.add(index)
            on_result(index, result)
            workers.results.collect(on_result, wait=False)
    except BaseException:
        workers.stop()
        raise
    workers.finish(on_result)


class Background:
    """``work`` over ``items`` in one forked worker, started now while this process goes on with something else.
    ``finish(on_result)`` hands on the results (what the worker could not do is done here then, as a serial run
    would); ``stop()`` ends the worker at once (on Ctrl-C, or when this process will not ask for the results)."""

    def __init__(self, work: Callable[[Item], Any], items: Sequence[Item]):
        self._workers = _Workers(work, items, 1)
        self._workers.close_tickets()  # this process takes no piece

    def finish(self, on_result: Callable[[int, Any], None]) -> None:
        self._workers.finish(on_result)

    def stop(self) -> None:
        self._workers.stop()


class _Workers:
    """``count`` forked workers taking the positions of ``items`` from one pipe (``tickets``, which this process
    may read from too), each sending its results on a pipe of its own."""

    def __init__(self, work: Callable[[Item], Any], items: Sequence[Item], count: int):
        self.work, self.items = work, items
        self.started: dict[int, int] = {}  # the read end of each worker's result pipe -> its process id
        self.closed: set[int] = set()
        self.done: set[int] = set()
        self.results = _Results(self.done)
        # Children flush the parent's stdio buffers when they exit: empty them first so nothing is written twice.
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        self.tickets, tickets_in = os.pipe()
        try:
            os.write(tickets_in, b"".join(index.to_bytes(_TICKET_BYTES, "little") for index in range(len(items))))
        finally:
            os.close(tickets_in)
        # Keep the collector off what the parent built: a collection in a worker would otherwise touch (and so
        # copy) every page of the parsed files it inherited. (The parent's own collector is as it was after.)
        frozen = gc.get_freeze_count()
        gc.freeze()
        try:
            with _interrupts_deferred():  # a worker started but not yet recorded could not be stopped
                for _ in range(count):
                    read_end, write_end = os.pipe()
                    try:
                        pid = os.fork()
                    except OSError:  # out of processes or memory: what no worker does is done here
                        os.close(read_end)
                        os.close(write_end)
                        break
                    if pid == 0:  # the worker: never returns
                        _work(work, items, parent, self.tickets, write_end, [read_end, *self.started])
                    os.close(write_end)
                    self.started[read_end] = pid
                    self.results.watch(read_end)
        except BaseException:
            self.stop()
            raise
        finally:
            if not frozen:
                gc.unfreeze()

    def finish(self, on_result: Callable[[int, Any], None]) -> None:
        """Every worker's results handed on, the workers reaped, what they could not do done here."""
        try:
            self.results.collect(on_result, wait=True)
        except BaseException:
            self.stop()
            raise
        self._close()
        for pid in self.started.values():
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        for index in range(len(self.items)):  # what a worker took but could not do, done as a serial run would
            if index not in self.done:
                on_result(index, self.work(self.items[index]))

    def stop(self) -> None:
        """End the workers now, not after their current piece of work. A second Ctrl-C (people press it again)
        must not cut this short and leave workers behind."""
        with _interrupts_deferred():
            for pid in self.started.values():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            for pid in self.started.values():
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
            self._close()

    def close_tickets(self) -> None:
        if self.tickets >= 0:
            with contextlib.suppress(OSError):
                os.close(self.tickets)
            self.tickets = -1

    def _close(self) -> None:
        """Close this process's ends of the pipes, once (a number closed twice may be another file's by then)."""
        self.close_tickets()
        for fd in self.started:
            if fd in self.results.pending:
                self.results.poller.unregister(fd)
                del self.results.pending[fd]
            if fd not in self.closed:
                self.closed.add(fd)
                with contextlib.suppress(OSError):
                    os.close(fd)


def _work(work: Callable[[Item], Result], items: Sequence[Item], parent: int, tickets: int, results: int,
          not_mine: list[int]) -> None:
    """A worker: the pieces it takes from ``tickets``, done one by one, each result written to ``results``. An
    item whose work raises, or whose result does not pickle, is not reported: the parent does it again."""
    status = 1
    try:
        for fd in not_mine:  # the read ends of the result pipes: held here, a dead parent's EOF would never come
            os.close(fd)
        _start_worker(parent)
        import pickle

        while os.getppid() == parent:  # a parent killed outright (SIGKILL, OOM killer) stops its workers here
            ticket = os.read(tickets, _TICKET_BYTES)
            if not ticket:
                status = 0
                break
            index = int.from_bytes(ticket, "little")
            try:
                record = pickle.dumps((index, work(items[index])), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                continue
            view = memoryview(len(record).to_bytes(_LENGTH_BYTES, "little") + record)
            while view:
                view = view[os.write(results, view):]
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        status = 1
    finally:
        os._exit(status)  # never the parent's cleanup (atexit, its open files, the test runner's)


class _Results:
    """The workers' result pipes: records handed on as they arrive, until every worker has closed its pipe
    (finished, or died: an incomplete last record is dropped, and its piece done again)."""

    def __init__(self, done: set[int]):
        import select

        self.done = done
        self.poller = select.poll()
        self.pending: dict[int, bytearray] = {}

    def watch(self, fd: int) -> None:
        import fcntl
        import select

        with contextlib.suppress(OSError, AttributeError):  # a larger pipe: a worker seldom waits for this process
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
        self.poller.register(fd, select.POLLIN)
        self.pending[fd] = bytearray()

    def collect(self, on_result: Callable[[int, Any], None], wait: bool) -> None:
        """What has arrived (``wait``: everything, until every pipe is closed)."""
        import pickle

        while self.pending:
            ready = self.poller.poll(None if wait else 0)
            if not ready:
                return
            for fd, _ in ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    self.poller.unregister(fd)
                    del self.pending[fd]
                    continue
                buffer = self.pending[fd]
                buffer += chunk
                while len(buffer) >= _LENGTH_BYTES:
                    end = _LENGTH_BYTES + int.from_bytes(buffer[:_LENGTH_BYTES], "little")
                    if len(buffer) < end:
                        break
                    try:
                        index, result = pickle.loads(buffer[_LENGTH_BYTES:end])
                    except Exception:  # cannot happen with the same code on both sides; if it did, done here again
                        continue
                    finally:
                        del buffer[:end]
                    self.done.add(index)
                    on_result(index, result)


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
