"""Benchmark (not a test): `relecloud validate` against checkov on the same corpus, on this machine.

    python bench/validate_bench.py [--corpus ../shared/corpus/reference] [--runs 3]

checkov runs from its own virtual environment, bench/.venv-checkov, which this script creates and fills from
PyPI the first time (it is git-ignored). Both tools are timed cold, as separate processes, best of --runs.
Also times a cold `relecloud validate` of the rendered Relecloud estate (goal: under half a second).
Prints the timings and the ratio (goal: relecloud at least 10 times faster than checkov).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKOV_VENV = ROOT / "bench" / ".venv-checkov"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "reference"


def checkov_bin() -> Path:
    binary = CHECKOV_VENV / "bin" / "checkov"
    if not binary.exists():
        print(f"creating {CHECKOV_VENV} and installing checkov (once) ...", file=sys.stderr)
        venv.create(CHECKOV_VENV, with_pip=True)
        subprocess.run([str(CHECKOV_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "checkov"], check=True)
    return binary


def best_of(command: list[str], runs: int, ok_codes: tuple[int, ...] = (0, 1)) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in ok_codes:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no corpus folder")
    relecloud = [sys.executable, "-m", "relecloud_templates", "validate", "--quiet", "-f", "json"]

    ours = best_of(relecloud + [str(args.corpus)], args.runs)
    theirs = best_of([str(checkov_bin()), "--quiet", "--compact", "-o", "json", "--framework", "arm",
                      "-d", str(args.corpus)], args.runs)
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "relecloud_templates", "render", "--example", "-o", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        estate = best_of(relecloud + [str(ROOT / "scenarios" / "relecloud.yaml"), out], args.runs, ok_codes=(0,))

    print(f"corpus: {args.corpus}")
    print(f"relecloud validate: {ours:.2f} s")
    print(f"checkov --framework arm: {theirs:.2f} s")
    print(f"ratio: relecloud is {theirs / ours:.1f}x faster than checkov (goal: >= 10x)")
    print(f"cold validate of the rendered Relecloud estate: {estate:.3f} s (goal: < 0.5 s)")


if __name__ == "__main__":
    main()
