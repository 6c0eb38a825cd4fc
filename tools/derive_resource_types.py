#!/usr/bin/env python3
"""Derive relecloud's resource type data from the Bicep compiler's type data (Azure/bicep-types-az).

Reads ``types.tar.gz`` (every ``generated/<group>/<namespace>/<apiVersion>/types.json`` of bicep-types-az, read
straight from the archive with ``tarfile``) and writes ``relecloud_templates/data/types/``:

- ``source.json``: the archive's SHA-256, the upstream commit and date, the format version, counts.
- ``namespaces.json``: lower-case namespace -> [canonical spelling, number of types].
- ``ns/<namespace>.txt``: one file per provider namespace, read only when a template uses the namespace, and
  then only the lines it needs: a JSON header, one line per type (``<lower-case type>`` TAB ``[canonical name,
  [[apiVersion, body node, readable scopes, writable scopes], ...] oldest first]``), then one JSON line per
  type node (a node's id is its position among them).

Usage (from the project root)::

    python tools/derive_resource_types.py [--archive ../shared/schemas/bicep-types-az/types.tar.gz]
        [--out relecloud_templates/data/types] [--namespace microsoft.storage ...] [--check]

Nodes are deduplicated by content across every file and API version of a namespace: two type nodes are one
when they are structurally equal, cycles included (the coarsest partition that respects each node's own data
and its children, found by refinement until it is stable). Most API versions of a type repeat most of the
previous one, so a namespace ships each distinct shape once: 351 MB of source become a few MB.

The node language (docs/arm-schemas.md; ``arm/typeschemas.py`` reads it). Every node is an object with ``k``:

- ``s`` string: ``min``/``max`` length, ``re`` pattern, ``sec`` 1 when sensitive (a secret).
- ``i`` integer: ``min``/``max``.  ``b`` boolean.  ``n`` any value.
- ``u`` a choice: ``v`` the allowed string literals, ``of`` the other alternatives (node ids). A choice is an
  enum when it has only literals; it is open when one alternative is a plain string (the service accepts others).
- ``a`` array: ``i`` item node, ``min``/``max`` items.
- ``o`` object: ``p`` properties by name -> [node, flags], ``x`` the node of further properties (absent: no
  others allowed), ``sec`` 1 when sensitive. Flags are Bicep's: 1 required, 2 read-only, 4 write-only,
  8 deploy-time constant, 16 identifier.
- ``d`` discriminated object: ``by`` the discriminator property, ``p`` the shared properties, ``v`` discriminator
  value -> object node.

Resource bodies lose ``type`` and ``apiVersion``: the template engine owns those keys and the type index checks
them. Descriptions and type names are dropped (they only defeat deduplication). ``CORRECTIONS`` clears flags
where the specifications are wrong about the service, each with its reason.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tarfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))  # run from a checkout without installing the package

from relecloud_templates.arm.typeschemas import version_sort_key  # noqa: E402  (the loader's own order)
from relecloud_templates.fsutil import write_atomic  # noqa: E402

DEFAULT_ARCHIVE = PROJECT_ROOT.parent / "shared" / "schemas" / "bicep-types-az" / "types.tar.gz"
DEFAULT_OUT = PROJECT_ROOT / "relecloud_templates" / "data" / "types"
FORMAT_VERSION = 1

# Keys of a resource body that the template engine owns (and the type index checks).
ENGINE_OWNED = frozenset({"type", "apiVersion"})

# Where the REST specifications, and so the type data, say something the service does not do, checked against
# templates Microsoft deploys. (namespace, object type name, property) -> the flags to clear, and why.
CORRECTIONS: dict[tuple[str, str, str], tuple[int, str]] = {
    ("microsoft.machinelearningservices", "EncryptionProperty", "keyVaultProperties"): (
        1, "required only when status is Enabled; the reference data product templates deploy "
           "encryption {status: Disabled} without it"),
}
# README beside the archive: "... at commit 1f896de2d (2026-08-20) ..."
_PROVENANCE = re.compile(r"commit\s+([0-9a-f]{7,40})\s+\((\d{4}-\d{2}-\d{2})\)")
_REF = re.compile(r"^#/(\d+)$")


class SourceError(Exception):
    """The archive cannot be read or holds something this generator does not understand."""


# ---------------------------------------------------------------------------------------------------------
# Reading the archive


def read_archive(archive: Path, wanted: set[str] | None = None) -> dict[str, Graph]:
    """namespace (lower case) -> the graph of its files, added in member-name order. ``wanted`` limits the
    namespaces parsed (the archive is still read through: gzip has no index). Each file is reduced to its
    graph as soon as it is parsed, so memory holds labels, not the 351 MB of source."""
    members: dict[str, list[tuple[str, tuple[list, list, list]]]] = defaultdict(list)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                parts = member.name.split("/")
                if not member.isfile() or len(parts) != 5 or parts[0] != "generated" or parts[4] != "types.json":
                    continue
                namespace = parts[2].lower()
                if wanted is not None and namespace not in wanted:
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                nodes = json.loads(handle.read())
                if not isinstance(nodes, list):
                    raise SourceError(f"{member.name}: expected a JSON array of type nodes")
                members[namespace].append((member.name, Graph.reduce(member.name, nodes)))
    except (OSError, tarfile.TarError, ValueError) as exc:
        raise SourceError(f"cannot read {archive}: {exc}") from exc
    graphs: dict[str, Graph] = {}
    for namespace, reduced in members.items():
        graph = graphs[namespace] = Graph()
        for name, part in sorted(reduced, key=lambda item: item[0]):
            graph.add(name, part)
    return graphs


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def provenance(archive: Path) -> tuple[str, str]:
    """(upstream commit, date) from the README beside the archive, or ("", "") when it says nothing."""
    readme = archive.parent / "README.md"
    try:
        match = _PROVENANCE.search(readme.read_text(encoding="utf-8"))
    except OSError:
        return "", ""
    return (match.group(1), match.group(2)) if match else ("", "")


# ---------------------------------------------------------------------------------------------------------
# One namespace: a graph of labelled nodes, minimised, then written in the node language


def _ref(value: Any, base: int, where: str) -> int:
    match = _REF.match(value.get("$ref", "")) if isinstance(value, dict) else None
    if match is None:
        raise SourceError(f"{where}: expected a local $ref, found {value!r}")
    return base + int(match.group(1))


def _props(properties: dict, base: int, where: str, drop: frozenset = frozenset(),
           corrections: dict[str, int] | None = None) -> tuple[tuple, list[int]]:
    names = sorted(p for p in properties if p not in drop)
    label = tuple((name, properties[name].get("flags", 0) & ~(corrections or {}).get(name, 0)) for name in names)
    return label, [_ref(properties[name]["type"], base, where) for name in names]


class Graph:
    """Every type node of a namespace's files: a label (its own data) and children (node indexes)."""

    def __init__(self) -> None:
        self.labels: list[tuple | None] = []
        self.children: list[list[int]] = []
        self.resources: list[tuple[str, str, int, int, int, str]] = []  # type, version, body, read, write, file

    @staticmethod
    def reduce(member: str, nodes: list) -> tuple[list, list, list]:
        """(labels, children, resources) of one file, indexes local to the file."""
        namespace = member.split("/")[2].lower()
        corrections = {(name, prop): mask for (ns, name, prop), (mask, _) in CORRECTIONS.items() if ns == namespace}
        bodies = {_ref(n["body"], 0, member) for n in nodes if isinstance(n, dict) and n.get("$type") == "ResourceType"}
        labels, children, resources = [], [], []
        for i, node in enumerate(nodes):
            if not isinstance(node, dict):
                raise SourceError(f"{member}#/{i}: expected a type node")
            try:
                label, refs = Graph._node(node, 0, f"{member}#/{i}", i in bodies, corrections)
                if node.get("$type") == "ResourceType":
                    type_name, _, version = str(node["name"]).partition("@")
                    resources.append((type_name, version, _ref(node["body"], 0, member),
                                      int(node.get("readableScopes", 0)), int(node.get("writableScopes", 0))))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise SourceError(f"{member}#/{i}: malformed type node ({exc!r})") from exc
            labels.append(label)
            children.append(refs)
        return labels, children, resources

    def add(self, member: str, reduced: tuple[list, list, list]) -> None:
        labels, children, resources = reduced
        base = len(self.labels)
        self.labels.extend(labels)
        self.children.extend([base + c for c in refs] for refs in children)
        self.resources.extend((t, v, base + body, r, w, member) for t, v, body, r, w in resources)

    @staticmethod
    def _node(node: dict, base: int, where: str, is_body: bool,
              corrections: dict[tuple[str, str], int]) -> tuple[tuple | None, list[int]]:
        kind = node.get("$type")
        if kind == "StringType":
            return ("s", node.get("minLength"), node.get("maxLength"), node.get("pattern"),
                    bool(node.get("sensitive"))), []
        if kind == "StringLiteralType":
            return ("l", node["value"]), []
        if kind == "IntegerType":
            return ("i", node.get("minValue"), node.get("maxValue")), []
        if kind == "BooleanType":
            return ("b",), []
        if kind == "AnyType":
            return ("n",), []
        if kind == "ArrayType":
            return ("a", node.get("minLength"), node.get("maxLength")), [_ref(node["itemType"], base, where)]
        if kind == "UnionType":
            return ("u", len(node["elements"])), [_ref(e, base, where) for e in node["elements"]]
        if kind == "ObjectType":
            fixes = {prop: mask for (name, prop), mask in corrections.items() if name == node.get("name")}
            label, children = _props(node.get("properties", {}), base, where,
                                     ENGINE_OWNED if is_body else frozenset(), fixes)
            extra = node.get("additionalProperties")
            if extra is not None:
                children.append(_ref(extra, base, where))
            return ("o", label, extra is not None, bool(node.get("sensitive"))), children
        if kind == "DiscriminatedObjectType":
            label, children = _props(node.get("baseProperties", {}), base, where,
                                     ENGINE_OWNED if is_body else frozenset())
            values = sorted(node.get("elements", {}))
            children += [_ref(node["elements"][v], base, where) for v in values]
            return ("d", node["discriminator"], label, tuple(values)), children
        if kind in ("ResourceType", "ResourceFunctionType"):
            return None, []  # not a value's type; resources are recorded apart, functions are not used
        raise SourceError(f"{where}: unknown type node {kind!r}")

    def classes(self) -> list[int]:
        """The class of every node under the coarsest partition that respects labels and children (structural
        equality with cycles): refine until the number of classes stops growing."""
        interned: dict[Any, int] = {}
        current = [interned.setdefault(label, len(interned)) for label in self.labels]
        count = len(interned)
        while True:
            interned = {}
            refined = [interned.setdefault((current[i], tuple(current[c] for c in children)), len(interned))
                       for i, children in enumerate(self.children)]
            if len(interned) == count:
                return refined
            current, count = refined, len(interned)


def node_json(label: tuple, children: list[int]) -> dict:
    """The node language (module docstring) for one node whose children are already output ids."""
    kind = label[0]
    if kind == "s":
        _, low, high, pattern, sensitive = label
        return _compact({"k": "s", "min": low, "max": high, "re": pattern, "sec": 1 if sensitive else None})
    if kind == "i":
        return _compact({"k": "i", "min": label[1], "max": label[2]})
    if kind in ("b", "n"):
        return {"k": kind}
    if kind == "a":
        return _compact({"k": "a", "i": children[0], "min": label[1], "max": label[2]})
    if kind == "o":
        _, props, has_extra, sensitive = label
        node: dict[str, Any] = {"k": "o", "p": {name: [child, flags] for (name, flags), child in zip(props, children)}}
        if has_extra:
            node["x"] = children[len(props)]
        if sensitive:
            node["sec"] = 1
        return node
    if kind == "d":
        _, by, props, values = label
        shared = {name: [child, flags] for (name, flags), child in zip(props, children)}
        return {"k": "d", "by": by, "p": shared, "v": dict(zip(values, children[len(props):]))}
    raise AssertionError(kind)


def _compact(node: dict) -> dict:
    return {k: v for k, v in node.items() if v is not None}


def _preference(entry: tuple) -> tuple:
    """Which of two spec folders publishing the same type@version wins: the one named like the namespace
    (``solutions`` for Microsoft.Solutions), else the one whose path sorts last."""
    type_name, member = entry[0], entry[5]
    short = type_name.split("/", 1)[0].split(".", 1)[-1].lower()
    return (member.split("/")[1] == short, member)


class Namespace:
    """The derived data of one namespace."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.duplicates: list[str] = []

    def build(self) -> dict:
        graph = self.graph
        classes = graph.classes()
        # One entry per type@version. A few are published by two spec folders; keep one body (the same one on
        # every run: the folder named like the namespace, else the last folder) and every scope either names.
        chosen: dict[tuple[str, str], tuple] = {}
        for entry in graph.resources:
            type_name, version, body, readable, writable, _member = entry
            key = (type_name.lower(), version.lower())
            if key not in chosen:
                chosen[key] = entry
                continue
            previous = chosen[key]
            if classes[previous[2]] != classes[body]:
                self.duplicates.append(f"{type_name}@{version}")
            winner = max(previous, entry, key=_preference)
            chosen[key] = (*winner[:3], previous[3] | readable, previous[4] | writable, winner[5])

        # Output ids: classes in first-visit order from the bodies, types and versions sorted.
        ordered = sorted(chosen.values(), key=lambda e: (e[0].lower(), version_sort_key(e[1])))
        ids: dict[int, int] = {}
        representative: list[int] = []
        for entry in ordered:
            stack = [entry[2]]
            while stack:
                index = stack.pop()
                cls = classes[index]
                if cls in ids:
                    continue
                ids[cls] = len(representative)
                representative.append(index)
                stack.extend(reversed(graph.children[index]))
        nodes = [self._emit(index, classes, ids) for index in representative]

        types: dict[str, list] = {}
        for type_name, version, body, readable, writable, _ in ordered:
            listed = types.setdefault(type_name.lower(), [type_name, []])
            listed[0] = type_name  # the newest version's spelling wins
            listed[1].append([version, ids[classes[body]], readable, writable])
        return {"types": types, "nodes": nodes}

    def _emit(self, index: int, classes: list[int], ids: dict[int, int]) -> dict:
        graph = self.graph
        label, children = graph.labels[index], graph.children[index]
        if label is None:
            raise SourceError("a resource or function node is used as a value type")
        if label[0] == "l":
            return {"k": "u", "v": [label[1]]}
        if label[0] == "u":
            literals: list[str] = []
            others: list[int] = []
            for child in children:
                self._flatten(child, literals, others, classes, ids)
            node: dict = {"k": "u", "v": literals}
            if others:
                node["of"] = sorted(set(others))
            return node
        return node_json(label, [ids[classes[c]] for c in children])

    def _flatten(self, index: int, literals: list[str], others: list[int], classes, ids) -> None:
        """A union's alternatives, nested unions flattened, literals apart from the rest."""
        label = self.graph.labels[index]
        if label is not None and label[0] == "l":
            if label[1] not in literals:
                literals.append(label[1])
        elif label is not None and label[0] == "u":
            for child in self.graph.children[index]:
                self._flatten(child, literals, others, classes, ids)
        else:
            others.append(ids[classes[index]])


# ---------------------------------------------------------------------------------------------------------
# Output


def namespace_text(canonical: str, data: dict) -> str:
    """A namespace file, read lazily by ``arm.typeschemas``: a JSON header line, one line per type
    (``<lower-case type>`` TAB ``<JSON entry>``), then one JSON line per node (node id = its line among them).
    Only the lines a template needs are ever parsed, and a regeneration shows in ``git diff`` line by line."""
    header = _dumps({"namespace": canonical, "types": len(data["types"]), "nodes": len(data["nodes"])})
    lines = [header]
    lines += [f"{lower}\t{_dumps(entry)}" for lower, entry in sorted(data["types"].items())]
    lines += [_dumps(node) for node in data["nodes"]]
    return "\n".join(lines) + "\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def derive(archive: Path, namespaces: Iterable[str] | None = None) -> tuple[dict[str, str], dict]:
    """(relative path -> text, summary) of everything derived from ``archive`` (all namespaces, or some)."""
    wanted = {n.lower() for n in namespaces} if namespaces is not None else None
    graphs = read_archive(archive, wanted)
    written: dict[str, str] = {}
    listing: dict[str, list] = {}
    totals: dict[str, Any] = {"types": 0, "typeVersions": 0, "nodes": 0, "duplicates": []}
    for namespace, graph in sorted(graphs.items()):
        derived = Namespace(graph)
        data = derived.build()
        if not data["types"]:
            continue
        canonical = _canonical_namespace(data["types"])
        written[f"ns/{namespace}.txt"] = namespace_text(canonical, data)
        listing[namespace] = [canonical, len(data["types"])]
        totals["types"] += len(data["types"])
        totals["typeVersions"] += sum(len(v[1]) for v in data["types"].values())
        totals["nodes"] += len(data["nodes"])
        totals["duplicates"] += derived.duplicates
    written["namespaces.json"] = _dumps(listing) + "\n"
    return written, totals


def _canonical_namespace(types: dict[str, list]) -> str:
    spellings = sorted(name.split("/", 1)[0] for name, _ in types.values())
    return max(set(spellings), key=lambda s: (spellings.count(s), s))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="bicep-types-az types.tar.gz")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the derived data goes")
    parser.add_argument("--namespace", action="append", metavar="NS",
                        help="derive only this namespace (repeatable); source.json and namespaces.json are left alone")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the shipped data differs from the derivation")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        digest = sha256_of(args.archive)
        written, totals = derive(args.archive, args.namespace)
    except (OSError, SourceError) as exc:
        print(f"derive_resource_types: {exc}", file=sys.stderr)
        return 2
    commit, date = provenance(args.archive)
    if args.namespace:
        written.pop("namespaces.json")
    else:
        written["source.json"] = _dumps({
            "formatVersion": FORMAT_VERSION,
            "archive": args.archive.name,
            "archiveSha256": digest,
            "upstream": "Azure/bicep-types-az",
            "commit": commit,
            "date": date,
            "namespaces": len(written) - 1,
            "types": totals["types"],
            "typeVersions": totals["typeVersions"],
            "nodes": totals["nodes"],
            "duplicateTypeVersions": sorted(totals["duplicates"]),
            "corrections": [f"{ns}: {name}.{prop}: {why}"
                            for (ns, name, prop), (_, why) in sorted(CORRECTIONS.items())],
        }) + "\n"
    out: Path = args.out
    if args.check:
        stale = [rel for rel, text in sorted(written.items())
                 if not (out / rel).is_file() or (out / rel).read_text(encoding="utf-8") != text]
        for rel in stale:
            print(f"derive_resource_types: {out / rel} differs from the derivation", file=sys.stderr)
        return 1 if stale else 0

    out.mkdir(parents=True, exist_ok=True)
    if not args.namespace:  # a full run replaces the folder's content (stale namespaces go)
        for old in sorted(p for p in out.rglob("*") if p.is_file()):
            if old.relative_to(out).as_posix() not in written:
                old.unlink()
    size = 0
    for relative, text in sorted(written.items()):
        data = text.encode("utf-8")
        size += len(data)
        path = out / relative
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
    print(f"derive_resource_types: {len(written)} files, {size / 1e6:.2f} MB, {totals['types']} types, "
          f"{totals['typeVersions']} type@versions, {totals['nodes']} nodes, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
