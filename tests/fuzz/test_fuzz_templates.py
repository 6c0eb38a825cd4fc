"""Fuzzing what `validate` and `decompile` read: ARM templates, parameter files and Bicep (issue 14, "Keep it so").

For every input: no traceback, no internal error (E0011: a rule or the model failed), bounded time and memory
(each example runs in a bounded child, harness.py), an exit code from the documented ones, and nothing
written but what decompile was asked to write, in its output folder.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz.arm import JSON_PIECES, mutated_text, parameter_files, templates
from fuzz.harness import fuzz_settings, isolated

MINIMAL = Path(__file__).resolve().parents[2] / "scenarios" / "minimal.yaml"


@lru_cache(maxsize=1)
def rendered() -> dict[str, str]:
    """What relecloud renders for the starter estate: material to mutate."""
    from relecloud_templates.plan.loading import plan_environments
    from relecloud_templates.render.output import render_files

    manifest, plan = plan_environments(MINIMAL)[0]
    return {path: content.decode("utf-8") for path, content in
            render_files(manifest, plan, "relecloud.yaml", "both").files.items()}


def cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from relecloud_templates.cli import cli as group

    result = CliRunner().invoke(group, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def check_folder(folder: Path, decompile: Path | None = None) -> None:
    code, output = cli("validate", "--no-color", "--", str(folder))
    assert code in (0, 1, 2), (code, output)
    assert "E0011" not in output and "Traceback" not in output, output
    if decompile is not None:
        target = folder / "bicep-out"
        code, output = cli("decompile", "--no-color", str(decompile), "-o", str(target))
        assert code in (0, 1, 2), (code, output)
        assert "Traceback" not in output, output
        written = {p.parent for p in target.rglob("*") if p.is_file()}
        assert written <= {target, target / "modules"}, written


def write_json(path: Path, document: object) -> None:
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")  # ASCII: lone surrogates stay \\u escapes


@fuzz_settings(examples=20)
@given(template=templates(), with_parameters=st.booleans(), data=st.data())
def test_drawn_templates_and_parameter_files(tmp_path_factory, template, with_parameters, data):
    folder = tmp_path_factory.mktemp("arm")
    write_json(folder / "main.json", template)
    if with_parameters:
        write_json(folder / "main.parameters.json", data.draw(parameter_files(template)))
    isolated(lambda: check_folder(folder, decompile=folder / "main.json"))


@fuzz_settings(examples=20)
@given(data=st.data())
def test_mutated_rendered_templates(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("mutated")
    files = rendered()
    name = data.draw(st.sampled_from(sorted(p for p in files if p.endswith("main.json"))))
    text = data.draw(mutated_text(files[name], JSON_PIECES))
    (folder / "main.json").write_text(text, encoding="utf-8", errors="surrogatepass")
    (folder / "main.parameters.json").write_text(files[name.replace("main.json", "main.parameters.json")])
    isolated(lambda: check_folder(folder, decompile=folder / "main.json"))


@fuzz_settings(examples=20)
@given(data=st.data())
def test_mutated_bicep(tmp_path_factory, data):
    """validate's Bicep front end (parser, compiler, rules) on mutated rendered Bicep and parameter files."""
    folder = tmp_path_factory.mktemp("bicep")
    files = rendered()
    name = data.draw(st.sampled_from(sorted(p for p in files if p.endswith((".bicep", ".bicepparam")))))
    text = data.draw(mutated_text(files[name]))
    (folder / Path(name).name).write_text(text, encoding="utf-8", errors="surrogatepass")
    isolated(lambda: check_folder(folder))
