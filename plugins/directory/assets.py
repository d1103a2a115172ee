"""The theme's files as the pages link to them: each named by a hash of its bytes, so it can be cached for good.

A changed file gets a new name, so a browser never mixes an old style sheet with a new page,
and the server may tell browsers to keep every file under theme/ for a year.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .artwork import favicon_svg, social_png


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


def plan_theme_assets(colors: dict) -> ThemeAssets:
    """Make the icon and the social preview image from the theme colours."""
    assets = ThemeAssets()
    assets.add("icon", "theme/images", "icon", ".svg", favicon_svg(colors))
    assets.add("social", "theme/images", "social", ".png", social_png(colors))
    return assets
