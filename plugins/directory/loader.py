"""Read YAML data files into plain values that remember where each value was written.

The loader is strict on purpose: it refuses what YAML lets slip (duplicate keys,
anchors and aliases, tags, several documents, non-UTF-8 bytes, oversized files,
symlinks) and reads scalars the YAML 1.2 way, so `no` stays the text "no" and
`1e3` is a number, never a surprise that depends on the YAML version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import LoadError, Problem, field_name

try:  # libyaml is ~9x faster and gives the same marks
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 24
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
# C0/C1 controls (tab and newline allowed) and bidirectional overrides, which
# can make text display differently from what it says.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_YAML_HINTS = (
    ("mapping values are not allowed", "a value contains ': '; put the whole value in quotes"),
    ("cannot start any token", "indent with spaces, not tabs, and quote values that start with @ or `"),
    ("could not find expected ':'", "each line needs 'field: value'; check the quotes and indentation here and on the line above"),
    ("did not find expected key", "check the indentation: fields of one block must start in the same column"),
    ("expected <block end>", "check the indentation: fields of one block must start in the same column"),
    ("while scanning a quoted scalar", "close the quote that this value opens"),
    ("did not find expected ',' or ']'", "close the list with ]"),
    ("did not find expected ',' or '}'", "close the mapping with }"),
    ("found unexpected end of stream", "close the quote or bracket opened above"),
    ("unacceptable character", "remove the invisible control character"),
    ("special characters are not allowed", "remove the invisible control character"),
    ("found undefined alias", "write the value out in full instead of using *alias"),
    ("did not find expected alphabetic or numeric character", "put the value in quotes"),
)


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
    """Read a data file as UTF-8 text, refusing symlinks, big files, BOMs and bad bytes."""
    if path.is_symlink():
        _fail(relpath, 1, 1, "is a symbolic link; data files must be real files", "replace the link with the file itself")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        _fail(relpath, 1, 1, f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes (1 MiB)", "split the entry or shorten its text")
    data = path.read_bytes()
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        _fail(relpath, 1, 1, "starts with a byte-order mark (BOM)", "save the file as UTF-8 without BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_col_of_offset(data, error.start)
        _fail(relpath, line, column, f"is not valid UTF-8 (byte 0x{data[error.start]:02x})", "save the file with UTF-8 encoding")


def _resolve_plain(value: str):
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):  # an integer matched above, so this has a dot or an exponent
        return float(value)
    return value


def parse_yaml(text: str, relpath: str) -> tuple[dict, dict, dict]:
    """Parse one YAML document into (values, marks, key_marks), refusing unsafe constructs."""
    marks: dict = {}
    key_marks: dict = {}
    root = None
    documents = 0
    # Each frame: [container, location, pending key or None]
    stack: list[list] = []
    try:
        for event in yaml.parse(text, Loader=_YamlLoader):
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                if event.anchor is not None:
                    _fail(relpath, line, column, f"uses the anchor &{event.anchor}", "write the value out in full; anchors and aliases are not allowed")
                if event.tag is not None and event.tag != "!":
                    _fail(relpath, line, column, f"uses the tag {event.tag}", "remove the tag; put the value in quotes if it must be text")
                if kind is yaml.ScalarEvent:
                    raw = event.value
                    plain = not event.style  # libyaml reports plain scalars as "", PyYAML as None
                    value = _resolve_plain(raw) if plain else raw
                    if isinstance(value, str):
                        hidden = _HIDDEN.search(value)
                        if hidden:
                            _fail(
                                relpath,
                                line,
                                column,
                                f"contains the invisible control character U+{ord(hidden.group()):04X}",
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
                            if raw in container:
                                first = key_marks[parent + (raw,)][0]
                                _fail(
                                    relpath, line, column, f"'{raw}' is written twice (first on line {first})", "keep one of them", field_name(parent + (raw,))
                                )
                            frame[2] = raw
                            key_marks[parent + (raw,)] = (line, column)
                            continue
                        location = parent + (frame[2],)
                        container[frame[2]] = value
                        frame[2] = None
                    else:
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
        problem = error.problem or error.context or "is not valid YAML"
        hint = next((h for needle, h in _YAML_HINTS if needle in str(error)), "")
        _fail(relpath, line, column, f"YAML syntax error: {problem}", hint)
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


def load_entry(path: Path, collection: str, relpath: str) -> Entry:
    """Load one data file as an Entry, or raise LoadError naming the file, line and fix."""
    entry_id = path.stem
    if not ID_PATTERN.match(entry_id) or len(entry_id) > 80:
        suggestion = re.sub(r"[^a-z0-9]+", "-", entry_id.lower()).strip("-") or "a-name"
        _fail(relpath, 1, 1, f"file name '{entry_id}' is not a valid id", f"rename the file to {suggestion}.yml: lowercase letters, digits and single hyphens")
    text = read_text(path, relpath)
    values, marks, key_marks = parse_yaml(text, relpath)
    return Entry(collection, entry_id, path, relpath, values, marks, key_marks)
