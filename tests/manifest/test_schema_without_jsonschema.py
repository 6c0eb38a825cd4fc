"""The manifest schema check decides a manifest that conforms without importing jsonschema (a fifth of a cold
validate), and leaves every other one to jsonschema, which explains what is wrong: it may never call a manifest
that breaks the schema conforming."""

from __future__ import annotations

import copy
import random
import subprocess
import sys

from relecloud_templates import resources
from relecloud_templates.located import LocatedDict, LocatedList
from relecloud_templates.manifest import environments
from relecloud_templates.manifest.schema import _conforms, _schema, _validator
from relecloud_templates.manifest.yamlpos import load_yaml


def _documents() -> list:
    """The bundled manifests, each environment of them resolved as the loader checks it."""
    found = []
    for path in sorted(resources.scenarios_dir().glob("*.yaml")):
        doc = load_yaml(path.read_text(encoding="utf-8"), str(path))
        environments.normalize(doc)
        names = environments.names(doc)
        found += [environments.resolve(doc, name) for name in names] if names else [doc]
    return found


def _jsonschema_errors(doc) -> list:
    _, validator = _validator()
    return list(validator.iter_errors(doc))


def test_the_bundled_manifests_conform_without_jsonschema():
    documents = _documents()
    assert len(documents) >= 3
    for doc in documents:
        assert _jsonschema_errors(doc) == []
        assert _conforms(_schema(), _schema(), doc)


def _containers(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _containers(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _containers(item, path + (i,))


REPLACEMENTS = ["", "x" * 300, "Not A Name!", "*.", 0, -1, 1.5, 2.0, 10**9, True, False, None, [], {}, ["a", "a"],
                [1, 1.0], {"unexpected": 1}, "dev", "powerBI", 1, "1"]


def _mutants(doc, rng: random.Random, count: int):
    places = list(_containers(doc))
    for _ in range(count):
        mutant = copy.deepcopy(doc)
        for _ in range(rng.randint(1, 3)):
            path, _ = rng.choice(places)
            if not path:
                continue
            parent = mutant
            try:
                for step in path[:-1]:
                    parent = parent[step]
                parent[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue  # an earlier change removed the place
            action = rng.random()
            if action < 0.6:
                parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
            elif action < 0.8 and isinstance(parent, dict):
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[path[-1] + "x" if isinstance(path[-1], str) else "x"] = 1
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[path[-1]]))
        yield mutant


def test_a_manifest_that_breaks_the_schema_is_never_taken_for_one_that_conforms():
    rng = random.Random(20261130)
    broken = conforming = 0
    for doc in _documents():
        for mutant in _mutants(doc, rng, 150):
            errors = _jsonschema_errors(mutant)
            conforms = _conforms(_schema(), _schema(), mutant)
            assert not (conforms and errors), [e.message for e in errors]
            broken += bool(errors)
            conforming += conforms
    assert broken > 200 and conforming > 20  # both kinds were met


def test_the_located_types_of_the_loader_count_as_objects_and_arrays():
    assert _conforms(_schema(), {"type": "object"}, LocatedDict())
    assert _conforms(_schema(), {"type": "array", "items": {"type": "integer"}}, LocatedList([1, 2.0]))
    assert not _conforms(_schema(), {"type": "integer"}, True)
    assert not _conforms(_schema(), {"enum": [1]}, True)  # (left to jsonschema)


def test_reading_a_conforming_manifest_does_not_import_jsonschema():
    code = ("import sys; from relecloud_templates.manifest import read_manifest; "
            f"model, problems = read_manifest({str(resources.scenarios_dir() / 'relecloud.yaml')!r}); "
            "assert model is not None and not problems, problems; print('jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
