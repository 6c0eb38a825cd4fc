"""Shell completion works the way docs/terminal.md tells users to turn it on."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "terminal.md"
BIN = Path(sys.executable).parent


def relecloud_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_documented_shell_gets_a_completion_script(shell):
    assert f"_RELECLOUD_COMPLETE={shell}_source relecloud" in DOCS.read_text()
    result = subprocess.run(["relecloud"], env=relecloud_env(_RELECLOUD_COMPLETE=f"{shell}_source"),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "_relecloud_completion" in result.stdout


def test_bash_completes_commands_and_options_after_the_documented_eval():
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    documented = re.search(r'^eval "\$\(_RELECLOUD_COMPLETE=bash_source relecloud\)"$', DOCS.read_text(), re.M)
    assert documented, "docs/terminal.md no longer shows the bash line this test runs"
    script = (
        documented.group(0)
        + """
# bash calls the function with the command name as $1, as it would on <TAB>.
complete_words() {
  COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _relecloud_completion relecloud; echo "${COMPREPLY[*]}"
}
complete_words relecloud in
complete_words relecloud init estate --from
"""
    )
    result = subprocess.run([bash, "--norc", "--noprofile", "-c", script], env=relecloud_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["init", "--from-bundled"]
