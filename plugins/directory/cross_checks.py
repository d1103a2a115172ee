"""The checks that read more than one file: references, pathway graphs, duplicates, dates.

Each check_* function reads the loaded entries and adds problems to one report; they read
values defensively, since the schema check may just have refused an entry's shape.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Callable

from .formats import name_keys, visible
from .identity_checks import check_occupation_codes, check_succession
from .loader import Entry
from .problems import ERROR, MAX_PROBLEMS_PER_FILE, WARNING, Problem, field_name, quoted, shortened
from .shape import EACH, Shape, current_shape

STALE_AFTER_DAYS = 365
# A program's pathway is checked with the step it names (check_program_steps), not alone.
_CHECKED_WITH_THEIR_STEP = {("programs", ("pathway_steps", EACH, "pathway"))}
_NAME_NOISE = re.compile(r"[^a-z0-9]+")
_FULL_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INSECURE_ADDRESS = re.compile(r"\bhttp://[^\s)\]>\"'<]+", re.IGNORECASE)
_NAME_FILLER = {"the", "a", "an", "and", "of", "for", "program", "programme", "at", "in"}


class _Report:
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


def _suggestion(word: str, choices, fallback: str | Callable[[], str]) -> Callable[[], str]:
    """Return a hint for _Report.add to work out when it is shown: the closest of choices, else fallback."""
    return lambda: _closest(word, sorted(choices)) or (fallback() if callable(fallback) else fallback)


def _one_of(choices) -> str:
    return f"use one of: {', '.join(sorted(choices))}"


def _normal_name(name: str) -> str:
    return " ".join(name.casefold().split())


def _name_key(name: str) -> str:
    words = [w for w in _NAME_NOISE.split(name.casefold()) if w and w not in _NAME_FILLER]
    return "".join(words)


def _list(value) -> list:
    """Return value if it is a list, else an empty list (the schema check reports the shape)."""
    return value if isinstance(value, list) else []


def _date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


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
        (i for i, e in occupations.items() if isinstance(e.values.get("name"), str) and _normal_name(e.values["name"]) == _normal_name(value)), None
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
        for index, item in enumerate(_list(values)):
            yield from _values_at(item, rest, location + (index,))
    elif isinstance(values, dict) and key in values:
        yield from _values_at(values[key], rest, location + (key,))


def check_references(entries: dict[str, dict[str, Entry]], ids: dict[str, set[str]], report: _Report, shape: Shape | None = None) -> None:
    """Check that every id an entry refers to (the schemas' x-references) names an existing entry of that collection."""
    shape = shape or current_shape()
    occupation_ids = occupation_lookup(entries["occupations"])
    occupation_codes = occupations_by_code(entries["occupations"])

    def ref(entry, location, target, value, what):
        if not isinstance(value, str) or value in ids[target]:
            return
        if target == "occupations":
            if value not in occupation_ids and not report.full(entry):
                report.add(entry, location, *_occupation_problem(value, entries["occupations"], occupation_codes))
            return
        hint = _suggestion(value, ids[target], f"add data/{target}/{value}.yml or use the id of an existing {what}")
        report.add(entry, location, f"refers to {what} {quoted(value)}, which does not exist", hint)

    def same_occupation_twice(entry, location, values):
        """Report an id and its other code naming one job twice in one list."""
        first: dict[str, int] = {}
        for index, value in enumerate(_list(values)):
            same = occupation_ids.get(value) if isinstance(value, str) else None
            if same in first and value != values[first[same]]:
                report.add(
                    entry,
                    location + (index,),
                    f"{quoted(value)} is another code of {quoted(values[first[same]])}, listed already as {field_name(location + (first[same],))}",
                    "list each occupation once",
                )
            elif same:
                first.setdefault(same, index)

    for collection in shape.collections:
        for reference in shape.references_of(collection.folder):
            if (collection.folder, reference.path) in _CHECKED_WITH_THEIR_STEP:
                continue
            what = shape.collection(reference.target).singular
            what += "".join(f" (or {quoted(value)})" for value in reference.also)
            for entry in entries[collection.folder].values():
                for location, value in _values_at(entry.values, reference.path):
                    if value not in reference.also:
                        ref(entry, location, reference.target, value, what)
                if reference.target == "occupations" and reference.path[-1] == EACH:
                    for location, values in _values_at(entry.values, reference.path[:-1]):
                        same_occupation_twice(entry, location, values)
    for entry in entries["partnerships"].values():
        if entry.values.get("succeeds") == entry.id:
            report.add(entry, ("succeeds",), "a partnership cannot succeed itself", "name the earlier partnership's id, or remove the line")
        seen = {}
        for index, member in enumerate(_list(entry.values.get("members"))):
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


def check_pathway_graphs(entries: dict[str, dict[str, Entry]], report: _Report) -> dict[str, set[str]]:
    """Check each pathway's steps: unique ids, links inside the pathway, no loops, all reachable."""
    step_ids: dict[str, set[str]] = {}
    for entry in entries["pathways"].values():
        steps = [s for s in _list(entry.values.get("steps")) if isinstance(s, dict) and isinstance(s.get("id"), str)]
        index_of: dict[str, int] = {}
        for index, step in enumerate(_list(entry.values.get("steps"))):
            if not isinstance(step, dict) or not isinstance(step.get("id"), str):
                continue
            if step["id"] in index_of:
                report.add(
                    entry,
                    ("steps", index, "id"),
                    f"step id {quoted(step['id'])} is used twice (first at steps[{index_of[step['id']]}])",
                    "give each step its own id",
                )
            else:
                index_of[step["id"]] = index
        step_ids[entry.id] = set(index_of)
        edges: dict[str, list[str]] = defaultdict(list)
        for step in steps:
            i = index_of[step["id"]]
            for j, target in enumerate(_list(step.get("leads_to"))):
                if not isinstance(target, str):
                    continue  # the schema check reports the shape
                if target == step["id"]:
                    report.add(entry, ("steps", i, "leads_to", j), f"step {quoted(target)} leads to itself", "remove it from its own leads_to")
                elif target not in index_of:
                    hint = _suggestion(target, index_of, "use the id of a step in this pathway")
                    report.add(entry, ("steps", i, "leads_to", j), f"refers to step {quoted(target)}, which is not in this pathway", hint)
                else:
                    edges[step["id"]].append(target)
        # Loops: depth-first search with colours; report the step that closes each loop.
        colour: dict[str, int] = {}
        for start in index_of:
            if colour.get(start):
                continue
            colour[start] = 1
            stack = [(start, iter(edges[start]))]
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    colour[node] = 2
                    stack.pop()
                elif colour.get(child) == 1:
                    j = entry.values["steps"][index_of[node]]["leads_to"].index(child)
                    report.add(
                        entry,
                        ("steps", index_of[node], "leads_to", j),
                        f"step {quoted(node)} leads back to {quoted(child)}, making a loop",
                        "a pathway must only move forward: remove one of the links",
                    )
                elif not colour.get(child):
                    colour[child] = 1
                    stack.append((child, iter(edges[child])))
        entry_steps = [s["id"] for s in steps if s.get("level") == "entry"]
        if steps and not entry_steps:
            report.add(entry, ("steps",), "has no step with level 'entry'", "mark at least one starting step with 'level: entry'")
            continue
        reached, todo = set(entry_steps), list(entry_steps)
        while todo:
            for child in edges[todo.pop()]:
                if child not in reached:
                    reached.add(child)
                    todo.append(child)
        for step_id, index in index_of.items():
            if step_id not in reached:
                report.add(
                    entry,
                    ("steps", index, "id"),
                    f"step {quoted(step_id)} cannot be reached from an entry step",
                    "add it to the leads_to of an earlier step, or make it level: entry",
                )
    return step_ids


def check_program_steps(entries: dict[str, dict[str, Entry]], step_ids: dict[str, set[str]], pathway_ids: set[str], report: _Report) -> None:
    """Check that each program's pathway_steps name a real step of a real pathway."""
    for entry in entries["programs"].values():
        links = _list(entry.values.get("pathway_steps"))
        if not links:
            report.add(entry, (), "is not linked to any pathway step", "add pathway_steps so jobseekers find it on a pathway", WARNING)
            continue
        for index, link in enumerate(links):
            if not isinstance(link, dict):
                continue
            pathway, step = link.get("pathway"), link.get("step")
            if not isinstance(pathway, str):
                continue  # missing or not text: the schema check reports it
            if pathway not in pathway_ids:
                hint = _suggestion(pathway, pathway_ids, "use the id of a pathway in data/pathways/")
                report.add(entry, ("pathway_steps", index, "pathway"), f"refers to pathway {quoted(pathway)}, which does not exist", hint)
            elif isinstance(step, str) and pathway in step_ids and step not in step_ids[pathway]:
                hint = _suggestion(step, step_ids[pathway], functools.partial(_one_of, step_ids[pathway]))
                report.add(entry, ("pathway_steps", index, "step"), f"pathway {quoted(pathway)} has no step {quoted(step)}", hint)


def check_duplicates(entries: dict[str, dict[str, Entry]], report: _Report) -> None:
    """Refuse two entries of one collection with the same name, and near-identical programs of one provider."""

    def clash(first: Entry, second: Entry, message: str, hint: str) -> None:
        # Both files get the message: the one just added is not always the later one.
        for entry, other in ((first, second), (second, first)):
            report.add(
                entry,
                ("name",),
                message.format(name=shortened(visible(entry.values["name"])), other=other.relpath, other_name=shortened(visible(other.values["name"]))),
                hint,
            )

    for group in entries.values():
        seen: dict[str, Entry] = {}  # each name's look-alike forms (formats.name_keys) -> its entry
        for entry in group.values():
            name = entry.values.get("name")
            if not isinstance(name, str):
                continue
            keys = name_keys(name)
            other = next((seen[key] for key in sorted(keys) if key in seen), None)
            if other is not None and _normal_name(other.values["name"]) == _normal_name(name):
                clash(other, entry, "'{name}' is also the name of {other}", "merge the two entries or make the names distinct")
            elif other is not None:
                clash(
                    other,
                    entry,
                    "'{name}' looks the same as the name of {other} ('{other_name}')",
                    "merge the two entries, or make the names differ in letters a reader can see (look for letters of another alphabet)",
                )
            for key in keys:
                seen.setdefault(key, entry)
    near: dict[tuple, Entry] = {}
    for entry in entries["programs"].values():
        name, provider = entry.values.get("name"), entry.values.get("provider")
        if not isinstance(name, str) or not isinstance(provider, str):
            continue
        key = (provider, _name_key(name))
        other = near.get(key)
        if other is not None and _normal_name(other.values["name"]) != _normal_name(name):
            clash(
                other,
                entry,
                "'{name}' looks like the same program as {other} ('{other_name}') from the same provider",
                "keep one entry for the program and remove the other",
            )
        near.setdefault(key, entry)


def check_dates(entries: dict[str, dict[str, Entry]], today: dt.date, report: _Report) -> None:
    """Check dates that must agree, and warn about stale entries and passed deadlines."""
    for group in entries.values():
        for entry in group.values():
            for index, source in enumerate(_list(entry.values.get("sources"))):
                # The schema's pattern allows 2020-02-30; a full date must also be a real day.
                day = source.get("date") if isinstance(source, dict) else None
                if isinstance(day, str) and _FULL_DATE.match(day) and _date(day) is None:
                    report.add(
                        entry, ("sources", index, "date"), f"{quoted(day)} is not a real date", "check the day and the month: write YYYY-MM-DD, YYYY-MM or YYYY"
                    )
            verified = _date(entry.values.get("last_verified"))
            if verified is None:
                continue
            if verified > today:
                report.add(entry, ("last_verified",), f"{verified} is in the future (today is {today})", "write the day the entry was actually checked")
            elif (today - verified).days > STALE_AFTER_DAYS:
                report.add(
                    entry,
                    ("last_verified",),
                    f"not verified since {verified}, over 12 months ago",
                    "check the entry against its sources and update last_verified",
                    WARNING,
                )
    for entry in entries["programs"].values():
        application = entry.values.get("application")
        if not isinstance(application, dict):
            continue
        opens, deadline, starts, ends = (_date(application.get(k)) for k in ("opens", "deadline", "starts", "ends"))
        if opens and deadline and deadline < opens:
            report.add(entry, ("application", "deadline"), f"deadline {deadline} is before applications open ({opens})", "check both dates")
        if deadline and starts and deadline > starts:
            report.add(
                entry, ("application", "deadline"), f"deadline {deadline} is after the start date {starts}", "the deadline must come before the program starts"
            )
        if starts and ends and ends < starts:
            report.add(entry, ("application", "ends"), f"end date {ends} is before the start date {starts}", "check both dates")
        if deadline and deadline < today and application.get("status") in ("open", "upcoming"):
            report.add(
                entry,
                ("application", "deadline"),
                f"the deadline {deadline} has passed but status is '{application.get('status')}'",
                "set a new deadline or change the status to closed",
                WARNING,
            )
    for entry in entries["occupations"].values():
        for index, row in enumerate(_list(entry.values.get("projections"))):
            if isinstance(row, dict) and isinstance(row.get("base_year"), int) and isinstance(row.get("projected_year"), int):
                if row["projected_year"] <= row["base_year"]:
                    report.add(
                        entry,
                        ("projections", index, "projected_year"),
                        f"projected year {row['projected_year']} is not after the base year {row['base_year']}",
                        "check both years",
                    )


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


def check_web_addresses(entries: dict[str, dict[str, Entry]], report: _Report) -> None:
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


def check_across(entries: dict[str, dict[str, Entry]], today: dt.date, shape: Shape | None = None) -> list[Problem]:
    """Run the checks that read more than one file: references, pathways, duplicates, dates, addresses."""
    # They run on every entry, so one run reports every problem; they read values
    # defensively, since the schema check may just have refused a shape.
    report = _Report()
    check_references(entries, {name: set(group) for name, group in entries.items()}, report, shape)
    step_ids = check_pathway_graphs(entries, report)
    check_program_steps(entries, step_ids, set(entries["pathways"]), report)
    check_duplicates(entries, report)
    check_succession(entries["partnerships"], report)
    check_occupation_codes(entries["occupations"], report)
    check_dates(entries, today, report)
    check_web_addresses(entries, report)
    return report.problems
