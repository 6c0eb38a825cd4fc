"""Issue 14 item 8: a named pipe, a device or an oversized file given as input is refused at once (exit 2,
saying what it is), never read until the machine runs out of time or memory; `-j` is capped at the CPUs."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from hostile.clirun import assert_clean_refusal, relecloud
from relecloud_templates.fsutil import MAX_INPUT_BYTES, InputRefused, read_input, read_input_stream, read_input_text

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")

MINIMAL = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "minimal.yaml")


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "estate.yaml"
    os.mkfifo(path)
    return path


def test_read_input_refuses_what_is_not_a_regular_file(tmp_path, fifo):
    with pytest.raises(InputRefused, match=r"named pipe \(FIFO\): relecloud reads regular files only"):
        read_input(fifo)
    with pytest.raises(InputRefused, match="character device"):
        read_input("/dev/zero")
    with pytest.raises(InputRefused, match="a folder"):
        read_input(tmp_path)
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(tmp_path / "s.json"))
    try:
        with pytest.raises(InputRefused, match="a socket"):
            read_input(tmp_path / "s.json")
    finally:
        listening.close()


def test_read_input_caps_the_size_and_reports_it_as_an_os_error(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(OSError) as refused:
        read_input(big, limit=1024)
    assert "2,048 bytes: larger than" in refused.value.strerror and refused.value.filename == str(big)
    assert read_input(big, limit=2048) == b" " * 2048
    assert read_input_text(big, limit=4096) == " " * 2048
    with open("/dev/zero", "rb") as endless, pytest.raises(InputRefused, match="more than 1,024 bytes"):
        read_input_stream(endless, limit=1024)
    assert MAX_INPUT_BYTES >= 4 * 1024 * 1024  # Azure accepts templates up to 4 MB: never refuse one


def test_a_missing_file_is_still_the_systems_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_input(tmp_path / "absent.json")


@pytest.mark.parametrize("args", [
    ("render", "{fifo}", "-o", "{tmp}/out"),
    ("render", "{fifo}", "-o", "{tmp}/out", "--check"),
    ("plan", "{fifo}"),
    ("validate", "{fifo}"),
    ("validate", "/dev/zero"),
    ("decompile", "{fifo}", "-o", "{tmp}/bicep"),
    ("deploy", "{fifo}", "--what-if"),
    ("validate", "--config", "{fifo}", "{minimal}"),
], ids=["render", "render-check", "plan", "validate", "validate-dev-zero", "decompile", "deploy", "validate-config"])
def test_every_command_refuses_a_pipe_or_device_at_once(tmp_path, fifo, args):
    values = {"fifo": str(fifo), "tmp": str(tmp_path), "minimal": MINIMAL}
    ran = relecloud(*(a.format(**values) for a in args), deadline=15)
    assert "Traceback" not in ran.output, ran.output
    assert ran.code == 2, (ran.code, ran.output)
    assert "relecloud reads regular files only" in ran.output


def pooled_manifest(folder) -> str:
    """The starter manifest with its landing zone's range taken from an address pool (so the record is read)."""
    manifest = folder / "estate.yaml"
    text = Path(MINIMAL).read_text(encoding="utf-8")
    text = text.replace("version: 1\n", "version: 1\naddressing:\n  pool: 10.64.0.0/12\n")
    manifest.write_text(
        text.replace("    network:\n      addressSpace: 10.1.0.0/16  # must not overlap another zone's range\n", "")
    )
    return manifest


def test_a_pipe_as_the_address_record_beside_a_manifest_is_refused(tmp_path):
    manifest = pooled_manifest(tmp_path)
    os.mkfifo(tmp_path / "estate.addresses.yaml")
    ran = relecloud("plan", str(manifest), deadline=15)
    assert_clean_refusal(ran, "estate.addresses.yaml", "relecloud reads regular files only")


def test_endless_standard_input_is_cut_at_the_limit(tmp_path):
    with open("/dev/zero", "rb") as endless:
        ran = relecloud("validate", "-", stdin=endless, deadline=15)
    assert_clean_refusal(ran, "<stdin>", "larger than the 16 MiB")


def test_jobs_beyond_the_cpus_are_capped(tmp_path):
    from relecloud_templates.lint import parallel

    if not parallel.can_fork():
        pytest.skip("validate checks in one process where workers cannot be forked")
    assert parallel.choose_jobs(10_000, 0) == parallel.available_cpus()
    ran = relecloud("validate", "-j", "100000", "-v", MINIMAL, deadline=15)
    assert ran.code == 0, ran.output
    assert f"-j 100000: using {parallel.available_cpus()}" in ran.output
