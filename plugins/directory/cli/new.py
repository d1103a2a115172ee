"""Start a new entry: ask for the essentials (or take them as flags), write the file, check it.

Usage:
  directory-new program                     # asks one question at a time
  directory-new program --name "Evening IT Support" --provider example-community-college \\
      --type certificate --description "..." --source-document "..." --source-publisher "..." \\
      --url https://www.example.org/it --cost-amount 1200 --schedule "evenings, part-time"
  directory-new program --help              # every flag of a program, and only those

Each kind has a flag for every field of its schema (a group's parts as --group-part, the
first item of a list of groups as --item-part, for example --location-city). Given flags,
nothing is asked: an essential answer that is missing is named instead. The file starts with
a `# yaml-language-server: $schema=...` line, so editors that know YAML offer completion.
An id that already exists is refused. The new file is then checked with the same validator
as the build; its verdict is printed. Exit status: 0 when the new entry has no errors, 1 when
it has, 2 when the answers were refused and nothing was written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from directory.checks import build_date, validate_data
from directory.cli import ROOT
from directory.dataset import SCHEMA_FOLDER, display_path
from directory.loader import ID_PATTERN, Entry, suggest_id
from directory.problems import DirectoryError
from directory.reference import describe_collections
from directory.schema import check_schema, inline_refs, load_schemas, make_validators

KINDS = {"program": "programs", "partner": "partners", "pathway": "pathways", "partnership": "partnerships", "source": "sources"}
# Fields no flag sets: the date of the check is always the day the file is written.
NO_FLAG = {"last_verified"}
# The flag word for the first item of a list of groups: --source-document, --first-step-level.
ITEM_WORDS = {"sources": "source", "steps": "first-step"}
# Parts of a first item that a question already asks for (--first-step is the step's name).
ASKED_PATHS = {("steps", 0, "name"), ("sources", 0, "source")}
# The questions that describe a document in the entry itself: skipped when --source-id names one in data/sources/.
INLINE_SOURCE = {"source-document", "source-publisher", "source-url"}
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
            flags.append(FieldFlag(flag, path, node, _help(node)))

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


def questions_for(kind: str, schemas: dict) -> list[Question]:
    """Return the questions for one kind of entry, in the order they are asked."""
    schema = schemas[kind]
    source = [
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
    name = {
        "program": "Name of the program",
        "partner": "Name of the organization",
        "pathway": "Name of the pathway",
        "partnership": "Name of the partnership",
        "source": "Title of the document, exactly as it gives it",
    }[kind]
    asked = [
        Question("name", name, "name"),
        Question(
            "id",
            "File name (id): lowercase words joined by hyphens",
        ),
    ]
    if kind == "program":
        asked += [
            Question("provider", "Who runs it? The id of a partner in data/partners/", "provider"),
            Question("type", "What kind of program is it?", "type", choices=_choices(schema, "type")),
            Question("status", "Does it run now?", "status", choices=_choices(schema, "status"), default="active"),
        ]
    elif kind == "partner":
        asked += [
            Question("kinds", "What kind of organization is it? (several allowed, separated by commas)", "kinds", choices=_choices(schema, "kinds"), many=True)
        ]
    elif kind == "pathway":
        asked += [Question("field", "Which area of tech work? (Enter to skip)", "field", choices=_choices(schema, "field"), optional=True)]
    elif kind == "partnership":
        asked += [
            Question("kind", "What kind of partnership is it?", "kind", choices=_choices(schema, "kind")),
            Question("status", "Where does it stand?", "status", choices=_choices(schema, "status"), default="active"),
        ]
    elif kind == "source":  # a document: what it is, who published it and when, as seen on it
        return asked + [
            Question("kind", "What kind of document is it?", "kind", choices=_choices(schema, "kind")),
            Question("publisher", "Who published it? (Enter if nothing names a publisher)", "publisher", optional=True),
            Question("published", "When was it published: YYYY, YYYY-MM or YYYY-MM-DD (Enter if it gives no date)", "published", optional=True),
            Question("date-unknown", "It gives no date: say why the date is unknown (Enter if it has one)", "date_unknown", optional=True),
            Question("url", "Its web address, starting with https:// (Enter if you found none)", "url", optional=True),
        ]
    asked.append(Question("description", "Describe it in two or three sentences, in your own words", "description"))
    if kind == "partner":
        asked.append(Question("website", "Its home page, starting with https:// (Enter to skip)", "website", optional=True))
    if kind == "pathway":
        step_kinds = tuple(schemas["pathway"]["$defs"]["step"]["properties"]["kind"]["enum"])
        asked += [
            Question("first-step", "Name of the first step, where someone can start", checks="steps"),
            Question("first-step-kind", "What is that first step?", checks="steps", choices=step_kinds, default="course"),
        ]
    return asked + source


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


def skeleton(kind: str, values: dict, schemas: dict) -> str:
    """Return the file's text: the schema line, the answers, then the optional fields as comments."""
    collection = next(c for c in describe_collections(schemas) if c.schema == kind)
    lines = [
        f"# yaml-language-server: $schema=../{SCHEMA_FOLDER}/{kind}.schema.json",
        f"# Started with scripts/new.py. A complete example of every field: examples/{kind}.yml;",
        "# what each field means: the site's data dictionary, /contribute/reference/.",
        "",
        yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=100).rstrip(),
        "",
        "# More fields you can add (write them above this block, as in the example file):",
    ]
    for field in collection.fields:
        if not field.parent and field.path not in values:
            first = " ".join(field.description.split(". ")[0].split())
            lines.append(f"#   {field.path}: {first.rstrip('.')}.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Create one entry from flags and answers; return the exit status."""
    schemas = load_schemas(ROOT / "data" / SCHEMA_FOLDER)
    parser = argparse.ArgumentParser(
        description="Start a new entry in data/ and check it.", epilog="Each kind lists its own flags: python scripts/new.py program --help"
    )
    kinds = parser.add_subparsers(dest="collection", metavar="kind", required=True, help="what to add: " + ", ".join(sorted(KINDS)))
    for kind in sorted(KINDS):
        sub = kinds.add_parser(
            kind, help=f"start a new {kind}", usage="%(prog)s [--FLAG TEXT ...]", description=f"Start a new {kind} in data/{KINDS[kind]}/ and check it."
        )
        essentials = sub.add_argument_group("the essentials (asked one by one when no flag is given)")
        for question in questions_for(kind, schemas):
            prompt = question.prompt if not question.choices else f"{question.prompt} ({', '.join(question.choices)})"
            essentials.add_argument(f"--{question.flag}", metavar="TEXT", help=prompt.replace("%", "%%"))
        more = sub.add_argument_group("more fields (never asked)")
        for field_flag in field_flags(kind, schemas):
            more.add_argument(f"--{field_flag.flag}", metavar="TEXT", help=field_flag.help)
        sub.add_argument("--data-dir", default=str(ROOT / "data"), help="the data folder (default: data/)")
        sub.add_argument("--no-input", action="store_true", help="never ask: fail when an essential flag is missing")
        sub.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    today = args.today or build_date()
    kind = args.collection
    schema = schemas[kind]
    validator = make_validators(schemas)[kind]
    answers: dict[str, str] = {}
    refused = []
    questions = questions_for(kind, schemas)
    extra_flags = field_flags(kind, schemas)
    # Given any flag of the kind, nothing is asked: suggested answers are taken, missing ones named.
    some_flags = any(getattr(args, flag.replace("-", "_")) is not None for flag in [q.flag for q in questions] + [f.flag for f in extra_flags])
    for question in questions:
        given = getattr(args, question.flag.replace("-", "_"))
        if question.flag in INLINE_SOURCE and (answers.get("source-id") or getattr(args, "source_id", None)):
            if given is not None:
                refused.append(f"--{question.flag}: not used with --source-id (the document's file in data/sources/ describes it)")
            continue
        if given is not None:
            answer = " ".join(given.split()) if question.flag != "description" else given.strip()
            if question.choices and question.many:
                answer = ", ".join(part.strip() for part in answer.split(","))
            problem = check_answer(question, answer, kind, answers, schema, validator, data_dir)
            if problem:
                refused.append(f"--{question.flag}: {problem}")
            else:
                answers[question.flag] = answer
            continue
        default = default_for(question, kind, answers, data_dir)
        if args.no_input or some_flags:
            problem = check_answer(question, default, kind, answers, schema, validator, data_dir) if default else ""
            if default and not problem:
                answers[question.flag] = default
            elif problem:  # the suggested answer cannot be used: say why (an id taken by another entry ...)
                refused.append(f"--{question.flag}: {problem}")
            elif not question.optional:
                refused.append(f"--{question.flag}: missing ({question.prompt})")
            continue
        while True:
            answer = ask(question, default)
            problem = check_answer(question, answer, kind, answers, schema, validator, data_dir)
            if not problem:
                break
            print(f"  Not accepted: {problem}")
        if answer:
            answers[question.flag] = answer
    extra: dict = {}
    for field_flag in extra_flags:
        given = getattr(args, field_flag.flag.replace("-", "_"))
        if given is None:
            continue
        value = field_flag.value(given.strip())
        trial = build_entry(kind, answers, schema, today, extra | {field_flag.path: value})
        problems = schema_problems(kind, trial, validator, field_flag.path[0])
        if problems:
            own = f"{field_path(field_flag.path)}: "
            refused.append(f"--{field_flag.flag}: {'; '.join(problem.removeprefix(own) for problem in problems)}")
        else:
            extra[field_flag.path] = value
    values = build_entry(kind, answers, schema, today, extra)
    if not refused:
        refused = schema_problems(kind, values, validator, flags={field_path(f.path): f.flag for f in extra_flags})
    if refused:
        print("Nothing was written:", file=sys.stderr)
        for line in refused:
            print(f"  {line}", file=sys.stderr)
        return 2
    path = data_dir / KINDS[kind] / f"{answers['id']}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite an entry
            handle.write(skeleton(kind, values, schemas))
    except FileExistsError:
        print(f"{display_path(path)} already exists; nothing was written", file=sys.stderr)
        return 2
    print(f"Wrote {display_path(path)}")
    try:
        result = validate_data(data_dir, today=today)
    except DirectoryError as error:
        print(error, file=sys.stderr)
        return 1
    mine = [p for p in result.problems if Path(p.path).resolve() == path.resolve()]
    others = [p for p in result.errors if p not in mine]
    for problem in mine:
        print(problem.text())
    errors = [p for p in mine if p.severity == "error"]
    warnings = len(mine) - len(errors)
    if errors:
        print(f"Not valid yet: {len(errors)} error{'s' * (len(errors) != 1)} in {display_path(path)}; fix them and run: make validate")
    else:
        note = f" ({warnings} warning{'s' * (warnings != 1)}: worth fixing, not blocking)" if warnings else ""
        print(f"Valid: {display_path(path)} passes the checks{note}. Next: fill in more fields, then run: make validate")
    if others:
        print(f"Note: data/ has {len(others)} other error{'s' * (len(others) != 1)} in other files; run: make validate")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
