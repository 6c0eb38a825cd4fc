"""Small judgements several rules share: does a name look like a secret, is a value secure, is it a literal."""

from __future__ import annotations

import re
from typing import Any, Iterator

from relecloud_templates.arm.graph import calls_any, is_list_function, trees, uses
from relecloud_templates.arm.vocabulary import is_secure_declaration

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SECRET_WORDS = {"password", "passwd", "pwd", "secret", "secrets", "token", "tokens", "passphrase", "sas",
                 "credential", "credentials"}
# words that, right before "key", make it a secret key; after "key" these words make it the key's metadata
_KEY_METADATA = {"vault", "vaults", "name", "names", "id", "ids", "uri", "url", "version", "source", "type", "size",
                 "identifier", "expiration", "rotation", "length", "permissions", "policy", "store"}
# a name ending in one of these is about a secret (its name, id, where it lives), not the secret itself
_REFERENCE_SUFFIXES = {"name", "names", "id", "ids", "uri", "url", "reference", "version", "enabled", "type", "length",
                       "expiration", "policy", "count"}


def words(name: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(name)]


def looks_secret(name: str) -> bool:
    """True for names such as ``administratorPassword``, ``storageAccountKey``, ``sasToken``,
    ``connectionString``; false for ``keyVaultName``, ``sshPublicKey``, ``passwordSecretName``."""
    parts = words(name)
    if not parts or parts[-1] in _REFERENCE_SUFFIXES:
        return False
    if any(p in _SECRET_WORDS for p in parts):
        return True
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
                      "subscription", "storage", "admin", "private", "encryption", "workspace", "instrumentation"):
            return True
    return False


def secure_parameters(template: Any) -> set[str]:
    """Lower-case names of the secure parameters a template's expressions see."""
    symbols = template.symbols
    return {name.lower() for name, decl in symbols.parameters.items() if is_secure_declaration(decl)}


def secret_named_parameters(template: Any) -> dict[str, str]:
    """Plain (not secure) parameters named like secrets, e.g. a string ``adminPassword``: lower-case -> declared."""
    symbols = template.symbols
    return {name.lower(): name for name, decl in symbols.parameters.items()
            if not is_secure_declaration(decl) and looks_secret(name)}


def is_literal(value: Any) -> bool:
    """True when a raw value holds no expression at all (a hard-coded value)."""
    return not any(True for _ in trees(value))


def secret_sources(value: Any, template: Any) -> Iterator[str]:
    """Why a raw value carries a secret: the secure parameters it uses, ``list*()`` calls."""
    secure = secure_parameters(template)
    for name in sorted(uses(value, "parameters") & secure):
        yield f"secure parameter '{name}'"
    if calls_any(value, is_list_function):
        yield "a list*() call (keys or secrets of a resource)"

