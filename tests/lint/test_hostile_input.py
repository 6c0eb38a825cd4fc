"""validate on hostile and careless input (issue 14, items 5, 9, 10 and 13): bounded time and memory, no
traceback in any output format, no secret in any report, and never "no findings" on input it did not check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from lintkit import PARAMS_SCHEMA, RG_SCHEMA, described, lint_doc, lint_files, template, write

from relecloud_templates.cli import cli
from relecloud_templates.lint.formatters import REPORT_FORMATS


def run(*args, input=None):
    return CliRunner().invoke(cli, ["validate", "--no-color", *args], input=input)


def storage_named(expression: str) -> dict:
    return template(
        [
            {
                "type": "Microsoft.Storage/storageAccounts",
                "apiVersion": "2025-06-01",
                "name": f"[{expression}]",
                "location": "westeurope",
                "kind": "StorageV2",
                "sku": {"name": "Standard_LRS"},
            }
        ]
    )


def doubling(count: int, seed: str, step: str) -> dict:
    """Variables v0 = seed, v(i) = step applied to v(i-1) twice: a value that doubles with every line."""
    variables = {"v0": f"[{seed}]"}
    for i in range(1, count):
        variables[f"v{i}"] = "[" + step.format(f"variables('v{i - 1}')") + "]"
    return storage_named(f"string(variables('v{count - 1}'))") | {"variables": variables}


BOMBS = {
    "padLeft to 100 million": storage_named("padLeft('a', 100000000, 'b')"),
    "replace growing a string": storage_named(
        "replace(replace(replace(padLeft('a', 2000, 'b'), 'b', padLeft('a', 2000, 'b')), 'b', "
        "padLeft('a', 2000, 'b')), 'b', 'bbbbbbbb')"),
    "format repeating a placeholder": storage_named("format('" + "{0}" * 200 + "', padLeft('a', 1000000, 'b'))"),
    "concat doubling through variables": doubling(40, "padLeft('a', 1000, 'b')", "concat({0}, {0})"),
    "arrays doubling through variables": doubling(45, "range(0, 10)", "createArray({0}, {0})"),
    "string() of large arrays": storage_named("string(createArray(" + ", ".join(["range(0, 10000)"] * 400) + "))"),
    "a function calling itself twice": storage_named("string(n.f(1))") | {"functions": [{"namespace": "n", "members": {
        "f": {"parameters": [{"name": "x", "type": "int"}],
              "output": {"type": "int", "value": "[add(n.f(parameters('x')), n.f(parameters('x')))]"}}}}]},
    "nested copy loops": storage_named("string(length(variables('big')))") | {"variables": {"copy": [{
        "name": "big", "count": 800, "input": {"copy": [{"name": "inner", "count": 800, "input": {"copy": [
            {"name": "deepest", "count": 800, "input": "[padLeft('x', 100, 'y')]"}]}}]}}]}},
    "union of large arrays": storage_named("string(length(union(range(0, 10000), range(5000, 10000), "
                                           "range(0, 10000))))"),
}


def test_evaluation_bombs_end_in_seconds_with_bounded_memory(tmp_path):
    """Each bomb is linted in a child process limited to 1.5 GB of address space: without the bounds on evaluated
    values and work, each of them takes minutes or tens of gigabytes. Time is the child's CPU time, not the wall
    clock: the suite runs on a shared, loaded machine, where a bounded computation may still wait for a core."""
    for doc in BOMBS.values():
        write(tmp_path / f"{len(os.listdir(tmp_path))}.json", doc)
    script = textwrap.dedent(f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))
        sys.path.insert(0, {str(os.path.dirname(__file__))!r})
        from lintkit import lint_files
        from pathlib import Path
        times = {{}}
        for path in sorted(Path({str(tmp_path)!r}).glob("*.json"), key=lambda p: int(p.stem)):
            start = time.process_time()
            result = lint_files([path])
            times[path.stem] = [round(time.process_time() - start, 2),
                                [d.code for d in result.diagnostics if d.code in ("E0011", "E3003")]]
        print(json.dumps(times))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    times = json.loads(done.stdout)
    for index, name in enumerate(BOMBS):
        elapsed, codes = times[str(index)]
        assert elapsed < 8, f"{name}: {elapsed} s"
        assert codes == [], f"{name}: {codes}"  # too large is unknown: no internal error, no guessed name


def test_values_within_the_limits_are_still_known():
    found = lint_doc(storage_named("padLeft('a', 30, 'b')"))
    assert any(d.code == "E3003" and "bbbb" in d.message for d in found.diagnostics)  # 30 characters: too long


# -- item 9: no traceback in any output format ---------------------------------------------------------------

SURROGATES = (
    f'{{"$schema": "{RG_SCHEMA}", "contentVersion": "1.0.0.0", "parameters": {{"p\\udfff": {{"type": "string"}}, '
    '"adminPassword": {"type": "string", "defaultValue": "\\ud800"}}, "resources": [], '
    '"outputs": {"o": {"type": "string", "value": "\\udfff"}}}'
)


@pytest.mark.parametrize("output_format", REPORT_FORMATS)
def test_lone_surrogates_print_escaped_in_every_format(tmp_path, output_format):
    path = tmp_path / "t.json"
    path.write_text(SURROGATES, encoding="utf-8")
    result = run("-f", output_format, str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0
    assert "\\udfff" in result.stdout  # the parameter name, written as an escape
    {"json": json.loads, "sarif": json.loads, "junit": ET.fromstring}.get(output_format, str)(result.stdout)


@pytest.mark.skipif(sys.platform != "linux", reason="file names of arbitrary bytes are a Linux matter")
def test_a_file_name_that_is_not_utf8_is_a_percent_encoded_uri_in_sarif(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"t\xff.json")
    write(folder / name, template([], parameters={"unused": described()}))
    result = run("-f", "sarif", str(folder))
    assert result.exit_code == 0, result.output
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(result.stdout)["runs"][0]["results"]}
    assert uris == {(folder.as_posix() + "/t%FF.json")}
    text = run(str(folder))
    assert "t\\udcff.json:" in text.stdout


def test_one_bad_file_in_a_folder_never_hides_the_findings_of_the_others(tmp_path):
    write(tmp_path / "good.json", template([], parameters={"unused": described()}))
    header = f'{{"$schema": "{RG_SCHEMA}", "contentVersion": "1.0.0.0", '
    (tmp_path / "deep.json").write_text(header + '"variables": {"a": ' + "[" * 3000 + "]" * 3000 + "}}")
    (tmp_path / "huge-int.json").write_text(header + '"variables": {"n": ' + "9" * 5000 + "}}")
    (tmp_path / "latin1.json").write_bytes((header + '"variables": {"caf\u00e9": 1}}').encode("latin-1"))
    (tmp_path / "utf16.json").write_bytes(
        json.dumps(template([], parameters={"unused16": described()})).encode("utf-16")
    )
    (tmp_path / "surrogate.json").write_text(SURROGATES)
    (tmp_path / "empty.json").write_text("")
    (tmp_path / "random.json").write_bytes(bytes(range(256)) * 3)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
    result = lint_files([tmp_path])
    found = {(os.path.basename(d.location.path), d.code) for d in result.diagnostics}
    assert {("good.json", "W2001"), ("utf16.json", "W2001"), ("surrogate.json", "W2001"), ("deep.json", "E0001"),
            ("huge-int.json", "E0001"), ("latin1.json", "E0001")} <= found
    assert not [d for d in result.diagnostics if d.code == "E0011"]
    assert result.unreadable == []  # nothing that could be a template was left unread
    assert any("pipe.json" in n for n in result.notes) or not hasattr(os, "mkfifo")


# -- item 10: secure values never reach a report -------------------------------------------------------------

SECRET = "Pa55-word-hunter2"


@pytest.mark.parametrize("output_format", REPORT_FORMATS)
def test_values_from_secure_parameters_are_never_printed(tmp_path, output_format):
    doc = template([{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01",
                     "name": "[concat('st', parameters('pw'))]", "location": "westeurope", "kind": "StorageV2",
                     "sku": {"name": "Standard_LRS"}, "tags": {"owner": "[parameters('pw')]"}}],
                   parameters={"pw": described("secureString", defaultValue=SECRET, maxLength=8),
                               "token": described("secureString", allowedValues=["a", "b"]),
                               "key": described("secureObject", defaultValue={"secret": SECRET})},
                   outputs={"o": {"type": "object", "value": "[parameters('key')]"}})
    write(tmp_path / "main.json", doc)
    write(tmp_path / "main.parameters.json", {"$schema": PARAMS_SCHEMA, "contentVersion": "1.0.0.0",
                                              "parameters": {"token": {"value": SECRET}, "pw": {"value": 12345678}}})
    result = run("-f", output_format, "--select", "E,W,I", str(tmp_path))
    assert result.exit_code == 1
    assert SECRET not in result.output and "12345678" not in result.output and "st" + SECRET not in result.output
    if output_format == "text":  # the problems are still reported, without the values
        assert "E2004" in result.stdout and "the (secure) value is not one of the allowed values" in result.stdout
        assert "E5002" in result.stdout and "W2006" in result.stdout


# -- item 13: never "no findings" on input that was not checked ----------------------------------------------

def test_resources_holding_non_objects_are_an_error():
    result = run("-", input=json.dumps(template([42, "x", None])))
    assert result.exit_code == 1 and result.stdout.count("a resource must be an object") == 3


def test_a_template_saved_as_utf16_is_read_as_arm_reads_it(tmp_path):
    path = tmp_path / "main.json"
    path.write_bytes(json.dumps(template([], parameters={"adminPassword": described()})).encode("utf-16"))
    result = run(str(path))
    assert result.exit_code == 0 and "W5001" in result.stdout


def test_a_latin1_template_is_a_located_error(tmp_path):
    path = tmp_path / "main.json"
    path.write_bytes((f'{{"$schema": "{RG_SCHEMA}",\n "variables": {{"x": "caf\u00e9"}}}}').encode("latin-1"))
    result = run(str(path))
    assert result.exit_code == 1
    assert f"{path}:2:" in result.stdout and "E0001" in result.stdout and "0xe9" in result.stdout


def test_random_bytes_on_stdin_are_a_usage_error():
    result = CliRunner().invoke(cli, ["validate", "-"], input=bytes(range(128, 256)) * 4)
    assert result.exit_code == 2 and "cannot check it" in result.stderr


def test_a_schema_typo_is_reported_not_passed_silently(tmp_path):
    path = write(
        tmp_path / "main.json", template([], schema=RG_SCHEMA.replace("deploymentTemplate", "deploymentTemplte"))
    )
    result = run(str(path))
    assert "W0002" in result.stdout and "no findings" not in result.stderr
