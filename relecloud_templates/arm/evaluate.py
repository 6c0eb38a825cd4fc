"""Evaluate template values where they are known, so that rules judge what would be deployed.

An ``Evaluator`` belongs to one expression scope (a root template or an inner-scope nested template) and knows
its parameter values (supplied by a parameters file or by the outer deployment, else the declared defaults),
its variables and its user-defined functions. ``evaluate(value)`` walks plain JSON values: strings that are
expressions are parsed and computed; objects and arrays are evaluated member by member (with property
``copy`` loops expanded); everything that cannot be known becomes UNKNOWN. Evaluation never raises on odd
templates: bad types, unknown names, cycles and runaway recursion all end in UNKNOWN.

Evaluation is bounded, so that validating a hostile template stays linear in its size: a value larger than
``MAX_WEIGHT`` (characters plus containers, ARM's own 4 MB template limit) is UNKNOWN rather than built, and all
the evaluators of one template file share a ``BUDGET`` of work (each expression node evaluated costs one unit,
each 16 characters a function reads or writes another). Real templates use a small fraction of it (the largest
of Microsoft's, 800 KB, needs 16,000 units); a template that would need more is judged as far as the budget went,
the rest is UNKNOWN, and rules stay silent on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.functions import call_pure, is_runtime_only
from relecloud_templates.arm.values import MISSING, UNKNOWN, get_ci
from relecloud_templates.arm.vocabulary import is_secure_declaration

if TYPE_CHECKING:
    from relecloud_templates.arm.template import Template

# Functions that only place their arguments in a container: an unknown argument leaves the rest known.
_CONTAINER_BUILDERS = frozenset({"createarray", "createobject", "array"})
# Copy loops beyond ARM's limit are not expanded (ARM rejects them anyway).
MAX_COPY = 800
# The largest value evaluation builds, in characters plus containers: ARM refuses templates over 4 MB.
MAX_WEIGHT = 4 * 1024 * 1024
# Units of work one template file may spend: an expression node, or 16 characters a function reads or writes.
BUDGET = 2_000_000
_CHARS_PER_UNIT = 16
_PARSED: dict[str, Any] = {}


def parse_cached(text: str) -> Any:
    """The syntax tree of an expression string, or the ExpressionSyntaxError it raises (cached by text)."""
    found = _PARSED.get(text)
    if found is None:
        try:
            found = ex.parse(text)
        except ex.ExpressionSyntaxError as exc:
            found = exc
        except RecursionError:
            found = ex.ExpressionSyntaxError("expression nested too deeply", 0)
        _PARSED[text] = found
    return found


def taken_branches(tree: Any, evaluator: Evaluator) -> Any:
    """``tree`` with every ``if(c, a, b)`` whose condition is known replaced by the branch ARM takes, so that
    rules judge what is evaluated at deployment and not the branch that never is. Nodes keep their offsets.
    The tree itself when it holds no such ``if``."""
    if not _has_if(tree):
        return tree

    def visit(node: Any) -> Any:
        if isinstance(node, ex.Call):
            if node.namespace is None and node.lower_name == "if" and len(node.args) == 3:
                condition = evaluator.evaluate_node(node.args[0])
                if condition is True:
                    return visit(node.args[1])
                if condition is False:
                    return visit(node.args[2])
            args = tuple(visit(arg) for arg in node.args)
            return node if all(a is b for a, b in zip(args, node.args)) else replace(node, args=args)
        if isinstance(node, ex.Property):
            target = visit(node.target)
            return node if target is node.target else replace(node, target=target)
        if isinstance(node, ex.Index):
            target, index = visit(node.target), visit(node.index)
            return node if target is node.target and index is node.index else replace(node, target=target, index=index)
        return node

    return visit(tree)


def _has_if(tree: Any) -> bool:
    """Whether a syntax tree calls if() anywhere: asked for every expression, answered from the index of its calls
    that the (cached, shared) tree keeps for every rule."""
    return "if" in ex.call_names(tree)


class _Env:
    """Per-evaluation bindings: copy loop indexes and the arguments of a user-defined function."""

    __slots__ = ("args", "loops")

    def __init__(self, loops: Mapping[str, int] | None = None, args: Mapping[str, Any] | None = None):
        self.loops = loops or {}
        self.args = args


class _Budget:
    """The work left for one template file, and the weights of the containers evaluation built (by id; the
    entry keeps the container alive, so that an id is never reused for another while it is cached)."""

    __slots__ = ("left", "weights")

    def __init__(self) -> None:
        self.left = BUDGET
        self.weights: dict[int, tuple[Any, int]] = {}

    def weight(self, value: Any, depth: int = 0) -> int:
        """Characters plus containers of a value, counting shared parts each time they occur (as ARM would
        write them out); stops counting once past MAX_WEIGHT."""
        if isinstance(value, str):
            return len(value) + 1
        if not isinstance(value, (dict, list)):
            return 1
        found = self.weights.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        if depth > 256:  # deeper than anything evaluation builds from a template within the limits
            return MAX_WEIGHT + 1
        total = 1
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            total += self.weight(item, depth + 1) + (len(key) if isinstance(key, str) else 0)
            if total > MAX_WEIGHT:
                break
        self.weights[id(value)] = (value, total)
        return total

    def spend(self, units: int) -> bool:
        """Take ``units`` of work; False when the budget is spent."""
        self.left -= units
        return self.left >= 0


class LazyValues(Mapping[str, Any]):
    """Values by lower-case name, each computed by ``compute(raw)`` from its raw entry when first read."""

    __slots__ = ("_compute", "_raw", "_values")

    def __init__(self, raw: dict[str, Any], compute: Callable[[Any], Any]):
        self._raw = raw
        self._compute = compute
        self._values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        values = self._values
        if key not in values:
            values[key] = self._compute(self._raw[key])  # KeyError for a name it does not have
        return values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class Evaluator:
    def __init__(self, template: Template,
                 supplied: Callable[[], Mapping[str, Any]] | Mapping[str, Any] | None = None,
                 context: Mapping[str, Any] | None = None):
        self.template = template
        # Every evaluator of one template file draws on the budget of its root template.
        parent = getattr(template, "parent", None)
        parent_evaluator = getattr(parent, "evaluator", None) if parent is not None else None
        self._budget: _Budget = parent_evaluator._budget if parent_evaluator is not None else _Budget()
        # What the argument-less deployment functions return, by lower-case name (``subscription``,
        # ``resourcegroup``, ``environment``...), where the caller knows the deployment (a rendered estate it
        # checks); empty for a template linted alone, where they are UNKNOWN.
        self.context: dict[str, Any] = dict(context or {})
        self._supplied_source = supplied
        self._supplied: Mapping[str, Any] | None = None
        self._params: dict[str, Any] = {}
        self._vars: dict[str, Any] = {}
        self._busy: set[tuple[str, str]] = set()

    # -- public API ------------------------------------------------------------------------------------

    def evaluate(self, value: Any, loops: Mapping[str, int] | None = None) -> Any:
        """The value ``value`` (raw template JSON) stands for, with UNKNOWN where it cannot be known."""
        try:
            return self._value(value, _Env(loops))
        except RecursionError:
            return UNKNOWN

    def evaluate_node(self, node: Any, loops: Mapping[str, int] | None = None) -> Any:
        """The value of an already parsed expression (a node of ``arm.expressions``)."""
        try:
            return self._node(node, _Env(loops))
        except RecursionError:
            return UNKNOWN

    def parameter(self, name: str) -> Any:
        """The value of parameter ``name``: supplied, else its default; UNKNOWN when neither is known. The value of
        a secure parameter is never known (unless empty): it is a secret, and nothing evaluated from it may show
        up in a finding, a name or a message."""
        key = name.lower()
        if key in self._params:
            return self._params[key]
        supplied = self.supplied()
        decl = self.template.parameter(name)
        if key in supplied:
            result = supplied[key]
        else:
            if not isinstance(decl, dict) or "defaultValue" not in decl:
                result = UNKNOWN
            elif ("param", key) in self._busy:
                return UNKNOWN
            else:
                self._busy.add(("param", key))
                try:
                    result = self.evaluate(decl["defaultValue"])
                finally:
                    self._busy.discard(("param", key))
        if is_secure_declaration(decl) and result not in ("", {}, None):
            result = UNKNOWN
        self._params[key] = result
        return result

    def variable(self, name: str) -> Any:
        key = name.lower()
        if key in self._vars:
            return self._vars[key]
        if ("var", key) in self._busy:
            return UNKNOWN  # a cycle: ARM rejects it, and the references rule reports it
        self._busy.add(("var", key))
        try:
            result = self._compute_variable(name)
        finally:
            self._busy.discard(("var", key))
        self._vars[key] = result
        return result

    def supplied(self) -> Mapping[str, Any]:
        """Parameter values given from outside (lower-case names); values are final, never re-evaluated."""
        if self._supplied is None:
            source = self._supplied_source
            raw = source() if callable(source) else (source or {})
            self._supplied = raw if isinstance(raw, LazyValues) else {k.lower(): v for k, v in raw.items()
                                                                      if isinstance(k, str)}
        return self._supplied

    # -- internals -----------------------------------------------------------------------------------

    def _compute_variable(self, name: str) -> Any:
        variables = self.template.variables
        raw = get_ci(variables, name)
        if raw is not MISSING:
            return self.evaluate(raw)
        # variables built by a `copy` loop in the variables section
        loops = variables.get("copy")
        if isinstance(loops, list):
            for loop in loops:
                if isinstance(loop, dict) and isinstance(loop.get("name"), str) \
                        and loop["name"].lower() == name.lower():
                    return self._expand_copy(loop, _Env())
        return UNKNOWN

    def _value(self, value: Any, env: _Env) -> Any:
        budget = self._budget
        budget.left -= 1  # spend(1), written out
        if budget.left < 0:
            return UNKNOWN
        if isinstance(value, str):
            if ex.is_expression(value):
                node = parse_cached(value)
                if isinstance(node, ex.ExpressionSyntaxError):
                    return UNKNOWN
                return self._node(node, env)
            return ex.literal_value(value)
        if isinstance(value, dict):
            result = {}
            for k, v in value.items():
                if k == "copy" and isinstance(v, list) and v and all(isinstance(x, dict) and "input" in x for x in v):
                    for loop in v:
                        loop_name = loop.get("name")
                        if isinstance(loop_name, str):
                            result[loop_name] = self._expand_copy(loop, env)
                    continue
                result[k] = self._value(v, env)
            return result
        if isinstance(value, list):
            return [self._value(v, env) for v in value]
        return value

    def _expand_copy(self, loop: dict[str, Any], env: _Env) -> Any:
        count = self._value(loop.get("count", MISSING), env)
        name = loop.get("name")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COPY \
                or not isinstance(name, str):
            return UNKNOWN
        items = []
        for i in range(count):
            loops = dict(env.loops)
            loops[name.lower()] = i
            loops[""] = i
            items.append(self._value(loop.get("input"), _Env(loops, env.args)))
        return items if self._budget.weight(items) <= MAX_WEIGHT else UNKNOWN

    def _node(self, node: Any, env: _Env) -> Any:
        budget = self._budget
        budget.left -= 1  # spend(1), written out: every node of every expression evaluated pays it
        if budget.left < 0:
            return UNKNOWN
        kind = node.__class__
        if kind is ex.Call:  # the most common node first
            return self._call(node, env)
        if kind is ex.StringLit or isinstance(node, (ex.StringLit, ex.NumberLit, ex.BoolLit)):
            return node.value
        if isinstance(node, ex.NullLit):
            return None
        if isinstance(node, ex.Property):
            target = self._node(node.target, env)
            if isinstance(target, dict):
                found = get_ci(target, node.name)
                return UNKNOWN if found is MISSING else found
            return UNKNOWN
        if isinstance(node, ex.Index):
            target = self._node(node.target, env)
            index = self._node(node.index, env)
            if isinstance(target, list) and isinstance(index, int) and not isinstance(index, bool):
                return target[index] if 0 <= index < len(target) else UNKNOWN
            if isinstance(target, dict) and isinstance(index, str):
                found = get_ci(target, index)
                return UNKNOWN if found is MISSING else found
            return UNKNOWN
        if isinstance(node, ex.Call):
            return self._call(node, env)
        return UNKNOWN

    def _call(self, node: ex.Call, env: _Env) -> Any:
        if node.namespace is not None:
            return self._user_function(node, env)
        name = node.lower_name
        special = _SPECIAL.get(name)
        if special is not None:
            return special(self, node, env)
        if is_runtime_only(name):
            return self.context.get(name, UNKNOWN) if not node.args else UNKNOWN
        args = [self._node(a, env) for a in node.args]
        if name not in _CONTAINER_BUILDERS and any(a is UNKNOWN for a in args):
            return UNKNOWN
        return self._bounded_call(name, args)

    def _bounded_call(self, name: str, args: list[Any]) -> Any:
        """``call_pure`` within the limits: the work of reading the arguments is paid for first, a result that
        would outgrow MAX_WEIGHT is UNKNOWN (before it is built, for the functions that can grow it fast)."""
        budget = self._budget
        read = 0
        for arg in args:  # budget.weight(arg), a string's written out: most arguments are strings
            read += len(arg) + 1 if arg.__class__ is str else budget.weight(arg)
        if read > 2 * MAX_WEIGHT or not budget.spend(read // _CHARS_PER_UNIT) or \
                (name in _GROWING and _grows_too_much(name, args, budget)):
            return UNKNOWN
        result = call_pure(name, args)
        written = len(result) + 1 if result.__class__ is str else budget.weight(result)
        if written > MAX_WEIGHT or not budget.spend(written // _CHARS_PER_UNIT):
            return UNKNOWN
        return result

    def _user_function(self, node: ex.Call, env: _Env) -> Any:
        member = self.template.function(node.qualified_name)
        if member is None:
            return UNKNOWN
        parameters = member.get("parameters")
        declared: list[Any] = parameters if isinstance(parameters, list) else []
        if len(declared) != len(node.args):
            return UNKNOWN
        output = member.get("output")
        if not isinstance(output, dict) or "value" not in output:
            return UNKNOWN
        args = {}
        for decl, arg in zip(declared, node.args):
            if not isinstance(decl, dict) or not isinstance(decl.get("name"), str):
                return UNKNOWN
            args[decl["name"].lower()] = self._node(arg, env)
        # A function body sees only its own parameters: no template parameters, variables or loops.
        return self._value(output["value"], _Env(None, args))

    def _string_arg(self, node: ex.Call, env: _Env, i: int = 0) -> Any:
        if len(node.args) <= i:
            return UNKNOWN
        value = self._node(node.args[i], env)
        return value if isinstance(value, str) else UNKNOWN


_GROWING = frozenset({"padleft", "replace", "format"})  # the functions _grows_too_much judges


def _grows_too_much(name: str, args: list[Any], budget: _Budget) -> bool:
    """Whether a function whose result can be far larger than its arguments would outgrow MAX_WEIGHT: padding to
    a width, replacing a short string by a long one everywhere, a format string repeating its placeholders."""
    if name == "padleft" and len(args) >= 2:
        return isinstance(args[1], int) and args[1] > MAX_WEIGHT
    if name == "replace" and len(args) == 3 and all(isinstance(a, str) for a in args):
        text, old, new = args
        return bool(old) and len(new) > len(old) and len(text) + text.count(old) * (len(new) - len(old)) > MAX_WEIGHT
    if name == "format" and args and isinstance(args[0], str):
        largest = max((budget.weight(a) for a in args[1:]), default=0)
        return len(args[0]) + args[0].count("{") * largest > MAX_WEIGHT
    return False


def _parameters(ev: Evaluator, node: ex.Call, env: _Env) -> Any:
    name = ev._string_arg(node, env)
    if name is UNKNOWN:
        return UNKNOWN
    if env.args is not None:
        return env.args.get(name.lower(), UNKNOWN)
    return ev.parameter(name)


def _variables(ev: Evaluator, node: ex.Call, env: _Env) -> Any:
    name = ev._string_arg(node, env)
    if name is UNKNOWN or env.args is not None:
        return UNKNOWN
    return ev.variable(name)


def _copy_index(ev: Evaluator, node: ex.Call, env: _Env) -> Any:
    args = [ev._node(a, env) for a in node.args]
    loop, offset = "", 0
    for a in args:
        if isinstance(a, str):
            loop = a.lower()
        elif isinstance(a, int) and not isinstance(a, bool):
            offset = a
        else:
            return UNKNOWN
    index = env.loops.get(loop)
    return UNKNOWN if index is None else index + offset


def _if(ev: Evaluator, node: ex.Call, env: _Env) -> Any:
    if len(node.args) != 3:
        return UNKNOWN
    condition = ev._node(node.args[0], env)
    if condition is True:
        return ev._node(node.args[1], env)
    if condition is False:
        return ev._node(node.args[2], env)
    return UNKNOWN


def _short_circuit(decisive: bool) -> Callable[[Evaluator, ex.Call, _Env], Any]:
    """and() (decisive False) / or() (decisive True): one decisive argument settles it, even beside
    unknown ones."""

    def logical(ev: Evaluator, node: ex.Call, env: _Env) -> Any:
        result: Any = not decisive
        for arg in node.args:
            value = ev._node(arg, env)
            if value is decisive:
                return decisive
            if value is not (not decisive):
                result = UNKNOWN
        return result

    return logical


def _coalesce(ev: Evaluator, node: ex.Call, env: _Env) -> Any:
    for arg in node.args:
        value = ev._node(arg, env)
        if value is UNKNOWN:
            return UNKNOWN
        if value is not None:
            return value
    return None


_SPECIAL: dict[str, Callable[[Evaluator, ex.Call, _Env], Any]] = {
    "parameters": _parameters,
    "variables": _variables,
    "copyindex": _copy_index,
    "if": _if,
    "and": _short_circuit(False),
    "or": _short_circuit(True),
    "coalesce": _coalesce,
}
