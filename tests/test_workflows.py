"""The GitHub workflows and repository files: they parse, stay least-privilege, pin actions, and run what a person runs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(?P<ref>[0-9a-f]{40}|v\d+(\.\d+){0,2})$")
# Write access each job may have, and no other job: everything else is read-only.
ALLOWED_PERMISSIONS = {
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("issue-to-pr.yml", "convert"): {"contents": "write", "pull-requests": "write"},
    ("issue-to-pr.yml", "report"): {"issues": "write"},
    ("stale.yml", "report"): {"contents": "read", "issues": "write"},
}
# Text an outsider controls: it may reach a step only through env, never a ${{ }} in a script.
UNTRUSTED = re.compile(
    r"github\.event\.(issue\.(body|title)|comment\.body|pull_request\.(body|title|head\.ref|head\.label)|review\.body|head_commit\.message)|github\.head_ref"
)


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """Return the `on:` block (PyYAML reads the bare key `on` as True)."""
    found = workflow.get("on", workflow.get(True))
    return found if isinstance(found, dict) else {name: None for name in ([found] if isinstance(found, str) else found)}


def steps(workflow: dict):
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, job, step


def make_targets() -> set[str]:
    done = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(re.findall(r"^\s+make (\S+)", done.stdout, re.M))


def test_there_are_the_expected_workflows():
    assert {path.name for path in WORKFLOWS} == {"check.yml", "pages.yml", "issue-to-pr.yml", "stale.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_with_name_triggers_and_jobs(path):
    workflow = load(path)
    assert isinstance(workflow, dict) and workflow.get("name")
    assert triggers(workflow)
    assert workflow["jobs"]
    for job_name, job in workflow["jobs"].items():
        assert job.get("runs-on"), job_name
        assert isinstance(job.get("timeout-minutes"), int), f"{job_name} has no timeout-minutes"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_declared_and_minimal(path):
    workflow = load(path)
    assert "permissions" in workflow, "declare permissions at the top, read-only or none"
    top = workflow["permissions"]
    assert top in ({}, {"contents": "read"}), f"top-level permissions must be {{}} or contents: read, not {top}"
    for job_name, job in workflow["jobs"].items():
        effective = job.get("permissions", top)
        assert isinstance(effective, dict), f"{job_name}: write permissions as a mapping, never read-all/write-all"
        allowed = ALLOWED_PERMISSIONS.get((path.name, job_name), {"contents": "read"})
        for scope, level in effective.items():
            assert level in ("read", "none", "write"), (job_name, scope, level)
            if level == "write":
                assert allowed.get(scope) == "write", f"{path.name} job {job_name} may not have {scope}: write"
            elif level == "read":
                assert scope in allowed, f"{path.name} job {job_name} does not need {scope}: read"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_version(path):
    text = path.read_text(encoding="utf-8")
    for job_name, _, step in steps(load(path)):
        uses = step.get("uses")
        if not uses or uses.startswith("./"):
            continue
        match = PINNED.match(uses)
        assert match, f"{job_name}: {uses} is not pinned to a release tag or a full commit SHA"
        if len(match["ref"]) == 40:  # a SHA says which release it is, for the person who updates it
            assert re.search(rf"{re.escape(uses)} # v\d", text), f"{uses}: add the release as a comment, e.g. # v4.2.2"


def test_each_action_is_pinned_to_the_same_ref_everywhere():
    refs: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for _, _, step in steps(load(path)):
            if step.get("uses"):
                action, _, ref = step["uses"].partition("@")
                refs.setdefault(action, set()).add(ref)
    assert {action: found for action, found in refs.items() if len(found) > 1} == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_untrusted_text_or_forked_code_reaches_a_shell(path):
    workflow = load(path)
    names = set(triggers(workflow))
    assert not names & {"pull_request_target", "workflow_run"}, "these run fork code or data with write permissions"
    for job_name, _, step in steps(workflow):
        script = step.get("run", "")
        assert "${{" not in script, f"{job_name}: pass values to scripts through env:, not ${{{{ }}}} in the script"
        for key, value in (step.get("with") or {}).items():
            assert not UNTRUSTED.search(str(value)), f"{job_name}: untrusted text in with.{key}"
    for match in UNTRUSTED.finditer(path.read_text(encoding="utf-8")):
        line = path.read_text(encoding="utf-8")[: match.start()].rsplit("\n", 1)[-1]
        assert re.match(r"^\s+[A-Z_]+: \$\{\{ $", line), f"untrusted {match.group()} outside an env: value"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_keeps_no_token_unless_the_job_pushes(path):
    workflow = load(path)
    for job_name, job, step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            pushes = (job.get("permissions") or {}).get("contents") == "write"
            keeps = (step.get("with") or {}).get("persist-credentials", True)
            assert keeps == pushes, f"{job_name}: persist-credentials must be {str(pushes).lower()}"


def test_workflows_run_the_commands_a_person_runs():
    targets = make_targets()
    expected = {
        "check.yml": {"make setup", "make html", "make lint", "scripts/validate.py", ".ci/run"},
        "pages.yml": {"make publish"},
        "issue-to-pr.yml": {"make setup", "make validate", "scripts/issue_to_entry.py"},
        "stale.yml": {"make setup", "scripts/stale_report.py"},
    }
    for path in WORKFLOWS:
        scripts = "\n".join(step.get("run", "") for _, _, step in steps(load(path)))
        for target in re.findall(r"\bmake (\S+)", scripts):
            assert target in targets, f"{path.name}: make {target} is not a target in `make help`"
        for script in re.findall(r"scripts/[\w-]+\.py", scripts):
            assert (ROOT / script).is_file(), f"{path.name}: {script} does not exist"
        for command in expected[path.name]:
            assert command in scripts, f"{path.name} should run {command}"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("script", ["validate.py", "new.py", "issue_to_entry.py", "check_links.py", "stale_report.py"])
def test_scripts_the_workflows_and_docs_name_answer_help(script):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_pages_workflow_uses_the_official_actions_and_the_pages_address():
    workflow = load(GITHUB / "workflows" / "pages.yml")
    used = {step["uses"].split("@")[0] for _, _, step in steps(workflow) if step.get("uses")}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    build = workflow["jobs"]["build"]["steps"]
    publish = next(step for step in build if step.get("run") == "make publish")
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_issue_workflow_runs_only_for_the_maintainers_label():
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    assert triggers(workflow) == {"issues": {"types": ["labeled"]}}
    assert "github.event.label.name == 'convert-to-pr'" in workflow["jobs"]["convert"]["if"]
    entry = next(step for _, _, step in steps(workflow) if step.get("id") == "entry")
    assert entry["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert '"$ISSUE_BODY"' in entry["run"]


def test_stale_workflow_is_scheduled_and_keeps_one_issue():
    workflow = load(GITHUB / "workflows" / "stale.yml")
    assert "schedule" in triggers(workflow) and "workflow_dispatch" in triggers(workflow)
    script = "\n".join(step.get("run", "") for _, _, step in steps(workflow))
    assert "gh issue list --label" in script and "gh issue edit" in script and "gh issue create" in script


def test_pre_commit_runs_the_validator_yaml_hygiene_and_ruff():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    assert {"check-yaml", "end-of-file-fixer", "trailing-whitespace", "yamllint", "ruff-check", "ruff-format", "validate-data"} <= set(hooks)
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), f"{repo['repo']}: pin a release tag, not {repo['rev']}"
    validate = hooks["validate-data"][1]
    assert validate["entry"].startswith("make ") and validate["entry"].split()[1] in make_targets()
    ruff_pin = re.search(r"^ruff==(\S+)$", (ROOT / "requirements-dev.txt").read_text(encoding="utf-8"), re.M).group(1)
    assert hooks["ruff-check"][0]["rev"] == f"v{ruff_pin}", "keep pre-commit's ruff at the version in requirements-dev.txt"


def test_codeowners_lines_name_owners_and_example_paths_exist():
    lines = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    active = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    assert active and all(len(parts) >= 2 and all(owner.startswith("@") for owner in parts[1:]) for parts in active)
    examples = [line[1:].split() for line in lines if re.match(r"^# data/\S+\s+@", line)]
    assert examples, "keep the per-partner ownership examples"
    for pattern, *_ in examples:
        assert list(ROOT.glob(pattern)), f"the CODEOWNERS example {pattern} matches no file"


def test_pull_request_template_has_a_short_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] ", text, re.M)
    assert 3 <= len(items) <= 8
    assert "sources" in text and "last_verified" in text


def test_issue_template_folder_parses():
    for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml"):
        assert isinstance(load(path), dict), path
