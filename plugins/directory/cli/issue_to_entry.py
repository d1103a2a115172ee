"""Turn an "Add a program" issue into data/programs/<id>.yml, checked by the project's validator.

Usage:
  directory-issue-to-entry --body-file issue.md [--issue 12] [--data-dir data]
  printf '%s' "$ISSUE_BODY" | directory-issue-to-entry --body-file -

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
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from directory.checks import build_date, validate_data
from directory.cli import ROOT
from directory.dataset import SCHEMA_FOLDER, display_path
from directory.loader import parse_yaml, suggest_id
from directory.problems import ERROR, DirectoryError, LoadError, shortened

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "add-program.yml"
MAX_BODY = 65536  # GitHub's own limit on an issue body, and on a comment
# The problems comment stays well under GitHub's limit, and short enough to read.
MAX_COMMENT = 60000
MAX_PROBLEMS_SHOWN = 50
MAX_PROBLEM_LENGTH = 500
EMPTY = {"", "_No response_"}
_CHECKBOX = re.compile(r"^- \[([ xX])\] (.*)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A cost in US dollars, in ASCII digits only: float() would also read 1_0_0, 1e3 and Arabic-Indic digits.
_AMOUNT = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}
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
    """Tidy the spacing: single-line answers lose their line breaks and extra spaces (no character is removed)."""
    if not multiline:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def parse_body(body: str, questions: list[Question]) -> dict[str, str | list[str]]:
    """Split a rendered issue form into {question id: answer}; raise IssueError for a body that is not one."""
    if len(body) > MAX_BODY:
        raise IssueError([f"the issue is {len(body):,} characters long; the limit is {MAX_BODY:,}"])
    by_label = {q.label: q for q in questions}
    by_id = {q.id: q for q in questions}
    sections: dict[str, list[str]] = {}
    current = None
    problems = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        if heading in by_label:
            current = by_label[heading].id
            if current in sections:
                problems.append(f"{heading}: answered twice; edit the issue so that each question appears once")
            sections[current] = []
        elif heading is not None:
            # GitHub writes each question as a "### " heading: one that is not a question would
            # silently become part of the answer above it, so it is refused.
            where = f"{by_id[current].label}: the answer has" if current else "The issue has"
            problems.append(
                f"{where} a line '### {shortened(heading)}', which the form uses only for its questions, and this is not one of them;"
                " remove the ### at the start of that line"
            )
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
        refused = loader_problem(text)
        if refused:
            problems.append(f"{question.label}: {refused}")
        answers[question.id] = text
    if problems:
        raise IssueError(problems)
    return answers


def loader_problem(text: str) -> str:
    """Return what the data loader says of a text (an invisible control character ...), or '' when it takes it."""
    try:
        parse_yaml(yaml.dump({"answer": text}, Dumper=_EntryDumper, allow_unicode=True, width=100), "answer")
    except LoadError as error:
        return error.problem.message + (f" ({error.problem.hint})" if error.problem.hint else "")
    return ""


def option_value(option: str) -> str:
    """Return the value an option stands for: 'bootcamp — short, intensive training' -> 'bootcamp'."""
    return option.split(" — ", 1)[0].strip()


def _chosen(question: Question, answer: str, problems: list[str]) -> list[str]:
    """Return the values of the options an answer names, reporting any that is not an option."""
    values = []
    pieces = list(dict.fromkeys(p.strip() for p in answer.split(",") if p.strip())) if question.multiple else [answer]
    for piece in pieces:
        match = next((o for o in question.options if piece in (o, option_value(o))), None)
        if match is None:
            listed = ", ".join(option_value(o) for o in question.options)
            problems.append(f"{question.label}: '{piece[:60]}' is not one of the choices ({listed})")
        else:
            values.append(option_value(match))
    return values


def slug(text: str) -> str:
    """Turn a program name into a readable id: 'Programa de programación!' -> 'programa-de-programacion'."""
    return suggest_id(text)


def _folded(text: str) -> str:
    """Return a name as it is compared: accents, capitals and spacing do not count."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _read_entries(folder: Path) -> dict[str, dict]:
    """Return {id: values} for the entries of one collection folder; a file that cannot be read is skipped."""
    entries = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            values = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        entries[path.stem] = values if isinstance(values, dict) else {}
    return entries


def _page_id(answer: str, collection: str) -> str:
    """Return the id a pasted page address names: 'https://site.org/partners/acme/' -> 'acme' ('' if it is no address)."""
    if not re.match(r"^https?://", answer, re.IGNORECASE):
        return ""
    parts = [part for part in urlsplit(answer).path.split("/") if part]
    if collection in parts[:-1]:
        parts = parts[parts.index(collection) + 1 :]
    last = parts[0] if parts else ""
    return re.sub(r"(\.html?|\.ya?ml)$", "", last, flags=re.IGNORECASE)


def _partner_id(answer: str, data_dir: Path, problems: list[str], label: str) -> str:
    """Accept a partner's id, its name, or the address of its page; suggest the closest one otherwise."""
    partners = _read_entries(data_dir / "partners")
    from_address = _page_id(answer, "partners")
    if from_address:
        if from_address in partners:
            return from_address
        problems.append(f"{label}: the page {shortened(answer)} is not the page of an organization on the site (use the name shown on its page under Partners)")
        return answer
    if answer in partners:
        return answer
    for partner_id, values in partners.items():
        name = values.get("name")
        if isinstance(name, str) and _folded(name) == _folded(answer):
            return partner_id
    close = difflib.get_close_matches(slug(answer), list(partners), n=1, cutoff=0.75)
    if close:
        hint = f"did you mean {partners[close[0]].get('name', close[0])}?"
    else:
        hint = (
            "write its name as its page under Partners shows it, or paste the address of that page; if it is not on the site, ask a maintainer to add it first"
        )
    problems.append(f"{label}: there is no organization '{shortened(answer)}' on the site ({hint})")
    return answer


def _region_names(region_id: str, values: dict) -> set[str]:
    """Return every way a region may be written: its id, its name, and its name with its state ('Philadelphia, PA')."""
    names = {region_id, str(values.get("name", ""))}
    if values.get("state"):
        names.add(f"{values.get('name', '')}, {values['state']}")
    return {_folded(name) for name in names if name}


def _region_ids(answer: str, data_dir: Path, problems: list[str], label: str) -> list[str]:
    """Read regions separated by commas, each by its name or id; a name with a comma in it ('Philadelphia, PA') is one region."""
    regions = _read_entries(data_dir / "regions")
    by_name = {name: region_id for region_id, values in regions.items() for name in _region_names(region_id, values)}
    pieces = [piece.strip() for piece in answer.split(",") if piece.strip()]
    longest = max((name.count(",") + 1 for name in by_name), default=1)  # the most commas in one region's name, plus one
    found, start = [], 0
    while start < len(pieces):
        for end in range(min(len(pieces), start + longest), start, -1):  # the longest run of pieces that names a region
            region_id = by_name.get(_folded(", ".join(pieces[start:end])))
            if region_id:
                found.append(region_id)
                start = end
                break
        else:
            piece = pieces[start]
            names = sorted(str(values.get("name", region_id)) for region_id, values in regions.items())
            close = difflib.get_close_matches(_folded(piece), [_folded(name) for name in names], n=1, cutoff=0.6)
            suggestion = next((name for name in names if close and _folded(name) == close[0]), "")
            if suggestion:
                hint = f"did you mean {suggestion}?"
            else:
                hint = f"the regions are: {', '.join(names[:30])}" if names else "the site lists no regions yet"
            problems.append(f"{label}: there is no region '{shortened(piece)}' on the site ({hint}); separate regions with commas")
            start += 1
    return list(dict.fromkeys(found))


def _unquoted(text: str) -> str:
    """Remove one pair of quotes around a whole answer: '"2027-02-15"' -> '2027-02-15'."""
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def _deadline(answer: str, problems: list[str], label: str) -> str:
    """Accept a date written YYYY-MM-DD, quoted or not; explain any other form."""
    day = _unquoted(answer)
    if not _DATE.match(day):
        problems.append(f"{label}: '{shortened(answer)}' is not a date written YYYY-MM-DD (write it like 2027-02-15: the year, the month, the day)")
        return day
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        problems.append(f"{label}: {day} is not a day of the calendar (check the month and the day)")
    return day


def _cost(answer: str, problems: list[str], label: str) -> dict | None:
    """Read a cost in US dollars ('$1,200', '0', 'free'); refuse anything that is not plainly a number."""
    amount = _unquoted(answer).replace("$", "").replace(",", "").strip()
    if amount.casefold() in ("free", "0.00"):
        amount = "0"
    if not _AMOUNT.match(amount):
        problems.append(f"{label}: write a number of US dollars with the digits 0 to 9, for example 1200, or 0 if it is free")
        return None
    number = float(amount)
    return {"amount": int(number) if number.is_integer() else number}


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
        values["regions"] = _region_ids(answers["regions"], data_dir, problems, by_id["regions"].label)
    if answers.get("cost"):
        cost = _cost(answers["cost"], problems, by_id["cost"].label)
        if cost is not None:
            values["cost"] = cost
    if answers.get("schedule"):
        values["schedule"] = _chosen(by_id["schedule"], answers["schedule"], problems)
    if one("degree"):
        values["eligibility"] = {"degree_required": one("degree") == "yes"}
    application = {key: answers[key] for key in ("deadline", "how_to_apply") if answers.get(key)}
    if application.get("deadline"):
        application["deadline"] = _deadline(application["deadline"], problems, by_id["deadline"].label)
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
        existing = _read_entries(path.parent).get(entry_id, {})
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
    provider = _read_entries(data_dir / "partners").get(str(existing.get("provider", "")), {}).get("name")
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
