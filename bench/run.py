"""Scale benchmark (not a test; `make bench`): render, validate and a what-if deploy of synthetic estates.

    .venv/bin/python bench/run.py [--sizes 1 10 50] [--units 10] [--topology mesh] [--what-if-sizes 1 10 50]

For each size it generates an estate of that many landing zones with --units integrations and products each
(bench/synthetic.py) and runs, each as a separate process as a user would:

  render --format arm     the ARM templates only, into a fresh folder
  render                  the default, ARM and Bicep (--format both), into another fresh folder
  validate                the manifest and everything that render wrote (templates, parameters, Bicep)
  deploy --what-if --yes  preview every unit against the ARM emulator of the tests (tests/arm_emulator)
  diagram -o estate.svg   the estate's picture (and .html, .md), each the best of --runs

It prints wall time and peak memory (the child's maximum resident set, from os.wait4) of each (render and
validate: the best of --runs), the growth between sizes (time ratio beside the ratio of units and of output
bytes, and the cost per unit), and PASS or MISS against the goals of issue 7. It also times a cold
`relecloud validate` of the rendered Relecloud estate, and what the bundled type data costs it (bench/type_data.py),
and Bicep as input: parse, compile and lint of the reference corpus's 104 Bicep sources (bench/bicep_bench.py).
It exits 0 whenever every command ran: the numbers are for people to read, not a test.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bicep_bench
import type_data
import validate_bench
from emulated import ROOT, emulated_azure
from synthetic import manifest_text

GOAL_RENDER_VALIDATE_SECONDS = 10.0  # render and validate of the largest estate, together
GOAL_GROWTH = 6.0  # time(largest) / time(the size before it), for sizes 10 and 50
GOAL_PEAK_MIB = 500.0
GOAL_COLD_VALIDATE_SECONDS = 0.3  # the rendered bundled Relecloud estate (issues 12 and 13)
GOAL_DIAGRAM_SECONDS = 2.0  # `relecloud diagram` of the largest estate, each format (issue 15)
DIAGRAM_FORMATS = ("svg", "html", "md")
COLUMNS = ("render --format arm", "render", "validate", "deploy --what-if")


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mib: float


class CommandFailed(Exception):
    pass


class Relecloud:
    """Runs relecloud commands as child processes, with Python's bytecode cache on (in a private folder) as an
    installed relecloud has it, so that start-up is not charged with compiling the package every time."""

    def __init__(self, scratch: Path):
        self.env = dict(os.environ, PYTHONPYCACHEPREFIX=str(scratch / "pycache"), NO_COLOR="1")
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.log = scratch / "last-command.log"

    def measure(self, *args: str, extra_env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> Measure:
        env = dict(self.env, **(extra_env or {}))
        with open(self.log, "wb") as log:
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "relecloud_templates", *args], cwd=ROOT, env=env,
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(child.pid, 0)  # the child's own peak memory, not ours
            seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in ok:
            tail = self.log.read_text(errors="replace")[-3000:]
            raise CommandFailed(f"relecloud {' '.join(args)} exited {child.returncode}:\n{tail}")
        return Measure(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux



def best(measures: list[Measure]) -> Measure:
    """The fastest run: the others were slowed by something else on the machine (the disk, other processes)."""
    return min(measures, key=lambda m: m.seconds)


@dataclass
class SizeResult:
    zones: int
    units: int
    files: int
    output_bytes: int
    measures: dict[str, Measure]


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def what_if(relecloud: Relecloud, scratch: Path, rendered: Path, parallel: int, poll: float) -> Measure:
    from relecloud_templates.deploy.plan_file import load_plan

    with emulated_azure(scratch, load_plan(rendered), poll_interval=poll) as env:
        return relecloud.measure("deploy", str(rendered), "--what-if", "--yes", "--max-parallel", str(parallel),
                                 extra_env=env)


def run_size(relecloud: Relecloud, scratch: Path, zones: int, args: argparse.Namespace) -> SizeResult:
    folder = scratch / f"zones-{zones}"
    folder.mkdir()
    manifest = folder / "estate.yaml"
    manifest.write_text(manifest_text(zones, args.units, args.topology), encoding="utf-8")
    runs = range(args.runs)  # each render into a fresh folder; the last one is kept
    measures = {
        "render --format arm": best([relecloud.measure("render", str(manifest), "-o", str(folder / f"arm{i}"),
                                                       "--format", "arm") for i in runs]),
        "render": best([relecloud.measure("render", str(manifest), "-o", str(folder / f"out{i}")) for i in runs]),
    }
    rendered = folder / f"out{args.runs - 1}"
    measures["validate"] = best([relecloud.measure("validate", str(manifest), str(rendered)) for _ in runs])
    for suffix in DIAGRAM_FORMATS:
        measures[f"diagram .{suffix}"] = best([relecloud.measure("diagram", str(manifest), "-o",
                                                                 str(folder / f"estate{i}.{suffix}")) for i in runs])
    if zones in args.what_if_sizes:
        measures["deploy --what-if"] = what_if(relecloud, folder, rendered, args.max_parallel, args.poll)
    files, size = folder_size(rendered)
    units = sum(1 for p in rendered.iterdir() if p.is_dir())
    return SizeResult(zones, units, files, size, measures)


def table(results: list[SizeResult]) -> list[str]:
    head = f"{'zones':>5} {'units':>5} {'files':>6} {'MB out':>7}  " + "  ".join(f"{c:>22}" for c in COLUMNS)
    lines = [head, f"{'':>27}" + "  ".join(f"{'s':>12} {'peak MiB':>9}" for _ in COLUMNS)]
    for r in results:
        cells = []
        for column in COLUMNS:
            m = r.measures.get(column)
            cells.append(f"{m.seconds:>12.2f} {m.peak_mib:>9.0f}" if m else f"{'-':>12} {'-':>9}")
        lines.append(f"{r.zones:>5} {r.units:>5} {r.files:>6} {r.output_bytes / 1e6:>7.1f}  " + "  ".join(cells))
    return lines


def growth(results: list[SizeResult]) -> list[str]:
    lines = []
    for small, large in itertools.pairwise(results):
        lines.append(f"{small.zones} -> {large.zones} zones: units x{large.units / small.units:.2f}, "
                     f"output bytes x{large.output_bytes / small.output_bytes:.2f}")
        for column in COLUMNS:
            a, b = small.measures.get(column), large.measures.get(column)
            if a and b:
                lines.append(f"  {column:<20} time x{b.seconds / a.seconds:5.2f}   "
                             f"{1000 * a.seconds / small.units:6.1f} -> {1000 * b.seconds / large.units:6.1f} ms/unit")
    return lines


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def goals(results: list[SizeResult], cold_validate: Measure | None) -> list[str]:
    lines = []
    largest = results[-1]
    together = largest.measures["render"].seconds + largest.measures["validate"].seconds
    lines.append(f"{verdict(together < GOAL_RENDER_VALIDATE_SECONDS)}  render + validate of {largest.zones} zones: "
                 f"{together:.2f} s (goal < {GOAL_RENDER_VALIDATE_SECONDS:g} s)")
    by_zones = {r.zones: r for r in results}
    if 10 in by_zones and 50 in by_zones:
        for column in ("render", "validate"):
            ratio = by_zones[50].measures[column].seconds / by_zones[10].measures[column].seconds
            lines.append(f"{verdict(ratio <= GOAL_GROWTH)}  {column}: time(50 zones) / time(10 zones) = "
                         f"{ratio:.2f} (goal <= {GOAL_GROWTH:g})")
    peak = max((m.peak_mib, name) for name, m in largest.measures.items() if name in ("render", "validate",
                                                                                       "render --format arm"))
    lines.append(f"{verdict(peak[0] < GOAL_PEAK_MIB)}  peak memory of render and validate at {largest.zones} zones: "
                 f"{peak[0]:.0f} MiB ({peak[1]}) (goal < {GOAL_PEAK_MIB:g} MiB)")
    for suffix in DIAGRAM_FORMATS:
        seconds = largest.measures[f"diagram .{suffix}"].seconds
        lines.append(f"{verdict(seconds < GOAL_DIAGRAM_SECONDS)}  diagram -o estate.{suffix} of {largest.zones} zones: "
                     f"{seconds:.2f} s (goal < {GOAL_DIAGRAM_SECONDS:g} s)")
    if cold_validate is not None:
        lines.append(f"{verdict(cold_validate.seconds < GOAL_COLD_VALIDATE_SECONDS)}  cold validate of the rendered "
                     f"Relecloud estate: {cold_validate.seconds:.3f} s, best of 3 "
                     f"(goal < {GOAL_COLD_VALIDATE_SECONDS:g} s)")
    lines.append("(deploy wall time against the critical path: see `make deploy-bench`, goal <= 1.15)")
    return lines


def cold_validate(relecloud: Relecloud, scratch: Path) -> Measure:
    rendered = scratch / "relecloud"
    relecloud.measure("render", "--example", "-o", str(rendered))
    return best([relecloud.measure("validate", str(ROOT / "scenarios" / "relecloud.yaml"), str(rendered))
                 for _ in range(3)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50], help="landing zones per estate")
    parser.add_argument("--units", type=int, default=10, help="integrations and products per landing zone")
    parser.add_argument("--topology", default="mesh", choices=("mesh", "hub-spoke"), help="peering topology")
    parser.add_argument("--what-if-sizes", type=int, nargs="*", default=[1, 10, 50],
                        help="sizes whose what-if deploy is measured (none: skip the emulator)")
    parser.add_argument("--max-parallel", type=int, default=16, help="deploy --max-parallel for the what-if")
    parser.add_argument("--runs", type=int, default=2, help="runs of render and validate per size; the best counts")
    parser.add_argument("--poll", type=float, default=0.05, help="deploy polling interval against the emulator (s)")
    parser.add_argument("--checkov-runs", type=int, default=2,
                        help="runs of relecloud and checkov on the reference corpus (bench/validate_bench.py; 0: skip)")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))

    with tempfile.TemporaryDirectory(prefix="relecloud-bench-") as scratch_name:
        scratch = Path(scratch_name)
        relecloud = Relecloud(scratch)
        try:
            warm = scratch / "warm-up"  # fills the bytecode cache; not measured
            warm.mkdir()
            warm_manifest = warm / "estate.yaml"
            warm_manifest.write_text(manifest_text(1, args.units, args.topology), encoding="utf-8")
            relecloud.measure("render", str(warm_manifest), "-o", str(warm / "out"))
            relecloud.measure("validate", str(warm_manifest), str(warm / "out"))
            results = []
            for zones in sizes:
                print(f"measuring {zones} landing zone(s) ...", file=sys.stderr, flush=True)
                results.append(run_size(relecloud, scratch, zones, args))
            cold = cold_validate(relecloud, scratch)
            types_cost = type_data.report(type_data.measure([scratch / "relecloud"], env=relecloud.env))
            bicep_cost = bicep_bench.report(bicep_bench.measure(3, env=relecloud.env)
                                            if bicep_bench.CORPUS.is_dir() else {})
            if args.checkov_runs and validate_bench.DEFAULT_CORPUS.is_dir():
                print("measuring relecloud validate against checkov ...", file=sys.stderr, flush=True)
                against_checkov = validate_bench.measure(validate_bench.DEFAULT_CORPUS.resolve(), args.checkov_runs,
                                                         env=relecloud.env)
            else:
                against_checkov = ["checkov: not measured (--checkov-runs 0, or ../shared/corpus/reference absent)"]
        except CommandFailed as failed:
            print(failed, file=sys.stderr)
            return 1
    print(f"Synthetic estates: {args.units} integrations and products per landing zone, {args.topology} peering; "
          f"what-if with --max-parallel {args.max_parallel}, polling every {args.poll:g} s")
    print("\n".join(table(results)))
    print()
    print("\n".join(growth(results)))
    print()
    print("\n".join(goals(results, cold)))
    print()
    print("\n".join(types_cost))
    print()
    print("\n".join(bicep_cost))
    print()
    print("\n".join(against_checkov))
    return 0


if __name__ == "__main__":
    sys.exit(main())
