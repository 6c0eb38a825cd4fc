"""The unit scheduler with fake runners: order, parallelism, skipping, cancellation."""

from __future__ import annotations

import threading
import time

import pytest

from relecloud_templates.deploy.scheduler import Interrupted, Outcome, run_graph

# mgmt -> {operations, billing}; operations -> {telemetry -> recommender}; billing -> invoices
ORDER = ["mgmt", "operations", "billing", "telemetry", "invoices", "recommender"]
DEPS = {"operations": ["mgmt"], "billing": ["mgmt"], "telemetry": ["operations"], "invoices": ["billing"],
        "recommender": ["operations", "telemetry"]}


class Recorder:
    """A fake runner that records start/end times and fails the units it is told to."""

    def __init__(self, seconds: float = 0.0, fail: tuple[str, ...] = ()):
        self.seconds, self.fail = seconds, fail
        self.started: dict[str, float] = {}
        self.ended: dict[str, float] = {}
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()

    def __call__(self, name: str) -> str:
        with self._lock:
            self.started[name] = time.monotonic()
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(self.seconds)
        with self._lock:
            self.active -= 1
            self.ended[name] = time.monotonic()
        if name in self.fail:
            raise RuntimeError(f"{name} broke")
        return f"{name} done"


def test_every_unit_starts_after_its_prerequisites_end():
    runner = Recorder(seconds=0.02)
    results = run_graph(ORDER, DEPS, runner, max_parallel=4, tick=0.01)
    assert [r.outcome for r in results.values()] == [Outcome.SUCCEEDED] * 6
    for unit, prerequisites in DEPS.items():
        for prerequisite in prerequisites:
            assert runner.started[unit] >= runner.ended[prerequisite]
    assert results["billing"].value == "billing done"


def test_independent_units_run_at_the_same_time():
    runner = Recorder(seconds=0.1)
    run_graph(ORDER, DEPS, runner, max_parallel=4, tick=0.01)
    assert runner.peak >= 2
    assert abs(runner.started["operations"] - runner.started["billing"]) < 0.05


def test_max_parallel_caps_the_units_in_flight():
    runner = Recorder(seconds=0.03)
    run_graph(["a", "b", "c", "d", "e"], {}, runner, max_parallel=2, tick=0.01)
    assert runner.peak == 2


def test_units_are_submitted_in_the_order_given():
    started: list[str] = []
    run_graph(["c", "a", "b"], {}, started.append, max_parallel=1, tick=0.01)
    assert started == ["c", "a", "b"]


def test_a_failed_unit_skips_its_dependants_and_the_others_go_on():
    runner = Recorder(fail=("operations",))
    results = run_graph(ORDER, DEPS, runner, max_parallel=2, tick=0.01)
    outcomes = {name: r.outcome for name, r in results.items()}
    assert outcomes == {"mgmt": Outcome.SUCCEEDED, "operations": Outcome.FAILED, "billing": Outcome.SUCCEEDED,
                        "telemetry": Outcome.SKIPPED, "invoices": Outcome.SUCCEEDED, "recommender": Outcome.SKIPPED}
    assert str(results["operations"].error) == "operations broke"
    assert results["telemetry"].reason == "prerequisite 'operations' failed"
    assert "telemetry" not in runner.started and "recommender" not in runner.started


def test_prerequisites_outside_the_selection_count_as_done():
    results = run_graph(["telemetry"], DEPS, lambda name: name, tick=0.01)
    assert results["telemetry"].outcome is Outcome.SUCCEEDED


def test_cancel_stops_new_units_and_interrupts_running_ones():
    cancel = threading.Event()

    def runner(name: str) -> str:
        if name == "mgmt":
            cancel.set()  # as Ctrl-C would, while mgmt is running
            raise Interrupted("mgmt still running in Azure")
        return name

    results = run_graph(ORDER, DEPS, runner, cancel=cancel, tick=0.01)
    assert results["mgmt"].outcome is Outcome.INTERRUPTED
    assert {results[n].outcome for n in ORDER[1:]} == {Outcome.SKIPPED}


def interrupting_tick(at: int):
    """An on_tick hook that raises KeyboardInterrupt (Ctrl-C while the scheduler waits) at its ``at``-th call."""
    calls = {"n": 0}

    def tick() -> None:
        calls["n"] += 1
        if calls["n"] == at:
            raise KeyboardInterrupt

    return tick


def test_keyboard_interrupt_while_waiting_lets_running_units_return_then_reraises():
    cancel = threading.Event()

    def runner(name: str) -> str:
        if cancel.wait(2.0):
            raise Interrupted(f"{name} still running")
        return name

    with pytest.raises(KeyboardInterrupt) as stopped:
        run_graph(["a", "b", "c"], {"c": ["a"]}, runner, max_parallel=2, cancel=cancel, tick=0.01,
                  on_tick=interrupting_tick(2))
    results = stopped.value.results
    assert cancel.is_set()
    assert results["a"].outcome is Outcome.INTERRUPTED and results["b"].outcome is Outcome.INTERRUPTED
    assert results["c"].outcome is Outcome.SKIPPED


def test_a_unit_that_does_not_return_is_abandoned_after_the_grace_period():
    release = threading.Event()  # a request that hangs: the runner ignores cancel
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt) as stopped:
        run_graph(["a", "b"], {}, lambda name: release.wait(30), cancel=threading.Event(), tick=0.01, grace=0.2,
                  on_tick=interrupting_tick(2))
    release.set()
    assert time.monotonic() - started < 5
    results = stopped.value.results
    assert {r.outcome for r in results.values()} == {Outcome.INTERRUPTED}
    assert results["a"].reason == "relecloud stopped waiting for it"


def test_a_second_interrupt_abandons_at_once():
    release = threading.Event()
    calls = {"n": 0}

    def tick() -> None:
        calls["n"] += 1
        if calls["n"] in (2, 3):
            raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_graph(["a"], {}, lambda name: release.wait(30), tick=0.01, grace=30, on_tick=tick)
    release.set()
    assert time.monotonic() - started < 5


def test_max_parallel_must_be_positive():
    with pytest.raises(ValueError):
        run_graph(["a"], {}, lambda n: n, max_parallel=0)
