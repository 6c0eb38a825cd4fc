"""The ARM emulator of the deploy tests, for the benchmarks: started on 127.0.0.1 with a trustme certificate,
and the environment that points `relecloud deploy` (its service-principal credential, ARM endpoint, CA
bundle, polling interval and secure parameter values) at it and nowhere else.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the emulator lives with the tests

from arm_emulator import ArmEmulator  # noqa: E402

from relecloud_templates.deploy.plan_file import DeployPlan  # noqa: E402
from relecloud_templates.deploy.secrets import env_names  # noqa: E402

BENCH_SECRET = "Bench-Only-Secret-1"  # the emulator accepts any value


@contextlib.contextmanager
def emulated_azure(workdir: Path, plan: DeployPlan, unit_seconds: float = 0.0,
                   poll_interval: float | None = None, latency: float = 0.0) -> Iterator[dict[str, str]]:
    """Run the emulator while the block runs; yields the environment variables a deploy needs to use it.

    ``unit_seconds`` is how long every deployment takes inside the emulator; ``poll_interval`` (seconds)
    overrides the emulator's default polling interval for long-running operations; ``latency`` is how long
    every answer takes (ARM's take a tenth of a second and more; the emulator's none).
    """
    with ArmEmulator(workdir) as emulator:
        emulator.world.default_duration = unit_seconds
        emulator.latency = latency
        env = dict(emulator.env())
        if poll_interval is not None:
            env["RELECLOUD_POLL_INTERVAL"] = f"{poll_interval:g}"
        for unit in plan.units:
            for name in unit.secure_parameters:
                env.setdefault(env_names(unit, name)[1], BENCH_SECRET)
        yield env
