"""The questions `directory-new` asks and the flags it takes, read from each kind's schema."""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.data.schema import inline_refs

# Fields no flag sets: the date of the check is always the day the file is written.
NO_FLAG = {"last_verified"}
# The flag word for the first item of a list of groups: --source-document, --first-step-level.
ITEM_WORDS = {"sources": "source", "steps": "first-step"}
# Parts of a first item that a question already asks for (--first-step is the step's name).
ASKED_PATHS = {("steps", 0, "name"), ("sources", 0, "source")}
_YES, _NO = {"yes", "y", "true"}, {"no", "n", "false"}


@dataclass(frozen=True)
class FieldFlag:
    """A flag that sets one field of the entry directly: its place in the entry and the schema of its value."""

    flag: str
    path: tuple  # ("url",), ("cost", "amount") or ("locations", 0, "city")
    node: dict
    help: str

    @property
    def many(self) -> bool:
        return self.node.get("type") == "array"

    def value(self, text: str):
        """Turn the flag's text into the field's value: a number, yes/no, a list split on commas, or the text."""
        if self.many:
            return [self._scalar(part.strip(), self.node.get("items", {})) for part in text.split(",") if part.strip()]
        return self._scalar(text, self.node)

    @staticmethod
    def _scalar(text: str, node: dict):
        kinds = {node.get("type")} | {option.get("type") for option in node.get("oneOf", []) + node.get("anyOf", []) if isinstance(option, dict)}
        if "boolean" in kinds and text.casefold() in _YES | _NO:
            return text.casefold() in _YES
        if kinds & {"integer", "number"} and re.fullmatch(r"-?[0-9]+", text):
            return int(text)
        if "number" in kinds and re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
            return float(text)
        return text


def _is_scalar(node: dict) -> bool:
    if "enum" in node or node.get("type") in ("string", "integer", "number", "boolean"):
        return True
    options = node.get("oneOf", []) + node.get("anyOf", [])
    return bool(options) and all(isinstance(o, dict) and ("enum" in o or o.get("type") in ("string", "integer", "number", "boolean")) for o in options)


def _settable(node: dict) -> bool:
    """Whether a flag can give the value: a scalar, or a list of scalars."""
    return _is_scalar(node) or (node.get("type") == "array" and _is_scalar(node.get("items", {})))


def _help(node: dict) -> str:
    words = " ".join(node.get("description", "").split(". ")[0].split()).replace("`", "")
    choices = node.get("enum") or node.get("items", {}).get("enum")
    if choices:
        words += f" (one of: {', '.join(map(str, choices))})"
    if node.get("type") == "array":
        words += "; several separated by commas"
    return words.replace("%", "%%")


def field_flags(kind: str, schemas: dict) -> list[FieldFlag]:
    """Return a flag for every field of a kind that is not one of its questions, from its schema."""
    documents = {schema["$id"]: schema for schema in schemas.values() if "$id" in schema}
    flat = inline_refs(schemas[kind], schemas[kind], documents)
    asked = {q.flag for q in questions_for(kind, schemas)}
    covered = {q.field for q in questions_for(kind, schemas) if q.field}
    flags = []

    def add(flag: str, path: tuple, node: dict) -> None:
        if flag not in asked and path[0] not in covered and path not in ASKED_PATHS and _settable(node):
            # A field of the es: group holds the Spanish version of the English field of its name.
            words = f"In Spanish: {_help(node)}" if path[0] == "es" and path[-1] != "reviewed_by" else _help(node)
            flags.append(FieldFlag(flag, path, node, words))

    for name, node in flat["properties"].items():
        if name in NO_FLAG:
            continue
        word = name.replace("_", "-")
        if node.get("type") == "object":
            for part, child in node.get("properties", {}).items():
                add(f"{word}-{part.replace('_', '-')}", (name, part), child)
        elif node.get("type") == "array" and node.get("items", {}).get("type") == "object":
            item = ITEM_WORDS.get(name, word[:-1] if word.endswith("s") else word)
            for part, child in node["items"].get("properties", {}).items():
                add(f"{item}-{part.replace('_', '-')}", (name, 0, part), child)
        else:
            add(word, (name,), node)
    return flags


def set_field(values: dict, path: tuple, value) -> None:
    """Put a value at its place in the entry, making the group or the first item of a list as needed."""
    name = path[0]
    if len(path) == 1:
        values[name] = value
    elif len(path) == 2:
        values.setdefault(name, {})[path[1]] = value
    else:
        items = values.setdefault(name, [])
        if not items:
            items.append({})
        items[0][path[2]] = value


@dataclass(frozen=True)
class Question:
    """One essential answer: the flag that gives it, the words that ask for it, where it goes."""

    flag: str
    prompt: str
    field: str = ""  # the entry field the answer fills; "" when it is used otherwise
    checks: str = ""  # the entry field whose schema the answer must pass, if not `field`
    choices: tuple[str, ...] = ()
    many: bool = False
    optional: bool = False
    default: str = ""


def _choices(schema: dict, field: str) -> tuple[str, ...]:
    node = schema["properties"][field]
    return tuple(node.get("enum") or node.get("items", {}).get("enum") or ())


NAME_PROMPTS = {
    "program": "Name of the program",
    "partner": "Name of the organization",
    "pathway": "Name of the pathway",
    "partnership": "Name of the partnership",
    "source": "Title of the document, exactly as it gives it",
}


def _source_questions() -> list[Question]:
    """Return the questions about where an entry's facts come from, asked last."""
    return [
        Question(
            "source-id",
            "Where do these facts come from? The id of a document in data/sources/ (Enter to describe a web page of your own instead)",
            checks="sources",
            optional=True,
        ),
        Question("source-locator", "Which part of it: a table, chapter, page or section (Enter to skip)", checks="sources", optional=True),
        Question("source-document", "The title of the document or web page the facts come from", checks="sources"),
        Question("source-publisher", "Who published it?", checks="sources"),
        Question("source-url", "Its web address, starting with https:// (Enter to skip)", checks="sources", optional=True),
    ]


def _document_questions(schema: dict) -> list[Question]:
    """Return the questions about a document: what it is, who published it and when, as seen on it."""
    return [
        Question("kind", "What kind of document is it?", "kind", choices=_choices(schema, "kind")),
        Question("publisher", "Who published it? (Enter if nothing names a publisher)", "publisher", optional=True),
        Question("published", "When was it published: YYYY, YYYY-MM or YYYY-MM-DD (Enter if it gives no date)", "published", optional=True),
        Question("date-unknown", "It gives no date: say why the date is unknown (Enter if it has one)", "date_unknown", optional=True),
        Question("url", "Its web address, starting with https:// (Enter if you found none)", "url", optional=True),
    ]


def _kind_questions(kind: str, schema: dict) -> list[Question]:
    """Return the questions only one kind of entry asks, after its name and id."""
    if kind == "program":
        return [
            Question("provider", "Who runs it? The id of a partner in data/partners/", "provider"),
            Question("type", "What kind of program is it?", "type", choices=_choices(schema, "type")),
            Question("status", "Does it run now?", "status", choices=_choices(schema, "status"), default="active"),
        ]
    if kind == "partner":
        return [
            Question("kinds", "What kind of organization is it? (several allowed, separated by commas)", "kinds", choices=_choices(schema, "kinds"), many=True)
        ]
    if kind == "pathway":
        return [Question("field", "Which area of tech work? (Enter to skip)", "field", choices=_choices(schema, "field"), optional=True)]
    if kind == "partnership":
        return [
            Question("kind", "What kind of partnership is it?", "kind", choices=_choices(schema, "kind")),
            Question("status", "Where does it stand?", "status", choices=_choices(schema, "status"), default="active"),
        ]
    return []


def questions_for(kind: str, schemas: dict) -> list[Question]:
    """Return the questions for one kind of entry, in the order they are asked."""
    schema = schemas[kind]
    asked = [
        Question("name", NAME_PROMPTS[kind], "name"),
        Question(
            "id",
            "File name (id): lowercase words joined by hyphens",
        ),
    ]
    if kind == "source":
        return asked + _document_questions(schema)
    asked += _kind_questions(kind, schema)
    asked.append(Question("description", "Describe it in two or three sentences, in your own words", "description"))
    if kind == "partner":
        asked.append(Question("website", "Its home page, starting with https:// (Enter to skip)", "website", optional=True))
    if kind == "pathway":
        step_kinds = tuple(schemas["pathway"]["$defs"]["step"]["properties"]["kind"]["enum"])
        asked += [
            Question("first-step", "Name of the first step, where someone can start", checks="steps"),
            Question("first-step-kind", "What is that first step?", checks="steps", choices=step_kinds, default="course"),
        ]
    return asked + _source_questions()
