"""The theme's files as the pages link to them: each named by a hash of its bytes, so it can be cached for good.

A changed file gets a new name, so a browser never mixes an old style sheet with a new page,
and the server may tell browsers to keep every hashed file under theme/ for a year.
The page's one style sheet is the theme colours, site.css and search.css joined: one request
that blocks rendering instead of three.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .artwork import favicon_svg, social_png

STYLE_SHEETS = ("css/site.css", "css/search.css")  # in this order, after the colours
SCRIPTS = {"engine": "js/engine.js", "search": "js/search.js", "filters": "js/filters.js"}


def theme_variables(colors: dict) -> str:
    """Return the CSS custom properties a partnership sets in DIRECTORY_COLORS."""
    lines = [f"  --{name}: {value};" for name, value in sorted(colors.items())]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def hashed_name(folder: str, stem: str, suffix: str, content: bytes) -> str:
    """Return folder/stem.HASH.suffix, HASH the first 10 hex digits of the content's SHA-256."""
    return f"{folder}/{stem}.{hashlib.sha256(content).hexdigest()[:10]}{suffix}"


@dataclass
class ThemeAssets:
    """The theme files to write (output path -> bytes) and, by role, the paths pages link to."""

    urls: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, role: str, folder: str, stem: str, suffix: str, content: bytes) -> None:
        path = hashed_name(folder, stem, suffix, content)
        self.urls[role] = path
        self.files[path] = content


def plan_theme_assets(colors: dict, static_dir: Path | None = None) -> ThemeAssets:
    """Make the style sheet, the scripts (from the theme's static_dir), the icon and the social preview image."""
    assets = ThemeAssets()
    if static_dir is not None:
        css = theme_variables(colors) + "".join((static_dir / name).read_text(encoding="utf-8") for name in STYLE_SHEETS)
        assets.add("css", "theme/css", "site", ".css", css.encode("utf-8"))
        for role, name in SCRIPTS.items():
            assets.add(f"js_{role}", "theme/js", role, ".js", (static_dir / name).read_bytes())
    assets.add("icon", "theme/images", "icon", ".svg", favicon_svg(colors))
    assets.add("social", "theme/images", "social", ".png", social_png(colors))
    return assets
