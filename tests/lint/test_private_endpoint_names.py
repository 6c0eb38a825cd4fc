"""E3003 knows Azure's rule for private endpoint names (2-64 characters; Azure's resource naming rules for
Microsoft.Network): a name composed from a long resource name fails the deployment, and validate says so first.
No finding on the corpora (tests/lint/test_corpora.py runs every rule over them)."""

from __future__ import annotations

from lintkit import lint_doc, only, template


def endpoint(name: str) -> dict:
    return {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2025-09-01", "location": "westeurope",
            "name": name, "properties": {}}


def findings(name: str) -> list:
    return [d for d in lint_doc(template([endpoint(name)]), only("E3003")).diagnostics if d.code == "E3003"]


def test_a_private_endpoint_name_over_64_characters_is_an_error():
    [found] = findings("rc-dev-ope-cloud-accounts-billing-reconciliation-adf-yijsz-datafactory-pe")
    assert "private endpoint name" in found.message and "2-64" in found.message


def test_names_azure_accepts_pass():
    assert findings("rc-dev-kv-vault-pe") == [] and findings("a" * 64) == [] and findings("pe_") == []
    assert findings("pe-") != [] and findings("-pe") != []
