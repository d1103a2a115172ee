"""Cross-file checks of references: every id an entry names is an entry of the collection it should be.

Which field refers to which collection comes from the schemas' x-references (shape.py);
an occupation may also be named by a SOC code that only it gives.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .check_report import Report, as_list, normal_name, suggestion
from .loader import Entry
from .problems import field_name, quoted, shortened
from .shape import EACH, Reference, Shape, current_shape

# A program's pathway is checked with the step it names (check_program_steps), not alone.
_CHECKED_WITH_THEIR_STEP = {("programs", ("pathway_steps", EACH, "pathway"))}


def occupations_by_code(occupations: dict[str, Entry]) -> dict[str, list[str]]:
    """Return each SOC code (2018 or 2010) the occupation entries give, with the ids of the entries giving it."""
    by_code: dict[str, list[str]] = defaultdict(list)
    for entry in occupations.values():
        for key in ("soc_code", "soc_2010_code"):
            code = entry.values.get(key)
            if isinstance(code, str) and entry.id not in by_code[code]:
                by_code[code].append(entry.id)
    return by_code


def occupation_lookup(occupations: dict[str, Entry]) -> dict[str, str]:
    """Map each occupation's id, and each SOC code that only one occupation gives, to that occupation's id."""
    # An occupation file is named after the code its figures use (2010 in the shipped data);
    # a partner may write the 2018 code from a newer source, which means the same job.
    lookup = {code: ids[0] for code, ids in occupations_by_code(occupations).items() if len(ids) == 1}
    return lookup | {entry_id: entry_id for entry_id in occupations}


def _occupation_problem(value: str, occupations: dict[str, Entry], by_code: dict[str, list[str]]) -> tuple[str, str]:
    """Return (message, fix) for a reference to no occupation, never suggesting a different job."""

    def named(entry_id: str) -> str:
        name = occupations[entry_id].values.get("name")
        return f"'{entry_id}' ({shortened(name, 50)})" if isinstance(name, str) else f"'{entry_id}'"

    sharing = sorted(by_code.get(value, []))
    if len(sharing) > 1:
        return (
            f"refers to occupation {quoted(value)}, a SOC code {len(sharing)} occupations give: {', '.join(named(i) for i in sharing)}",
            f"use the id of the one you mean: {' or '.join(sharing)}",
        )
    # Neighbouring SOC codes are different jobs (15-1133 is not 15-1134): no guess by spelling.
    # Only the same code written another way (151134, O*NET's 15-1134.00) or an occupation's name.
    digits = re.sub(r"[^0-9]", "", value.split(".")[0])
    lookup = occupation_lookup(occupations)
    same = lookup.get(f"{digits[:2]}-{digits[2:]}") if len(digits) == 6 else None
    same = same or next(
        (i for i, e in occupations.items() if isinstance(e.values.get("name"), str) and normal_name(e.values["name"]) == normal_name(value)), None
    )
    hint = f"did you mean {named(same)}?" if same else f"add data/occupations/{value}.yml or use the id of an existing occupation"
    return f"refers to occupation {quoted(value)}, which does not exist", hint


def _values_at(values, path: tuple, location: tuple = ()):
    """Yield (location, value) for every value at a field path (EACH: every item of a list), skipping shapes that do not fit."""
    if not path:
        yield location, values
        return
    key, rest = path[0], path[1:]
    if key == EACH:
        for index, item in enumerate(as_list(values)):
            yield from _values_at(item, rest, location + (index,))
    elif isinstance(values, dict) and key in values:
        yield from _values_at(values[key], rest, location + (key,))


class _ReferenceCheck:
    """What checking one reference needs: the ids of every collection, and the occupations' codes."""

    def __init__(self, entries: dict[str, dict[str, Entry]], ids: dict[str, set[str]], report: Report):
        self.entries, self.ids, self.report = entries, ids, report
        self.occupation_ids = occupation_lookup(entries["occupations"])
        self.occupation_codes = occupations_by_code(entries["occupations"])

    def check_field(self, folder: str, reference: Reference, what: str) -> None:
        """Check one field that refers to another collection, in every entry of folder."""
        for entry in self.entries[folder].values():
            for location, value in _values_at(entry.values, reference.path):
                if value not in reference.also:
                    self.check_value(entry, location, reference.target, value, what)
            if reference.target == "occupations" and reference.path[-1] == EACH:
                for location, values in _values_at(entry.values, reference.path[:-1]):
                    self.check_same_occupation_twice(entry, location, values)

    def check_value(self, entry: Entry, location: tuple, target: str, value, what: str) -> None:
        """Report a value that names no entry of the target collection."""
        if not isinstance(value, str) or value in self.ids[target]:
            return
        if target == "occupations":
            if value not in self.occupation_ids and not self.report.full(entry):
                self.report.add(entry, location, *_occupation_problem(value, self.entries["occupations"], self.occupation_codes))
            return
        hint = suggestion(value, self.ids[target], f"add data/{target}/{value}.yml or use the id of an existing {what}")
        self.report.add(entry, location, f"refers to {what} {quoted(value)}, which does not exist", hint)

    def check_same_occupation_twice(self, entry: Entry, location: tuple, values) -> None:
        """Report an id and its other code naming one job twice in one list."""
        first: dict[str, int] = {}
        for index, value in enumerate(as_list(values)):
            same = self.occupation_ids.get(value) if isinstance(value, str) else None
            if same in first and value != values[first[same]]:
                self.report.add(
                    entry,
                    location + (index,),
                    f"{quoted(value)} is another code of {quoted(values[first[same]])}, listed already as {field_name(location + (first[same],))}",
                    "list each occupation once",
                )
            elif same:
                first.setdefault(same, index)


def _check_members(entry: Entry, report: Report) -> None:
    """Check that a partnership does not succeed itself and lists each member once."""
    if entry.values.get("succeeds") == entry.id:
        report.add(entry, ("succeeds",), "a partnership cannot succeed itself", "name the earlier partnership's id, or remove the line")
    seen = {}
    for index, member in enumerate(as_list(entry.values.get("members"))):
        partner = member.get("partner") if isinstance(member, dict) else None
        if not isinstance(partner, str):
            continue  # the schema check reports the shape
        if partner in seen:
            report.add(
                entry,
                ("members", index, "partner"),
                f"{quoted(partner)} is listed twice (first as members[{seen[partner]}])",
                "list each member once, with all its roles",
            )
        seen.setdefault(partner, index)


def check_references(entries: dict[str, dict[str, Entry]], ids: dict[str, set[str]], report: Report, shape: Shape | None = None) -> None:
    """Check that every id an entry refers to (the schemas' x-references) names an existing entry of that collection."""
    shape = shape or current_shape()
    check = _ReferenceCheck(entries, ids, report)
    for collection in shape.collections:
        for reference in shape.references_of(collection.folder):
            if (collection.folder, reference.path) in _CHECKED_WITH_THEIR_STEP:
                continue
            what = shape.collection(reference.target).singular
            what += "".join(f" (or {quoted(value)})" for value in reference.also)
            check.check_field(collection.folder, reference, what)
    for entry in entries["partnerships"].values():
        _check_members(entry, report)
