"""Small builders for test datasets: each returns a valid entry, changed by keyword overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from support import FIXTURE_SITE, SCHEMAS

SOURCE = [{"source": "test-report", "locator": "Table 1"}]
VERIFIED = "2026-01-15"


def make_source(**overrides):
    entry = {
        "name": "Test report on tech jobs",
        "kind": "report",
        "publisher": "Test publisher",
        "published": "2020",
        "url": "https://www.example.org/test-report",
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_region(**overrides):
    entry = {
        "name": "Test Metro",
        "state": "CA",
        "description": "A metro area used by the tests, with one figure.",
        "figures": [{"label": "Tech employees", "measure": "tech-employees", "value": 1000, "unit": "count", "year": 2014, "source": "Test table"}],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_partner(**overrides):
    entry = {
        "name": "Test College",
        "kinds": ["college"],
        "description": "A community college used by the tests.",
        "regions": ["test-metro"],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_occupation(**overrides):
    entry = {
        "name": "Web Developers",
        "soc_code": "15-1254",
        "soc_2010_code": "15-1134",
        "family": "it",
        "typical_experience": "none",
        "description": "Build and maintain web sites and web applications.",
        "projections": [
            {
                "region": "test-metro",
                "base_year": 2014,
                "base_employment": 100,
                "projected_year": 2024,
                "projected_employment": 136,
                "percent_change": 36.0,
                "new_jobs_per_year": 4,
                "replacement_openings_per_year": 2,
                "openings_per_year": 6,
                "source": "Test projections",
            }
        ],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_pathway(**overrides):
    entry = {
        "name": "Web Development",
        "description": "From a first course to a job building web sites.",
        "field": "software-development",
        "regions": ["test-metro"],
        "steps": [
            {"id": "intro-course", "name": "Introductory web course", "kind": "course", "level": "entry", "leads_to": ["web-developer"]},
            {"id": "web-developer", "name": "Web Developer", "kind": "job", "level": "mid", "occupation": "15-1134"},
        ],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_program(**overrides):
    entry = {
        "name": "Web Coding Boot Camp",
        "type": "bootcamp",
        "status": "active",
        "provider": "test-college",
        "description": "Twelve weeks of evening classes in building web sites.",
        "delivery": "in-person",
        "regions": ["test-metro"],
        "cost": {"amount": 0},
        "schedule": ["evenings"],
        "eligibility": {"degree_required": False},
        "occupations": ["15-1134"],
        "pathway_steps": [{"pathway": "web-development", "step": "intro-course"}],
        "application": {"status": "rolling"},
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_partnership(**overrides):
    entry = {
        "name": "Test Tech Partnership",
        "kind": "industry-partnership",
        "status": "active",
        "description": "A partnership of employers and colleges used by the tests.",
        "members": [{"partner": "test-college", "roles": ["coordinator"]}],
        "benefits": [{"category": "networking", "for": ["employers"], "details": "Meet other employers"}],
        "fee": {"amount": 0},
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


MINIMAL = {
    ("sources", "test-report"): make_source,
    ("regions", "test-metro"): make_region,
    ("partners", "test-college"): make_partner,
    ("occupations", "15-1134"): make_occupation,
    ("pathways", "web-development"): make_pathway,
    ("programs", "web-coding-boot-camp"): make_program,
    ("partnerships", "test-tech-partnership"): make_partnership,
}


def write_entry(data_dir: Path, collection: str, entry_id: str, values) -> Path:
    """Write one entry as YAML (or raw text, if values is a str) and return its path."""
    folder = data_dir / collection
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entry_id}.yml"
    text = values if isinstance(values, str) else yaml.safe_dump(values, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_minimal_dataset(root: Path) -> Path:
    """Write a valid minimal dataset (one entry per collection, the real schemas) into root; return it."""
    shutil.copytree(SCHEMAS, root / "schemas")
    for (collection, entry_id), build in MINIMAL.items():
        write_entry(root, collection, entry_id, build())
    return root


def write_fixture_site(root: Path) -> Path:
    """Copy the fixture directory (tests/fixtures/site, with the engine's schemas) into root; return it."""
    shutil.copytree(FIXTURE_SITE, root)
    shutil.copytree(SCHEMAS, root / "schemas")
    return root


# Programs of the Spanish dataset: (id, English name, Spanish text).
SPANISH_PROGRAMS = [
    (
        "learn-to-code",
        "Learn to Code in Python",
        {"name": "Aprende a programar en Python", "description": "Un curso gratuito para aprender a programar desde cero."},
    ),
    ("summer-coding", "Summer Coding Camps", {"description": "Programas de verano para jóvenes que quieren aprender informática."}),
    ("it-support", "IT Support Certificate", {"name": "Certificado de soporte de TI", "description": "Prepara para empleos de soporte técnico en oficinas."}),
    ("cloud-apprenticeship", "Cloud Technologies Apprenticeship", {"description": "Un aprendizaje pagado en tecnologías de la nube."}),
    ("data-analysis", "Data Analysis Course", {"name": "Curso de análisis de datos", "description": "Análisis de datos con hojas de cálculo y SQL."}),
]


def write_spanish_dataset(root: Path) -> Path:
    """Write the minimal dataset with Spanish text beside the English (names, descriptions, a step, a region) and five more programs."""
    write_minimal_dataset(root)
    write_entry(root, "regions", "test-metro", make_region(es={"name": "Metro de prueba"}))
    occupation = make_occupation(es={"name": "Desarrolladores web", "description": "Crean y mantienen sitios y aplicaciones web."})
    write_entry(root, "occupations", "15-1134", occupation)
    pathway = make_pathway(es={"name": "Desarrollo web", "description": "Desde un primer curso hasta un empleo creando sitios web."})
    pathway["steps"][0]["es"] = {"name": "Curso introductorio de programación web"}
    write_entry(root, "pathways", "web-development", pathway)
    spanish = {"name": "Campamento de programación web", "description": "Doce semanas de clases nocturnas para crear sitios web."}
    write_entry(root, "programs", "web-coding-boot-camp", make_program(es=spanish))
    for entry_id, name, spanish in SPANISH_PROGRAMS:
        write_entry(root, "programs", entry_id, make_program(name=name, es=spanish, pathway_steps=[]))
    return root
