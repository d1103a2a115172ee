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
import sys
from pathlib import Path

import yaml

from directory.cli import ROOT
from directory.cli.new_answers import KINDS, ask, build_entry, check_answer, default_for, field_path, schema_problems
from directory.cli.new_fields import FieldFlag, Question, field_flags, questions_for
from directory.data.checks import build_date, validate_data
from directory.data.dataset import SCHEMA_FOLDER, display_path
from directory.data.problems import DirectoryError
from directory.data.schema import load_schemas, make_validators
from directory.site.reference import describe_collections

# The questions that describe a document in the entry itself: skipped when --source-id names one in data/sources/.
INLINE_SOURCE = {"source-document", "source-publisher", "source-url"}


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


def _parser(schemas: dict) -> argparse.ArgumentParser:
    """Return the command line: one subcommand a kind, with a flag for each question and each settable field."""
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
    return parser


def _take_given(question: Question, given: str, kind: str, answers: dict, schema: dict, validator, data_dir: Path, refused: list) -> None:
    """Take a flag's answer when it passes, or say why not."""
    answer = " ".join(given.split()) if question.flag != "description" else given.strip()
    if question.choices and question.many:
        answer = ", ".join(part.strip() for part in answer.split(","))
    problem = check_answer(question, answer, kind, answers, schema, validator, data_dir)
    if problem:
        refused.append(f"--{question.flag}: {problem}")
    else:
        answers[question.flag] = answer


def _take_default(question: Question, kind: str, answers: dict, schema: dict, validator, data_dir: Path, refused: list) -> None:
    """Take the suggested answer without asking, or name what is missing."""
    default = default_for(question, kind, answers, data_dir)
    problem = check_answer(question, default, kind, answers, schema, validator, data_dir) if default else ""
    if default and not problem:
        answers[question.flag] = default
    elif problem:  # the suggested answer cannot be used: say why (an id taken by another entry ...)
        refused.append(f"--{question.flag}: {problem}")
    elif not question.optional:
        refused.append(f"--{question.flag}: missing ({question.prompt})")


def _ask_until_accepted(question: Question, kind: str, answers: dict, schema: dict, validator, data_dir: Path) -> str:
    """Ask one question on the terminal until the answer can be used; return it."""
    default = default_for(question, kind, answers, data_dir)
    while True:
        answer = ask(question, default)
        problem = check_answer(question, answer, kind, answers, schema, validator, data_dir)
        if not problem:
            return answer
        print(f"  Not accepted: {problem}")


def _answer_questions(args, kind: str, questions: list[Question], extra_flags: list[FieldFlag], schema: dict, validator, data_dir: Path):
    """Return the essential answers, from flags or asked one by one, and the flags refused."""
    answers: dict[str, str] = {}
    refused: list[str] = []
    # Given any flag of the kind, nothing is asked: suggested answers are taken, missing ones named.
    some_flags = any(getattr(args, flag.replace("-", "_")) is not None for flag in [q.flag for q in questions] + [f.flag for f in extra_flags])
    for question in questions:
        given = getattr(args, question.flag.replace("-", "_"))
        if question.flag in INLINE_SOURCE and (answers.get("source-id") or getattr(args, "source_id", None)):
            if given is not None:
                refused.append(f"--{question.flag}: not used with --source-id (the document's file in data/sources/ describes it)")
        elif given is not None:
            _take_given(question, given, kind, answers, schema, validator, data_dir, refused)
        elif args.no_input or some_flags:
            _take_default(question, kind, answers, schema, validator, data_dir, refused)
        else:
            answer = _ask_until_accepted(question, kind, answers, schema, validator, data_dir)
            if answer:
                answers[question.flag] = answer
    return answers, refused


def _field_values(args, kind: str, answers: dict, extra_flags: list[FieldFlag], schema: dict, validator, today: dt.date, refused: list) -> dict:
    """Return the values the field flags give ({path: value}), naming each flag whose value the schema refuses."""
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
    return extra


def _write_and_check(path: Path, kind: str, values: dict, schemas: dict, data_dir: Path, today: dt.date) -> int:
    """Write the new file (never over another) and print the validator's verdict on it; return the exit status."""
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


def main(argv: list[str] | None = None) -> int:
    """Create one entry from flags and answers; return the exit status."""
    schemas = load_schemas(ROOT / "data" / SCHEMA_FOLDER)
    args = _parser(schemas).parse_args(argv)
    data_dir = Path(args.data_dir)
    today = args.today or build_date()
    kind = args.collection
    schema = schemas[kind]
    validator = make_validators(schemas)[kind]
    questions = questions_for(kind, schemas)
    extra_flags = field_flags(kind, schemas)
    answers, refused = _answer_questions(args, kind, questions, extra_flags, schema, validator, data_dir)
    extra = _field_values(args, kind, answers, extra_flags, schema, validator, today, refused)
    values = build_entry(kind, answers, schema, today, extra)
    if not refused:
        refused = schema_problems(kind, values, validator, flags={field_path(f.path): f.flag for f in extra_flags})
    if refused:
        print("Nothing was written:", file=sys.stderr)
        for line in refused:
            print(f"  {line}", file=sys.stderr)
        return 2
    return _write_and_check(data_dir / KINDS[kind] / f"{answers['id']}.yml", kind, values, schemas, data_dir, today)


if __name__ == "__main__":
    sys.exit(main())
