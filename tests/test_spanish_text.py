"""Spanish text in entries (`es:` groups): held to the English field's rules, and only where there is English to translate."""

from __future__ import annotations

import datetime as dt

import pytest

from directory.data.checks import validate_data
from support.builders import make_partnership, make_pathway, make_program, write_entry

TODAY = dt.date(2026, 5, 17)


def problems(data_dir) -> list[str]:
    """Validate data_dir; return its problems as printed, paths from the data folder on."""
    return [problem.text().split("data/", 1)[-1] for problem in validate_data(data_dir, today=TODAY).problems]


def errors_in(data_dir, collection: str) -> list[str]:
    return [text for text in problems(data_dir) if text.startswith(f"{collection}/") and ": warning:" not in text]


def line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_spanish_text_beside_the_english_is_valid_at_every_level(data_dir):
    program = make_program(
        es={"name": "Campamento de programación web", "description": "Doce semanas de clases nocturnas para crear sitios web."},
        cost={"amount": 0, "details": "Free for residents", "es": {"details": "Gratis para residentes"}},
        eligibility={"degree_required": False, "details": "Adults 18 and over", "es": {"details": "Personas adultas de 18 años o más"}},
        application={"status": "rolling", "how_to_apply": "Fill in the form", "es": {"how_to_apply": "Llene el formulario"}},
    )
    write_entry(data_dir, "programs", "web-coding-boot-camp", program)
    pathway = make_pathway(es={"description": "Desde un primer curso hasta un empleo creando sitios web."})
    pathway["steps"][0]["es"] = {"name": "Curso introductorio de web"}
    write_entry(data_dir, "pathways", "web-development", pathway)
    benefits = [{"category": "networking", "for": ["employers"], "details": "Meet other employers", "es": {"details": "Conozca a otros empleadores"}}]
    write_entry(data_dir, "partnerships", "test-tech-partnership", make_partnership(benefits=benefits, es={"reviewed_by": "test-college"}))
    assert [text for text in problems(data_dir) if ": warning:" not in text] == []


def test_a_field_the_spanish_group_does_not_hold_is_refused_with_its_line(data_dir):
    path = write_entry(
        data_dir, "programs", "web-coding-boot-camp", make_program(es={"description": "Doce semanas de clases nocturnas.", "url": "https://example.org/es"})
    )
    found = errors_in(data_dir, "programs")
    assert len(found) == 1, found
    assert found[0].startswith(f"programs/web-coding-boot-camp.yml:{line_of(path, '  url: https://example.org/es')}:")
    assert "es" in found[0] and "url" in found[0]


@pytest.mark.parametrize(
    ("spanish", "expected"),
    [
        ({"description": "Corto"}, "description"),  # under the English minimum of 20 characters
        ({"description": "x" * 6001}, "description"),  # over the English maximum
        ({"name": "Campamento\u200bweb"}, "name"),  # an invisible character, refused in English names too
    ],
)
def test_spanish_text_is_held_to_the_rules_of_its_english_field(data_dir, spanish, expected):
    write_entry(data_dir, "programs", "web-coding-boot-camp", make_program(es=spanish))
    found = errors_in(data_dir, "programs")
    assert len(found) == 1 and f"es.{expected}" in found[0], found


def test_spanish_markdown_is_checked_as_english_markdown_is(data_dir):
    brackets = "[" * 51 + " palabras" * 10
    write_entry(data_dir, "programs", "web-coding-boot-camp", make_program(es={"description": brackets}))
    found = errors_in(data_dir, "programs")
    assert len(found) == 1 and "es.description" in found[0] and "[" in found[0], found


def test_spanish_text_without_english_is_refused_naming_the_field_and_the_fix(data_dir):
    program = make_program(eligibility={"degree_required": False, "es": {"details": "Personas adultas de 18 años o más"}})
    path = write_entry(data_dir, "programs", "web-coding-boot-camp", program)
    line = line_of(path, "    details: Personas adultas de 18 años o más")
    assert errors_in(data_dir, "programs") == [
        f"programs/web-coding-boot-camp.yml:{line}:5: eligibility.es.details: Spanish text without English: 'eligibility.details' has no English text "
        "for it to translate (fix: write the English 'details' beside 'es:' first, or remove the Spanish one)"
    ]


def test_a_reviewer_that_is_not_a_partner_is_refused(data_dir):
    path = write_entry(data_dir, "partnerships", "test-tech-partnership", make_partnership(es={"reviewed_by": "no-such-partner"}))
    found = errors_in(data_dir, "partnerships")
    assert len(found) == 1, found
    assert found[0].startswith(f"partnerships/test-tech-partnership.yml:{line_of(path, '  reviewed_by: no-such-partner')}:")
    assert "es.reviewed_by" in found[0] and "no-such-partner" in found[0]


def test_an_empty_spanish_group_is_refused(data_dir):
    write_entry(data_dir, "programs", "web-coding-boot-camp", make_program(es={}))
    found = errors_in(data_dir, "programs")
    assert len(found) == 1 and "es" in found[0], found


def test_the_open_data_carries_the_spanish_text(data_dir):
    import json

    from directory.data.shape import use_shape
    from directory.derive import derive
    from directory.exports import Site, build_exports
    from directory.model import build_directory

    spanish = {"description": "Una alianza de empleadores y colegios que usan las pruebas.", "reviewed_by": "test-college"}
    write_entry(data_dir, "partnerships", "test-tech-partnership", make_partnership(es=spanish))
    result = validate_data(data_dir, today=TODAY)
    assert result.errors == []
    use_shape(data_dir / "schemas")
    directory = build_directory(result.entries, TODAY)
    derive(directory, card=lambda program: "")
    files = build_exports(directory, Site("", "Test", "example.org", data_dir / "schemas"))
    assert json.loads(files["api/partnerships/test-tech-partnership.json"])["entry"]["es"] == spanish
    header = files["api/partnerships.csv"].decode("utf-8-sig").splitlines()[0].split(",")
    assert {"es.description", "es.reviewed_by", "benefits.1.es.details"} <= set(header)
