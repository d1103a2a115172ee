"""Turn an "Add a program" issue into data/programs/<id>.yml, checked by the project's validator.

Usage:
  directory-issue-to-entry --body-file issue.md [--issue 12] [--data-dir data]
  printf '%s' "$ISSUE_BODY" | directory-issue-to-entry --body-file -

GitHub writes a filled-in issue form as Markdown: each answer under a `### Label`
heading, `_No response_` for an empty answer, `- [X] label` for a ticked box. The labels
come from .github/ISSUE_TEMPLATE/add-program.yml, or its Spanish twin add-program-es.yml
(whose Spanish answers become the entry's es: fields), read at run time, so forms and converter
cannot drift apart. The body is untrusted text: it is only ever parsed, never run, and the
file is written with a YAML dumper, so no answer can add fields or break the file.

Exit status: 0 and the file written when the entry is valid; 1 with every problem named by
the question it is about (and no file left behind) when it is not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from directory.cli import ROOT
from directory.cli.issue_answers import EntryDumper, IssueError, Question, form_for, parse_body
from directory.cli.issue_entry import build_entry, read_entries, slug
from directory.data.checks import build_date, validate_data
from directory.data.dataset import SCHEMA_FOLDER, display_path
from directory.data.problems import ERROR, DirectoryError, shortened

# The problems comment stays well under GitHub's limit, and short enough to read.
MAX_COMMENT = 60000
MAX_PROBLEMS_SHOWN = 50
MAX_PROBLEM_LENGTH = 500
# Which answer each field of the entry comes from, to name the question a problem is about.
FIELD_TO_ANSWER = {
    "name": "name",
    "provider": "provider",
    "type": "type",
    "status": "status",
    "description": "description",
    "url": "url",
    "delivery": "delivery",
    "regions": "regions",
    "cost": "cost",
    "schedule": "schedule",
    "eligibility": "degree",
    "application.status": "application_status",
    "application.deadline": "deadline",
    "application.how_to_apply": "how_to_apply",
    "application": "application_status",
    "sources[0].document": "source_document",
    "sources[0].publisher": "source_publisher",
    "sources[0].url": "source_url",
    # the Spanish form's own questions
    "es.name": "name_es",
    "es.description": "description_es",
    "es": "description_es",
    "application.es.how_to_apply": "how_to_apply_es",
}


def entry_text(values: dict, issue: int | None) -> str:
    """Return the data file's text: the schema line, where it came from, then the values."""
    origin = f"from issue #{issue}" if issue else "from an issue"
    header = f"# yaml-language-server: $schema=../{SCHEMA_FOLDER}/program.schema.json\n# Made by scripts/issue_to_entry.py {origin}.\n"
    return header + yaml.dump(values, Dumper=EntryDumper, sort_keys=False, allow_unicode=True, width=100)


def _label_for(field_path: str, questions: list[Question]) -> str:
    labels = {q.id: q.label for q in questions}
    for prefix in sorted(FIELD_TO_ANSWER, key=len, reverse=True):
        if FIELD_TO_ANSWER[prefix] in labels and (field_path == prefix or field_path.startswith((prefix + ".", prefix + "["))):
            return labels[FIELD_TO_ANSWER[prefix]]
    return field_path or "The program"


def convert(body: str, data_dir: Path, issue: int | None = None, entry_id: str | None = None, today: dt.date | None = None) -> tuple[Path, list[str]]:
    """Write the program an issue describes; return (path, warnings) or raise IssueError with every problem."""
    today = today or build_date()
    _, questions = form_for(body)
    answers = parse_body(body, questions)
    values = build_entry(answers, questions, data_dir, today)
    entry_id = entry_id or slug(str(values.get("name", "")))
    if not entry_id:
        raise IssueError([f"{questions[0].label}: use letters or digits in the name"])
    path = data_dir / "programs" / f"{entry_id}.yml"
    if path.exists():
        existing = read_entries(path.parent).get(entry_id, {})
        raise IssueError([already_listed(questions[0].label, existing, data_dir)])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(entry_text(values, issue))
    try:
        result = validate_data(data_dir, today=today)
    except DirectoryError:
        path.unlink()
        raise
    mine = [p for p in result.problems if Path(p.path).resolve() == path.resolve()]
    others = [entry for entry in result.entries.get("programs", {}).values() if entry.path.resolve() != path.resolve()]
    errors = []
    for problem in mine:
        if problem.severity != ERROR:
            continue
        label = _label_for(problem.field, questions)
        twin = next((entry for entry in others if problem.field == "name" and entry.relpath in problem.message), None)
        if twin is not None:  # the duplicate check names files; a partner knows programs by their names
            errors.append(already_listed(label, twin.values, data_dir))
            continue
        hint = for_the_form(problem.hint)
        errors.append(f"{label}: {problem.message}" + (f" ({hint})" if hint else ""))
    if errors:
        path.unlink()
        raise IssueError(errors)
    warnings = [f"{_label_for(p.field, questions)}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in mine if p.severity != ERROR]
    return path, warnings


def already_listed(label: str, existing: dict, data_dir: Path) -> str:
    """Explain, by names alone, that the program is on the site already."""
    name = existing.get("name")
    provider = read_entries(data_dir / "partners").get(str(existing.get("provider", "")), {}).get("name")
    what = f"a program named '{shortened(str(name))}'" if isinstance(name, str) else "a program of that name"
    by = f" run by {shortened(str(provider))}" if provider else ""
    return (
        f"{label}: {what}{by} is on the site already. If it is this program, it can be updated instead"
        " (follow 'Suggest an edit' at the bottom of its page); if it is another one, give it a name that tells the two apart"
    )


def for_the_form(hint: str) -> str:
    """Return a validator's hint in words for someone filling in the form ('' when it only makes sense in a file)."""
    hint = re.sub(r",? in quotes\b", "", hint)
    if re.search(r"\bdata/|\.ya?ml\b|\bquotes?\b|\bYAML\b|\bindent|\bfield", hint):
        return ""
    return hint


def problems_comment(problems: list[str]) -> str:
    """Return the comment for the issue: each problem once, as many as fit well under GitHub's comment limit."""
    unique = list(dict.fromkeys(shortened(problem, MAX_PROBLEM_LENGTH) for problem in problems))
    intro = (
        "Thank you! Before this program can be added, please edit the issue to fix the following"
        " (use **Edit** in the issue's **...** menu), then a maintainer will try again:\n\n"
    )
    shown, size = [], len(intro) + 200  # room for the code fences and the last line
    for problem in unique[:MAX_PROBLEMS_SHOWN]:
        if size + len(problem) + 1 > MAX_COMMENT:
            break
        shown.append(problem)
        size += len(problem) + 1
    left_out = len(unique) - len(shown)
    more = f"\n{left_out} more problem{'s' * (left_out != 1)} not shown: fix these first, and the rest are listed at the next try.\n" if left_out else ""
    return intro + as_code_block(shown) + more


def as_code_block(lines: list[str]) -> str:
    """Quote lines for a GitHub comment so that no answer can render as HTML, a link or a mention."""
    text = "\n".join(lines).replace("```", "'''")
    return f"```text\n{text}\n```\n"


def branch_name(entry_id: str, issue: int | None) -> str:
    """Return the pull request's branch: one per issue, so no issue's pull request replaces another's."""
    return f"add-program/issue-{issue}" if issue else f"add-program/{entry_id}"


def main(argv: list[str] | None = None) -> int:
    """Convert one issue body; return the exit status."""
    parser = argparse.ArgumentParser(description="Turn an 'Add a program' issue into a data file.")
    parser.add_argument("--body-file", required=True, help="the issue body as Markdown; - reads standard input")
    parser.add_argument("--issue", type=int, help="the issue number, noted in the file and the pull request")
    parser.add_argument("--id", help="the program's id (default: made from its name)")
    parser.add_argument("--data-dir", default=str(ROOT / "data"), help="the data folder (default: data/)")
    parser.add_argument("--errors-file", help="write the problems here as a Markdown comment for the issue")
    parser.add_argument("--pr-body-file", help="write a pull-request description here")
    parser.add_argument("--github-output", help="append path=, id= and branch= lines here (GitHub Actions' $GITHUB_OUTPUT)")
    args = parser.parse_args(argv)
    body = sys.stdin.read() if args.body_file == "-" else Path(args.body_file).read_text(encoding="utf-8", errors="replace")
    try:
        path, warnings = convert(body, Path(args.data_dir), args.issue, args.id)
    except IssueError as error:
        comment = problems_comment(error.problems)
        print("The issue cannot become a data file yet:", file=sys.stderr)
        print(comment.split("```text\n", 1)[1].replace("\n```\n", "\n", 1).rstrip("\n"), file=sys.stderr)
        if args.errors_file:
            Path(args.errors_file).parent.mkdir(parents=True, exist_ok=True)
            Path(args.errors_file).write_text(comment, encoding="utf-8")
        return 1
    except DirectoryError as error:
        print(error, file=sys.stderr)
        return 1
    shown = display_path(path)
    print(f"Wrote {shown}")
    for line in warnings:
        print(f"  note: {line}")
    if args.pr_body_file:
        issue = f"#{args.issue}" if args.issue else "an issue"
        notes = ("\n\nThe validator's notes (not blocking):\n\n" + as_code_block(warnings)) if warnings else ""
        Path(args.pr_body_file).parent.mkdir(parents=True, exist_ok=True)
        Path(args.pr_body_file).write_text(
            f"Adds `{shown}` from the answers in {issue}.{notes}\n\n"
            "Before merging, check the answers against the source named in the file, as for any pull request"
            " (see CONTRIBUTING.md). This pull request was opened by a workflow, so the checks do not start by"
            " themselves: close and reopen it, or push a commit to its branch, to run them.\n\n" + (f"Closes #{args.issue}\n" if args.issue else ""),
            encoding="utf-8",
        )
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as output:
            output.write(f"path={shown}\nid={path.stem}\nbranch={branch_name(path.stem, args.issue)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
