"""Secure parameters come from the environment or a hidden prompt, never show, and missing ones are named."""

from __future__ import annotations

import pytest
from deploy_helpers import estate  # noqa: F401 (fixture)

from relecloud_templates.deploy import secrets
from relecloud_templates.deploy.plan_file import load_plan


@pytest.fixture
def recommender(estate):
    return load_plan(estate).unit("operations-recommender")


def test_variable_names_are_upper_snake_case(recommender):
    assert secrets.env_names(recommender, "sqlAdminPassword") == (
        "RELECLOUD_SECURE_OPERATIONS_RECOMMENDER_SQL_ADMIN_PASSWORD", "RELECLOUD_SECURE_SQL_ADMIN_PASSWORD")


def test_the_per_unit_variable_wins_over_the_shared_one(recommender):
    env = {"RELECLOUD_SECURE_SQL_ADMIN_PASSWORD": "shared",
           "RELECLOUD_SECURE_OPERATIONS_RECOMMENDER_SQL_ADMIN_PASSWORD": "specific"}
    found = secrets.resolve([recommender], env, prompt=None)
    assert found["operations-recommender"]["sqlAdminPassword"].reveal() == "specific"


def test_a_secret_never_shows_in_text(recommender):
    found = secrets.resolve([recommender], {"RELECLOUD_SECURE_SQL_ADMIN_PASSWORD": "hunter2"}, prompt=None)
    assert "hunter2" not in repr(found) and "hunter2" not in str(found["operations-recommender"])


def test_the_prompt_is_asked_once_per_parameter_name(estate, recommender):
    twin = recommender.__class__(**{**recommender.__dict__, "name": "other-recommender"})
    asked: list[str] = []
    found = secrets.resolve([recommender, twin], {}, prompt=lambda label: asked.append(label) or "typed")
    assert asked == ["sqlAdminPassword (secure parameter of operations-recommender)"]
    assert found["other-recommender"]["sqlAdminPassword"].reveal() == "typed"


def test_missing_values_name_the_variables_to_set(recommender):
    with pytest.raises(secrets.MissingSecrets) as missing:
        secrets.resolve([recommender], {}, prompt=None)
    assert str(missing.value) == (
        "unit 'operations-recommender', secure parameter 'sqlAdminPassword': no value; set "
        "RELECLOUD_SECURE_OPERATIONS_RECOMMENDER_SQL_ADMIN_PASSWORD or RELECLOUD_SECURE_SQL_ADMIN_PASSWORD")


def test_a_secure_object_must_be_json(recommender):
    env = {"RELECLOUD_SECURE_SQL_ADMIN_PASSWORD": "{not json"}
    with pytest.raises(secrets.MissingSecrets, match="a secureObject value must be JSON"):
        secrets.resolve([recommender], env, prompt=None, is_object=lambda unit, name: True)
    env = {"RELECLOUD_SECURE_SQL_ADMIN_PASSWORD": '{"user": "a"}'}
    found = secrets.resolve([recommender], env, prompt=None, is_object=lambda unit, name: True)
    assert found["operations-recommender"]["sqlAdminPassword"].reveal() == {"user": "a"}
