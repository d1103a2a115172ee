#!/usr/bin/env python3
"""Turn a spreadsheet, saved as CSV, into data files: one entry per row.

Usage: python scripts/import_csv.py FILE.csv --collection programs [--data data] [--overwrite]

The columns are named as in the site's own CSV export (/api/programs.csv): `name`,
`cost.amount`, `sources.1.document` ... and `id` for the file name (made from the name when
the column is missing or empty). Columns the export adds for reading (page_url,
provider_name) are skipped; any other unknown column is reported and left out.

Nothing is written unless every row can be used: the new files are checked, together with
the data already there, by the same validator as the build (in a temporary copy of the data
folder), and only then moved in. An existing entry is replaced only with --overwrite.
Exit status: 0 when the entries were written, 1 when nothing was.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from directory.checks import validate_data, validators_for  # noqa: E402
from directory.dataset import COLLECTIONS, SCHEMA_FOLDER, display_path  # noqa: E402
from directory.exports.csv_export import ERROR, ID_COLUMN, entry_from_row  # noqa: E402
from directory.loader import id_problem, suggest_id  # noqa: E402
from directory.problems import DirectoryError  # noqa: E402


class _Dumper(yaml.SafeDumper):
    """Writes text with line breaks as a block (|), as a person would."""


def _represent_text(dumper, text: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text.strip("\n") else None)


_Dumper.add_representer(str, _represent_text)


def entry_text(kind: str, values: dict) -> str:
    """Return the text of a data file: the schema line, then the values as YAML."""
    body = yaml.dump(values, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema=../{SCHEMA_FOLDER}/{kind}.schema.json\n{body}"


def read_sheet(path: Path) -> list[tuple[int, list[str]]]:
    """Return (line number, cells) for every row of a CSV file, the header first."""
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, line = [], 1
    for cells in reader:
        rows.append((line, cells))
        line = reader.line_num + 1
    return rows


def plan_entries(rows, schema: dict, folder: Path, overwrite: bool, where: str) -> tuple[dict[str, tuple[int, dict]], list[str], list[str]]:
    """Map each row to (line, values) by id; return them with the errors and warnings, one line each."""
    (_, header), body = rows[0], rows[1:]
    header = [name.strip() for name in header]
    errors, warnings = [], []
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        errors.append(f"{where}:1: the column(s) {', '.join(repeated)} appear more than once; keep one of each")
    entries: dict[str, tuple[int, dict]] = {}
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        row = dict(zip(header, cells, strict=False))
        values, notes = entry_from_row(header, cells, schema)
        entry_id = (row.get(ID_COLUMN) or "").strip() or suggest_id(str(values.get("name", "")))
        label = f"{where}:{line} ({entry_id or 'no id'})"
        for note in notes:
            (errors if note.severity == ERROR else warnings).append(f"{label}: {note.message}")
        if not entry_id:
            errors.append(f"{label}: has no id and no name; fill in the '{ID_COLUMN}' or the 'name' column")
            continue
        if id_problem(entry_id):
            example = suggest_id(entry_id) or "name-of-the-entry"
            errors.append(f"{label}: '{entry_id}' is not a valid id; use lowercase letters, digits and single hyphens, for example {example}")
            continue
        if entry_id in entries:
            errors.append(f"{label}: the id '{entry_id}' is also on line {entries[entry_id][0]}; give each row its own id")
            continue
        if (folder / f"{entry_id}.yml").exists() and not overwrite:
            errors.append(f"{label}: {folder.name}/{entry_id}.yml already exists; it is kept (run with --overwrite to replace it)")
            continue
        entries[entry_id] = (line, values)
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            warnings.append(f"{label}: the row has more cells than the header has columns; the extra cells were left out")
    return entries, errors, warnings


def check_in_copy(
    data_dir: Path, collection: str, kind: str, entries: dict[str, tuple[int, dict]], where: str
) -> tuple[list[str], list[str], Path, tempfile.TemporaryDirectory]:
    """Write the entries into a copy of the data folder, validate it, and return its problems and staged folder."""
    workspace = tempfile.TemporaryDirectory(prefix="import-csv-")
    copy = Path(workspace.name) / "data"
    shutil.copytree(data_dir, copy, symlinks=True)
    staged = copy / collection
    staged.mkdir(exist_ok=True)
    for entry_id, (_, values) in entries.items():
        (staged / f"{entry_id}.yml").write_text(entry_text(kind, values), encoding="utf-8")
    result = validate_data(copy)
    errors, warnings = [], []
    for problem in result.problems:
        entry_id = Path(problem.path).stem if Path(problem.path).parent.name == collection else None
        if entry_id in entries:
            line = entries[entry_id][0]
            text = f"{where}:{line} ({entry_id}): {problem.field + ': ' if problem.field else ''}{problem.message}" + (
                f" ({problem.hint})" if problem.hint else ""
            )
        else:  # a problem in another file, which the new entries may have caused: name the real file
            try:
                inside = Path(problem.path).resolve().relative_to(copy.resolve())
                text = dataclasses.replace(problem, path=display_path(data_dir / inside)).text()
            except ValueError:
                text = problem.text()
        (errors if problem.severity == ERROR else warnings).append(text)
    return errors, warnings, staged, workspace


def move_in(staged: Path, folder: Path, ids) -> None:
    """Move the checked files into the data folder, each replaced in one step."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry_id in ids:
        temporary = folder / f".{entry_id}.yml.importing"
        shutil.copyfile(staged / f"{entry_id}.yml", temporary)
        os.replace(temporary, folder / f"{entry_id}.yml")


def main(argv: list[str] | None = None) -> int:
    """Import FILE.csv into the data folder and return the exit status."""
    parser = argparse.ArgumentParser(description="Turn a spreadsheet saved as CSV into data files, one entry per row.")
    parser.add_argument("csv_file", help="the spreadsheet, saved as CSV (UTF-8)")
    parser.add_argument("--collection", required=True, choices=sorted(COLLECTIONS), help="the kind of entry each row is")
    parser.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    parser.add_argument("--overwrite", action="store_true", help="replace entries that already exist")
    args = parser.parse_args(argv)
    data_dir, sheet = Path(args.data), Path(args.csv_file)
    kind, folder = COLLECTIONS[args.collection], Path(args.data) / args.collection
    where = sheet.name
    if not (data_dir / SCHEMA_FOLDER).is_dir():
        print(f"{args.data}: no data folder with schemas/ there; give the data folder with --data", file=sys.stderr)
        return 1
    try:
        rows = read_sheet(sheet)
        schema = validators_for(data_dir / SCHEMA_FOLDER)[kind].schema
    except OSError as error:
        print(f"{sheet}: cannot be read ({error.strerror})", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"{sheet}: is not UTF-8 text; save the sheet as 'CSV UTF-8'", file=sys.stderr)
        return 1
    except (csv.Error, DirectoryError) as error:
        print(f"{sheet}: {error}", file=sys.stderr)
        return 1
    if len(rows) < 2:
        print(f"{where}: has no rows below the header; nothing was written", file=sys.stderr)
        return 1
    entries, errors, warnings = plan_entries(rows, schema, folder, args.overwrite, where)
    workspace = None
    try:
        if not errors and entries:
            more_errors, more_warnings, staged, workspace = check_in_copy(data_dir, args.collection, kind, entries, where)
            errors += more_errors
            warnings += more_warnings
        for line in warnings:
            print(f"warning: {line}")
        for line in errors:
            print(f"error: {line}")
        if errors or not entries:
            print(f"Nothing was written: {len(errors)} error{'s' * (len(errors) != 1)}." if errors else "Nothing was written: the sheet has no entries.")
            return 1
        replaced = sum((folder / f"{entry_id}.yml").exists() for entry_id in entries)
        move_in(staged, folder, entries)
    finally:
        if workspace is not None:
            workspace.cleanup()
    print(
        f"Wrote {len(entries)} {args.collection} to {display_path(folder)} ({len(entries) - replaced} new, {replaced} replaced), {len(warnings)} warning{'s' * (len(warnings) != 1)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
