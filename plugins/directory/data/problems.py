"""Problems found in the data, and the project's own exception types."""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
# A file with more problems than this is broken as a whole; listing every one helps nobody.
MAX_PROBLEMS_PER_FILE = 50

# Line breaks, other control characters, bidirectional overrides and undecodable bytes in
# a file name, a field name or a quoted value must not break "one problem a line" or make
# the line read differently from what it says; they are shown as escapes instead.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """Return text with line breaks and invisible characters written as visible escapes."""

    def visible(match: re.Match) -> str:
        char = match.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(visible, text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = ERROR
    hint: str = ""

    def text(self) -> str:
        """Format as `path:line:col: field: message (hint)` for people, always on one line.

        A problem of a whole folder (line 0) is shown as `folder/: message (hint)`.
        """
        where = f"{one_line(self.path)}:{self.line}:{self.column}" if self.line else one_line(self.path)
        field = f" {one_line(self.field)}:" if self.field else ""
        label = "" if self.severity == ERROR else " warning:"
        hint = f" (fix: {one_line(self.hint)})" if self.hint else ""
        return f"{where}:{label}{field} {one_line(self.message)}{hint}"

    def github(self) -> str:
        """Format as a GitHub Actions workflow annotation."""
        level = "error" if self.severity == ERROR else "warning"
        message = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            message += f" (fix: {self.hint})"
        # Workflow commands end at a newline; '%' must be escaped first.
        message = one_line(message.replace("%", "%25"))
        path = one_line(self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A"))
        where = f"file={path},line={self.line},col={self.column}" if self.line else f"file={path}"
        return f"::{level} {where}::{message}"


def shortened(text: str, limit: int = 60) -> str:
    """Return text cut to about `limit` characters, so one long value cannot flood the output."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def quoted(value, limit: int = 60) -> str:
    """Return a value from a data file in quotes, shortened: 'web-dev'."""
    return f"'{shortened(str(value), limit - 2)}'"


def field_name(location) -> str:
    """Format a value's location as a dotted field path, e.g. steps[2].leads_to[0]."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{shortened(part)}" if text else shortened(str(part)))
    return text


class DirectoryError(Exception):
    """Base class of every error this project raises on purpose."""


class LoadError(DirectoryError):
    """A data file that cannot be read as an entry."""

    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


class InvalidData(DirectoryError):
    """The data has errors; the build must stop before writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == ERROR]
        lines = "\n".join(p.text() for p in errors)
        super().__init__(f"{len(errors)} error(s) in the data:\n{lines}")


class SettingsError(DirectoryError):
    """A setting in pelicanconf.py is missing or wrong."""
