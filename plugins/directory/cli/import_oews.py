"""Refresh the occupations' pay from an official BLS OEWS release file (xlsx or CSV).

Usage: directory-import-oews FILE [--area CODE] [--release "May 2024"] [--source ID]
                            [--url URL] [--top-annual N] [--data data]

FILE is a table of the Occupational Employment and Wage Statistics (OEWS) release as BLS
publishes it (national_M2024_dl.xlsx, MSA_M2024_dl.xlsx, or the same saved as CSV), with the
columns AREA, AREA_TITLE, OCC_CODE, OCC_TITLE, TOT_EMP, A_MEDIAN, A_PCT10, A_PCT90 ...
Each occupation in data/occupations/ whose 2018 SOC code (`soc_code`) is in the file gets the
figures of one area: the United States (AREA 99), or the metro area --area CODE, written under
the region whose `oews_area_code` is CODE. Its `pay` row for that area is replaced (a newer
one is kept); every other line of the file, comments included, stays as it is.

The release codes: `*` (wage not available) and `**` (employment not available) leave that
figure out; `#` (wage at or above the top of the published range) records --top-annual, the
top the release's notes give, marked "or more", or leaves the figure out without it.
The figures cite --source ID (a document in data/sources/); without it the script describes
the release file there itself. The release ("May 2024") is read from the file name (M2024)
or given with --release.

Nothing is written unless the file is an OEWS table and every changed entry still passes the
validator (checked in a temporary copy of the data folder). It prints what it changed.
Exit status: 0 when the pay was refreshed (or nothing needed to change), 1 when nothing was written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from directory.cli import ROOT
from directory.cli.oews_table import NATIONAL_AREA, OewsFileError, figures, pick_rows, read_table, release_of
from directory.data.checks import build_date, validate_data
from directory.data.dataset import display_path
from directory.data.loader import suggest_id
from directory.data.problems import DirectoryError


@dataclass
class Change:
    """What one occupation's file gets: its new text and the lines that say what changed."""

    path: Path
    text: str
    lines: list[str] = field(default_factory=list)


def region_for(code: str, data_dir: Path) -> str:
    """Return the area id a pay row is written under: national, or the region whose oews_area_code is code."""
    if code == NATIONAL_AREA:
        return "national"
    for path in sorted((data_dir / "regions").glob("*.yml")):
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if str(values.get("oews_area_code", "")) == code:
            return path.stem
    raise OewsFileError(f'--area {code}: no region in {display_path(data_dir / "regions")}/ has oews_area_code: "{code}"; add that line to the region\'s file')


def _scalar(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return yaml.safe_dump(value, allow_unicode=True, width=10000).strip().removesuffix("\n...").removesuffix("...").strip()


def row_text(pay: dict, indent: str) -> str:
    """Write one pay row as YAML list-item lines at the given indent."""
    lines = []
    for number_, (key, value) in enumerate(pay.items()):
        lines.append(f"{indent}{'- ' if number_ == 0 else '  '}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """Return (first, end) line indexes of a top-level key's block, or None."""
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == f"{key}:"), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-", "#")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # a blank line after the block belongs to what follows
    return start, end


def updated_text(text: str, area: str, pay: dict) -> tuple[str, dict | None]:
    """Return the file's text with its pay row for area replaced (or added), and the row it replaced."""
    lines = text.splitlines(keepends=True)
    found = _block(lines, "pay")
    if found is None:
        sources = _block(lines, "sources")
        indent = re.match(r"[ ]*", lines[sources[0] + 1]).group() if sources and sources[0] + 1 < len(lines) else ""
        at = sources[0] if sources else len(lines)
        return "".join(lines[:at]) + "pay:\n" + row_text(pay, indent) + "".join(lines[at:]), None
    start, end = found
    rows = yaml.safe_load("".join(lines[start:end]))["pay"] or []
    items = [i for i in range(start + 1, end) if re.match(r"[ ]*- ", lines[i])]
    indent = re.match(r"[ ]*", lines[items[0]]).group() if items else ""
    for number_, old in enumerate(rows):
        if old.get("area") == area:
            first = items[number_]
            last = items[number_ + 1] if number_ + 1 < len(items) else end
            while last - 1 > first and lines[last - 1].lstrip().startswith("#"):
                last -= 1  # a comment above the next row stays with it
            return "".join(lines[:first]) + row_text(pay, indent) + "".join(lines[last:]), old
    return "".join(lines[:end]) + row_text(pay, indent) + "".join(lines[end:]), None


def describe_change(old: dict | None, new: dict) -> str:
    if old is None:
        return f"added {new['release']}: median {_money(new['median_annual'])}"
    parts = [f"{old.get('release')} -> {new['release']}"] if old.get("release") != new["release"] else []
    for key in ("median_annual", "p10_annual", "p90_annual", "employment"):
        if old.get(key) != new.get(key):
            shown = (lambda v: f"{v:,}") if key == "employment" else _money
            parts.append(f"{key} {shown(old[key]) if old.get(key) is not None else 'none'} -> {shown(new[key]) if new.get(key) is not None else 'none'}")
    return "; ".join(parts) or "unchanged"


def _money(value) -> str:
    return f"${value:,}"


def source_entry(source_id: str, release: str, area_title: str, url: str | None, today: dt.date) -> str:
    """Return the text of a data/sources/ entry describing the release file."""
    lines = [
        "# yaml-language-server: $schema=../schemas/source.schema.json",
        f"name: {_scalar(f'Occupational Employment and Wage Statistics, {release}: {area_title}')}",
        "name_is_description: true",
        "kind: dataset",
        "publisher: U.S. Bureau of Labor Statistics",
        "date_unknown: The release file does not give its publication date.",
    ]
    lines += [f"url: {url}"] if url else ["not_found:", "- url"]
    lines += [
        f"description: The {release} OEWS release table for {_scalar(area_title)}, read by scripts/import_oews.py.",
        f'last_verified: "{today.isoformat()}"',
    ]
    return "\n".join(lines) + "\n"


def plan(args, data_dir: Path, today: dt.date) -> tuple[list[Change], list[str], dict[Path, str]]:
    """Work out every change without writing: (changes, report lines, new files)."""
    path = Path(args.file)
    if not path.is_file():
        raise OewsFileError(f"{args.file}: no such file")
    rows = read_table(path)
    release = release_of(path, args.release)
    code, area_title, by_code = pick_rows(rows, args.area)
    area = region_for(code, data_dir)
    new_files: dict[Path, str] = {}
    source = args.source
    if source is None:
        source = suggest_id(f"bls-oews-{release}-{'national' if area == 'national' else area}")
        if not (data_dir / "sources" / f"{source}.yml").exists():
            new_files[data_dir / "sources" / f"{source}.yml"] = source_entry(source, release, area_title, args.url, today)
    elif not (data_dir / "sources" / f"{source}.yml").exists():
        raise OewsFileError(f"--source {source}: there is no data/sources/{source}.yml; add it first, or leave --source out to have it written")
    changes, report = [], []
    for occupation_path in sorted((data_dir / "occupations").glob("*.yml")):
        text = occupation_path.read_text(encoding="utf-8")
        values = yaml.safe_load(text) or {}
        row = by_code.get(str(values.get("soc_code", "")))
        shown = display_path(occupation_path)
        if row is None:
            report.append(f"{shown}: SOC {values.get('soc_code')} is not in the file for {area_title}; left as it is")
            continue
        notes: list[str] = []
        found = figures(row, args.top_annual, notes)
        if "median_annual" not in found:
            report.append(f"{shown}: no median wage for {row['OCC_CODE']} in this release ({'; '.join(notes) or 'empty'}); left as it is")
            continue
        old = next((r for r in values.get("pay") or [] if r.get("area") == area), None)
        if old and int(str(old.get("release", "0"))[-4:] or 0) > int(release[-4:]):
            report.append(f"{shown}: already has a newer figure ({old['release']}) for {area_title}; left as it is")
            continue
        pay = {"area": area, "release": release, "soc_code": row["OCC_CODE"]}
        if row["OCC_TITLE"] and row["OCC_TITLE"] != values.get("name"):
            pay["published_title"] = row["OCC_TITLE"]
        pay |= {key: found[key] for key in ("median_annual", "p10_annual", "p90_annual", "or_more", "employment") if key in found}
        pay |= {"source": source, "locator": f"{area_title}, {row['OCC_CODE']} {row['OCC_TITLE']}".strip()}
        if old and old.get("note") and old.get("soc_code") == row["OCC_CODE"]:
            pay["note"] = old["note"]  # what a reader needs to know about the code still holds
        if old == pay:
            report.append(f"{shown}: {area_title} {release} unchanged")
            continue
        new_text, _ = updated_text(text, area, pay)
        lines = [f"{shown}: pay for {area_title}: {describe_change(old, pay)}"] + [f"  {note}" for note in notes]
        changes.append(Change(occupation_path, new_text, lines))
    return changes, report, new_files


def check_in_copy(data_dir: Path, changes: list[Change], new_files: dict[Path, str]) -> list[str]:
    """Validate the data folder with the changes applied, in a temporary copy; return the error lines."""
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        for path, text in [(c.path, c.text) for c in changes] + list(new_files.items()):
            target = copy / path.relative_to(data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        result = validate_data(copy)
        return [problem.text().replace(str(copy), display_path(data_dir)) for problem in result.errors]


def main(argv: list[str] | None = None) -> int:
    """Refresh pay from an OEWS file; return the exit status."""
    parser = argparse.ArgumentParser(description="Refresh the occupations' pay from a BLS OEWS release file (xlsx or CSV).")
    parser.add_argument("file", help="the OEWS table: national_M2024_dl.xlsx, MSA_M2024_dl.xlsx, or a CSV with the same columns")
    parser.add_argument("--area", help="the AREA code of a metro area (default: the United States, 99)")
    parser.add_argument("--release", help="the survey, for example 'May 2024' (default: read from the file name)")
    parser.add_argument("--source", help="the id of the document in data/sources/ the figures cite (default: written for the file)")
    parser.add_argument("--url", help="where the release file was downloaded, for the source entry written without --source")
    parser.add_argument("--top-annual", type=int, help="the release's top annual wage, recorded with 'or more' where it shows '#'")
    parser.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    data_dir = Path(args.data)
    today = build_date()
    try:
        changes, report, new_files = plan(args, data_dir, today)
        errors = check_in_copy(data_dir, changes, new_files) if changes else []
    except (OewsFileError, DirectoryError) as error:
        print(f"{error}\nNothing was written.", file=sys.stderr)
        return 1
    if errors:
        print("\n".join(errors) + "\nThe changes would make the data invalid. Nothing was written.", file=sys.stderr)
        return 1
    for path, text in new_files.items() if changes else []:
        path.write_text(text, encoding="utf-8")
        print(f"{display_path(path)}: written, describing the release file (check it and add its address)")
    for change in changes:
        change.path.write_text(change.text, encoding="utf-8")
        print("\n".join(change.lines))
    print("\n".join(report))
    print(f"Updated {len(changes)} occupation{'s' * (len(changes) != 1)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
