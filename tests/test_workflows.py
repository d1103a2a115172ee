"""The GitHub workflows and repository files: they parse, stay least-privilege, pin actions, and run what a person runs."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from directory.cli import issue_to_entry, misplaced_entries
from directory.data.dataset import COLLECTIONS
from directory.data.schema import load_schemas
from support import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(?P<ref>[0-9a-f]{40}|v\d+(\.\d+){0,2})$")
# Write access each job may have, and no other job: everything else is read-only.
ALLOWED_PERMISSIONS = {
    ("pages.yml", "build"): {"contents": "read", "pages": "read"},
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("issue-to-pr.yml", "pull-request"): {"contents": "write", "pull-requests": "write"},
    ("issue-to-pr.yml", "report"): {"issues": "write"},
    ("stale.yml", "update-issue"): {"issues": "write"},
}
# Permissions a job cannot work without (an action reads them through the API).
REQUIRED_PERMISSIONS = {("pages.yml", "build"): {"contents": "read", "pages": "read"}}
# Workflows whose jobs install packages without a cache: what Pages publishes is built from a fresh install.
UNCACHED = {"pages.yml"}
BIN = Path(sys.executable).parent
# The files `make setup` installs the Python packages from: the prerequisites of $(BIN)/.installed.
SETUP_INPUTS = set(re.search(r"^\$\(BIN\)/\.installed: (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE).group(1).split())
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


def console_scripts() -> dict[str, str]:
    """pyproject.toml's console scripts: {command: module:function}."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


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
def test_jobs_have_the_permissions_their_actions_need(path):
    workflow = load(path)
    for job_name, job in workflow["jobs"].items():
        needed = REQUIRED_PERMISSIONS.get((path.name, job_name), {})
        effective = job.get("permissions", workflow["permissions"])
        assert {scope: effective.get(scope) for scope in needed} == needed, f"{path.name} job {job_name} needs {needed}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_never_keeps_the_token(path):
    """Later steps install packages or read untrusted text: the token must not sit in .git/config for them."""
    for job_name, _, step in steps(load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name} job {job_name}: set persist-credentials: false"


def _pushes(script: str) -> bool:
    return bool(re.search(r"git push\b", script)) or bool(re.search(r"\bgh (pr|issue|label) (create|edit|comment|close)\b", script))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_token_reaches_only_the_steps_that_write(path):
    workflow = load(path)
    for job_name, job in workflow["jobs"].items():
        effective = job.get("permissions", workflow["permissions"])
        for step in job.get("steps", []):
            script = step.get("run", "")
            gets_token = any("github.token" in str(v) or "secrets." in str(v) for v in (step.get("env") or {}).values())
            if gets_token:
                assert _pushes(script), f"{path.name} job {job_name}: step '{step.get('name')}' gets the token but writes nothing"
            if any(level == "write" for level in effective.values()):
                assert not re.search(r"\bmake\b|\.venv/|\bpip\b|\bnpm\b|\bpython\b", script), (
                    f"{path.name} job {job_name} can write: it must run no project code or package installs"
                )
                assert not any(str(s.get("uses", "")).startswith(("actions/setup-python@", "actions/setup-node@")) for s in job["steps"])
        if job.get("env"):
            assert not any("github.token" in str(v) or "secrets." in str(v) for v in job["env"].values()), f"{job_name}: the token belongs in one step's env"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_nothing_is_force_pushed(path):
    for job_name, _, step in steps(load(path)):
        for line in step.get("run", "").splitlines():
            if not re.search(r"git\b.*\bpush\b", line):  # git push, and a wrapper such as authed_git push
                continue
            words = shlex.split(line)
            assert not any(w in ("--force", "-f", "--mirror") or (re.fullmatch(r"-[a-z]*f[a-z]*", w)) for w in words), f"{job_name}: {line.strip()}"
            assert not any(w.startswith("+") for w in words), f"{job_name}: a + refspec force-pushes: {line.strip()}"


def test_the_issue_pull_request_branch_is_one_per_issue_and_never_replaced():
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    job = workflow["jobs"]["pull-request"]
    script = next(step["run"] for step in job["steps"] if "git push" in step.get("run", ""))
    assert script.index("git ls-remote --exit-code --heads origin") < script.index("git push"), "check that the branch is new before pushing"
    assert '"$BRANCH" == "add-program/issue-$ISSUE_NUMBER"' in script
    assert issue_to_entry.branch_name("evening-it", 12) == "add-program/issue-12"
    assert issue_to_entry.branch_name("evening-it", 13) != issue_to_entry.branch_name("evening-it", 12)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_installs_use_the_pip_and_npm_caches_and_a_supported_node_lts(path):
    for job_name, _, step in steps(load(path)):
        uses, given = str(step.get("uses", "")), step.get("with") or {}
        if uses.startswith("actions/setup-node@"):
            major = int(str(given["node-version"]).split(".")[0])
            # Node 20 reached its end of life on 2026-04-30; 22 and 24 are the LTS lines after it.
            assert major % 2 == 0 and major >= 22, f"{path.name} job {job_name}: node-version {major} is not a supported LTS"
        if path.name in UNCACHED:
            assert "cache" not in given, f"{path.name} builds what is published from a fresh install"
            continue
        if uses.startswith("actions/setup-python@"):
            assert given.get("cache") == "pip", f"{path.name} job {job_name}: add cache: pip"
            assert set(given["cache-dependency-path"].split()) == SETUP_INPUTS, (
                f"{path.name} job {job_name}: key the pip cache on what make setup installs from"
            )
        if uses.startswith("actions/setup-node@"):
            assert given.get("cache") == "npm", f"{path.name} job {job_name}: add cache: npm"


def test_zizmor_finds_nothing_in_github_folder(tmp_path):
    """zizmor's strictest persona, offline (no GitHub API): every finding fails the test."""
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--persona", "auditor", "--format", "json", "--no-progress", str(GITHUB)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},  # no GH_TOKEN: nothing to go online with
    )
    findings = json.loads(done.stdout or "null")
    shown = [f"{f['ident']}: {f['locations'][0]['symbolic']['key']['Local']['given_path']}: {f['desc']}" for f in findings or []]
    assert shown == [] and done.returncode == 0, done.stderr[-2000:]


SCHEMAS_BY_FILE = [(path, "vendor.github-workflows") for path in WORKFLOWS] + [
    (GITHUB / "ISSUE_TEMPLATE" / "add-program.yml", "vendor.github-issue-forms"),
    (GITHUB / "ISSUE_TEMPLATE" / "add-program-es.yml", "vendor.github-issue-forms"),
    (GITHUB / "ISSUE_TEMPLATE" / "config.yml", "vendor.github-issue-config"),
]


@pytest.mark.parametrize("path, schema", SCHEMAS_BY_FILE, ids=lambda v: getattr(v, "name", v))
def test_github_files_validate_against_githubs_schemas(path, schema):
    """check-jsonschema ships these schemas (from SchemaStore) inside the package: no network is needed."""
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_fails_on_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: Broken\non: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    step:\n      - run: make\n", encoding="utf-8")
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)], capture_output=True, text=True)
    assert done.returncode == 1 and "broken.yml" in done.stdout


def test_workflows_run_the_commands_a_person_runs():
    targets = make_targets()
    expected = {
        "check.yml": {"make setup", "make html", "make lint", ".venv/bin/directory-validate", ".venv/bin/directory-misplaced-entries", ".ci/run"},
        "pages.yml": {"make publish"},
        "issue-to-pr.yml": {"make setup", "make validate", ".venv/bin/directory-issue-to-entry"},
        "stale.yml": {"make setup", ".venv/bin/directory-stale-report"},
    }
    commands = console_scripts()
    for path in WORKFLOWS:
        scripts = "\n".join(step.get("run", "") for _, _, step in steps(load(path)))
        for target in re.findall(r"\bmake (\S+)", scripts):
            assert target in targets, f"{path.name}: make {target} is not a target in `make help`"
        assert not re.search(r"\bpython3? scripts/", scripts), f"{path.name}: run the console script (.venv/bin/directory-...), not python scripts/NAME.py"
        for command in re.findall(r"\.venv/bin/(directory-[a-z-]+)", scripts):
            assert command in commands, f"{path.name}: {command} is not a console script in pyproject.toml"
        for command in expected[path.name]:
            assert command in scripts, f"{path.name} should run {command}"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


COMMANDS = ["validate", "new", "import-csv", "import-oews", "issue-to-entry", "check-links", "stale-report", "misplaced-entries", "issue-form"]


def test_every_command_is_a_console_script_of_its_own_module():
    assert console_scripts() == {f"directory-{name}": f"directory.cli.{name.replace('-', '_')}:main" for name in COMMANDS}


@pytest.mark.parametrize("name", COMMANDS)
def test_commands_the_workflows_and_docs_name_answer_help(name):
    """Each command answers --help as the console script make setup installs, and as scripts/NAME.py."""
    wide = os.environ | {"COLUMNS": "1000"}  # nothing wraps, so the two differ only in the name
    installed = subprocess.run([str(BIN / f"directory-{name}"), "--help"], capture_output=True, text=True, cwd=ROOT, env=wide)
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.startswith(f"usage: directory-{name} ")
    by_path = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / f"{name.replace('-', '_')}.py"), "--help"], capture_output=True, text=True, cwd=ROOT, env=wide
    )
    assert by_path.returncode == 0, by_path.stderr
    assert by_path.stdout == installed.stdout.replace(f"directory-{name}", f"{name.replace('-', '_')}.py")


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


def test_codeowners_lines_name_owners_and_example_paths_suit_any_fork():
    lines = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    active = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    assert active and all(len(parts) >= 2 and all(owner.startswith("@") for owner in parts[1:]) for parts in active)
    examples = [line[1:].split() for line in lines if re.match(r"^# data/\S+\s+@", line)]
    assert examples, "keep the per-partner ownership examples"
    for pattern, *owners in examples:
        # The examples name the example entries (examples/), not a shipped partner a fork deletes.
        assert re.fullmatch(rf"data/({'|'.join(COLLECTIONS)})/example-[a-z0-9-]+(\*)?\.yml", pattern), pattern
        assert owners and all(owner.startswith("@") for owner in owners)


def test_pull_request_template_has_a_short_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] ", text, re.M)
    assert 3 <= len(items) <= 8
    assert "sources" in text and "last_verified" in text


def test_issue_template_folder_parses():
    for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml"):
        assert isinstance(load(path), dict), path


# --- Entries added outside data/: the pull-request check names them -------------------------

PROGRAM_TEXT = (ROOT / "examples" / "program.yml").read_text(encoding="utf-8")
PARTNER_VALUES = "name: Acme Tech\nkinds: [employer]\ndescription: An employer.\nsources: [{document: Page, publisher: Acme}]\nlast_verified: '2026-01-05'\n"


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True)


@pytest.fixture
def repository(tmp_path):
    """A git repository with one commit, like a fork before a partner's pull request."""
    repo = tmp_path / "repo"
    (repo / "data" / "programs").mkdir(parents=True)
    (repo / "examples").mkdir()
    (repo / "examples" / "program.yml").write_text(PROGRAM_TEXT, encoding="utf-8")
    (repo / "README.md").write_text("A directory.\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", ".")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "start")
    return repo


def commit_files(repo, files: dict[str, str]):
    for relative, text in files.items():
        (repo / relative).parent.mkdir(parents=True, exist_ok=True)
        (repo / relative).write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=Partner", "-c", "user.email=partner@example.org", "commit", "-q", "-m", "Add my program")


def test_the_check_annotates_entries_added_outside_data(repository):
    commit_files(
        repository,
        {
            "evening-it.yml": PROGRAM_TEXT,  # at the top of the repository
            "examples/My Program.yml": PROGRAM_TEXT.replace("# yaml-language-server", "# copied"),  # no schema line: found by its fields
            "docs/acme.yaml": PARTNER_VALUES,
            "data/programs/good-one.yml": PROGRAM_TEXT,  # where it belongs: the validator's business
            ".yamllint.yml": "extends: default\nrules:\n  line-length: disable\n",  # a tool's settings, not an entry
            "notes/broken.yml": "name: [unclosed\n",
        },
    )
    done = subprocess.run(
        [str(BIN / "directory-misplaced-entries"), "--since", "HEAD^1", "--root", str(repository), "--format", "github"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "::error file=docs/acme.yaml,line=1,col=1::is a partner entry outside data/, so the site does not read it and no check looks at it"
        " (fix: move it to data/partners/acme.yml)",
        "::error file=evening-it.yml,line=1,col=1::is a program entry outside data/, so the site does not read it and no check looks at it"
        " (fix: move it to data/programs/evening-it.yml)",
        "::error file=examples/My Program.yml,line=1,col=1::is a program entry outside data/, so the site does not read it and no check looks at it"
        " (fix: move it to data/programs/my-program.yml)",
        "6 files checked, 3 entries outside data/",
    ]


def test_the_check_passes_when_entries_are_where_they_belong(repository):
    commit_files(repository, {"data/programs/evening-it.yml": PROGRAM_TEXT, "README.md": "Changed.\n"})
    done = subprocess.run(
        [str(BIN / "directory-misplaced-entries"), "--since", "HEAD^1", "--root", str(repository)],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout) == (0, "1 file checked, 0 entries outside data/\n")


@pytest.mark.parametrize(
    "name, text, hint",
    [
        ("region.yml.txt", "name: Metro\ndescription: A metro area.\nsources: []\nlast_verified: '2026-01-05'\n", "move it to data/regions/region.yml"),
        ("x.yml", "# yaml-language-server: $schema=../data/schemas/pathway.schema.json\nname: X\n", "move it to data/pathways/x.yml"),
        ("y.yml", "name: Y\ndescription: Something.\n", "move it into the folder of data/ for its kind (data/partners/, data/programs/"),
    ],
)
def test_the_kind_and_the_folder_are_told(repository, name, text, hint):
    (repository / name).write_text(text, encoding="utf-8")
    problems = misplaced_entries.find_misplaced([name], repository, load_schemas(ROOT / "data" / "schemas"))
    assert [p.path for p in problems] == [name]
    assert problems[0].hint.startswith(hint)


def test_the_check_says_when_git_cannot_compare(repository):
    done = subprocess.run(
        [str(BIN / "directory-misplaced-entries"), "--since", "no-such-commit", "--root", str(repository)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stderr.startswith("Cannot list the files added since no-such-commit:")


def test_the_pull_request_check_runs_it_on_the_added_files():
    workflow = load(GITHUB / "workflows" / "check.yml")
    job = workflow["jobs"]["check"]
    checkout = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 2, "HEAD^1 must exist: fetch the base commit too"
    runs = [step.get("run", "") for step in job["steps"]]
    assert ".venv/bin/directory-misplaced-entries --since HEAD^1 --format github" in runs
    assert runs.index(".venv/bin/directory-misplaced-entries --since HEAD^1 --format github") < runs.index("make html")
