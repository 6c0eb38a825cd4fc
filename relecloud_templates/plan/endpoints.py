"""Private endpoints as plan data: which sub-resource of which resource, in which subnet, resolved by which zones.

A service lists its endpoints in ``context["endpoints"]``; the template renders each with the shared private
endpoint module, and the management zone creates exactly the DNS zones that kept endpoints resolve through.
"""

from __future__ import annotations

from collections.abc import Iterable

from relecloud_templates.naming import private_endpoint_name
from relecloud_templates.plan.dns import ZONES
from relecloud_templates.plan.model import Service


def endpoint(resource: str, rtype: str, group: str, zones: Iterable[str], subnet: dict, *,
             target_reference: dict | None = None, suffix: str | None = None) -> dict:
    """One private endpoint of ``resource`` (of type ``rtype``) for sub-resource ``group``.

    ``target_reference`` (``{"type", "name", "property"}``) replaces ``resourceId(rtype, resource)`` when the
    target is not a resource of the template but a property of one (Purview's managed storage account).
    """
    return {
        "name": private_endpoint_name(resource, suffix or group.lower()),
        "group": group,
        "zones": [ZONES[key].as_context() for key in zones],
        "target": {"type": rtype, "name": resource},
        "target_reference": target_reference,
        "subnet": subnet,
    }


def zone_keys(services: Iterable[Service]) -> dict[str, list[str]]:
    """DNS zone key -> names of the kept services' private endpoints that resolve through it."""
    users: dict[str, list[str]] = {}
    for service in services:
        for pe in service.context.get("endpoints", ()):
            for zone in pe["zones"]:
                users.setdefault(zone["key"], []).append(pe["name"])
    return users
