"""Pay figures: an occupation's published figures resolved, and the one a page shows.

Plain functions over the model's items (model.Item), which the model calls once per build
(build_directory) and pages read afterwards (pay_for).
"""

from __future__ import annotations


def pay_rows(occupation, regions: dict, sources: dict) -> list[dict]:
    """Return an occupation's pay figures, national first then by area name, newest release first, with area and source resolved."""
    rows = []
    for row in occupation.get("pay") or []:
        region = regions.get(row["area"])
        year = int(row["release"][-4:])
        rows.append(row | {"region": region, "area_name": region.name if region else "United States", "year": year, "document": sources.get(row["source"])})
    return sorted(rows, key=lambda r: (r["region"] is not None, r["area_name"], -r["year"]))


def pay_for(occupation, region_ids=()) -> dict | None:
    """Return the pay figure to show for an occupation: the newest for one of the regions, else the newest national one."""
    if occupation is None:
        return None
    rows = getattr(occupation, "pay", None) or []
    local = [row for row in rows if row["area"] in region_ids]
    national = [row for row in rows if row["region"] is None]
    return max(local or national, key=lambda row: row["year"], default=None)


def mark_shared_pay(occupations: list) -> None:
    """Give each pay row the other occupations with the same figure (shared_with)."""
    # One published figure may cover two entries: the 2018 SOC merged some 2010 occupations.
    for occupation in occupations:
        for row in occupation.pay:
            row["shared_with"] = [
                other
                for other in occupations
                if other is not occupation
                and any((o["soc_code"], o["area"], o["release"]) == (row["soc_code"], row["area"], row["release"]) for o in other.pay)
            ]
