"""Turn a spreadsheet, saved as CSV, into data files: one entry per row.

Usage: directory-import-csv FILE.csv --collection programs [--data data] [--overwrite] [--ignore-unknown]

The columns are named as in the site's own CSV export (/api/programs.csv): `name`,
`cost.amount`, `sources.1.document` ... and `id` for the file name (made from the name when
the column is missing or empty). Columns the export adds for reading (page_url,
provider_name) are skipped; any other column that is not a field is an error, or, with
--ignore-unknown, a warning and left out.

Nothing is written unless every row can be used: the new files are checked, together with
the data already there, by the same validator as the build (in a temporary copy of the data
folder), and only then moved in. An existing entry is replaced only with --overwrite. No
write ever goes through a symbolic link: a link (or a pipe, or a device) where a file would
be written, or anywhere in the data folder, is reported and nothing is written.
Exit status: 0 when the entries were written, 1 when nothing was.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import os
import shutil
import stat
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from directory.cli import ROOT
from directory.data.checks import validate_data, validators_for
from directory.data.csv_cells import DERIVED_COLUMNS, ID_COLUMN
from directory.data.csv_import import ERROR, entry_from_row, node_at
from directory.data.dataset import COLLECTIONS, SCHEMA_FOLDER, display_path
from directory.data.loader import id_problem, read_text, suggest_id
from directory.data.problems import MAX_PROBLEMS_PER_FILE, DirectoryError, LoadError, one_line, quoted


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


def file_kind(path: Path) -> str:
    """Say what is at path without following a link: 'missing', 'file', 'link', 'folder' or 'special'."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return "missing"
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "special"


def write_new_file(path: Path, data: bytes) -> None:
    """Write data to path as a new file, replacing a file there but never writing through a link."""
    if file_kind(path) in ("file", "link"):
        path.unlink()  # removes a link itself, never what it points to
    # O_EXCL creates the file or fails: it never opens what a link (even a dangling one) names.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def check_columns(header: list[str], body, schema: dict, ignore_unknown: bool, where: str) -> tuple[list[int], list[str], list[str]]:
    """Return the positions of the columns to read, with the errors and warnings about the header.

    A column that is not a field is an error (a warning with ignore_unknown) when a row fills it in;
    an empty one is left out without a word.
    """
    errors, warnings = [], []
    counts = Counter(name for name in header if name)
    repeated = sorted(name for name, count in counts.items() if count > 1)
    if repeated:
        shown = ", ".join(quoted(name) for name in repeated[:MAX_PROBLEMS_PER_FILE])
        more = f" and {len(repeated) - MAX_PROBLEMS_PER_FILE} more" if len(repeated) > MAX_PROBLEMS_PER_FILE else ""
        errors.append(f"{where}:1: the column(s) {shown}{more} appear more than once; keep one of each")
    usable, unknown = [], []
    for position, name in enumerate(header):
        if not name or name in DERIVED_COLUMNS:
            continue
        if name == ID_COLUMN:
            usable.append(position)
            continue
        node, why = node_at(schema, name)
        if node is None:
            if any(position < len(cells) and cells[position].strip() for _, cells in body):
                unknown.append(f"column {quoted(name)} {why}")
        else:
            usable.append(position)
    if unknown:
        shown = unknown[:MAX_PROBLEMS_PER_FILE]
        if len(unknown) > MAX_PROBLEMS_PER_FILE:
            shown.append(f"and {len(unknown) - MAX_PROBLEMS_PER_FILE} more columns that are not fields")
        if ignore_unknown:
            warnings += [f"{where}:1: {text}; it is left out" for text in shown]
        else:
            fix = "rename it to a field of the export's columns, remove it, or run with --ignore-unknown to leave it out"
            errors += [f"{where}:1: {text} ({fix})" for text in shown]
    return usable, errors, warnings


def plan_entries(
    rows, schema: dict, folder: Path, overwrite: bool, where: str, ignore_unknown: bool = False
) -> tuple[dict[str, tuple[int, dict]], list[str], list[str]]:
    """Map each row to (line, values) by id; return them with the errors and warnings, one line each."""
    (_, header), body = rows[0], rows[1:]
    header = [name.strip() for name in header]
    usable, errors, warnings = check_columns(header, body, schema, ignore_unknown, where)
    columns = [header[position] for position in usable]
    id_position = header.index(ID_COLUMN) if ID_COLUMN in header else None
    entries: dict[str, tuple[int, dict]] = {}
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        values, notes = entry_from_row(columns, [cells[position] if position < len(cells) else "" for position in usable], schema)
        given = cells[id_position].strip() if id_position is not None and id_position < len(cells) else ""
        entry_id = given or suggest_id(str(values.get("name", "")))
        label = f"{where}:{line} ({quoted(entry_id)[1:-1] or 'no id'})"
        for note in notes:
            (errors if note.severity == ERROR else warnings).append(f"{label}: {note.message}")
        if not entry_id:
            errors.append(f"{label}: has no id and no name; fill in the '{ID_COLUMN}' or the 'name' column")
            continue
        if id_problem(entry_id):
            example = suggest_id(entry_id) or "name-of-the-entry"
            errors.append(f"{label}: {quoted(entry_id)} is not a valid id; use lowercase letters, digits and single hyphens, for example {example}")
            continue
        if entry_id in entries:
            errors.append(f"{label}: the id '{entry_id}' is also on line {entries[entry_id][0]}; give each row its own id")
            continue
        kind = file_kind(folder / f"{entry_id}.yml")
        if kind == "link":
            errors.append(
                f"{label}: {folder.name}/{entry_id}.yml is a symbolic link; nothing is written through it (replace the link with a real file, or delete it)"
            )
            continue
        if kind in ("folder", "special"):
            errors.append(f"{label}: {folder.name}/{entry_id}.yml is not a regular file; it is kept (remove it, then import again)")
            continue
        if kind == "file" and not overwrite:
            errors.append(f"{label}: {folder.name}/{entry_id}.yml already exists; it is kept (run with --overwrite to replace it)")
            continue
        entries[entry_id] = (line, values)
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            warnings.append(f"{label}: the row has more cells than the header has columns; the extra cells were left out")
    return entries, errors, warnings


def copy_data(data_dir: Path, copy: Path) -> list[str]:
    """Copy the data folder for checking, links as links; return an error for each pipe, device or socket in it."""
    refused: list[str] = []

    def copy_file(source: str, target: str) -> None:
        if file_kind(Path(source)) == "file":
            shutil.copy2(source, target, follow_symlinks=False)
            return
        try:  # the validator's own check, so the message is the one the build would give
            read_text(Path(source), display_path(Path(source)))
        except LoadError as error:
            refused.append(error.problem.text())
        else:  # pragma: no cover - read_text refuses everything that is not a regular file
            refused.append(f"{display_path(Path(source))}: is not a regular file")

    shutil.copytree(data_dir, copy, symlinks=True, copy_function=copy_file)
    return refused


def check_in_copy(
    data_dir: Path, collection: str, kind: str, entries: dict[str, tuple[int, dict]], where: str
) -> tuple[list[str], list[str], Path, tempfile.TemporaryDirectory]:
    """Write the entries into a copy of the data folder, validate it, and return its problems and staged folder."""
    workspace = tempfile.TemporaryDirectory(prefix="import-csv-")
    copy = Path(workspace.name) / "data"
    refused = copy_data(data_dir, copy)
    staged = copy / collection
    if refused or file_kind(staged) not in ("missing", "folder"):
        return refused or [f"{display_path(data_dir / collection)}: is not a folder; nothing was written"], [], staged, workspace
    staged.mkdir(exist_ok=True)
    for entry_id, (_, values) in entries.items():
        write_new_file(staged / f"{entry_id}.yml", entry_text(kind, values).encode("utf-8"))
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
    """Move the checked files into the data folder, each replaced in one step, never through a link."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry_id in ids:
        temporary = folder / f".{entry_id}.yml.importing"
        write_new_file(temporary, (staged / f"{entry_id}.yml").read_bytes())
        os.replace(temporary, folder / f"{entry_id}.yml")  # replaces a name; follows no link


def main(argv: list[str] | None = None) -> int:
    """Import FILE.csv into the data folder and return the exit status."""
    parser = argparse.ArgumentParser(description="Turn a spreadsheet saved as CSV into data files, one entry per row.")
    parser.add_argument("csv_file", help="the spreadsheet, saved as CSV (UTF-8)")
    parser.add_argument("--collection", required=True, choices=sorted(COLLECTIONS), help="the kind of entry each row is")
    parser.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    parser.add_argument("--overwrite", action="store_true", help="replace entries that already exist")
    parser.add_argument("--ignore-unknown", action="store_true", help="leave out columns that are not fields, with a warning, instead of refusing the sheet")
    args = parser.parse_args(argv)
    data_dir, sheet = Path(args.data), Path(args.csv_file)
    kind, folder = COLLECTIONS[args.collection], Path(args.data) / args.collection
    where = one_line(sheet.name)
    if not (data_dir / SCHEMA_FOLDER).is_dir():
        print(f"{one_line(args.data)}: no data folder with schemas/ there; give the data folder with --data", file=sys.stderr)
        return 1
    if file_kind(folder) not in ("missing", "folder"):
        print(f"{one_line(display_path(folder))}: is not a real folder (a link, or a file); nothing was written (replace it with a folder)", file=sys.stderr)
        return 1
    try:
        rows = read_sheet(sheet)
        schema = validators_for(data_dir / SCHEMA_FOLDER)[kind].schema
    except OSError as error:
        print(f"{one_line(str(sheet))}: cannot be read ({error.strerror})", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"{one_line(str(sheet))}: is not UTF-8 text; save the sheet as 'CSV UTF-8'", file=sys.stderr)
        return 1
    except (csv.Error, DirectoryError) as error:
        print(one_line(f"{sheet}: {error}"), file=sys.stderr)
        return 1
    if len(rows) < 2:
        print(f"{where}: has no rows below the header; nothing was written", file=sys.stderr)
        return 1
    entries, errors, warnings = plan_entries(rows, schema, folder, args.overwrite, where, args.ignore_unknown)
    workspace = None
    try:
        if not errors and entries:
            more_errors, more_warnings, staged, workspace = check_in_copy(data_dir, args.collection, kind, entries, where)
            errors += more_errors
            warnings += more_warnings
        for line in warnings:  # one_line: a cell's ESC, BEL or line break must not reach the terminal
            print(f"warning: {one_line(line)}")
        for line in errors:
            print(f"error: {one_line(line)}")
        if errors or not entries:
            print(f"Nothing was written: {len(errors)} error{'s' * (len(errors) != 1)}." if errors else "Nothing was written: the sheet has no entries.")
            return 1
        replaced = sum(file_kind(folder / f"{entry_id}.yml") == "file" for entry_id in entries)
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
