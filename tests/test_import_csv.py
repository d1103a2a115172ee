"""scripts/import_csv.py: a spreadsheet in the export's columns becomes checked data files, or nothing."""

from __future__ import annotations

import csv
import importlib.util
import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, pinned_clock, write_fixture_site
from directory.checks import validate_data
from directory.exports import Site, csv_export
from directory.model import SINGULAR, URL_FOLDERS, build_directory

_spec = importlib.util.spec_from_file_location("import_csv_script", ROOT / "scripts" / "import_csv.py")
import_csv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_csv)

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
        values, notes = csv_export.entry_from_row(rows[0], row, validators[SINGULAR[collection]].schema)
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
        [sys.executable, str(ROOT / "scripts" / "import_csv.py"), str(export), "--collection", "programs", "--data", str(data)], capture_output=True, text=True
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
    status, printed = run(str(sheet(tmp_path / "camps.csv", rows)), "--collection", "programs", "--data", str(data_dir))
    assert status == 1
    assert "warning: camps.csv:2 (night-coding-camp): column 'notes' is not a field ('notes' is not a field of the entry); its value was left out" in printed
    assert "error: camps.csv:3 (second-camp): cost.amount: 'free' is not a number (write digits only, without commas or symbols)" in printed
    assert "page_url" not in printed and "cost.currency" not in printed  # read-only and empty columns are not news
    assert not (data_dir / "programs" / "night-coding-camp.yml").exists(), "one bad row: nothing is written"


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
