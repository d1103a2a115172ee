"""The schemas declare the directory's shape: collections, references, labels and facets.

The proof the issue asks for: one enum value added to a copy of the schema (with its label)
is validated, labelled, faceted and exported with no change to the code.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from directory.data.checks import validate_data
from directory.data.problems import DirectoryError
from directory.data.shape import EACH, load_shape
from directory.render import label
from support import ROOT
from support.builders import write_fixture_site
from support.building import run_pelican

PROGRAM = "bixel-la-tech-talent-pipeline"  # a fixture program, of type work-based-learning
NEW_TYPE, NEW_LABEL, NEW_LABEL_ES = "coding-club", "Coding club after school", "Club de programación después de clases"


def _edit_schema(schema_dir: Path, name: str, edit) -> None:
    path = schema_dir / f"{name}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    edit(schema)
    path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")


def _add_program_type(schema: dict) -> None:
    field = schema["properties"]["type"]
    field["enum"].append(NEW_TYPE)
    field["x-labels"][NEW_TYPE] = NEW_LABEL
    field["x-labels-es"][NEW_TYPE] = NEW_LABEL_ES


def _set_type(data: Path, program: str, kind: str) -> None:
    path = data / "programs" / f"{program}.yml"
    path.write_text(re.sub(r"(?m)^type: .*$", f"type: {kind}", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def test_the_shipped_schemas_declare_every_collection_reference_and_facet():
    shape = load_shape()
    assert [c.folder for c in shape.collections] == ["programs", "partners", "pathways", "partnerships", "occupations", "regions", "sources"]
    assert shape.collection("partnerships").singular == "partnership"
    found = {(r.collection, r.path): r.target for r in shape.references}
    assert found[("programs", ("provider",))] == "partners"
    assert found[("programs", ("regions", EACH))] == "regions"  # declared once, in common.schema.json's region_ids
    assert found[("partnerships", ("members", EACH, "partner"))] == "partners"
    assert found[("occupations", ("sources", EACH, "source"))] == "sources"
    assert next(r for r in shape.references if r.path == ("pay", EACH, "area")).also == ("national",)
    assert [f.name for f in shape.facets] == ["type", "cost", "format", "schedule", "degree", "region", "open"]
    assert shape.facet("format").path == ("delivery",) and shape.facet("degree").hidden == ("unknown", "degree")


def _nodes(node, has):
    """Yield every object of a schema that has the key `has`."""
    if isinstance(node, dict):
        if has in node:
            yield node
        for value in node.values():
            yield from _nodes(value, has)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value, has)


def _shipped_schemas():
    return [(path.name, json.loads(path.read_text(encoding="utf-8"))) for path in sorted((ROOT / "data" / "schemas").glob("*.schema.json"))]


def test_every_enum_value_has_a_label():
    for name, schema in _shipped_schemas():
        for node in _nodes(schema, "enum"):
            assert set(map(str, node["enum"])) == set(node.get("x-labels", {})), f"{name}: {node['enum']}"
    assert label("k12-pathway") == "High-school pathway" and label("no-degree") == "No degree needed"


def test_every_label_and_facet_title_has_its_spanish():
    for name, schema in _shipped_schemas():
        for node in _nodes(schema, "x-labels"):
            spanish = node.get("x-labels-es", {})
            assert set(spanish) == set(node["x-labels"]), f"{name}: no Spanish label for {sorted(set(node['x-labels']) - set(spanish))}"
            assert all(text.strip() for text in spanish.values()), f"{name}: an empty Spanish label"
        for node in _nodes(schema, "x-facet"):
            assert node["x-facet"].get("title-es"), f"{name}: the facet {node['x-facet']['name']} has no title-es"


def test_every_description_has_its_spanish():
    for name, schema in _shipped_schemas():
        for node in _nodes(schema, "description"):
            if not isinstance(node["description"], str):
                continue  # a field named description
            assert (node.get("x-description-es") or "").strip(), f"{name}: no x-description-es beside {node['description'][:60]!r}"
        assert schema.get("x-title-es"), f"{name}: no x-title-es beside its title"


def test_a_value_with_two_labels_is_refused(tmp_path):
    schemas = write_fixture_site(tmp_path / "data") / "schemas"
    _edit_schema(schemas, "pathway", lambda s: s["$defs"]["step"]["properties"]["typical_experience"]["x-labels"].update({"none": "No experience"}))
    with pytest.raises(
        DirectoryError, match="x-labels gives 'none' the label 'None', another field gives it 'No experience'|x-labels gives 'none' the label 'No experience'"
    ):
        load_shape(schemas)


def test_labels_must_match_their_enum(tmp_path):
    schemas = write_fixture_site(tmp_path / "data") / "schemas"
    _edit_schema(schemas, "program", lambda s: s["properties"]["type"]["enum"].append(NEW_TYPE))
    with pytest.raises(DirectoryError, match="the x-labels of type must label exactly its enum values"):
        load_shape(schemas)


def test_the_spanish_labels_are_read_beside_the_english_ones():
    shape = load_shape()
    assert shape.labels["proposed-member"] == "Named as a possible member" and shape.labels_es["proposed-member"] == "Mencionado como posible miembro"
    assert set(shape.labels_es) == set(shape.labels)
    cost = shape.facet("cost")
    assert (cost.title, cost.title_es) == ("Cost", "Costo") and cost.labels_es["free"] == "Gratis" and set(cost.labels_es) == set(cost.labels)
    assert all(facet.title_es for facet in shape.facets)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda s: s["properties"]["type"]["x-labels-es"].pop("internship"),
            r"program.schema.json: the x-labels-es of type must label exactly the values its x-labels labels \(no Spanish for internship\)",
        ),
        (
            lambda s: s["properties"]["delivery"]["x-labels-es"].update({"remote": "A distancia"}),
            r"program.schema.json: the x-labels-es of delivery must label exactly the values its x-labels labels \(remote not in x-labels\)",
        ),
        (
            lambda s: s["properties"]["cost"]["x-facet"]["x-labels-es"].pop("free"),
            r"program.schema.json: the x-labels-es of cost \(x-facet\) must label exactly the values its x-labels labels \(no Spanish for free\)",
        ),
        (
            lambda s: s["properties"]["application"]["properties"]["status"]["x-labels-es"].update({"unknown": "Desconocido"}),
            "x-labels-es gives 'unknown' the label 'Desconocido', another field gives it 'No se sabe'|x-labels-es gives 'unknown' the label 'No se sabe'",
        ),
    ],
)
def test_spanish_labels_that_do_not_match_the_english_ones_are_refused(tmp_path, edit, message):
    schemas = write_fixture_site(tmp_path / "data") / "schemas"
    _edit_schema(schemas, "program", edit)
    with pytest.raises(DirectoryError, match=message):
        load_shape(schemas)


def test_a_reference_declared_in_the_schema_is_checked(tmp_path):
    data = write_fixture_site(tmp_path / "data")
    # funders are declared to name partners; declare them as naming regions instead, in the copy only
    _edit_schema(data / "schemas", "program", lambda s: s["properties"]["funders"].update({"x-references": "regions"}))
    path = data / "programs" / f"{PROGRAM}.yml"
    path.write_text(path.read_text(encoding="utf-8") + "funders:\n  - los-angeles\n", encoding="utf-8")

    def messages():
        return [p.message for p in validate_data(data).errors if p.path.endswith(f"{PROGRAM}.yml")]

    assert messages() == []
    path.write_text(path.read_text(encoding="utf-8").replace("  - los-angeles\n", "  - santa-monica-college\n"), encoding="utf-8")
    assert messages() == ["refers to region 'santa-monica-college', which does not exist"]


def test_one_enum_value_added_to_the_schema_is_validated_labelled_faceted_and_exported(tmp_path):
    data = write_fixture_site(tmp_path / "data")
    _set_type(data, PROGRAM, NEW_TYPE)
    before = validate_data(data).errors
    assert [(Path(p.path).name, p.field) for p in before] == [(f"{PROGRAM}.yml", "type")]  # the shipped schema refuses it

    _edit_schema(data / "schemas", "program", _add_program_type)  # the one edit: no code changes
    assert not validate_data(data).errors
    _set_type(data, "la-coalition-internship-pipeline", "coding-clubs")
    assert [p.field for p in validate_data(data).errors] == ["type"]  # and a value it does not list is still refused
    _set_type(data, "la-coalition-internship-pipeline", "internship")

    output = tmp_path / "output"
    done = run_pelican(output, data_path=data)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (output / "programs" / PROGRAM / "index.html").read_text(encoding="utf-8")
    assert f'<p class="lead">{NEW_LABEL} run by' in page
    programs = (output / "programs" / "index.html").read_text(encoding="utf-8")
    assert f'<input type="checkbox" name="type" value="{NEW_TYPE}"> {NEW_LABEL} <span class="count">(1)</span>' in programs
    assert f"type:{NEW_TYPE}" in programs  # the card's facet tokens, which the filter script reads
    filtered = (output / "programs" / "by" / "type" / NEW_TYPE / "index.html").read_text(encoding="utf-8")
    assert f"Programs: {NEW_LABEL}" in filtered and f"programs/{PROGRAM}/" in filtered

    document = json.loads((output / "api" / "programs" / f"{PROGRAM}.json").read_text(encoding="utf-8"))
    assert document["entry"]["type"] == NEW_TYPE
    rows = list(csv.DictReader(io.StringIO((output / "api" / "programs.csv").read_text(encoding="utf-8-sig"))))
    assert [row["type"] for row in rows if row["id"] == PROGRAM] == [NEW_TYPE]
    published = json.loads((output / "schemas" / "program.schema.json").read_text(encoding="utf-8"))
    assert NEW_TYPE in published["properties"]["type"]["enum"]


def test_an_item_raises_on_a_name_it_does_not_have_and_links_keep_the_field_names(fixture_data):
    from directory.data.checks import build_date
    from directory.model import build_directory

    directory = build_directory(validate_data(fixture_data).entries, build_date())
    program = directory.programs[PROGRAM]
    assert program.get("cost") is None  # an optional field the entry leaves out reads as None only through .get
    with pytest.raises(AttributeError, match=r"program 'bixel-la-tech-talent-pipeline' has no attribute 'cost': the field is optional .*\.get\('cost'\)"):
        program.cost  # noqa: B018
    with pytest.raises(AttributeError, match="has no attribute 'nmae': it is neither a field of programs"):
        program.nmae  # noqa: B018
    assert program.provider is directory.partners[program["provider"]]  # the link by the field's name, the id by key
    for pathway in directory.pathways.values():
        assert [partner.id for partner in pathway.maintainers] == list(pathway.get("maintainers") or [])
        assert [region.id for region in pathway.regions] == list(pathway.get("regions") or [])


def test_a_misspelt_name_in_a_template_fails_the_build(tmp_path):
    data = write_fixture_site(tmp_path / "data")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    path = theme / "templates" / "program.html"
    path.write_text(path.read_text(encoding="utf-8").replace("{{ program.name }}", "{{ program.nmae }}", 1), encoding="utf-8")
    done = run_pelican(tmp_path / "output", data_path=data, settings_overrides={"THEME": str(theme)})
    assert done.returncode != 0
    assert "has no attribute 'nmae'" in done.stdout + done.stderr


def test_the_committed_issue_form_has_the_options_the_schema_gives():
    from directory.data.issue_form import FORM, FORMS, form_options, render_form

    text = FORM.read_text(encoding="utf-8")
    assert render_form(text, form_options()) == text, "run `make issue-form` to write the schema's options into the form"
    assert form_options()["type"][0] == "bootcamp — short, intensive training"
    spanish = FORMS["es"].read_text(encoding="utf-8")
    assert render_form(spanish, form_options(language="es")) == spanish, "run `make issue-form` to write the schema's options into the Spanish form"
    options = form_options(language="es")
    assert options["type"][0] == "bootcamp — capacitación corta e intensiva" and options["delivery"][0] == "in-person — En persona"


def test_a_value_added_to_the_schema_is_an_option_of_the_form(tmp_path):
    from directory.data.issue_form import FORM, render_form, write_form

    schemas = write_fixture_site(tmp_path / "data") / "schemas"
    _edit_schema(schemas, "program", _add_program_type)
    _edit_schema(schemas, "program", lambda s: s["properties"]["type"]["x-form"]["notes"].update({NEW_TYPE: "a club that meets after school"}))
    form = tmp_path / "add-program.yml"
    shutil.copy(FORM, form)
    assert write_form(form, schemas) and not write_form(form, schemas)
    text = form.read_text(encoding="utf-8")
    assert f"        - training — a course of training that fits none of the above\n        - {NEW_TYPE} — a club that meets after school\n" in text
    assert text.replace(f"        - {NEW_TYPE} — a club that meets after school\n", "") == FORM.read_text(encoding="utf-8")
    with pytest.raises(DirectoryError, match="has no question with id 'nowhere'"):
        render_form(text, {"nowhere": ["a"]})


def test_a_value_added_to_the_schema_is_an_option_of_the_spanish_form_with_its_spanish_words(tmp_path):
    from directory.data.issue_form import FORMS, form_options, write_form

    schemas = write_fixture_site(tmp_path / "data") / "schemas"
    _edit_schema(schemas, "program", _add_program_type)
    form = tmp_path / "add-program-es.yml"
    shutil.copy(FORMS["es"], form)
    assert write_form(form, schemas, "es")  # no notes-es for it: its Spanish label
    assert f"        - {NEW_TYPE} — {NEW_LABEL_ES}\n" in form.read_text(encoding="utf-8")
    _edit_schema(schemas, "program", lambda s: s["properties"]["type"]["x-form"]["notes-es"].update({NEW_TYPE: "un club que se reúne después de clases"}))
    assert form_options(schemas, "es")["type"][-1] == f"{NEW_TYPE} — un club que se reúne después de clases"
    _edit_schema(schemas, "program", lambda s: s["properties"]["delivery"].pop("x-labels-es"))
    with pytest.raises(DirectoryError, match="x-form 'delivery' has no Spanish for 'in-person'"):
        form_options(schemas, "es")
