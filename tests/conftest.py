"""Shared fixtures. Every test runs behind a guard that refuses connections to anything but loopback."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "reference"

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(address) -> None:
    if isinstance(address, tuple) and address and isinstance(address[0], str) and not _is_loopback(address[0]):
        raise ConnectionRefusedError(f"test network guard: connection to {address[0]!r} is not allowed")


def _guarded_connect(self, address):
    _check(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and not _is_loopback(host):
        raise socket.gaierror(socket.EAI_NONAME, f"test network guard: lookup of {host!r} is not allowed")
    return _real_getaddrinfo(host, *args, **kwargs)


# Fixtures that read ../shared, and the folders each reads: a test that takes one carries a needs_shared mark for each.
_REFERENCE = ("corpus", "reference")
SHARED_FIXTURES: dict[str, tuple[tuple[str, ...], ...]] = {
    "corpus_dir": (_REFERENCE,),
    "corpora_result": (_REFERENCE, ("corpus", "trust")),
    "corpus_result": (_REFERENCE, ("corpus", "trust")),  # tests/lint/test_evidence.py: a part of corpora_result
    "reference_templates": (_REFERENCE,),  # tests/lint: the race rules on the reference templates
    "reference_baseline": (_REFERENCE,),  # tests/lint/test_corpora.py, tests/bicep/test_validate_bicep.py
    "corpus_bicep": (_REFERENCE,),  # tests/bicep/test_validate_bicep.py
    "types_archive": (("schemas", "bicep-types-az"),),  # tests/armschema/test_data.py
    "arm_schemas": (("schemas", "arm"),),  # tests/armschema/test_data.py
}


def pytest_collection_modifyitems(config, items):
    """Tests that need ../shared (marked needs_shared, or taking a fixture of SHARED_FIXTURES) skip, saying what is
    missing, where it is absent: a plain clone runs everything else (CONTRIBUTING.md)."""
    for item in items:
        for name in sorted(SHARED_FIXTURES.keys() & set(getattr(item, "fixturenames", ()))):
            for parts in SHARED_FIXTURES[name]:
                item.add_marker(pytest.mark.needs_shared(*parts))
        for mark in item.iter_markers("needs_shared"):
            if not SHARED.joinpath(*mark.args).exists():
                where = "/".join(("../shared", *mark.args))
                # first, before the skip of an empty parameter set (parameters drawn from the corpora)
                item.add_marker(pytest.mark.skip(reason=f"needs {where}, which is not here (see CONTRIBUTING.md)"),
                                append=False)
                break


# Test files that share an expensive session-scoped fixture: `make test` (pytest-xdist, --dist loadfile) sends them
# to one worker as one unit, so that the fixture is computed once, not once in each worker that runs one of them.
SCHEDULED_TOGETHER = {
    "tests/lint/test_corpora.py": "corpora_result",
    "tests/armschema/test_corpus.py": "corpora_result",
    "tests/lint/test_evidence.py": "corpora_result",  # its corpus_result is the reference part of it
    "tests/bicep/test_validate_bicep.py": "corpora_result",  # and reference_baseline, as tests/lint/test_corpora.py
}
# Seconds each unit (a file, or a group above) took in earlier runs, in pytest's cache: the longest go out first, so
# that no long file starts last and keeps one worker busy while the others wait (a file never seen yet counts as
# 50 ms a test).
DURATIONS_KEY = "relecloud/unit-durations"


def _unit_of(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return SCHEDULED_TOGETHER.get(path, path)


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None  # pytest-xdist's own
    from xdist.scheduler import LoadFileScheduling

    cache = getattr(config, "cache", None)  # absent with -p no:cacheprovider
    known: dict[str, float] = cache.get(DURATIONS_KEY, {}) if cache else {}

    class LongestFileFirst(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _unit_of(nodeid)

        def _assign_work_unit(self, node) -> None:
            longest = max(self.workqueue, key=lambda unit: known.get(unit, 0.05 * len(self.workqueue[unit])))
            self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    return LongestFileFirst(config, log)


_durations: dict[str, float] = {}


def pytest_runtest_logreport(report) -> None:
    _durations[_unit_of(report.nodeid)] = _durations.get(_unit_of(report.nodeid), 0.0) + report.duration


def pytest_sessionfinish(session) -> None:
    config = session.config
    if hasattr(config, "workerinput") or not getattr(config, "cache", None) or not _durations:
        return  # the workers' reports reach the controller, which keeps the record
    if config.option.keyword or config.option.markexpr or config.getoption("lf", False):
        return  # a part of some files: not what a whole file takes
    config.cache.set(DURATIONS_KEY, {**config.cache.get(DURATIONS_KEY, {}), **{k: round(v, 2) for k, v in
                                                                                  _durations.items()}})


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files (tests/lint/fixtures/*/expected.txt, tests/golden/) from what the "
                          "code produces now; review the change with git diff before committing it")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    """Whether this run rewrites golden files instead of comparing with them (``make golden``)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """Any attempt to reach an address other than loopback fails the test that makes it."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    # Never let a credential probe the instance metadata service or pick up a developer's login.
    for name in ("AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET", "AZURE_AUTHORITY_HOST",
                 "IDENTITY_ENDPOINT", "MSI_ENDPOINT", "AZURE_FEDERATED_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The reference corpus in ../shared (a test that takes it skips where it is absent: SHARED_FIXTURES)."""
    return CORPUS


@pytest.fixture(scope="session")
def corpora_result():
    """The reference and trust corpora linted once per test session with the default configuration (a LintResult,
    paths as given: ../shared/corpus/...); a test that takes it skips where they are absent (SHARED_FIXTURES)."""
    corpora = SHARED / "corpus"
    from relecloud_templates.lint.config import LintConfig
    from relecloud_templates.lint.runner import lint

    return lint([corpora / "reference", corpora / "trust"], LintConfig(root=corpora))


@pytest.fixture(scope="session")
def reference_baseline():
    """The reference corpus (JSON templates and Bicep sources) linted once per test session under --profile
    security-baseline (tests/lint/test_corpora.py, tests/bicep/test_validate_bicep.py)."""
    from relecloud_templates.lint.config import parse_config
    from relecloud_templates.lint.runner import lint

    return lint([CORPUS], parse_config({"profile": "security-baseline"}, None))


@pytest.fixture(scope="session")
def example_render(tmp_path_factory) -> Path:
    """The output folder of `relecloud render --example` (both environments, ARM and Bicep), rendered once per test
    process through the CLI. Read only: a test that changes a render takes ``example_render_copy``."""
    from click.testing import CliRunner

    from relecloud_templates.cli import cli

    out = tmp_path_factory.mktemp("example") / "out"
    done = CliRunner().invoke(cli, ["render", "--example", "-o", str(out), "-q"])
    assert done.exit_code == 0, done.output
    return out


@pytest.fixture
def example_render_copy(example_render, tmp_path) -> Path:
    """tmp_path/out holding what `relecloud render --example -o tmp_path/out` writes, for a test to change: a copy of
    ``example_render``. plan.json names the manifest relative to its folder, and both folders lie at the same depth
    under pytest's base folder, so the copy is byte for byte the render the test would have made itself."""
    out = tmp_path / "out"
    assert os.path.relpath(PROJECT_ROOT, out) == os.path.relpath(PROJECT_ROOT, example_render)
    shutil.copytree(example_render, out)
    return out


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture
def bundled_manifest() -> Path:
    return PROJECT_ROOT / "scenarios" / "relecloud.yaml"
