"""Write the option lists of the add-program issue forms from the program schema.

A field with `x-form` in program.schema.json is a question of .github/ISSUE_TEMPLATE/
add-program.yml and of its Spanish twin add-program-es.yml: {"question": the block's id,
"notes": {value: a few words after it}, "notes-es": the same in Spanish}. Its options are
the field's enum values in order: in English "value — note" when it has a note, in Spanish
"value — nota", else "value — its Spanish label" (x-labels-es), so a program type added to the
schema appears in both forms by running `make issue-form`. The value stays first: the converter
reads it, whichever form was used. Only the option lines change; the rest of each form (its
wording, comments) is kept as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .problems import DirectoryError
from .shape import SHIPPED_SCHEMAS

TEMPLATES = SHIPPED_SCHEMAS.parents[1] / ".github" / "ISSUE_TEMPLATE"
FORM = TEMPLATES / "add-program.yml"
FORMS = {"en": FORM, "es": TEMPLATES / "add-program-es.yml"}  # language -> the form written in it
_OPTION_LINE = "        - "


def _option(value, spec: dict, node: dict, language: str) -> str:
    """Return one option line's text: the value, then its note (or in Spanish its label) after a dash."""
    if language == "en":
        notes = spec.get("notes", {})
        return f"{value} — {notes[value]}" if value in notes else str(value)
    labels = node.get("x-labels-es") or node.get("items", {}).get("x-labels-es") or {}
    note = spec.get(f"notes-{language}", {}).get(value) or labels.get(str(value))
    if not note:
        raise DirectoryError(f"program.schema.json: x-form '{spec['question']}' has no Spanish for '{value}' (give it notes-es or x-labels-es)")
    return f"{value} — {note}"


def form_options(schema_dir: Path = SHIPPED_SCHEMAS, language: str = "en") -> dict[str, list[str]]:
    """Return each form question's options, in language, as the program schema's x-form fields give them."""
    options: dict[str, list[str]] = {}

    def walk(node) -> None:
        if isinstance(node, dict):
            if "x-form" in node:
                enum = node.get("enum") or node.get("items", {}).get("enum") or []
                options[node["x-form"]["question"]] = [_option(value, node["x-form"], node, language) for value in enum]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((Path(schema_dir) / "program.schema.json").read_text(encoding="utf-8")))
    return options


def render_form(text: str, options: dict[str, list[str]], name: str = FORM.name) -> str:
    """Return the form's text with the options of each question in options replaced."""
    for question, lines in options.items():
        block = re.search(rf"(?m)^    id: {re.escape(question)}\n(?:    .*\n)*?      options:\n((?:{_OPTION_LINE}.*\n)+)", text)
        if block is None:
            raise DirectoryError(f"{name}: has no question with id '{question}' and options, which program.schema.json's x-form names")
        text = text[: block.start(1)] + "".join(f"{_OPTION_LINE}{line}\n" for line in lines) + text[block.end(1) :]
    return text


def write_form(form: Path = FORM, schema_dir: Path = SHIPPED_SCHEMAS, language: str = "en") -> bool:
    """Rewrite the form's option lists from the schema, in the form's language; return whether the file changed."""
    text = form.read_text(encoding="utf-8")
    new = render_form(text, form_options(schema_dir, language), form.name)
    if new != text:
        form.write_text(new, encoding="utf-8")
    return new != text
