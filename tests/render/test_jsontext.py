"""The indented JSON writer of render output writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import json

from relecloud_templates.render.jsontext import dumps_indented


def test_same_text_as_json_dumps_for_every_kind_of_value():
    value = {"$schema": "https://x", "empty": {}, "list": [], "tuple": (1, [2.5, -0.0]), "text": "é\n\"\\\x01",
             "flags": [True, False, None], "big": 2 ** 70, "nested": {"a": [{"b": {}}]}, "nan": float("nan")}
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_keys_json_would_convert_are_left_to_json_dumps():
    value = {"a": {2: "x", None: "y", True: "z"}}
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)
