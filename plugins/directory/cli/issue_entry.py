"""Turn an issue's answers into the values of a program entry, naming the question of each bad answer."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from directory.cli.issue_answers import IssueError, Question
from directory.data.loader import suggest_id
from directory.data.problems import shortened

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A cost in US dollars, in ASCII digits only: float() would also read 1_0_0, 1e3 and Arabic-Indic digits.
_AMOUNT = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}
YES = ("yes", "sí")  # the degree question's "yes", in the English form and the Spanish one
# The Spanish form's answers, and the es: field of the entry each one is (beside its English field).
SPANISH_ANSWERS = {"name_es": ("es", "name"), "description_es": ("es", "description"), "how_to_apply_es": ("application", "es", "how_to_apply")}


def option_value(option: str) -> str:
    """Return the value an option stands for: 'bootcamp — short, intensive training' -> 'bootcamp'."""
    return option.split(" — ", 1)[0].strip()


def _chosen(question: Question, answer: str, problems: list[str]) -> list[str]:
    """Return the values of the options an answer names, reporting any that is not an option."""
    values = []
    pieces = list(dict.fromkeys(p.strip() for p in answer.split(",") if p.strip())) if question.multiple else [answer]
    for piece in pieces:
        match = next((o for o in question.options if piece in (o, option_value(o))), None)
        if match is None:
            listed = ", ".join(option_value(o) for o in question.options)
            problems.append(f"{question.label}: '{piece[:60]}' is not one of the choices ({listed})")
        else:
            values.append(option_value(match))
    return values


def slug(text: str) -> str:
    """Turn a program name into a readable id: 'Programa de programación!' -> 'programa-de-programacion'."""
    return suggest_id(text)


def _folded(text: str) -> str:
    """Return a name as it is compared: accents, capitals and spacing do not count."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def read_entries(folder: Path) -> dict[str, dict]:
    """Return {id: values} for the entries of one collection folder; a file that cannot be read is skipped."""
    entries = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            values = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        entries[path.stem] = values if isinstance(values, dict) else {}
    return entries


def _page_id(answer: str, collection: str) -> str:
    """Return the id a pasted page address names: 'https://site.org/partners/acme/' -> 'acme' ('' if it is no address)."""
    if not re.match(r"^https?://", answer, re.IGNORECASE):
        return ""
    parts = [part for part in urlsplit(answer).path.split("/") if part]
    if collection in parts[:-1]:
        parts = parts[parts.index(collection) + 1 :]
    last = parts[0] if parts else ""
    return re.sub(r"(\.html?|\.ya?ml)$", "", last, flags=re.IGNORECASE)


def _partner_id(answer: str, data_dir: Path, problems: list[str], label: str) -> str:
    """Accept a partner's id, its name, or the address of its page; suggest the closest one otherwise."""
    partners = read_entries(data_dir / "partners")
    from_address = _page_id(answer, "partners")
    if from_address:
        if from_address in partners:
            return from_address
        problems.append(f"{label}: the page {shortened(answer)} is not the page of an organization on the site (use the name shown on its page under Partners)")
        return answer
    if answer in partners:
        return answer
    for partner_id, values in partners.items():
        name = values.get("name")
        if isinstance(name, str) and _folded(name) == _folded(answer):
            return partner_id
    close = difflib.get_close_matches(slug(answer), list(partners), n=1, cutoff=0.75)
    if close:
        hint = f"did you mean {partners[close[0]].get('name', close[0])}?"
    else:
        hint = (
            "write its name as its page under Partners shows it, or paste the address of that page; if it is not on the site, ask a maintainer to add it first"
        )
    problems.append(f"{label}: there is no organization '{shortened(answer)}' on the site ({hint})")
    return answer


def _region_names(region_id: str, values: dict) -> set[str]:
    """Return every way a region may be written: its id, its name, and its name with its state ('Philadelphia, PA')."""
    names = {region_id, str(values.get("name", ""))}
    if values.get("state"):
        names.add(f"{values.get('name', '')}, {values['state']}")
    return {_folded(name) for name in names if name}


def _region_ids(answer: str, data_dir: Path, problems: list[str], label: str) -> list[str]:
    """Read regions separated by commas, each by its name or id; a name with a comma in it ('Philadelphia, PA') is one region."""
    regions = read_entries(data_dir / "regions")
    by_name = {name: region_id for region_id, values in regions.items() for name in _region_names(region_id, values)}
    pieces = [piece.strip() for piece in answer.split(",") if piece.strip()]
    longest = max((name.count(",") + 1 for name in by_name), default=1)  # the most commas in one region's name, plus one
    found, start = [], 0
    while start < len(pieces):
        for end in range(min(len(pieces), start + longest), start, -1):  # the longest run of pieces that names a region
            region_id = by_name.get(_folded(", ".join(pieces[start:end])))
            if region_id:
                found.append(region_id)
                start = end
                break
        else:
            piece = pieces[start]
            names = sorted(str(values.get("name", region_id)) for region_id, values in regions.items())
            close = difflib.get_close_matches(_folded(piece), [_folded(name) for name in names], n=1, cutoff=0.6)
            suggestion = next((name for name in names if close and _folded(name) == close[0]), "")
            if suggestion:
                hint = f"did you mean {suggestion}?"
            else:
                hint = f"the regions are: {', '.join(names[:30])}" if names else "the site lists no regions yet"
            problems.append(f"{label}: there is no region '{shortened(piece)}' on the site ({hint}); separate regions with commas")
            start += 1
    return list(dict.fromkeys(found))


def _unquoted(text: str) -> str:
    """Remove one pair of quotes around a whole answer: '"2027-02-15"' -> '2027-02-15'."""
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def _deadline(answer: str, problems: list[str], label: str) -> str:
    """Accept a date written YYYY-MM-DD, quoted or not; explain any other form."""
    day = _unquoted(answer)
    if not _DATE.match(day):
        problems.append(f"{label}: '{shortened(answer)}' is not a date written YYYY-MM-DD (write it like 2027-02-15: the year, the month, the day)")
        return day
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        problems.append(f"{label}: {day} is not a day of the calendar (check the month and the day)")
    return day


def _cost(answer: str, problems: list[str], label: str) -> dict | None:
    """Read a cost in US dollars ('$1,200', '0', 'free'); refuse anything that is not plainly a number."""
    amount = _unquoted(answer).replace("$", "").replace(",", "").strip()
    if amount.casefold() in ("free", "0.00"):
        amount = "0"
    if not _AMOUNT.match(amount):
        problems.append(f"{label}: write a number of US dollars with the digits 0 to 9, for example 1200, or 0 if it is free")
        return None
    number = float(amount)
    return {"amount": int(number) if number.is_integer() else number}


def _application(answers: dict, one, problems: list[str], label: str) -> dict | None:
    """Return the application part from its answers (`one` reads a dropdown's value), or None when none is given."""
    application = {key: answers[key] for key in ("deadline", "how_to_apply") if answers.get(key)}
    if application.get("deadline"):
        application["deadline"] = _deadline(application["deadline"], problems, label)
    if one("application_status") or application:
        return {"status": one("application_status") or "unknown", **application}
    return None


def _add_spanish(values: dict, answers: dict, by_id: dict, problems: list[str]) -> None:
    """Put each Spanish answer in its es: field; a program's application gets a status first if it has none."""
    for question_id, (*group, key) in SPANISH_ANSWERS.items():
        if not answers.get(question_id):
            continue
        if not answers.get(key):  # a Spanish text translates the English one, which the entry must have too
            if not (key in by_id and by_id[key].required):  # a required one is reported as such already
                english = by_id[key].label if key in by_id else key
                problems.append(f"{by_id[question_id].label}: write the same in English too, under '{english}': the Spanish text translates it")
            continue
        if group[0] == "application":
            values.setdefault("application", {"status": "unknown"})
        target = values
        for name in group:
            target = target.setdefault(name, {})
        target[key] = answers[question_id]


def _source(answers: dict) -> dict:
    """Return the entry's first source: the document, its publisher and its web address when given."""
    source = {"document": answers.get("source_document", ""), "publisher": answers.get("source_publisher", "")}
    if answers.get("source_url"):
        source["url"] = answers["source_url"]
    return source


def build_entry(answers: dict, questions: list[Question], data_dir: Path, today: dt.date) -> dict:
    """Turn the answers into the values of a program entry; raise IssueError naming each bad answer."""
    by_id = {q.id: q for q in questions}
    problems = [f"{q.label}: this answer is required" for q in questions if q.required and q.type != "checkboxes" and not answers.get(q.id)]
    for question in questions:
        if any(option not in answers.get(question.id, []) for option in question.must_tick):
            problems.append(f"{question.label}: please tick every box")

    def one(question_id: str) -> str:
        answer = answers.get(question_id, "")
        if not answer or by_id[question_id].type != "dropdown":
            return answer
        chosen = _chosen(by_id[question_id], answer, problems)
        return chosen[0] if chosen else ""

    values: dict = {"name": answers.get("name", ""), "type": one("type"), "status": one("status")}
    if answers.get("provider"):
        values["provider"] = _partner_id(answers["provider"], data_dir, problems, by_id["provider"].label)
    values["description"] = answers.get("description", "")
    if answers.get("url"):
        values["url"] = answers["url"]
    if one("delivery"):
        values["delivery"] = one("delivery")
    if answers.get("regions"):
        values["regions"] = _region_ids(answers["regions"], data_dir, problems, by_id["regions"].label)
    if answers.get("cost"):
        cost = _cost(answers["cost"], problems, by_id["cost"].label)
        if cost is not None:
            values["cost"] = cost
    if answers.get("schedule"):
        values["schedule"] = _chosen(by_id["schedule"], answers["schedule"], problems)
    if one("degree"):
        values["eligibility"] = {"degree_required": one("degree") in YES}
    application = _application(answers, one, problems, by_id["deadline"].label)
    if application is not None:
        values["application"] = application
    _add_spanish(values, answers, by_id, problems)
    values["sources"] = [_source(answers)]
    values["last_verified"] = today.isoformat()
    if problems:
        raise IssueError(problems)
    return values
