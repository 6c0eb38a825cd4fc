#!/usr/bin/env python3
"""Derive relecloud's deployment document schemas from the official ARM JSON schemas.

Reads a copy of Azure/azure-resource-manager-schemas laid out as in ``../shared/schemas/arm`` (README there):
``top/`` with the deployment document schemas and ``common/definitions.json``. Writes
``relecloud_templates/data/armschema/``:

- ``top/<document>.json``: the deployment documents (templates of each scope, parameter files) in the node
  language below, with their ``resources`` left open (resources are checked per type against the Bicep type
  data, ``tools/derive_resource_types.py``), and ``top/resourceEnvelope.json``: the keys the template engine
  reads on every resource (condition, dependsOn, copy...).
- ``source.json``: where the data came from and what it holds.

Usage (from the project root)::

    python tools/derive_arm_schemas.py [--source ../shared/schemas/arm] [--out relecloud_templates/data/armschema]

The node language (docs/arm-schemas.md explains why each simplification is sound):

- ``T``: list of JSON types allowed; absent means any. ``E``: allowed values (strings compared
  case-insensitively, as ARM does). ``P``: properties by name. ``R``: required names. ``X``: 1 when the object
  lists its properties and allows no others. ``A``: the schema of any further property. ``I``: array items.
  ``$``: a definition's name in the file's ``defs`` table (kept by reference, so cycles are cut).
  ``D``: a discriminated union: ``{"p": property, "v": {value: node}}``, each variant already merged with the
  properties the union shares. ``O``: alternatives the checker may judge only by JSON type.

Every value may also be an ARM expression; the schemas say so with a ``oneOf`` alternative that the node
language drops, because the checker never judges an expression.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))  # run from a checkout without installing the package

from relecloud_templates.arm.schemacheck import node_kinds  # noqa: E402  (the checker's own reading of a node)
from relecloud_templates.fsutil import write_atomic  # noqa: E402

DEFAULT_SOURCE = PROJECT_ROOT.parent / "shared" / "schemas" / "arm"
DEFAULT_OUT = PROJECT_ROOT / "relecloud_templates" / "data" / "armschema"
FORMAT_VERSION = 1

SCHEMA_HOST = "https://schema.management.azure.com/schemas/"
COMMON = "common/definitions.json"
# The deployment documents, and the $schema URLs ARM and tools write for them.
TOP_DOCUMENTS = {
    "deploymentTemplate": "2019-04-01/deploymentTemplate.json",
    "subscriptionDeploymentTemplate": "2018-05-01/subscriptionDeploymentTemplate.json",
    "managementGroupDeploymentTemplate": "2019-08-01/managementGroupDeploymentTemplate.json",
    "tenantDeploymentTemplate": "2019-08-01/tenantDeploymentTemplate.json",
    "deploymentParameters": "2019-04-01/deploymentParameters.json",
}

# The top-level schemas above predate template language version 2.0 (user-defined types, symbolic resource
# names, imports, extensions, typed and nullable parameters, function metadata), all of which ARM accepts
# today. Without these additions the derived data would call valid compiled Bicep wrong. Each entry: a
# definition ("" for the document) -> properties that accept any value. A parameter or output may name a
# user-defined type with "$ref" instead of "type", so "type" stops being required there.
TEMPLATE_LANGUAGE_ADDITIONS = {
    "": ("languageVersion", "definitions", "imports", "extensions", "asserts"),
    "parameter": ("nullable", "$ref", "items", "properties", "additionalProperties", "discriminator",
                  "prefixItems", "sealed", "minimum", "maximum"),
    "output": ("nullable", "$ref", "items", "properties", "additionalProperties", "discriminator",
               "prefixItems", "sealed", "metadata", "minLength", "maxLength", "minValue", "maxValue",
               "allowedValues"),
    "functionMember": ("metadata",),
    "functionParameter": ("$ref", "items", "properties", "additionalProperties", "nullable", "metadata",
                          "allowedValues", "minLength", "maxLength", "minValue", "maxValue"),
    "functionOutput": ("$ref", "items", "properties", "additionalProperties", "nullable", "metadata"),
}
TYPE_NOT_REQUIRED = ("parameter", "output")

# The part of every resource that the template engine reads itself (condition, dependsOn, copy, ...), from
# the deployment template schema's resource base, plus what template language 2.0 added to it.
ENVELOPE_SOURCE = ("2019-04-01/deploymentTemplate.json", "resourceBase")
ENVELOPE_PREFIX = "envelope."
ENVELOPE_ADDITIONS = ("existing", "metadata", "import", "extensionAlias", "identity", "sku", "kind", "plan",
                      "zones", "properties", "managedBy", "extendedLocation")


# A "type" listing all of these constrains nothing.
ANY_JSON = {"string", "integer", "boolean", "object", "array"}


class Expression:
    """The schemas' 'this may be an ARM expression' alternative; the node language drops it."""


EXPRESSION = Expression()


def _json_types(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


class Simplifier:
    """Turns one schema document's JSON Schema into nodes, keeping its definitions in a by-name table."""

    def __init__(self, documents: dict[str, dict], home: str):
        self.documents = documents  # relative path under schemas/ -> parsed document
        self.home = home
        self.defs: dict[str, Any] = {}  # a definition may simplify to EXPRESSION
        self._in_progress: set[str] = set()

    # -- references -----------------------------------------------------------------------------------

    def _split_ref(self, ref: str) -> tuple[str, str]:
        """(document, JSON pointer) of a $ref, resolved against this document."""
        target, _, pointer = ref.partition("#")
        if not target:
            return self.home, pointer
        if target.startswith(SCHEMA_HOST):
            return target[len(SCHEMA_HOST):], pointer
        raise ValueError(f"reference outside the schema host: {ref}")

    def _lookup(self, document: str, pointer: str):
        node = self.documents[document]
        for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _def_key(self, document: str, pointer: str) -> str:
        name = pointer.rsplit("/", 1)[-1]
        if document == self.home:
            return name
        return document.split("/")[-1].removesuffix(".json") + "." + name

    def reference(self, ref: str) -> dict | Expression:
        document, pointer = self._split_ref(ref)
        if document == COMMON and pointer.endswith("/expression"):
            return EXPRESSION
        key = self._def_key(document, pointer)
        if key not in self.defs and key not in self._in_progress:
            self._in_progress.add(key)
            saved_home, self.home = self.home, document
            try:
                self.defs[key] = self.simplify(self._lookup(document, pointer))
            finally:
                self.home = saved_home
                self._in_progress.discard(key)
        return {"$": key}

    def deref(self, node: Any) -> dict:  # a node; never EXPRESSION, which callers test by identity
        """The content of a node, following definition references (which the merges need to see into)."""
        seen = set()
        while "$" in node:
            key = node["$"]
            if key in seen or key not in self.defs:
                return {}  # a reference cycle, or a definition still being built: judge nothing
            seen.add(key)
            node = self.defs[key]
        return node

    # -- simplification -------------------------------------------------------------------------------

    def simplify(self, schema) -> dict | Expression:
        if schema is True or not isinstance(schema, dict):
            return {}
        if "$ref" in schema:
            target = self.reference(schema["$ref"])
            rest = {k: v for k, v in schema.items() if k not in ("$ref", "description")}
            if not rest or target is EXPRESSION:
                return target
            return self.merge(self.deref(target), self.simplify(rest))
        node: dict = {}
        if "type" in schema and not set(_json_types(schema["type"])) >= ANY_JSON:
            node["T"] = sorted(set(_json_types(schema["type"])))
        if "enum" in schema:
            node["E"] = list(schema["enum"])
        if "const" in schema:
            node["E"] = [schema["const"]]
        if isinstance(schema.get("properties"), dict):
            node["P"] = {}
            for name in sorted(schema["properties"]):
                child = self.simplify(schema["properties"][name])
                node["P"][name] = {} if child is EXPRESSION else child
        if schema.get("required"):
            node["R"] = sorted(set(schema["required"]))
        extra = schema.get("additionalProperties")
        if extra is True or extra == {}:
            node["open"] = True
        elif extra is False:
            node["closed"] = True
        elif isinstance(extra, dict):
            child = self.simplify(extra)
            node["A"] = {} if child is EXPRESSION else child
        if isinstance(schema.get("items"), dict):
            child = self.simplify(schema["items"])
            node["I"] = {} if child is EXPRESSION else child
        for keyword in ("oneOf", "anyOf"):
            if isinstance(schema.get(keyword), list):
                node = self.merge(node, self.choice(schema[keyword]))
        if isinstance(schema.get("allOf"), list):
            for part in schema["allOf"]:
                simplified = self.simplify(part)
                if simplified is not EXPRESSION:
                    node = self.merge(node, self.deref(simplified))
        return node

    def choice(self, alternatives: list) -> dict:
        """oneOf / anyOf, without the expression alternative: one node, a discriminated union, or a set of
        alternatives to judge by JSON type only."""
        alts: list[Any] = [a for a in (self.simplify(x) for x in alternatives) if a is not EXPRESSION]
        if not alts:
            return {}
        if len(alts) == 1:
            return alts[0]
        contents = [self.deref(a) for a in alts]
        if any(not c.keys() - {"R"} for c in contents):
            # One alternative accepts anything, or they only ask for one member or another ("value" or
            # "reference"): which one cannot be judged soundly without more than required lists.
            return {}
        union = self.discriminated(contents)
        if union is not None:
            return union
        plain = [c for c in contents if set(c) == {"T"}]
        for candidate in plain:
            kinds = set(candidate["T"])
            if all((node_kinds(c, self.deref) or {"any"}) <= kinds for c in contents):
                return {"T": candidate["T"]}
        return {"O": alts}

    def discriminated(self, contents: list[dict]) -> dict | None:
        """A union whose alternatives each fix one shared property to a distinct single value."""
        if not all("P" in c for c in contents):
            return None
        shared = set(contents[0]["P"]).intersection(*(c["P"] for c in contents[1:]))
        for name in sorted(shared):
            values = []
            for content in contents:
                enum = self.deref(content["P"][name]).get("E")
                if not enum or len(enum) != 1 or not isinstance(enum[0], str):
                    break
                values.append(enum[0])
            else:
                if len({v.lower() for v in values}) == len(values):
                    return {"D": {"p": name, "v": dict(zip(values, contents))}}
        return None

    def merge(self, a: dict, b: Any) -> dict:
        """Both schemas at once (allOf, and a union's shared part with each variant)."""
        if not a:
            return copy.deepcopy(b) if isinstance(b, dict) else {}
        if not b:
            return a
        a, b = self.deref(a), self.deref(b)
        out = dict(a)
        if "T" in b:
            out["T"] = sorted(set(a["T"]) & set(b["T"])) if "T" in a else b["T"]
            if not out["T"]:
                out["T"] = sorted(set(a["T"]) | set(b["T"]))  # contradictory schemas: judge less, not more
        if "E" in b:
            if "E" in a:
                lowered = {str(v).lower() for v in b["E"]}
                both = [v for v in a["E"] if str(v).lower() in lowered]
                out["E"] = both or b["E"]
            else:
                out["E"] = b["E"]
        if "P" in b:
            props = dict(a.get("P", {}))
            for name, child in b["P"].items():
                props[name] = self.merge(props[name], child) if name in props else child
            out["P"] = props
        if "R" in b:
            out["R"] = sorted(set(a.get("R", [])) | set(b["R"]))
        for flag in ("open", "closed"):
            if b.get(flag):
                out[flag] = True
        if "A" in b:
            out["A"] = b["A"]
        if "I" in b:
            out["I"] = self.merge(a["I"], b["I"]) if "I" in a else b["I"]
        if "D" in b:
            shared = {k: v for k, v in out.items() if k not in ("D", "O")}
            out["D"] = {"p": b["D"]["p"],
                        "v": {v: self.merge(shared, variant) for v, variant in b["D"]["v"].items()}}
        if "O" in b:
            out["O"] = b["O"]
        return out


def map_children(node, function):
    """A copy of ``node`` with ``function`` applied to each node directly inside it (keys sorted)."""
    if isinstance(node, list):
        return [function(n) for n in node]
    if not isinstance(node, dict) or "$" in node:
        return node
    out = {}
    for key in sorted(node):
        value = node[key]
        if key == "P":
            out["P"] = {name: function(child) for name, child in sorted(value.items())}
        elif key == "D":
            out["D"] = {"p": value["p"], "v": {v: function(variant) for v, variant in sorted(value["v"].items())}}
        elif key in ("A", "I", "O"):
            out[key] = function(value)
        else:
            out[key] = value
    return out


def finish(node):
    """Final form of a node: closedness decided; references stay references."""
    out = map_children(node, finish)
    if not isinstance(node, dict) or "$" in node:
        return out
    out.pop("open", None)
    out.pop("closed", None)
    # A union's shared part alone does not close the object (variants add properties), nor do alternatives
    # judged by type only. Otherwise an object that lists its properties is closed unless it says it is open.
    if node.get("P") and not node.get("open") and "A" not in node and "D" not in node and "O" not in node:
        out["X"] = 1
    return out


def _collect_defs(node, defs: dict, out: dict) -> None:
    """The definitions a finished node reaches, transitively."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, dict):
            if "$" in current:
                key = current["$"]
                if key not in out and key in defs:
                    out[key] = defs[key]
                    stack.append(defs[key])
            else:
                stack.extend(current.values())


def rename_refs(node, renamed: dict[str, str]):
    if isinstance(node, dict) and "$" in node:
        return {"$": renamed.get(node["$"], node["$"])}
    return map_children(node, lambda child: rename_refs(child, renamed))


def dumps(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def write(path: Path, text: str) -> int:
    """Write only what changed (atomically): a regeneration touches exactly the files upstream changed."""
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        write_atomic(path, data)
    return len(data)


def source_commit(source: Path) -> str:
    """The upstream repository and commit, as the copy's ``api-versions.json`` records them."""
    try:
        return str(json.loads((source / "api-versions.json").read_text(encoding="utf-8")).get("source", ""))
    except (OSError, ValueError, AttributeError):
        return ""


def load_documents(source: Path) -> dict[str, dict]:
    """Every deployment document schema by its path under the schema host (top/<v>/X.json -> <v>/X.json)."""
    documents = {}
    for path in sorted((source / "top").glob("*/*.json")):
        documents[f"{path.parent.name}/{path.name}"] = json.loads(path.read_text(encoding="utf-8"))
    return documents


def with_defs(node: dict, finished_defs: dict) -> dict:
    reached: dict = {}
    _collect_defs(node, finished_defs, reached)
    return {k: reached[k] for k in sorted(reached)}


def derive_top(documents, document_path: str) -> dict:
    document = copy.deepcopy(documents[document_path])
    # Resources are checked one by one against their own type; the document schema leaves them open.
    for key in ("resource", "resourcesWithSymbolicName", "resourcesWithoutSymbolicName",
                "resourcesWithSymbolicNames", "resourcesWithoutSymbolicNames"):
        if key in document.get("definitions", {}):
            document["definitions"][key] = {}
    if "resources" in document.get("properties", {}):
        document["properties"]["resources"] = {"type": ["array", "object"]}
    if document_path.lower().endswith("deploymenttemplate.json"):
        for definition, names in TEMPLATE_LANGUAGE_ADDITIONS.items():
            target = document if not definition else document["definitions"][definition]
            for added in names:
                target.setdefault("properties", {}).setdefault(added, {})
        for definition in TYPE_NOT_REQUIRED:
            target = document["definitions"][definition]
            target["required"] = [r for r in target.get("required", []) if r != "type"]
    simplifier = Simplifier({**documents, document_path: document}, document_path)
    node = finish(simplifier.simplify(document))
    finished_defs = {key: finish(value) for key, value in simplifier.defs.items()}
    return {"document": node, "defs": with_defs(node, finished_defs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the ARM schemas folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the derived data goes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        documents = load_documents(args.source)
        documents[COMMON] = json.loads((args.source / "top" / "common" / "definitions.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        print(f"derive_arm_schemas: cannot read {args.source}: {exc}", file=sys.stderr)
        return 2

    out: Path = args.out
    written: dict[str, str] = {}  # relative path -> text

    # The deployment documents.
    envelope_document, envelope_name = ENVELOPE_SOURCE
    simplifier = Simplifier(documents, envelope_document)
    envelope = simplifier.simplify(documents[envelope_document]["definitions"][envelope_name])
    envelope = dict(simplifier.deref(envelope))
    envelope["P"] = {**{name: {} for name in ENVELOPE_ADDITIONS}, **envelope.get("P", {})}
    envelope.pop("R", None)  # name and type are the type index's business
    # Its definitions are prefixed so that they never collide with those of the type they are combined with.
    renamed = {key: ENVELOPE_PREFIX + key for key in simplifier.defs}
    envelope = rename_refs(finish(envelope), renamed)
    finished_defs = {renamed[key]: rename_refs(finish(value), renamed) for key, value in simplifier.defs.items()}
    written["top/resourceEnvelope.json"] = dumps({"document": envelope, "defs": with_defs(envelope, finished_defs)})
    top_urls = {}
    for name, document_path in TOP_DOCUMENTS.items():
        written[f"top/{name}.json"] = dumps(derive_top(documents, document_path))
        top_urls[name] = SCHEMA_HOST + document_path + "#"

    written["source.json"] = dumps({
        "formatVersion": FORMAT_VERSION,
        "source": source_commit(args.source),
        "topDocuments": top_urls,
    })

    # Replace the folder's content with exactly what was derived (stale files from an older copy go).
    out.mkdir(parents=True, exist_ok=True)
    for stale in sorted(out.rglob("*.json"), reverse=True):
        if stale.relative_to(out).as_posix() not in written:
            stale.unlink()
    total = sum(write(out / relative, text) for relative, text in sorted(written.items()))
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    packed = sum(len(gzip.compress(t.encode("utf-8"), 9)) for t in written.values())
    elapsed = time.perf_counter() - started
    print(f"derive_arm_schemas: {len(written)} files, {total / 1e6:.2f} MB ({packed / 1e6:.2f} MB gzipped), "
          f"{elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
