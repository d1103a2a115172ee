"""Cross-file check of web addresses: every http:// address, in a link field or inside a text."""

from __future__ import annotations

import re

from .check_report import Report
from .loader import Entry
from .problems import WARNING, quoted

_INSECURE_ADDRESS = re.compile(r"\bhttp://[^\s)\]>\"'<]+", re.IGNORECASE)


def _strings(value, location: tuple = ()):
    """Yield (location, text) for every piece of text inside a value, however deeply nested."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, location + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, location + (index,))


def check_web_addresses(entries: dict[str, dict[str, Entry]], report: Report) -> None:
    """Warn about every http:// address, in a link field or inside a text: readers expect https://."""
    for group in entries.values():
        for entry in group.values():
            for location, text in _strings(entry.values):
                found = _INSECURE_ADDRESS.search(text)
                if found:
                    report.add(
                        entry,
                        location,
                        f"{quoted(found.group())} is an http:// address, which browsers mark as not secure",
                        "write it with https:// instead, once you have checked that the page opens that way",
                        WARNING,
                    )
