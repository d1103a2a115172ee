#!/usr/bin/env python3
"""Write synthetic program entries beside a copy of real data, for benchmarks.

Usage: python scripts/synthetic.py COUNT OUT_DIR [--data data]

The programs are obviously fake (names start with "Synthetic") and are never
committed; they only give the validator, the build and search a realistic load.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = "cloud data web network security support design cyber python java analytics systems database mobile devops".split()
TYPES = ["bootcamp", "registered-apprenticeship", "internship", "certificate", "online-course", "work-based-learning", "job-readiness"]


def _ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yml"))


def synthetic_program(number: int, rng: random.Random, partners, occupations, steps) -> dict:
    """Return one fake but schema-valid program of about 1.2 KB of YAML."""
    topic, second = rng.sample(WORDS, 2)
    pathway, step = rng.choice(steps)
    program = {
        "name": f"Synthetic {topic.title()} {second.title()} Program {number}",
        "type": rng.choice(TYPES),
        "status": "active",
        "provider": rng.choice(partners),
        "description": (
            f"A synthetic program used to measure the build. Participants learn {topic} and {second} skills "
            f"over several weeks, with projects reviewed by employers and **coaching** on interviews. "
            f"It stands in for program number {number}."
        ),
        "url": f"https://example.org/programs/{number}",
        "delivery": rng.choice(["in-person", "online", "hybrid"]),
        "cost": {"amount": rng.choice([0, 0, 500, 2500, 12000])},
        "duration": {"weeks": rng.randint(4, 52), "hours_per_week": rng.randint(5, 40)},
        "schedule": rng.sample(["daytime", "evenings", "weekends", "part-time"], 2),
        "eligibility": {"degree_required": rng.random() < 0.2, "minimum_age": 18, "prerequisites": ["Basic computer skills"]},
        "skills": [topic, second, "teamwork"],
        "occupations": rng.sample(occupations, 2),
        "pathway_steps": [{"pathway": pathway, "step": step}],
        "application": {"status": "rolling", "how_to_apply": "Fill in the form on the program page."},
        "supports": ["career-coaching"],
        "languages": ["en", "es"] if number % 3 == 0 else ["en"],
        "sources": [{"document": "Synthetic benchmark data", "publisher": "Tech Pathways Directory"}],
        "last_verified": "2026-11-01",
    }
    return program


def write_synthetic(count: int, out_dir: Path, data_dir: Path = ROOT / "data", seed: int = 7) -> Path:
    """Copy data_dir to out_dir/data and add COUNT synthetic programs; return the new data folder."""
    target = out_dir / "data"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(data_dir, target)
    rng = random.Random(seed)
    partners = _ids(data_dir / "partners") or ["synthetic-provider"]
    occupations = _ids(data_dir / "occupations")
    steps = []
    for path in sorted((data_dir / "pathways").glob("*.yml")):
        for step in yaml.safe_load(path.read_text(encoding="utf-8")).get("steps", []):
            steps.append((path.stem, step["id"]))
    for number in range(1, count + 1):
        program = synthetic_program(number, rng, partners, occupations, steps)
        text = yaml.safe_dump(program, sort_keys=False, allow_unicode=True)
        (target / "programs" / f"synthetic-program-{number}.yml").write_text(text, encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    print(write_synthetic(args.count, args.out_dir, args.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
