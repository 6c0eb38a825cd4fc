"""Fuzzing plan.json (issue 14, "Keep it so"): what deploy reads and what render finds in its output folder.

A plan.json may be anyone's: crafted to name the user's files with their true hashes, nested past Python's
limits, of the wrong shape. For every one: no traceback, bounded time and memory, deploy's reader answers with
located D problems or a plan, and a render into that folder (even with --force) deletes and changes nothing
relecloud did not write, and writes nothing outside it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import lru_cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz.arm import JSON_PIECES, json_values, mutated_text
from fuzz.harness import fuzz_settings, isolated, tree
from relecloud_templates.render.publish import removable

MINIMAL = Path(__file__).resolve().parents[2] / "scenarios" / "minimal.yaml"
USER_FILES = {  # what a user keeps beside (or inside) an output folder; none of it may be touched
    "README.md": b"# ours\n",
    "src/app.py": b"print('hi')\n",
    ".git/config": b"[core]\n",
    "sales/notes.json": b"{}\n",
    "sales/modules/mine.bicep": b"// my module\n",
    "mgmt/.git/HEAD": b"ref: refs/heads/main\n",
}


@lru_cache(maxsize=1)
def rendered_plan() -> dict:
    from relecloud_templates.plan.loading import plan_environments
    from relecloud_templates.render.output import render_files

    manifest, plan = plan_environments(MINIMAL)[0]
    return json.loads(render_files(manifest, plan, "../relecloud.yaml", "arm").files["plan.json"])


def hashed(path: str, content: bytes) -> str:
    del path
    return hashlib.sha256(content).hexdigest()


@st.composite
def plans(draw, base: dict) -> dict:
    """The rendered plan with values replaced, units added that list the user's files, and `written` entries
    naming them with their true hashes."""
    plan = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(0, 4))):
        unit = draw(st.sampled_from(plan["units"])) if plan["units"] else {}
        unit[draw(st.sampled_from(["name", "template", "parameters", "files", "dependsOn", "kind", "scope",
                                   "subscriptionId", "deploymentName", "resourceGroup"]))] = draw(json_values(6))
    named = draw(st.lists(st.sampled_from(sorted(USER_FILES) + ["../outside.txt", "/etc/passwd", "sales/../../x"]),
                          max_size=4, unique=True))
    if named:
        plan["units"].append({"name": "x", "template": named[0], "parameters": named[-1], "files": named})
        plan.setdefault("written", {}).update({p: hashed(p, USER_FILES.get(p, b"")) for p in named})
    if draw(st.integers(0, 4)) == 0:
        plan[draw(st.sampled_from(["units", "written", "manifest", "version"]))] = draw(json_values(6))
    return plan


def render_into(folder: Path, plan_text: str, force: bool) -> None:
    import os

    from click.testing import CliRunner

    from relecloud_templates.cli import cli
    from relecloud_templates.deploy.plan_file import load_plan
    from relecloud_templates.diagnostics import DiagnosticsError

    out = folder / "out"
    (out / "plan.json").write_text(plan_text, encoding="utf-8", errors="surrogatepass")
    try:
        load_plan(out)
    except DiagnosticsError as exc:
        assert all(d.code.startswith("D") and d.location.path for d in exc.diagnostics), exc
    os.chdir(folder)
    result = CliRunner().invoke(cli, ["render", "-o", "out", "--format", "arm", *(["--force"] if force else [])])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 2), result.output


@fuzz_settings(examples=6)
@given(data=st.data(), force=st.booleans(), as_text=st.booleans())
def test_any_plan_json_in_the_output_folder(tmp_path_factory, data, force, as_text):
    folder = tmp_path_factory.mktemp("plan")
    shutil.copy(MINIMAL, folder / "relecloud.yaml")
    out = folder / "out"
    for relative, content in USER_FILES.items():
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_bytes(content)
    (folder / "outside.txt").write_bytes(b"keep\n")
    document = data.draw(plans(rendered_plan()))
    text = json.dumps(document, indent=2)
    if as_text:
        text = data.draw(mutated_text(text, JSON_PIECES))
    before = tree(folder)
    isolated(lambda: render_into(folder, text, force))
    after = tree(folder)
    # The documented proof of ownership is a recorded hash at a path of a unit file's shape: a plan.json that
    # forges both (the file's exact bytes, at such a path) is the one case where a file may go (docs/limits.md).
    written = document.get("written") if isinstance(document, dict) and not as_text else None
    forged = {p for p in (written or {}) if isinstance(written, dict) and removable(p)
              and written[p] == hashed(p, USER_FILES.get(p, b""))}
    for relative, content in USER_FILES.items():
        if relative not in forged:
            assert after.get(f"out/{relative}") == content, f"out/{relative} was changed or removed"
    assert after["outside.txt"] == b"keep\n" and after["relecloud.yaml"] == before["relecloud.yaml"]
    assert {p for p in after if not p.startswith("out/")} == {p for p in before if not p.startswith("out/")}
