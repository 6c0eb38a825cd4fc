"""What a service is: the typed spec of one Jinja2 module, from which the rest of the tool derives what it needs.

A spec names its template, the context fields the template reads (``svc.<field>``) with their types, the ARM
resource types it renders with their API versions, the shared partials it includes, the private DNS zones its
endpoints resolve through, the names it composes (with Azure's rule for each) and the roles it grants. From the
specs come the API-version table (``render/api_versions.py``), the manifest's name checks
(``naming.check_names``) and the test that renders every template against its spec.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

NONE = type(None)


@dataclass(frozen=True)
class Partial:
    """A shared include (``templates/common/_*.json.j2``) and the resources it renders."""

    template: str
    resources: Mapping[str, str]  # ARM type -> API version


@dataclass(frozen=True)
class NameUse:
    """A name the service composes, checked against Azure's rule ``rule``.

    ``compose`` takes the names of where the service lives: ``naming.ZoneNames`` for a zone-level service
    (``level="zone"``), ``naming.WorkloadNames`` for one of an integration or product (``level="workload"``).
    """

    rule: Any  # a key of naming.RULES, or a naming.NameRule of the service's own
    compose: Callable[[Any], str]
    level: str = "zone"  # "zone" | "workload"


def group_name(purpose: str) -> NameUse:
    """The name of a zone's resource group for ``purpose``."""
    return NameUse("resourceGroup", lambda names: names.resource_group(purpose))


def network_name(what: str) -> NameUse:
    """The name of a zone's network resource (``vnet``, ``nsg``, ...)."""
    return NameUse("network", lambda names: names.network(what))


@dataclass(frozen=True)
class ServiceSpec:
    key: str  # the service's key in a unit (camelCase); a planner may give a second use its own key
    title: str  # for people, in plan and --explain
    template: str  # below templates/
    context: Mapping[str, type | tuple[type, ...]]  # svc.<field> -> its type(s)
    resources: Mapping[str, str]  # ARM type -> API version, of what the template itself renders
    includes: tuple[Partial, ...] = ()
    dns_zones: tuple[str, ...] = ()  # keys of plan.dns.ZONES its private endpoints resolve through
    names: tuple[NameUse, ...] = ()
    roles: tuple[str, ...] = ()  # built-in role definition ids it grants (plan/roles.py)
    rendered_types: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        types = [*self.resources, *(t for partial in self.includes for t in partial.resources)]
        object.__setattr__(self, "rendered_types", tuple(dict.fromkeys(types)))

    def context_problems(self, given: Mapping[str, Any]) -> list[str]:
        """What is wrong with a planner's context for this service: missing, unknown or mistyped fields."""
        problems = [f"missing field {name!r}" for name in self.context if name not in given]
        problems += [f"unknown field {name!r}" for name in given if name not in self.context]
        for name, wanted in self.context.items():
            if name in given and not isinstance(given[name], wanted):
                kinds = wanted if isinstance(wanted, tuple) else (wanted,)
                problems.append(f"field {name!r} is a {type(given[name]).__name__}, not "
                                f"{' or '.join(k.__name__ for k in kinds)}")
        return problems


class SpecError(ValueError):
    """A planner gave a service a context that its spec does not describe: a bug in the planner or the spec."""


def check_context(spec: ServiceSpec, given: Mapping[str, Any]) -> None:
    problems = spec.context_problems(given)
    if problems:
        raise SpecError(f"service {spec.key!r} ({spec.template}): {'; '.join(problems)}")


def api_versions(specs: list[ServiceSpec], extra: Mapping[str, str]) -> dict[str, str]:
    """Every ARM type the specs (and ``extra``) render, with its one API version; two different versions of the
    same type are a mistake in the specs."""
    table: dict[str, str] = dict(extra)
    owners: dict[str, str] = dict.fromkeys(extra, "the unit template")
    for spec in specs:
        for source, resources in [(spec.template, spec.resources)] + [(p.template, p.resources) for p in spec.includes]:
            for rtype, version in resources.items():
                if table.setdefault(rtype, version) != version:
                    raise ValueError(f"{rtype} is rendered at {table[rtype]} by {owners[rtype]} and at {version} "
                                     f"by {source}: one API version per type")
                owners.setdefault(rtype, source)
    return dict(sorted(table.items()))
