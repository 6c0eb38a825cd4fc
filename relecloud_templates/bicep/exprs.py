"""ARM template expressions -> Bicep expressions.

``parameters('x')`` and ``variables('y')`` become identifiers, ``concat``/``format`` become interpolation,
``equals``/``and``/``if`` become operators, ``copyIndex()`` becomes the loop variable, and references to
resources become symbolic (``storage.id``, ``storage.properties.primaryEndpoints``, ``mod.outputs.x``) where
that keeps the template's meaning. Anything that has no faithful Bicep form is written as close as Bicep
allows and recorded as a note, which the emitter prints as a ``// relecloud:`` comment at that place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relecloud_templates.arm import expressions as arm
from relecloud_templates.arm.vocabulary import VALUE_TYPES, is_resource_type
from relecloud_templates.bicep import strings
from relecloud_templates.bicep.symbols import Existing, NameAllocator, SymbolTable, symbol_hint
from relecloud_templates.bicep.text import escape_string_content, identifier_from, object_key, string_literal

# Binding strength of a Bicep expression's outermost operator (see ``operand``).
PRIMARY, UNARY, MUL, ADD, REL, EQ, AND, OR, COALESCE, TERNARY, LAMBDA = 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0

_BINARY = {
    "equals": ("==", EQ), "greater": (">", REL), "greaterorequals": (">=", REL), "less": ("<", REL),
    "lessorequals": ("<=", REL), "add": ("+", ADD), "sub": ("-", ADD), "mul": ("*", MUL), "div": ("/", MUL),
    "mod": ("%", MUL),
}
_CHAINED = {"and": ("&&", AND), "or": ("||", OR)}

# Bicep spells its functions case-sensitively; ARM does not. Keys are lower case.
_AZ_FUNCTIONS = [
    "deployment", "environment", "extensionResourceId", "getSecret", "managementGroup",
    "managementGroupResourceId", "pickZones", "providers", "reference", "resourceGroup", "resourceId",
    "subscription", "subscriptionResourceId", "tenant", "tenantResourceId",
]
_SYS_FUNCTIONS = [
    "any", "array", "base64", "base64ToJson", "base64ToString", "bool", "cidrHost", "cidrSubnet", "coalesce",
    "concat", "contains", "dataUri", "dataUriToString", "dateTimeAdd", "dateTimeFromEpoch", "dateTimeToEpoch",
    "empty", "endsWith", "filter", "first", "flatten", "format", "groupBy", "guid", "indexOf", "int",
    "intersection", "items", "join", "json", "last", "lastIndexOf", "length", "map", "mapValues", "max", "min",
    "newGuid", "objectKeys", "padLeft", "parseCidr", "range", "reduce", "replace", "shallowMerge", "skip",
    "sort", "split", "startsWith", "string", "substring", "take", "toLower", "toObject", "toUpper", "trim",
    "tryGet", "union", "uniqueString", "uri", "uriComponent", "uriComponentToString", "utcNow",
]
BICEP_FUNCTIONS = {name.lower(): ("az", name) for name in _AZ_FUNCTIONS} | {
    name.lower(): ("sys", name) for name in _SYS_FUNCTIONS
}

_DYNAMIC = frozenset({"copyindex", "lambdavariables", "reference", "newguid", "utcnow"})


@dataclass(frozen=True)
class Out:
    text: str
    prec: int = PRIMARY


@dataclass
class Loop:
    """One ``for`` the translator is inside of, and what of it the body used."""

    name: str | None  # the ARM copy name; copyIndex('name') finds the loop by it
    index: str
    item: str | None = None
    array: str | None = None  # canonical ARM text of the array iterated, so X[copyIndex()] can become the item
    default: bool = True  # answers copyIndex() without a loop name
    index_used: bool = False
    item_used: bool = False


@dataclass
class FileContext:
    """What one Bicep file declares, shared by every expression translated into it."""

    target_scope: str  # resourceGroup | subscription | managementGroup | tenant
    params: dict[str, str] = field(default_factory=dict)  # ARM name (lower) -> identifier
    param_types: dict[str, str] = field(default_factory=dict)  # ARM name (lower) -> ARM type (lower)
    variables: dict[str, str] = field(default_factory=dict)
    symbols: SymbolTable = field(default_factory=SymbolTable)
    names: NameAllocator = field(default_factory=NameAllocator)
    api_versions: dict[str, str] = field(default_factory=dict)  # resource type (lower) -> an API version

    def identifier_taken(self, name: str) -> bool:
        return self.names.is_taken(name)


@dataclass
class Site:
    """Where an expression is translated: which loops and lambdas are open, which symbols it may use."""

    file: FileContext
    loops: list[Loop] = field(default_factory=list)
    lambdas: dict[str, str] = field(default_factory=dict)
    symbolic: frozenset[str] | None = None  # deployed symbols it may reference; None: all of them
    used: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def inner(self, loop: Loop | None = None) -> Site:
        """A site for a nested value that shares used symbols and notes with this one."""
        site = Site(self.file, list(self.loops), dict(self.lambdas), self.symbolic, self.used, self.notes)
        if loop:
            site.loops.append(loop)
        return site


def template_string(value: str, site: Site) -> Out:
    """A string from the template: an expression, or a literal (``[[x]`` meaning ``[x]``)."""
    if not arm.is_expression(value):
        return Out(string_literal(arm.literal_value(value)))
    try:
        node = arm.parse(value)
    except arm.ExpressionSyntaxError as exc:
        site.note(f"invalid ARM expression ({exc}); kept as a string")
        return Out(string_literal(value))
    try:
        return expression(node, site)
    except RecursionError:  # within the parser's nesting limit, but nested too deep to translate
        site.note("expression nested too deeply to translate; kept as a string")
        return Out(string_literal(value))


def expression(node: arm.Node, site: Site) -> Out:
    if isinstance(node, arm.StringLit):
        return Out(string_literal(node.value))
    if isinstance(node, arm.NumberLit):
        if isinstance(node.value, float):
            return Out(f"json('{node.value!r}')")
        return Out(str(node.value), UNARY if node.value < 0 else PRIMARY)
    if isinstance(node, arm.BoolLit):
        return Out("true" if node.value else "false")
    if isinstance(node, arm.NullLit):
        return Out("null")
    if isinstance(node, (arm.Property, arm.Index)):
        return _access(node, site)
    return _call(node, site)


def operand(node: arm.Node, site: Site) -> str:
    """An operator's operand: parenthesised unless it is primary. Bicep would read ``!a && b`` right, but
    pycep-parser reads it as ``!(a && b)``; parentheses make both read what the template means."""
    out = expression(node, site)
    return out.text if out.prec >= PRIMARY else f"({out.text})"


def _access(node: arm.Property | arm.Index, site: Site) -> Out:
    chain: list[arm.Property | arm.Index] = []
    root: arm.Node = node
    while isinstance(root, (arm.Property, arm.Index)):
        chain.append(root)
        root = root.target
    chain.reverse()
    if isinstance(root, arm.Call) and root.namespace is None and root.lower_name == "reference":
        resolved = _reference(root, chain, site)
        if resolved is not None:
            return resolved
    if isinstance(node, arm.Index):
        item = _loop_item(node, site)
        if item is not None:
            return Out(item)
        return Out(f"{operand(node.target, site)}[{expression(node.index, site).text}]")
    return Out(f"{operand(node.target, site)}.{node.name}")


def _loop_item(node: arm.Index, site: Site) -> str | None:
    """``X[copyIndex()]`` inside ``for item in X`` is ``item``."""
    index = node.index
    if not (isinstance(index, arm.Call) and index.lower_name == "copyindex"):
        return None
    loop = _find_loop(index, site)
    if loop is None or loop.item is None or loop.array != arm.to_text(node.target):
        return None
    offsets = index.args[1:] if index.args and isinstance(index.args[0], arm.StringLit) else index.args
    if offsets:
        return None  # X[copyIndex(1)] is not the current item
    loop.item_used = True
    return loop.item


def _find_loop(call: arm.Call, site: Site) -> Loop | None:
    if call.args and isinstance(call.args[0], arm.StringLit):
        wanted = call.args[0].value.lower()
        return next((lp for lp in reversed(site.loops) if lp.name and lp.name.lower() == wanted), None)
    return next((lp for lp in reversed(site.loops) if lp.default), None)


def _call(node: arm.Call, site: Site) -> Out:
    if node.namespace is not None:
        site.note(f"user-defined function {node.qualified_name}() has no Bicep translation here")
        return Out(f"{node.qualified_name}({', '.join(expression(a, site).text for a in node.args)})")
    name, args = node.lower_name, node.args
    if name in ("parameters", "variables") and len(args) == 1 and isinstance(args[0], arm.StringLit):
        table = site.file.params if name == "parameters" else site.file.variables
        ident = table.get(args[0].value.lower())
        if ident is None:
            site.note(f"{name}({arm.quote(args[0].value)}) names nothing this template declares")
            return Out(identifier_from(args[0].value))
        return Out(ident)
    if name == "copyindex":
        return _copy_index(node, site)
    if name == "lambdavariables" and len(args) == 1 and isinstance(args[0], arm.StringLit):
        ident = site.lambdas.get(args[0].value)
        if ident is None:
            site.note(f"lambdaVariables('{args[0].value}') is outside its lambda")
            return Out(identifier_from(args[0].value))
        return Out(ident)
    names = [a for a in args[:-1] if isinstance(a, arm.StringLit)]
    if name == "lambda" and len(args) >= 2 and len(names) == len(args) - 1:
        inner = site.inner()
        variables = [identifier_from(a.value) for a in names]
        for arg, ident in zip(names, variables):
            inner.lambdas[arg.value] = ident
        head = variables[0] if len(variables) == 1 else f"({', '.join(variables)})"
        return Out(f"{head} => {expression(args[-1], inner).text}", LAMBDA)
    if name == "if" and len(args) == 3:
        return Out(f"{operand(args[0], site)} ? {operand(args[1], site)} : {operand(args[2], site)}", TERNARY)
    if name == "not" and len(args) == 1:
        return Out(f"!{operand(args[0], site)}", UNARY)
    if name in _BINARY and len(args) == 2:
        symbol, prec = _BINARY[name]
        return Out(f"{operand(args[0], site)} {symbol} {operand(args[1], site)}", prec)
    if name in _CHAINED and len(args) >= 2:
        symbol, prec = _CHAINED[name]
        return Out(f" {symbol} ".join(operand(a, site) for a in args), prec)
    if name in ("true", "false") and not args:
        return Out(name)
    if name == "null" and not args:
        return Out("null")
    if name == "createarray":
        return Out("[" + ", ".join(expression(a, site).text for a in args) + "]")
    if name == "createobject" and len(args) % 2 == 0:
        return _inline_object(args, site)
    if name in ("format", "concat"):
        interpolated = _interpolation(node, site)
        if interpolated is not None:
            return interpolated
    if name in ("resourceid", "subscriptionresourceid", "extensionresourceid"):
        resolved = _resource_id(node, site)
        if resolved is not None:
            return resolved
    return _function(node, site)


def _function(node: arm.Call, site: Site) -> Out:
    name = node.lower_name
    known = BICEP_FUNCTIONS.get(name)
    if known:
        namespace, spelled = known
        if site.file.identifier_taken(spelled):
            spelled = f"{namespace}.{spelled}"  # a parameter or variable of that name hides the function
    elif name.startswith("list"):
        spelled = node.name
    else:
        spelled = node.name
        site.note(f"ARM function {node.name}() has no Bicep equivalent")
    return Out(f"{spelled}({', '.join(expression(a, site).text for a in node.args)})")


def _copy_index(node: arm.Call, site: Site) -> Out:
    loop = _find_loop(node, site)
    if loop is None:
        site.note("copyIndex() outside of a copy loop")
        return Out("0")
    loop.index_used = True
    offsets = node.args[1:] if node.args and isinstance(node.args[0], arm.StringLit) else node.args
    if offsets:
        return Out(f"{loop.index} + {operand(offsets[0], site)}", ADD)
    return Out(loop.index)


def _inline_object(args: tuple[arm.Node, ...], site: Site) -> Out:
    if not args:
        return Out("{}")
    pairs = []
    for key, value in zip(args[::2], args[1::2]):
        if isinstance(key, arm.StringLit):
            written = object_key(key.value)
        else:
            written = f"'${{{expression(key, site).text}}}'"
        pairs.append(f"{written}: {expression(value, site).text}")
    return Out("{ " + ", ".join(pairs) + " }")


def _is_string_typed(node: arm.Node, site: Site) -> bool:
    if isinstance(node, arm.Call) and node.lower_name == "parameters" and node.args:
        arg = node.args[0]
        declared = site.file.param_types.get(arg.value.lower(), "") if isinstance(arg, arm.StringLit) else ""
        return VALUE_TYPES.get(declared) == "string"
    return False


def _interpolation(node: arm.Call, site: Site) -> Out | None:
    parts = strings.string_parts(node, lambda n: _is_string_typed(n, site))
    if parts is None:
        return None
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(escape_string_content(part))
            continue
        text = expression(part, site).text
        if not _fits_in_hole(text):
            return None
        pieces.append("${" + text + "}")
    return Out("'" + "".join(pieces) + "'")


def _fits_in_hole(text: str) -> bool:
    """pycep-parser's string token allows no braces and no line break inside ``${...}`` outside nested strings."""
    in_string = False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == "'":
                in_string = False
        elif ch == "'":
            in_string = True
        elif ch in "{}\n":
            return False
        i += 1
    return True


# --- resources ------------------------------------------------------------------------------------------------


def _split_resource_id(node: arm.Call) -> tuple[list[arm.Node], str, tuple[arm.Node, ...]] | None:
    """(scope arguments, type, name arguments) of resourceId()/subscriptionResourceId(), when the type is literal."""
    for i, arg in enumerate(node.args):
        if isinstance(arg, arm.StringLit) and is_resource_type(arg.value):
            names = node.args[i + 1 :]
            if len(names) != arg.value.count("/"):
                return None
            return list(node.args[:i]), arg.value, names
    return None


def _is_static(nodes) -> bool:
    for node in nodes:
        for sub in arm.walk(node):
            if isinstance(sub, arm.Call) and (sub.namespace or sub.lower_name in _DYNAMIC or
                                              sub.lower_name.startswith("list")):
                return False
    return True


def api_version_for(resource_type: str, known: dict[str, str]) -> str | None:
    """An API version for an ``existing`` declaration: the type's own, else its nearest parent type's (child
    types share their provider's API versions), else the newest stable one in the published type index. Only
    reads go through it, never a deployment."""
    parts = resource_type.lower().split("/")
    while len(parts) >= 2:
        found = known.get("/".join(parts))
        if found:
            return found
        parts.pop()
    # The document never names a version for this type: take the newest stable one Azure publishes.
    from relecloud_templates.arm import typeschemas

    published = typeschemas.lookup(resource_type)
    return published.newest if published is not None and published.api_versions else None


def _declared_symbol(node: arm.Call, site: Site):
    """The resource or module of this file that resourceId()/subscriptionResourceId()/extensionResourceId()
    names, if the site may refer to it symbolically."""
    name = node.lower_name
    if name == "extensionresourceid":
        split = _split_resource_id(arm.Call(node.name, node.args[1:], node.start, node.end)) if node.args else None
        if split is None or split[0] or split[1].lower() != "microsoft.resources/deployments":
            return None  # only modules: their names are unique whatever resource group they deploy to
    else:
        split = _split_resource_id(node)
        # a module deployed to another scope is named with that scope; other resources must be in this one
        if split is None or (split[0] and split[1].lower() != "microsoft.resources/deployments"):
            return None
        if name == "subscriptionresourceid" and site.file.target_scope != "subscription":
            return None
    _, resource_type, names = split
    entry = site.file.symbols.find(resource_type, strings.id_segments(names))
    if entry is None or (site.symbolic is not None and entry.symbol not in site.symbolic):
        return None
    return entry


def _existing_symbol(node: arm.Call, site: Site, api_version: str | None) -> Existing | None:
    split = _split_resource_id(node) if node.lower_name != "extensionresourceid" else None
    if split is None:
        return None
    scope_args, resource_type, names = split
    if not _is_static(node.args) or site.file.symbols.find(resource_type, strings.id_segments(names)):
        return None  # a resource this file deploys is never redeclared as existing
    file_scope = site.file.target_scope
    scope: arm.Node | None = None
    if node.lower_name == "resourceid":
        if scope_args:
            scope = arm.Call("resourceGroup", tuple(scope_args), 0, 0)
        elif file_scope != "resourceGroup":
            return None
    else:
        if scope_args:
            scope = arm.Call("subscription", tuple(scope_args), 0, 0)
        elif file_scope != "subscription":
            scope = arm.Call("subscription", (), 0, 0)
    return existing_resource(site.file, resource_type, api_version, names, scope)


def existing_resource(file: FileContext, resource_type: str, api: str | None, names, scope) -> Existing | None:
    """The ``existing`` declaration for a resource this file refers to but does not deploy (made once, and
    only once an API version for it is known)."""
    parts: list = []
    for i, name in enumerate(names):
        if i:
            parts.append("/")
        inner = strings.string_parts(name)
        parts.extend(inner if inner is not None else [name])
    parts = strings.merge(parts)
    key = (resource_type.lower(), arm.to_text(scope) if scope else "", strings.split_segments(parts))
    for entry in file.symbols.existing:
        if entry.key == key:
            if api and api != entry.api_version:
                if entry.named_version:
                    return None  # read with another API version as well: that read stays reference(...)
                entry.api_version, entry.named_version = api, True  # a version the template names wins
            return entry
    named = bool(api)
    api = api or api_version_for(resource_type, file.api_versions)
    if not api:
        return None
    last = names[-1]
    hint = symbol_hint(resource_type, "[" + arm.to_text(last) + "]" if not isinstance(last, arm.StringLit)
                       else last.value)
    entry = Existing(file.names.take(hint), resource_type, api, parts, scope, key, named)
    file.symbols.existing.append(entry)
    return entry


def _resource_id(node: arm.Call, site: Site) -> Out | None:
    entry = _declared_symbol(node, site)
    if entry is not None:
        site.used.add(entry.symbol)
        return Out(f"{entry.symbol}.id")
    existing = _existing_symbol(node, site, None)
    if existing is not None:
        return Out(f"{existing.symbol}.id")
    return None


def _reference(call: arm.Call, chain: list, site: Site) -> Out | None:
    args = call.args
    if not args:
        return None
    full = len(args) >= 3 and isinstance(args[2], arm.StringLit) and args[2].value.lower() == "full"
    api = args[1].value if len(args) >= 2 and isinstance(args[1], arm.StringLit) else None
    target = args[0]
    entry = None
    if isinstance(target, arm.Call) and target.lower_name in ("resourceid", "subscriptionresourceid",
                                                              "extensionresourceid"):
        entry = _declared_symbol(target, site)
    elif isinstance(target, arm.StringLit):
        matches = [e for e in site.file.symbols.declared
                   if e.segments == strings.name_segments(target.value) and not e.looped]
        if len(matches) == 1 and (site.symbolic is None or matches[0].symbol in site.symbolic):
            entry = matches[0]
    if entry is not None and entry.is_module:
        if (not full and len(chain) >= 3 and isinstance(chain[0], arm.Property) and chain[0].name == "outputs"
                and isinstance(chain[1], arm.Property) and isinstance(chain[2], arm.Property)
                and chain[2].name == "value"):
            site.used.add(entry.symbol)
            return _apply(f"{entry.symbol}.outputs.{chain[1].name}", chain[3:], site)
        return None
    if entry is not None:
        site.used.add(entry.symbol)
        return _apply(entry.symbol if full else f"{entry.symbol}.properties", chain, site)
    if isinstance(target, arm.Call) and target.lower_name in ("resourceid", "subscriptionresourceid"):
        existing = _existing_symbol(target, site, api)
        if existing is not None:
            return _apply(existing.symbol if full else f"{existing.symbol}.properties", chain, site)
    return None


def _apply(head: str, chain: list, site: Site) -> Out:
    text = head
    for step in chain:
        if isinstance(step, arm.Property):
            text += f".{step.name}"
        else:
            text += f"[{expression(step.index, site).text}]"
    return Out(text)
