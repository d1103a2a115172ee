"""Find the data files under data/: entries of known collections, schemas, and strays."""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

# Folder under data/ -> schema name (data/schemas/<name>.schema.json).
COLLECTIONS = {
    "partners": "partner",
    "programs": "program",
    "pathways": "pathway",
    "partnerships": "partnership",
    "occupations": "occupation",
    "regions": "region",
}
SCHEMA_FOLDER = "schemas"
# Ids that would collide with pages the site writes beside the entries (programs/by/..., partnerships/benefits/).
RESERVED_IDS = {"programs": {"by"}, "partnerships": {"benefits"}}
ENTRY_SUFFIX = ".yml"
# Files a partner's editor or operating system may leave behind; never entries.
IGNORED_NAMES = {".DS_Store", "Thumbs.db", ".gitkeep", "README.md"}


def display_path(path: Path, base: Path | None = None) -> str:
    """Return path relative to base (default: the working directory) when possible."""
    base = base or Path.cwd()
    try:
        return os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        return str(path)


def find_entry_files(data_dir: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """List (collection, path) for every entry file; every other file under data/ is a problem."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []

    def stray(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(display_path(path), 1, 1, "", message, hint=hint))

    known = ", ".join(sorted(COLLECTIONS))
    for top in sorted(data_dir.iterdir()):
        if top.name in IGNORED_NAMES:
            continue
        if top.is_symlink():
            stray(top, "is a symbolic link", "replace the link with the real folder or file")
        elif top.is_dir() and top.name == SCHEMA_FOLDER:
            continue
        elif top.is_dir() and top.name in COLLECTIONS:
            for dirpath, dirnames, filenames in os.walk(top):
                folder = Path(dirpath)
                for name in sorted(dirnames):
                    stray(folder / name, f"is a folder inside {top.name}/; entries must sit directly in it", f"move its files up into data/{top.name}/")
                dirnames.clear()
                for name in sorted(filenames):
                    path = folder / name
                    if name in IGNORED_NAMES:
                        continue
                    if name.endswith(ENTRY_SUFFIX):
                        found.append((top.name, path))
                    elif name.endswith(".yaml"):
                        stray(path, "ends in .yaml", f"rename it to {name[:-5]}.yml")
                    else:
                        stray(path, "is not an entry (entries are .yml files) and is not used", f"remove it from data/{top.name}/")
        elif top.is_dir():
            stray(top, "is not a known collection folder", f"move its entries into one of: {known}")
        elif top.suffix in (".yml", ".yaml"):
            stray(top, "is an entry outside any collection folder", f"move it into one of data/{{{known}}}/")
        else:
            stray(top, "is not used by the site", "remove it, or move it out of data/")
    return found, problems
