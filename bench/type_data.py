"""The cost of the bundled resource type data (not a test): how long a cold process takes to read what a set of
templates needs, and to check their resources against it.

    .venv/bin/python bench/type_data.py DIR [DIR ...]

Run in a fresh process (bench/run.py starts one per measurement), it prints the namespaces the templates use,
the time to read each namespace file, and the time of the type checks of every resource (which parse the nodes
they walk), best of --runs cold starts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure_once(folders: list[Path]) -> dict:
    """In this (fresh) process: load what the templates under ``folders`` need, and check them."""
    sys.path.insert(0, str(ROOT))
    from relecloud_templates.arm import (
        jsonpos,
        schemacheck,  # noqa: F401  (imports are not the data's cost)
        typecheck,
        typeschemas,
    )
    from relecloud_templates.arm.template import build_template

    resources = []
    for folder in folders:
        for path in sorted(folder.rglob("*.json")):
            try:
                document = jsonpos.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if isinstance(document, dict) and "resources" in document:
                resources += [r for r in build_template(document).all_resources() if r.type]
    namespaces = sorted({typeschemas.namespace_of(r.type or "") for r in resources})
    started = time.perf_counter()
    typeschemas.namespaces()
    index_ms = (time.perf_counter() - started) * 1000
    per_namespace = {}
    for namespace in namespaces:
        started = time.perf_counter()
        typeschemas.pack(namespace)
        per_namespace[namespace] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    for resource in resources:
        typecheck.check_resource(resource.node, resource.type, scope=resource.template.scope, name=resource.name)
    check_ms = (time.perf_counter() - started) * 1000
    nodes = sum(len(p._nodes) for p in (typeschemas.pack(n) for n in namespaces) if p is not None)
    return {"resources": len(resources), "index_ms": index_ms, "per_namespace": per_namespace,
            "check_ms": check_ms, "nodes": nodes}


def measure(folders: list[Path], runs: int = 3, env: dict[str, str] | None = None) -> dict:
    """The best of ``runs`` fresh processes (``env``: theirs; by default this one's, with the bytecode cache on,
    as an installed relecloud has it)."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    results = []
    for _ in range(runs + 1):  # the first run fills the bytecode cache
        done = subprocess.run([sys.executable, __file__, "--child", *map(str, folders)], capture_output=True,
                              text=True, check=True, cwd=ROOT, env=env)
        results.append(json.loads(done.stdout))
    return min(results[1:], key=lambda r: r["index_ms"] + sum(r["per_namespace"].values()) + r["check_ms"])


def report(result: dict) -> list[str]:
    loads = result["per_namespace"]
    total = result["index_ms"] + sum(loads.values())
    largest = max(loads.items(), key=lambda item: item[1]) if loads else ("-", 0.0)
    data = ROOT / "relecloud_templates" / "data" / "types"
    size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    return [
        f"type data: {size / 1e6:.1f} MB shipped; this estate reads {len(loads)} namespace files in {total:.1f} ms "
        f"(largest {largest[0]} {largest[1]:.1f} ms, namespace list {result['index_ms']:.1f} ms)",
        f"type checks of {result['resources']} resources: {result['check_ms']:.1f} ms cold, parsing "
        f"{result['nodes']} type nodes",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_once(args.folders)))
        return 0
    print("\n".join(report(measure(args.folders, args.runs))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
