"""Settings written once: `defaults:` applied to every landing zone, integration and product.

Merging happens on the located document, before the schema check, so a bad default is reported at the line
where it is written, and a zone's own value always wins over the default.
"""

from __future__ import annotations

import copy

from relecloud_templates.located import LocatedDict

# Mappings merged key by key (the item's keys win); every other value is replaced whole.
_MERGED = ("tags",)


def _merge(item: LocatedDict, default: LocatedDict, allowed: frozenset[str] | None = None) -> None:
    for key, value in default.items():
        if allowed is not None and key not in allowed:
            continue  # the schema check of `defaults` reports it once, at the default
        if key not in item:
            item[key] = copy.deepcopy(value)
            item.key_pos[key] = default.key_pos[key]
            item.value_pos[key] = default.value_pos[key]
        elif key in _MERGED and isinstance(item[key], LocatedDict) and isinstance(value, LocatedDict):
            _merge(item[key], value)


def apply_defaults(doc: LocatedDict, allowed: dict[str, frozenset[str]]) -> None:
    """Fill each landing zone, integration and product with the defaults it does not set itself.

    ``allowed`` maps a defaults section to the keys it may set (from the manifest schema).
    """
    defaults = doc.get("defaults")
    if not isinstance(defaults, LocatedDict):
        return
    zones = doc.get("landingZones")
    if not isinstance(zones, list):
        return
    zone_default = defaults.get("landingZone")
    for zone in zones:
        if not isinstance(zone, LocatedDict):
            continue
        if isinstance(zone_default, LocatedDict):
            _merge(zone, zone_default, allowed.get("landingZone"))
        for section, key in (("integration", "integrations"), ("product", "products")):
            default, items = defaults.get(section), zone.get(key)
            if isinstance(default, LocatedDict) and isinstance(items, list):
                for item in items:
                    if isinstance(item, LocatedDict):
                        _merge(item, default, allowed.get(section))
