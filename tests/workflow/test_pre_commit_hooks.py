"""relecloud's pre-commit hooks, as another repository uses them: the real `pre-commit` tool installs this
checkout (a git snapshot of the working tree, see conftest.py) and `git commit` runs the hooks.

The first run pip-installs relecloud and its dependencies into pre-commit's environment (the package registry
is the only network needed); later runs with an unchanged tree reuse it from pytest's cache.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from relecloud_templates.cli import cli
from workflow.gitrepo import PROJECT_ROOT, git, pre_commit_env

pytestmark = pytest.mark.pre_commit_install

HOOKS = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text())


def template(parameters: dict) -> str:
    """A small storage account template whose SKU comes from a parameter, secure by default."""
    document = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": parameters,
        "resources": [
            {
                "type": "Microsoft.Storage/storageAccounts",
                "apiVersion": "2023-05-01",
                "name": "rcdevlake",
                "location": "[parameters('location')]",
                "sku": {"name": "[parameters('storageSku')]"},
                "kind": "StorageV2",
                "properties": {
                    "minimumTlsVersion": "TLS1_2",
                    "supportsHttpsTrafficOnly": True,
                    "allowBlobPublicAccess": False,
                    "allowSharedKeyAccess": False,
                    "publicNetworkAccess": "Disabled",
                    "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"},
                },
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"


LOCATION = {"type": "string", "defaultValue": "[resourceGroup().location]", "metadata": {"description": "Region."}}
SKU = {"type": "string", "defaultValue": "Standard_ZRS", "allowedValues": ["Standard_LRS", "Standard_ZRS"],
       "metadata": {"description": "Redundancy of the storage account."}}


class UserRepo:
    """A fresh git repository of a relecloud user, its hooks installed from the snapshot."""

    def __init__(self, path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path, hooks: list[dict]):
        self.path = path
        self.env = pre_commit_env(pre_commit_home)
        repo, commit = hook_repo
        path.mkdir()
        git(path, "init", "--quiet", "--initial-branch=main")
        config = {"repos": [{"repo": str(repo), "rev": commit, "hooks": hooks}]}
        (path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        self.pre_commit("install")
        installed = self.pre_commit("install-hooks")
        assert installed.returncode == 0, installed.stdout + installed.stderr

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=self.path, env=self.env,
                              capture_output=True, text=True)

    def relecloud(self, *args: str) -> Result:
        """The user's own relecloud command in the repository, run in this process (the hooks run it in theirs)."""
        cwd = os.getcwd()
        os.chdir(self.path)
        try:
            return CliRunner().invoke(cli, list(args))
        finally:
            os.chdir(cwd)

    def commit(self, *paths: str) -> subprocess.CompletedProcess:
        git(self.path, "add", *(paths or ["--all"]), env=self.env)
        return git(self.path, "commit", "-m", "change", check=False, env=self.env)

    def commits(self) -> int:
        result = git(self.path, "rev-list", "--count", "HEAD", check=False)
        return int(result.stdout) if result.returncode == 0 else 0


def test_the_hook_definitions_match_the_cli():
    by_id = {hook["id"]: hook for hook in HOOKS}
    assert set(by_id) == {"relecloud-validate", "relecloud-render-check"}
    assert by_id["relecloud-validate"]["entry"] == "relecloud validate --skip-unknown-files --"  # names never options
    assert by_id["relecloud-render-check"]["entry"] == "relecloud render --check"
    assert by_id["relecloud-render-check"]["pass_filenames"] is False
    for hook in HOOKS:
        assert hook["language"] == "python"  # so that pre-commit installs relecloud itself


def test_validate_hook_blocks_a_broken_template_with_its_location(tmp_path, hook_repo, pre_commit_home):
    user = UserRepo(tmp_path / "user", hook_repo, pre_commit_home, [{"id": "relecloud-validate"}])
    (user.path / "templates").mkdir()
    broken = template({"location": LOCATION})  # uses parameters('storageSku'), which it never declares
    (user.path / "templates" / "storage.json").write_text(broken)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "storageSku" in text)

    blocked = user.commit()
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"relecloud validate\.+Failed", output)
    assert f"templates/storage.json:{line}:" in output and "storageSku" in output
    assert user.commits() == 0

    (user.path / "templates" / "storage.json").write_text(template({"location": LOCATION, "storageSku": SKU}))
    passed = user.commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"relecloud validate\.+Passed", passed.stderr)  # git shows hook output on stderr
    assert user.commits() == 1


def test_a_staged_file_named_like_an_option_is_validated_not_obeyed(tmp_path, hook_repo, pre_commit_home):
    """Issue 14 item 12: pre-commit appends staged names after the options; without `--` a file named
    `--output-file=victim.json` made validate write its report over victim.json, and `--config=...` could
    switch the checks off."""
    user = UserRepo(tmp_path / "user", hook_repo, pre_commit_home, [{"id": "relecloud-validate"}])
    victim = user.path / "victim.json"
    victim.write_text('{"precious": true}\n')
    user.commit()  # victim.json is not a template: the hook notes and skips it
    assert user.commits() == 1
    broken = template({"location": LOCATION})  # uses parameters('storageSku'), which it never declares
    (user.path / "--output-file=victim.json").write_text(broken)
    (user.path / "off.json").write_text("[validate]\nexclude = ['**']\n")  # TOML that switches every check off
    (user.path / "--config=off.json").write_text(broken)
    blocked = user.commit()
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "--output-file=victim.json:" in output and "storageSku" in output  # checked as a file
    assert "--config=off.json:" in output
    assert victim.read_text() == '{"precious": true}\n'
    assert user.commits() == 1


def test_render_check_hook_blocks_stale_output_naming_the_files(tmp_path, hook_repo, pre_commit_home):
    hooks = [
        {"id": "relecloud-validate"},
        {"id": "relecloud-render-check", "args": ["-o", "out", "--", "relecloud.yaml"]},
    ]
    user = UserRepo(tmp_path / "user", hook_repo, pre_commit_home, hooks)
    manifest = user.path / "relecloud.yaml"
    manifest.write_text((PROJECT_ROOT / "scenarios" / "minimal.yaml").read_text())
    rendered = user.relecloud("render", "relecloud.yaml", "-o", "out")
    assert rendered.exit_code == 0, rendered.output
    first = user.commit()
    assert first.returncode == 0, first.stdout + first.stderr  # our own rendered output passes validate too
    assert user.commits() == 1

    manifest.write_text(manifest.read_text().replace("platform-team@example.com", "data-team@example.com"))
    blocked = user.commit("relecloud.yaml")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"relecloud render --check\.+Failed", output)
    named = set(re.findall(r"^(out/\S+): out of date$", output, flags=re.M))
    assert user.commits() == 1

    rerendered = user.relecloud("render", "relecloud.yaml", "-o", "out")
    assert rerendered.exit_code == 0, rerendered.output
    changed = set(git(user.path, "diff", "--name-only", "--", "out").stdout.split())
    assert changed, "the tag change should reach the rendered output"
    assert named == changed  # the hook named exactly the files that re-rendering changed
    passed = user.commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert user.commits() == 2
