"""The directory's settings: names, defaults, and the check that runs at start-up."""

from __future__ import annotations

import math
import re
from pathlib import Path

from .data.problems import SettingsError
from .languages import LANGUAGES
from .parallel import PARALLEL_FROM

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2 level AA for normal text: the header, buttons and links all carry text.
MIN_CONTRAST = 4.5

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
    # Theme colours as #rrggbb: the header and buttons put white text on them, links use them
    # on white, so each needs WCAG AA contrast with white (4.5:1); checked at start-up.
    "DIRECTORY_COLORS": {"brand": "#1d4f91", "accent": "#8a3b12"},
    # A custom domain (docs.example.org) to write into output/CNAME, for hosts that read it;
    # GitHub Pages deployed by Actions takes the domain from Settings > Pages instead.
    "DIRECTORY_CNAME": "",
    # The domain (or email address) that owns the stable ids of feed entries and exports,
    # tag:AUTHORITY,2026:... Use one your partnership controls; keep it once published.
    "DIRECTORY_FEED_AUTHORITY": "tech-pathways.directory",
    # Write the open-data exports (api/, hsds/, ctdl/, calendar/, more feeds) with the site.
    "DIRECTORY_EXPORTS": True,
    # The languages of the site, the reference first: its pages keep the site's own URLs, each
    # other language has the same pages under its code (/es/programs/...). Known: en, es.
    # Each needs theme/translations/<code>/ and a translation of each page in content/pages/.
    "DIRECTORY_LANGUAGES": ["en", "es"],
    # The name and tagline in each other language, where they differ: {"es": {"DIRECTORY_TAGLINE": "..."}}.
    # Change them with the English ones.
    "DIRECTORY_TRANSLATED_SETTINGS": {"es": {"DIRECTORY_TAGLINE": "Encuentre un camino hacia una carrera en tecnología, y los programas que llevan a ella."}},
    # From this many entries on, the descriptions, pages, search files and open data are made
    # by parallel processes (parallel.PARALLEL_FROM, the one threshold, unless set here).
    "DIRECTORY_PARALLEL_PAGES": PARALLEL_FROM,
    # Program cards on each page of the program list, of each filter page (/programs/by/...) and
    # of the programs an occupation, partner or pathway step names (an entry's own page shows
    # this many and links the rest): they follow on .../page/2/ and so on, so no page grows
    # with the directory (site/pagination.py, site/program_lists.py).
    "DIRECTORY_PAGE_SIZE": 50,
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
    for name, color in sorted(colors.items()):
        ratio = contrast_with_white(color)
        if ratio < MIN_CONTRAST:
            raise SettingsError(
                f"DIRECTORY_COLORS: '{name}' {color} has a contrast of only {math.floor(ratio * 100) / 100:.2f}:1 with white text;"
                f" WCAG AA needs {MIN_CONTRAST}:1; choose a darker colour, for example {darker_for_white(color)}"
            )
    codes = values["DIRECTORY_LANGUAGES"]
    if not isinstance(codes, (list, tuple)) or not codes or codes[0] != "en" or len(set(codes)) != len(codes) or not set(codes) <= set(LANGUAGES):
        raise SettingsError(
            f"DIRECTORY_LANGUAGES: must list the site's languages, English first, each once, from {', '.join(LANGUAGES)}; for example ['en', 'es'] or ['en']"
        )
    values["DIRECTORY_LANGUAGES"] = tuple(codes)
    size = values["DIRECTORY_PAGE_SIZE"]
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise SettingsError("DIRECTORY_PAGE_SIZE: must be a whole number of program cards a page, 1 or more, for example 50")
    translated = values["DIRECTORY_TRANSLATED_SETTINGS"]
    allowed = {"DIRECTORY_NAME", "DIRECTORY_TAGLINE"}
    if not isinstance(translated, dict) or not all(
        code in LANGUAGES and isinstance(texts, dict) and set(texts) <= allowed and all(isinstance(text, str) and text.strip() for text in texts.values())
        for code, texts in translated.items()
    ):
        raise SettingsError(
            "DIRECTORY_TRANSLATED_SETTINGS: must map a language code to the texts of DIRECTORY_NAME and DIRECTORY_TAGLINE in it,"
            " for example {'es': {'DIRECTORY_TAGLINE': '...'}}"
        )
    return values


def _luminance(color: str) -> float:
    """Return the WCAG 2 relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(color: str) -> float:
    """Return the WCAG 2 contrast ratio of white text on a #rrggbb colour (1 to 21)."""
    return 1.05 / (_luminance(color) + 0.05)


def darker_for_white(color: str) -> str:
    """Return the colour darkened, same hue, just enough for white text to pass WCAG AA."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(100, -1, -1):
        darker = "#" + "".join(f"{round(channel * step / 100):02x}" for channel in channels)
        if contrast_with_white(darker) >= MIN_CONTRAST:
            return darker
    return "#000000"
