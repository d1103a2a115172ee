"""The languages the site is written in, the one a page is being made in, and its words.

English is the reference: its pages keep today's URLs. Every other language has the same
pages under a folder of its own (/es/programs/<id>/ ...). Interface words go through
gettext: the catalogs are theme/translations/<code>/LC_MESSAGES/messages.po, made and
updated by `make translations` (pybabel) and compiled by Babel when the build starts, so a
build never reads a stale .mo. Numbers and money follow each language's Babel locale:
Spanish as written in the United States (es_US), where "$99,730" and "28.6%" read as they
do in English.

The build makes one language at a time (use_language); templates ask for the language of
the page they render (template_gettext), so Pelican's about and contribute pages, rendered
by Pelican, get their own.
"""

from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context


@dataclass(frozen=True)
class Language:
    """One language of the site: its code (html lang), Babel locale, own name and URL folder."""

    code: str
    locale: str
    name: str  # in the language itself, as the language switch shows it
    prefix: str  # "" for English, "es/" for Spanish: the folder its pages are written in


LANGUAGES = {
    "en": Language("en", "en_US", "English", ""),
    "es": Language("es", "es_US", "Español", "es/"),
}
DEFAULT = "en"
DOMAIN = "messages"

_catalogs: dict[str, NullTranslations] = {}
_active = [DEFAULT]


def language(code: str | None = None) -> Language:
    """Return a language by code, or the one being made now."""
    return LANGUAGES[code or _active[-1]]


@contextlib.contextmanager
def use_language(code: str):
    """Make pages (labels, numbers, page titles) in this language inside the block."""
    _active.append(code)
    try:
        yield LANGUAGES[code]
    finally:
        _active.pop()


def load_catalogs(translations_dir: Path, codes=tuple(LANGUAGES)) -> None:
    """Read and compile each language's messages.po (English needs none: its words are the msgids)."""
    _catalogs.clear()
    for code in codes:
        if code != DEFAULT:
            _catalogs[code] = compile_catalog(translations_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po", LANGUAGES[code].locale)


@functools.lru_cache(maxsize=8)
def _compiled(path: Path, mtime: float, locale: str) -> Translations:
    with path.open("rb") as po:
        catalog = read_po(po, locale=locale)
    data = io.BytesIO()
    write_mo(data, catalog)  # fuzzy entries are left out, as pybabel compile leaves them
    data.seek(0)
    return Translations(data, domain=DOMAIN)


def compile_catalog(path: Path, locale: str) -> Translations:
    """Return the translations of a .po file, compiled as pybabel compile would."""
    return _compiled(path, path.stat().st_mtime, locale)


def translations(code: str | None = None) -> NullTranslations:
    """Return the catalog of a language (the one being made now by default)."""
    code = code or _active[-1]
    return _catalogs.get(code) or NullTranslations()


def N_(message: str) -> str:
    """Mark a text for the catalog where it is defined (a module constant); gettext() translates it where it is read."""
    return message


def gettext(message: str) -> str:
    """Translate an interface text into the language being made now."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a counted text ("1 step", "2 steps") into the language being made now."""
    return translations().ngettext(singular, plural, count)


def context_language(context) -> str:
    """Return the language of the page a template renders: a Pelican page's own, else the build's."""
    page = context.get("page")
    return getattr(page, "lang", None) or context.get("lang") or _active[-1]


@pass_context
def template_gettext(context, message: str) -> str:
    return translations(context_language(context)).gettext(message)


@pass_context
def template_ngettext(context, singular: str, plural: str, count: int) -> str:
    return translations(context_language(context)).ngettext(singular, plural, count)
