"""The checks that read more than one file: references, pathway graphs, duplicates, dates, addresses.

check_across() is the one entry point; each kind of check has its module (reference_checks,
pathway_checks, duplicate_checks, identity_checks, date_checks, address_checks), and each
check_* function there adds problems to one report (check_report.Report).
"""

from __future__ import annotations

import datetime as dt

from .address_checks import check_web_addresses
from .check_report import Report
from .date_checks import check_dates
from .duplicate_checks import check_duplicates
from .identity_checks import check_occupation_codes, check_succession
from .loader import Entry
from .pathway_checks import check_pathway_graphs, check_program_steps
from .problems import Problem
from .reference_checks import check_references, occupation_lookup
from .shape import Shape

__all__ = ["check_across", "occupation_lookup"]  # model.py links occupations by the same lookup


def check_across(entries: dict[str, dict[str, Entry]], today: dt.date, shape: Shape | None = None) -> list[Problem]:
    """Run the checks that read more than one file: references, pathways, duplicates, dates, addresses."""
    # They run on every entry, so one run reports every problem; they read values
    # defensively, since the schema check may just have refused a shape.
    report = Report()
    check_references(entries, {name: set(group) for name, group in entries.items()}, report, shape)
    step_ids = check_pathway_graphs(entries, report)
    check_program_steps(entries, step_ids, set(entries["pathways"]), report)
    check_duplicates(entries, report)
    check_succession(entries["partnerships"], report)
    check_occupation_codes(entries["occupations"], report)
    check_dates(entries, today, report)
    check_web_addresses(entries, report)
    return report.problems
