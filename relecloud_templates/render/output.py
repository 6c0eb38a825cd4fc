"""Render a plan into files: byte-stable JSON and Bicep, computed as bytes (nothing touches the disk here).

``render_files`` gives every file of the render, plan.json last: it lists the units for deploy and records the
SHA-256 of every other file (``written``), the proof of what relecloud wrote that ``publish`` relies on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from relecloud_templates.render.jsontext import dumps_indented

if TYPE_CHECKING:  # validate reads plan.json's record of what render wrote (digest) without the renderer
    from relecloud_templates.manifest.model import Manifest
    from relecloud_templates.plan.model import Plan

PLAN_FILE = "plan.json"
UNIT_FILES = ("main.json", "main.parameters.json")
# Every file render writes in a unit's folder, in any format, as glob patterns relative to that folder. Only
# files of these shapes can ever be removed as relecloud's own (render/publish.py); a test checks that every
# file of a render matches one.
UNIT_FILE_PATTERNS = (*UNIT_FILES, "main.bicep", "main.bicepparam", "modules/*.bicep")
_SAFE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]{0,127}")

TEMPLATE_ORDER = (
    "$schema",
    "contentVersion",
    "metadata",
    "parameters",
    "functions",
    "variables",
    "resources",
    "outputs",
)
PARAMETER_ORDER = (
    "type",
    "defaultValue",
    "allowedValues",
    "minLength",
    "maxLength",
    "minValue",
    "maxValue",
    "metadata",
)
RESOURCE_ORDER = ("type", "apiVersion", "name", "scope", "subscriptionId", "resourceGroup", "location", "tags", "kind",
                  "sku", "identity", "properties", "dependsOn")


class UnsafeOutputPath(ValueError):
    pass


OUTPUT_FORMATS = ("arm", "bicep", "both")


@dataclass
class RenderedEstate:
    files: dict[str, bytes] = field(default_factory=dict)  # POSIX path relative to the output folder -> content
    # Places in the Bicep output with no faithful translation: (file, line, message). Empty for a sound render.
    bicep_notes: list[tuple[str, int, str]] = field(default_factory=list)


def _ordered(value: Any, order: tuple[str, ...] = ()) -> Any:
    """``value`` with every mapping's keys in a fixed order: ``order`` first, the rest sorted."""
    if isinstance(value, dict):
        keys = [k for k in order if k in value] + sorted(k for k in value if k not in order)
        result: dict[str, Any] = {}
        for key in keys:
            item = value[key]
            if key == "resources" and isinstance(item, list):
                result[key] = [_ordered(r, RESOURCE_ORDER) for r in item]
            elif key == "template" and isinstance(item, dict) and "$schema" in item:
                result[key] = _ordered(item, TEMPLATE_ORDER)
            elif key in ("parameters", "outputs") and order == TEMPLATE_ORDER and isinstance(item, dict):
                result[key] = {name: _ordered(d, PARAMETER_ORDER) for name, d in sorted(item.items())}
            else:
                result[key] = _ordered(item)
        return result
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def to_bytes(document: dict, *, template: bool = False) -> bytes:
    ordered = _ordered(document, TEMPLATE_ORDER if template else ())
    return (dumps_indented(ordered) + "\n").encode("utf-8")


def digest(content: bytes) -> str:
    """How plan.json records a file that render wrote: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(content).hexdigest()


def is_unit_folder(name: str) -> bool:
    """A name render can give a unit's folder: lowercase letters, digits and hyphens."""
    return bool(_SAFE_SEGMENT.fullmatch(name))


def unit_folder(name: str) -> str:
    if not is_unit_folder(name):
        raise UnsafeOutputPath(f"unit name {name!r} cannot be a folder name (lowercase letters, digits, hyphens)")
    return name


def render_files(manifest: Manifest, plan: Plan, manifest_label: str, output_format: str = "both",
                 on_unit: Callable[[str], None] | None = None) -> RenderedEstate:
    """Every file of the render, as bytes. ``manifest_label`` is how plan.json names the manifest;
    ``on_unit(name)`` is called as each unit is done (progress).

    ``output_format`` is ``arm``, ``bicep`` or ``both``. Bicep is translated from the very ARM document that
    ``main.json`` holds, so the two can never disagree.
    """
    from relecloud_templates.diagram import estate_files
    from relecloud_templates.plan.paths import paths_json
    from relecloud_templates.render.compose import UnitComposer

    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output_format!r}; expected one of {', '.join(OUTPUT_FORMATS)}")
    rendered = RenderedEstate()
    units = []
    for unit in plan.units:
        folder = unit_folder(unit.name)
        composer = UnitComposer(manifest, unit, plan.anchors[unit.zone])
        template, parameters = composer.compose()
        files: dict[str, bytes] = {}
        if output_format in ("arm", "both"):
            files[f"{folder}/main.json"] = to_bytes(template, template=True)
            files[f"{folder}/main.parameters.json"] = to_bytes(parameters)
        if output_format in ("bicep", "both"):
            files.update(_bicep_files(folder, template, parameters, rendered.bicep_notes))
        rendered.files.update(files)
        arm = output_format != "bicep"
        units.append({
            "name": unit.name, "kind": unit.kind, "zone": unit.zone, "scope": unit.scope,
            "subscriptionId": unit.subscription_id, "resourceGroup": unit.resource_group, "location": unit.location,
            "deploymentName": unit.deployment_name, "dependsOn": list(unit.depends_on),
            "template": f"{folder}/main.json" if arm else None,
            "parameters": f"{folder}/main.parameters.json" if arm else None,
            "files": sorted(files),
            "secureParameters": composer.secure_parameters(template),
            "dataPlane": unit.data_plane,  # what deploy performs after the unit (no ARM type for it)
        })
        if on_unit is not None:
            on_unit(unit.name)
    rendered.files.update(estate_files(manifest, plan))  # the estate's picture, so that --check catches it stale
    # Which estate and environment the units belong to: deploy tags its deployment stacks with it, so that it
    # can tell the stacks of units the manifest no longer has from those of other estates.
    estate = {"prefix": manifest.organization.prefix, "environment": manifest.organization.environment}
    written = {path: digest(content) for path, content in sorted(rendered.files.items())}
    rendered.files[PLAN_FILE] = to_bytes({"version": 1, "manifest": manifest_label, "estate": estate, "units": units,
                                          "access": paths_json(plan), "written": written})
    return rendered


# A unit's ARM template and parameters (digest of their JSON, in their order) -> its Bicep files and notes, relative
# to the unit's folder: the translation is a function of those two documents alone, so a process that renders the
# same unit again (a render and then its --check, the tests) translates it once.
_TRANSLATED: dict[str, tuple[dict[str, bytes], list[tuple[str, int, str]]]] = {}


def _bicep_files(folder: str, template: dict, parameters: dict, notes: list) -> dict[str, bytes]:
    key = hashlib.sha256(json.dumps([template, parameters]).encode("ascii")).hexdigest()
    if key not in _TRANSLATED:
        from relecloud_templates.bicep import emit_unit  # only renders that write Bicep pay for the translator

        output = emit_unit(template, parameters)
        if len(_TRANSLATED) > 512:
            _TRANSLATED.clear()
        _TRANSLATED[key] = ({path: text.encode("utf-8") for path, text in output.files.items()},
                            [(n.path, n.line, n.message) for n in output.notes])
    files, found = _TRANSLATED[key]
    notes.extend((f"{folder}/{path}", line, message) for path, line, message in found)
    return {f"{folder}/{path}": data for path, data in files.items()}
