"""derive(): every derived value computed once, before pages, search and exports, which only read them."""

from __future__ import annotations

import os

import pytest

from directory.data.checks import validate_data
from directory.data.markdown import MarkdownRenderer
from directory.data.problems import DirectoryError
from directory.derive import derive, plain_summary
from directory.exports import Site, build_exports, open_data_catalog
from directory.exports.feeds import feed_plan
from directory.model import build_directory
from directory.search.docs import search_documents
from directory.site.pages import build_pages
from support import ROOT
from support.building import pinned_clock

SITE = Site("https://example.org", "Test", "example.org", ROOT / "data" / "schemas")
DERIVED = ("description_html", "summary", "fact_year", "fact_year_inferred")


def linked(fixture_data):
    with pinned_clock():
        return build_directory(validate_data(fixture_data).entries)


@pytest.fixture(scope="module")
def directory(fixture_data):
    directory = linked(fixture_data)
    derive(directory)
    return directory


@pytest.mark.parametrize(
    "read",
    [
        lambda directory: build_pages(directory, ""),
        search_documents,
        lambda directory: build_exports(directory, SITE),
    ],
    ids=["pages", "search", "exports"],
)
def test_readers_refuse_a_directory_derive_has_not_seen(fixture_data, read):
    with pytest.raises(DirectoryError, match=r"call derive\(directory\) after build_directory\(\)"):
        read(linked(fixture_data))


def test_every_description_is_rendered_once_and_readers_render_none(fixture_data, monkeypatch):
    calls = []
    original = MarkdownRenderer.__call__

    def counted(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(MarkdownRenderer, "__call__", counted)
    directory = linked(fixture_data)
    derive(directory)
    steps = [step for pathway in directory.pathways.values() for step in pathway.steps]
    # each different description once (entries without one share the empty one), and every step's
    assert len(calls) == len({item.get("description") for item in directory.items()}) + len(steps)
    calls.clear()
    build_pages(directory, "", open_data=open_data_catalog(directory), feeds=feed_plan(directory))
    search_documents(directory)
    build_exports(directory, SITE)
    assert calls == []  # they read what derive made


def test_a_second_language_renders_no_description_the_first_rendered(fixture_data, monkeypatch):
    calls = []
    original = MarkdownRenderer.__call__
    monkeypatch.setattr(MarkdownRenderer, "__call__", lambda self, text: calls.append(text) or original(self, text))
    rendered = {}
    derive(linked(fixture_data), rendered=rendered)
    first = len(calls)
    assert rendered and first
    again = linked(fixture_data)
    derive(again, rendered=rendered)
    steps = [step for pathway in again.pathways.values() for step in pathway.steps]
    assert len(calls) - first == len(steps)  # only the steps' descriptions, which are not kept
    assert all(item.description_html == rendered[item.get("description")][0] for item in again.items())


def test_derive_sets_what_the_readers_read(directory):
    program = next(iter(directory.programs.values()))
    for item in directory.items():
        assert all(name in vars(item) for name in DERIVED), item
        assert item.summary == plain_summary(item.description_html)
    assert all("description_html" in vars(step) and "summary" in vars(step) for pathway in directory.pathways.values() for step in pathway.steps)
    assert "card_html" not in vars(program)  # no card renderer given, no card
    assert all("outcome_rows" in vars(p) and "status_as_of_text" in vars(p) for p in directory.programs.values())
    assert all("named_only" in vars(p) and "status_as_of_text" in vars(p) for p in directory.partnerships.values())


def test_a_pathway_is_as_new_as_its_occupations_facts(directory):
    from directory.derive import fact_year

    for pathway in directory.pathways.values():
        own = fact_year(pathway)
        occupations = [fact_year(step.occupation) for step in pathway.steps if step.occupation]
        assert pathway.fact_year == max((year for year in [own, *occupations] if year), default=None)


def test_cards_are_rendered_by_the_renderer_given(fixture_data):
    directory = linked(fixture_data)
    derive(directory, card=lambda program: f"<card {program.id}>")
    assert [program.card_html for program in directory.programs.values()] == [f"<card {entry_id}>" for entry_id in directory.programs]


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")
def test_descriptions_rendered_by_workers_are_the_same(fixture_data, directory):
    shared = linked(fixture_data)
    derive(shared, min_items=0)
    for serial, parallel in zip(directory.items(), shared.items(), strict=True):
        assert [getattr(parallel, name) for name in DERIVED] == [getattr(serial, name) for name in DERIVED]
        assert type(parallel.description_html) is type(serial.description_html)


def test_plain_summary_keeps_whole_sentences():
    text = "<p>" + "One short sentence here. " * 5 + "And a last one that runs on and on past the limit of the summary, far past it.</p>"
    assert plain_summary(text, 120) == "One short sentence here. One short sentence here. One short sentence here. One short sentence here."
    assert plain_summary("<p>Tom &amp; Jerry</p>") == "Tom & Jerry"
    assert plain_summary("<p>" + "word " * 60 + "</p>", 50).endswith("word\u2026")
