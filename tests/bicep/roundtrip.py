"""Round-trip comparison: an ARM template against the Bicep relecloud emitted for it, as pycep-parser reads it.

Both sides are reduced to one canonical form written here, independently of the translator: ARM expressions
from the ARM parser; Bicep from pycep-parser's JSON, with identifiers resolved back to parameters, variables,
loop variables and resource symbols. ``format``, ``concat`` and interpolation all become ``concat`` of parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pycep import BicepParser
from pycep.models import BicepElement

from relecloud_templates.arm import expressions as arm

_PARSER = BicepParser()
DEPLOYMENTS = "microsoft.resources/deployments"


def parse_bicep(text: str) -> dict:
    return _PARSER.parse(text=text)


# --- canonical form -------------------------------------------------------------------------------------------


def _concat(parts: list) -> tuple:
    flat: list = []
    for part in parts:
        if isinstance(part, tuple) and part and part[0] == "concat":
            flat.extend(part[1:])
        else:
            flat.append(part)
    merged: list = []
    for part in flat:
        if isinstance(part, tuple) and part[0] == "s":
            if not part[1]:
                continue
            if merged and merged[-1][0] == "s":
                merged[-1] = ("s", merged[-1][1] + part[1])
                continue
        merged.append(part)
    if len(merged) == 1 and merged[0][0] == "s":
        return merged[0]
    return ("concat", *merged) if merged else ("s", "")


def _resource_id(name: str, args: list) -> tuple:
    """resourceId(type, names...) of this scope -> ("rid", type, full name); anything else stays a call."""
    for i, arg in enumerate(args):
        if arg[0] == "s" and "/" in arg[1] and "." in arg[1].split("/")[0]:
            rid = _rid(arg[1], args[i + 1:])
            return rid if i == 0 else ("rid-in", tuple(args[:i]), *rid[1:])
    return (name, *args)


def _rid(resource_type: str, names: list) -> tuple:
    if len(names) == 1:
        return ("rid", resource_type.lower(), names[0])
    joined: list = []
    for i, name in enumerate(names):
        if i:
            joined.append(("s", "/"))
        joined.append(name)
    return ("rid", resource_type.lower(), _concat(joined))


_ARM_OPERATORS = {"equals", "not", "and", "or", "greater", "greaterorequals", "less", "lessorequals", "add",
                  "sub", "mul", "div", "mod", "if", "coalesce"}


def arm_value(value: object) -> tuple:
    """The canonical form of an ARM template value (expression strings parsed)."""
    if isinstance(value, str):
        if arm.is_expression(value):
            return arm_node(arm.parse(value))
        return ("s", arm.literal_value(value))
    return data_value(value, arm_value)


def data_value(value: object, inner) -> tuple:
    if isinstance(value, dict):
        return ("object", tuple(sorted((k, inner(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("array", tuple(inner(v) for v in value))
    if isinstance(value, bool):
        return ("b", value)
    if value is None:
        return ("null",)
    if isinstance(value, float) and value.is_integer():
        return ("n", int(value))
    return ("n", value)


def arm_node(node: arm.Node) -> tuple:
    if isinstance(node, arm.StringLit):
        return ("s", node.value)
    if isinstance(node, arm.NumberLit):
        return ("n", node.value)
    if isinstance(node, arm.BoolLit):
        return ("b", node.value)
    if isinstance(node, arm.NullLit):
        return ("null",)
    if isinstance(node, arm.Property):
        return (".", arm_node(node.target), node.name)
    if isinstance(node, arm.Index):
        target, index = arm_node(node.target), arm_node(node.index)
        if _is_range_from_zero(target):
            return index  # range(0, n)[i] is i
        return ("[]", target, index)
    name, args = node.lower_name, node.args
    if name in ("parameters", "variables"):
        return (name[:5], args[0].value.lower())
    if name == "copyindex":
        offsets = [a for a in args if not isinstance(a, arm.StringLit)]
        return ("add", ("copyindex",), arm_node(offsets[0])) if offsets else ("copyindex",)
    if name == "format" and isinstance(args[0], arm.StringLit):
        parts, last = [], 0
        for m in re.finditer(r"\{\{|\}\}|\{(\d+)\}", args[0].value):
            parts.append(("s", args[0].value[last:m.start()]))
            parts.append(("s", m.group(0)[0]) if m.group(1) is None else arm_node(args[1 + int(m.group(1))]))
            last = m.end()
        parts.append(("s", args[0].value[last:]))
        return _concat(parts)
    if name == "concat":
        return _concat([arm_node(a) for a in args])
    if name == "length" and _is_range_from_zero(arm_node(args[0])):
        return arm_node(args[0])[2]  # length(range(0, n)) is n
    if name in ("and", "or"):
        return (name, *_flatten(name, [arm_node(a) for a in args]))
    if name in ("true", "false") and not args:
        return ("b", name == "true")
    if name == "null":
        return ("null",)
    if name == "createobject":
        return ("object", tuple(sorted((a.value, arm_node(b)) for a, b in zip(args[::2], args[1::2]))))
    if name == "createarray":
        return ("array", tuple(arm_node(a) for a in args))
    if name == "lambda":
        return ("lambda", tuple(a.value for a in args[:-1]), arm_node(args[-1]))
    if name == "lambdavariables":
        return ("lambdavar", args[0].value)
    if name == "reference":
        full = len(args) >= 3 and isinstance(args[2], arm.StringLit) and args[2].value.lower() == "full"
        return ("reference", arm_node(args[0]), full)
    if name in ("resourceid", "subscriptionresourceid"):
        return _resource_id(name, [arm_node(a) for a in args])
    if name == "extensionresourceid" and len(args) >= 3 and isinstance(args[1], arm.StringLit) \
            and args[1].value.lower() == DEPLOYMENTS:
        return _rid(args[1].value, [arm_node(a) for a in args[2:]])
    return (name, *(arm_node(a) for a in args))


def _is_range_from_zero(value: tuple) -> bool:
    return value[0] == "range" and len(value) == 3 and value[1] == ("n", 0)


def _flatten(name: str, items: list) -> list:
    out = []
    for item in items:
        out.extend(item[1:] if item[0] == name else [item])
    return out


# --- the Bicep side -------------------------------------------------------------------------------------------


@dataclass
class BicepScope:
    """What identifiers mean in one Bicep file."""

    params: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    resources: dict[str, tuple] = field(default_factory=dict)  # symbol -> (type, canonical name, scope args)
    loop_index: set[str] = field(default_factory=set)
    loop_items: dict[str, tuple] = field(default_factory=dict)  # item variable -> canonical array
    lambdas: set[str] = field(default_factory=set)
    variable_names: dict[str, str] = field(default_factory=dict)  # Bicep identifier -> ARM variable name

    def inside(self, loop_type: dict) -> BicepScope:
        inner = BicepScope(self.params, self.variables, self.resources, set(self.loop_index),
                           dict(self.loop_items), set(self.lambdas), self.variable_names)
        detail = loop_type["detail"]
        if loop_type["type"] == "array" and _is_range(detail["array_name"]):
            inner.loop_index.add(detail["item_name"])
        else:
            array = self.value(detail["array_name"])
            inner.loop_items[detail["item_name"]] = array
            if "index_name" in detail:
                inner.loop_index.add(detail["index_name"])
        return inner

    def loop_count(self, loop_type: dict) -> tuple:
        array = loop_type["detail"]["array_name"]
        if _is_range(array):
            return self.value(array["function"]["parameters"]["count"])
        return ("length", self.value(array))

    def value(self, value: object) -> tuple:
        if isinstance(value, BicepElement):
            return self.identifier(str(value))
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, dict) and "function" in value:
            return self.function(value["function"])
        if isinstance(value, dict) and "operator" in value:
            return self.operator(value["operator"])
        if isinstance(value, dict) and value.get("type") == "lambda_expression":
            detail = value["detail"]
            names = tuple(v for k, v in sorted(detail.items()) if k.startswith("var_"))
            inner = BicepScope(self.params, self.variables, self.resources, self.loop_index, self.loop_items,
                               self.lambdas | set(names), self.variable_names)
            return ("lambda", names, inner.value(detail["expression"]))
        if isinstance(value, dict):
            return ("object", tuple(sorted((k.strip("'"), self.value(v)) for k, v in value.items())))
        return data_value(value, self.value)

    def arm_variable(self, name: str) -> str:
        return self.variable_names.get(name, name).lower()

    def identifier(self, name: str) -> tuple:
        if name in self.lambdas:
            return ("lambdavar", name)
        if name in self.loop_index:
            return ("copyindex",)
        if name in self.loop_items:
            return ("[]", self.loop_items[name], ("copyindex",))
        if name in self.params:
            return ("param", name.lower())
        if name in self.variables:
            return ("varia", self.arm_variable(name))
        return ("symbol", name)

    def string(self, raw: str) -> tuple:
        parts, i, literal = [], 0, []
        while i < len(raw):
            ch = raw[i]
            if ch == "\\":
                nxt = raw[i + 1]
                if nxt == "u":
                    end = raw.index("}", i)
                    literal.append(chr(int(raw[i + 3:end], 16)))
                    i = end + 1
                    continue
                literal.append({"n": "\n", "r": "\r", "t": "\t"}.get(nxt, nxt))
                i += 2
            elif raw.startswith("${", i):
                parts.append(("s", "".join(literal)))
                literal = []
                end = _hole_end(raw, i + 2)
                hole = parse_bicep(f"var hole = {raw[i + 2:end]}\n")["variables"]["hole"]["value"]
                parts.append(self.value(hole))
                i = end + 1
            else:
                literal.append(ch)
                i += 1
        parts.append(("s", "".join(literal)))
        return _concat(parts)

    def function(self, func: dict) -> tuple:
        kind, params = func["type"], dict(func.get("parameters") or {})
        name = re.sub(r"_(\w)", lambda m: m.group(1).upper(), kind).lower()
        if name == "resourceid":  # pycep reorders the arguments; put them back as written
            names = [v for k, v in params.items() if k.startswith("resource_name_") and v is not None]
            scope = [params[k] for k in ("subscription_id", "resource_group_name") if params[k] is not None]
            return _resource_id(name, [self.value(a) for a in scope + [params["resource_type"]] + names])
        args = list(params.values())
        while args and args[-1] is None:
            args.pop()
        if name == "reference":
            full = len(args) >= 3 and str(args[2]).lower() == "full"
            return ("reference", self.value(args[0]), full)
        if name == "concat":
            return _concat([self.value(a) for a in args])
        return (name, *(self.value(a) for a in args))

    def operator(self, op: dict) -> tuple:
        kind, operands = op["type"], op["operands"]
        if kind in ("property_accessor", "index_accessor"):
            return self.accessor(op)
        if kind == "minus":
            inner = self.value(operands["integer_value"])
            return ("n", -inner[1]) if inner[0] == "n" else ("sub", ("n", 0), inner)
        if kind == "not":
            return ("not", self.value(operands["bool_value"]))
        if kind == "conditional":
            return ("if", self.value(operands["condition"]), self.value(operands["true_value"]),
                    self.value(operands["false_value"]))
        names = {"equals": "equals", "greater_than": "greater", "greater_than_or_equals": "greaterorequals",
                 "less_than": "less", "less_than_or_equals": "lessorequals", "add": "add", "substract": "sub",
                 "multiply": "mul", "divide": "div", "modulo": "mod", "and": "and", "or": "or",
                 "coalesce": "coalesce"}
        if kind == "not_equals":
            return ("not", ("equals", self.value(operands["operand_1"]), self.value(operands["operand_2"])))
        name = names[kind]
        items = [self.value(v) for _, v in sorted(operands.items())]
        if name in ("and", "or"):
            return (name, *_flatten(name, items))
        return (name, *items)

    def accessor(self, op: dict) -> tuple:
        """pycep nests ``a.b.c`` to the right; rebuild the left-to-right chain, then resolve its root."""
        root, *steps = self._steps({"operator": op})
        if isinstance(root, BicepElement) and str(root) in self.resources:
            return self._symbol_chain(str(root), steps)
        return self._apply(self.value(root), steps)

    def _steps(self, value) -> list:
        op = value.get("operator") if isinstance(value, dict) else None
        if op and op["type"] == "index_accessor":
            return self._steps(op["operands"]["operand_1"]) + [("[]", op["operands"]["operand_2"])]
        if op and op["type"] == "property_accessor":
            right = self._steps(op["operands"]["operand_2"])
            return self._steps(op["operands"]["operand_1"]) + [(".", str(right[0]))] + right[1:]
        return [value]

    def _apply(self, result: tuple, steps: list) -> tuple:
        for kind, what in steps:
            result = ("[]", result, self.value(what)) if kind == "[]" else (".", result, what)
        return result

    def _symbol_chain(self, symbol: str, steps: list) -> tuple:
        resource_type, name, where = self.resources[symbol]
        rid = ("rid-in", where, resource_type.lower(), name) if where else ("rid", resource_type.lower(), name)
        first = steps[0][1] if steps and steps[0][0] == "." else None
        if first == "id":
            return self._apply(rid, steps[1:])
        if first == "name":
            return self._apply(name, steps[1:])
        if first == "outputs" and len(steps) >= 2:
            head = (".", (".", (".", ("reference", rid, False), "outputs"), steps[1][1]), "value")
            return self._apply(head, steps[2:])
        if first == "properties":
            return self._apply(("reference", rid, False), steps[1:])
        return self._apply(("reference", rid, True), steps)


def _is_range(value) -> bool:
    return isinstance(value, dict) and value.get("function", {}).get("type") == "range" \
        and value["function"]["parameters"].get("start_index") == 0


def _hole_end(raw: str, i: int) -> int:
    depth, in_string = 0, False
    while i < len(raw):
        ch = raw[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == "'":
                in_string = False
        elif ch == "'":
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    raise ValueError(f"unterminated interpolation in {raw!r}")


# --- comparing a template with its Bicep files ----------------------------------------------------------------

_TYPES = {"securestring": "string", "secureobject": "object"}


@dataclass
class Report:
    mismatches: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"resources": 0, "modules": 0, "parameters": 0,
                                                            "outputs": 0, "files": 0})

    def check(self, what: str, expected, actual) -> None:
        if expected != actual:
            self.mismatches.append(f"{what}: ARM {expected!r} != Bicep {actual!r}")


def _unwrap(config: dict) -> tuple[dict | None, object, dict]:
    """(loop_type, condition, body) of a resource or module declaration as pycep gives it."""
    if "loop_type" in config:
        return config["loop_type"], config.get("condition"), config["config"]
    if "condition" in config and "config" in config and isinstance(config["config"], dict):
        return None, config["condition"], config["config"]
    return None, None, config


def compare(template: dict, files: dict[str, str], path: str = "main.bicep", report: Report | None = None) -> Report:
    report = report or Report()
    report.counts["files"] += 1
    parsed = parse_bicep(files[path])
    scope = _file_scope(template, parsed)
    declared = [(s, a, DEPLOYMENTS) for s, a in parsed.get("modules", {}).items()]
    declared += [(s, a, a["type"]) for s, a in parsed.get("resources", {}).items()]
    for symbol, attrs, resource_type in declared:
        loop, _, body = _unwrap(attrs["config"])
        site = scope.inside(loop) if loop else scope
        where = ()
        target = body.get("scope") if attrs.get("existing") else None
        if isinstance(target, dict) and target.get("function", {}).get("type") == "resource_group":
            args = target["function"]["parameters"]
            where = tuple(scope.value(args[k]) for k in ("subscription_id", "resource_group_name")
                          if args[k] is not None)
        scope.resources[symbol] = (resource_type, site.value(body["name"]), where)
    _compare_parameters(template, parsed, report, path)
    _compare_resources(template, parsed, scope, files, report, path)
    _compare_outputs(template, parsed, scope, report, path)
    return report


def _file_scope(template: dict, parsed: dict) -> BicepScope:
    """Bicep variables come in template order (copy variables last); a name taken by a parameter gets a suffix."""
    variables = template.get("variables") or {}
    arm_names = [n for n in variables if n != "copy"] + [c["name"] for c in variables.get("copy") or []]
    bicep_names = list(parsed.get("variables", {}))
    return BicepScope(set(parsed.get("parameters", {})), set(bicep_names),
                      variable_names=dict(zip(bicep_names, arm_names)))


def _compare_parameters(template: dict, parsed: dict, report: Report, path: str) -> None:
    bicep = parsed.get("parameters", {})
    arm_params = template.get("parameters") or {}
    report.check(f"{path} parameters", list(arm_params), list(bicep))
    for name, spec in arm_params.items():
        if name not in bicep:
            continue
        report.counts["parameters"] += 1
        got = bicep[name]
        arm_type = spec["type"].lower()
        report.check(f"{path} param {name} type", _TYPES.get(arm_type, arm_type), str(got["type"]).rstrip("?"))
        scope = _file_scope(template, parsed)
        if "defaultValue" in spec:
            report.check(f"{path} param {name} default", arm_value(spec["defaultValue"]), scope.value(got["default"]))
        else:
            report.check(f"{path} param {name} default", None, got["default"])
        decorators = {d["type"]: d.get("argument") for d in got["decorators"]}
        expected = {}
        if "description" in (spec.get("metadata") or {}):
            expected["description"] = ("s", spec["metadata"]["description"])
        if arm_type.startswith("secure"):
            expected["secure"] = None
        if "allowedValues" in spec:
            expected["allowed"] = arm_value(spec["allowedValues"])
        for key, deco in (("minLength", "min_length"), ("maxLength", "max_length"), ("minValue", "min_value"),
                          ("maxValue", "max_value")):
            if key in spec:
                expected[deco] = ("n", spec[key])
        actual = {k: (None if v is None else scope.value(v)) for k, v in decorators.items() if k != "metadata"}
        report.check(f"{path} param {name} decorators", expected, actual)


def _compare_resources(template: dict, parsed: dict, scope: BicepScope, files, report: Report, path: str) -> None:
    arm_resources = list(template.get("resources") or [])
    arm_modules = [r for r in arm_resources if _is_module(r)]
    arm_plain = [r for r in arm_resources if not _is_module(r)]
    bicep_plain = [(s, a) for s, a in parsed.get("resources", {}).items() if not a["existing"]]
    bicep_modules = list(parsed.get("modules", {}).items())
    report.check(f"{path} resource count", len(arm_plain), len(bicep_plain))
    report.check(f"{path} module count", len(arm_modules), len(bicep_modules))
    for resource, (symbol, attrs) in zip(arm_plain, bicep_plain):
        report.counts["resources"] += 1
        where = f"{path} resource {symbol}"
        report.check(f"{where} type", resource["type"], attrs["type"])
        report.check(f"{where} apiVersion", resource["apiVersion"], attrs["api_version"])
        _compare_declaration(resource, attrs["config"], scope, report, where)
    for resource, (symbol, attrs) in zip(arm_modules, bicep_modules):
        report.counts["modules"] += 1
        where = f"{path} module {symbol}"
        _compare_declaration(resource, attrs["config"], scope, report, where)
        module_path = "modules/" + attrs["detail"]["path"].rsplit("/", 1)[-1]
        compare(resource["properties"]["template"], files, module_path, report)


def _is_module(resource: dict) -> bool:
    props = resource.get("properties") if isinstance(resource.get("properties"), dict) else {}
    return resource["type"].lower() == DEPLOYMENTS and "template" in props and \
        (props.get("expressionEvaluationOptions") or {}).get("scope") == "inner"


def _compare_declaration(resource: dict, config: dict, scope: BicepScope, report: Report, where: str) -> None:
    loop, condition, body = _unwrap(config)
    report.check(f"{where} loop", "copy" in resource, loop is not None)
    site = scope.inside(loop) if loop else scope
    if loop is not None and "copy" in resource:
        report.check(f"{where} loop count", arm_value(resource["copy"]["count"]), scope.loop_count(loop))
    report.check(f"{where} name", arm_value(resource["name"]), site.value(body["name"]))
    if "condition" in resource:
        report.check(f"{where} condition", arm_value(resource["condition"]),
                     None if condition is None else site.value(condition))
    else:
        report.check(f"{where} condition", None, condition)


def _compare_outputs(template: dict, parsed: dict, scope: BicepScope, report: Report, path: str) -> None:
    arm_outputs = template.get("outputs") or {}
    bicep = parsed.get("outputs", {})
    report.check(f"{path} outputs", list(arm_outputs), list(bicep))
    for name, spec in arm_outputs.items():
        if name not in bicep:
            continue
        report.counts["outputs"] += 1
        got = bicep[name]
        arm_type = spec["type"].lower()
        report.check(f"{path} output {name} type", _TYPES.get(arm_type, arm_type), got["type"])
        if "copy" in spec:
            loop = got["value"]["loop_type"]
            report.check(f"{path} output {name} count", arm_value(spec["copy"]["count"]), scope.loop_count(loop))
            report.check(f"{path} output {name} value", arm_value(spec["copy"]["input"]),
                         scope.inside(loop).value(got["value"]["config"]))
        else:
            report.check(f"{path} output {name} value", arm_value(spec["value"]), scope.value(got["value"]))
