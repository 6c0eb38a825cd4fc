"""Where a module's template comes from: a local .bicep file (compiled), a local ARM .json template (embedded as
is), or a registry (``br:``) or template spec (``ts:``) reference, read from the local module cache that
``bicep restore`` fills (``~/.bicep`` or ``$BICEP_CACHE``). relecloud never downloads anything: an artifact that is
not in the cache is a finding (BCP190), as it is for ``bicep build --no-restore``."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from relecloud_templates.bicep.compiler.filesystem import DISK, FileSystem
from relecloud_templates.bicep.parser import nodes as n

_BR = re.compile(r"^br:(?P<registry>[^/]+)/(?P<repository>[^:@]+)(?::(?P<tag>[^@]+)|@(?P<digest>.+))$")
_BR_ALIAS = re.compile(r"^br/(?P<alias>[^:]+):(?P<path>[^:@]+)(?::(?P<tag>[^@]+)|@(?P<digest>.+))$")
_TS = re.compile(r"^ts:(?P<sub>[^/]+)/(?P<rg>[^/]+)/(?P<name>[^:]+):(?P<version>.+)$")
_TS_ALIAS = re.compile(r"^ts/(?P<alias>[^:]+):(?P<name>[^:]+):(?P<version>.+)$")
_FORBIDDEN = set('"*:<>?|') | {chr(c) for c in range(32)}
BUILT_IN_ALIASES = {"public": ("mcr.microsoft.com", "bicep")}


@dataclass
class ModuleSource:
    kind: str  # bicep | json | cached | missing | error
    path: Path | None = None
    message: str = ""
    code: str = ""


def cache_root() -> Path:
    configured = os.environ.get("BICEP_CACHE")
    return Path(configured) if configured else Path.home() / ".bicep"


def locate(reference: str, base: Path | None, node: n.Node | None = None, fs: FileSystem = DISK) -> ModuleSource:
    """Where the module named by ``reference`` (the module path string) is, relative to the file at ``base``."""
    if reference.startswith(("br:", "br/")):
        return _registry(reference, base, fs)
    if reference.startswith(("ts:", "ts/")):
        return _template_spec(reference, base, fs)
    if not reference:
        return ModuleSource("error", code="BCP050", message="The module path is empty.")
    if "\\" in reference:
        return ModuleSource("error", code="BCP098", message='The module path contains "\\": use "/" between folders.')
    if any(c in _FORBIDDEN for c in reference):
        return ModuleSource("error", code="BCP085", message='The module path contains characters that are not allowed '
                                                            'in a path (", *, :, <, >, ?, |).')
    if reference.endswith((" ", ".")):
        return ModuleSource("error", code="BCP086", message="The module path ends with a space or a period.")
    if reference.startswith("/") or re.match(r"^[A-Za-z]:", reference):
        return ModuleSource("error", code="BCP051", message="The module path is absolute: use a path relative to the "
                                                            "file.")
    folder = base.parent if base is not None else Path.cwd()
    target = folder / reference
    if fs.is_dir(target):
        return ModuleSource("error", code="BCP275", message=f'"{reference}" is a folder, not a file.')
    if not fs.is_file(target):
        return ModuleSource("missing", target, code="BCP091",
                            message=f"The module file {reference} cannot be read: it does not exist.")
    kind = "json" if target.suffix.lower() in (".json", ".jsonc") else "bicep"
    return ModuleSource(kind, target)


def _aliases(base: Path | None, kind: str, fs: FileSystem) -> dict:
    """Module aliases from the nearest bicepconfig.json (moduleAliases.br / moduleAliases.ts)."""
    folder = base.parent if base is not None else Path.cwd()
    for directory in [folder, *folder.parents]:
        config = directory / "bicepconfig.json"
        if fs.is_file(config):
            try:
                data = json.loads(fs.read_text(config))
            except (OSError, ValueError):
                return {}
            aliases = data.get("moduleAliases", {}).get(kind, {}) if isinstance(data, dict) else {}
            return aliases if isinstance(aliases, dict) else {}
    return {}


def _registry(reference: str, base: Path | None, fs: FileSystem) -> ModuleSource:
    match = _BR.match(reference)
    if match is not None:
        registry, repository, tag, digest = match.group("registry", "repository", "tag", "digest")
    else:
        alias_match = _BR_ALIAS.match(reference)
        if alias_match is None:
            return ModuleSource("error", code="BCP193", message=f'The registry reference "{reference}" is not valid: '
                                                                'write br:<registry>/<path>:<tag>.')
        alias = alias_match.group("alias")
        configured = _aliases(base, "br", fs).get(alias)
        if isinstance(configured, dict) and configured.get("registry"):
            registry = configured["registry"]
            prefix = configured.get("modulePath", "")
        elif alias in BUILT_IN_ALIASES:
            registry, prefix = BUILT_IN_ALIASES[alias]
        else:
            return ModuleSource("error", code="BCP213", message=f'The module alias "{alias}" is not defined in '
                                                                'bicepconfig.json.')
        repository = f"{prefix}/{alias_match.group('path')}" if prefix else alias_match.group("path")
        tag, digest = alias_match.group("tag", "digest")
    version = f"{tag}$" if tag else (digest or "").replace(":", "#")
    folder = cache_root() / "br" / registry.lower() / repository.lower().replace("/", "$") / version
    return _cached(folder, reference)


def _template_spec(reference: str, base: Path | None, fs: FileSystem) -> ModuleSource:
    match = _TS.match(reference)
    if match is not None:
        sub, rg, name, version = match.group("sub", "rg", "name", "version")
    else:
        alias_match = _TS_ALIAS.match(reference)
        if alias_match is None:
            return ModuleSource("error", code="BCP194", message=f'The template spec reference "{reference}" is '
                                'not valid: write ts:<subscription>/<group>/<name>:<version>.')
        configured = _aliases(base, "ts", fs).get(alias_match.group("alias"))
        if not isinstance(configured, dict):
            alias = alias_match.group("alias")
            return ModuleSource("error", code="BCP212", message=f'The template spec alias "{alias}" '
                                                                'is not defined in bicepconfig.json.')
        sub, rg = configured.get("subscription", ""), configured.get("resourceGroup", "")
        name, version = alias_match.group("name", "version")
    folder = cache_root() / "ts" / "azurecloud" / sub.lower() / rg.lower() / name.lower() / version.lower()
    return _cached(folder, reference)


def _cached(folder: Path, reference: str) -> ModuleSource:
    for name in ("main.json", "main.bicep"):
        candidate = folder / name
        if candidate.is_file():
            return ModuleSource("cached", candidate)
    return ModuleSource("error", code="BCP190", message=f'The module "{reference}" is not in the local module cache '
                                                        f'({folder}); restore it with `bicep restore` (relecloud never '
                                                        'downloads modules).')
