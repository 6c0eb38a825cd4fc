"""The manifest's access: block: Entra groups that administer and read the estate, each mistake located."""

from __future__ import annotations

import pytest

from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest import load_manifest
from tests.manifest.test_loader import variant

ADMINS = "  platformAdmins: 8e1f0c2a-0000-4000-8000-000000000101\n"


def problems(path) -> list:
    with pytest.raises(DiagnosticsError) as caught:
        load_manifest(path)
    return caught.value.diagnostics


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_bundled_scenario_names_its_groups(bundled_manifest):
    access = load_manifest(bundled_manifest).access
    assert access.platform_admins == "8e1f0c2a-0000-4000-8000-000000000101"
    assert access.administrators("operations") == ("8e1f0c2a-0000-4000-8000-000000000101",
                                                   "8e1f0c2a-0000-4000-8000-000000000111")
    assert (
        access.administrators("operations", "cloud-service-recommender")[-1] == "8e1f0c2a-0000-4000-8000-000000000131"
    )
    assert access.readers("billing", "revenue-by-service") == ("8e1f0c2a-0000-4000-8000-000000000122",
                                                               "8e1f0c2a-0000-4000-8000-000000000141")
    assert access.readers("billing", "invoices") == ("8e1f0c2a-0000-4000-8000-000000000122",)


def test_an_estate_without_administrators_is_refused(tmp_path):
    path, _ = variant(tmp_path, "access:\n" + ADMINS, "")
    [found] = problems(path)
    assert (found.code, found.name, found.location.line) == ("M040", "missing-administrators", 1)
    assert "only by the principal that deploys it" in found.message and "platformAdmins" in found.hint


def test_an_access_block_without_platform_admins_is_refused_at_the_block(tmp_path):
    path, text = variant(tmp_path, ADMINS, "  zones: {operations: {owners: 8e1f0c2a-0000-4000-8000-000000000111}}\n")
    [found] = problems(path)
    assert found.code == "M040" and found.location.line == line_of(text, "access:")


def test_an_object_id_that_is_not_a_guid_is_located_with_a_hint(tmp_path):
    path, text = variant(tmp_path, ADMINS, ADMINS + "  zones:\n    billing: {readers: finance-analysts}\n")
    [found] = problems(path)
    assert found.code == "M041" and "access.zones.billing.readers" in found.message
    column = text.index("finance-analysts") - text.rindex("\n", 0, text.index("finance-analysts"))
    assert (found.location.line, found.location.column) == (line_of(text, "finance-analysts"), column)
    assert "az ad group show" in found.hint


@pytest.mark.parametrize(
    "entry, message, hint",
    [
        ("  zones: {biling: {owners: 8e1f0c2a-0000-4000-8000-000000000111}}\n", "landing zone 'biling'", "'billing'"),
        (
            "  workloads: {billing/invoice: {owners: 8e1f0c2a-0000-4000-8000-000000000111}}\n",
            "'billing/invoice'",
            "'billing/invoices'",
        ),
        (
            "  workloads: {invoices: {owners: 8e1f0c2a-0000-4000-8000-000000000111}}\n",
            "is not ZONE/NAME",
            "'billing/invoices'",
        ),
        (
            "  workloads: {billing/revenue-by-product: {readers: 8e1f0c2a-0000-4000-8000-000000000111}}\n",
            "no integration or product",
            "'billing/revenue', not an alias",
        ),
    ],
)
def test_names_that_do_not_exist_are_refused_with_did_you_mean(tmp_path, entry, message, hint):
    path, _ = variant(tmp_path, ADMINS, ADMINS + entry)
    [found] = problems(path)
    assert found.code == "M042" and message in found.message and hint in found.hint


def test_unknown_keys_in_the_block_are_schema_problems(tmp_path):
    path, _ = variant(tmp_path, ADMINS, ADMINS + "  zones: {billing: {owner: 8e1f0c2a-0000-4000-8000-000000000111}}\n")
    [found] = problems(path)
    assert found.code == "M003" and "'owners'" in found.hint


def test_an_environment_overrides_the_groups(bundled_manifest, tmp_path):
    text = bundled_manifest.read_text()
    prd = "environments:\n  dev:\n  prd:\n"
    assert prd in text
    path = tmp_path / "relecloud.yaml"
    path.write_text(text.replace(prd, prd + "    access:\n      zones:\n        billing:\n"
                                 "          owners: 8e1f0c2a-0000-4000-8000-000000000921\n"))
    assert load_manifest(path, env="dev").access.zone("billing").owners.endswith("000000000121")
    prd_access = load_manifest(path, env="prd").access
    assert prd_access.zone("billing").owners.endswith("000000000921")
    assert prd_access.zone("billing").readers.endswith("000000000122")  # merged key by key
