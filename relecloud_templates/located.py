"""Data with positions: the JSON and YAML loaders build these, so every finding can point at its source.

Containers are ``dict`` and ``list`` subclasses, so the rest of the code (and ``json.dumps``) treats them as
plain data. Positions live on the containers: where the container starts, where each key is written, and
where each value (or item) starts. Scalars are plain Python values; ask their parent for their position.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Any, NamedTuple


class Pos(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


NOWHERE = Pos(0, 0)


class LocatedDict(dict):
    __slots__ = ("duplicate_keys", "key_pos", "pos", "value_pos")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pos = NOWHERE
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}
        # (key, position of the repeated key): JSON and YAML both let a later key win silently.
        self.duplicate_keys: list[tuple[str, Pos]] = []


class LocatedList(list):
    __slots__ = ("item_pos", "pos")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.pos = NOWHERE
        self.item_pos: list[Pos] = []


def pos_of(node: Any) -> Pos:
    """Where a container starts (NOWHERE for scalars and plain containers)."""
    return getattr(node, "pos", NOWHERE)


def key_pos(container: Any, key: str) -> Pos:
    """Where ``key`` is written in a mapping, falling back to the mapping itself."""
    if isinstance(container, LocatedDict):
        return container.key_pos.get(key, container.pos)
    return pos_of(container)


def value_pos(container: Any, key: str | int) -> Pos:
    """Where the value under ``key`` (or list index) starts, falling back to the container."""
    if isinstance(container, LocatedDict) and isinstance(key, str):
        return container.value_pos.get(key, container.pos)
    if isinstance(container, LocatedList) and isinstance(key, int) and 0 <= key < len(container.item_pos):
        return container.item_pos[key]
    return pos_of(container)


def value_at(root: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path`` below ``root``, or None when the path is not written."""
    node = root
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def pos_at_path(root: Any, path: tuple[str | int, ...]) -> Pos:
    """The position of the value at ``path`` below ``root``, or of its deepest ancestor that has one."""
    node, best = root, pos_of(root)
    for step in path:
        here = value_pos(node, step)
        if here != NOWHERE:
            best = here
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return best


class LineIndex:
    """Turns character offsets into 1-based (line, column) positions."""

    __slots__ = ("_starts",)

    def __init__(self, text: str):
        # each line starts one past the end of the line before it (summed in C: templates have 10,000s of lines)
        lines = text.split("\n")
        self._starts = list(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))

    def pos(self, offset: int) -> Pos:
        line = bisect_right(self._starts, offset)
        return Pos(line, offset - self._starts[line - 1] + 1)
