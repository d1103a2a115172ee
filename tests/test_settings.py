"""A fork's settings: checked at start-up in one line, all listed in the README, none hidden in the pages."""

from __future__ import annotations

import ast
import re

import pytest
import yaml

from directory.data.problems import SettingsError
from directory.settings import contrast_with_white, directory_settings
from support import ROOT
from support.builders import make_program, write_entry
from support.building import run_pelican

# The cities of the partnerships the shipped data describes. A fork rewrites content/ and the
# issue form anyway, so these must never be written there: they come from data/ or nowhere.
SHIPPED_CITIES = ("Los Angeles", "Philadelphia", "New York")


def settings_problem(colors) -> str:
    with pytest.raises(SettingsError) as raised:
        directory_settings({"DIRECTORY_COLORS": colors}, ROOT)
    return str(raised.value)


@pytest.mark.parametrize(
    "color, ratio",
    [("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54), ("#777777", 4.48), ("#1d4f91", 8.14), ("#8a3b12", 7.73), ("#ffff00", 1.07)],
)
def test_contrast_with_white_follows_wcag(color, ratio):
    assert contrast_with_white(color) == pytest.approx(ratio, abs=0.01)


def test_colours_that_pass_aa_are_accepted():
    assert directory_settings({"DIRECTORY_COLORS": {"brand": "#767676", "accent": "#000000"}}, ROOT)["DIRECTORY_COLORS"]["brand"] == "#767676"


def test_a_colour_too_light_for_white_text_is_refused_with_a_darker_one():
    assert settings_problem({"brand": "#1d4f91", "accent": "#777777"}) == (
        "DIRECTORY_COLORS: 'accent' #777777 has a contrast of only 4.47:1 with white text; WCAG AA needs 4.5:1; choose a darker colour, for example #767676"
    )
    suggestion = settings_problem({"brand": "#ffff00", "accent": "#8a3b12"}).rsplit(" ", 1)[1]
    assert contrast_with_white(suggestion) >= 4.5 and suggestion == "#7a7a00"


@pytest.mark.parametrize(
    "colors, line",
    [
        (
            {"brand": "#ffff00", "accent": "#8a3b12"},
            "DIRECTORY_COLORS: 'brand' #ffff00 has a contrast of only 1.07:1 with white text; WCAG AA needs 4.5:1; choose a darker colour, for example #7a7a00",
        ),
        (
            {"brand": "yellow", "accent": "#8a3b12"},
            "DIRECTORY_COLORS: must be a dict with 'brand' and 'accent' colours written as #rrggbb, for example {'brand': '#1d4f91', 'accent': '#8a3b12'}",
        ),
    ],
)
def test_the_build_stops_on_a_bad_colour_with_one_line_and_no_traceback(data_dir, tmp_path, colors, line):
    done = run_pelican(tmp_path / "output", data_path=data_dir, settings_overrides={"DIRECTORY_COLORS": colors})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [line]
    assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "output" / "index.html").exists()


# --- The README's fork steps name every setting a fork must change --------------------------


def fork_steps() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## Run it for your own partnership", 1)[1].split("\n## ", 1)[0]


def partnership_block_settings() -> list[str]:
    """Return the names assigned in pelicanconf.py's "Your partnership" block."""
    source = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    block = source.split("# --- Your partnership", 1)[1].split("\n", 1)[1].split("\n# ---", 1)[0]
    return [target.id for node in ast.parse(block).body if isinstance(node, ast.Assign) for target in node.targets if isinstance(target, ast.Name)]


def test_the_partnership_block_holds_the_feed_authority():
    assert "DIRECTORY_FEED_AUTHORITY" in partnership_block_settings()


def test_the_fork_steps_name_every_setting_of_the_partnership_block():
    steps = fork_steps()
    # DIRECTORY_NAME follows SITENAME and DIRECTORY_DATA_PATH stays "data" in a fork.
    missing = [name for name in partnership_block_settings() if name not in ("DIRECTORY_NAME", "DIRECTORY_DATA_PATH") and f"`{name}`" not in steps]
    assert missing == []


@pytest.mark.parametrize(
    "what",
    [
        "content/pages/about.md",
        "ISSUE_TEMPLATE/config.yml",
        "CODEOWNERS",
        "**Actions**",
        "**Issues**",
        "Settings > Pages",
        "`new-program`",
        "`convert-to-pr`",
        "USER_AGENT",
    ],
)
def test_the_fork_steps_name_each_file_and_switch_a_fork_must_change(what):
    assert what in fork_steps()


def test_the_fork_steps_name_the_scheduled_workflow_by_its_name():
    scheduled = [
        workflow["name"]
        for path in sorted((ROOT / ".github" / "workflows").glob("*.yml"))
        if "schedule" in (workflow := yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)).get("on", {})
    ]
    assert scheduled and all(f'"{name}"' in fork_steps() for name in scheduled)


# --- The About page and the issue form name no place of ours --------------------------------


def names_in(text: str, names) -> list[str]:
    """Return the names (or their ids, los-angeles) that text mentions as words."""
    found = []
    for name in names:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE) or re.search(rf"\b{re.escape(slug)}\b", text):
            found.append(name)
    return found


def region_names() -> list[str]:
    """Return the name of every region in data/regions/, whatever data this copy ships."""
    return [yaml.safe_load(path.read_text(encoding="utf-8"))["name"] for path in sorted((ROOT / "data" / "regions").glob("*.yml"))]


def test_the_about_page_names_no_region_of_the_data():
    assert names_in((ROOT / "content" / "pages" / "about.md").read_text(encoding="utf-8"), region_names()) == []


@pytest.mark.parametrize("path", sorted((ROOT / "content").rglob("*.md")), ids=lambda path: path.name)
def test_the_content_pages_name_no_city_of_the_shipped_partnerships(path):
    assert names_in(path.read_text(encoding="utf-8"), SHIPPED_CITIES) == []


@pytest.mark.parametrize("path", sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")), ids=lambda path: path.name)
def test_the_issue_form_names_no_city_of_the_shipped_partnerships(path):
    assert names_in(path.read_text(encoding="utf-8"), SHIPPED_CITIES) == []


# --- The About page and the footer promise only what any valid data gives --------------------


def test_the_about_page_lists_the_regions_and_promises_what_a_bare_program_page_shows(data_dir, tmp_path):
    # A program with no cost, no degree rule and no link: what the About page promises must still be on its page.
    bare = make_program(name="Bare Program")
    for field in ("cost", "eligibility", "application", "schedule", "delivery"):
        bare.pop(field)
    write_entry(data_dir, "programs", "bare-program", bare)
    done = run_pelican(tmp_path / "output", data_path=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    about = (tmp_path / "output" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<h2>Places it covers</h2>\n<p><a href="/regions/test-metro/">Test Metro</a>.</p>' in about
    assert "what it costs, whether it asks for a four-year degree and how to apply" in about
    assert "what you earn" not in about
    program = (tmp_path / "output" / "programs" / "bare-program" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Cost</dt><dd>Cost not listed</dd>" in program
    assert "<dt>Degree needed</dt><dd>Not stated</dd>" in program
    assert "Our sources give no application link. Contact" in program
    assert "Last checked against its sources on" in program
    footer = about.split('<footer class="site-footer">', 1)[1]
    assert "every entry names its sources and the date it was last checked against them" in footer
    assert "kept up to date" not in footer
