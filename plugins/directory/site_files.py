"""sitemap.xml, robots.txt and the Atom feed: plain text built from the directory."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .jsonld import absolute


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


def atom_feed(programs, siteurl: str, title: str, feed_url: str, summaries: dict[str, str], tag_authority: str, alternate: str = "programs/") -> str:
    """Return an Atom feed of programs, most recently verified first, with ids that never change; alternate is the page it mirrors."""
    ordered = sorted(programs, key=lambda p: (p["last_verified"], p.id), reverse=True)
    updated = ordered[0]["last_verified"] if ordered else "2000-01-01"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title>",
        f"<id>tag:{escape(tag_authority)},2026:{escape(feed_url)}</id>",
        f'<link rel="self" href={quoteattr(absolute(siteurl, feed_url))}/>',
        f'<link rel="alternate" href={quoteattr(absolute(siteurl, alternate))}/>',
        f"<updated>{updated}T00:00:00Z</updated>",
    ]
    for program in ordered:
        lines += [
            "<entry>",
            f"<title>{escape(program.name)}</title>",
            f"<id>tag:{escape(tag_authority)},2026:programs/{escape(program.id)}</id>",
            f'<link rel="alternate" href={quoteattr(absolute(siteurl, program.url))}/>',
            f"<updated>{program['last_verified']}T00:00:00Z</updated>",
            f"<author><name>{escape(program.provider.name)}</name></author>",
            f'<summary type="text">{escape(summaries[program.id])}</summary>',
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
