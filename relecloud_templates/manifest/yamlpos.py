"""Safe YAML loading that keeps the position of every node.

PyYAML's SafeLoader composes the node graph (no object construction, no tags beyond the safe ones); we turn
mappings and sequences into LocatedDict / LocatedList and let SafeLoader construct the scalars.
"""

from __future__ import annotations

from typing import Any

import yaml

from relecloud_templates.diagnostics import Diagnostic, DiagnosticsError
from relecloud_templates.manifest.problems import problem
from relecloud_templates.located import LocatedDict, LocatedList, Pos

try:  # the C loader is several times faster; fall back where libyaml is absent
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap")


def _build(node: yaml.Node, loader: yaml.SafeLoader, path: str, problems: list[Diagnostic]) -> Any:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_COLLECTION_TAGS:
        # Safe loading: a tag that would construct an object is refused, not silently dropped.
        raise yaml.constructor.ConstructorError(None, None, f"tag {node.tag!r} is not allowed", node.start_mark)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<` merge keys
        result = LocatedDict()
        result.pos = _pos(node)
        for key_node, value_node in node.value:
            key = _build(key_node, loader, path, problems)
            if not isinstance(key, str):
                key = str(key)
            kpos = _pos(key_node)
            if key in result:
                result.duplicate_keys.append((key, kpos))
                first = result.key_pos[key]
                problems.append(
                    problem(
                        "duplicate-key",
                        f"duplicate key {key!r}; the first is on line {first.line}",
                        path,
                        kpos,
                        hint="remove one of them: YAML would silently keep the last",
                    )
                )
            result[key] = _build(value_node, loader, path, problems)
            result.key_pos[key] = kpos
            result.value_pos[key] = _pos(value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LocatedList()
        result.pos = _pos(node)
        for item in node.value:
            result.item_pos.append(_pos(item))
            result.append(_build(item, loader, path, problems))
        return result
    return loader.construct_object(node, deep=True)


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; syntax and duplicate-key problems raise DiagnosticsError, all at once."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DiagnosticsError([problem("yaml-syntax", "the manifest is empty", path, Pos(1, 1))])
        problems: list[Diagnostic] = []
        data = _build(node, loader, path, problems)
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
