"""Compose a unit's ARM template from its kept services, as Python data.

Each kept service renders its Jinja2 module into an inner template (a stream of JSON pieces:
``{"variables": {...}}``, ``{"resources": [...]}``, ``{"outputs": {...}}``) and is deployed as one inner-scope
nested deployment into its resource group. The unit template declares exactly the parameters its services use
and passes them through; services that the plan pruned contribute nothing at all.
"""

from __future__ import annotations

import json
import re
from typing import Any

from relecloud_templates import __version__
from relecloud_templates.arm.vocabulary import DEPLOYMENTS_TYPE as DEPLOYMENTS
from relecloud_templates.arm.vocabulary import PARAMETERS_SCHEMA, SCOPE_SCHEMAS
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.manifest.regions import availability_zones
from relecloud_templates.naming import deployment_name
from relecloud_templates.plan import parameters as unit_parameters
from relecloud_templates.plan.model import PlannedUnit, Service
from relecloud_templates.render.api_versions import api_version
from relecloud_templates.render.environment import environment, quote

# Searched without a leading \b, which keeps the regex engine from looking for the literal "parameters(" fast (a
# unit's whole template is searched, 16x slower with it); used_parameters checks the word boundary on each match.
_PARAMETER_REF = re.compile(r"parameters\('((?:[^']|'')*)'\)")
_WORD_CHAR = re.compile(r"\w")
_SECTIONS = {"variables": dict, "resources": list, "outputs": dict}


class CompositionError(Exception):
    """A module rendered something that is not a well-formed piece stream: a bug in a template."""


def unit_context(unit: PlannedUnit) -> dict[str, Any]:
    """What every module may read of its unit (``unit.<field>``): its name, zone and kind, and the availability
    zones of its region (none where the region has none: zonal resources are then rendered without zones)."""
    return {"name": unit.name, "zone": unit.zone, "kind": unit.kind, "zones": availability_zones(unit.location)}


def render_module(name: str, context: dict[str, Any]) -> dict[str, Any]:
    """The sections a module contributes, merged from its stream of JSON pieces."""
    text = environment().get_template(name).render(**context)
    sections: dict[str, Any] = {"variables": {}, "resources": [], "outputs": {}}
    decoder, i = json.JSONDecoder(), 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return sections
        try:
            piece, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise CompositionError(f"{name}: not JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if not isinstance(piece, dict) or len(piece) != 1 or next(iter(piece)) not in _SECTIONS:
            raise CompositionError(f"{name}: each piece must be one of {sorted(_SECTIONS)}")
        (section, value), = piece.items()
        if not isinstance(value, _SECTIONS[section]):
            raise CompositionError(f"{name}: {section} must be a {_SECTIONS[section].__name__}")
        if section == "resources":
            sections["resources"].extend(value)
            continue
        for key, item in value.items():
            if key in sections[section] and sections[section][key] != item:
                raise CompositionError(f"{name}: {section[:-1]} {key!r} is defined twice, differently")
            sections[section][key] = item


def used_parameters(value: Any) -> set[str]:
    """Names of the parameters an expression-bearing value refers to."""
    text, at = json.dumps(value), 0
    found: set[str] = set()
    while (match := _PARAMETER_REF.search(text, at)) is not None:
        start = match.start()
        if start and _WORD_CHAR.match(text, start - 1):  # the end of a longer name: not a parameters() call
            at = start + 1
            continue
        found.add(match.group(1).replace("''", "'"))
        at = match.end()
    return found


def _with_api_versions(resources: list[dict]) -> list[dict]:
    for resource in resources:
        resource.setdefault("apiVersion", api_version(resource["type"]))
    return resources


class UnitComposer:
    def __init__(self, manifest: Manifest, unit: PlannedUnit, anchors: dict[str, Any]):
        self.manifest = manifest
        self.unit = unit
        self.anchors = {**anchors, **unit.anchors}  # a unit with its own monitoring sends its diagnostics there
        self.definitions: dict[str, dict] = {}

    # -- references between the unit's own resources ---------------------------------------------------
    def deployment_name(self, service: Service) -> str:
        return deployment_name(self.unit.name, service.key)

    def deployment_ref(self, service: Service) -> str:
        """The id expression of a service's nested deployment, as the unit template refers to it."""
        name = quote(self.deployment_name(service))
        if self.unit.scope == "subscription":
            if service.resource_group is None:
                return f"[subscriptionResourceId('{DEPLOYMENTS}', {name})]"
            subscription = (f"parameters({quote(service.subscription_param)})" if service.subscription_param
                            else "subscription().subscriptionId")
            group = (
                f"format('/subscriptions/{{0}}/resourceGroups/{{1}}', {subscription}, {quote(service.resource_group)})"
            )
            return f"[extensionResourceId({group}, '{DEPLOYMENTS}', {name})]"
        args = []
        if service.subscription_param:
            args.append(f"parameters({quote(service.subscription_param)})")
        if service.resource_group:
            args.append(quote(service.resource_group))
        return f"[resourceId({', '.join([*args, quote(DEPLOYMENTS), name])})]"

    # -- composition --------------------------------------------------------------------------------------
    def compose(self) -> tuple[dict, dict]:
        """The unit's template and its parameters file."""
        unit = self.unit
        resources: list[dict] = []
        if unit.scope == "subscription":
            for group in unit.resource_groups:
                resources.append({"type": "Microsoft.Resources/resourceGroups", "apiVersion": api_version(
                    "Microsoft.Resources/resourceGroups"), "name": group, "location": "[parameters('location')]",
                    "tags": "[parameters('tags')]"})
        outputs: dict[str, dict] = {}
        kept = {s.key: s for s in unit.kept}
        for service in unit.kept:
            deployment, inner_outputs = self._deployment(service, kept)
            resources.append(deployment)
            for name, output in inner_outputs.items():
                outputs[f"{service.key}{name[:1].upper()}{name[1:]}"] = {
                    "type": output["type"],
                    "metadata": output["metadata"],
                    "value": f"[reference({self.deployment_ref(service)[1:-1]}, '{api_version(DEPLOYMENTS)}')"
                             f".outputs.{name}.value]",
                }
        used = used_parameters(resources) | used_parameters(outputs)
        template = {
            "$schema": SCOPE_SCHEMAS[unit.scope],
            "contentVersion": "1.0.0.0",
            "metadata": {
                "_generator": {"name": "relecloud", "version": __version__},
                "description": self._description(),
            },
            "parameters": {name: self._definition(name) for name in sorted(used)},
            "resources": resources,
        }
        if outputs:
            template["outputs"] = outputs
        values = {
            name: {"value": unit.parameter_values[name]}
            for name in sorted(used)
            if not unit_parameters.is_secure(self._definition(name))
        }
        parameters_file = {"$schema": PARAMETERS_SCHEMA, "contentVersion": "1.0.0.0", "parameters": values}
        return template, parameters_file

    def secure_parameters(self, template: dict) -> list[str]:
        return sorted(n for n, d in template["parameters"].items() if unit_parameters.is_secure(d))

    def _description(self) -> str:
        unit = self.unit
        kinds = {"managementZone": "Data management zone", "landingZone": "Data landing zone",
                 "integration": "Data integration", "product": "Data product"}
        text = f"{kinds[unit.kind]} {unit.name}, rendered by relecloud."
        return f"{text} {unit.description}" if unit.description else text

    def _definition(self, name: str) -> dict:
        if name not in self.definitions:
            found = unit_parameters.definition(name, self.manifest)
            if found is None or (name not in self.unit.parameter_values and not unit_parameters.is_secure(found)):
                raise CompositionError(
                    f"unit {self.unit.name}: a module uses parameter {name!r} that the plan does not provide"
                )
            self.definitions[name] = found
        return self.definitions[name]

    def _deployment(self, service: Service, kept: dict[str, Service]) -> tuple[dict, dict]:
        unit = self.unit
        context = {"svc": service.context, "service": {"key": service.key, "title": service.title},
                   "unit": unit_context(unit), "anchors": self.anchors}
        sections = render_module(service.module, context)
        resources = _with_api_versions(sections["resources"])
        inner_scope = (
            "subscription" if unit.scope == "subscription" and service.resource_group is None else "resourceGroup"
        )
        body = {"variables": sections["variables"], "resources": resources, "outputs": sections["outputs"]}
        used = sorted(used_parameters(body))
        inner: dict[str, Any] = {
            "$schema": SCOPE_SCHEMAS[inner_scope],
            "contentVersion": "1.0.0.0",
            "parameters": {name: self._definition(name) for name in used},
        }
        for key in ("variables", "resources", "outputs"):
            if body[key] or key == "resources":
                inner[key] = body[key]
        if not inner["parameters"]:
            del inner["parameters"]
        deployment: dict[str, Any] = {"type": DEPLOYMENTS, "apiVersion": api_version(DEPLOYMENTS),
                                      "name": self.deployment_name(service)}
        if service.subscription_param:
            deployment["subscriptionId"] = f"[parameters({quote(service.subscription_param)})]"
        if service.resource_group:
            deployment["resourceGroup"] = service.resource_group
        elif inner_scope == "subscription":
            # Where ARM keeps the nested deployment's record: the unit's own deployment location (as Bicep does).
            deployment["location"] = "[deployment().location]"
        depends = [self.deployment_ref(kept[key]) for key in service.after if key in kept]
        if (
            unit.scope == "subscription"
            and service.resource_group in unit.resource_groups
            and not service.subscription_param
        ):
            depends.insert(
                0, f"[subscriptionResourceId('Microsoft.Resources/resourceGroups', {quote(service.resource_group)})]"
            )
        if depends:
            deployment["dependsOn"] = depends
        properties: dict[str, Any] = {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}}
        if used:
            properties["parameters"] = {name: {"value": f"[parameters({quote(name)})]"} for name in used}
        properties["template"] = inner
        deployment["properties"] = properties
        return deployment, sections["outputs"]
