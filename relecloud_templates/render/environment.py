"""The Jinja2 environment: sandboxed, strict, and unable to emit anything but JSON values.

Every ``{{ ... }}`` passes through ``finalize``, which JSON-encodes the value: a name from the manifest comes out
as a JSON string literal with its quotes and braces escaped, so it can neither break the document nor inject
into it. A string that ARM would read as an expression (``[...]``) is escaped as ARM wants (``[[...]``). Only
``ArmExpression`` values, which templates build with ``expr()``/``rid()`` from their own text, come out as
expressions; manifest values enter them only through the ``q`` filter, which quotes them as ARM string literals.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from relecloud_templates import resources
from relecloud_templates.render.api_versions import api_version


class ArmExpression(str):
    """The text of an ARM template expression, without its brackets."""


def arm_literal(text: str) -> str:
    """``text`` as a JSON string that ARM reads literally (a leading ``[`` of a ``[...]`` string is doubled)."""
    return "[" + text if text.startswith("[") and text.endswith("]") else text


def _plain(value: Any) -> Any:
    if isinstance(value, ArmExpression):
        return f"[{value}]"
    if isinstance(value, str):
        return arm_literal(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, dict):
        return {_plain(k) if isinstance(k, str) else str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    raise TypeError(f"a template emitted a {type(value).__name__}, which has no JSON form")


def finalize(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def quote(value: Any) -> ArmExpression:
    """A value as an ARM string literal inside an expression: ``it's`` -> ``'it''s'``."""
    if isinstance(value, ArmExpression):
        return value
    return ArmExpression("'" + str(value).replace("'", "''") + "'")


def expr(text: str) -> ArmExpression:
    return ArmExpression(text)


def resource_id(scope: dict | None, resource_type: str, *names: Any) -> ArmExpression:
    """``resourceId()`` of a resource, in the unit's own resource group (scope None) or in ``scope``."""
    args = []
    if scope:
        if scope.get("subscription_param"):
            args.append(f"parameters({quote(scope['subscription_param'])})")
        if scope.get("resource_group"):
            args.append(quote(scope["resource_group"]))
    args.append(quote(resource_type))
    args.extend(quote(name) for name in names)
    return ArmExpression(f"resourceId({', '.join(args)})")


def with_tags(extra: dict) -> ArmExpression:
    """The unit's tags with ``extra`` (literal names and values) merged over them: ``union(parameters('tags'),
    createObject(...))``."""
    pairs = ", ".join(f"{quote(k)}, {quote(v)}" for k, v in sorted(extra.items()))
    return ArmExpression(f"union(parameters('tags'), createObject({pairs}))")


def zone_name(zone: dict) -> ArmExpression:
    """A private DNS zone's name: its literal where it is the same in every cloud, else its expression."""
    return ArmExpression(zone["expression"])


def scope_path(resource_type: str, name: str) -> str:
    """The relative id that an extension resource's ``scope`` takes: ``Microsoft.X/a/<a>/b/<b>``."""
    namespace, *types = resource_type.split("/")
    return namespace + "".join(f"/{t}/{n}" for t, n in zip(types, name.split("/")))


def principal_id(principal: dict) -> ArmExpression:
    """The object id of a resource's system-assigned identity (``reference(..., 'Full').identity.principalId``)."""
    rid = resource_id(principal.get("scope"), principal["type"], principal["name"])
    return ArmExpression(f"reference({rid}, {quote(api_version(principal['type']))}, 'Full').identity.principalId")


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """One environment per process: Jinja2 compiles each template once and keeps it."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(resources.templates_dir())),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=finalize,
        auto_reload=False,
        cache_size=-1,
        keep_trailing_newline=True,
    )
    env.globals.update(expr=expr, rid=resource_id, zone_name=zone_name, api=api_version, principal_id=principal_id,
                       scope_path=scope_path, with_tags=with_tags)
    env.filters["q"] = quote
    return env
