"""iCalendar (RFC 5545): application dates and cohort starts, for the whole site and per program.

All-day events, one per date a program gives (applications open, deadline, cohort start).
UIDs are made from the program's id and the kind of date, so a calendar app updates an event
rather than adding it twice; DTSTAMP is the day the entry was last verified, so two builds of
the same data write the same bytes.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..languages import gettext as _
from ..languages import ngettext
from ..model import Directory, Item
from .shared import Site, summary_of

FOLDER = "calendar"
# application field -> (uid suffix, summary prefix)
DATES = {
    "opens": ("applications-open", "Applications open"),
    "deadline": ("application-deadline", "Application deadline"),
    "starts": ("cohort-start", "Cohort starts"),
}


def escape_text(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _compact(date: str) -> str:
    return date.replace("-", "")


def program_events(program: Item, site: Site) -> list[tuple[str, list[str]]]:
    """Return (date, lines) for each dated event of a program."""
    application = program.get("application") or {}
    page = site.absolute(program.url)
    events = []
    for key, (suffix, prefix) in DATES.items():
        date = application.get(key)
        if not date:
            continue
        next_day = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
        about = [f"Provider: {program.provider.name}.", summary_of(program)]
        if key != "starts":
            about += [application.get("how_to_apply"), f"Apply: {application['url']}" if application.get("url") else None]
        about.append(f"More: {page}")
        lines = [
            "BEGIN:VEVENT",
            f"UID:{program.id}-{suffix}@{site.authority}",
            f"DTSTAMP:{_compact(program['last_verified'])}T000000Z",
            f"DTSTART;VALUE=DATE:{_compact(date)}",
            f"DTEND;VALUE=DATE:{_compact(next_day)}",
            f"SUMMARY:{escape_text(f'{prefix}: {program.name}')}",
            f"DESCRIPTION:{escape_text(' '.join(part for part in about if part))}",
            f"CATEGORIES:{escape_text(prefix)}",
            "TRANSP:TRANSPARENT",
        ]
        if site.has_absolute_urls:
            lines.append(f"URL:{page}")
        lines.append("END:VEVENT")
        events.append((date, lines))
    return events


def calendar(name: str, events: list[tuple[str, list[str]]], site: Site) -> bytes:
    """Return a VCALENDAR of events, soonest first, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(site.name)}//Open data//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for _date, event in sorted(events, key=lambda pair: (pair[0], pair[1][1])):
        lines += event
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def dated_programs(directory: Directory) -> list[Item]:
    """Return the programs that give at least one application or start date."""
    return [program for program in directory.programs.values() if any((program.get("application") or {}).get(key) for key in DATES)]


def export(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return the site's calendar and one calendar per program with dates; nothing when no program gives a date.

    RFC 5545 wants at least one component in a calendar: an empty one is neither written nor offered.
    """
    files = {}
    every = []
    for program in dated_programs(directory):
        events = program_events(program, site)
        every += events
        files[f"{FOLDER}/programs/{program.id}.ics"] = calendar(f"{program.name}: dates", events, site)
    if every:
        files[f"{FOLDER}/programs.ics"] = calendar(f"{site.name}: application deadlines and start dates", every, site)
    return files


def section(directory: Directory) -> dict:
    """Describe the calendars for the Open data page."""
    programs = dated_programs(directory)
    count = sum(1 for program in programs for key in DATES if program["application"].get(key))
    about = _(
        "Application opening days, deadlines and cohort start dates as all-day events, in the <code>.ics</code> format that "
        "Google Calendar, Outlook and Apple Calendar read. Only programs that give a date have a calendar of their own."
    )
    if not count:
        about = _("No program in the directory gives an application or start date yet, so there is no calendar to subscribe to.")
    files = []
    if count:
        files.append(
            {
                "path": f"{FOLDER}/programs.ics",
                "title": ngettext("Every program (%(num)s date)", "Every program (%(num)s dates)", count) % {"num": count},
                "about": _("Subscribe to it in a calendar app to see new dates as programs add them."),
            }
        )
    files += [{"path": f"{FOLDER}/programs/{program.id}.ics", "title": program.name, "about": ""} for program in programs]
    return {"id": "calendar", "title": _("Calendars (iCalendar)"), "about": Markup(about), "files": files}
