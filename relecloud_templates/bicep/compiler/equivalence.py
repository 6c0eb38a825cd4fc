"""Equivalence of two ARM templates (ours against the Bicep compiler's), after normalising what does not change
what ARM deploys: generator metadata and template hashes, the spelling of expressions (whitespace, quoting,
``a['b']`` for ``a.b``, the case of function names), the order of object keys, of ``dependsOn`` entries and of
the (classic) resources array.

``differences(ours, theirs)`` lists every remaining difference as (path, ours, theirs); equivalent means none.
What else may differ is chosen with ``VersionTolerance`` (documented there): differences between Bicep releases, and
(for the round trip of a rendered unit) the ARM spellings relecloud's renderer and the Bicep compiler choose for the
same value."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.bicep.compiler.files import MISSING_FILE

_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_ID_FUNCTIONS = {"resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid",
                 "managementgroupresourceid", "format"}
_TYPE_LITERAL = re.compile(r"^'[A-Za-z0-9]+\.[A-Za-z0-9.]+/[A-Za-z0-9/{}]+'$")


def canonical_expression(text: str, tolerance: VersionTolerance | None = None, scope: bool = False,
                         key: bool = False) -> str:
    """An ARM template string in one spelling (expressions parsed and printed canonically). A literal that reads
    like an expression (``[[x]``, meaning the text ``[x]``) keeps its escape: it never equals the expression."""
    if not ex.is_expression(text):
        return text
    try:
        tree = ex.parse(text)
    except ex.ExpressionSyntaxError:
        return text
    if tolerance is not None and scope and tolerance.extension_scope:
        tree = _qualified_scope(tree)
    if tolerance is not None and tolerance.arm_spelling:
        tree = _spelling(tree)
        if key:
            tree = _plain_format(tree)
        if scope:
            relative = _relative_id(tree)
            if relative is not None:
                return relative
    return "[" + _print(tree, tolerance) + "]"


# --- spellings of one value: relecloud's renderer against the Bicep compiler ----------------------------------

_GROUP_FORMAT = "/subscriptions/{0}/resourceGroups/{1}"
_THIS_SUBSCRIPTION = ex.Property(ex.Call("subscription", (), 0, 0), "subscriptionId", 0, 0)


def _spelling(node: Any) -> Any:
    """``node`` with its resource IDs in one spelling and ``split('<a/b>', '/')[i]`` folded to the literal."""
    if isinstance(node, ex.Call):
        node = _group_resource_id(node) or node
        call = ex.Call(node.name, tuple(_spelling(arg) for arg in node.args), node.start, node.end, node.namespace)
        return _flat_format(call) or call
    if isinstance(node, ex.Property):
        return ex.Property(_spelling(node.target), node.name, node.start, node.end)
    if isinstance(node, ex.Index):
        target, index = _spelling(node.target), _spelling(node.index)
        if isinstance(target, ex.Call) and target.lower_name == "split" and len(target.args) == 2 and \
                all(isinstance(arg, ex.StringLit) for arg in target.args) and isinstance(index, ex.NumberLit):
            text: Any = target.args[0]
            separator: Any = target.args[1]
            parts = text.value.split(separator.value)
            if 0 <= int(index.value) < len(parts):
                return ex.StringLit(parts[int(index.value)], node.start, node.end)
        return ex.Index(target, index, node.start, node.end)
    return node


def _group_resource_id(call: Any) -> Any:
    """The ID of a resource in a resource group, as ``resourceId(<subscription>, <group>, <type>, <names>...)``.
    ARM's ``resourceId('<group>', ...)`` and ``resourceId('<sub>', '<group>', ...)`` (relecloud's renderer) and
    ``extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', <sub>, <group>), ...)`` (Bicep, for a
    resource of another group) are the same string; an absent subscription is the deployment's."""
    lowered = call.lower_name
    if lowered == "resourceid":
        types = [i for i, arg in enumerate(call.args) if isinstance(arg, ex.StringLit) and _is_type(arg.value)]
        if not types or types[0] == 0 or types[0] > 2:
            return None
        leading = list(call.args[:types[0]])
        if len(leading) == 1:
            leading.insert(0, _THIS_SUBSCRIPTION)
        return ex.Call("resourceId", (*leading, *call.args[types[0]:]), call.start, call.end)
    if lowered == "extensionresourceid" and call.args:
        scope = call.args[0]
        if isinstance(scope, ex.Call) and scope.lower_name == "format" and len(scope.args) == 3 and \
                isinstance(scope.args[0], ex.StringLit) and scope.args[0].value == _GROUP_FORMAT:
            return ex.Call("resourceId", (*scope.args[1:], *call.args[1:]), call.start, call.end)
    return None


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\d+)\}|[{}]")


def _format_pieces(call: Any) -> list | None:
    """The text and expressions ``format('<literal>', ...)`` joins, in order, with literal and ``format`` arguments
    put into the text; None for a format string with specifiers (``{0:N}``) or an argument out of range."""
    if not (call.args and isinstance(call.args[0], ex.StringLit)):
        return None
    pieces: list = []
    text, pos = call.args[0].value, 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(text[pos:match.start()])
        pos = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            pieces.append(token[0])
            continue
        if match.group(1) is None or int(match.group(1)) + 1 >= len(call.args):
            return None
        arg = call.args[int(match.group(1)) + 1]
        inner = _format_pieces(arg) if isinstance(arg, ex.Call) and arg.lower_name == "format" else None
        pieces.extend(inner if inner is not None else [arg.value if isinstance(arg, ex.StringLit) else arg])
    pieces.append(text[pos:])
    return pieces


def _flat_format(call: Any) -> Any:
    """``format()`` with its literal and nested-format arguments written into the format string (``format('{0}.
    {1}', 'a', x)`` as ``format('a.{0}', x)``), the same string."""
    if call.lower_name != "format":
        return None
    pieces = _format_pieces(call)
    if pieces is None:
        return None
    text, args = "", []  # type: tuple[str, list[Any]]
    for piece in pieces:
        if isinstance(piece, str):
            text += piece.replace("{", "{{").replace("}", "}}")
        else:
            text += "{%d}" % len(args)
            args.append(piece)
    if not args:
        return ex.StringLit(text.replace("{{", "{").replace("}}", "}"), call.start, call.end)
    return ex.Call(call.name, (ex.StringLit(text, 0, 0), *args), call.start, call.end)


def _is_type(text: str) -> bool:
    return bool(re.match(r"^[A-Za-z0-9]+\.[A-Za-z0-9.]+/[A-Za-z0-9/]+$", text))


def _plain_format(node: Any) -> Any:
    """``format('{0}', x)`` as ``x`` (for an object key, which is a string either way)."""
    if isinstance(node, ex.Call) and node.lower_name == "format" and len(node.args) == 2 and \
            isinstance(node.args[0], ex.StringLit) and node.args[0].value == "{0}":
        return node.args[1]
    return node


def _relative_id(node: Any) -> str | None:
    """``resourceId('<ns>/<t1>/<t2>', 'a', 'b')`` with literal names as the relative ID ``<ns>/<t1>/a/<t2>/b``
    (how relecloud's renderer writes the ``scope`` of an extension resource of the same template)."""
    if not (isinstance(node, ex.Call) and node.lower_name == "resourceid" and node.args and
            all(isinstance(arg, ex.StringLit) for arg in node.args)):
        return None
    kind, *names = [str(getattr(arg, "value", "")) for arg in node.args]
    namespace, *types = kind.split("/")
    if not _is_type(kind) or len(types) != len(names):
        return None
    return "/".join([namespace, *(f"{t}/{name}" for t, name in zip(types, names))])


_SCOPE_FORMAT = re.compile(r"^([A-Za-z0-9.]+)((?:/[A-Za-z0-9]+/\{\d+\})+)$")


def _qualified_scope(tree: Any) -> Any:
    """``format('<ns>/<t1>/{0}/<t2>/{1}', a, b)`` (an unqualified ID, older Bicep) as ``resourceId('<ns>/<t1>/<t2>',
    a, b)`` (what current Bicep writes for the scope of an extension resource)."""
    if isinstance(tree, ex.Call) and tree.lower_name == "format" and tree.args and \
            isinstance(tree.args[0], ex.StringLit):
        match = _SCOPE_FORMAT.match(tree.args[0].value)
        if match is not None:
            types = [part for i, part in enumerate(match.group(2).strip("/").split("/")) if i % 2 == 0]
            full = "/".join([match.group(1), *types])
            return ex.Call("resourceId", (ex.StringLit(full, 0, 0), *tree.args[1:]), tree.start, tree.end)
    return tree


def _print(node: Any, tolerance: VersionTolerance | None = None) -> str:
    if tolerance is not None and isinstance(node, ex.Call) and node.lower_name == "reference":
        node = _reference(node, tolerance)
    return _print_node(node, tolerance)


def _ternary_parameter(text: str) -> Any:
    try:
        tree = ex.parse(text) if ex.is_expression(text) else None
    except ex.ExpressionSyntaxError:
        return text
    if isinstance(tree, ex.Call) and tree.lower_name == "if" and len(tree.args) == 3:
        branches = []
        for branch in tree.args[1:]:
            if isinstance(branch, ex.Call) and branch.lower_name == "createobject" and len(branch.args) == 2 and \
                    isinstance(branch.args[0], ex.StringLit) and branch.args[0].value == "value":
                branches.append(branch.args[1])
        if len(branches) == 2:
            rebuilt = ex.Call("if", (tree.args[0], *branches), tree.start, tree.end)
            return {"value": "[" + _print(rebuilt) + "]"}
    return text


def _reference(node: Any, tolerance: VersionTolerance) -> Any:
    args = list(node.args)
    first = args[0] if args else None
    if tolerance.deployments_api and len(args) >= 2 and isinstance(args[1], ex.StringLit) and \
            isinstance(first, ex.Call) and first.lower_name.endswith("resourceid") and \
            any(isinstance(x, ex.StringLit) and x.value.lower() == "microsoft.resources/deployments"
                for x in first.args):
        args[1] = ex.StringLit("<deployments api version>", 0, 0)
    if tolerance.arm_spelling and len(args) == 3 and isinstance(args[2], ex.StringLit):
        args[2] = ex.StringLit(args[2].value.lower(), 0, 0)
    if tolerance.reference_api_version and len(args) == 2 and isinstance(args[1], ex.StringLit) and \
            re.match(r"^\d{4}-\d{2}-\d{2}", args[1].value):
        args = args[:1]
    return ex.Call(node.name, tuple(args), node.start, node.end, node.namespace)


def _print_node(node: Any, tolerance: VersionTolerance | None) -> str:
    _print_ = lambda x: _print(x, tolerance)  # noqa: E731
    if isinstance(node, ex.StringLit):
        return "'" + node.value.replace("'", "''") + "'"
    if isinstance(node, ex.NumberLit):
        return repr(node.value)
    if isinstance(node, ex.BoolLit):
        return "true()" if node.value else "false()"
    if isinstance(node, ex.NullLit):
        return "null()"
    if isinstance(node, ex.Call):
        name = node.qualified_name.lower()
        args = [_print_(a) for a in node.args]
        if name in _ID_FUNCTIONS:  # resource types are case-insensitive in ARM
            args = [a.lower() if _TYPE_LITERAL.match(a) else a for a in args]
        return f"{name}({', '.join(args)})"
    if isinstance(node, ex.Property):
        return f"{_print_(node.target)}.{node.name}"
    if isinstance(node, ex.Index):
        if isinstance(node.index, ex.StringLit) and _IDENT.match(node.index.value):
            return f"{_print_(node.target)}.{node.index.value}"
        return f"{_print_(node.target)}[{_print_(node.index)}]"
    return repr(node)


@dataclass
class VersionTolerance:
    """Differences in output form between Bicep releases that do not change what deploys. Microsoft's reference
    templates were built by Bicep 0.4-0.16; current Bicep (what relecloud follows) differs in:

    - ``deployments_api``: the API version of module deployments (2020-10-01, 2022-09-01 ... now 2025-04-01),
      in the resource and in ``reference(<deployment id>, '<version>')``;
    - ``extension_scope``: the ``scope`` of an extension resource, written ``format('<type>/{0}', name)`` (an
      unqualified ID) by older releases and ``resourceId('<type>', name)`` (qualified) now;
    - ``reference_api_version``: Bicep 0.4 wrote ``reference(<id>)`` without the API version for resources of
      the same template; later releases write ``reference(<id>, '<version>')``;
    - ``ternary_parameter``: Bicep 0.15 wrote a module parameter whose value is a ternary as
      ``"[if(c, createObject('value', a), createObject('value', b))]"``; now it is ``{"value": "[if(c, a, b)]"}``;
    - ``missing_files``: the corpus omits the scripts some modules load with ``loadTextContent`` /
      ``loadFileAsBase64`` (scripts were not copied); what relecloud compiles for an absent file is not compared.

    ``arm_spelling`` (the round trip of a rendered unit: relecloud's renderer wrote the ARM, the Bicep compiler
    the other side) equates spellings of one value: the ID of a resource in another resource group
    (``resourceId(<sub>, <group>, ...)`` against ``extensionResourceId(format('/subscriptions/{0}/resourceGroups/
    {1}', <sub>, <group>), ...)``), ``split('<a/b>', '/')[i]`` against the literal segment, an object key
    ``format('{0}', x)`` (Bicep's ``'${x}'``) against ``x``, ``format()`` with literal or ``format()`` arguments
    against the one format string they make, a ``scope`` given as a relative ID against
    ``resourceId(...)`` with literal names, and ``'Full'`` against ``'full'`` in ``reference()``.

    Always normalised (ARM compares these case-insensitively or ignores them): parameter and output type names
    (``secureString``/``securestring``), resource type names, empty ``functions`` arrays, generator metadata.
    """

    deployments_api: bool = False
    extension_scope: bool = False
    reference_api_version: bool = False
    ternary_parameter: bool = False
    missing_files: bool = False
    arm_spelling: bool = False


def normalise(value: Any, tolerance: VersionTolerance | None = None, key: str | None = None) -> Any:
    tolerance = tolerance or VersionTolerance()
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "metadata" and isinstance(v, dict):
                v = {mk: mv for mk, mv in v.items() if mk not in ("_generator", "_EXPERIMENTAL_WARNING",
                                                                 "_EXPERIMENTAL_FEATURES_ENABLED")}
                if not v:
                    continue
            if k == "functions" and v == []:
                continue
            if key == "parameters" and tolerance.ternary_parameter and isinstance(v, str):
                v = _ternary_parameter(v)
            out[canonical_expression(k, tolerance, key=True)] = normalise(v, tolerance, k)
        if isinstance(out.get("type"), str) and "/" in out["type"] and isinstance(out.get("apiVersion"), str):
            out["type"] = out["type"].lower()  # resource types are case-insensitive in ARM
        if tolerance.deployments_api and str(out.get("type", "")).lower() == "microsoft.resources/deployments":
            out["apiVersion"] = "<deployments api version>"
        if isinstance(value.get("scope"), str):
            out["scope"] = canonical_expression(value["scope"], tolerance, scope=True)
        declared = isinstance(out.get("type"), str) and "/" not in out["type"]
        if declared and (key in ("parameters", "outputs") or out["type"].lower() in (
                "securestring", "secureobject", "string", "object", "int", "bool", "array")):
            out["type"] = out["type"].lower()
        if isinstance(out.get("dependsOn"), list):
            out["dependsOn"] = sorted(out["dependsOn"], key=lambda x: json.dumps(x, sort_keys=True))
        if isinstance(out.get("resources"), list):
            out["resources"] = sorted(out["resources"], key=_resource_key)
        return out
    if isinstance(value, list):
        return [normalise(v, tolerance) for v in value]
    if isinstance(value, str):
        if tolerance.missing_files and value == MISSING_FILE:
            return "<file the corpus omits>"
        return canonical_expression(value, tolerance)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _resource_key(resource: Any) -> str:
    if not isinstance(resource, dict):
        return json.dumps(resource, sort_keys=True)
    return json.dumps([str(resource.get("type", "")).lower(), resource.get("name"), resource.get("scope")],
                      sort_keys=True)


def differences(ours: Any, theirs: Any, tolerance: VersionTolerance | None = None,
                limit: int = 50) -> list[tuple[str, Any, Any]]:
    found: list[tuple[str, Any, Any]] = []
    _diff(normalise(ours, tolerance), normalise(theirs, tolerance), "", found, limit)
    if tolerance is not None and tolerance.missing_files:
        found = [f for f in found if f[1] != "<file the corpus omits>"]
    return found


def _diff(a: Any, b: Any, path: str, found: list, limit: int) -> None:
    if len(found) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a:
                found.append((f"{path}/{key}", "<absent>", b[key]))
            elif key not in b:
                found.append((f"{path}/{key}", a[key], "<absent>"))
            else:
                _diff(a[key], b[key], f"{path}/{key}", found, limit)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            found.append((f"{path}[len]", len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            _diff(x, y, f"{path}[{i}]", found, limit)
        return
    if a != b:
        found.append((path, a, b))
