"""Where the bundled data lives: the scenario, the Jinja2 templates and the JSON schemas.

They sit at the top of the source tree (``scenarios/``, ``templates/``, ``schemas/``) so that they are easy to
read and review; an editable install or a source checkout finds them there. A regular install (a wheel, as
pre-commit installs hook repositories) carries a copy at ``relecloud_templates/data/<folder>`` (setup.py).
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    # The packaged copy first: beside an installed package, PROJECT_ROOT is site-packages.
    for path in (Path(__file__).resolve().parent / "data" / name, PROJECT_ROOT / name):
        if path.is_dir():
            return path
    raise FileNotFoundError(
        f"bundled folder {name!r} not found in the package or beside it at {PROJECT_ROOT}; "
        "reinstall relecloud (pip install .) or use a source checkout (pip install -e .)"
    )


def templates_dir() -> Path:
    return _bundled("templates")


def schemas_dir() -> Path:
    return _bundled("schemas")


def scenarios_dir() -> Path:
    return _bundled("scenarios")


def default_manifest() -> Path:
    return scenarios_dir() / "relecloud.yaml"
