"""A program's filter values (facets), as the schema's x-facet names and orders them.

The model sets them once on each program (program.facets, program.facet_tokens); pages and
search only read them.
"""

from __future__ import annotations

import datetime as dt

from .data.shape import current_shape

OPEN_STATUSES = {"open", "rolling"}


def _cost_class(program: dict) -> str:
    cost = program.get("cost")
    if not cost:
        return "unknown"
    return "free" if cost["amount"] == 0 else "paid"


def deadline_passed(values: dict, today: dt.date) -> bool:
    """Tell whether the program's application deadline is before today."""
    deadline = (values.get("application") or {}).get("deadline")
    return bool(deadline) and deadline < today.isoformat()


def program_facets(values: dict, today: dt.date) -> dict[str, list[str]]:
    """Return the filter values of a program: type, cost, pay, format, schedule, degree, region, open."""
    eligibility = values.get("eligibility") or {}
    degree = eligibility.get("degree_required")
    application = values.get("application") or {}
    found = {
        "type": [values["type"]],
        "cost": [_cost_class(values)] + (["stipend"] if values.get("paid") else []),
        "format": [values["delivery"]] if values.get("delivery") else [],
        "schedule": list(values.get("schedule") or []),
        "degree": ["no-degree" if degree is False else "degree" if degree else "unknown"],
        "region": list(values.get("regions") or []),
        "open": ["open"] if application.get("status") in OPEN_STATUSES and not deadline_passed(values, today) else [],
    }
    # The schema's x-facet says which filters there are and in what order; a new one reads its field's values.
    return {facet.name: found[facet.name] if facet.name in found else _field_values(values, facet.path) for facet in current_shape().facets}


def _field_values(values: dict, path: tuple) -> list[str]:
    """Return the values of a field as filter values: a list as it is, one value as a list of one."""
    for key in path:
        values = values.get(key) if isinstance(values, dict) else None
    if values is None:
        return []
    return [str(value) for value in values] if isinstance(values, list) else [str(values)]
