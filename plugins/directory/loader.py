"""Read YAML data files into plain values that remember where each value was written.

The loader is strict on purpose: it refuses what YAML lets slip (duplicate keys,
anchors and aliases, tags, several documents, non-UTF-8 bytes, oversized files,
symlinks) and reads scalars the YAML 1.2 way, so `no` stays the text "no" and
`1e3` is a number, never a surprise that depends on the YAML version.
"""

from __future__ import annotations

import math
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import LoadError, Problem, field_name, quoted
from .yaml_hints import syntax_problem

try:  # libyaml is ~9x faster and gives the same marks
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 24
MAX_ID_LENGTH = 80
# No list or group of fields in any schema comes near this; it keeps every check fast.
MAX_ITEMS = 1000
# Values (field names, texts, numbers, lists and groups) in one file: the largest entry the
# schemas allow has about 5,000, real ones a few hundred. Parsing and checking cost grows with
# this count, so a 1 MiB file of tiny values is refused here, in milliseconds.
MAX_VALUES = 20_000
# Longer than any real figure, and well under Python's 4,300-digit limit on reading integers.
MAX_NUMBER_DIGITS = 30
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
# C0/C1 controls (tab and newline allowed) and bidirectional overrides, which
# can make text display differently from what it says; and, written as escapes ("\r",
# "\L", "\u2028"), the line breaks that are refused below when written as they are.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Written as they are (not as escapes), these are refused anywhere in a file, comments
# included; YAML would read U+0085, U+2028, U+2029 and a carriage return not followed by a
# newline as line breaks nobody can see.
_HIDDEN_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)")

_LINE_BREAKS = {"\r", "\u2028", "\u2029"}


def _kind_of(char: str) -> str:
    return "line break" if char in _LINE_BREAKS else "control character"


# XML 1.0 has no place for these (nor for the controls above): one in a name would stop every
# Atom feed that lists the entry from parsing. Refused as they are and written as escapes ("\uFFFE").
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _refuse_not_xml(text: str, relpath: str, line: int = 0, column: int = 0) -> None:
    """Fail at the first character XML cannot hold; at its own place in text when no line is given."""
    found = _NOT_XML.search(text)
    if found is None:
        return
    if not line:
        start = found.start()
        line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
    message = f"contains U+{ord(found.group()):04X}, which is not a character: web feeds and other XML cannot hold it"
    _fail(relpath, line, column, message, "delete it and retype the text around it")


@dataclass
class Entry:
    """One data file: its collection, id, values, and where each value was written."""

    collection: str
    id: str
    path: Path
    relpath: str
    values: dict
    marks: dict = field(default_factory=dict, repr=False)
    key_marks: dict = field(default_factory=dict, repr=False)

    def forget_marks(self) -> None:
        """Drop the positions to make the entry cheap to send between processes; mark() re-reads them."""
        self.marks = self.key_marks = None

    def mark(self, location: tuple, key: bool = False) -> tuple[int, int]:
        """Return (line, column) of a value, or of the nearest enclosing value."""
        if self.marks is None:
            _, self.marks, self.key_marks = parse_yaml(read_text(self.path, self.relpath), self.relpath)
        table = self.key_marks if key else self.marks
        location = tuple(location)
        while location:
            if location in table:
                return table[location]
            if key and location in self.marks:
                return self.marks[location]
            location = location[:-1]
        return self.marks.get((), (1, 1))


def _fail(relpath, line, column, message, hint="", field_path=""):
    raise LoadError(Problem(relpath, line, column, field_path, message, hint=hint))


def _line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def read_text(path: Path, relpath: str) -> str:
    """Read a data file as UTF-8 text, refusing links, special files, big files, BOMs and bad bytes."""
    try:
        info = path.lstat()
    except OSError as error:
        _fail(relpath, 1, 1, f"cannot be read ({error.strerror})", "check that the file exists and that you may read it")
    if stat.S_ISLNK(info.st_mode):
        _fail(relpath, 1, 1, "is a symbolic link; data files must be real files", "replace the link with the file itself")
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
        _fail(relpath, 1, 1, "is not a regular file", "replace it with a real .yml file")
    if info.st_size > MAX_FILE_BYTES:
        _fail(relpath, 1, 1, f"is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes (1 MiB)", "split the entry or shorten its text")
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # never more, even if the file grew since lstat()
    except OSError as error:
        _fail(relpath, 1, 1, f"cannot be read ({error.strerror})", "check that you may read the file")
    if len(data) > MAX_FILE_BYTES:
        _fail(relpath, 1, 1, f"is over {MAX_FILE_BYTES:,} bytes (1 MiB)", "split the entry or shorten its text")
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        _fail(relpath, 1, 1, "starts with a byte-order mark (BOM)", "save the file as UTF-8 without BOM")
    zero = data.find(b"\x00")
    if zero >= 0:
        line, column = _line_col_of_offset(data, zero)
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            _fail(relpath, line, column, "is saved as UTF-16, not UTF-8", "save the file with UTF-8 encoding")
        _fail(relpath, line, column, "contains a zero byte (NUL), so it is not a plain text file", "save the entry as plain text with UTF-8 encoding")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_col_of_offset(data, error.start)
        _fail(relpath, line, column, f"is not valid UTF-8 (byte 0x{data[error.start]:02x})", "save the file with UTF-8 encoding")


class _NumberTooLarge(ValueError):
    """A plain number too large to be a real figure."""


def _resolve_plain(value: str):
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_NUMBER_DIGITS:
            raise _NumberTooLarge(value)
        return int(value)
    if _FLOAT.fullmatch(value):  # an integer matched above, so this has a dot or an exponent
        number = float(value)
        if not math.isfinite(number) or len(value) > 2 * MAX_NUMBER_DIGITS:
            raise _NumberTooLarge(value)
        return number
    return value


def parse_yaml(text: str, relpath: str) -> tuple[dict, dict, dict]:
    """Parse one YAML document into (values, marks, key_marks), refusing unsafe constructs."""
    hidden = _HIDDEN_IN_FILE.search(text)
    if hidden:
        start = hidden.start()
        line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)  # in characters, as YAML counts
        _fail(
            relpath, line, column, f"contains the invisible {_kind_of(hidden.group())} U+{ord(hidden.group()):04X}", "delete it and retype the text around it"
        )
    _refuse_not_xml(text, relpath)
    marks: dict = {}
    key_marks: dict = {}
    root = None
    documents = 0
    values = 0
    # Each frame: [container, location, pending key or None]
    stack: list[list] = []
    try:
        for event in yaml.parse(text, Loader=_YamlLoader):
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                values += 1
                if values > MAX_VALUES:
                    _fail(relpath, line, column, f"has more than {MAX_VALUES:,} values", "no entry needs so many: split it, or remove the extra lines")
                if event.anchor is not None:
                    _fail(relpath, line, column, f"uses the anchor &{event.anchor}", "write the value out in full; anchors and aliases are not allowed")
                if event.tag is not None and event.tag != "!":
                    _fail(relpath, line, column, f"uses the tag {event.tag}", "remove the tag; put the value in quotes if it must be text")
                if kind is yaml.ScalarEvent:
                    raw = event.value
                    plain = not event.style  # libyaml reports plain scalars as "", PyYAML as None
                    try:
                        value = _resolve_plain(raw) if plain else raw
                    except _NumberTooLarge:
                        shown = raw if len(raw) <= 24 else raw[:20] + "..."
                        _fail(
                            relpath,
                            line,
                            column,
                            f"the number {shown} is too large to be a real figure",
                            "check the number, or put the value in quotes if it is text",
                        )
                    if isinstance(value, str):
                        _refuse_not_xml(value, relpath, line, column)
                        hidden = _HIDDEN.search(value)
                        if hidden:
                            _fail(
                                relpath,
                                line,
                                column,
                                f"contains the invisible {_kind_of(hidden.group())} U+{ord(hidden.group()):04X}",
                                "delete it and retype the text around it",
                            )
                else:
                    value = {} if kind is yaml.MappingStartEvent else []
                if not stack:
                    root, location = value, ()
                    marks[()] = (line, column)
                else:
                    frame = stack[-1]
                    container, parent = frame[0], frame[1]
                    if type(container) is dict:
                        if frame[2] is None:
                            if kind is not yaml.ScalarEvent:
                                _fail(relpath, line, column, "a field name cannot be a list or mapping", "write 'field: value'", field_name(parent))
                            if raw == "<<" and plain:
                                _fail(relpath, line, column, "uses a merge key (<<)", "write the fields out in full", field_name(parent))
                            if len(container) >= MAX_ITEMS:
                                _fail(
                                    relpath,
                                    line,
                                    column,
                                    f"has more than {MAX_ITEMS:,} fields",
                                    "no entry needs so many: remove the extra lines",
                                    field_name(parent),
                                )
                            if raw in container:
                                first = key_marks[parent + (raw,)][0]
                                _fail(
                                    relpath,
                                    line,
                                    column,
                                    f"{quoted(raw)} is written twice (first on line {first})",
                                    "keep one of them",
                                    field_name(parent + (raw,)),
                                )
                            frame[2] = raw
                            key_marks[parent + (raw,)] = (line, column)
                            continue
                        location = parent + (frame[2],)
                        container[frame[2]] = value
                        frame[2] = None
                    else:
                        if len(container) >= MAX_ITEMS:
                            _fail(
                                relpath, line, column, f"has more than {MAX_ITEMS:,} items", "no list needs so many: remove the extra items", field_name(parent)
                            )
                        location = parent + (len(container),)
                        container.append(value)
                    marks[location] = (line, column)
                if kind is not yaml.ScalarEvent:
                    if len(stack) >= MAX_DEPTH:
                        _fail(relpath, line, column, f"is nested more than {MAX_DEPTH} levels deep", "flatten the structure", field_name(location))
                    stack.append([value, location, None])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                mark = event.start_mark
                _fail(
                    relpath,
                    mark.line + 1,
                    mark.column + 1,
                    f"uses the alias *{event.anchor}",
                    "write the value out in full; anchors and aliases are not allowed",
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    _fail(relpath, mark.line + 1, mark.column + 1, "holds more than one YAML document", "keep one entry per file and remove the extra '---'")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message, hint = syntax_problem(text, line, column, error.problem or error.context or "is not valid YAML", str(error))
        _fail(relpath, line, column, message, hint)
    except yaml.YAMLError as error:  # reader errors carry a position, not a mark
        position = getattr(error, "position", None)
        line, column = _line_col_of_offset(text.encode("utf-8"), len(text[:position].encode("utf-8"))) if position is not None else (1, 1)
        reason = getattr(error, "reason", None) or "is not valid YAML"
        _fail(relpath, line, column, f"YAML error: {reason}", "remove the invisible control character")
    if documents == 0 or root is None:
        _fail(relpath, 1, 1, "is empty", "write the entry's fields, starting with 'name:'")
    if type(root) is not dict:
        what = "a list" if type(root) is list else "a single value"
        _fail(relpath, 1, 1, f"holds {what}; an entry must be a set of 'field: value' lines", "start the file with 'name: ...'")
    return root, marks, key_marks


def suggest_id(name: str) -> str:
    """Return the id a file name most likely meant: 'Café Bar' -> 'cafe-bar' (may be empty)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:MAX_ID_LENGTH].strip("-")


def id_problem(entry_id: str) -> tuple[str, str] | None:
    """Return (message, hint) when a file name is not a valid id, else None."""
    if ID_PATTERN.fullmatch(entry_id) and len(entry_id) <= MAX_ID_LENGTH:
        return None
    if not entry_id:
        return "has no name before .yml", "rename the file to the entry's id, for example name-of-the-entry.yml"
    suggestion = suggest_id(entry_id) or "name-of-the-entry"
    if len(entry_id) > MAX_ID_LENGTH:
        return (
            f"file name '{entry_id[:40]}...' is {len(entry_id)} characters long; an id has at most {MAX_ID_LENGTH}",
            f"shorten the file name, for example to {suggestion}.yml",
        )
    if entry_id.startswith("."):
        return (
            f"file name '{entry_id}' starts with a dot, which hides the file",
            f"remove the file if it is not an entry; if it is, rename it to {suggestion}.yml",
        )
    return f"file name '{entry_id}' is not a valid id", f"rename the file to {suggestion}.yml: lowercase letters, digits and single hyphens"


def load_entry(path: Path, collection: str, relpath: str) -> Entry:
    """Load one data file as an Entry, or raise LoadError naming the file, line and fix."""
    entry_id = path.name.removesuffix(".yml") if path.name.endswith(".yml") else path.stem
    wrong = id_problem(entry_id)
    if wrong:
        _fail(relpath, 1, 1, *wrong)
    text = read_text(path, relpath)
    values, marks, key_marks = parse_yaml(text, relpath)
    return Entry(collection, entry_id, path, relpath, values, marks, key_marks)
