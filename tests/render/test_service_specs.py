"""Every template renders against its spec (relecloud_templates/services/): it reads exactly the context fields
the spec declares, renders only the resource types the spec (and its includes) names, resolves its private
endpoints only through the spec's DNS zones and grants only the spec's roles. Every spec is exercised."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from plan.manifests import every_service_estate

from relecloud_templates import services
from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan
from relecloud_templates.render.compose import render_module, unit_context, used_parameters
from relecloud_templates.services.spec import ServiceSpec, api_versions

_ROLE = re.compile(r"roleDefinitions', '([0-9a-f-]{36})'")


class Recording(dict):
    """A service's context that remembers which fields the template read."""

    def __init__(self, data: dict, seen: set):
        super().__init__(data)
        self.seen = seen

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)


@pytest.fixture(scope="module")
def renderings(request) -> dict[int, list]:
    """spec id -> [(fields read, sections rendered, service)] over the bundled scenario and an estate that keeps
    every service relecloud has."""
    manifests = [load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml"), every_service_estate()]
    found: dict[int, list] = defaultdict(list)
    for manifest in manifests:
        plan = build_plan(manifest)
        for unit in plan.units:
            for service in unit.kept:
                seen: set = set()
                context = {"svc": Recording(service.context, seen), "anchors": plan.anchors[unit.zone],
                           "service": {"key": service.key, "title": service.title},
                           "unit": unit_context(unit)}
                found[id(service.spec)].append((seen, render_module(service.module, context), service))
    return found


@pytest.mark.parametrize("spec", services.SPECS, ids=lambda s: f"{s.key}:{s.template}")
def test_the_template_renders_against_its_spec(spec: ServiceSpec, renderings):
    rendered = renderings.get(id(spec))
    assert rendered, f"no manifest of the tests keeps {spec.key}: add it to every_service_estate()"
    read = set().union(*(seen for seen, _, _ in rendered))
    assert read == set(spec.context), "the template reads other fields than the spec declares"
    types = {r["type"] for _, sections, _ in rendered for r in sections["resources"]}
    assert types <= set(spec.rendered_types), "the template renders types its spec does not name"
    assert set(spec.resources) <= types, "the spec names types its template never renders"
    zones = {z["key"] for _, _, s in rendered for pe in s.context.get("endpoints", ()) for z in pe["zones"]}
    assert zones <= set(spec.dns_zones)
    granted = {m for _, sections, _ in rendered for m in _ROLE.findall(json.dumps(sections["resources"]))}
    assert granted <= set(spec.roles)


def test_the_api_version_table_comes_from_the_specs():
    from relecloud_templates.render.api_versions import API_VERSIONS, api_version

    for spec in services.SPECS:
        for rtype, version in spec.resources.items():
            assert API_VERSIONS[rtype] == version
    with pytest.raises(KeyError, match="no service spec renders"):
        api_version("Microsoft.Example/widgets")


def test_two_versions_of_one_type_are_refused():
    one = ServiceSpec("a", "A", "a.json.j2", {}, {"Microsoft.Example/widgets": "2025-01-01"})
    two = ServiceSpec("b", "B", "b.json.j2", {}, {"Microsoft.Example/widgets": "2026-01-01"})
    with pytest.raises(ValueError, match="one API version per type"):
        api_versions([one, two], {})


def test_a_planner_context_that_differs_from_the_spec_is_a_bug_caught_at_plan_time():
    from relecloud_templates.plan.model import ServiceCollector
    from relecloud_templates.services.spec import SpecError

    with pytest.raises(SpecError, match=r"missing field 'grants'.*unknown field 'grant'"):
        ServiceCollector().add(services.common.KEY_VAULT, ["why"], vault="kv", grant=[], endpoints=[])
    with pytest.raises(SpecError, match="field 'vault' is a int, not str"):
        ServiceCollector().add(services.common.KEY_VAULT, ["why"], vault=1, grants=[], endpoints=[])


def test_used_parameters_finds_parameters_calls_only():
    """A template declares the parameters its expressions use: a longer name ending in parameters(...) is not one,
    and a quote doubled inside the name is undone."""
    value = {"a": "[concat(parameters('x'), myparameters('y'))]", "b": ["[parameters('it''s')]"],
             "c": "[format('{0}', xparameters('w'), parameters2('z'))]", "d": "parameters('v')"}
    assert used_parameters(value) == {"x", "it's", "v"}
