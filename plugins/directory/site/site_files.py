"""sitemap.xml and robots.txt: plain text built from the directory (the feeds are exports/feeds.py's)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..render import absolute


def sitemap(urls: list[tuple[str, str | None]], siteurl: str) -> str:
    """Return a sitemap of (url, last modified date or None), in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in urls:
        lastmod = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(absolute(siteurl, url))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(siteurl: str) -> str:
    """Allow everything and point at the sitemap."""
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(siteurl, 'sitemap.xml')}\n"
