"""Where the bundled data lives: the scenario, the Jinja2 templates and the JSON schemas.

They sit at the top of the source tree (``scenarios/``, ``templates/``, ``schemas/``) so that they are easy to
read and review; an editable install or a source checkout finds them there.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    path = PROJECT_ROOT / name
    if not path.is_dir():
        raise FileNotFoundError(
            f"bundled folder {name!r} not found beside the package at {PROJECT_ROOT}; "
            "install relecloud from a source checkout (pip install -e .)"
        )
    return path


def templates_dir() -> Path:
    return _bundled("templates")


def schemas_dir() -> Path:
    return _bundled("schemas")


def scenarios_dir() -> Path:
    return _bundled("scenarios")


def default_manifest() -> Path:
    return scenarios_dir() / "relecloud.yaml"
