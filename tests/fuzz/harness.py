"""Run one fuzz example in a forked child with a deadline and a memory ceiling, so that a hang or a runaway
allocation fails that example (and Hypothesis shrinks it) instead of stalling or starving the test run.

``RELECLOUD_FUZZ=N`` multiplies every target's number of examples (default 1: a few seconds per target in
`make test`); the seed is fixed (derandomized), so a run is reproducible and CI never flakes on a new input.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable

from hypothesis import HealthCheck, settings

DEADLINE = 30.0  # seconds for one example: a hang guard, far above any real input
MEMORY = 1536 * 1024 * 1024  # bytes of address space one example may add to what its process already holds


def tree(folder) -> dict[str, bytes]:
    """Every file below ``folder`` (relative path -> bytes): what a fuzz target may change is compared on it."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def address_space() -> int:
    """Bytes of address space this process holds now (Linux). The ceiling of an example is counted from here: a
    pytest worker that ran the deploy tests before holds far more (thread stacks, a malloc arena per thread) than
    one that did not, and a fixed ceiling failed the same example in one worker and not in the other."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def scale() -> int:
    try:
        return max(1, int(os.environ.get("RELECLOUD_FUZZ", "1")))
    except ValueError:
        return 1


def fuzz_settings(examples: int) -> settings:
    return settings(max_examples=examples * scale(), derandomize=True, database=None, deadline=None,
                    print_blob=True, suppress_health_check=list(HealthCheck))


_WARM = False


def warm_up() -> None:
    """Do once, in this process, the work every example repeats (schemas compiled, rules discovered, template
    environments built), so that each forked child starts warm instead of paying for it again."""
    global _WARM
    if _WARM:
        return
    from pathlib import Path

    from relecloud_templates.lint.config import LintConfig
    from relecloud_templates.lint.runner import LintRun
    from relecloud_templates.plan.loading import plan_environments
    from relecloud_templates.render.output import render_files

    minimal = Path(__file__).resolve().parents[2] / "scenarios" / "minimal.yaml"
    manifest, plan = plan_environments(minimal)[0]
    rendered = render_files(manifest, plan, "relecloud.yaml", "both")
    run = LintRun(config=LintConfig())
    for path, content in rendered.files.items():
        if path.endswith((".json", ".bicep")) and path != "plan.json":
            run.add_text(content.decode("utf-8"), shown=path)
    run.run()
    _WARM = True


def isolated(function: Callable[[], object]) -> object:
    """``function()`` in a forked child; its result, or AssertionError with the child's traceback, or with
    what stopped it (deadline, memory, a signal). Where fork does not exist it runs here."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return function()
    warm_up()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: bounded, and it never returns into pytest
        os.close(read)
        status = 0
        try:
            ceiling = address_space() + MEMORY
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
            signal.alarm(int(DEADLINE) + 1)
            answer: tuple = ("ok", function())
        except BaseException as exc:
            answer = ("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        try:
            payload = pickle.dumps(answer)
        except Exception as exc:
            payload = pickle.dumps(("error", f"result does not pickle: {exc}"))
        with os.fdopen(write, "wb") as out:
            out.write(payload)
        os._exit(status)
    os.close(write)
    started = time.monotonic()
    with os.fdopen(read, "rb") as incoming:
        data = incoming.read()  # ends when the child exits or closes the pipe
    _, code = os.waitpid(pid, 0)
    if not data:
        reason = f"killed by signal {os.WTERMSIG(code)}" if os.WIFSIGNALED(code) else f"exit {code}"
        raise AssertionError(f"the example gave no answer ({reason} after {time.monotonic() - started:.1f} s; "
                             f"deadline {DEADLINE:.0f} s, memory {MEMORY >> 20} MiB above what the process held)")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise AssertionError(value)
    return value
