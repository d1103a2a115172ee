"""Pay: published figures on occupations, with area, release, SOC code and source, shown where jobs are."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

from directory.data.checks import validate_data
from directory.model import build_directory
from directory.pay import pay_for
from support.builders import make_occupation, make_region, write_entry

PAY = {"area": "national", "release": "May 2023", "soc_code": "15-1254", "median_annual": 90000, "source": "test-report", "locator": "Table 2"}


def messages(data_dir):
    here = os.getcwd()
    os.chdir(data_dir.parent)
    try:
        result = validate_data(data_dir, today=dt.date(2026, 5, 17))
    finally:
        os.chdir(here)
    return [p.text().removeprefix("data/") for p in result.problems]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<svg.*?</svg>", " ", html)).split())


def _page(output, path: str) -> str:
    return (output / path / "index.html").read_text(encoding="utf-8")


# --- Checks -----------------------------------------------------------------------------


def test_a_pay_figure_names_a_known_area_and_document(data_dir):
    write_entry(data_dir, "occupations", "15-1134", make_occupation(pay=[PAY | {"area": "test-metr", "source": "test-reprot"}]))
    lines = messages(data_dir)
    assert (
        "occupations/15-1134.yml:23:9: pay[0].area: refers to region (or 'national') 'test-metr', which does not exist (fix: did you mean 'test-metro'?)"
        in lines
    )
    assert "occupations/15-1134.yml:27:11: pay[0].source: refers to source 'test-reprot', which does not exist (fix: did you mean 'test-report'?)" in lines


def test_a_release_is_written_as_its_survey_month(data_dir):
    write_entry(data_dir, "occupations", "15-1134", make_occupation(pay=[PAY | {"release": "2023"}]))
    assert messages(data_dir) == [
        "occupations/15-1134.yml:24:12: pay[0].release: '2023' is not in the expected form "
        "(fix: write the month and year of the survey as the release names it, for example May 2023)"
    ]


def test_the_figure_shown_is_the_regions_own_else_the_newest_national(data_dir):
    rows = [PAY, PAY | {"release": "May 2024", "median_annual": 95000}, PAY | {"area": "test-metro", "release": "May 2022", "median_annual": 80000}]
    write_entry(data_dir, "occupations", "15-1134", make_occupation(pay=rows))
    write_entry(data_dir, "regions", "other-metro", make_region(name="Other Metro"))
    result = validate_data(data_dir, today=dt.date(2026, 5, 17))
    assert result.errors == []
    directory = build_directory(result.entries, dt.date(2026, 5, 17))
    occupation = directory.occupations["15-1134"]
    assert pay_for(occupation, ["test-metro"])["median_annual"] == 80000
    assert pay_for(occupation, ["other-metro"])["median_annual"] == 95000
    assert [(row["area_name"], row["release"]) for row in occupation.pay] == [
        ("United States", "May 2024"),
        ("United States", "May 2023"),
        ("Test Metro", "May 2022"),
    ]
    step = directory.pathways["web-development"].step_by_id["web-developer"]
    assert step.pay["median_annual"] == 80000  # the pathway is in test-metro
    assert occupation in directory.regions["test-metro"].links["occupations"]
    assert ("15-1134", ["Table 1", "May 2023 pay figure, Table 2", "May 2024 pay figure, Table 2", "May 2022 pay figure, Table 2"]) in [
        (item.id, locators) for item, locators in directory.sources["test-report"].citing
    ]


# --- Pages of the fixture directory ---------------------------------------------------------


def test_the_occupation_page_shows_figure_range_jobs_code_and_source(served_site):
    base, output = served_site
    page = _page(output, "occupations/15-1122")
    pay = _text(page[page.index('id="pay-heading"') : page.index("</section>", page.index('id="pay-heading"'))])
    assert "$99,730 median a year · United States · May 2019" in pay
    assert "one worker in ten earns less than $57,810; one in ten earns more than $158,860" in pay
    assert "Jobs: 125,570 (United States, May 2019)" in pay
    assert "Published under SOC 15-1212 (2018)" in pay
    assert f'href="{base}/sources/bls-oes-may-2019-information-security-analysts/"' in page
    assert 'href="https://www.bls.gov/oes/2019/may/oes151212.htm"' in page


def test_a_merged_occupation_says_that_its_figure_covers_both(served_site):
    _, output = served_site
    pay = _text(_page(output, "occupations/15-1133"))
    assert "Published under SOC 15-1252 (2018), Software Developers." in pay
    assert "The same figure covers Software Developers, Applications : the 2018 SOC counts them as one occupation." in pay


def test_an_occupation_without_a_figure_says_so(served_site):
    _, output = served_site
    page = _text(_page(output, "occupations/15-1134"))
    assert "Pay No published figure in our sources." in page


def test_pathway_steps_show_pay_and_the_route_shows_how_it_changes(served_site):
    base, output = served_site
    page = _page(output, "pathways/ict-software-systems-and-development")
    step = page[page.index('id="step-computer-programmer"') :]
    step = _text(step[: step.index("</li>")])
    assert "Pay $98,670 median a year (United States, May 2024; source )" in step
    route = _text(page[page.index('id="pay-route-heading"') : page.index("</section>", page.index('id="pay-route-heading"'))])
    assert "Computer Programmer Computer Programmers $98,670 United States, May 2024" in route
    assert "Web Developer Web Developers No published figure in our sources" in route
    assert "$132,270 +$33,600 from Computer Programmer United States, May 2023" in route
    assert 'id="chart-pay-ict-software-systems-and-development-t"' in page


def test_jobs_and_pay_has_a_pay_chart_and_column(served_site):
    _, output = served_site
    page = _page(output, "occupations")
    assert 'id="chart-pay-t"' in page
    table = _text(page[page.index("<table>") :])
    assert "Computer Programmers 15-1251 $98,670 (May 2024)" in table
    assert "Web Developers 15-1254 No published figure in our sources" in table


def test_json_ld_carries_the_salary_distribution(served_site):
    _, output = served_site
    page = _page(output, "occupations/15-1122")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    [salary] = data["estimatedSalary"]
    assert {k: v for k, v in salary.items() if k != "@id"} == {
        "@type": "MonetaryAmountDistribution",
        "name": "United States, May 2019",
        "currency": "USD",
        "duration": "P1Y",
        "median": 99730,
        "percentile10": 57810,
        "percentile90": 158860,
    }
    assert "estimatedSalary" not in _page(output, "occupations/15-1134")
