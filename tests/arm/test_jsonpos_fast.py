"""arm.jsonpos parses plain JSON with the C parser and finds positions on first use: the same positions, and
the same errors, as the positional parser gives."""

from __future__ import annotations

from relecloud_templates.arm import jsonpos
from relecloud_templates.located import LocatedDict, LocatedList, Pos, pos_at_path

TEXT = """{
  "resources": [
    {"type": "a", "tags": {"x": "1"}},
    [1, [2, {"deep": true}]]
  ],
  "n": 1.5
}
"""


def located_view(node):
    if isinstance(node, dict):
        return (node.pos, dict(node.key_pos), dict(node.value_pos), node.duplicate_keys,
                {k: located_view(v) for k, v in node.items()})
    if isinstance(node, list):
        return (node.pos, list(node.item_pos), [located_view(v) for v in node])
    return node


def test_plain_json_gets_the_positions_of_the_positional_parser():
    fast, positional = jsonpos.loads(TEXT), jsonpos._parse(TEXT)
    assert isinstance(fast, LocatedDict) and isinstance(fast["resources"][1], LocatedList)
    assert located_view(fast) == located_view(positional)
    assert pos_at_path(fast, ("resources", 1, 1, 1, "deep")) == Pos(4, 22)


def test_positions_of_a_subtree_taken_out_of_its_document_fall_back_to_nowhere():
    document = jsonpos.loads('{"a": {"b": [1]}}')
    taken = document.pop("a")
    assert taken.pos == Pos(0, 0) and taken["b"].item_pos == [Pos(0, 0)]
    assert document.pos == Pos(1, 1)


def test_comments_repeated_keys_and_nan_take_the_positional_parser():
    commented = jsonpos.loads('// note\n{"a": 1}')
    assert commented.key_pos["a"] == Pos(2, 2)
    repeated = jsonpos.loads('{"a": 1, "a": 2}')
    assert repeated == {"a": 2} and repeated.duplicate_keys == [("a", Pos(1, 10))]
    try:
        jsonpos.loads('{"a": NaN}')
    except jsonpos.JsonSyntaxError as error:
        assert error.pos == Pos(1, 7)
    else:
        raise AssertionError("NaN is not JSON")


def test_a_deep_container_asked_first_gets_its_positions_without_the_rest():
    text = '{"a": [1, {"b": "x,]}", "c": [[], {}]}], "d": {"e": null}}'
    fast, positional = jsonpos.loads(text), jsonpos._parse(text)
    inner = fast["a"][1]["c"]
    assert inner.item_pos == positional["a"][1]["c"].item_pos  # its parents scanned on the way, not the siblings
    assert located_view(fast) == located_view(positional)


def test_a_list_changed_since_parsing_has_no_positions():
    document = jsonpos.loads('{"a": [1, 2, {"b": 3}]}')
    child = document["a"][2]
    document["a"].pop(0)
    assert document["a"].pos == Pos(0, 0) and child.pos == Pos(0, 0)
    assert document.value_pos["a"] == Pos(1, 7)


def test_only_the_positional_parser_can_have_met_repeated_keys():
    # W0012 (duplicate-property) walks a document for repeated keys only when the positional parser read it
    assert jsonpos.has_no_repeated_keys(jsonpos.loads('{"a": [{"b": 1}]}'))
    assert jsonpos.has_no_repeated_keys(jsonpos.loads('[{"b": 1}]'))
    assert not jsonpos.has_no_repeated_keys(jsonpos.loads('{"a": {"b": 1, "b": 2}}'))
    assert not jsonpos.has_no_repeated_keys(jsonpos.loads('// a comment\n{"a": 1}'))
    assert not jsonpos.has_no_repeated_keys({"a": 1})
