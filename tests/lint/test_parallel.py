"""`relecloud validate --jobs`: checking in several processes gives exactly the report of one process."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lintkit import PARAMS_SCHEMA, TODAY, described, template, write

from relecloud_templates.cli import cli
from relecloud_templates.diagnostics import Diagnostic, Location, Severity
from relecloud_templates.lint import kinds, parallel
from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.formatters import REPORT_FORMATS, formatter
from relecloud_templates.lint.rules.resources.location_not_hardcoded import LocationNotHardcoded
from relecloud_templates.lint.runner import LintRun

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="validate checks in one process where it cannot fork")

HARDCODED_VAULT = {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2024-11-01", "name": "kv",
                   "location": "westeurope", "tags": {},
                   "properties": {"tenantId": "[subscription().tenantId]", "enablePurgeProtection": True,
                                  "enableRbacAuthorization": True, "publicNetworkAccess": "Disabled",
                                  "sku": {"family": "A", "name": "standard"}}}


@pytest.fixture(scope="module")
def rendered_estate(example_render) -> Path:
    return example_render  # render --example, once per test process (tests/conftest.py)


@pytest.fixture
def broken(tmp_path) -> Path:
    """Files with findings of every origin: rules, pairing, suppressions, parse errors, Bicep, the configuration."""
    folder = tmp_path / "broken"
    write(folder / "unterminated.json", '{"$schema": "x", "resources": [')
    write(folder / "secrets.json", template([], parameters={"adminPassword": described(), "unused": described()}))
    write(folder / "app" / "main.json", template([], parameters={"size": described("int")}))
    write(folder / "app" / "main.parameters.json", {"$schema": PARAMS_SCHEMA, "contentVersion": "1.0.0.0",
                                                    "parameters": {"size": {"value": "big"}, "extra": {"value": 1}}})
    write(folder / "orphan.parameters.json", {"$schema": PARAMS_SCHEMA, "contentVersion": "1.0.0.0", "parameters": {}})
    write(folder / "suppressed.json", template([HARDCODED_VAULT | {"metadata": {"relecloud": {"suppress": [
        {"rule": "W3004", "reason": "data residency"}, {"rule": "W5009"}]}}}]))
    write(folder / "broken.bicep", "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'x'\n")
    write(folder / ".relecloud.toml", '[validate]\nrules = { W2001 = "off", W5001 = "warning" }\n')
    return folder


def validate(*args: str):
    result = CliRunner().invoke(cli, ["validate", "--no-color", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def serial_and_parallel(*args: str):
    return validate("--jobs", "1", *args), validate("--jobs", "2", *args)


@pytest.mark.parametrize("output_format", REPORT_FORMATS)
def test_two_processes_give_the_report_of_one(broken, output_format, project_root):
    """Through the CLI, on small input with findings of every origin: the configuration file, the exit code and each
    report format. (Many files and findings in order, the rendered estate among them: corpus_runs below.)"""
    inputs = [str(project_root / "scenarios" / "relecloud.yaml"), str(broken)]
    serial, parallel_run = serial_and_parallel("-f", output_format, "--config", str(broken / ".relecloud.toml"),
                                               *inputs)
    assert parallel_run == serial
    exit_code, report, _ = serial
    assert exit_code == 1 and "E0001" in report and "E2004" in report and "W0010" in report
    if output_format == "text":  # the configuration holds in the workers too (other formats list every rule)
        assert "unused-parameter" not in report and "warning W5001" in report


@pytest.fixture(scope="module")
def corpus_runs(corpus_dir, rendered_estate):
    """A product of the reference corpus (its JSON templates, parameter files and Bicep sources) and the rendered
    estate (more than 200 files) checked in one process and in two, with every rule on (rules off by default too, as
    `--select E,W,I` does), so that there are many findings to put in order. Each is checked once; every format is
    then written from both results (a formatter is a function of the result). One product has every kind of input
    the whole corpus has (templates, parameter files, Bicep with modules) and 86 findings, at a sixth of the cost."""
    config = LintConfig().override(select=["E", "W", "I"])
    results = []
    for jobs in (1, 2):
        run = LintRun(config=config, today=TODAY)
        run.add_path(corpus_dir / "data-product-analytics")
        run.add_path(rendered_estate)
        results.append(run.run(jobs=jobs))
    return results


@pytest.mark.parametrize("output_format", REPORT_FORMATS)
def test_two_processes_give_the_report_of_one_on_the_reference_corpus(corpus_runs, output_format):
    serial, parallel_run = (formatter(output_format)(result, color=False) for result in corpus_runs)
    assert parallel_run == serial
    assert serial.count("\n") > 100


def checked_in(monkeypatch, handshake: Path | None = None) -> None:
    """Make every Bicep file report, as an info finding, the process that checked it. With a ``handshake`` file,
    this process waits in its Bicep files until a worker has checked one, so that both surely take part."""
    parent = os.getpid()

    def note_process(source, run):
        if handshake is not None and os.getpid() != parent:
            handshake.touch()
        elif handshake is not None:
            deadline = time.monotonic() + 60
            while not handshake.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return [Diagnostic(Severity.INFO, "I9999", f"checked in {os.getpid()}", Location(source.shown, 1, 1))]

    swapped = [replace(kind, check=note_process) if kind.name == "bicep" else kind for kind in kinds.KINDS]
    monkeypatch.setattr(kinds, "KINDS", swapped)


def processes_used(rendered_estate, jobs: int) -> set[int]:
    run = LintRun(config=LintConfig(), today=TODAY)
    run.add_path(rendered_estate)
    return {int(d.message.split()[-1]) for d in run.run(jobs=jobs).diagnostics if d.code == "I9999"}


def test_jobs_1_checks_in_this_process_and_jobs_2_in_this_one_and_a_worker(rendered_estate, monkeypatch, tmp_path):
    checked_in(monkeypatch)
    assert processes_used(rendered_estate, 1) == {os.getpid()}
    checked_in(monkeypatch, tmp_path / "a worker checked a file")
    used = processes_used(rendered_estate, 2)
    assert len(used) == 2 and os.getpid() in used


def test_auto_stays_in_this_process_for_a_small_estate_and_uses_every_cpu_for_a_large_one(monkeypatch):
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)
    assert parallel.choose_jobs(None, 500_000) == 1  # the rendered Relecloud estate: not worth a process
    assert parallel.choose_jobs(None, 25_000_000) == 2
    assert parallel.choose_jobs(3, 10) == 2  # never more processes than CPUs (issue 14 item 8)
    assert parallel.choose_jobs(1, 10) == 1
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert parallel.choose_jobs(None, 25_000_000) == 1 and parallel.choose_jobs(4, 10) == 1


@pytest.mark.parametrize("jobs", ["0", "-2", "many"])
def test_a_bad_jobs_value_is_a_usage_error(broken, jobs):
    exit_code, _, errors = validate("--jobs", jobs, str(broken))
    assert exit_code == 2 and "--jobs" in errors


def crash(*args, **kwargs):
    raise RuntimeError("the checker tripped")


@pytest.mark.parametrize("where", ["rule", "file kind"])
def test_a_crash_in_a_worker_is_reported_as_an_internal_error_like_a_serial_run(broken, monkeypatch, where):
    if where == "rule":
        monkeypatch.setattr(LocationNotHardcoded, "check", crash)
    else:
        monkeypatch.setattr(kinds, "KINDS", [replace(k, check=crash) if k.name == "bicep" else k for k in kinds.KINDS])
    serial, parallel_run = serial_and_parallel(str(broken))
    assert parallel_run == serial
    exit_code, report, errors = parallel_run
    internal = [line for line in report.splitlines() if "E0011 internal-error" in line]
    assert internal and all("RuntimeError: the checker tripped" in line for line in internal)
    assert exit_code == 1 and "Traceback" not in report + errors


def test_a_worker_that_dies_leaves_its_files_to_this_process(broken, monkeypatch):
    parent = os.getpid()

    def die_in_a_worker(source, run):
        if os.getpid() != parent:
            os._exit(3)  # as the OOM killer would end it: no exception, no result
        return [Diagnostic(Severity.WARNING, "W9999", "checked here", Location(source.shown, 1, 1))]

    monkeypatch.setattr(kinds, "KINDS", [replace(k, check=die_in_a_worker) if k.name == "bicep" else k
                                         for k in kinds.KINDS])
    serial, parallel_run = serial_and_parallel(str(broken))
    assert parallel_run == serial and "W9999" in serial[1]


@pytest.mark.parametrize("when", ["while the workers start", "while they work"])
def test_ctrl_c_stops_the_workers_at_once(rendered_estate, monkeypatch, tmp_path, when):
    def press_ctrl_c_once() -> None:
        try:  # for the parent, by the first worker to get here
            os.close(os.open(tmp_path / "interrupted", os.O_CREAT | os.O_EXCL))
            os.kill(os.getppid(), signal.SIGINT)
        except FileExistsError:
            pass

    parent = os.getpid()
    # Every piece sleeps until one shared moment, so that a worker left running would still be asleep at the
    # assertion below (this process works too: Ctrl-C ends its sleep), and a Ctrl-C that went astray fails the
    # test within a minute ("DID NOT RAISE") instead of sleeping a minute per piece.
    wake_up = time.monotonic() + 60

    def hang(source, run):
        if when == "while they work" and os.getpid() != parent:
            press_ctrl_c_once()
        time.sleep(max(0.0, wake_up - time.monotonic()))
        return []

    start_worker = parallel._start_worker

    def start_then_interrupt(parent: int) -> None:
        start_worker(parent)
        if when == "while the workers start":  # the parent may still be starting the others
            press_ctrl_c_once()

    run = LintRun(config=LintConfig(), today=TODAY)
    run.add_path(rendered_estate)
    monkeypatch.setattr(kinds, "KINDS", [replace(k, check=hang) if k.name == "bicep" else k for k in kinds.KINDS])
    monkeypatch.setattr(parallel, "_start_worker", start_then_interrupt)
    before = child_processes()
    with pytest.raises(KeyboardInterrupt):
        run.run(jobs=2)
    assert child_processes() == before  # every worker ended and reaped, none asleep


def child_processes() -> set[int]:
    """This process's children (running or not yet reaped), as Linux lists them."""
    tasks = list(Path("/proc/self/task").iterdir())
    if not all((task / "children").exists() for task in tasks):
        pytest.skip("this kernel does not list a process's children (/proc/PID/task/TID/children)")
    return {int(pid) for task in tasks for pid in (task / "children").read_text().split()}


def test_progress_counts_every_file_once_in_workers_too(rendered_estate):
    run = LintRun(config=LintConfig(), today=TODAY)
    run.add_path(rendered_estate)
    reported: list[str] = []
    result = run.run(on_file=reported.append, jobs=2)
    assert sorted(reported) == sorted(result.files) and len(reported) == len(run.sources) > 50


def test_a_result_that_does_not_pickle_is_worked_out_again_here():
    parent = os.getpid()
    seen: dict[int, object] = {}

    def work(item: int):
        return (lambda: item) if os.getpid() != parent else ("here", item)  # a lambda cannot be sent back

    parallel.map_in_processes(work, list(range(6)), 2, seen.__setitem__)
    assert seen == {i: ("here", i) for i in range(6)}


def test_more_pieces_than_one_pipe_holds_are_mapped_in_batches(monkeypatch):
    monkeypatch.setattr(parallel, "_MAX_TICKETS", 3)
    seen: list[tuple[int, int]] = []
    parallel.map_in_processes(lambda item: item * item, list(range(10)), 2,
                              lambda index, result: seen.append((index, result)))
    assert sorted(seen) == [(i, i * i) for i in range(10)]


def test_work_is_shared_by_what_checking_costs_not_by_size(rendered_estate, project_root):
    """render's own Bicep (passed over, its findings are main.json's) weighs nothing; a manifest weighs more than
    its size, since modelling it costs what a large template does."""
    run = LintRun(config=LintConfig(), today=TODAY)
    run.add_path(project_root / "scenarios" / "relecloud.yaml")
    run.add_path(rendered_estate)
    run.run(jobs=1)
    bicep = [source for source in run.sources if source.kind == "bicep"]
    assert len(bicep) > 100 and all(kinds.work(source) == 0 for source in bicep)
    manifest = next(source for source in run.sources if source.kind == "manifest")
    assert kinds.work(manifest) > 10 * len(manifest.text)


def manifest_checked_by(monkeypatch, behaviour) -> None:
    swapped = [replace(kind, check=behaviour) if kind.name == "manifest" else kind for kind in kinds.KINDS]
    monkeypatch.setattr(kinds, "KINDS", swapped)


def test_a_manifest_among_other_inputs_is_checked_in_a_worker_while_the_rest_is_read(broken, monkeypatch,
                                                                                      project_root):
    def note_process(source, run):
        return [Diagnostic(Severity.INFO, "I9999", f"checked in {os.getpid()}", Location(source.shown, 1, 1))]

    manifest_checked_by(monkeypatch, note_process)
    manifest = str(project_root / "scenarios" / "relecloud.yaml")
    serial, early = serial_and_parallel("--select", "I", manifest, str(broken))
    assert f"checked in {os.getpid()}" in serial[1]
    assert "I9999" in early[1] and f"checked in {os.getpid()}" not in early[1]
    assert serial[0] == early[0]


def test_a_manifest_worker_that_dies_leaves_the_manifest_to_this_process(broken, monkeypatch, project_root):
    parent = os.getpid()

    def die_in_a_worker(source, run):
        if os.getpid() != parent:
            os._exit(3)
        return [Diagnostic(Severity.WARNING, "W9999", "checked here", Location(source.shown, 1, 1))]

    manifest_checked_by(monkeypatch, die_in_a_worker)
    serial, early = serial_and_parallel(str(project_root / "scenarios" / "relecloud.yaml"), str(broken))
    assert early == serial and "W9999" in serial[1]


def test_without_a_pipe_to_be_had_everything_is_done_here(monkeypatch):
    def no_pipe():
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(parallel.os, "pipe", no_pipe)
    seen: list[tuple[int, int]] = []
    parallel.map_in_processes(lambda item: (item, os.getpid()), list(range(5)), 2,
                              lambda index, result: seen.append((index, result[1])))
    assert sorted(seen) == [(i, os.getpid()) for i in range(5)]
