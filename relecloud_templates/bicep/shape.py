"""The JSON shapes the translator relies on, checked before it runs on a template from outside relecloud.

The translator reads a template's sections as mappings and lists, as ARM defines them. A hand-written template
can hold anything; ``shape_problems`` names every place where it does not, so that ``decompile`` reports them
(and ``validate`` explains them further, E0003) instead of failing half-way through a translation.
"""

from __future__ import annotations

from typing import Any, Iterator

Path = tuple  # of str | int: keys and indexes from the document root

# section -> the JSON type ARM requires of it and, for the mappings of declarations, of each entry
_SECTIONS = {"parameters": (dict, dict), "outputs": (dict, dict), "variables": (dict, None),
             "metadata": (dict, None), "functions": (list, None)}


def shape_problems(template: Any, path: Path = ()) -> list[tuple[Path, str]]:
    """(path, what is wrong) for every value of the wrong JSON type, nested templates included."""
    return list(_template(template, path))


def parameter_file_problems(document: Any) -> list[tuple[Path, str]]:
    """(path, what is wrong) for a deploymentParameters document whose parameters are not objects."""
    parameters = document.get("parameters") if isinstance(document, dict) else None
    if parameters is None:
        return []
    if not isinstance(parameters, dict):
        return [(("parameters",), "'parameters' must be an object")]
    return list(_entries(parameters, dict, ("parameters",), "parameter"))


def _template(template: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if not isinstance(template, dict):
        yield path, "a template must be an object"
        return
    for section, (kind, entry_kind) in _SECTIONS.items():
        value = template.get(section)
        if value is None:
            continue
        if not isinstance(value, kind):
            yield path + (section,), f"'{section}' must be {_a(kind)}"
        elif entry_kind is not None:
            yield from _entries(value, entry_kind, path + (section,), section[:-1])
    resources = template.get("resources")
    if isinstance(resources, dict):
        items = list(resources.items())
    elif isinstance(resources, list):
        items = list(enumerate(resources))
    else:
        if resources is not None:
            yield path + ("resources",), "'resources' must be an array"
        items = []
    for key, resource in items:
        yield from _resource(resource, path + ("resources", key))


def _resource(resource: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if not isinstance(resource, dict):
        yield path, "a resource must be an object"
        return
    if resource.get("dependsOn") is not None and not isinstance(resource["dependsOn"], list):
        yield path + ("dependsOn",), "'dependsOn' must be an array"
    properties = resource.get("properties")
    if properties is not None and not isinstance(properties, (dict, str)):
        yield path + ("properties",), "'properties' must be an object (or an expression that gives one)"
        return
    if isinstance(properties, dict) and str(resource.get("type", "")).lower() == "microsoft.resources/deployments":
        options = properties.get("expressionEvaluationOptions")
        if options is not None and not isinstance(options, dict):
            yield path + ("properties", "expressionEvaluationOptions"), "'expressionEvaluationOptions' must be an object"
        if "template" in properties:
            yield from _template(properties["template"], path + ("properties", "template"))
        # Each value may be an expression that gives the {"value": ...} object, so only the mapping is checked.
        parameters = properties.get("parameters")
        if parameters is not None and not isinstance(parameters, dict):
            yield path + ("properties", "parameters"), "'parameters' must be an object"
    children = resource.get("resources")
    if isinstance(children, list):
        for index, child in enumerate(children):
            yield from _resource(child, path + ("resources", index))


def _entries(mapping: dict, kind: type, path: Path, what: str) -> Iterator[tuple[Path, str]]:
    for name, value in mapping.items():
        if not isinstance(value, kind):
            yield path + (name,), f"{what} '{name}' must be {_a(kind)}"
        elif value.get("metadata") is not None and not isinstance(value["metadata"], dict):
            yield path + (name, "metadata"), f"the metadata of {what} '{name}' must be an object"


def _a(kind: type) -> str:
    return "an array" if kind is list else "an object"
