"""Read data files into Entries: plain values that remember where each value was written.

Reading a file refuses links, special files, oversized files, byte-order marks and bytes
that are not UTF-8; the YAML inside is parsed by yaml_reader, which is strict on purpose.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .problems import LoadError
from .yaml_reader import fail as _fail
from .yaml_reader import line_col_of_offset as _line_col_of_offset
from .yaml_reader import parse_yaml

__all__ = ["ID_PATTERN", "MAX_FILE_BYTES", "MAX_ID_LENGTH", "Entry", "LoadError", "id_problem", "load_entry", "parse_yaml", "read_text", "suggest_id"]

MAX_FILE_BYTES = 1024 * 1024
MAX_ID_LENGTH = 80
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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
