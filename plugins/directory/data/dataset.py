"""Find the data files under data/: entries of known collections, schemas, and strays."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

from .loader import suggest_id
from .problems import Problem
from .shape import load_shape

# Folder under data/ -> schema name (data/schemas/<name>.schema.json), as common.schema.json's x-collections
# lists them; checks and the data dictionary take partners first, as a contributor does (programs name them).
COLLECTIONS = {c.folder: c.singular for c in sorted(load_shape().collections, key=lambda c: c.folder != "partners")}
SCHEMA_FOLDER = "schemas"
SCHEMA_SUFFIX = ".schema.json"
# Ids that would collide with pages the site writes beside the entries (programs/by/..., partnerships/benefits/).
RESERVED_IDS = {"programs": {"by"}, "partnerships": {"benefits"}}
# Names Windows keeps for devices: a file or folder called so cannot be created there.
WINDOWS_DEVICE_NAMES = {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
ENTRY_SUFFIX = ".yml"
# Files a partner's editor or operating system may leave behind; never entries.
IGNORED_NAMES = {".DS_Store", "Thumbs.db", ".gitkeep", "README.md"}
# Copies editors and merge tools leave beside a file: 'x.yml.bak' is not an entry to rename.
EDITOR_COPY_ENDINGS = (".swp", ".swo", ".bak", ".orig", ".rej", ".tmp", "~")


def display_path(path: Path, base: Path | None = None) -> str:
    """Return path relative to base (default: the working directory) when possible."""
    base = base or Path.cwd()
    try:
        return os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        return str(path)


def _entry_suffix(name: str) -> str:
    """Return the .yml/.yaml ending of a file name in any capitals ('' if it has none)."""
    lowered = name.lower()
    for suffix in (".yml", ".yaml"):
        if lowered.endswith(suffix):
            return name[-len(suffix) :]
    return ""


def _yaml_ending(name: str) -> str:
    """Return the ending of a file name from its first .yml/.yaml on: 'x.yml.txt' -> '.yml.txt' ('' if none)."""
    if name.startswith(".") or name.lower().endswith(EDITOR_COPY_ENDINGS):
        return ""  # an editor's swap file or backup copy of an entry, not the entry
    match = re.search(r"\.ya?ml(\.|$)", name, re.IGNORECASE)
    return name[match.start() :] if match and match.start() > 0 else ""


def find_entry_files(data_dir: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """List (collection, path) for every entry file; every other file under data/ is a problem."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []

    def stray(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(display_path(path), 1, 1, "", message, hint=hint))

    def unreadable(error: OSError) -> None:
        stray(Path(error.filename or data_dir), f"cannot be read ({error.strerror})", "check that you may read the folder and its files")

    known = ", ".join(sorted(COLLECTIONS))
    try:
        tops = sorted(data_dir.iterdir())
    except OSError as error:
        unreadable(error)
        return found, problems
    for top in tops:
        if top.name in IGNORED_NAMES:
            continue
        if top.is_symlink():
            stray(top, "is a symbolic link", "replace the link with the real folder or file")
        elif top.is_dir() and top.name == SCHEMA_FOLDER:
            _find_stray_schemas(top, stray, unreadable)
        elif top.is_dir() and top.name in COLLECTIONS:
            entries = _find_in_collection(top, stray, unreadable)
            found.extend((top.name, path) for path in _without_id_collisions(entries, problems))
        elif top.is_dir():
            stray(top, "is not a known collection folder", f"move its entries into one of: {known}")
        elif _entry_suffix(top.name) or _yaml_ending(top.name):
            stray(top, "is an entry outside any collection folder", f"move it into one of data/{{{known}}}/")
        else:
            stray(top, "is not used by the site", "remove it, or move it out of data/")
    return found, problems


def _find_in_collection(top: Path, stray, unreadable) -> list[Path]:
    """Return the entry files of one collection folder, reporting folders inside it and files that are no entries."""
    entries: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=unreadable):
        folder = Path(dirpath)
        for name in sorted(dirnames):
            if (folder / name).is_symlink():
                stray(folder / name, "is a symbolic link", "replace the link with the real folder or file")
            else:
                stray(folder / name, f"is a folder inside {top.name}/; entries must sit directly in it", f"move its files up into data/{top.name}/")
        dirnames.clear()
        for name in sorted(filenames):
            if name not in IGNORED_NAMES and _is_entry_file(folder / name, top, stray):
                entries.append(folder / name)
    return entries


def _is_entry_file(path: Path, top: Path, stray) -> bool:
    """Say whether a file in a collection folder is an entry; report it if it is not."""
    # 'x.yml.txt' (an editor that added .txt, often hidden), 'x.yaml', 'x.YML', 'x.yml.yml'
    name = path.name
    suffix = _yaml_ending(name) or _entry_suffix(name)
    if suffix == ENTRY_SUFFIX:
        return True
    if not suffix:
        stray(path, "is not an entry (entries are .yml files) and is not used", f"remove it from data/{top.name}/")
        return False
    target = f"{suggest_id(name[: -len(suffix)]) or 'name-of-the-entry'}{ENTRY_SUFFIX}"
    # Windows and macOS often hide the .txt an editor added: say so, or the partner sees no fault.
    hidden = f"; your computer may not show its last ending, .{suffix.rsplit('.', 1)[1]}" if suffix.count(".") > 1 else ""
    if (path.parent / target).exists():
        stray(path, f"ends in {suffix}, and {target} is already there", f"merge the two into {target} and delete this one{hidden}")
    else:
        stray(path, f"ends in {suffix}", f"rename it to {target}{hidden}")
    return False


def _find_stray_schemas(folder: Path, stray, unreadable) -> None:
    """Report every file in data/schemas/ that is not a schema the site reads."""
    try:
        paths = sorted(folder.iterdir())
    except OSError as error:
        unreadable(error)
        return
    for path in paths:
        if path.name in IGNORED_NAMES:
            continue
        if path.is_symlink():
            stray(path, "is a symbolic link", "replace the link with the real file")
        elif path.is_dir():
            stray(path, "is a folder inside schemas/, which holds only schema files", "move it out of data/schemas/")
        elif not path.name.endswith(SCHEMA_SUFFIX):
            stray(path, f"is not a schema (schema files end in {SCHEMA_SUFFIX}) and is not used", "remove it from data/schemas/")


def _without_id_collisions(paths: list[Path], problems: list[Problem]) -> list[Path]:
    """Drop, with a problem each, files whose names differ only in capitals or punctuation.

    On Windows and macOS such files are one file, and as ids they would be one page;
    each is named in the other's message rather than told to take the other's name.
    """
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        stem = path.name.removesuffix(ENTRY_SUFFIX)
        groups[suggest_id(stem) or stem].append(path)
    kept = []
    for key, group in groups.items():
        if len(group) == 1:
            kept.extend(group)
            continue
        for path in group:
            if path.name == f"{key}{ENTRY_SUFFIX}":
                kept.append(path)  # the one correctly named file is checked as usual
                continue
            others = ", ".join(other.name for other in group if other is not path)
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    "",
                    f"file name '{path.name}' differs from {others} only in capitals or punctuation; they would be the same entry",
                    hint=f"keep one entry: merge them into {key}{ENTRY_SUFFIX} and delete the others",
                )
            )
    return sorted(kept)
