"""The site in each of its languages: what one language's pages are made from, and what they still show in English.

Plain functions the generator calls once per language (languages.py says which): no Pelican here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data.loader import Entry
from .data.translations import localized
from .languages import LANGUAGES


@dataclass
class Edition:
    """The site in one language: its linked directory, its pages, its search files and what its templates read."""

    language: object
    directory: object
    pages: list
    search_assets: object
    context: dict


def localized_entries(entries: dict[str, dict[str, Entry]], code: str, fields: frozenset[str]) -> dict[str, dict[str, Entry]]:
    """Return the entries with their `code:` text in place of the English one (data.translations.localized)."""
    return {
        name: {key: Entry(e.collection, e.id, e.path, e.relpath, localized(e.values, code, fields)) for key, e in group.items()}
        for name, group in entries.items()
    }


def untranslated_pages(pages, codes) -> list[str]:
    """Say which of Pelican's pages (content/pages/) lacks a translation into one of the site's languages."""
    problems = []
    for page in pages:
        have = {page.lang, *(translation.lang for translation in page.translations)}
        for code in codes:
            if code not in have:
                source = Path(page.source_path).name
                problems.append(
                    f"content/pages/{source}: has no {LANGUAGES[code].name} translation; add content/pages/{Path(source).stem}.{code}.md"
                    f" with 'Lang: {code}' and 'Slug: {page.slug}', or leave '{code}' out of DIRECTORY_LANGUAGES in pelicanconf.py"
                )
    return problems
