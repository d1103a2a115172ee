"""Problems found in the data, and the project's own exception types."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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
        """Format as `path:line:col: field: message (hint)` for people."""
        where = f"{self.path}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        label = "" if self.severity == ERROR else " warning:"
        hint = f" (fix: {self.hint})" if self.hint else ""
        return f"{where}:{label}{field} {self.message}{hint}"

    def github(self) -> str:
        """Format as a GitHub Actions workflow annotation."""
        level = "error" if self.severity == ERROR else "warning"
        message = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            message += f" (fix: {self.hint})"
        # Workflow commands end at a newline; '%' must be escaped first.
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={path},line={self.line},col={self.column}::{message}"


def field_name(location) -> str:
    """Format a value's location as a dotted field path, e.g. steps[2].leads_to[0]."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
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
