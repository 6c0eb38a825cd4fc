"""Benchmark (not a test; run by `make bench`): `relecloud validate` against checkov on the same templates.

    python bench/validate_bench.py [--corpus ../shared/corpus/reference] [--runs 3]

checkov runs from its own virtual environment, bench/.venv-checkov, which this script creates and fills from
PyPI the first time (it is git-ignored). Both tools are timed cold, as separate processes, best of --runs, on the
same files: the corpus's ARM JSON (checkov --framework arm reads nothing else; relecloud is given the same files).
Each is measured by wall time and by CPU time (user + system of the process and its children, from os.wait4):
on a machine shared with other work the wall time of both is inflated, their CPU time much less.
It prints both ratios (goal, issue 12: relecloud at least 40 times faster), then, for the record, relecloud on
the whole folder (the ARM JSON and the Bicep sources it holds, which checkov --framework arm does not read) and a
cold `relecloud validate` of the rendered Relecloud estate.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKOV_VENV = ROOT / "bench" / ".venv-checkov"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "reference"
GOAL_RATIO = 40.0


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system of the process and the children it waited for


def checkov_bin() -> Path:
    binary = CHECKOV_VENV / "bin" / "checkov"
    if not binary.exists():
        print(f"creating {CHECKOV_VENV} and installing checkov (once) ...", file=sys.stderr)
        venv.create(CHECKOV_VENV, with_pip=True)
        subprocess.run([str(CHECKOV_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "checkov"], check=True)
    return binary


def run_once(command: list[str], env: dict[str, str] | None, ok_codes: tuple[int, ...]) -> Timing:
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                                 cwd=ROOT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in ok_codes:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command[:6])} ... failed ({code}): "
                             f"{errors.read().decode(errors='replace')[-2000:]}")
    return Timing(wall, usage.ru_utime + usage.ru_stime)


def best_of(command: list[str], runs: int, env: dict[str, str] | None = None,
            ok_codes: tuple[int, ...] = (0, 1)) -> Timing:
    """The best wall time and the best CPU time of ``runs`` runs (each the least disturbed by the machine)."""
    timings = [run_once(command, env, ok_codes) for _ in range(runs)]
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


def measure(corpus: Path, runs: int, env: dict[str, str] | None = None) -> list[str]:
    relecloud = [sys.executable, "-m", "relecloud_templates", "validate", "--quiet", "-f", "json"]
    templates = sorted(str(p) for p in corpus.rglob("*.json"))
    ours = best_of(relecloud + templates, runs, env)
    # checkov with its own bytecode cache (written when it was installed), as an installed checkov runs
    plain = {k: v for k, v in (env or os.environ).items()
             if k not in ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")}
    theirs = best_of([str(checkov_bin()), "--quiet", "--compact", "-o", "json", "--framework", "arm",
                      "-d", str(corpus)], runs, plain)
    folder = best_of(relecloud + [str(corpus)], runs, env)
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "relecloud_templates", "render", "--example", "-o", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        estate = best_of(relecloud + [str(ROOT / "scenarios" / "relecloud.yaml"), out], runs, env, ok_codes=(0,))
    wall_ratio, cpu_ratio = theirs.wall / ours.wall, theirs.cpu / ours.cpu
    verdict = "PASS" if wall_ratio >= GOAL_RATIO else "MISS"
    return [f"relecloud validate against checkov --framework arm, the {len(templates)} ARM JSON files of {corpus} "
            f"(best of {runs}, cold processes):",
            f"  relecloud validate: {ours.wall:.2f} s wall, {ours.cpu:.2f} s CPU",
            f"  checkov:            {theirs.wall:.2f} s wall, {theirs.cpu:.2f} s CPU",
            f"{verdict}  relecloud is {wall_ratio:.1f}x faster than checkov by wall time, {cpu_ratio:.1f}x by CPU time "
            f"(goal: >= {GOAL_RATIO:g}x)",
            f"  relecloud validate of the whole folder (the JSON and its Bicep sources, which checkov does not read): "
            f"{folder.wall:.2f} s wall, {folder.cpu:.2f} s CPU",
            f"  cold relecloud validate of the rendered Relecloud estate: {estate.wall:.3f} s wall, "
            f"{estate.cpu:.3f} s CPU"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no corpus folder")
    print("\n".join(measure(args.corpus.resolve(), args.runs)))


if __name__ == "__main__":
    main()
