"""The CI recipes in docs/ci/ parse, have the shape their CI system expects, and call the CLI as it exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from workflow.shell_commands import positionals_before_separator, problems_with, relecloud_invocations

DOCS = Path(__file__).resolve().parents[2] / "docs"
GITHUB_RECIPES = sorted((DOCS / "ci" / "github-actions").glob("*.yml"))
AZURE_DEVOPS_RECIPES = sorted((DOCS / "ci" / "azure-devops").glob("*.yml"))
MARKDOWN_WITH_COMMANDS = [
    DOCS.parent / "README.md",
    DOCS / "ci" / "README.md",
    DOCS / "ci" / "pre-commit.md",
    DOCS / "terminal.md",
    DOCS / "deploy.md",
]


def load(path: Path) -> dict:
    document = yaml.safe_load(path.read_text())
    assert isinstance(document, dict), f"{path.name}: not a YAML mapping"
    return document


def github_steps(workflow: dict) -> Iterator[tuple[str, dict]]:
    for job_name, job in workflow["jobs"].items():
        for step in job["steps"]:
            yield job_name, step


def azure_devops_steps(node) -> Iterator[dict]:
    """Every step, wherever it sits: stages -> jobs -> steps, or a deployment job's strategy."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "steps":
                yield from value
            else:
                yield from azure_devops_steps(value)
    elif isinstance(node, list):
        for item in node:
            yield from azure_devops_steps(item)


def azure_devops_script(step: dict) -> str:
    return step.get("script") or step.get("bash") or step.get("inputs", {}).get("inlineScript") or ""


def invocations(scripts: list[str]) -> list[list[str]]:
    return [args for script in scripts for args in relecloud_invocations(script)]


@pytest.mark.parametrize("path", [*GITHUB_RECIPES, *AZURE_DEVOPS_RECIPES], ids=lambda p: p.name)
def test_recipes_put_double_dash_before_file_names(path):
    """Issue 14 item 12: a file name that begins with `-` must never be read as an option."""
    document = load(path)
    if path in GITHUB_RECIPES:
        scripts = [step.get("run", "") for _, step in github_steps(document)]
    else:
        scripts = [azure_devops_script(step) for step in azure_devops_steps(document["stages"])]
    found = invocations(scripts)
    assert found
    assert [(args, positionals_before_separator(args)) for args in found if positionals_before_separator(args)] == []


def test_there_are_recipes_for_both_systems():
    assert len(GITHUB_RECIPES) >= 2 and len(AZURE_DEVOPS_RECIPES) >= 1


@pytest.mark.parametrize("path", GITHUB_RECIPES, ids=lambda p: p.name)
def test_github_workflow_shape_and_commands(path):
    workflow = load(path)
    assert True in workflow or "on" in workflow, "no trigger (`on:`)"  # YAML 1.1 reads a bare `on` as True
    scripts = []
    for job_name, step in github_steps(workflow):
        assert ("uses" in step) != ("run" in step), f"job {job_name}: a step needs exactly one of uses/run"
        if "run" in step:
            scripts.append(step["run"])
    for job in workflow["jobs"].values():
        assert "runs-on" in job
    found = invocations(scripts)
    assert found, "the recipe runs no relecloud command"
    assert [problem for args in found for problem in problems_with(args)] == []


@pytest.mark.parametrize("path", AZURE_DEVOPS_RECIPES, ids=lambda p: p.name)
def test_azure_devops_pipeline_shape_and_commands(path):
    pipeline = load(path)
    steps = list(azure_devops_steps(pipeline["stages"]))
    kinds = {"script", "bash", "pwsh", "task", "checkout"}
    for step in steps:
        assert len(kinds & step.keys()) == 1, f"step {step} needs exactly one of {sorted(kinds)}"
    found = invocations([azure_devops_script(step) for step in steps])
    assert found, "the pipeline runs no relecloud command"
    assert [problem for args in found for problem in problems_with(args)] == []


def test_github_recipes_cover_sarif_render_check_and_oidc_deploy():
    check = load(DOCS / "ci" / "github-actions" / "relecloud-check.yml")
    check_steps = [step for _, step in github_steps(check)]
    assert any(
        args[:1] == ["validate"] and "sarif" in args for args in invocations([s.get("run", "") for s in check_steps])
    )
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in check_steps)
    assert check["jobs"]["validate"]["permissions"]["security-events"] == "write"
    assert any(
        args[:1] == ["render"] and "--check" in args for args in invocations([s.get("run", "") for s in check_steps])
    )

    deploy = load(DOCS / "ci" / "github-actions" / "relecloud-deploy.yml")
    assert deploy["permissions"]["id-token"] == "write"
    by_job = {name: invocations([s.get("run", "") for s in job["steps"]]) for name, job in deploy["jobs"].items()}
    assert "pull_request" in deploy["jobs"]["what-if"]["if"]
    assert any(args[:1] == ["deploy"] and "--what-if" in args for args in by_job["what-if"])
    assert "refs/heads/main" in deploy["jobs"]["deploy"]["if"]
    assert any(args[:1] == ["deploy"] and "--yes" in args for args in by_job["deploy"])
    for _, step in github_steps(deploy):
        if step.get("uses", "").startswith("azure/login@"):
            assert set(step["with"]) == {"client-id", "tenant-id", "subscription-id"}, "OIDC: no secret, no creds"


def test_the_drift_recipe_runs_nightly_and_fails_on_changes():
    drift = load(DOCS / "ci" / "github-actions" / "relecloud-drift.yml")
    assert "schedule" in drift[True] and drift["permissions"]["id-token"] == "write"
    runs = invocations([step.get("run", "") for _, step in github_steps(drift)])
    assert any(args[:1] == ["deploy"] and {"--what-if", "--detailed-exitcode", "--env"} <= set(args) for args in runs)
    steps = [step for _, step in github_steps(drift)]
    assert any(step.get("if") == "steps.drift.outputs.code != '0'" for step in steps)


def test_the_azure_devops_drift_recipe_runs_nightly_per_environment_and_fails_on_changes():
    """The Azure DevOps counterpart of relecloud-drift.yml: scheduled even without commits, one job per
    environment, the JSON report kept whatever happens, the run failed on 1 and 2 alike."""
    drift = load(DOCS / "ci" / "azure-devops" / "relecloud-drift.yml")
    assert drift["trigger"] == "none" and drift["pr"] == "none"
    [schedule] = drift["schedules"]
    assert len(schedule["cron"].split()) == 5 and schedule["always"] is True
    [job] = drift["stages"][0]["jobs"]
    environments = {name: v["environment"] for name, v in job["strategy"]["matrix"].items()}
    assert environments == {"dev": "dev", "prd": "prd"}
    steps = job["steps"]
    check = next(s for s in steps if s.get("task", "").startswith("AzureCLI@"))
    runs = invocations([azure_devops_script(check)])
    assert any(args[:1] == ["deploy"] and {"--what-if", "--detailed-exitcode", "--env", "--output"} <= set(args)
               for args in runs)
    script = azure_devops_script(check)
    assert "set +e" in script and "##vso[task.setvariable variable=code]$code" in script
    keep = next(s for s in steps if s.get("task", "").startswith("PublishPipelineArtifact@"))
    assert keep["condition"] == "succeededOrFailed()" and keep["inputs"]["targetPath"] == "drift.json"
    fail = steps[-1]
    assert fail["condition"] == "and(succeededOrFailed(), ne(variables['code'], '0'))"
    assert "exit 1" in fail["bash"] and '"${CODE:-}" = "2"' in fail["bash"]


def test_azure_devops_recipe_covers_validate_render_check_what_if_and_deploy():
    pipeline = load(DOCS / "ci" / "azure-devops" / "azure-pipelines.yml")
    steps = list(azure_devops_steps(pipeline["stages"]))
    found = invocations([azure_devops_script(step) for step in steps])
    commands = {(args[0], flag) for args in found for flag in args if flag.startswith("--")}
    assert {("validate", "--format"), ("render", "--check"), ("deploy", "--what-if"), ("deploy", "--yes")} <= commands
    azure_steps = [s for s in steps if s.get("task", "").startswith("AzureCLI@")]
    assert azure_steps and all("deploy" in s["inputs"]["inlineScript"] for s in azure_steps)


def markdown_shell_blocks(path: Path) -> list[str]:
    return re.findall(r"```(?:sh|bash|shell|console|zsh|fish)\n(.*?)```", path.read_text(), flags=re.S)


@pytest.mark.parametrize("path", MARKDOWN_WITH_COMMANDS, ids=lambda p: p.name)
def test_commands_in_the_docs_exist(path):
    scripts = [block.replace("$ ", "") for block in markdown_shell_blocks(path)]
    found = invocations(scripts)
    assert found, f"{path.name} shows no relecloud command"
    assert [problem for args in found for problem in problems_with(args)] == []


@pytest.mark.parametrize(
    "script, expected",
    [
        ("relecloud init estate --minimul", "no option '--minimul'"),
        ("cd x && relecloud frobnicate", "no command 'frobnicate'"),
        ("relecloud validate a.json --format xml > out.xml", "'xml' is not one of"),
        ("relecloud init \\\n  estate --from-bundled --verbose", None),
    ],
)
def test_the_checker_catches_a_renamed_option_command_or_choice(script, expected):
    found = list(relecloud_invocations(script))
    assert len(found) == 1
    problems = problems_with(found[0])
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems
