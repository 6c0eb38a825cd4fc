"""Check a resource against the Bicep compiler's type data for exactly its type and API version.

What is judged (docs/arm-schemas.md has the whole story and the levels):

- The type must be known (a near miss of a known type gets a did-you-mean; anything else is only unrecognised,
  as the data may predate it), the API version must be one the type publishes, and the type must be deployable
  (or, with ``existing``, readable) at the scope the resource is deployed at.
- The body is walked against the type data of that API version: unknown properties (did-you-mean), values of the
  wrong JSON type, values outside a closed enum (and near misses of an open one), length, pattern and range
  constraints, read-only properties written, required properties missing, and discriminated objects (``kind``)
  by the member their discriminator names.
- A value that is an ARM expression is judged only when the caller's ``resolve`` hook knows it; ``null`` means
  "not set" and is never judged. Scalars are read the way resource providers read them ("5" for a number,
  "true" for a boolean). Property names compare case-insensitively, as ARM compares them.
- Where a value flows into a property the data marks sensitive (a secret), a ``SENSITIVE`` record carries the
  raw value, for the secret rules to judge where it comes from.

The keys the template engine reads itself (``condition``, ``dependsOn``, ``copy``, ``scope``...) are checked
against the ARM template schema's resource envelope (``schemacheck``); nested ``resources`` are checked as
resources of their own type by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from relecloud_templates.arm import typeschemas
from relecloud_templates.arm.schemacheck import (
    MISSING_REQUIRED,
    NOT_ALLOWED_VALUE,
    UNKNOWN_PROPERTY,
    WRONG_TYPE,
    EnvelopeChecker,
    Path,
    Resolver,
    SchemaFinding,
    accepts,
    allowed_hint,
    casing_finding,
    copy_loops,
    describe,
    expected,
    json_kind,
    key_ci,
    literal,
    lowered_names,
    scalar_text,
    show_path,
    type_hint,
)
from relecloud_templates.arm.typeschemas import READ_ONLY, REQUIRED, WRITE_ONLY, ResourceType, TypeVersion
from relecloud_templates.arm.values import UNKNOWN
from relecloud_templates.suggest import closest, did_you_mean

UNKNOWN_TYPE = "unknown-type"  # a near miss of a known type
UNRECOGNIZED_TYPE = "unrecognized-type"  # no known type is near: the data may predate it
UNKNOWN_API_VERSION = "unknown-api-version"
SCOPE = "scope"
READ_ONLY_VERSION = "read-only-version"  # a version the specifications publish for reading only; others deploy
READ_ONLY_WRITTEN = "read-only"
CONSTRAINT = "constraint"
SENSITIVE = "sensitive"  # not a problem: where a secret property gets its value (``SchemaFinding.value``)

__all__ = [
    "CONSTRAINT",
    "READ_ONLY_VERSION",
    "READ_ONLY_WRITTEN",
    "SCOPE",
    "SENSITIVE",
    "UNKNOWN_API_VERSION",
    "UNKNOWN_TYPE",
    "UNRECOGNIZED_TYPE",
    "check_resource",
    "literal",
    "resource_scope",
]

# Resource keys other checks own: nested children (checked as resources of their own type), the type and API
# version (the type index), the name (the structure and name rules; a discriminator when the body says so).
_NOT_BODY = frozenset({"resources", "type", "apiversion"})
# A nested deployment's target: the template engine reads them, the nested-deployment rules judge them.
_DEPLOYMENT_TARGET = frozenset({"resourcegroup", "subscriptionid"})
_SCOPE_WORDS = {"resourceGroup": "resource group", "subscription": "subscription",
                "managementGroup": "management group", "tenant": "tenant", "extension": "extension (scope property)"}
# A pattern longer than this, or with a quantified group that is itself quantified, is not evaluated: Python's
# regular expressions have no time limit, and nested quantifiers can take exponential time on hostile input.
_MAX_PATTERN = 300
_NESTED_QUANTIFIER = re.compile(r"[+*}]\)*\)[+*{]|\)[+*?]?\)*[+*{]")
_MAX_MATCHED = 2048  # values longer than this are not matched against patterns


# ---------------------------------------------------------------------------------------------------------
# The type, its API version and its scope


def is_extension_path_type(type_name: str) -> bool:
    """Types like ``Microsoft.Sql/servers/providers/diagnosticSettings``: an extension resource addressed
    through its parent, whose real type depends on the name; the index cannot judge them."""
    return "providers" in [segment.lower() for segment in type_name.split("/")[1:]]


def near_miss_type(type_name: str) -> str | None:
    """The known type that ``type_name`` is a typo of: the same number of segments, exactly one segment
    different, and that one within a small edit distance (``storageAccount`` for ``storageAccounts``, a
    misspelled namespace). Custom provider children and types newer than the data are not near misses."""
    segments = type_name.split("/")
    namespace = segments[0].lower()
    known = typeschemas.namespaces()
    if namespace in known:
        candidates = typeschemas.types_in_namespace(namespace)
    else:
        near = closest(namespace, known.values(), cutoff=0.85)
        candidates = typeschemas.types_in_namespace(near) if near else []
    best: tuple[int, str] | None = None
    for candidate in candidates:
        other = candidate.split("/")
        if len(other) != len(segments):
            continue
        differing = [(a.lower(), b.lower()) for a, b in zip(segments, other) if a.lower() != b.lower()]
        if len(differing) != 1:
            continue
        a, b = differing[0]
        distance = _edit_distance(a, b)
        if distance <= max(1, min(len(a), len(b)) // 6) and (best is None or (distance, candidate) < best):
            best = (distance, candidate)
    return best[1] if best else None


def near_miss(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` is a typo of (one or two edits, case-insensitively), or None."""
    lowered = word.lower()
    best: tuple[int, str] | None = None
    for candidate in candidates:
        limit = min(2, max(1, len(candidate) // 4))
        other = candidate.lower()
        if abs(len(other) - len(lowered)) > limit:
            continue  # the distance is at least the difference in length (long enum values are compared quadratically)
        distance = _edit_distance(lowered, other)
        if 0 < distance <= limit and (best is None or (distance, candidate) < best):
            best = (distance, candidate)
    return best[1] if best else None


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance: a transposition is one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def unknown_type_finding(type_name: str) -> SchemaFinding:
    near = near_miss_type(type_name)
    if near is not None:
        entry = typeschemas.lookup(near)
        newest = f" (its newest API version is '{entry.newest}')" if entry else ""
        return SchemaFinding(UNKNOWN_TYPE, ("type",), f"unknown resource type '{type_name}'",
                             f"did you mean '{near}'?{newest}")
    namespace = type_name.split("/", 1)[0]
    known_namespace = typeschemas.namespaces().get(namespace.lower())
    where = f"{known_namespace} has no such type" if known_namespace else f"no namespace '{namespace}'"
    return SchemaFinding(UNRECOGNIZED_TYPE, ("type",),
                         f"resource type '{type_name}' is not in the Azure type data of {typeschemas.data_date()} "
                         f"({where})",
                         "a type newer than the data, a custom provider's type, or a misspelling: its properties "
                         "are not checked")


def unknown_version_finding(entry: ResourceType, api_version: str, key: str) -> SchemaFinding:
    near = entry.nearest(api_version)
    shown = " and ".join(f"'{v}'" for v in near)
    hint = f"the nearest published version{'s are' if len(near) > 1 else ' is'} {shown}"
    hint += f"; the newest is '{entry.newest}'" if entry.newest not in near else ""
    return SchemaFinding(UNKNOWN_API_VERSION, (key,),
                         f"{entry.name} has no API version '{api_version}' in the Azure type data of "
                         f"{typeschemas.data_date()}; its properties are not checked", hint)


_SUBSCRIPTION = re.compile(r"^/subscriptions/[^/]+/?$", re.IGNORECASE)
_RESOURCE_GROUP = re.compile(r"^/subscriptions/[^/]+/resourcegroups/[^/]+/?$", re.IGNORECASE)
_MANAGEMENT_GROUP = re.compile(r"^(/providers/)?microsoft\.management/managementgroups/[^/]+/?$", re.IGNORECASE)


def resource_scope(node: dict[str, Any], template_scope: str, resolve: Resolver = literal) -> str | None:
    """The scope a resource other than a nested deployment is deployed at: its template's, unless its ``scope``
    property names another: ``/`` the tenant, a management group, a subscription or resource group by ID, or
    any other resource (an extension resource). None when the ``scope`` is an expression that cannot be read."""
    key = key_ci(node, "scope")
    if key is None:
        return template_scope
    raw = node[key]
    value = resolve(raw) if isinstance(raw, str) else raw
    if isinstance(value, str):
        for pattern, scope in ((_SUBSCRIPTION, "subscription"), (_RESOURCE_GROUP, "resourceGroup"),
                               (_MANAGEMENT_GROUP, "managementGroup")):
            if pattern.match(value):
                return scope
        return "tenant" if value == "/" else "extension"
    text = raw.lower().replace(" ", "") if isinstance(raw, str) else ""
    if "microsoft.management/managementgroups" in text and "/providers/" not in text.split("managementgroups", 1)[1]:
        return "managementGroup"
    if text in ("[subscription().id]", "[resourcegroup().id]"):
        return "subscription" if text.startswith("[sub") else "resourceGroup"
    if text.startswith("[") and ("resourceid(" in text or "extensionresourceid(" in text):
        return "extension"  # a resource's ID: the resource this one extends
    return None


def deployable_scopes(type_name: str, api_version: str) -> int | None:
    """The scope bits where type@apiVersion can be deployed, or None when the data does not know it."""
    entry = typeschemas.lookup(type_name) if type_name else None
    version = entry.version(api_version) if entry is not None else None
    return version.writable if version is not None else None


def read_only_version_finding(entry: ResourceType, version: TypeVersion, key: str) -> SchemaFinding | None:
    """A version whose specification has no way to deploy the type while other versions have one: the service
    may well accept it (the network provider serves every operation at every version), but nothing in the
    data says so, and its body describes what Azure returns, not what it takes."""
    if version.writable:
        return None
    deployable = [v.api_version for v in entry.versions if v.writable]
    if not deployable:
        return None  # never deployable: the scope check says so, as an error
    key_of = typeschemas.version_sort_key
    later = [v for v in deployable if key_of(v) > key_of(version.api_version)]
    suggestion = later[0] if later else deployable[-1]
    return SchemaFinding(READ_ONLY_VERSION, (key,),
                         f"{entry.name}@{version.api_version} has no way to deploy it in its REST specification "
                         f"(only to read it); its properties are not checked",
                         f"'{suggestion}' is the first version that publishes it for deploying; the newest is "
                         f"'{entry.newest}'")


def scope_finding(entry: ResourceType, version: TypeVersion, scope: str, existing: bool) -> SchemaFinding | None:
    bit = typeschemas.SCOPE_BIT.get(scope, 0)
    subject = f"{entry.name}@{version.api_version}"
    where = _SCOPE_WORDS.get(scope, scope)
    if existing:
        if version.readable & bit or not bit or not version.readable:
            return None  # (a type the data says is readable nowhere is listed, not read: not judged)
        readable = ", ".join(_SCOPE_WORDS[s] for s in version.readable_scopes) or "no scope"
        return SchemaFinding(SCOPE, ("type",), f"{subject} cannot be referenced at {where} scope",
                             f"it can be read at: {readable}")
    if version.writable & bit or not bit:
        return None
    writable = ", ".join(_SCOPE_WORDS[s] for s in version.writable_scopes)
    if not version.writable:
        return SchemaFinding(SCOPE, ("type",), f"{subject} cannot be deployed at all: Azure only reads it",
                             "declare it with \"existing\": true to reference it")
    if version.readable & bit:
        return SchemaFinding(SCOPE, ("type",), f"{subject} cannot be deployed at {where} scope, only read there",
                             f"declare it with \"existing\": true to reference it; it is deployed at: {writable}")
    return SchemaFinding(SCOPE, ("type",), f"{subject} cannot be deployed at {where} scope",
                         f"it is deployed at: {writable}; use a nested deployment to reach that scope")


# ---------------------------------------------------------------------------------------------------------
# The body


@lru_cache(maxsize=4096)
def _pattern(text: str) -> re.Pattern[str] | None:
    if len(text) > _MAX_PATTERN or _NESTED_QUANTIFIER.search(text):
        return None
    try:
        return re.compile(text)
    except (re.error, RecursionError, OverflowError):
        return None  # a .NET construct Python does not have (\p{L}, possessive...): not judged


SecretName = Callable[[str], bool]  # does a property name say it holds a secret


def _never(name: str) -> bool:
    return False


class _BodyChecker:
    def __init__(self, entry: ResourceType, resolve: Resolver, subject: str, name: Any, secret_name: SecretName):
        self.entry = entry
        self.resolve = resolve
        self.subject = subject  # e.g. Microsoft.Storage/storageAccounts@2023-05-01
        self.name = name  # the resource's full name when known (a discriminator may be the name)
        self.secret_name = secret_name
        self.findings: list[SchemaFinding] = []

    def report(self, kind: str, path: Path, message: str, hint: str = "", at_key: bool = False,
               value: Any = None) -> None:
        self.findings.append(SchemaFinding(kind, path, message, hint, at_key, value))

    # -- values ---------------------------------------------------------------------------------------------
    def value(self, node_id: int, raw: Any, path: Path) -> None:
        node = self.entry.node(node_id)
        kind = node["k"]
        if kind == "n":
            return
        if node.get("sec"):
            self.report(SENSITIVE, path, "", value=raw)
        if isinstance(raw, str):
            if kind == "s" and len(node) == 1:
                return  # whatever the string stands for, a provider reads it as a string
            value = self.resolve(raw)
        else:
            value = raw
        if value is UNKNOWN or value is None:
            return
        if kind == "s":
            self.string(node, value, path)
        elif kind == "i":
            self.integer(node, value, path)
        elif kind == "b":
            self.typed({"boolean"}, value, path)
        elif kind == "u":
            self.choice(node, value, path)
        elif kind == "a":
            self.array(node, value, path)
        elif kind in ("o", "d") and self.typed({"object"}, value, path):
            self.object(node, value, path)

    def typed(self, types: set[str], value: Any, path: Path, accepted: set[str] | None = None) -> bool:
        if accepts(accepted or types, value):
            return True
        self.report(WRONG_TYPE, path, f"{show_path(path)} expects {expected(types)}, not {describe(value)}",
                    type_hint(types, self.subject, "type data"))
        return False

    def string(self, node: dict[str, Any], value: Any, path: Path) -> None:
        if not self.typed({"string"}, value, path) or not isinstance(value, str):
            return
        low, high = node.get("min"), node.get("max")
        if low is not None and len(value) < low:
            self.report(CONSTRAINT, path, f"{show_path(path)} is {len(value)} characters long, shorter than the "
                        f"minimum of {low}", f"the {self.subject} type data requires {_length(low, high)}")
        elif high is not None and len(value) > high:
            self.report(CONSTRAINT, path, f"{show_path(path)} is {len(value)} characters long, longer than the "
                        f"maximum of {high}", f"the {self.subject} type data requires {_length(low, high)}")
        pattern = node.get("re")
        if pattern and len(value) <= _MAX_MATCHED:
            compiled = _pattern(pattern)
            if compiled is not None and compiled.search(value) is None:
                self.report(CONSTRAINT, path, f"{show_path(path)} does not match the pattern {pattern}",
                            f"the {self.subject} type data requires values that match it")

    def integer(self, node: dict[str, Any], value: Any, path: Path) -> None:
        # Bicep's type data has no floating-point type: the specifications' numbers are integers there, and a
        # provider reads 1.5 GB of memory as written. Any number is accepted; the range still applies.
        if not self.typed({"integer"}, value, path, accepted={"number"}):
            return
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            return
        if number is None:
            return
        low, high = node.get("min"), node.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            bounds = (f"between {low} and {high}" if low is not None and high is not None
                      else f"at least {low}" if low is not None else f"at most {high}")
            self.report(CONSTRAINT, path, f"{show_path(path)} is {scalar_text(value)}, outside the allowed range",
                        f"the {self.subject} type data requires a value {bounds}")

    def array(self, node: dict[str, Any], value: Any, path: Path) -> None:
        if not self.typed({"array"}, value, path):
            return
        low, high = node.get("min"), node.get("max")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            self.report(CONSTRAINT, path, f"{show_path(path)} has {len(value)} items",
                        f"the {self.subject} type data requires {_length(low, high, 'items')}")
        for i, item in enumerate(value):
            self.value(node["i"], item, path + (i,))

    def choice(self, node: dict[str, Any], value: Any, path: Path) -> None:
        literals: list[str] = node.get("v", [])
        others = [(other, self.entry.node(other)) for other in node.get("of", ())]
        kinds = {other["k"] for _, other in others}
        if "n" in kinds:
            return
        kind = json_kind(value)
        if kind in ("string", "integer", "number", "boolean"):
            text = scalar_text(value)
            if any(text == literal_value.lower() for literal_value in literals):
                return
            if "s" in kinds:  # an open enum: the service accepts other strings
                near = near_miss(str(value), literals)
                if near is not None:
                    self.report(NOT_ALLOWED_VALUE, path, f"{show_path(path)} is {describe(value)}, which is not one of "
                                f"the values {self.subject} knows", f"did you mean {near!r}? (other values are "
                                "accepted, so this is only a warning)")
                return
            scalar = [(other_id, other) for other_id, other in others if other["k"] in ("i", "b")]
            if scalar:
                types = {"integer" if other["k"] == "i" else "boolean" for _, other in scalar}
                if accepts(types, value):
                    return
            if literals:
                self.report(NOT_ALLOWED_VALUE, path, f"{show_path(path)} does not allow {describe(value)}",
                            allowed_hint(str(value), literals))
                return
            self.typed({_kind_name(k) for k in kinds}, value, path)
            return
        wanted = {"object": ("o", "d"), "array": ("a",)}.get(kind, ())
        matching = [other_id for other_id, other in others if other["k"] in wanted]
        if len(matching) == 1:
            self.value(matching[0], value, path)
        elif not matching:
            self.typed({_kind_name(k) for k in kinds} | ({"string"} if literals else set()), value, path)

    # -- objects --------------------------------------------------------------------------------------------
    def object(
        self, node: dict[str, Any], obj: dict[str, Any], path: Path, root_keys: frozenset[str] = frozenset()
    ) -> None:
        props: dict[str, list[Any]] = node.get("p", {})
        extra = node.get("x")
        closed = extra is None
        if node["k"] == "d":
            variant = self.variant(node, obj, path)
            if variant is None:  # the member is not known: judge the shared part only, and nothing as unknown
                self.properties(props, obj, path, extra=None, closed=False, root_keys=root_keys)
                return
            props = {**props, **variant.get("p", {})}
            extra = variant.get("x")
            closed = extra is None
        self.properties(props, obj, path, extra=extra, closed=closed, root_keys=root_keys)

    def variant(self, node: dict[str, Any], obj: dict[str, Any], path: Path) -> dict[str, Any] | None:
        """The member of a discriminated object that ``obj`` is, or None when that cannot be known."""
        by, members = node["by"], node["v"]
        if not path and by.lower() == "name":
            value = self.name.rsplit("/", 1)[-1] if isinstance(self.name, str) else UNKNOWN
            key = None
        else:
            key = key_ci(obj, by)
            if key is None:
                where = show_path(path) if path else "the resource"
                self.report(MISSING_REQUIRED, path, f"{where} is missing '{by}', which decides its shape",
                            allowed_hint("", sorted(members)).replace("allowed", f"'{by}' is one of", 1))
                return None
            raw = obj[key]
            value = self.resolve(raw) if isinstance(raw, str) else raw
        if not isinstance(value, str):
            return None
        for name, member in members.items():
            if name.lower() == value.lower():
                return self.entry.node(member)
        near = near_miss(value, members)
        if key is not None and near is not None:  # the specifications rarely list every member: typos only
            self.report(NOT_ALLOWED_VALUE, path + (key,), f"{show_path(path + (key,))} is {describe(value)}, "
                        f"which names no shape of {self.subject}", f"did you mean {near!r}?")
        return None

    def properties(
        self,
        props: dict[str, list[Any]],
        obj: dict[str, Any],
        path: Path,
        *,
        extra: int | None,
        closed: bool,
        root_keys: frozenset[str],
    ) -> None:
        by_lower = lowered_names(props)
        generated = self.copy_loops(props, by_lower, obj, path)
        for key, value in obj.items():
            if not isinstance(key, str) or (not path and key.lower() in root_keys):
                continue
            name = key if key in props else by_lower.get(key.lower())
            if value is None or (name is not None and props[name][1] & READ_ONLY and value in ("", {}, [])):
                continue  # null means "not set", and an empty value written to a read-only property changes nothing
            if name is None:
                if generated is not None and key.lower() == "copy":
                    continue
                if extra is not None:
                    self.value(extra, value, path + (key,))
                elif closed:
                    writable = [n for n, (_, flags) in props.items() if not flags & READ_ONLY]
                    self.report(UNKNOWN_PROPERTY, path + (key,),
                                f"unknown property '{key}' in {_where(path)}{self.subject}",
                                did_you_mean(key, writable), at_key=True)
                continue
            if name != key:
                self.findings.append(casing_finding(path + (key,), name, f"{self.subject} type data"))
            child, flags = props[name]
            if flags & READ_ONLY and not flags & REQUIRED:
                self.report(READ_ONLY_WRITTEN, path + (key,),
                            f"'{key}' in {_where(path)}{self.subject} is read-only: Azure ignores the value",
                            "remove it; the resource provider sets it", at_key=True)
                continue
            if not path and name == "name":
                continue  # the name: the structure and name rules judge it
            if flags & WRITE_ONLY and not self.entry.node(child).get("sec") and self.secret_name(name):
                # The service never returns it (x-ms-secret) and its name says secret: a secret the data
                # did not mark sensitive.
                self.report(SENSITIVE, path + (key,), "", value=value)
            self.value(child, value, path + (key,))
        if generated is UNKNOWN:
            return
        required = _required(props)
        if not required:
            return
        present = {k.lower() for k in obj if isinstance(k, str)} | (generated or set())
        missing = [n for n in required if n.lower() not in present and not (not path and n == "name")]
        if missing:
            listed = ", ".join(f"'{n}'" for n in missing)
            self.report(MISSING_REQUIRED, path, f"{show_path(path) if path else 'the resource'} is missing required "
                        f"propert{'y' if len(missing) == 1 else 'ies'} {listed}",
                        f"the {self.subject} type data requires {listed}")

    def copy_loops(self, props: dict[str, Any], by_lower: dict[str, Any], obj: dict[str, Any], path: Path) -> Any:
        def check_item(target: str, value: Any, at: Path) -> None:
            array = self.entry.node(props[target][0])
            if array["k"] == "a":
                self.value(array["i"], value, at)

        return copy_loops(obj, by_lower, path, check_item)


_REQUIRED: dict[int, tuple[dict[str, Any], list[str]]] = {}


def _required(props: dict[str, list[Any]]) -> list[str]:
    """The required, writable property names of a table, sorted; cached by identity as ``lowered_names`` is."""
    cached = _REQUIRED.get(id(props))
    if cached is None or cached[0] is not props:
        if len(_REQUIRED) > 4096:
            _REQUIRED.clear()
        names = sorted(n for n, (_, flags) in props.items() if flags & REQUIRED and not flags & READ_ONLY)
        cached = _REQUIRED[id(props)] = (props, names)
    return cached[1]


def _where(path: Path) -> str:
    """How a message names the object at ``path`` of a resource, followed by the type."""
    return f"{show_path(path)} of " if path else ""


def _kind_name(kind: str) -> str:
    names = {"s": "string", "i": "integer", "b": "boolean", "a": "array", "o": "object", "d": "object"}
    return names.get(kind, "string")


def _length(low: int | None, high: int | None, unit: str = "characters") -> str:
    if low is not None and high is not None:
        return f"{low} to {high} {unit}"
    return f"at least {low} {unit}" if low is not None else f"at most {high} {unit}"


# ---------------------------------------------------------------------------------------------------------
# A whole resource


def check_resource(node: Any, type_name: str | None = None, *, resolve: Resolver = literal,
                   scope: str | None = None, name: Any = UNKNOWN,
                   secret_name: SecretName = _never) -> list[SchemaFinding]:
    """Findings on one resource (its nested ``resources`` are not visited: check them as resources of their
    own, with their full type). ``type_name`` is the full type when the caller knows it (nested children write
    only their last segment); ``scope`` where the resource is deployed (``resource_scope``), None when unknown;
    ``name`` its full name when known; ``secret_name`` tells whether a write-only property's name says it is a
    secret (SENSITIVE records are made for those too)."""
    if not isinstance(node, dict):
        return []
    if type_name is None:
        raw = node.get("type")
        type_name = resolve(raw) if isinstance(raw, str) else None
        if not isinstance(type_name, str):
            return []
    if is_extension_path_type(type_name):
        return []
    entry = typeschemas.lookup(type_name)
    if entry is None:
        return [unknown_type_finding(type_name)]
    findings: list[SchemaFinding] = []
    version_key = key_ci(node, "apiVersion")
    api_version = resolve(node[version_key]) if version_key else UNKNOWN
    version = None
    if isinstance(api_version, str):
        version = entry.version(api_version)
        if version is None:
            findings.append(unknown_version_finding(entry, api_version, version_key or "apiVersion"))
    existing = node.get("existing") is True
    if version is not None and not existing:
        read_only = read_only_version_finding(entry, version, version_key or "apiVersion")
        if read_only is not None:
            findings.append(read_only)
            version, scope = None, None  # its body is a GET response's: nothing to judge
    if version is not None and scope is not None:
        problem = scope_finding(entry, version, scope, existing)
        if problem is not None:
            findings.append(problem)
    if existing:
        return findings  # a reference to a resource deployed elsewhere: it has no body to check
    is_deployment = entry.name.lower() == "microsoft.resources/deployments"
    skipped = _NOT_BODY | _DEPLOYMENT_TARGET if is_deployment else _NOT_BODY
    body = {k: v for k, v in node.items() if not (isinstance(k, str) and k.lower() in skipped)}
    body_version = version
    if version is not None and is_deployment:
        # The template engine reads a nested deployment's properties itself, whatever the API version (ARM
        # deploys expressionEvaluationOptions with 2019-10-01, which the specifications add later).
        body_version = entry.version(entry.newest)
    # The template engine's own keys, where the body does not define them.
    body_lower = _body_keys(entry, body_version.body) if body_version is not None else frozenset()
    envelope = EnvelopeChecker(resolve, f"{entry.name}@{version.api_version}" if version else entry.name)
    engine_keys = envelope.check(body, skip=body_lower)
    findings += envelope.findings
    if body_version is not None:
        checker = _BodyChecker(entry, resolve, f"{entry.name}@{body_version.api_version}", name, secret_name)
        checker.object(entry.node(body_version.body), body, (), root_keys=engine_keys)
        findings += checker.findings
    return findings


def _body_keys(entry: ResourceType, body: int) -> frozenset[str]:
    """The lower-case names of a resource body's properties (of every member, when it is discriminated)."""
    root = entry.node(body)
    if "_keys" not in root:  # derived once per node (typeschemas: keys starting with _ are derived, not data)
        names = set(root.get("p", {}))
        for member in root.get("v", {}).values() if root["k"] == "d" else ():
            names |= set(entry.node(member).get("p", {}))
        root["_keys"] = frozenset(name.lower() for name in names)
    keys: frozenset[str] = root["_keys"]
    return keys


def secret_property(type_name: str, api_version: str, path: Path, secret_name: SecretName = _never) -> bool | None:
    """What the type data says about the secrecy of the property at ``path`` of a resource body (keys and list
    indexes, e.g. ``("properties", "administratorLoginPassword")``): True when it marks it sensitive; False when
    it types it as something no secret can be (a boolean, a number, a closed enum, an object or array of
    non-secrets); None when it says nothing: an unknown type, version or property, a value of any type, or a
    plain string the specifications did not mark (a storage key often is one). A write-only property whose name
    ``secret_name`` takes for a secret counts as marked. Name heuristics should guess only where this is None."""
    entry = typeschemas.lookup(type_name)
    version = entry.version(api_version) if entry is not None else None
    if entry is None or version is None:
        return None
    frontier = _alternatives(entry, [version.body])
    write_only_secret = False
    for step in path:
        following: list[int] = []
        write_only_secret = False
        for node_id in frontier:
            node = entry.node(node_id)
            if isinstance(step, int):
                if node["k"] == "a":
                    following.append(node["i"])
                continue
            if node["k"] not in ("o", "d"):
                continue
            members = [node] + ([entry.node(m) for m in node["v"].values()] if node["k"] == "d" else [])
            for member in members:
                found = next(((child, flags, name) for name, (child, flags) in member.get("p", {}).items()
                              if name.lower() == step.lower()), None)
                if found is not None:
                    following.append(found[0])
                    write_only_secret |= bool(found[1] & WRITE_ONLY) and secret_name(found[2])
                elif member.get("x") is not None:
                    following.append(member["x"])
        frontier = _alternatives(entry, following)
        if not frontier:
            return None
    nodes = [entry.node(n) for n in frontier]
    if write_only_secret or any(n.get("sec") for n in nodes):
        return True
    if any(n["k"] in ("n", "s") or (n["k"] == "u" and n.get("of")) for n in nodes):
        return None  # a string may hold a secret the specifications did not mark
    return False


def _alternatives(entry: ResourceType, node_ids: list[int]) -> list[int]:
    """The nodes, with every choice replaced by its alternatives (and theirs), each once."""
    found: list[int] = []
    stack = list(reversed(node_ids))
    while stack:
        node_id = stack.pop()
        if node_id in found:
            continue
        found.append(node_id)
        node = entry.node(node_id)
        if node["k"] == "u":
            stack.extend(reversed(node.get("of", ())))
    return found
