"""directory-import-csv: a spreadsheet in the export's columns becomes checked data files, or nothing."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory.cli import import_csv
from directory.data import csv_import
from directory.data.checks import validate_data
from directory.exports import Site, csv_export
from directory.model import SINGULAR, URL_FOLDERS, build_directory
from support import ROOT
from support.builders import write_fixture_site
from support.building import pinned_clock

SITE = Site("https://example.org", "Test", "example.org", ROOT / "data" / "schemas")


def sheet(path: Path, rows: list[dict]) -> Path:
    """Write rows as a CSV file with a header from their keys, as a spreadsheet saves it."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    """Run the script's main() and return (exit status, what it printed)."""
    out = io.StringIO()
    err = io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = import_csv.main(list(args))
    finally:
        sys.stdout, sys.stderr = old
    return status, out.getvalue() + err.getvalue()


def camp(**overrides) -> dict:
    row = {
        "id": "night-coding-camp",
        "name": "Night Coding Camp",
        "type": "bootcamp",
        "status": "active",
        "provider": "test-college",
        "description": "Ten weeks of evening classes in building web applications.",
        "regions": "test-metro",
        "cost.amount": "0",
        "schedule": "evenings; part-time",
        "eligibility.degree_required": "FALSE",
        "sources.1.document": "Test document",
        "sources.1.publisher": "Test publisher",
        "last_verified": "2026-01-15",
    }
    return row | overrides


@pytest.fixture(scope="module")
def fixture_directory(fixture_data):
    with pinned_clock():
        return build_directory(validate_data(fixture_data).entries)


@pytest.mark.parametrize("collection", tuple(URL_FOLDERS))
def test_every_fixture_entry_reads_back_from_its_row(fixture_directory, validators, collection):
    data = csv_export.collection_csv(fixture_directory, collection, SITE, validators[SINGULAR[collection]].schema)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows[1:]:
        values, notes = csv_import.entry_from_row(rows[0], row, validators[SINGULAR[collection]].schema)
        assert notes == [] and values == fixture_directory.collection(collection)[row[0]].values


def test_round_trip_of_the_fixture_programs(fixture_directory, validators, tmp_path):
    """Export the fixture programs to CSV, import them into a copy with no programs: the same entries come back."""
    export = tmp_path / "programs.csv"
    export.write_bytes(csv_export.collection_csv(fixture_directory, "programs", SITE, validators["program"].schema))
    data = tmp_path / "data"
    write_fixture_site(data)
    for path in (data / "programs").glob("*.yml"):
        path.unlink()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("directory-import-csv")), str(export), "--collection", "programs", "--data", str(data)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Wrote {len(fixture_directory.programs)} programs" in done.stdout
    imported = validate_data(data)
    assert imported.errors == []
    assert sorted(imported.entries["programs"]) == sorted(fixture_directory.programs)
    for entry_id, entry in imported.entries["programs"].items():
        assert entry.values == fixture_directory.programs[entry_id].values, entry_id
        assert entry.path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/program.schema.json\n")


def test_a_new_program_is_written_and_checked(data_dir, tmp_path):
    status, printed = run(str(sheet(tmp_path / "camps.csv", [camp()])), "--collection", "programs", "--data", str(data_dir))
    assert status == 0, printed
    written = data_dir / "programs" / "night-coding-camp.yml"
    assert written.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=../schemas/program.schema.json"
    values = validate_data(data_dir).entries["programs"]["night-coding-camp"].values
    assert values["cost"] == {"amount": 0} and values["schedule"] == ["evenings", "part-time"] and values["eligibility"] == {"degree_required": False}
    assert list(values)[:3] == ["name", "type", "status"]  # in the schema's order, not the sheet's


def test_an_existing_entry_is_kept_unless_overwrite(data_dir, tmp_path):
    existing = data_dir / "programs" / "web-coding-boot-camp.yml"
    before = existing.read_bytes()
    path = sheet(
        tmp_path / "camps.csv", [camp(id="web-coding-boot-camp", name="Web Coding Boot Camp", description="A new description of the evening web classes.")]
    )
    status, printed = run(str(path), "--collection", "programs", "--data", str(data_dir))
    assert status == 1
    assert "camps.csv:2 (web-coding-boot-camp): programs/web-coding-boot-camp.yml already exists; it is kept (run with --overwrite to replace it)" in printed
    assert "Nothing was written" in printed and existing.read_bytes() == before
    status, printed = run(str(path), "--collection", "programs", "--data", str(data_dir), "--overwrite")
    assert status == 0, printed
    assert "(0 new, 1 replaced)" in printed
    assert validate_data(data_dir).entries["programs"]["web-coding-boot-camp"].values["description"] == "A new description of the evening web classes."


def test_what_cannot_be_mapped_is_reported_per_row(data_dir, tmp_path):
    rows = [
        camp(notes="call back in May", **{"page_url": "https://example.org/x", "cost.currency": ""}),
        camp(id="second-camp", name="Second Camp", **{"cost.amount": "free"}),
    ]
    path = sheet(tmp_path / "camps.csv", rows)
    status, printed = run(str(path), "--collection", "programs", "--data", str(data_dir))
    assert status == 1
    assert (
        "error: camps.csv:1: column 'notes' is not a field ('notes' is not a field of the entry) "
        "(rename it to a field of the export's columns, remove it, or run with --ignore-unknown to leave it out)"
    ) in printed
    assert "error: camps.csv:3 (second-camp): cost.amount: 'free' is not a number (write digits only, without commas or symbols)" in printed
    assert "page_url" not in printed and "cost.currency" not in printed  # read-only and empty columns are not news
    assert not (data_dir / "programs" / "night-coding-camp.yml").exists(), "one bad row: nothing is written"
    rows[1] = camp(id="second-camp", name="Second Camp")
    status, printed = run(str(sheet(tmp_path / "camps.csv", rows)), "--collection", "programs", "--data", str(data_dir), "--ignore-unknown")
    assert status == 0, printed
    assert "warning: camps.csv:1: column 'notes' is not a field ('notes' is not a field of the entry); it is left out" in printed
    assert "notes" not in (data_dir / "programs" / "night-coding-camp.yml").read_text(encoding="utf-8")


def test_nothing_is_written_when_the_result_is_invalid(data_dir, tmp_path):
    rows = [camp(), camp(id="lost-camp", name="Lost Camp", provider="nobody")]
    status, printed = run(str(sheet(tmp_path / "camps.csv", rows)), "--collection", "programs", "--data", str(data_dir))
    assert status == 1
    assert "error: camps.csv:3 (lost-camp): provider: refers to partner 'nobody', which does not exist" in printed
    assert sorted(p.name for p in (data_dir / "programs").iterdir()) == ["web-coding-boot-camp.yml"]


def test_ids_come_from_the_name_and_must_be_unique(data_dir, tmp_path):
    rows = [camp(id=""), camp(id="", description="The same camp again, written twice in the same sheet.")]
    status, printed = run(str(sheet(tmp_path / "camps.csv", rows)), "--collection", "programs", "--data", str(data_dir))
    assert status == 1
    assert "camps.csv:3 (night-coding-camp): the id 'night-coding-camp' is also on line 2; give each row its own id" in printed
    status, printed = run(str(sheet(tmp_path / "camps.csv", [camp(id="Night Camp!")])), "--collection", "programs", "--data", str(data_dir))
    assert status == 1 and "'Night Camp!' is not a valid id; use lowercase letters, digits and single hyphens, for example night-camp" in printed


def test_formula_quotes_are_taken_off(data_dir, tmp_path):
    row = camp(skills="'-2+3; @SUM(A1); plain\\; with semicolon", **{"duration.details": "'=evenings only"})
    status, printed = run(str(sheet(tmp_path / "camps.csv", [row])), "--collection", "programs", "--data", str(data_dir))
    assert status == 0, printed
    values = validate_data(data_dir).entries["programs"]["night-coding-camp"].values
    assert values["skills"] == ["-2+3", "@SUM(A1)", "plain; with semicolon"]
    assert values["duration"] == {"details": "=evenings only"}


def test_a_sheet_that_is_not_utf8_is_refused(data_dir, tmp_path):
    path = tmp_path / "camps.csv"
    path.write_bytes("id,name\r\ncaf\xe9,Caf\xe9\r\n".encode("cp1252"))
    status, printed = run(str(path), "--collection", "programs", "--data", str(data_dir))
    assert status == 1 and "is not UTF-8 text; save the sheet as 'CSV UTF-8'" in printed


# --- Hostile sheets and data folders (issue 12) ---------------------------------------------


def _outside(tmp_path: Path) -> Path:
    """A file outside the data folder that an import must never touch."""
    target = tmp_path / "outside" / "target.yml"
    target.parent.mkdir(exist_ok=True)
    target.write_text("kept: as it was\n", encoding="utf-8")
    return target


LINKS = {
    "absolute link to a file": lambda tmp: _outside(tmp),
    "relative link to a file": lambda tmp: Path("../" * 40 + str(_outside(tmp)).lstrip("/")),
    "dangling link": lambda tmp: (tmp / "outside").mkdir(exist_ok=True) or tmp / "outside" / "target.yml",
}


@pytest.mark.parametrize("overwrite", [False, True], ids=["new", "overwrite"])
@pytest.mark.parametrize("how", list(LINKS))
def test_an_import_never_writes_through_a_link(data_dir, tmp_path, how, overwrite):
    target = LINKS[how](tmp_path)
    (data_dir / "programs" / "night-coding-camp.yml").symlink_to(target)
    before = target.read_bytes() if target.exists() else None
    args = [str(sheet(tmp_path / "camps.csv", [camp()])), "--collection", "programs", "--data", str(data_dir)]
    status, printed = run(*args, *(["--overwrite"] if overwrite else []))
    assert (target.read_bytes() if target.exists() else None) == before, "written through the link"
    assert sorted(path.name for path in (tmp_path / "outside").iterdir()) == (["target.yml"] if before is not None else [])
    assert status == 1
    assert "camps.csv:2 (night-coding-camp): programs/night-coding-camp.yml is a symbolic link; nothing is written through it" in printed
    assert "Nothing was written" in printed


def test_an_import_never_writes_into_a_linked_folder(data_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (data_dir / "programs").rename(elsewhere)
    (data_dir / "programs").symlink_to(elsewhere)
    status, printed = run(str(sheet(tmp_path / "camps.csv", [camp()])), "--collection", "programs", "--data", str(data_dir))
    assert status == 1 and "is not a real folder (a link, or a file); nothing was written" in printed
    assert sorted(path.name for path in elsewhere.iterdir()) == ["web-coding-boot-camp.yml"]


def test_a_link_elsewhere_in_the_data_is_reported_and_nothing_is_written(data_dir, tmp_path):
    target = _outside(tmp_path)
    (data_dir / "partners" / "linked.yml").symlink_to(target)
    status, printed = run(str(sheet(tmp_path / "camps.csv", [camp()])), "--collection", "programs", "--data", str(data_dir))
    assert status == 1 and "partners/linked.yml:1:1: is a symbolic link; data files must be real files" in printed
    assert target.read_text(encoding="utf-8") == "kept: as it was\n"
    assert not (data_dir / "programs" / "night-coding-camp.yml").exists()


def test_a_pipe_in_the_data_is_reported_like_the_validator_does(data_dir, tmp_path):
    os.mkfifo(data_dir / "partners" / "pipe.yml")
    status, printed = run(str(sheet(tmp_path / "camps.csv", [camp()])), "--collection", "programs", "--data", str(data_dir))
    assert status == 1, printed
    assert "error: " in printed and "partners/pipe.yml:1:1: is not a regular file (fix: replace it with a real .yml file)" in printed
    assert "Traceback" not in printed and not (data_dir / "programs" / "night-coding-camp.yml").exists()


@pytest.mark.parametrize(
    "column, expected",
    [
        ("sources.\u00b2.document", "column 'sources.\u00b2.document' is not a field ('\u00b2' is not a field of sources)"),
        ("sources.\u0663.document", "column 'sources.\u0663.document' is not a field ('\u0663' is not a field of sources)"),
        ("sources.01.document", "column 'sources.01.document' numbers items 1, 2, 3 ... up to 1000, without leading zeros"),
        ("sources.0.document", "column 'sources.0.document' numbers items 1, 2, 3 ... up to 1000, without leading zeros"),
        ("sources." + "9" * 5000 + ".document", "column 'sources.99999999999999999999999999999999999999999999999..."),
    ],
)
def test_item_numbers_are_ascii_digits_without_leading_zeros(data_dir, tmp_path, column, expected):
    row = camp(**{column: "Another document"})
    status, printed = run(str(sheet(tmp_path / "camps.csv", [row])), "--collection", "programs", "--data", str(data_dir))
    assert status == 1 and "Traceback" not in printed
    assert f"error: camps.csv:1: {expected}" in printed
    assert not (data_dir / "programs" / "night-coding-camp.yml").exists()


def test_spreadsheet_text_reaches_the_terminal_escaped(data_dir, tmp_path):
    row = camp(**{"eligibility.degree_required": "\x1b[2J\x07no\nway", "id": "bad\x1b]0;title\x07"})
    status, printed = run(str(sheet(tmp_path / "camps.csv", [row])), "--collection", "programs", "--data", str(data_dir))
    assert status == 1
    assert "\x1b" not in printed and "\x07" not in printed
    assert "'\\x1b[2J\\x07no\\nway' is not true or false" in printed
    assert all(line.startswith(("error: ", "warning: ", "Nothing was written")) for line in printed.splitlines()), printed


def test_the_header_is_read_in_linear_time(data_dir, tmp_path):
    count = 10_000
    path = tmp_path / "wide.csv"
    header = ["id", "name", *(f"extra{number}" for number in range(count))]
    out = io.StringIO()
    csv.writer(out).writerows([header, ["wide-camp", "Wide Camp", *["x"] * count]])
    path.write_text(out.getvalue(), encoding="utf-8")
    status, printed = run(str(path), "--collection", "programs", "--data", str(data_dir))
    assert status == 1 and "and 9950 more columns that are not fields" in printed
    assert len(printed.splitlines()) < 60, "the problems are capped"
