"""Check, complete and assemble the answers `directory-new` is given into an entry's values."""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from pathlib import Path

import yaml

from directory.cli.new_fields import Question, questions_for, set_field
from directory.data.dataset import display_path
from directory.data.loader import ID_PATTERN, Entry, suggest_id
from directory.data.schema import check_schema

KINDS = {"program": "programs", "partner": "partners", "pathway": "pathways", "partnership": "partnerships", "source": "sources"}


def slug(text: str) -> str:
    """Turn a name into a readable id: 'Programa de programación!' -> 'programa-de-programacion'."""
    return suggest_id(text)


def build_entry(kind: str, answers: dict[str, str], schema: dict, today: dt.date, extra: dict | None = None) -> dict:
    """Assemble the entry's values from the answers and the field flags (path -> value), in the order of the schema's fields."""
    values: dict = {}
    for question in questions_for(kind, {kind: schema}):
        answer = answers.get(question.flag, "")
        if question.field and answer:
            values[question.field] = [part.strip() for part in answer.split(",") if part.strip()] if question.many else answer
    if kind == "pathway" and answers.get("first-step"):
        first = answers["first-step"]
        values["steps"] = [{"id": slug(first) or "first-step", "name": first, "kind": answers.get("first-step-kind") or "course", "level": "entry"}]
    # Unanswered parts stay out, so checking one answer never complains about a later one.
    if answers.get("source-id"):
        values["sources"] = [{"source": answers["source-id"]} | ({"locator": answers["source-locator"]} if answers.get("source-locator") else {})]
    elif kind != "source":
        inline = (("document", "source-document"), ("publisher", "source-publisher"), ("url", "source-url"), ("locator", "source-locator"))
        values["sources"] = [{key: answers[flag] for key, flag in inline if answers.get(flag)}]
    for path, value in (extra or {}).items():
        set_field(values, path, value)
    values["last_verified"] = today.isoformat()
    order = list(schema["properties"])
    return {key: values[key] for key in sorted(values, key=order.index)}


def schema_problems(kind: str, values: dict, validator, field: str | None = None, flags: dict[str, str] | None = None) -> list[str]:
    """Check values against the kind's schema; return messages, only those about `field` when given.

    With flags ({field path: flag}), a missing part that a flag gives is named by its flag.
    """
    entry = Entry(KINDS[kind], "new", Path("new.yml"), "new.yml", values, {}, {})
    messages = []
    for problem in check_schema(entry, validator):
        about = problem.field.split("[")[0].split(".")[0]
        if field is not None and (about != field or "is missing" in problem.message):
            continue
        if flags and problem.field in flags and "is missing" in problem.message:
            messages.append(f"--{flags[problem.field]}: missing")
            continue
        hint = f" ({problem.hint})" if problem.hint else ""
        where = "" if field is not None and problem.field == field else f"{problem.field or 'entry'}: "
        messages.append(f"{where}{problem.message}{hint}")
    return messages


def field_path(path: tuple) -> str:
    """Write a place in the entry as the validator does: ('locations', 0, 'name') -> 'locations[0].name'."""
    return "".join(f"[{part}]" if isinstance(part, int) else (f".{part}" if index else part) for index, part in enumerate(path))


def check_answer(question: Question, answer: str, kind: str, answers: dict, schema: dict, validator, data_dir: Path) -> str:
    """Return why an answer cannot be used, or '' when it can."""
    if not answer:
        return "" if question.optional else "an answer is needed"
    if question.choices:
        picked = [part.strip() for part in answer.split(",")] if question.many else [answer]
        for value in picked:
            if value not in question.choices:
                close = difflib.get_close_matches(value, question.choices, n=1)
                return f"'{value}' is not one of: {', '.join(question.choices)}" + (f" (did you mean '{close[0]}'?)" if close else "")
    if question.flag == "id":
        if not ID_PATTERN.match(answer) or len(answer) > 80:
            return f"'{answer}' is not a valid id: use lowercase letters, digits and single hyphens, for example {slug(answer) or 'evening-it-support'}"
        existing = data_dir / KINDS[kind] / f"{answer}.yml"
        if existing.exists():
            return f"{display_path(existing)} already exists; edit that file instead, or choose another id"
    if question.flag == "source-id":
        documents = sorted(path.stem for path in (data_dir / "sources").glob("*.yml"))
        if answer not in documents:
            close = difflib.get_close_matches(answer, documents, n=1)
            suggestion = f"did you mean '{close[0]}'? " if close else ""
            return f"there is no document '{answer}' in data/sources/ ({suggestion}add it first with: python scripts/new.py source)"
    if question.flag == "provider":
        partners = sorted(path.stem for path in (data_dir / "partners").glob("*.yml"))
        if answer not in partners:
            close = difflib.get_close_matches(answer, partners, n=1)
            suggestion = f"did you mean '{close[0]}'? " if close else ""
            return f"there is no partner '{answer}' in data/partners/ ({suggestion}add it first with: python scripts/new.py partner)"
    if question.field or question.checks:
        trial = build_entry(kind, answers | {question.flag: answer}, schema, dt.date.today())
        problems = schema_problems(kind, trial, validator, question.checks or question.field)
        if problems:
            return "; ".join(problems)
    return ""


def ask(question: Question, default: str) -> str:
    """Ask one question on the terminal; return the answer, or the default on an empty line."""
    if question.choices:
        print(f"{question.prompt}")
        for number, choice in enumerate(question.choices, 1):
            print(f"  {number:>2}. {choice}")
    shown = f" [{default}]" if default else ""
    try:
        answer = input(f"{question.prompt if not question.choices else 'Your choice (number or word)'}{shown}: ").strip()
    except EOFError:
        print(f"\nStopped: no answer for '{question.prompt}'. Nothing was written.", file=sys.stderr)
        raise SystemExit(2) from None
    answer = answer or default
    if question.choices and answer:
        numbers = [part.strip() for part in answer.split(",")]
        if all(n.isdigit() and 1 <= int(n) <= len(question.choices) for n in numbers):
            answer = ", ".join(question.choices[int(n) - 1] for n in numbers)
    return answer


def default_for(question: Question, kind: str, answers: dict, data_dir: Path) -> str:
    """Return the suggested answer: the id from the name; as publisher, the provider or the partner itself."""
    if question.flag == "id":
        return slug(answers.get("name", ""))
    if question.flag == "source-publisher" and kind == "partner":
        return answers.get("name", "")
    if question.flag == "source-publisher" and answers.get("provider"):
        provider = data_dir / "partners" / f"{answers['provider']}.yml"
        try:
            return str(yaml.safe_load(provider.read_text(encoding="utf-8")).get("name", ""))
        except (OSError, yaml.YAMLError, AttributeError):
            return ""
    return question.default
