"""Values for secure parameters (plan.json ``secureParameters``): from the environment or a hidden prompt.

They are held in memory only, as ``Secret`` objects whose ``repr`` and ``str`` never show the value, and are
handed to the SDK in the request body; they are never logged or written to disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence

from relecloud_templates.deploy.plan_file import Unit

PREFIX = "RELECLOUD_SECURE_"


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value):
        self._value = value

    def reveal(self):
        return self._value

    def __repr__(self) -> str:
        return "Secret(***)"

    __str__ = __repr__


def env_token(name: str) -> str:
    """``sqlAdminPassword`` -> ``SQL_ADMIN_PASSWORD``; ``service-telemetry`` -> ``SERVICE_TELEMETRY``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[^A-Za-z0-9]+", "_", spaced).strip("_").upper()


def env_names(unit: Unit, parameter: str) -> tuple[str, str]:
    """The variables looked up for a unit's parameter, most specific first."""
    return (f"{PREFIX}{env_token(unit.name)}_{env_token(parameter)}", f"{PREFIX}{env_token(parameter)}")


class MissingSecrets(Exception):
    """Every secure parameter without a usable value: (unit, parameter, what is wrong)."""

    def __init__(self, missing: list[tuple[Unit, str, str]]):
        self.missing = missing
        lines = [f"unit {u.name!r}, secure parameter {p!r}: {why}; set {' or '.join(env_names(u, p))}"
                 for u, p, why in missing]
        super().__init__("\n".join(lines))


def resolve(
    units: Sequence[Unit],
    environ: Mapping[str, str],
    prompt: Callable[[str], str] | None,
    is_object: Callable[[Unit, str], bool] = lambda unit, name: False,
) -> dict[str, dict[str, Secret]]:
    """unit name -> parameter -> Secret. Asks ``prompt`` (if any) for what the environment lacks, once per
    parameter name; raises MissingSecrets listing everything still missing."""
    found: dict[str, dict[str, Secret]] = {}
    prompted: dict[str, str] = {}
    missing: list[tuple[Unit, str, str]] = []
    for unit in units:
        values = found.setdefault(unit.name, {})
        for name in unit.secure_parameters:
            raw = next((environ[v] for v in env_names(unit, name) if environ.get(v)), None)
            if raw is None and prompt is not None:
                raw = prompted.get(name) or prompt(f"{name} (secure parameter of {unit.name})")
                prompted[name] = raw
            if not raw:
                missing.append((unit, name, "no value"))
            elif is_object(unit, name):
                try:
                    values[name] = Secret(json.loads(raw))
                except ValueError:
                    missing.append((unit, name, "a secureObject value must be JSON"))
            else:
                values[name] = Secret(raw)
    if missing:
        raise MissingSecrets(missing)
    return found
