"""Reading plan.json: located problems, all at once; selection with prerequisites; subscription overrides."""

from __future__ import annotations

import json

import pytest
from deploy_helpers import estate  # noqa: F401 (fixture)

from relecloud_templates.deploy.plan_file import load_plan, override_subscriptions, with_prerequisites
from relecloud_templates.diagnostics import DiagnosticsError


def edit_plan(estate, change) -> None:
    path = estate / "plan.json"
    doc = json.loads(path.read_text())
    change(doc["units"])
    path.write_text(json.dumps(doc, indent=2))


def problems(estate) -> list[str]:
    with pytest.raises(DiagnosticsError) as failed:
        load_plan(estate)
    return [d.format() for d in failed.value.diagnostics]


def test_the_fixture_estate_loads_with_templates_and_parameters(estate):
    plan = load_plan(estate)
    assert plan.names()[:3] == ["mgmt", "billing", "operations"]
    recommender = plan.unit("operations-recommender")
    assert recommender.scope == "resourceGroup" and recommender.resource_group == "rc-dev-ops-operations-rg"
    assert recommender.secure_parameters == ("sqlAdminPassword",)
    assert recommender.parameters == {"prefix": {"value": "rc-dev"}}
    assert recommender.template["parameters"]["sqlAdminPassword"]["type"] == "securestring"


def test_every_problem_is_reported_at_its_line(estate):
    def break_it(units):
        units[0]["deploymentName"] = "x" * 65
        units[1]["dependsOn"] = ["mgmnt"]
        units[2]["scope"] = "resourcegroup"
        units[3]["template"] = "../../etc/passwd"

    edit_plan(estate, break_it)
    found = problems(estate)
    assert len(found) == 4
    joined = "\n".join(found)
    assert "D106 invalid-deployment-name" in joined and "1-64 characters" in joined
    assert "depends on unknown unit 'mgmnt'" in joined and "did you mean 'mgmt'?" in joined
    assert "unknown scope 'resourcegroup'" in joined and "did you mean 'resourceGroup'?" in joined
    assert "outside the plan's folder" in joined
    assert all(f.startswith(f"{estate / 'plan.json'}:") and f.split(":")[1].isdigit() for f in found)


def test_a_prerequisite_listed_after_its_dependant_is_an_error(estate):
    edit_plan(estate, lambda units: units.insert(0, units.pop(1)))  # billing before mgmt
    assert any("listed before its prerequisite 'mgmt'" in p for p in problems(estate))


def test_a_broken_template_file_is_located_in_that_file(estate):
    (estate / "billing" / "main.json").write_text('{"resources": [}')
    [found] = problems(estate)
    assert found.startswith(f"{estate / 'billing' / 'main.json'}:1:")
    assert "D102 invalid-json" in found


def test_a_template_that_is_not_an_object_stops_the_plan_rather_than_dropping_its_unit(estate):
    (estate / "mgmt" / "main.json").write_text("[]")
    (estate / "billing" / "main.parameters.json").write_text("[]")
    found = problems(estate)
    assert len(found) == 2
    assert any(f.startswith(f"{estate / 'mgmt' / 'main.json'}:1:1") and "D114 invalid-template" in f for f in found)
    assert any(f.startswith(f"{estate / 'billing' / 'main.parameters.json'}:1:1") and "D110" in f for f in found)


def test_depends_on_and_secure_parameters_must_list_names(estate):
    def break_it(units):
        units[1]["dependsOn"] = [None]
        units[2]["secureParameters"] = [{"name": "x"}]

    edit_plan(estate, break_it)
    found = problems(estate)
    assert len(found) == 2 and all("D104 invalid-unit" in f and "must list names" in f for f in found)


def test_a_missing_plan_is_reported_not_raised(tmp_path):
    with pytest.raises(DiagnosticsError) as failed:
        load_plan(tmp_path)
    assert "cannot read" in failed.value.diagnostics[0].message


def test_selection_adds_prerequisites_in_plan_order(estate):
    plan = load_plan(estate)
    assert with_prerequisites(plan, units=("operations-recommender",)) == [
        "mgmt", "operations", "operations-service-telemetry", "operations-recommender"]
    assert with_prerequisites(plan, zones=("billing",)) == ["mgmt", "billing", "billing-invoices"]
    assert with_prerequisites(plan) == plan.names()


def test_unknown_selection_names_get_a_suggestion(estate):
    with pytest.raises(DiagnosticsError) as failed:
        with_prerequisites(load_plan(estate), units=("operations-recomender",), zones=("biling",))
    messages = [(d.message, d.hint) for d in failed.value.diagnostics]
    assert ("no unit named 'operations-recomender' in the plan", "did you mean 'operations-recommender'?") in messages
    assert ("no zone named 'biling' in the plan", "did you mean 'billing'?") in messages


def test_subscription_override_moves_only_that_zones_units(estate):
    other = "11111111-2222-4333-8444-555555555555"
    plan = override_subscriptions(load_plan(estate), {"billing": other})
    assert {u.name for u in plan.units if u.subscription_id == other} == {"billing", "billing-invoices"}
    with pytest.raises(DiagnosticsError):
        override_subscriptions(plan, {"billing": "not-a-guid"})


def test_a_bicep_only_render_cannot_be_deployed(tmp_path):
    from click.testing import CliRunner

    from relecloud_templates.cli import cli

    out = tmp_path / "out"
    assert (
        CliRunner().invoke(cli, ["render", "--example", "-o", str(out), "--format", "bicep", "--env", "dev"]).exit_code
        == 0
    )
    with pytest.raises(DiagnosticsError) as caught:
        load_plan(out / "dev" / "plan.json")
    first = caught.value.diagnostics[0]
    assert "Bicep only" in first.message and "--format both" in first.hint
