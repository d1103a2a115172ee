"""directory-import-oews: pay refreshed from a BLS OEWS release file, in place, or nothing written."""

from __future__ import annotations

import contextlib
import csv
import io

import openpyxl
import pytest
import yaml

from directory.cli import import_oews
from directory.data.checks import validate_data
from support.builders import make_occupation, make_region, write_entry
from support.building import pinned_clock

# The columns of the official national and metropolitan-area tables, in their order.
COLUMNS = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP",
    "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25",
    "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY",
]  # fmt: skip


def oews_row(area, area_title, code, title, group="detailed", emp="1,000", a10="40,000", median="80,000", a90="150,000"):
    values = dict.fromkeys(COLUMNS, "")
    values |= {"AREA": area, "AREA_TITLE": area_title, "AREA_TYPE": "1" if area == "99" else "4", "NAICS": "000000", "NAICS_TITLE": "Cross-industry"}
    values |= {"I_GROUP": "cross-industry", "OWN_CODE": "1235", "OCC_CODE": code, "OCC_TITLE": title, "O_GROUP": group, "TOT_EMP": emp}
    values |= {"A_PCT10": a10, "A_MEDIAN": median, "A_PCT90": a90, "H_MEDIAN": "38.46"}
    return [values[column] for column in COLUMNS]


NATIONAL = [
    oews_row("99", "U.S.", "00-0000", "All Occupations", "total", "151,853,870", "29,050", "48,060", "128,020"),
    oews_row("99", "U.S.", "15-1250", "Software and Web Developers, Programmers, and Testers", "broad", "2,000,000", "1", "2", "3"),
    oews_row("99", "U.S.", "15-1252", "Software Developers", emp="1,656,880", a10="77,020", median="132,270", a90="#"),
    oews_row("99", "U.S.", "15-1254", "Web Developers", emp="**", median="84,960"),
    oews_row("99", "U.S.", "15-1299", "Computer Occupations, All Other", median="*", a10="*", a90="*"),
]
METRO = [
    oews_row("31080", "Los Angeles-Long Beach-Anaheim, CA", "15-1254", "Web Developers", emp="5,000", median="90,000"),
    oews_row("35620", "New York-Newark-Jersey City, NY-NJ-PA", "15-1254", "Web Developers", emp="9,000", median="99,000"),
]

WEB_DEVELOPERS = """\
# yaml-language-server: $schema=../schemas/occupation.schema.json
name: Web Developers
soc_code: 15-1254
soc_2010_code: 15-1134
family: it   # as the road map groups it
description: Build and maintain web sites and web applications.
# Pay, as BLS publishes it.
pay:
- area: national
  release: May 2022
  soc_code: 15-1254
  median_annual: 80730
  source: test-report
  locator: Table 2
# Keep the local figure too.
- area: test-metro
  release: May 2021
  soc_code: 15-1254
  median_annual: 70000
  source: test-report
sources:
- source: test-report
  locator: Table 1
last_verified: "2026-01-15"
"""


def write_xlsx(path, rows, header=COLUMNS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "All May 2023 data"
    sheet.append(header)
    for row in rows:
        sheet.append([float(c.replace(",", "")) if c.replace(",", "").replace(".", "").isdigit() else c for c in row])  # numbers as numbers
    book.save(path)
    return path


def write_csv(path, rows, header=COLUMNS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def oews_data(data_dir):
    write_entry(data_dir, "occupations", "15-1134", WEB_DEVELOPERS)
    software = make_occupation(name="Software Developers, Applications", soc_code="15-1252", soc_2010_code="15-1132", projections=[])
    del software["projections"]
    write_entry(data_dir, "occupations", "15-1132", software)
    other = make_occupation(name="Computer Occupations, All Other", soc_code="15-1299", soc_2010_code="15-1199")
    write_entry(data_dir, "occupations", "15-1199", other)
    write_entry(data_dir, "regions", "test-metro", make_region(oews_area_code="31080"))
    return data_dir


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    with pinned_clock(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = import_oews.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def snapshot(folder):
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_national_spreadsheet_refreshes_pay_in_place(oews_data, tmp_path):
    table = write_xlsx(tmp_path / "national_M2023_dl.xlsx", NATIONAL)
    code, out, err = run(table, "--data", oews_data, "--top-annual", "239200")
    assert code == 0, out + err
    text = (oews_data / "occupations" / "15-1134.yml").read_text(encoding="utf-8")
    # Every other line stays, comments included; the national row is replaced, the local one kept.
    assert text.startswith(WEB_DEVELOPERS[: WEB_DEVELOPERS.index("pay:\n")] + "pay:\n")
    assert "family: it   # as the road map groups it\n" in text and "# Keep the local figure too.\n- area: test-metro\n  release: May 2021\n" in text
    pay = yaml.safe_load(text)["pay"]
    assert pay[0] == {
        "area": "national",
        "release": "May 2023",
        "soc_code": "15-1254",
        "median_annual": 84960,
        "p10_annual": 40000,
        "p90_annual": 150000,
        "source": "bls-oews-may-2023-national",
        "locator": "U.S., 15-1254 Web Developers",
    }  # TOT_EMP '**': no employment
    software = yaml.safe_load((oews_data / "occupations" / "15-1132.yml").read_text(encoding="utf-8"))["pay"][0]
    assert software["published_title"] == "Software Developers"
    assert (software["median_annual"], software["p90_annual"], software["or_more"], software["employment"]) == (132270, 239200, ["p90_annual"], 1656880)
    assert "pay" not in yaml.safe_load((oews_data / "occupations" / "15-1199.yml").read_text(encoding="utf-8"))
    source = yaml.safe_load((oews_data / "sources" / "bls-oews-may-2023-national.yml").read_text(encoding="utf-8"))
    assert source["name"] == "Occupational Employment and Wage Statistics, May 2023: U.S." and source["not_found"] == ["url"]
    lines = out.splitlines()
    assert (
        "occupations/15-1134.yml: pay for U.S.: May 2022 -> May 2023; median_annual $80,730 -> $84,960; p10_annual none -> $40,000; p90_annual none -> $150,000"
        in [line.split("data/", 1)[-1] for line in lines]
    )
    assert "  TOT_EMP is '**' (employment not available): left out" in lines
    assert any(
        line.endswith(
            "occupations/15-1199.yml: no median wage for 15-1299 in this release (A_MEDIAN is '*' (not available): left out; A_PCT10 is '*' (not available): left out; A_PCT90 is '*' (not available): left out); left as it is"
        )
        for line in lines
    )
    assert lines[-1] == "Updated 2 occupations."
    with pinned_clock():
        assert validate_data(oews_data).errors == []


def test_a_top_coded_wage_is_left_out_without_the_top(oews_data, tmp_path):
    table = write_csv(tmp_path / "national_M2023_dl.csv", NATIONAL)
    code, out, _ = run(table, "--data", oews_data)
    assert code == 0
    software = yaml.safe_load((oews_data / "occupations" / "15-1132.yml").read_text(encoding="utf-8"))["pay"][0]
    assert "p90_annual" not in software and "or_more" not in software
    assert "  A_PCT90 is '#' (at or above the top of the release's range): left out; give the top with --top-annual" in out.splitlines()


def test_a_metro_csv_goes_under_the_region_with_that_area_code(oews_data, tmp_path):
    table = write_csv(tmp_path / "MSA_M2024_dl.csv", METRO, header=[column.lower() for column in COLUMNS])  # any capitals
    code, out, err = run(table, "--area", "31080", "--data", oews_data, "--source", "test-report")
    assert code == 0, out + err
    pay = yaml.safe_load((oews_data / "occupations" / "15-1134.yml").read_text(encoding="utf-8"))["pay"]
    assert pay[0]["release"] == "May 2022"  # the national row is not touched
    assert pay[1] == {
        "area": "test-metro",
        "release": "May 2024",
        "soc_code": "15-1254",
        "median_annual": 90000,
        "p10_annual": 40000,
        "p90_annual": 150000,
        "employment": 5000,
        "source": "test-report",
        "locator": "Los Angeles-Long Beach-Anaheim, CA, 15-1254 Web Developers",
    }
    assert not (oews_data / "sources" / "bls-oews-may-2024-test-metro.yml").exists()


def test_a_file_that_is_not_an_oews_table_is_refused_and_nothing_written(oews_data, tmp_path):
    before = snapshot(oews_data)
    table = write_csv(tmp_path / "programs.csv", [["Web boot camp", "bootcamp", "test-college"]], header=["name", "type", "provider"])
    code, out, err = run(table, "--data", oews_data)
    assert (code, out) == (1, "")
    assert err.startswith(
        f"{table}: is not an OEWS table: it lacks the columns AREA, AREA_TITLE, OCC_CODE, OCC_TITLE, TOT_EMP, A_MEDIAN (its first row has name, type, provider)"
    )
    assert err.endswith("Nothing was written.\n")
    book = write_xlsx(tmp_path / "budget_M2023.xlsx", [["rent", "1200"]], header=["item", "amount"])
    assert run(book, "--data", oews_data)[0] == 1
    broken = tmp_path / "national_M2023_dl.xlsx"
    broken.write_text("not a workbook")
    code, _, err = run(broken, "--data", oews_data)
    assert code == 1 and "cannot be read as a spreadsheet" in err
    assert snapshot(oews_data) == before


def test_an_area_without_a_region_is_refused(oews_data, tmp_path):
    before = snapshot(oews_data)
    table = write_csv(tmp_path / "MSA_M2024_dl.csv", METRO)
    code, _, err = run(table, "--area", "35620", "--data", oews_data)
    assert code == 1
    assert "no region in " in err and 'has oews_area_code: "35620"; add that line to the region\'s file' in err
    code, _, err = run(table, "--data", oews_data)
    assert (
        code == 1
        and "the file holds 2 areas (31080 (Los Angeles-Long Beach-Anaheim, CA), 35620 (New York-Newark-Jersey City, NY-NJ-PA)); choose one with --area CODE"
        in err
    )
    assert snapshot(oews_data) == before


def test_a_newer_figure_is_kept_and_the_release_must_be_known(oews_data, tmp_path):
    table = write_csv(tmp_path / "national_M2021_dl.csv", NATIONAL)
    code, out, _ = run(table, "--data", oews_data, "--top-annual", "200000")
    assert code == 0
    assert any(line.endswith("occupations/15-1134.yml: already has a newer figure (May 2022) for U.S.; left as it is") for line in out.splitlines())
    unnamed = write_csv(tmp_path / "pay.csv", NATIONAL)
    code, _, err = run(unnamed, "--data", oews_data)
    assert code == 1 and "the release is not in the file name" in err
