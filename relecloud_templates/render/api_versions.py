"""The API version relecloud renders for each resource type, derived from the service specs (services/).

Each spec names the version of every type it renders; a type rendered by two specs must have the same version
in both (``services.api_versions`` refuses otherwise). A test checks the table against the ARM schemas: each is
the newest non-preview version of its type, except where a spec needs a preview's shape (see that test).
"""

from __future__ import annotations

from relecloud_templates import services

_table: tuple[int, dict[str, str]] = (-1, {})


def table() -> dict[str, str]:
    """Resource type -> API version, for every service spec (recomputed when a service is registered)."""
    global _table
    if _table[0] != len(services.SPECS):
        _table = (len(services.SPECS), services.api_versions(services.SPECS, services.UNIT_RESOURCES))
    return _table[1]


API_VERSIONS: dict[str, str] = table()


def api_version(resource_type: str) -> str:
    try:
        return table()[resource_type]
    except KeyError:
        raise KeyError(f"no service spec renders resource type {resource_type!r}: add it to the spec's resources "
                       "(relecloud_templates/services/)") from None
