"""Write the option lists of the add-program issue form from the program schema.

A field with `x-form` in program.schema.json is a question of .github/ISSUE_TEMPLATE/
add-program.yml: {"question": the block's id, "notes": {value: a few words after it}}. Its
options are the field's enum values in order, each as "value — note" when it has a note,
so a program type added to the schema appears in the form by running `make issue-form`.
Only the option lines change; the rest of the form (its wording, comments) is kept as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .problems import DirectoryError
from .shape import SHIPPED_SCHEMAS

FORM = SHIPPED_SCHEMAS.parents[1] / ".github" / "ISSUE_TEMPLATE" / "add-program.yml"
_OPTION_LINE = "        - "


def form_options(schema_dir: Path = SHIPPED_SCHEMAS) -> dict[str, list[str]]:
    """Return each form question's options as the program schema's x-form fields give them."""
    options: dict[str, list[str]] = {}

    def walk(node) -> None:
        if isinstance(node, dict):
            if "x-form" in node:
                enum = node.get("enum") or node.get("items", {}).get("enum") or []
                notes = node["x-form"].get("notes", {})
                options[node["x-form"]["question"]] = [f"{value} — {notes[value]}" if value in notes else str(value) for value in enum]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((Path(schema_dir) / "program.schema.json").read_text(encoding="utf-8")))
    return options


def render_form(text: str, options: dict[str, list[str]]) -> str:
    """Return the form's text with the options of each question in options replaced."""
    for question, lines in options.items():
        block = re.search(rf"(?m)^    id: {re.escape(question)}\n(?:    .*\n)*?      options:\n((?:{_OPTION_LINE}.*\n)+)", text)
        if block is None:
            raise DirectoryError(f"{FORM.name}: has no question with id '{question}' and options, which program.schema.json's x-form names")
        text = text[: block.start(1)] + "".join(f"{_OPTION_LINE}{line}\n" for line in lines) + text[block.end(1) :]
    return text


def write_form(form: Path = FORM, schema_dir: Path = SHIPPED_SCHEMAS) -> bool:
    """Rewrite the form's option lists from the schema; return whether the file changed."""
    text = form.read_text(encoding="utf-8")
    new = render_form(text, form_options(schema_dir))
    if new != text:
        form.write_text(new, encoding="utf-8")
    return new != text
