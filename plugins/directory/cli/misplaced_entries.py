"""Find directory entries written outside data/, where the site never reads them.

Usage:
  directory-misplaced-entries --since HEAD^1 [--format github]   # files added since a commit
  directory-misplaced-entries examples/my-program.yml program.yml  # the files named

A partner who adds `program.yml` at the top of the repository, or copies an example to
`examples/my-program.yml`, gets a green check and no page: the site reads data/<collection>/
only, and the validator checks only what is in data/ (where it reports every stray file
itself). This script names each such file and the folder it belongs in. The pull-request
check runs it on the files the pull request adds.

Exit status: 0 when no entry is out of place, 1 when one is, 2 when git could not list the files.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import yaml

from directory.cli import ROOT
from directory.data.dataset import COLLECTIONS, SCHEMA_FOLDER
from directory.data.loader import suggest_id
from directory.data.problems import Problem
from directory.data.schema import load_schemas

# A file name a partner may give a YAML entry: x.yml, x.YAML, and what some editors save, x.yml.txt.
_YAML_NAME = re.compile(r"^(?P<stem>.*?)\.(ya?ml)(\.txt)?$", re.IGNORECASE)
_SCHEMA_LINE = re.compile(r"\$schema=\S*?(?P<kind>[a-z]+)\.schema\.json")
# Fields every kind of entry has: a YAML file with two of them is an entry, not a tool's settings.
_ENTRY_FIELDS = {"name", "description", "sources", "last_verified"}
# Folders whose YAML files belong where they are: GitHub's own files, and the project's tests.
_OWN_FOLDERS = ("data/", ".github/", "tests/")
MAX_READ = 1_000_000  # bytes; an entry is far smaller


def _kind_of(text: str, schemas: dict[str, dict]) -> str | None:
    """Return the kind of entry a YAML text is ('program' ...), '' for an entry of unclear kind, None for no entry."""
    declared = _SCHEMA_LINE.search(text.split("\n", 1)[0])
    if declared and declared["kind"] in COLLECTIONS.values():
        return declared["kind"]
    try:
        values = yaml.safe_load(text)
    except yaml.YAMLError:
        values = None
    if not isinstance(values, dict) or len(_ENTRY_FIELDS & set(map(str, values))) < 2:
        return None
    keys = set(map(str, values))
    complete = [kind for kind in COLLECTIONS.values() if set(schemas[kind].get("required", [])) <= keys]
    if complete:  # the kind whose required fields are all there; the most specific one when several are
        return max(complete, key=lambda kind: len(schemas[kind].get("required", [])))
    overlap = {kind: len(keys & set(schemas[kind].get("properties", {}))) for kind in COLLECTIONS.values()}
    best = max(overlap.values())
    leaders = [kind for kind, count in overlap.items() if count == best]
    return leaders[0] if len(leaders) == 1 else ""


def find_misplaced(paths: list[str], root: Path, schemas: dict[str, dict]) -> list[Problem]:
    """Return a problem for each file among paths (relative to root) that is an entry outside data/."""
    folders = {kind: folder for folder, kind in COLLECTIONS.items()}
    examples = {f"examples/{kind}.yml" for kind in COLLECTIONS.values()}
    problems = []
    for relative in paths:
        relative = relative.replace("\\", "/")
        name = _YAML_NAME.match(relative.rsplit("/", 1)[-1])
        if not name or relative.startswith(_OWN_FOLDERS) or relative in examples:
            continue
        path = root / relative
        try:
            if path.is_symlink() or not path.is_file():
                continue
            with path.open("rb") as handle:
                text = handle.read(MAX_READ).decode("utf-8", errors="replace")
        except OSError:
            continue
        kind = _kind_of(text, schemas)
        if kind is None:
            continue
        entry_id = suggest_id(name["stem"]) or "name-of-the-entry"
        if kind:
            message = f"is a {kind} entry outside data/, so the site does not read it and no check looks at it"
            hint = f"move it to data/{folders[kind]}/{entry_id}.yml"
        else:
            message = "is a directory entry outside data/, so the site does not read it and no check looks at it"
            hint = f"move it into the folder of data/ for its kind ({', '.join(f'data/{folder}/' for folder in COLLECTIONS)}) as {entry_id}.yml"
        problems.append(Problem(relative, 1, 1, "", message, hint=hint))
    return problems


def added_since(revision: str, root: Path) -> list[str]:
    """List the files added (or moved in) between revision and HEAD, relative to root."""
    done = subprocess.run(
        ["git", "-C", str(root), "diff", "--name-only", "--no-renames", "--diff-filter=A", "-z", revision, "HEAD", "--"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or f"git diff {revision} failed")
    return [path for path in done.stdout.split("\0") if path]


def main(argv: list[str] | None = None) -> int:
    """Report the entries among the files given, or added since --since; return the exit status."""
    parser = argparse.ArgumentParser(description="Find directory entries written outside data/.")
    parser.add_argument("paths", nargs="*", help="files to check, relative to the repository")
    parser.add_argument("--since", metavar="REV", help="check the files added between this commit and HEAD")
    parser.add_argument("--root", default=str(ROOT), help="the repository (default: this one)")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="github prints workflow annotations")
    args = parser.parse_args(argv)
    root = Path(args.root)
    paths = list(args.paths)
    if args.since:
        try:
            paths += added_since(args.since, root)
        except OSError as error:
            print(f"Cannot list the files added since {args.since}: {error}", file=sys.stderr)
            return 2
    problems = find_misplaced(paths, root, load_schemas(ROOT / "data" / SCHEMA_FOLDER))
    for problem in problems:
        print(problem.github() if args.format == "github" else problem.text())
    count = len(problems)
    print(f"{len(paths)} file{'s' * (len(paths) != 1)} checked, {count} entr{'ies' if count != 1 else 'y'} outside data/")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
