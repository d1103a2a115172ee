"""Cross-file checks of dates: dates that must agree, real days, stale entries and passed deadlines."""

from __future__ import annotations

import datetime as dt
import re

from .check_report import Report, as_list
from .loader import Entry
from .problems import WARNING, quoted

STALE_AFTER_DAYS = 365
_FULL_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _check_source_dates(entry: Entry, report: Report) -> None:
    """Report a source's full date that is no real day: the schema's pattern allows 2020-02-30."""
    for index, source in enumerate(as_list(entry.values.get("sources"))):
        day = source.get("date") if isinstance(source, dict) else None
        if isinstance(day, str) and _FULL_DATE.match(day) and _date(day) is None:
            report.add(entry, ("sources", index, "date"), f"{quoted(day)} is not a real date", "check the day and the month: write YYYY-MM-DD, YYYY-MM or YYYY")


def _check_verified(entry: Entry, today: dt.date, report: Report) -> None:
    """Report a last_verified date in the future, and warn about one over STALE_AFTER_DAYS ago."""
    verified = _date(entry.values.get("last_verified"))
    if verified is None:
        return
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


def _check_application(entry: Entry, today: dt.date, report: Report) -> None:
    """Check that a program's application dates come in order, and warn about a passed deadline still open."""
    application = entry.values.get("application")
    if not isinstance(application, dict):
        return
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


def _check_projections(entry: Entry, report: Report) -> None:
    """Check that each of an occupation's projections ends after the year it starts from."""
    for index, row in enumerate(as_list(entry.values.get("projections"))):
        if isinstance(row, dict) and isinstance(row.get("base_year"), int) and isinstance(row.get("projected_year"), int):
            if row["projected_year"] <= row["base_year"]:
                report.add(
                    entry,
                    ("projections", index, "projected_year"),
                    f"projected year {row['projected_year']} is not after the base year {row['base_year']}",
                    "check both years",
                )


def check_dates(entries: dict[str, dict[str, Entry]], today: dt.date, report: Report) -> None:
    """Check dates that must agree, and warn about stale entries and passed deadlines."""
    for group in entries.values():
        for entry in group.values():
            _check_source_dates(entry, report)
            _check_verified(entry, today, report)
    for entry in entries["programs"].values():
        _check_application(entry, today, report)
    for entry in entries["occupations"].values():
        _check_projections(entry, report)
