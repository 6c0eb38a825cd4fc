"""Issue 14 item 4: YAML alias and merge-key bombs in a manifest or its address record end in well under a
second with a located error and bounded memory (the issue measured 10 s and 716 MB for 265 bytes, x9 a level)."""

from __future__ import annotations

import time

import pytest

from hostile.clirun import assert_clean_refusal, relecloud
from hostile.test_special_files import pooled_manifest
from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest.yamlpos import MAX_DEPTH, MAX_VALUES, load_yaml


def laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["version: 1", "l0: &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def merge_laughs(levels: int = 30) -> str:
    lines = ["version: 1", "m0: &m0 {k: v}"]
    lines += [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}, *m{i - 1}], k{i}: v}}" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def chain(levels: int = 5000) -> str:
    return "version: 1\nc0: &c0 [1]\n" + "".join(f"c{i}: &c{i} [*c{i - 1}]\n" for i in range(1, levels))


BOMBS = {
    "billion-laughs": (laughs(), f"expands to more than {MAX_VALUES:,} values"),
    "merge-key-laughs": (merge_laughs(), f"expands to more than {MAX_VALUES:,} values"),
    "alias-chain": (chain(), f"nested more than {MAX_DEPTH} levels deep"),
    "merge-chain": (
        "version: 1\nm0: &m0 {k: v}\n" + "".join(f"m{i}: &m{i} {{<<: *m{i - 1}}}\n" for i in range(1, 3000)),
        f"nested more than {MAX_DEPTH} levels deep",
    ),
    "alias-cycle": ("version: 1\nloop: &loop [1, *loop]\n", "refers to a value that contains it"),
    "merge-cycle": ("version: 1\nloop: &loop {a: 1, <<: *loop}\n", "refers to a value that contains it"),
    "huge-integer": ("version: " + "9" * 5000 + "\n", "cannot read this value"),
    "impossible-date": ("version: 1\nwhen: 2024-02-30\n", "cannot read this value"),
    "merge-of-a-list": ("version: 1\nbad: {<<: [1, 2]}\n", "a merge key (<<) takes a mapping"),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_each_bomb_is_a_located_error_not_a_hang(name):
    text, message = BOMBS[name]
    started = time.monotonic()
    with pytest.raises(DiagnosticsError) as refused:
        load_yaml(text, "estate.yaml")
    assert time.monotonic() - started < 10.0  # a hang guard (0.4 s on an idle machine), not a speed goal
    [problem] = refused.value.diagnostics
    assert problem.code == "M008" and message in problem.message
    assert problem.location.path == "estate.yaml" and problem.location.line >= 1


def test_aliases_and_merge_keys_within_the_limits_still_work():
    data = load_yaml("base: &base {tier: Standard, tags: &t {a: 1}}\n"
                     "zone: {<<: *base, name: z, tags: {<<: *t, b: 2}}\nother: *base\n", "m.yaml")
    assert data["zone"] == {"tier": "Standard", "tags": {"a": 1, "b": 2}, "name": "z"}
    assert data["other"] == data["base"]
    assert data["zone"].key_pos["tier"].line == 1  # a merged key is located where it is written
    merged_first = load_yaml("a: &a {k: 1}\nb: &b {k: 2}\nc: {<<: [*a, *b]}\n", "m.yaml")
    assert merged_first["c"]["k"] == 1  # the first mapping listed wins, as YAML says


@pytest.mark.parametrize("name", ["billion-laughs", "merge-key-laughs", "alias-cycle"])
def test_the_cli_stops_a_bomb_in_a_manifest(tmp_path, name):
    manifest = tmp_path / "estate.yaml"
    manifest.write_text(BOMBS[name][0])
    ran = relecloud("plan", str(manifest), deadline=15)
    assert_clean_refusal(ran, f"{manifest}:", "M008")


def test_the_cli_stops_a_bomb_in_the_address_record(tmp_path):
    manifest = pooled_manifest(tmp_path)  # a zone takes its range from the pool: the record is read
    (tmp_path / "estate.addresses.yaml").write_text(laughs().replace("version: 1\n", "zones: {}\n"))
    ran = relecloud("render", str(manifest), "-o", str(tmp_path / "out"), deadline=15)
    assert_clean_refusal(ran, "estate.addresses.yaml:", "M008")
    assert not (tmp_path / "out").exists()
