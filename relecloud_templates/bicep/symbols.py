"""Symbolic names: one Bicep identifier per parameter, variable, resource, module and existing resource.

Names are derived from what the template says (a resource named ``parameters('keyVault001Name')`` becomes
``keyVault001``; an unnamed-looking one takes its type, ``privateEndpoint``) and made unique in document
order, so the same template always gets the same symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from relecloud_templates.arm import expressions as arm
from relecloud_templates.bicep import strings
from relecloud_templates.bicep.text import KEYWORDS, identifier_from, is_identifier


class NameAllocator:
    """Hands out unique identifiers; comparisons ignore case, as Bicep warns on names differing only in case."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._avoided: set[str] = set()  # loop variables: reusable by other loops, never by declarations

    def avoid(self, name: str) -> None:
        self._avoided.add(name.lower())

    def take(self, wanted: str) -> str:
        base = wanted if is_identifier(wanted) else identifier_from(wanted)
        name, n = base, 1
        while name.lower() in self._taken or name.lower() in self._avoided or name in KEYWORDS:
            n += 1
            name = f"{base}{n}"
        self._taken.add(name.lower())
        return name

    def is_taken(self, name: str) -> bool:
        return name.lower() in self._taken


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def type_base(resource_type: str) -> str:
    return identifier_from(singular(resource_type.rsplit("/", 1)[-1]), "resource")


def _leaf_name(node: arm.Node) -> str | None:
    """``parameters('keyVaultName')`` and ``variables('keyVaultName')`` -> ``keyVault``."""
    if isinstance(node, arm.Call) and node.lower_name in ("parameters", "variables") and node.args:
        arg = node.args[0]
        if isinstance(arg, arm.StringLit):
            stripped = re.sub(r"_?[Nn]ame$", "", arg.value)
            return stripped or arg.value
    return None


def symbol_hint(resource_type: str, name: object) -> str:
    """The identifier a resource would like, before uniqueness."""
    if isinstance(name, str) and not arm.is_expression(name):
        last = arm.literal_value(name).rsplit("/", 1)[-1]
        return identifier_from(last, type_base(resource_type)) if last else type_base(resource_type)
    node = arm.tree_of(name)
    if node is None:
        return type_base(resource_type)
    parts = strings.string_parts(node) or [node]
    last_segment: list = []
    for part in parts:
        if isinstance(part, str) and "/" in part:
            last_segment = [part.rsplit("/", 1)[1]]
        else:
            last_segment.append(part)
    exprs = [p for p in last_segment if not isinstance(p, str)]
    texts = "".join(p for p in last_segment if isinstance(p, str))
    leaf = _leaf_name(exprs[0]) if len(exprs) == 1 and not texts.strip("-_ ") else None
    if leaf:
        return identifier_from(leaf)
    if texts and re.search(r"[A-Za-z]", texts) and len(texts) <= 40:
        return identifier_from(texts)
    return type_base(resource_type)


@dataclass
class Declared:
    """A resource or module this Bicep file deploys."""

    symbol: str
    type: str
    api_version: str
    name: object  # the ARM name value
    segments: tuple | None
    copy_name: str | None
    is_module: bool

    @property
    def looped(self) -> bool:
        return self.copy_name is not None


@dataclass
class Existing:
    symbol: str
    type: str
    api_version: str
    name_parts: list  # strings.Part list of the full name
    scope: arm.Node | None  # the resourceGroup(...)/subscription(...) scope, None for the file's own scope
    key: tuple
    named_version: bool = True  # the API version is one the template names (else a default for reads)


@dataclass
class SymbolTable:
    declared: list[Declared] = field(default_factory=list)
    existing: list[Existing] = field(default_factory=list)

    def find(self, resource_type: str, segments: tuple) -> Declared | None:
        lowered = resource_type.lower()
        for entry in self.declared:
            if entry.type.lower() == lowered and entry.segments == segments and not entry.looped:
                return entry
        return None

    def by_copy_name(self, name: str) -> Declared | None:
        for entry in self.declared:
            if entry.copy_name and entry.copy_name.lower() == name.lower():
                return entry
        return None

