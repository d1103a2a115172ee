"""Read a filled-in "Add a program" issue: the form's questions, and the answers GitHub writes under them.

There are two forms, add-program.yml and its Spanish twin add-program-es.yml; form_for() tells
which one an issue was written with, by the questions' labels its headings carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from directory.data.issue_form import FORM, FORMS
from directory.data.loader import parse_yaml
from directory.data.problems import DirectoryError, LoadError, shortened

MAX_BODY = 65536  # GitHub's own limit on an issue body, and on a comment
EMPTY = {"", "_No response_"}
_CHECKBOX = re.compile(r"^- \[([ xX])\] (.*)$")


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


def _headings(body: str) -> set[str]:
    return {line[4:].strip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.startswith("### ")}


def form_for(body: str, forms: dict[str, Path] = FORMS) -> tuple[str, list[Question]]:
    """Return the language and the questions of the form an issue was written with: the one most of its headings ask.

    An issue that asks none of any form's questions gets the English form, whose reading then refuses it.
    """
    headings = _headings(body)
    read = {language: load_form(path) for language, path in forms.items()}
    language = max(read, key=lambda language: (len(headings & {q.label for q in read[language]}), language == "en"))
    return language, read[language]


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


class EntryDumper(yaml.SafeDumper):
    """Write text of several lines as a `|` block, as a person would; the dumper quotes it instead when it must."""


def _represent_text(dumper: yaml.SafeDumper, text: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


EntryDumper.add_representer(str, _represent_text)


def loader_problem(text: str) -> str:
    """Return what the data loader says of a text (an invisible control character ...), or '' when it takes it."""
    try:
        parse_yaml(yaml.dump({"answer": text}, Dumper=EntryDumper, allow_unicode=True, width=100), "answer")
    except LoadError as error:
        return error.problem.message + (f" ({error.problem.hint})" if error.problem.hint else "")
    return ""
