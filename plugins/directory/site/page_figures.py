"""The figures the pages chart and compare: pay along a pathway, the occupations' charts,
regions compared, partnerships' benefits compared and the home page's headline figures.
"""

from __future__ import annotations

from markupsafe import Markup

from ..languages import gettext as _
from ..pay import pay_for
from ..render import number, text_of
from .svg import bar_chart


def occupation_charts(occupations, regions) -> dict:
    """Return the occupation list's charts (growth, openings, pay; None without figures) and the scope its projections share."""
    growth = occupation_chart_rows(occupations, "percent_change")
    openings = occupation_chart_rows(occupations, "openings_per_year")
    pay = sorted(
        ((o.name, row["median_annual"], f"{number(row['median_annual'], 'usd')} ({row['release']})") for o in occupations if (row := pay_for(o))),
        key=lambda r: -r[1],
    )
    charts = {
        "growth_chart": (
            growth,
            _("Projected growth by occupation"),
            _("Percent change in jobs between the base year and the projected year; the table below gives the same figures."),
            "chart-growth",
        ),
        "openings_chart": (
            openings,
            _("Yearly openings by occupation"),
            _("Average openings a year from growth and replacement; the table below gives the same figures."),
            "chart-openings",
        ),
        "pay_chart": (
            pay,
            _("Median pay a year by occupation"),
            _("National median pay a year of each occupation, each figure with its own release; the table below gives the same figures."),
            "chart-pay",
        ),
    }
    drawn = {key: bar_chart(rows, title, about, uid=uid) if rows else None for key, (rows, title, about, uid) in charts.items()}
    return drawn | {"chart_scope": projection_scope(occupations, regions)}


def projection_scope(occupations, regions) -> str:
    """Return ", Los Angeles, 2014-2024" when every charted projection shares a region and years, else ""."""
    firsts = {(p["region"], p["base_year"], p["projected_year"]) for o in occupations for p in (o.get("projections") or [])[:1]}
    if len(firsts) != 1:
        return ""
    region, base, projected = firsts.pop()
    name = regions[region].name if region in regions else region
    return f", {name}, {base}\u2013{projected}"


def occupation_chart_rows(occupations, field_name: str):
    rows = []
    for occupation in occupations:
        projection = next(iter(occupation.get("projections") or []), None)
        if projection and projection.get(field_name) is not None:
            value = projection[field_name]
            shown = f"{value:+.1f}%" if field_name == "percent_change" else f"{value:,}"
            rows.append((occupation.name, value, shown))
    return sorted(rows, key=lambda r: -r[1])


def pay_route(pathway) -> list[dict]:
    """Return the job steps of a pathway in route order, each with its pay and the change from the nearest earlier step with pay."""
    rows = []
    for step in pathway.steps:
        if step.occupation is None:
            continue
        before, todo, seen = None, list(step.previous), set()
        while todo and before is None:  # back along the route to the nearest step with a figure
            earlier = todo.pop(0)
            if id(earlier) in seen:
                continue
            seen.add(id(earlier))
            if earlier.pay is not None:
                before = earlier
            todo += earlier.previous
        change = step.pay["median_annual"] - before.pay["median_annual"] if step.pay and before else None
        rows.append({"step": step, "pay": step.pay, "before": before, "change": change})
    return rows if any(row["pay"] for row in rows) else []


def route_chart(pathway, route: list[dict]) -> Markup | None:
    """Draw the median pay of a pathway's job steps, in route order, or None without two figures."""
    rows = [
        (row["step"].name, row["pay"]["median_annual"], f"{number(row['pay']['median_annual'], 'usd')} ({row['pay']['release']})")
        for row in route
        if row["pay"]
    ]
    if len(rows) < 2:
        return None
    return bar_chart(
        rows,
        _("Median pay along the %(pathway)s pathway") % {"pathway": pathway.name},
        _("Median pay a year of each job step's occupation, in route order; the table gives the same figures."),
        uid=f"chart-pay-{pathway.id}",
    )


def benefits_comparison(partnerships) -> dict:
    """Return which benefit categories each partnership offers: {'categories': [...], 'rows': [...]}."""
    # "No membership fee" is a benefit partners list, but the comparison has a fee row of its own.
    categories = sorted({b["category"] for p in partnerships for b in p.get("benefits") or []} - {"no-fee"})
    rows = []
    for partnership in partnerships:
        offered = {}
        for benefit in partnership.get("benefits") or []:
            offered.setdefault(benefit["category"], []).append(benefit)
        fee = partnership.get("fee")
        rows.append({"partnership": partnership, "offered": offered, "fee": fee})
    return {"categories": categories, "rows": rows}


COMPARED_MEASURES = ("tech-employees", "average-tech-salary", "tech-workers-per-1000-jobs")


def region_comparisons(regions) -> list[dict]:
    """Return one chart and table per measure that more than one region reports.

    A figure whose source contradicts itself (`conflict`) is listed apart, never drawn or ranked.
    """
    comparisons = []
    for measure in COMPARED_MEASURES:
        rows = []
        for region in regions:
            for figure in region.get("figures") or []:
                if figure.get("measure") == measure:
                    rows.append((region, figure))
                    break
        if len(rows) < 2:
            continue
        conflicting = [(region, figure) for region, figure in rows if figure.get("conflict")]
        rows = sorted((row for row in rows if not row[1].get("conflict")), key=lambda rf: -rf[1]["value"])
        first = (rows or conflicting)[0][1]
        unit, title = first["unit"], first["label"]
        chart = None
        if len(rows) >= 2:
            chart = bar_chart(
                [(region.name, figure["value"], number(figure["value"], figure["unit"])) for region, figure in rows],
                title,
                _("%(measure)s by region; the table beside it gives the same figures with their years and sources.") % {"measure": title},
                uid=f"chart-{measure}",
            )
        # The title is the first figure's label, marked lang="en" in a heading where a translated page shows it in English.
        title_text = text_of(first, "label")
        comparisons.append(
            {"measure": measure, "title": title, "title_text": title_text, "unit": unit, "rows": rows, "conflicting": conflicting, "chart": chart}
        )
    return comparisons


HEADLINE_MEASURES = (
    "tech-jobs-requiring-bachelors",
    "residents-with-bachelors",
    "tech-talent-without-4-year-degree",
    "tech-industry-average-pay",
    "tech-jobs-projected",
)


def headline_figures(regions, limit: int = 4) -> list[dict]:
    """Pick the figures the home page leads with: degree requirements and pay, with year and source."""
    found = []
    for measure in HEADLINE_MEASURES:
        for region in regions:
            for figure in region.get("figures") or []:
                if figure.get("measure") == measure:
                    found.append({"region": region, "figure": figure})
    return found[:limit]
