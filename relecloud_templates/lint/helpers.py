"""Small judgements several rules share: does a name look like a secret, is a value secure, is it a literal."""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import taken_branches
from relecloud_templates.arm.graph import is_list_function, symbol_uses, trees
from relecloud_templates.arm.vocabulary import is_secure_declaration

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SECRET_WORDS = {"password", "passwd", "pwd", "secret", "secrets", "token", "tokens", "passphrase", "sas",
                 "credential", "credentials"}
# words that, right before "key", make it a secret key; after "key" these words make it the key's metadata
_KEY_METADATA = {"vault", "vaults", "name", "names", "id", "ids", "uri", "url", "version", "source", "type", "size",
                 "identifier", "expiration", "rotation", "length", "permissions", "policy", "store"}
# a name ending in one of these is about a secret (its name, id, where it lives), not the secret itself
_REFERENCE_SUFFIXES = {"name", "names", "id", "ids", "uri", "uris", "url", "urls", "reference", "references", "version",
                       "enabled", "type", "length", "expiration", "policy", "policies", "count", "identifier", "action",
                       "mode", "state", "status", "days", "period", "interval", "duration", "format", "kind", "level",
                       "permission", "permissions", "location", "source", "store", "provider", "rotation", "required",
                       "complexity", "validity", "lifetime", "algorithm", "vault", "vaults"}
# a name starting with one of these is a switch about secrets (hasSharedKey, disableDeviceSAS), not a secret
_FLAG_PREFIXES = {"has", "is", "enable", "enabled", "disable", "disabled", "allow", "allowed", "use", "uses", "require",
                  "requires", "support", "supports", "should", "can", "skip", "generate", "rotate", "regenerate"}
# a word right before the secret word that says the opposite (nonSecretParameterValues, publicKey)
_NEGATIONS = {"non", "not", "no", "without", "public"}
# Application Insights instrumentation keys and connection strings are documented as not secret
_APP_INSIGHTS = {"insights", "appinsights", "applicationinsights", "instrumentation"}


@functools.lru_cache(maxsize=8192)
def words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORDS.findall(name))


@functools.lru_cache(maxsize=8192)
def looks_secret(name: str) -> bool:
    """True for names such as ``administratorPassword``, ``storageAccountKey``, ``sasToken``,
    ``connectionString``; false for ``keyVaultName``, ``sshPublicKey``, ``passwordSecretName``,
    ``keyVaultSecretUri``, ``hasSharedKey``, ``sasExpirationAction``, ``nonSecretParameterValues`` and
    ``appInsightsConnectionString``. The name alone decides: callers also rule out values that cannot be
    secrets (booleans, numbers, enumerations)."""
    parts = words(name)
    if not parts or parts[-1] in _REFERENCE_SUFFIXES or parts[0] in _FLAG_PREFIXES:
        return False
    for i, p in enumerate(parts):
        if p in _SECRET_WORDS and (i == 0 or parts[i - 1] not in _NEGATIONS):
            return True
    if _APP_INSIGHTS & set(parts):
        return False
    for i in range(len(parts) - 1):
        if parts[i] == "connection" and parts[i + 1] in ("string", "strings"):
            return True
    for i, p in enumerate(parts):
        if p != "key" and p != "keys":
            continue
        after = parts[i + 1] if i + 1 < len(parts) else None
        before = parts[i - 1] if i > 0 else None
        if after in _KEY_METADATA or before in ("public", "ssh", "partition", "row", "sort"):
            continue
        if before in ("account", "access", "shared", "primary", "secondary", "master", "api", "auth",
                      "subscription", "storage", "admin", "private", "encryption", "workspace"):
            return True
    return False


def is_secure_parameter(declaration: Any, template: Any = None) -> bool:
    """A secureString/secureObject declaration, or (languageVersion 2.0, with ``template``) one typed through
    ``$ref`` to a user-defined type that is secure or has secure fields."""
    return _secure(declaration, template.node.get("definitions") if template is not None else None, 0)


def _secure(declaration: Any, definitions: Any, depth: int) -> bool:
    if not isinstance(declaration, dict) or depth > 16:  # definitions may refer to each other in a circle
        return False
    if is_secure_declaration(declaration):
        return True
    ref = declaration.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/") and isinstance(definitions, dict) and \
            _secure(definitions.get(ref[len("#/definitions/"):]), definitions, depth + 1):
        return True
    fields = declaration.get("properties")
    return isinstance(fields, dict) and any(_secure(f, definitions, depth + 1) for f in fields.values())


_SECURE: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def secure_parameters(template: Any) -> frozenset[str]:
    """Lower-case names of the secure parameters a template's expressions see (found once per template: the
    secret rules ask for every resource and output)."""
    symbols = template.symbols
    found = _SECURE.get(symbols)
    if found is None:
        found = _SECURE[symbols] = frozenset(name.lower() for name, decl in symbols.parameters.items()
                                             if is_secure_parameter(decl, symbols))
    return found


def secret_named_parameters(template: Any) -> dict[str, str]:
    """Plain (not secure) parameters named like secrets, e.g. a string ``adminPassword``: lower-case -> declared."""
    symbols = template.symbols
    return {name.lower(): name for name, decl in symbols.parameters.items()
            if not is_secure_parameter(decl, symbols) and looks_secret(name) and not cannot_hold_secret(decl)}


def cannot_hold_secret(declaration: Any) -> bool:
    """A parameter declaration whose values cannot be secrets: a bool, an int, or a choice among allowed values."""
    if not isinstance(declaration, dict):
        return False
    kind = str(declaration.get("type", "")).lower()
    return kind in ("bool", "int") or isinstance(declaration.get("allowedValues"), list)


def is_literal(value: Any) -> bool:
    """True when a raw value holds no expression at all (a hard-coded value)."""
    return not any(True for _ in trees(value))


def live_trees(value: Any, template: Any) -> list[Any]:
    """The syntax trees of the expressions in a raw value, each ``if()`` with a known condition reduced to the
    branch ARM takes."""
    return [taken_branches(tree, template.evaluator) for tree in trees(value)]


def secret_sources(value: Any, template: Any) -> Iterator[str]:
    """Why a raw value carries a secret: the secure parameters it uses, ``list*()`` calls (in the branches ARM
    evaluates)."""
    secure = secure_parameters(template)
    live = live_trees(value, template)
    used = {name.lower() for tree in live for name, _ in symbol_uses(tree, "parameters")}
    for name in sorted(used & secure):
        yield f"secure parameter '{name}'"
    if any(isinstance(node, ex.Call) and node.namespace is None and is_list_function(node.lower_name)
           for tree in live for node in ex.walk(tree)):
        yield "a list*() call (keys or secrets of a resource)"



def generated_by_bicep(template: Any) -> bool:
    """Whether the Bicep compiler wrote this template (``metadata._generator.name`` is ``bicep``, here or in an
    enclosing template): constructs only the compiler writes (its dependsOn lists, the API version of its module
    deployments) are not the author's to fix."""
    while template is not None:
        metadata = template.node.get("metadata")
        generator = metadata.get("_generator") if isinstance(metadata, dict) else None
        if isinstance(generator, dict) and str(generator.get("name", "")).lower() == "bicep":
            return True
        template = template.parent
    return False


_NOT_SETTINGS = {"metadata", "tags"}


def own_properties(
    resource: Any, start: tuple[Any, ...] = ("properties",)
) -> Iterator[tuple[str, Any, tuple[Any, ...]]]:
    """(key, value, file path of the value) of every property written in a resource's own body below ``start``
    (``()``: the whole body), depth first; leaving out ``tags`` and ``metadata``, child resources and a nested
    deployment's template (each is judged on its own)."""
    root = resource.raw(*start) if start else resource.node
    base = resource.path_of(*start) if start else resource.path
    template_path = resource.path_of("properties", "template") if resource.is_deployment else None
    stack: list[tuple[Any, tuple[Any, ...]]] = [(root, base)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, list):
            stack.extend((item, path + (i,)) for i, item in reversed(list(enumerate(node))))
            continue
        if not isinstance(node, dict):
            continue
        for key, value in reversed(list(node.items())):
            here = path + (key,)
            if not isinstance(key, str) or key in _NOT_SETTINGS or here == template_path or \
                    (path == resource.path and key == "resources"):
                continue
            yield key, value, here
            if isinstance(value, (dict, list)):
                stack.append((value, here))
