"""Which manifest a command works on when none is named: never a silent fallback to the bundled example.

In order: the manifest named on the command line; the bundled example when asked for by name (``--example``);
``./relecloud.yaml``; the manifest that the output folder's ``plan.json`` records (the one it was rendered
from). Anything else is a usage error whose hints are commands to copy. When ``./relecloud.yaml`` and the
recorded manifest are two different files, the choice is the user's, not relecloud's: that is refused too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from relecloud_templates.diagnostics import CommandError
from relecloud_templates.fsutil import read_input_text
from relecloud_templates.resources import default_manifest

LOCAL_MANIFEST = Path("relecloud.yaml")
PLAN_FILE = "plan.json"


@dataclass(frozen=True)
class Chosen:
    path: Path
    why: str  # how it was chosen, for --verbose: "named", "example", "./relecloud.yaml", "the manifest the render ..."


def recorded_manifest(out: Path) -> Path | None:
    """The manifest that ``out/plan.json`` says it was rendered from (or, for a render of a manifest with
    environments, every ``out/<env>/plan.json``), when that file still exists."""
    found = _recorded_in(out / PLAN_FILE)
    if found is not None or (out / PLAN_FILE).exists():
        return found
    try:
        plans = sorted(out.glob(f"*/{PLAN_FILE}"))
    except OSError:
        return None
    recorded = {os.path.realpath(p): p for p in (_recorded_in(plan) for plan in plans) if p is not None}
    return next(iter(recorded.values())) if len(recorded) == 1 else None


def _recorded_in(plan: Path) -> Path | None:
    try:
        doc = json.loads(read_input_text(plan))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # JSON nested past Python's limit, too
        return None
    label = doc.get("manifest") if isinstance(doc, dict) else None
    if not isinstance(label, str) or not label or "\0" in label:
        return None
    path = Path(os.path.normpath(plan.parent / label))  # the label is relative to the plan's folder
    return path if path.is_file() else None


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def locate_manifest(given: Path | None, example: bool, out: Path, command: Callable[[str | None], str]) -> Chosen:
    """The manifest to work on (module docstring). ``command(manifest)`` spells the command line that the user
    would run with that manifest (None: with ``--example``), for the hints."""
    if given is not None and example:
        raise CommandError(f"name a manifest or pass --example, not both (got {given})",
                           hints=[command(str(given)), command(None)])
    if given is not None:
        return Chosen(given, "named")
    if example:
        return Chosen(default_manifest(), "example")
    local = LOCAL_MANIFEST if LOCAL_MANIFEST.is_file() else None
    recorded = recorded_manifest(out)
    if local is not None and recorded is not None and not same_file(local, recorded):
        raise CommandError(
            f"no manifest named, and two candidates: ./{LOCAL_MANIFEST} and {shown(recorded)}, which "
            f"{out / PLAN_FILE} was rendered from; name the one you mean",
            hints=[command(str(LOCAL_MANIFEST)), command(shown(recorded))])
    if local is not None:
        return Chosen(local, f"./{LOCAL_MANIFEST}")
    if recorded is not None:
        return Chosen(Path(shown(recorded)), f"the manifest the render in {out} was made from")
    raise CommandError(
        f"no manifest named, no ./{LOCAL_MANIFEST} here, and no {out / PLAN_FILE} that names one",
        hints=[*(command(str(p)) for p in nearby_manifests()), command(None),
               "relecloud init my-estate   (a commented starter manifest in my-estate/relecloud.yaml)"])


def shown(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it (shorter hints), else as it is."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if relative.startswith("..") else relative


def nearby_manifests(limit: int = 3) -> list[Path]:
    """YAML files in the working directory that look like manifests (a top-level managementZone), to name in
    a hint; at most ``limit``, and only small regular files are looked into."""
    found = []
    try:
        names = sorted(os.listdir("."))
    except OSError:
        return []
    for name in names:
        if not name.endswith((".yaml", ".yml")) or name.endswith(".addresses.yaml"):
            continue
        try:
            text = read_input_text(name, limit=1024 * 1024)
        except (OSError, UnicodeDecodeError):
            continue
        if any(line.startswith("managementZone:") for line in text.splitlines()):
            found.append(Path(name))
            if len(found) == limit:
                break
    return found
