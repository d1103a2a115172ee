"""Parse one YAML document strictly, remembering where each value was written.

The reader refuses what YAML lets slip (duplicate keys, anchors and aliases, tags, merge
keys, several documents, invisible characters, characters XML cannot hold, oversized
numbers, too many values or too deep a nesting) and reads scalars the YAML 1.2 way, so
`no` stays the text "no" and `1e3` is a number, never a surprise that depends on the YAML
version. It walks PyYAML's event stream, so a refusal names the line and column of the
value itself.
"""

from __future__ import annotations

import math
import re
import sys

import yaml

from .problems import LoadError, Problem, field_name, quoted
from .yaml_hints import syntax_problem

try:  # libyaml is ~9x faster and gives the same marks
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader

MAX_DEPTH = 24
# No list or group of fields in any schema comes near this; it keeps every check fast.
MAX_ITEMS = 1000
# Values (field names, texts, numbers, lists and groups) in one file: the largest entry the
# schemas allow has about 5,000, real ones a few hundred. Parsing and checking cost grows with
# this count, so a 1 MiB file of tiny values is refused here, in milliseconds.
MAX_VALUES = 20_000
# Texts up to this long (ids, codes, dates, enum values) are shared by every entry that holds them.
SHARED_TEXT = 40
# Longer than any real figure, and well under Python's 4,300-digit limit on reading integers.
MAX_NUMBER_DIGITS = 30

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
# XML 1.0 has no place for these (nor for the controls above): one in a name would stop every
# Atom feed that lists the entry from parsing. Refused as they are and written as escapes ("\uFFFE").
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")

_LINE_BREAKS = {"\r", "\u2028", "\u2029"}
_NODE_STARTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NODE_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def fail(relpath, line, column, message, hint="", field_path=""):
    """Raise the LoadError of one problem in a data file."""
    raise LoadError(Problem(relpath, line, column, field_path, message, hint=hint))


def line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    """Return the (line, column) of a byte offset, both counted from 1."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _kind_of(char: str) -> str:
    return "line break" if char in _LINE_BREAKS else "control character"


def _refuse_hidden(found, relpath: str, line: int, column: int) -> None:
    fail(relpath, line, column, f"contains the invisible {_kind_of(found.group())} U+{ord(found.group()):04X}", "delete it and retype the text around it")


def _text_position(text: str, start: int) -> tuple[int, int]:
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)  # in characters, as YAML counts


def _refuse_not_xml(text: str, relpath: str, line: int = 0, column: int = 0) -> None:
    """Fail at the first character XML cannot hold; at its own place in text when no line is given."""
    found = _NOT_XML.search(text)
    if found is None:
        return
    if not line:
        line, column = _text_position(text, found.start())
    message = f"contains U+{ord(found.group()):04X}, which is not a character: web feeds and other XML cannot hold it"
    fail(relpath, line, column, message, "delete it and retype the text around it")


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


class _Reader:
    """Builds the values of one document from its events, with the marks of values and keys."""

    def __init__(self, relpath: str):
        self.relpath = relpath
        self.marks: dict = {}
        self.key_marks: dict = {}
        self.root = None
        self.documents = 0
        self.values = 0
        # Each frame: [container, location, pending key or None]
        self.stack: list[list] = []

    def read(self, text: str) -> None:
        for event in yaml.parse(text, Loader=_YamlLoader):
            kind = type(event)
            if kind in _NODE_STARTS:
                self.node(event, kind)
            elif kind in _NODE_ENDS:
                self.stack.pop()
            elif kind is yaml.AliasEvent:
                mark = event.start_mark
                fail(
                    self.relpath,
                    mark.line + 1,
                    mark.column + 1,
                    f"uses the alias *{event.anchor}",
                    "write the value out in full; anchors and aliases are not allowed",
                )
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    mark = event.start_mark
                    fail(
                        self.relpath, mark.line + 1, mark.column + 1, "holds more than one YAML document", "keep one entry per file and remove the extra '---'"
                    )

    def node(self, event, kind) -> None:
        """Read a scalar, or the start of a mapping or list, and put it in its place."""
        relpath = self.relpath
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        self.values += 1
        if self.values > MAX_VALUES:
            fail(relpath, line, column, f"has more than {MAX_VALUES:,} values", "no entry needs so many: split it, or remove the extra lines")
        if event.anchor is not None:
            fail(relpath, line, column, f"uses the anchor &{event.anchor}", "write the value out in full; anchors and aliases are not allowed")
        if event.tag is not None and event.tag != "!":
            fail(relpath, line, column, f"uses the tag {event.tag}", "remove the tag; put the value in quotes if it must be text")
        scalar = kind is yaml.ScalarEvent
        value = self.scalar(event, line, column) if scalar else ({} if kind is yaml.MappingStartEvent else [])
        if not self.stack:
            self.root, location = value, ()
            self.marks[()] = (line, column)
        else:
            location = self.place(event, scalar, value, line, column)
            if location is None:  # a field name: its value comes next
                return
        if not scalar:
            if len(self.stack) >= MAX_DEPTH:
                fail(relpath, line, column, f"is nested more than {MAX_DEPTH} levels deep", "flatten the structure", field_name(location))
            self.stack.append([value, location, None])

    def scalar(self, event, line: int, column: int):
        raw = event.value
        plain = not event.style  # libyaml reports plain scalars as "", PyYAML as None
        try:
            value = _resolve_plain(raw) if plain else raw
        except _NumberTooLarge:
            shown = raw if len(raw) <= 24 else raw[:20] + "..."
            fail(
                self.relpath, line, column, f"the number {shown} is too large to be a real figure", "check the number, or put the value in quotes if it is text"
            )
        if isinstance(value, str):
            _refuse_not_xml(value, self.relpath, line, column)
            hidden = _HIDDEN.search(value)
            if hidden:
                _refuse_hidden(hidden, self.relpath, line, column)
            if len(value) <= SHARED_TEXT:  # ids, codes, dates and vocabulary repeat across entries: keep one copy
                value = sys.intern(value)
        return value

    def place(self, event, scalar: bool, value, line: int, column: int) -> tuple | None:
        """Add value to the open mapping or list; return its location, or None for a field name."""
        frame = self.stack[-1]
        container, parent = frame[0], frame[1]
        if type(container) is dict:
            if frame[2] is None:
                self.key(frame, event, scalar, line, column)
                return None
            location = parent + (frame[2],)
            container[frame[2]] = value
            frame[2] = None
        else:
            if len(container) >= MAX_ITEMS:
                fail(self.relpath, line, column, f"has more than {MAX_ITEMS:,} items", "no list needs so many: remove the extra items", field_name(parent))
            location = parent + (len(container),)
            container.append(value)
        self.marks[location] = (line, column)
        return location

    def key(self, frame: list, event, scalar: bool, line: int, column: int) -> None:
        """Check a field name and hold it until its value arrives."""
        relpath, container, parent = self.relpath, frame[0], frame[1]
        if not scalar:
            fail(relpath, line, column, "a field name cannot be a list or mapping", "write 'field: value'", field_name(parent))
        raw = event.value
        if raw == "<<" and not event.style:
            fail(relpath, line, column, "uses a merge key (<<)", "write the fields out in full", field_name(parent))
        if len(container) >= MAX_ITEMS:
            fail(relpath, line, column, f"has more than {MAX_ITEMS:,} fields", "no entry needs so many: remove the extra lines", field_name(parent))
        if raw in container:
            first = self.key_marks[parent + (raw,)][0]
            fail(relpath, line, column, f"{quoted(raw)} is written twice (first on line {first})", "keep one of them", field_name(parent + (raw,)))
        # One string object per field name across all files: a large directory's entries share them (pickle keeps that).
        frame[2] = sys.intern(raw)
        self.key_marks[parent + (raw,)] = (line, column)


def _refuse_yaml_error(error: yaml.YAMLError, text: str, relpath: str) -> None:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message, hint = syntax_problem(text, line, column, error.problem or error.context or "is not valid YAML", str(error))
        fail(relpath, line, column, message, hint)
    # reader errors carry a position, not a mark
    position = getattr(error, "position", None)
    line, column = line_col_of_offset(text.encode("utf-8"), len(text[:position].encode("utf-8"))) if position is not None else (1, 1)
    reason = getattr(error, "reason", None) or "is not valid YAML"
    fail(relpath, line, column, f"YAML error: {reason}", "remove the invisible control character")


def parse_yaml(text: str, relpath: str) -> tuple[dict, dict, dict]:
    """Parse one YAML document into (values, marks, key_marks), refusing unsafe constructs."""
    hidden = _HIDDEN_IN_FILE.search(text)
    if hidden:
        _refuse_hidden(hidden, relpath, *_text_position(text, hidden.start()))
    _refuse_not_xml(text, relpath)
    reader = _Reader(relpath)
    try:
        reader.read(text)
    except yaml.YAMLError as error:
        _refuse_yaml_error(error, text, relpath)
    root = reader.root
    if reader.documents == 0 or root is None:
        fail(relpath, 1, 1, "is empty", "write the entry's fields, starting with 'name:'")
    if type(root) is not dict:
        what = "a list" if type(root) is list else "a single value"
        fail(relpath, 1, 1, f"holds {what}; an entry must be a set of 'field: value' lines", "start the file with 'name: ...'")
    return root, reader.marks, reader.key_marks
