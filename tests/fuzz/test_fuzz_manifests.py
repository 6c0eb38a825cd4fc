"""Fuzzing manifests (issue 14, "Keep it so"; item 15).

For every manifest drawn: no traceback, bounded time and memory (each example runs in a bounded child, see
harness.py), nothing written outside the output folder but the address record beside the manifest; and
either the manifest check refuses it, or its render passes relecloud's own validate under the estate's
profile (data-landing-zone) without an error.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import event, given

from fuzz.harness import fuzz_settings, isolated, tree
from fuzz.manifests import dump, estates, manifest_texts

MINIMAL = (Path(__file__).resolve().parents[2] / "scenarios" / "minimal.yaml").read_text(encoding="utf-8")


def load_and_plan(path: Path) -> str:
    from relecloud_templates.diagnostics import DiagnosticsError
    from relecloud_templates.manifest import read_manifest
    from relecloud_templates.plan.loading import plan_environments

    manifest, problems = read_manifest(path)
    for problem in problems:
        assert problem.location.path == str(path) or problem.location.path.startswith(str(path.parent)), problem
        assert problem.code.startswith("M"), problem.format()
    if manifest is None:
        assert problems, "refused without saying why"
        return "refused"
    try:
        plan_environments(path)
    except DiagnosticsError as exc:
        assert exc.diagnostics
        return "refused by the planner"
    return "planned"


@fuzz_settings(examples=40)
@given(text=manifest_texts(MINIMAL))
def test_broken_manifest_text_is_answered_with_located_problems(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("text")
    path = folder / "relecloud.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    isolated(lambda: load_and_plan(path))


def render_and_validate(folder: Path) -> list[str]:
    """Render ./relecloud.yaml into out/ as `relecloud render` does, then validate out/ as the estate's own
    profile would: the error findings (empty for a sound render), or None when the manifest was refused."""
    from relecloud_templates.diagnostics import CommandError, DiagnosticsError
    from relecloud_templates.lint.config import LintConfig
    from relecloud_templates.lint.runner import LintRun
    from relecloud_templates.render.stage import render_estate

    os.chdir(folder)
    try:
        render_estate(Path("relecloud.yaml"), Path("out"), "arm")
    except DiagnosticsError as exc:
        assert exc.diagnostics and all(d.code.startswith("M") for d in exc.diagnostics), exc
        return None
    except CommandError as exc:
        raise AssertionError(f"render refused a manifest its check accepted: {exc.message}") from None
    run = LintRun(config=LintConfig().override(profile="data-landing-zone"))
    run.add_path(Path("out"))
    result = run.run()
    return [d.format() for d in result.diagnostics if d.severity.label == "error"]


@fuzz_settings(examples=8)
@given(manifest=estates())
def test_a_manifest_the_check_accepts_renders_an_estate_validate_accepts(tmp_path_factory, manifest):
    folder = tmp_path_factory.mktemp("estate")
    (folder / "relecloud.yaml").write_text(dump(manifest), encoding="utf-8")
    before = tree(folder)
    errors = isolated(lambda: render_and_validate(folder))
    event("rendered" if errors is not None else "refused")
    after = tree(folder)
    outside = {p for p in after if not p.startswith("out/") and not p.endswith(".addresses.yaml")}
    assert outside == set(before), "render wrote outside its output folder"
    assert all(after[p] == before[p] for p in before), "render changed the manifest"
    assert errors in (None, []), "\n".join(errors or [])
