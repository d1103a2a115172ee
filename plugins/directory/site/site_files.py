"""sitemap.xml and robots.txt: plain text built from the directory (the feeds are exports/feeds.py's)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..render import absolute


def sitemap(urls: list[tuple[str, str | None]], siteurl: str, languages=()) -> str:
    """Return a sitemap of (url, last modified date or None), in the order given.

    With more than one language (languages.Language, the first the reference), every page is
    listed in each, its own folder first, and each entry names all of them as alternates.
    """
    if len(languages) < 2:
        languages = ()
    namespace = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if languages else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespace}>']
    for url, modified in urls:
        lastmod = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
        if not languages:
            lines.append(f"<url><loc>{escape(absolute(siteurl, url))}</loc>{lastmod}</url>")
            continue
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{language.code}" href="{escape(absolute(siteurl, language.prefix + url))}"/>' for language in languages
        )
        for language in languages:
            lines.append(f"<url><loc>{escape(absolute(siteurl, language.prefix + url))}</loc>{lastmod}{alternates}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(siteurl: str) -> str:
    """Allow everything and point at the sitemap."""
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(siteurl, 'sitemap.xml')}\n"
