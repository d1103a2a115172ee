"""The Spanish "Agregar un programa" issue form: the converter tells it from the English one and writes es: fields."""

from __future__ import annotations

import datetime as dt

import pytest

from directory.cli import issue_answers, issue_entry, issue_to_entry
from directory.data.issue_form import FORMS
from directory.data.loader import parse_yaml

SPANISH = issue_answers.load_form(FORMS["es"])
ENGLISH = issue_answers.load_form(FORMS["en"])
TODAY = dt.date(2026, 5, 17)
ANSWERS = {
    "name": "Evening IT Support Certificate",
    "name_es": "Certificado nocturno de soporte de TI",
    "provider": "test-college",
    "type": "certificate — un certificado de un colegio o de la industria",
    "status": "active — funciona ahora",
    "description_es": "Dos noches por semana durante un semestre.\n\nLos estudiantes aprenden a:\n\n- reparar computadoras\n- ayudar a la gente por chat",
    "description": "Two evenings a week for one semester.\n\nStudents learn to:\n\n- fix computers\n- help people by chat",
    "delivery": "hybrid — En persona y en línea",
    "regions": "test-metro",
    "cost": "$1,200",
    "schedule": "evenings — Por las noches, part-time — Medio tiempo",
    "degree": "sí — se exige un título de licenciatura",
    "application_status": "upcoming — las solicitudes abren más adelante",
    "deadline": "2026-08-01",
    "how_to_apply_es": "Llene el formulario en línea del colegio.",
    "how_to_apply": "Fill in the college's online form.",
    "source_document": "IT certificate page",
    "source_publisher": "Test College",
    "confirm": [option for question in SPANISH if question.id == "confirm" for option in question.options],
}
EXPECTED = {
    "name": "Evening IT Support Certificate",
    "type": "certificate",
    "status": "active",
    "provider": "test-college",
    "description": ANSWERS["description"],
    "delivery": "hybrid",
    "regions": ["test-metro"],
    "cost": {"amount": 1200},
    "schedule": ["evenings", "part-time"],
    "eligibility": {"degree_required": True},
    "application": {
        "status": "upcoming",
        "deadline": "2026-08-01",
        "how_to_apply": "Fill in the college's online form.",
        "es": {"how_to_apply": "Llene el formulario en línea del colegio."},
    },
    "es": {"name": "Certificado nocturno de soporte de TI", "description": ANSWERS["description_es"]},
    "sources": [{"document": "IT certificate page", "publisher": "Test College"}],
    "last_verified": "2026-05-17",
}


def render_issue(answers: dict, questions=SPANISH) -> str:
    """Write answers the way GitHub renders a submitted issue form."""
    parts = []
    for question in questions:
        answer = answers.get(question.id)
        if question.type == "checkboxes":
            value = "\n".join(f"- [{'X' if option in (answer or []) else ' '}] {option}" for option in question.options)
        elif question.type == "dropdown" and not answer:
            value = "None"
        else:
            value = answer or "_No response_"
        parts.append(f"### {question.label}\n\n{value}")
    return "\n\n".join(parts)


def convert(data_dir, answers):
    return issue_to_entry.convert(render_issue(answers), data_dir, issue=12, today=TODAY)


def test_the_spanish_form_is_told_from_the_english_one():
    assert issue_answers.form_for(render_issue(ANSWERS))[0] == "es"
    assert issue_answers.form_for(render_issue({"name": "Evening IT"}, ENGLISH))[0] == "en"
    assert issue_answers.form_for("no questions here")[0] == "en"  # and the English form's reading refuses it


def test_a_filled_in_spanish_form_becomes_an_entry_with_its_spanish_text(data_dir):
    path, _ = convert(data_dir, ANSWERS)
    values, _, _ = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert path.name == "evening-it-support-certificate.yml" and values == EXPECTED


def test_the_spanish_answers_are_optional_but_the_english_ones_are_required(data_dir):
    answers = {key: value for key, value in ANSWERS.items() if key not in ("name_es", "how_to_apply_es", "how_to_apply")}
    path, _ = convert(data_dir, answers | {"degree": "no — no se necesita un título de licenciatura"})
    values, _, _ = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert values["es"] == {"description": ANSWERS["description_es"]} and "es" not in values["application"]
    assert values["eligibility"] == {"degree_required": False}
    with pytest.raises(issue_to_entry.IssueError) as caught:
        convert(data_dir, ANSWERS | {"name": "Another IT Program", "description": ""})
    assert caught.value.problems == ["Descripción en inglés: this answer is required"]


def test_spanish_steps_to_apply_without_the_english_ones_are_refused(data_dir):
    with pytest.raises(issue_to_entry.IssueError) as caught:
        convert(data_dir, ANSWERS | {"how_to_apply": ""})
    assert caught.value.problems == [
        "Cómo solicitar, en español: write the same in English too, under 'Cómo solicitar, en inglés': the Spanish text translates it"
    ]
    assert list((data_dir / "programs").glob("evening-it*.yml")) == []


def test_a_problem_the_validator_finds_is_named_by_the_spanish_question(data_dir):
    with pytest.raises(issue_to_entry.IssueError) as caught:
        convert(data_dir, ANSWERS | {"name_es": "x" * 400})
    assert [problem.split(":")[0] for problem in caught.value.problems] == ["Nombre del programa en español"]


def test_both_forms_ask_the_same_questions_but_the_spanish_ones():
    english, spanish = [q.id for q in ENGLISH], [q.id for q in SPANISH]
    assert [i for i in spanish if i not in issue_entry.SPANISH_ANSWERS] == english
    assert [(q.type, q.required, q.multiple) for q in SPANISH if q.id in english] == [(q.type, q.required, q.multiple) for q in ENGLISH]
