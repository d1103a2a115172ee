"""Read a BLS OEWS release table (xlsx or CSV): its rows, its release, one area's rows and their pay figures."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

REQUIRED = ("AREA", "AREA_TITLE", "OCC_CODE", "OCC_TITLE", "TOT_EMP", "A_MEDIAN")
NATIONAL_AREA = "99"
NOT_AVAILABLE = {"*", "**"}  # wage not available, employment not available
TOP_CODED = "#"  # wage at or above the top of the published range
WAGES = (("A_MEDIAN", "median_annual"), ("A_PCT10", "p10_annual"), ("A_PCT90", "p90_annual"))
_RELEASE_IN_NAME = re.compile(r"(?:^|[_-])M(\d{4})(?:[_.-]|$)", re.IGNORECASE)
_RELEASE = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})$")


class OewsFileError(Exception):
    """The file or the arguments cannot be used: one message, nothing written."""


def read_table(path: Path) -> list[dict[str, str]]:
    """Read an xlsx sheet or a CSV file into rows keyed by upper-case column names; refuse anything else."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
            raise OewsFileError(f"{path}: cannot be read as a spreadsheet ({error})") from error
        try:
            sheet = book.worksheets[0]
            rows = [["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    elif suffix in (".csv", ".txt"):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise OewsFileError(f"{path}: cannot be read as UTF-8 text ({error})") from error
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    else:
        raise OewsFileError(f"{path}: is not an .xlsx or .csv file; save the OEWS table as one of them")
    header_at = next((i for i, row in enumerate(rows[:20]) if {cell.upper() for cell in row} >= set(REQUIRED)), None)
    if header_at is None:
        found = ", ".join(cell for cell in (rows[0] if rows else []) if cell)[:200] or "no columns"
        raise OewsFileError(
            f"{path}: is not an OEWS table: it lacks the columns {', '.join(REQUIRED)} (its first row has {found}); "
            "use a national or metropolitan-area table of the BLS OEWS release"
        )
    header = [cell.upper() for cell in rows[header_at]]
    return [dict(zip(header, row, strict=False)) for row in rows[header_at + 1 :] if any(row)]


def release_of(path: Path, given: str | None) -> str:
    """Return the release ('May 2024') given, or read from an official file name (national_M2024_dl.xlsx)."""
    if given:
        if not _RELEASE.match(given):
            raise OewsFileError(f"--release {given!r}: write the month and year of the survey, for example 'May 2024'")
        return given
    found = _RELEASE_IN_NAME.search(path.stem)
    if not found:
        raise OewsFileError(f"{path.name}: the release is not in the file name (as M2024 in national_M2024_dl.xlsx); give it with --release 'May 2024'")
    return f"May {found.group(1)}"


def number(text: str) -> float | int | None:
    """Return a figure of the table as a number, None for the release's codes or an empty cell."""
    text = text.replace(",", "").replace("$", "").strip()
    if not text or text in NOT_AVAILABLE or text == TOP_CODED:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def pick_rows(rows: list[dict], area: str | None) -> tuple[str, str, dict[str, dict]]:
    """Return (area code, area title, {OCC_CODE: row}) for one area: all industries, detailed occupations."""
    areas = {row["AREA"]: row["AREA_TITLE"] for row in rows}
    code = area or (NATIONAL_AREA if NATIONAL_AREA in areas else next(iter(areas)) if len(areas) == 1 else None)
    if code is None:
        listed = ", ".join(f"{c} ({t})" for c, t in list(areas.items())[:5])
        raise OewsFileError(f"the file holds {len(areas)} areas ({listed}{' ...' if len(areas) > 5 else ''}); choose one with --area CODE")
    if code not in areas:
        raise OewsFileError(f"--area {code}: the file has no rows for that area (AREA column)")
    chosen = {}
    for row in rows:
        if row["AREA"] != code:
            continue
        if row.get("I_GROUP") and row["I_GROUP"].lower() != "cross-industry":
            continue  # an industry's own figures, not the occupation's as a whole
        if row.get("O_GROUP") and row["O_GROUP"].lower() not in ("detailed", ""):
            continue
        chosen.setdefault(row["OCC_CODE"], row)
    return code, areas[code], chosen


def figures(row: dict, top_annual: int | None, notes: list[str]) -> dict:
    """Return the pay values of one row; say in notes what the release's codes left out."""
    values: dict = {}
    or_more = []
    for column, key in WAGES:
        raw = row.get(column, "").strip()
        if raw == TOP_CODED:
            if top_annual is None:
                notes.append(f"{column} is '#' (at or above the top of the release's range): left out; give the top with --top-annual")
                continue
            values[key] = top_annual
            or_more.append(key)
        elif number(raw) is not None:
            values[key] = number(raw)
        elif raw in NOT_AVAILABLE:
            notes.append(f"{column} is '{raw}' (not available): left out")
    if or_more:
        values["or_more"] = or_more
    employment = number(row.get("TOT_EMP", ""))
    if employment is not None:
        values["employment"] = int(employment)
    elif row.get("TOT_EMP", "").strip() == "**":
        notes.append("TOT_EMP is '**' (employment not available): left out")
    return values
