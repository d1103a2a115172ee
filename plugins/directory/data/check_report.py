"""The report the cross-file checks add to, and the small helpers they share.

The checks read values defensively, since the schema check may just have refused an
entry's shape: as_list() gives an empty list for a value that should have been one.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable

from .loader import Entry
from .problems import ERROR, MAX_PROBLEMS_PER_FILE, Problem, field_name


class Report:
    """Collects problems about entries, placing each at the line of the value it is about."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = defaultdict(int)

    def full(self, entry: Entry) -> bool:
        """Say whether the entry's file already has every problem that will be listed."""
        return self.counts[entry.relpath] > MAX_PROBLEMS_PER_FILE

    def add(self, entry: Entry, location: tuple, message: str, hint: str | Callable[[], str] = "", severity: str = ERROR) -> None:
        """Add a problem; a hint given as a function is worked out only for a problem that will be shown."""
        self.counts[entry.relpath] += 1
        if self.counts[entry.relpath] > MAX_PROBLEMS_PER_FILE + 1:
            return  # limit_per_file() says there are more
        if callable(hint):  # a did-you-mean costs a comparison with every id: only for the problems listed
            hint = hint()
        line, column = entry.mark(location)
        self.problems.append(Problem(entry.relpath, line, column, field_name(location), message, severity, hint))


def _closest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else ""


def suggestion(word: str, choices, fallback: str | Callable[[], str]) -> Callable[[], str]:
    """Return a hint for Report.add to work out when it is shown: the closest of choices, else fallback."""
    return lambda: _closest(word, sorted(choices)) or (fallback() if callable(fallback) else fallback)


def one_of(choices) -> str:
    """Return a hint listing the choices, sorted."""
    return f"use one of: {', '.join(sorted(choices))}"


def normal_name(name: str) -> str:
    """Return a name in one case with its spaces collapsed, to compare two names as a reader would."""
    return " ".join(name.casefold().split())


def as_list(value) -> list:
    """Return value if it is a list, else an empty list (the schema check reports the shape)."""
    return value if isinstance(value, list) else []
