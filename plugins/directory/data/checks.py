"""Validate the whole data folder: each file against its schema, then the checks across files.

`validate_data` is the one truth about what is valid: scripts/validate.py and the
Pelican build both call it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..parallel import PARALLEL_FROM, parallel_map
from .cross_checks import check_across
from .dataset import COLLECTIONS, RESERVED_IDS, SCHEMA_FOLDER, WINDOWS_DEVICE_NAMES, display_path, find_entry_files
from .loader import Entry, load_entry
from .markdown import markdown_problems
from .problems import ERROR, MAX_PROBLEMS_PER_FILE, WARNING, DirectoryError, LoadError, Problem, field_name
from .schema import check_schema, load_schemas, make_validators
from .shape import load_shape
from .translations import translation_problems


@dataclass
class Result:
    """What validation found: the entries by collection and every problem, in file order."""

    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def count(self) -> int:
        return sum(len(group) for group in self.entries.values())


def build_date() -> dt.date:
    """Return today's date, or the date of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _in_file_order(problem: Problem) -> tuple:
    return (problem.path, problem.line, problem.column, problem.field, problem.message)


def limit_per_file(problems: list[Problem]) -> list[Problem]:
    """Keep the first MAX_PROBLEMS_PER_FILE problems of each file, and say when there were more."""
    kept: list[Problem] = []
    counts: dict[str, int] = defaultdict(int)
    over: dict[str, bool] = {}
    for problem in problems:
        counts[problem.path] += 1
        if counts[problem.path] <= MAX_PROBLEMS_PER_FILE:
            kept.append(problem)
        else:
            over[problem.path] = over.get(problem.path, False) or problem.severity == ERROR
    for path, has_error in over.items():
        kept.append(
            Problem(
                path,
                1,
                1,
                "",
                f"has more than {MAX_PROBLEMS_PER_FILE} problems; only the first {MAX_PROBLEMS_PER_FILE} are listed",
                ERROR if has_error else WARNING,
                "fix these, then check the file again",
            )
        )
    return kept


def markdown_texts(values, node, location: tuple = ()):
    """Yield (location, text) for each value the schema marks as Markdown (x-markdown) and within its maxLength."""
    if not isinstance(node, dict):
        return
    for part in node.get("allOf", []):  # where inline_refs kept an overridden keyword
        yield from markdown_texts(values, part, location)
    if node.get("x-markdown"):
        if isinstance(values, str) and len(values) <= node.get("maxLength", len(values)):  # a longer one is refused already
            yield location, values
    elif isinstance(values, dict):
        properties = node.get("properties", {})
        for key, value in values.items():
            if key in properties:
                yield from markdown_texts(value, properties[key], location + (key,))
    elif isinstance(values, list):
        for index, value in enumerate(values):
            yield from markdown_texts(value, node.get("items"), location + (index,))


def check_markdown(entry: Entry, schema: dict) -> list[Problem]:
    """Refuse Markdown that would cost seconds to render; warn about what the site would drop from it."""
    problems = []
    for location, text in dict(markdown_texts(entry.values, schema)).items():
        for severity, message, hint in markdown_problems(text):
            line, column = entry.mark(location)
            problems.append(Problem(entry.relpath, line, column, field_name(location), message, severity, hint))
    return problems


def _check_one(entry: Entry, validators) -> list[Problem]:
    """Return the problems one entry has on its own: schema errors (or the wrong folder), a reserved id."""
    own = validators[COLLECTIONS[entry.collection]]
    problems = check_schema(entry, own)
    if problems and set(entry.values) - set(own.schema.get("properties", {})):
        # Fields this collection does not know, yet valid in another: the file is in the wrong folder.
        home = next((name for name, schema in COLLECTIONS.items() if name != entry.collection and validators[schema].is_valid(entry.values)), None)
        if home:
            line, column = entry.mark(())
            message = f"looks like a {COLLECTIONS[home]} entry, but it is in {entry.collection}/"
            problems = [Problem(entry.relpath, line, column, "", message, hint=f"move the file to data/{home}/")]
    if not problems:  # a Spanish field the schema refused is named once, by the schema's message
        problems += translation_problems(entry)
    problems += check_markdown(entry, own.schema)
    hint = f"rename the file, for example to {entry.id}-{COLLECTIONS[entry.collection]}.yml"
    if entry.id in RESERVED_IDS.get(entry.collection, ()):
        line, column = entry.mark(())
        problems.append(Problem(entry.relpath, line, column, "", f"the id '{entry.id}' is reserved for a page of the site", hint=hint))
    if entry.id in WINDOWS_DEVICE_NAMES:
        line, column = entry.mark(())
        problems.append(
            Problem(entry.relpath, line, column, "", f"the id '{entry.id}' is a name Windows keeps for devices; the file cannot be opened there", hint=hint)
        )
    return problems


def validate_entries(entries: list[Entry], validators, today: dt.date) -> Result:
    """Check loaded entries against their schemas, then run the checks across files."""
    result = Result(entries={name: {} for name in COLLECTIONS})
    for entry in entries:
        result.entries[entry.collection][entry.id] = entry
        result.problems.extend(_check_one(entry, validators))
    result.problems = limit_per_file(result.problems + check_across(result.entries, today))
    return result


_built_validators: dict[str, dict] = {}


def validators_for(schema_dir: Path) -> dict:
    """Return the validators of the schemas in schema_dir, built once per version of their text."""
    # Building them costs more than checking a small dataset; a process that validates
    # again (pelican --autoreload, the tests) reuses them until a schema file changes.
    digest = hashlib.sha256()
    for path in sorted(schema_dir.glob("*.schema.json")):
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() and not path.is_symlink() else b"") + b"\0")
    key = digest.hexdigest()  # names and texts are all that go into the validators
    if key not in _built_validators:
        _built_validators.clear()
        _built_validators[key] = make_validators(load_schemas(schema_dir))
    return _built_validators[key]


def _load_and_check(file: tuple[str, Path], validators: dict, forget_marks: bool = False) -> tuple[Entry | None, list[Problem]]:
    """Load one file and check it on its own: (entry, problems), or (None, [why it cannot be read])."""
    collection, path = file
    try:
        entry = load_entry(path, collection, display_path(path))
    except LoadError as error:
        return None, [error.problem]
    problems = _check_one(entry, validators)
    if forget_marks:
        entry.forget_marks()  # cheaper to keep and to send back; most entries never need them again, mark() re-reads on demand
    return entry, problems


def _check_files(files: list[tuple[str, Path]], schema_dir: Path) -> list[tuple[Entry | None, list[Problem]]]:
    """Load and check each file, shared among the cores for many files (parallel_map); in file order."""
    # A large directory keeps no positions: they would cost three times its values (mark() re-reads a file when asked).
    check = functools.partial(_load_and_check, validators=validators_for(schema_dir), forget_marks=len(files) >= PARALLEL_FROM)
    return parallel_map(check, files, name="checking the data files")


# What each collection gives the site, for the warning when a folder holds no entry yet.
_WHAT_IT_GIVES = {
    "programs": ("programs", "the program lists, the search and the home page's ways in are empty", "program"),
    "partners": ("partners", "every program needs the partner that provides it", "partner"),
    "pathways": ("career pathways", "the home page and the pathways page show no route into a job", "pathway"),
    "partnerships": ("partnerships", "employers and colleges see no partnership to join", "partnership"),
    "occupations": ("occupations", "Jobs and pay is empty and no pathway step can name its job", None),
    "regions": ("regions", "programs and partners cannot say where they are", None),
    "sources": ("source documents", "entries cannot cite a document by its id, and the Sources page is empty", "source"),
}


def usable_directory_problems(entries: dict[str, dict], data_dir: Path) -> list[Problem]:
    """Warn about each collection with no entry yet: the site builds, but that part of it is empty."""
    problems = []
    for collection, (plural, effect, kind) in _WHAT_IT_GIVES.items():
        if entries.get(collection):
            continue
        folder = display_path(data_dir / collection) + "/"
        how = f"run `python scripts/new.py {kind}`, or copy" if kind else "copy"
        hint = f"{how} examples/{COLLECTIONS[collection]}.yml into {folder} and fill it in; CONTRIBUTING.md explains every field"
        problems.append(Problem(folder, 0, 0, "", f"no {plural} yet: {effect}", WARNING, hint))
    return problems


def validate_data(data_dir: Path, today: dt.date | None = None) -> Result:
    """Load and check every file under data_dir; the build and scripts/validate.py share this."""
    schema_dir = data_dir / SCHEMA_FOLDER
    if not schema_dir.is_dir():
        raise DirectoryError(f"{display_path(schema_dir)}/ is missing: the data folder needs the schemas; copy data/schemas/ from the directory's repository")
    validators_for(schema_dir)  # a broken schema stops here, with its message
    files, problems = find_entry_files(data_dir)
    result = Result(entries={name: {} for name in COLLECTIONS})
    for entry, entry_problems in _check_files(files, schema_dir):
        problems.extend(entry_problems)
        if entry is not None:
            result.entries[entry.collection][entry.id] = entry
    problems.extend(check_across(result.entries, today or build_date(), load_shape(schema_dir)))
    if not any(problem.severity == ERROR for problem in problems):  # an error comes first: the folder may hold entries it hides
        problems.extend(usable_directory_problems(result.entries, data_dir))
    result.problems = sorted(limit_per_file(sorted(problems, key=_in_file_order)), key=_in_file_order)
    return result
