"""Pages say no more than their sources: who is a member, when a status is known, results and figures as worded."""

from __future__ import annotations

import json
import re

import pytest

from directory.render import holds_membership, outcome_text, status_as_of_text
from support.builders import make_occupation, make_partner, make_partnership, make_program, make_region, write_entry
from support.building import run_pelican


def test_status_dates_and_outcomes_read_as_the_source_words_them():
    assert status_as_of_text({"year": 2020, "inferred": True}) == "as of 2020, inferred"
    assert status_as_of_text({"year": 2016}) == "as of 2016"
    assert status_as_of_text(None) == ""
    outcome = {"applicants": 600, "hired_by_employer_rate": 30, "cohort_size": "suppressed", "more_than": ["applicants", "cohort_size"]}
    assert outcome_text(outcome, "applicants") == "More than 600"
    assert outcome_text(outcome, "hired_by_employer_rate") == "30%"
    assert outcome_text(outcome, "cohort_size") == "Withheld by the source"
    assert outcome_text(outcome, "employment_rate") == "Not reported"
    assert holds_membership(["member"]) and holds_membership(["coordinator", "proposed-member"])
    assert not holds_membership(["proposed-member"]) and not holds_membership(["pilot-partner", "data-provider"])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A minimal dataset plus entries that use each wording, built once."""
    from support.builders import write_minimal_dataset

    root = tmp_path_factory.mktemp("sourced")
    data = write_minimal_dataset(root / "data")
    write_entry(data, "partners", "possible-funder", make_partner(name="Possible Funder", kinds=["funder"]))
    write_entry(data, "partners", "pilot-lab", make_partner(name="Pilot Lab", kinds=["employer"]))
    write_entry(
        data,
        "partnerships",
        "stalled-partnership",
        make_partnership(
            name="Stalled Partnership",
            status="stalled",
            status_as_of={"year": 2020, "inferred": True, "details": "The article is undated; it mentions events of 2020."},
            figures=[
                {"label": "Companies involved", "value": 20, "unit": "count", "approximate": True, "source": "Test article", "note": "The article names none."}
            ],
            members=[
                {"partner": "test-college", "roles": ["coordinator"]},
                {"partner": "possible-funder", "roles": ["proposed-member"], "note": "named for illustration only"},
                {"partner": "pilot-lab", "roles": ["pilot-partner"]},
            ],
        ),
    )
    write_entry(
        data,
        "programs",
        "pilot-internship",
        make_program(
            name="Pilot Internship",
            type="internship",
            status="pilot",
            status_as_of={"year": 2018, "inferred": True},
            outcomes=[
                {
                    "period": "2016-2017",
                    "applicants": 600,
                    "cohort_size": 100,
                    "hired_by_employer_rate": 30,
                    "more_than": ["applicants"],
                    "source": "Test report",
                }
            ],
        ),
    )
    write_entry(data, "occupations", "15-1134", make_occupation(description_origin="directory-summary"))
    write_entry(data, "regions", "second-metro", make_region(name="Second Metro"))
    write_entry(
        data,
        "regions",
        "conflict-metro",
        make_region(
            name="Conflict Metro",
            figures=[
                {
                    "label": "Tech employees",
                    "measure": "tech-employees",
                    "value": 266720,
                    "unit": "count",
                    "source": "Test table",
                    "conflict": "The box gives 266,720; the table's total row gives 253,180.",
                }
            ],
        ),
    )
    output = root / "out"
    done = run_pelican(output, data_path=data)
    assert done.returncode == 0, done.stdout + done.stderr
    return output


def read(output, path):
    return (output / path / "index.html").read_text(encoding="utf-8")


def test_named_organizations_are_not_counted_as_members(site):
    page = read(site, "partnerships/stalled-partnership")
    assert "Members (1)</h2>" in page
    assert "Other organizations named, not members (2)</h2>" in page
    assert "Possible Funder</a> (Named as a possible member): named for illustration only" in page
    assert "Pilot Lab</a> (Pilot partner)" in page
    assert "<strong>about 20</strong>" in page and '<span class="figure-meta">The article names none.</span>' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', read(site, "partners/possible-funder"), re.S).group(1))
    assert "memberOf" not in ld
    college = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', read(site, "partners/test-college"), re.S).group(1))
    assert "Stalled Partnership" in [m["name"] for m in college["memberOf"]]


def test_a_status_says_when_it_is_known_for(site):
    page = read(site, "partnerships/stalled-partnership")
    assert "Stalled (as of 2020, inferred)" in page
    assert "When the status is known for: The article is undated; it mentions events of 2020." in page
    assert "Stalled (as of 2020, inferred)" in read(site, "partnerships")
    assert "Stalled<br>" not in read(site, "partnerships/benefits") and "Stalled (as of 2020, inferred)" in read(site, "partnerships/benefits")
    assert "Status: Pilot (as of 2018, inferred).</strong>" in read(site, "programs/pilot-internship")
    card = read(site, "partners/test-college")
    assert '<li class="tag tag-status">Pilot (as of 2018, inferred)</li>' in card


def test_results_keep_more_than_and_who_hired(site):
    page = read(site, "programs/pilot-internship")
    assert '<th scope="row">Applicants</th><td>More than 600</td>' in page
    assert '<th scope="row">Hired afterwards by the employer</th><td>30%</td>' in page
    assert '<th scope="row">Employed afterwards</th><td>Not reported</td>' in page
    assert "Hired afterwards by the employer" not in read(site, "programs/web-coding-boot-camp")


def test_an_occupation_summary_is_labelled_as_the_directorys_own(site):
    assert "Summary written by the directory" in read(site, "occupations/15-1134")


def test_conflicting_figures_are_shown_and_never_ranked(site):
    page = read(site, "regions")
    assert "Not ranked: Conflict Metro." in page
    assert "<strong>Figures conflict:</strong> The box gives 266,720; the table&#39;s total row gives 253,180." in page
    chart = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert "Second Metro" in chart and "Conflict Metro" not in chart
    assert "<strong>Figures conflict:</strong>" in read(site, "regions/conflict-metro")
