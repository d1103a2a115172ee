"""The directory's settings: names, defaults, and the check that runs at start-up."""

from __future__ import annotations

import re
from pathlib import Path

from .problems import SettingsError

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")

DEFAULTS = {
    # Folder holding data/<collection>/*.yml and data/schemas/, relative to the site's root.
    "DIRECTORY_DATA_PATH": "data",
    # The repository the site is built from, e.g. https://github.com/ORG/REPO. The Pages
    # workflow sets it from GitHub, so a fork links to itself. Empty: no such links.
    "DIRECTORY_REPOSITORY_URL": "",
    # Web address of the data folder in GitHub's editor, used by "suggest an edit" links.
    # Empty: DIRECTORY_REPOSITORY_URL + /edit/main/data.
    "DIRECTORY_EDIT_URL": "",
    # The partnership's public name, shown in the header and page titles.
    "DIRECTORY_NAME": "Tech Pathways Directory",
    # One sentence under the name on the home page.
    "DIRECTORY_TAGLINE": "Find a way into a tech career, and the programs that lead there.",
    # Theme colours (CSS values); the defaults pass WCAG AA contrast on white.
    "DIRECTORY_COLORS": {"brand": "#1d4f91", "accent": "#8a3b12"},
    # A custom domain (docs.example.org) to write into output/CNAME, for hosts that read it;
    # GitHub Pages deployed by Actions takes the domain from Settings > Pages instead.
    "DIRECTORY_CNAME": "",
    # The domain (or email address) that owns the stable ids of feed entries and exports,
    # tag:AUTHORITY,2026:... Use one your partnership controls; keep it once published.
    "DIRECTORY_FEED_AUTHORITY": "tech-pathways.directory",
    # Write the open-data exports (api/, hsds/, ctdl/, calendar/, more feeds) with the site.
    "DIRECTORY_EXPORTS": True,
    # From this many pages on, pages and the search index are made by parallel processes.
    "DIRECTORY_PARALLEL_PAGES": 2000,
}


def directory_settings(settings: dict, root: Path) -> dict:
    """Return the DIRECTORY_* settings with defaults filled in, or raise SettingsError naming the key."""
    values = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    data_path = Path(values["DIRECTORY_DATA_PATH"])
    if not data_path.is_absolute():
        data_path = root / data_path
    if not (data_path / "schemas").is_dir():
        raise SettingsError(
            f"DIRECTORY_DATA_PATH: {data_path} has no schemas/ folder; set DIRECTORY_DATA_PATH in pelicanconf.py to the folder holding partners/, programs/ ... and schemas/"
        )
    values["DIRECTORY_DATA_PATH"] = data_path
    repository = str(values["DIRECTORY_REPOSITORY_URL"]).rstrip("/")
    if repository and not repository.startswith("https://"):
        raise SettingsError("DIRECTORY_REPOSITORY_URL: must start with https:// (for example https://github.com/ORG/REPO), or be empty")
    values["DIRECTORY_REPOSITORY_URL"] = repository
    edit_url = values["DIRECTORY_EDIT_URL"] or (f"{repository}/edit/main/data" if repository else "")
    values["DIRECTORY_EDIT_URL"] = edit_url
    if edit_url and not str(edit_url).startswith("https://"):
        raise SettingsError("DIRECTORY_EDIT_URL: must start with https:// (for example https://github.com/ORG/REPO/edit/main/data), or be empty")
    cname = str(values["DIRECTORY_CNAME"]).strip()
    if cname and not re.fullmatch(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", cname):
        raise SettingsError("DIRECTORY_CNAME: must be a bare domain name such as jobs.example.org (no https://, no path), or be empty")
    values["DIRECTORY_CNAME"] = cname
    colors = values["DIRECTORY_COLORS"]
    if not isinstance(colors, dict) or not {"brand", "accent"} <= set(colors) or not all(isinstance(v, str) and _COLOR.fullmatch(v) for v in colors.values()):
        raise SettingsError(
            "DIRECTORY_COLORS: must be a dict with 'brand' and 'accent' colours written as #rrggbb, for example {'brand': '#1d4f91', 'accent': '#8a3b12'}"
        )
    return values
