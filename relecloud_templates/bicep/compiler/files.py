"""The functions Bicep evaluates while compiling: ``loadTextContent``, ``loadFileAsBase64``, ``loadJsonContent``,
``loadYamlContent``, ``loadDirectoryFileInfo`` (files next to the .bicep file) and, in parameter files,
``readEnvironmentVariable``. Their results are written into the template as literals."""

from __future__ import annotations

import base64
import fnmatch
import json
import os
import re
from pathlib import Path
from typing import Any

from relecloud_templates.bicep.compiler import armexpr as a
from relecloud_templates.bicep.compiler.filesystem import FileSystem
from relecloud_templates.bicep.parser import nodes as n

LOAD_FUNCTIONS = {"loadTextContent", "loadFileAsBase64", "loadJsonContent", "loadYamlContent", "loadDirectoryFileInfo"}
MAX_TEXT = 131072  # characters Bicep loads with loadTextContent / loadJsonContent
MAX_BASE64 = 98304  # bytes loadFileAsBase64 accepts
_ENCODINGS = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-16be": "utf-16-be", "iso-8859-1": "latin-1",
              "us-ascii": "ascii"}
_FORBIDDEN = set('"*:<>?|')
MISSING_FILE = "<relecloud: file not found>"  # what a load of an absent file compiles to (with a BCP091 error)


def _error(code: str, node: Any, message: str) -> Exception:
    from relecloud_templates.bicep.compiler.expressions import CompileError

    return CompileError(code, node, message)


def _literal(converter: Any, node: Any, what: str) -> str:
    if isinstance(node, n.StringSyntax) and node.literal is not None:
        return node.literal
    raise _error("BCP032", node, f"The {what} must be a compile-time constant.")


def resolve(converter: Any, node: Any) -> Path:
    """The file a path argument names, relative to the Bicep file."""
    text = _literal(converter, node, "path")
    if not text:
        raise _error("BCP050", node, "The path is empty.")
    if "\\" in text:
        raise _error("BCP098", node, 'The path contains "\\": use "/" to separate folders.')
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text):
        raise _error("BCP051", node, "The path is absolute: files are referenced by paths relative to the file.")
    if any(c in _FORBIDDEN for c in text):
        raise _error("BCP085", node, "The path contains characters that are not allowed in a path.")
    base = converter.model.path.parent if converter.model.path is not None else Path.cwd()
    return Path(os.path.normpath(base / text))


def _read_bytes(fs: FileSystem, path: Path, node: Any) -> bytes:
    if fs.is_dir(path):
        raise _error("BCP275", node, f'"{path}" is a folder, not a file.')
    try:
        return fs.read_bytes(path)
    except OSError:
        raise _error("BCP091", node, f"The file {path} cannot be read (it does not exist or is not readable).") \
            from None


def load(converter: Any, name: str, args: list[Any], node: Any) -> a.Expr:
    """The value of a load function as an expression (a variable reference when Bicep hoists it)."""
    hoisted = converter.model.function_variables.get(id(node))
    if hoisted is not None:
        return a.fn("variables", a.lit(hoisted))
    return to_expression(load_value(converter, name, args, node))


def load_value(converter: Any, name: str, args: list[Any], node: Any) -> Any:
    """The JSON value a load function reads."""
    if not args:
        raise _error("BCP071", node, f'The function "{name}" needs a path.')
    path = resolve(converter, args[0])
    if name == "loadDirectoryFileInfo":
        pattern = _literal(converter, args[1], "search pattern") if len(args) > 1 else "*"
        fs = converter.model.fs
        if not fs.is_dir(path):
            raise _error("BCP091", args[0], f"The folder {path} does not exist.")
        entries = sorted((p for p in fs.files_in(path) if fnmatch.fnmatch(p.name, pattern)),
                         key=lambda p: p.name.upper())  # (ordinal, ignoring case, as Bicep lists them)
        return [{"relativePath": os.path.relpath(p, path.parent).replace(os.sep, "/"), "baseName": p.name,
                 "extension": p.suffix} for p in entries]
    try:
        data = _read_bytes(converter.model.fs, path, args[0])
    except Exception as failure:
        code = getattr(failure, "code", "BCP091")
        converter.model.error(code, args[0], getattr(failure, "message", str(failure)))
        if code == "BCP091":
            converter.model.missing_loads.add(id(converter.model.diagnostics[-1]))
        return MISSING_FILE
    if name == "loadFileAsBase64":
        if len(data) > MAX_BASE64:
            raise _error("BCP184", args[0], f"The file {path} is larger than {MAX_BASE64} bytes.")
        return base64.b64encode(data).decode("ascii")
    encoding_arg = {"loadTextContent": 1, "loadJsonContent": 2, "loadYamlContent": 2}[name]
    encoding = _literal(converter, args[encoding_arg], "encoding").lower() if len(args) > encoding_arg else "utf-8"
    text = _decode(data, encoding)
    if len(text) > MAX_TEXT:
        raise _error("BCP184", args[0], f"The file {path} is longer than {MAX_TEXT} characters.")
    if name == "loadTextContent":
        return text
    try:
        if name == "loadJsonContent":
            from relecloud_templates.arm import jsonpos

            value = jsonpos.loads(text)  # (comments allowed, as Bicep allows them)
        else:
            import yaml

            value = yaml.safe_load(text)
    except Exception:
        raise _error("BCP186", args[0], f"The content of {path} is not well-formed.") from None
    if len(args) > 1:
        value = _select(value, _literal(converter, args[1], "path in the file"), args[1])
    return value


# Where Bicep writes a load function's result into a variable of its own ("$fxv#0"): always for the structured
# loads; for text and base64 unless the call is the whole value of a variable.
_ALWAYS_HOISTED = {"loadJsonContent", "loadYamlContent", "loadDirectoryFileInfo"}


def function_variables(model: Any) -> dict[int, str]:
    """``$fxv#N`` names for the load calls Bicep hoists into variables, numbered in source order."""
    found: dict[int, str] = {}
    direct: set[int] = set()
    in_functions: set[int] = set()  # a function cannot read variables: loads in its body stay inline
    for node in model.nodes:
        if isinstance(node, n.FunctionDeclarationSyntax):
            in_functions.update(id(x) for x in n.walk(node))
        if id(node) in in_functions:
            continue
        if isinstance(node, n.VariableDeclarationSyntax):
            direct.add(id(node.value))
        if (isinstance(node, n.FunctionCallSyntax) and isinstance(node.name, n.IdentifierSyntax) and \
                node.name.name in LOAD_FUNCTIONS) or (isinstance(node, n.InstanceFunctionCallSyntax) and \
                isinstance(node.name, n.IdentifierSyntax) and node.name.name in LOAD_FUNCTIONS and \
                isinstance(node.base, n.VariableAccessSyntax) and node.base.name.name == "sys"):
            symbol: Any = model.binding.ref(node) if isinstance(node, n.FunctionCallSyntax) else True
            if symbol is None or (symbol is not True and symbol.kind != "builtin"):
                continue
            if node.name.name in _ALWAYS_HOISTED or id(node) not in direct:
                found[id(node)] = f"$fxv#{len(found)}"
    return found


def _decode(data: bytes, encoding: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le", errors="replace")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", errors="replace")
    return data.decode(_ENCODINGS.get(encoding, "utf-8"), errors="replace")


_PATH_PART = re.compile(r"\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|(\.\*|\[\*\])|"
                        r"\[\?\(@\.([A-Za-z_$][\w$]*)\s*(==|!=|<=|>=|<|>)\s*('[^']*'|-?[\d.]+|true|false)\)\]")
_COMPARE = {"==": lambda x, y: x == y, "!=": lambda x, y: x != y, "<": lambda x, y: x < y,
            "<=": lambda x, y: x <= y, ">": lambda x, y: x > y, ">=": lambda x, y: x >= y}


def _select(value: Any, path: str, node: Any) -> Any:
    """A JSONPath subset, as Bicep's loadJsonContent/loadYamlContent read it: ``$.a.b[0]['c d']``, wildcards
    (``[*]``, ``.*``) and filters (``[?(@.price > 3)]``). A path that can select several values gives the array
    of those it selects."""
    rest = path[1:] if path.startswith("$") else ("." + path if path and not path.startswith(("[", ".")) else path)
    current, several, position = [value], False, 0
    while position < len(rest):
        match = _PATH_PART.match(rest, position)
        if match is None:
            raise _error("BCP235", node, "The JSON path is not valid (or not one relecloud reads).")
        key, index, quoted, wildcard, field, operator, literal = match.groups()
        following: list[Any] = []
        for item in current:
            if wildcard or field:
                several = True
                members = list(item.values()) if isinstance(item, dict) else item if isinstance(item, list) else []
                if field:
                    expected = json.loads(literal.replace("'", '"')) if literal.startswith("'") else \
                        json.loads(literal)
                    members = [m for m in members if isinstance(m, dict) and field in m
                               and _compares(m[field], operator, expected)]
                following.extend(members)
            elif index is not None:
                if isinstance(item, list) and int(index) < len(item):
                    following.append(item[int(index)])
            elif isinstance(item, dict) and (key if key is not None else quoted) in item:
                following.append(item[key if key is not None else quoted])
        current, position = following, match.end()
    if not current or (len(current) > 1 and not several):
        raise _error("BCP235", node, "The JSON path does not exist in the file.")
    return current if several and len(current) != 1 else current[0]


def _compares(value: Any, operator: str, expected: Any) -> bool:
    try:
        return bool(_COMPARE[operator](value, expected))
    except TypeError:
        return False


def to_expression(value: Any) -> a.Expr:
    """A JSON value as an ARM expression (createObject/createArray for containers)."""
    if isinstance(value, bool):
        return a.TRUE if value else a.FALSE
    if value is None:
        return a.NULL
    if isinstance(value, int):
        return a.lit(value) if -2 ** 31 <= value < 2 ** 31 else a.fn("json", a.lit(str(value)))
    if isinstance(value, float):
        return a.fn("json", a.lit(json.dumps(value)))
    if isinstance(value, str):
        return a.lit(value)
    if isinstance(value, list):
        return a.Fn("createArray", [to_expression(v) for v in value])
    if isinstance(value, dict):
        parts: list[a.Expr] = []
        for key, item in value.items():
            parts.extend([a.lit(str(key)), to_expression(item)])
        return a.Fn("createObject", parts)
    return a.lit(str(value))


def environment_variable(converter: Any, args: list[Any], node: Any) -> a.Expr:
    name = _literal(converter, args[0], "variable name") if args else ""
    found = os.environ.get(name)
    if found is not None:
        return a.lit(found)
    if len(args) > 1:
        return converter.convert(args[1])
    model = converter.model
    model.error("BCP338", node, f'The environment variable "{name}" is not set and no default is given.')
    model.unset_variables.add(id(model.diagnostics[-1]))
    return a.lit("")
