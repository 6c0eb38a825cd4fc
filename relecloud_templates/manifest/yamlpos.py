"""Safe YAML loading that keeps the position of every node.

PyYAML's SafeLoader composes the node graph (no object construction, no tags beyond the safe ones); we turn
mappings and sequences into LocatedDict / LocatedList and let SafeLoader construct the scalars. Aliases and
merge keys (``<<``) are expanded here, within limits (``MAX_VALUES``, ``MAX_DEPTH``; libyaml itself refuses
nesting deeper than 1,000 levels): an alias bomb or a cycle ends in a located M008 error in well under a
second, never in minutes and gigabytes.
"""

from __future__ import annotations

from typing import Any

import yaml

from relecloud_templates.diagnostics import Diagnostic, DiagnosticsError
from relecloud_templates.located import LocatedDict, LocatedList, Pos
from relecloud_templates.manifest.problems import problem

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # the C loader is several times faster; fall back where libyaml is absent
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap")
_MERGE_TAG = "tag:yaml.org,2002:merge"

# Limits on what one YAML document may expand to (docs/limits.md). Aliases let a few hundred bytes stand for
# billions of values (a "billion laughs"), so every value built counts, each repetition of an alias again. The
# bundled estate is about 700 values and 10 levels deep; a manifest of 500 landing zones stays far below.
MAX_VALUES = 200_000
MAX_DEPTH = 64


class _Limit(Exception):
    def __init__(self, node: yaml.Node, message: str, hint: str):
        self.node, self.message, self.hint = node, message, hint


class _Builder:
    """Turns composed nodes into located data, counting every value built and refusing cycles."""

    def __init__(self, loader, path: str, problems: list[Diagnostic]):
        self.loader, self.path, self.problems = loader, path, problems
        self.values = 0
        self.open: set[int] = set()  # collections being built: an alias to one of them is a cycle

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Limit(node, f"the document expands to more than {MAX_VALUES:,} values",
                         "an alias (*name) repeats everything its anchor holds; aliases of aliases multiply")
        if depth > MAX_DEPTH:
            raise _Limit(node, f"values nested more than {MAX_DEPTH} levels deep",
                         "a manifest is a handful of levels deep; check for aliases that nest into each other")
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            try:
                return self.loader.construct_object(node, deep=True)
            except ValueError as exc:  # e.g. an integer of more than 4,300 digits, a date that does not exist
                raise _Limit(node, f"cannot read this value: {exc}", "quote it to keep it as text") from None
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            # Safe loading: a tag that would construct an object is refused, not silently dropped.
            raise yaml.constructor.ConstructorError(None, None, f"tag {node.tag!r} is not allowed", node.start_mark)
        if id(node) in self.open:
            raise _Limit(node, "an alias refers to a value that contains it: it would expand forever",
                         "an anchor (&name) cannot be used (*name) inside its own value")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, depth)
            result = LocatedList()
            result.pos = _pos(node)
            for item in node.value:
                result.item_pos.append(_pos(item))
                result.append(self.build(item, depth + 1))
            return result
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, depth: int) -> LocatedDict:
        result = LocatedDict()
        result.pos = _pos(node)
        merged: list[LocatedDict] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<: *base` or `<<: [*a, *b]`: keys not written here come from them
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    built = self.build(source, depth + 1)
                    if not isinstance(built, LocatedDict):
                        raise _Limit(source, "a merge key (<<) takes a mapping or a list of mappings",
                                     "write `<<: *anchor` where the anchor is a mapping")
                    merged.append(built)
                continue
            key = self.build(key_node, depth + 1)
            if not isinstance(key, str):
                key = str(key)
            kpos = _pos(key_node)
            if key in result:
                result.duplicate_keys.append((key, kpos))
                first = result.key_pos[key]
                self.problems.append(
                    problem(
                        "duplicate-key",
                        f"duplicate key {key!r}; the first is on line {first.line}",
                        self.path,
                        kpos,
                        hint="remove one of them: YAML would silently keep the last",
                    )
                )
            result[key] = self.build(value_node, depth + 1)
            result.key_pos[key] = kpos
            result.value_pos[key] = _pos(value_node)
        for source in merged:  # the first mapping listed wins, and keys written here win over all of them
            for key, value in source.items():
                if key not in result:
                    result[key] = value
                    result.key_pos[key] = source.key_pos.get(key, source.pos)
                    result.value_pos[key] = source.value_pos.get(key, source.pos)
        return result


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; syntax and duplicate-key problems raise DiagnosticsError, all at once."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DiagnosticsError([problem("yaml-syntax", "the manifest is empty", path, Pos(1, 1))])
        problems: list[Diagnostic] = []
        data = _Builder(loader, path, problems).build(node)
    except _Limit as exc:
        raise DiagnosticsError([problem("yaml-limit", exc.message, path, _pos(exc.node), exc.hint)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        if isinstance(exc, yaml.constructor.ConstructorError):
            hint = "a manifest holds plain data: remove the `!!` tag"
        else:
            hint = "check indentation, quoting and that every `key: value` has a space after the colon"
        raise DiagnosticsError([problem("yaml-syntax", message, path, Pos(line, column), hint)]) from None
    except yaml.YAMLError as exc:
        raise DiagnosticsError([problem("yaml-syntax", str(exc), path, Pos(1, 1))]) from None
    finally:
        loader.dispose()
    if problems:
        raise DiagnosticsError(problems)
    return data
