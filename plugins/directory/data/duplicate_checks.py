"""Cross-file checks of names: two entries of one collection with one name, or one program listed twice."""

from __future__ import annotations

import re

from .check_report import Report, normal_name
from .formats import name_keys, visible
from .loader import Entry
from .problems import shortened

_NAME_NOISE = re.compile(r"[^a-z0-9]+")
_NAME_FILLER = {"the", "a", "an", "and", "of", "for", "program", "programme", "at", "in"}


def _name_key(name: str) -> str:
    words = [w for w in _NAME_NOISE.split(name.casefold()) if w and w not in _NAME_FILLER]
    return "".join(words)


def _clash(report: Report, first: Entry, second: Entry, message: str, hint: str) -> None:
    """Report two entries whose names clash, in both files: the one just added is not always the later one."""
    for entry, other in ((first, second), (second, first)):
        report.add(
            entry,
            ("name",),
            message.format(name=shortened(visible(entry.values["name"])), other=other.relpath, other_name=shortened(visible(other.values["name"]))),
            hint,
        )


def _check_same_names(group: dict[str, Entry], report: Report) -> None:
    """Refuse two entries of one collection whose names are the same, or look the same."""
    seen: dict[str, Entry] = {}  # each name's look-alike forms (formats.name_keys) -> its entry
    for entry in group.values():
        name = entry.values.get("name")
        if not isinstance(name, str):
            continue
        keys = name_keys(name)
        other = next((seen[key] for key in sorted(keys) if key in seen), None)
        if other is not None and normal_name(other.values["name"]) == normal_name(name):
            _clash(report, other, entry, "'{name}' is also the name of {other}", "merge the two entries or make the names distinct")
        elif other is not None:
            _clash(
                report,
                other,
                entry,
                "'{name}' looks the same as the name of {other} ('{other_name}')",
                "merge the two entries, or make the names differ in letters a reader can see (look for letters of another alphabet)",
            )
        for key in keys:
            seen.setdefault(key, entry)


def _check_near_programs(programs: dict[str, Entry], report: Report) -> None:
    """Refuse two programs of one provider whose names differ only in filler words and punctuation."""
    near: dict[tuple, Entry] = {}
    for entry in programs.values():
        name, provider = entry.values.get("name"), entry.values.get("provider")
        if not isinstance(name, str) or not isinstance(provider, str):
            continue
        key = (provider, _name_key(name))
        other = near.get(key)
        if other is not None and normal_name(other.values["name"]) != normal_name(name):
            _clash(
                report,
                other,
                entry,
                "'{name}' looks like the same program as {other} ('{other_name}') from the same provider",
                "keep one entry for the program and remove the other",
            )
        near.setdefault(key, entry)


def check_duplicates(entries: dict[str, dict[str, Entry]], report: Report) -> None:
    """Refuse two entries of one collection with the same name, and near-identical programs of one provider."""
    for group in entries.values():
        _check_same_names(group, report)
    _check_near_programs(entries["programs"], report)
