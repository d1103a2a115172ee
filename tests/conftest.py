"""Small builders for test datasets: each returns a valid entry, changed by keyword overrides."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

SOURCE = [{"document": "Test document", "publisher": "Test publisher", "date": "2020"}]
VERIFIED = "2026-01-15"


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


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A valid minimal dataset (one entry per collection) with the real schemas."""
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schemas", root / "schemas")
    for (collection, entry_id), build in MINIMAL.items():
        write_entry(root, collection, entry_id, build())
    return root


@pytest.fixture(scope="session")
def validators():
    """The real schemas' validators, built once."""
    from directory.schema import load_schemas, make_validators

    return make_validators(load_schemas(ROOT / "data" / "schemas"))
