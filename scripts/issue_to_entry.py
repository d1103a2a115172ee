#!/usr/bin/env python3
"""Turn an "Add a program" issue into data/programs/<id>.yml, checked by the project's validator.

Usage:
  python scripts/issue_to_entry.py --body-file issue.md [--issue 12] [--data-dir data]
  printf '%s' "$ISSUE_BODY" | python scripts/issue_to_entry.py --body-file -

GitHub writes a filled-in issue form as Markdown: each answer under a `### Label`
heading, `_No response_` for an empty answer, `- [X] label` for a ticked box. The labels
come from .github/ISSUE_TEMPLATE/add-program.yml, read at run time, so form and converter
cannot drift apart. The body is untrusted text: it is only ever parsed, never run, and the
file is written with a YAML dumper, so no answer can add fields or break the file.

Exit status: 0 and the file written when the entry is valid; 1 with every problem named by
the question it is about (and no file left behind) when it is not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from directory.checks import build_date, validate_data  # noqa: E402
from directory.dataset import SCHEMA_FOLDER, display_path  # noqa: E402
from directory.problems import ERROR, DirectoryError  # noqa: E402

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "add-program.yml"
MAX_BODY = 65536  # GitHub's own limit on an issue body
EMPTY = {"", "_No response_"}
# Controls the loader refuses (tab and newline allowed), zero-width and bidirectional marks.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CHECKBOX = re.compile(r"^- \[([ xX])\] (.*)$")
_SLUG = re.compile(r"[^a-z0-9]+")
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
}


class IssueError(DirectoryError):
    """The issue cannot become an entry; `problems` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Question:
    """One question of the issue form, as the form file defines it."""

    id: str
    label: str
    type: str
    required: bool = False
    multiple: bool = False
    options: list[str] = field(default_factory=list)
    must_tick: list[str] = field(default_factory=list)  # checkboxes the form marks required


def load_form(path: Path = FORM) -> list[Question]:
    """Read the issue form's questions (markdown blocks are not questions)."""
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = []
    for block in form["body"]:
        if block["type"] == "markdown":
            continue
        attributes = block.get("attributes", {})
        options = [o["label"] if isinstance(o, dict) else str(o) for o in attributes.get("options", [])]
        must_tick = [o["label"] for o in attributes.get("options", []) if isinstance(o, dict) and o.get("required")]
        questions.append(
            Question(
                block["id"],
                attributes["label"],
                block["type"],
                bool(block.get("validations", {}).get("required")) or bool(must_tick),
                bool(attributes.get("multiple")),
                options,
                must_tick,
            )
        )
    return questions


def clean(text: str, multiline: bool) -> str:
    """Remove invisible characters; single-line answers also lose their line breaks and extra spaces."""
    text = _INVISIBLE.sub("", text)
    if not multiline:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def parse_body(body: str, questions: list[Question]) -> dict[str, str | list[str]]:
    """Split a rendered issue form into {question id: answer}; raise IssueError for a body that is not one."""
    if len(body) > MAX_BODY:
        raise IssueError([f"the issue is {len(body):,} characters long; the limit is {MAX_BODY:,}"])
    by_label = {q.label: q for q in questions}
    sections: dict[str, list[str]] = {}
    current = None
    problems = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        if heading in by_label:  # a "### " line that is not one of the form's labels is part of an answer
            current = by_label[heading].id
            if current in sections:
                problems.append(f"{heading}: answered twice; edit the issue so that each question appears once")
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    if not sections:
        raise IssueError(["this issue was not written with the 'Add a program' form: none of its questions were found"])
    answers: dict[str, str | list[str]] = {}
    for question in questions:
        text = "\n".join(sections.get(question.id, [])).strip()
        if question.type == "checkboxes":
            answers[question.id] = [m.group(2).strip() for m in map(_CHECKBOX.match, text.split("\n")) if m and m.group(1) in "xX"]
            continue
        text = clean(text, question.type == "textarea")
        if text in EMPTY or (question.type == "dropdown" and text == "None"):
            text = ""
        answers[question.id] = text
    if problems:
        raise IssueError(problems)
    return answers


def option_value(option: str) -> str:
    """Return the value an option stands for: 'bootcamp — short, intensive training' -> 'bootcamp'."""
    return option.split(" — ", 1)[0].strip()


def _chosen(question: Question, answer: str, problems: list[str]) -> list[str]:
    """Return the values of the options an answer names, reporting any that is not an option."""
    values = []
    pieces = [p.strip() for p in answer.split(", ")] if question.multiple else [answer]
    for piece in pieces:
        match = next((o for o in question.options if piece in (o, option_value(o))), None)
        if match is None:
            listed = ", ".join(option_value(o) for o in question.options)
            problems.append(f"{question.label}: '{piece[:60]}' is not one of the choices ({listed})")
        else:
            values.append(option_value(match))
    return values


def slug(text: str) -> str:
    """Turn a program name into an id: 'Evening IT Support!' -> 'evening-it-support'."""
    return _SLUG.sub("-", text.lower()).strip("-")[:80].strip("-")


def _partner_id(answer: str, data_dir: Path, problems: list[str], label: str) -> str:
    """Accept a partner's id or its exact name; suggest the closest id otherwise."""
    partners = {path.stem: path for path in sorted((data_dir / "partners").glob("*.yml"))}
    if answer in partners:
        return answer
    for partner_id, path in partners.items():
        try:
            name = yaml.safe_load(path.read_text(encoding="utf-8")).get("name", "")
        except (OSError, yaml.YAMLError, AttributeError):
            continue
        if isinstance(name, str) and name.casefold() == answer.casefold():
            return partner_id
    close = difflib.get_close_matches(slug(answer), list(partners), n=1, cutoff=0.75)
    hint = (
        f"did you mean '{close[0]}'?" if close else "use the id from the address of its page under Partners, or ask a maintainer to add the organization first"
    )
    problems.append(f"{label}: there is no organization '{answer[:60]}' on the site ({hint})")
    return answer


def build_entry(answers: dict, questions: list[Question], data_dir: Path, today: dt.date) -> dict:
    """Turn the answers into the values of a program entry; raise IssueError naming each bad answer."""
    by_id = {q.id: q for q in questions}
    problems = [f"{q.label}: this answer is required" for q in questions if q.required and q.type != "checkboxes" and not answers.get(q.id)]
    for question in questions:
        if any(option not in answers.get(question.id, []) for option in question.must_tick):
            problems.append(f"{question.label}: please tick every box")

    def one(question_id: str) -> str:
        answer = answers.get(question_id, "")
        if not answer or by_id[question_id].type != "dropdown":
            return answer
        chosen = _chosen(by_id[question_id], answer, problems)
        return chosen[0] if chosen else ""

    values: dict = {"name": answers.get("name", ""), "type": one("type"), "status": one("status")}
    if answers.get("provider"):
        values["provider"] = _partner_id(answers["provider"], data_dir, problems, by_id["provider"].label)
    values["description"] = answers.get("description", "")
    if answers.get("url"):
        values["url"] = answers["url"]
    if one("delivery"):
        values["delivery"] = one("delivery")
    if answers.get("regions"):
        values["regions"] = list(dict.fromkeys(r.strip().lower() for r in re.split(r"[,\s]+", answers["regions"]) if r.strip()))
    if answers.get("cost"):
        amount = answers["cost"].replace("$", "").replace(",", "").strip()
        if amount.lower() == "free":
            amount = "0"
        try:
            number = float(amount)
            values["cost"] = {"amount": int(number) if number.is_integer() else number}
        except ValueError:
            problems.append(f"{by_id['cost'].label}: write a number of US dollars, for example 1200, or 0 if it is free")
    if answers.get("schedule"):
        values["schedule"] = _chosen(by_id["schedule"], answers["schedule"], problems)
    if one("degree"):
        values["eligibility"] = {"degree_required": one("degree") == "yes"}
    application = {key: answers[key] for key in ("deadline", "how_to_apply") if answers.get(key)}
    if one("application_status") or application:
        values["application"] = {"status": one("application_status") or "unknown", **application}
    source = {"document": answers.get("source_document", ""), "publisher": answers.get("source_publisher", "")}
    if answers.get("source_url"):
        source["url"] = answers["source_url"]
    values["sources"] = [source]
    values["last_verified"] = today.isoformat()
    if problems:
        raise IssueError(problems)
    return values


class _EntryDumper(yaml.SafeDumper):
    """Write text of several lines as a `|` block, as a person would; the dumper quotes it instead when it must."""


def _represent_text(dumper: yaml.SafeDumper, text: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_EntryDumper.add_representer(str, _represent_text)


def entry_text(values: dict, issue: int | None) -> str:
    """Return the data file's text: the schema line, where it came from, then the values."""
    origin = f"from issue #{issue}" if issue else "from an issue"
    header = f"# yaml-language-server: $schema=../{SCHEMA_FOLDER}/program.schema.json\n# Made by scripts/issue_to_entry.py {origin}.\n"
    return header + yaml.dump(values, Dumper=_EntryDumper, sort_keys=False, allow_unicode=True, width=100)


def _label_for(field_path: str, questions: list[Question]) -> str:
    labels = {q.id: q.label for q in questions}
    for prefix in sorted(FIELD_TO_ANSWER, key=len, reverse=True):
        if field_path == prefix or field_path.startswith((prefix + ".", prefix + "[")):
            return labels[FIELD_TO_ANSWER[prefix]]
    return field_path or "The program"


def convert(body: str, data_dir: Path, issue: int | None = None, entry_id: str | None = None, today: dt.date | None = None) -> tuple[Path, list[str]]:
    """Write the program an issue describes; return (path, warnings) or raise IssueError with every problem."""
    today = today or build_date()
    questions = load_form()
    answers = parse_body(body, questions)
    values = build_entry(answers, questions, data_dir, today)
    entry_id = entry_id or slug(str(values.get("name", "")))
    if not entry_id:
        raise IssueError([f"{questions[0].label}: use letters or digits in the name"])
    path = data_dir / "programs" / f"{entry_id}.yml"
    if path.exists():
        raise IssueError(
            [f"{questions[0].label}: {display_path(path)} already exists; the program may already be listed (update it instead, or choose another id)"]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(entry_text(values, issue))
    try:
        result = validate_data(data_dir, today=today)
    except DirectoryError:
        path.unlink()
        raise
    mine = [p for p in result.problems if Path(p.path).resolve() == path.resolve()]
    errors = [f"{_label_for(p.field, questions)}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in mine if p.severity == ERROR]
    if errors:
        path.unlink()
        raise IssueError(errors)
    warnings = [f"{_label_for(p.field, questions)}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in mine if p.severity != ERROR]
    return path, warnings


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
        print("The issue cannot become a data file yet:", file=sys.stderr)
        for line in error.problems:
            print(f"  {line}", file=sys.stderr)
        if args.errors_file:
            Path(args.errors_file).parent.mkdir(parents=True, exist_ok=True)
            Path(args.errors_file).write_text(
                "Thank you! Before this program can be added, please edit the issue to fix the following"
                " (use **Edit** in the issue's **...** menu), then a maintainer will try again:\n\n" + as_code_block(error.problems),
                encoding="utf-8",
            )
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
