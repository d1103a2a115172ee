"""The Spanish search index: its files, its Spanish text, and what Spanish and English queries find.

tests/test_search.py holds engine.js to the Python twin on this index in node (accented and
unaccented queries, the split files); here the twin says what those queries find.
"""

from __future__ import annotations

import json
import re

import pytest

from directory import search
from directory.search import spanish
from support import ROOT, search_twin

LUNR_LANGUAGES = ROOT / "node_modules" / "lunr-languages"


def found(spanish_search, query: str) -> list[str]:
    docs = spanish_search["store"]["docs"]
    return [docs[int(ref)][2] for ref in search_twin.query_index(spanish_search["loaded"], query)]


@pytest.fixture(scope="module")
def assets(spanish_search):
    return search.build_search_assets(spanish_search["directory"], language="es")


def test_accented_unaccented_and_other_forms_find_the_same_programs(spanish_search):
    results = {query: set(found(spanish_search, query)) for query in ("programación", "programacion", "programar", "programas")}
    assert len({frozenset(urls) for urls in results.values()}) == 1, results
    expected = {"programs/web-coding-boot-camp/", "programs/learn-to-code/", "programs/summer-coding/", "pathways/web-development/#step-intro-course"}
    assert results["programar"] == expected
    assert found(spanish_search, "programación")[0] == "programs/web-coding-boot-camp/"  # the word itself first
    assert found(spanish_search, "programar")[0] == "programs/learn-to-code/"


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("learn to code", "programs/learn-to-code/"),  # the English name of an entry named in Spanish
        ("summer coding camps", "programs/summer-coding/"),  # an English name kept as it is
        ("technology", "programs/cloud-apprenticeship/"),  # the English stem: "technologies"
        ("tecnologia", "programs/cloud-apprenticeship/"),  # tecnologías, unaccented
        ("análisis de datos", "programs/data-analysis/"),
        ("analisis", "programs/data-analysis/"),
        ("soporte de TI", "programs/it-support/"),  # "ti" is not a stop word: TI is IT
        ("web developers", "pathways/web-development/#step-web-developer"),  # its English name, exactly (the job's is Spanish)
        ("desarrolladores web", "occupations/15-1134/"),
        ("programaci", "programs/web-coding-boot-camp/"),  # a word typed halfway completes
    ],
)
def test_spanish_and_english_queries_find_the_entry(spanish_search, query, url):
    assert found(spanish_search, query)[:1] == [url], found(spanish_search, query)[:4]


def test_spanish_stop_words_are_not_searched(spanish_search):
    assert search_twin.query_words("de la y el", "es") == []
    assert search_twin.query_words("de la y el") == ["de", "la", "y", "el"]  # English keeps them
    assert search_twin.query_words("Curso de la web", "es") == ["curso", "web"]
    assert found(spanish_search, "de la") == []


def test_rows_show_the_spanish_text(spanish_search):
    rows = {row[2]: row for row in spanish_search["store"]["docs"]}
    assert rows["programs/learn-to-code/"][1] == "Aprende a programar en Python"
    assert rows["programs/summer-coding/"][1] == "Summer Coding Camps"  # no Spanish name: the English one
    assert rows["programs/summer-coding/"][3].startswith("Programas de verano")
    assert rows["pathways/web-development/#step-intro-course"][1:5:3] == ["Curso introductorio de programación web", "Desarrollo web"]
    assert spanish_search["store"]["labels"]["test-metro"] == "Metro de prueba"
    assert found(spanish_search, "metro de prueba")  # the Spanish region name is indexed


def test_spanish_files_sit_under_search_es_and_carry_the_language(spanish_search, assets):
    urls = assets.urls
    digest = urls["manifest"].split(".")[1]
    assert re.fullmatch(r"search/es/manifest\.[0-9a-f]{10}\.json", urls["manifest"])
    version = json.loads((LUNR_LANGUAGES / "package.json").read_text(encoding="utf-8"))["version"]
    assert urls["lunr_languages"] == [f"theme/js/lunr.stemmer.support-{version}.min.js", f"theme/js/lunr.es-{version}.min.js"]
    for path, name in zip(urls["lunr_languages"], spanish.SCRIPTS, strict=True):
        assert assets.files[path] == (LUNR_LANGUAGES / "min" / f"{name}.min.js").read_bytes()
    for path in assets.files:
        if path.startswith("search/"):
            assert re.fullmatch(rf"search/es/(manifest|terms-[0-9]+|numbers-[0-9]{{1,2}}|rows-[0-9]+|facets-[0-9]+|program-facets)\.{digest}\.json", path), path
    assert json.loads(assets.files[urls["manifest"]])["language"] == "es"


def test_english_files_are_as_they_were(spanish_search, assets, tmp_path):
    english = search.build_search_assets(spanish_search["directory"], lunr_languages_package=tmp_path)  # needs no lunr-languages
    assert english.urls.keys() == {"manifest", "lunr", "program_facets", "rows"} and english.urls["manifest"].startswith("search/manifest.")
    assert search.plan_search_assets(spanish_search["directory"], language="en").urls == english.urls
    assert "language" not in json.loads(english.files[english.urls["manifest"]])
    assert english.urls["manifest"].split(".")[1] != assets.urls["manifest"].split(".")[1]  # the digest covers the language
    assert english.urls["lunr"] == assets.urls["lunr"] and english.files[english.urls["lunr"]] == assets.files[assets.urls["lunr"]]


def test_the_build_is_deterministic(spanish_search, assets):
    again = search.build_search_assets(spanish_search["directory"], language="es")
    assert again.urls == assets.urls and again.files == assets.files


def test_missing_lunr_languages_says_how_to_fix_it(spanish_search, tmp_path):
    with pytest.raises(search.SearchError, match="make setup"):
        search.plan_search_assets(spanish_search["directory"], language="es", lunr_languages_package=tmp_path)


def test_an_unknown_language_is_refused(spanish_search):
    with pytest.raises(search.SearchError, match="'fr'.*en, es"):
        search.plan_search_assets(spanish_search["directory"], language="fr")


def test_stop_words_are_read_from_lunr_languages(tmp_path):
    words = spanish.read_stop_words(LUNR_LANGUAGES)
    assert {"de", "la", "el", "y", "para", "con"} <= words and "ti" not in words
    assert spanish.read_stop_words(tmp_path) is None


@pytest.mark.parametrize(
    ("word", "stem"),
    [("programacion", "program"), ("programar", "program"), ("programas", "program"), ("region", "region"), ("ingenieria", "ingenieri"), ("datos", "dat")],
)
def test_spanish_stem_of_folded_words(word, stem):
    assert spanish.spanish_stem(word) == stem
