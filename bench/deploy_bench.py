"""Deploy benchmark (not a test): is the wall time of a whole-estate deploy close to its critical path?

Every unit takes the same simulated time in the ARM emulator, so the best possible wall time is the
critical path (the longest chain of prerequisites) times that duration, not the sum of the units. Prints
the ratio wall / critical path; the goal is at most 1.15.

    .venv/bin/python bench/deploy_bench.py [--unit-seconds 2.0] [--plan DIR]

Without --plan it renders the bundled Relecloud estate (or, if `relecloud render` is not available, uses
the hand-rendered test estate).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from emulated import ROOT, emulated_azure

from relecloud_templates.cli import cli
from relecloud_templates.deploy.plan_file import load_plan

GOAL = 1.15


def critical_path(plan, seconds: float) -> float:
    finish: dict[str, float] = {}
    for unit in plan.units:  # plan order is topological
        finish[unit.name] = seconds + max((finish[d] for d in unit.depends_on), default=0.0)
    return max(finish.values())


def rendered_plan(workdir: Path, given: str | None) -> Path:
    if given:
        return Path(given)
    result = CliRunner().invoke(cli, ["render", "--example", "-o", str(workdir / "rendered"), "--env", "dev"])
    if result.exit_code == 0 and (workdir / "rendered" / "dev" / "plan.json").is_file():
        return workdir / "rendered" / "dev"
    print(f"relecloud render failed (exit {result.exit_code}): {result.output.strip()[-300:]}", file=sys.stderr)
    print("using the hand-rendered test estate instead", file=sys.stderr)
    shutil.copytree(ROOT / "tests" / "deploy" / "fixtures" / "estate", workdir / "estate")
    return workdir / "estate"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit-seconds", type=float, default=2.0, help="simulated duration of every unit")
    parser.add_argument("--plan", help="a rendered folder (default: render the bundled estate)")
    parser.add_argument("--arm-latency", type=float, default=0.0, metavar="SECONDS",
                        help="how long every ARM answer takes (default 0: the emulator answers at once)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        plan_dir = rendered_plan(workdir, args.plan)
        plan = load_plan(plan_dir)
        with emulated_azure(workdir, plan, args.unit_seconds, latency=args.arm_latency) as env:
            os.environ.update(env)
            started = time.monotonic()
            import azure.identity
            import azure.mgmt.resource.deployments  # noqa: F401
            imported = time.monotonic()
            result = CliRunner().invoke(cli, ["deploy", str(plan_dir), "--yes", "--max-parallel",
                                              str(len(plan.units))])
            wall = time.monotonic() - started
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            print(f"deploy failed (exit {result.exit_code})", file=sys.stderr)
            return 1
    path = critical_path(plan, args.unit_seconds)
    total = args.unit_seconds * len(plan.units)
    ratio = wall / path
    sdk = imported - started
    latency = f", every answer {args.arm_latency:g}s" if args.arm_latency else ""
    print(f"deploy: {len(plan.units)} units x {args.unit_seconds:g}s{latency}; sum {total:.1f}s, critical path "
          f"{path:.1f}s, wall {wall:.2f}s (of which {sdk:.2f}s importing the Azure SDK)")
    print(f"deploy wall / critical path: {ratio:.3f} (goal <= {GOAL}) {'OK' if ratio <= GOAL else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
