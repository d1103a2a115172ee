"""Untrusted Markdown made safe: the renderer every description goes through, and the check
that tells a partner, before anything is built, what it would refuse or drop."""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

# What a description may contain after Markdown: text structure and links, nothing else.
ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "code", "blockquote", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
_DEAD_LINK = re.compile(r'<a rel="noopener noreferrer nofollow">(.*?)</a>', re.DOTALL)


class MarkdownRenderer:
    """Render Markdown with one reused converter, then sanitise with an allowlist."""

    def __init__(self):
        self._markdown = markdown.Markdown(extensions=[], output_format="html")

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        html = self._markdown.reset().convert(text)
        clean = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
        # A link whose address was refused (javascript: ...) is left as its text.
        return Markup(_DEAD_LINK.sub(r"\1", clean))


# Python-Markdown looks for the end of a link from every "[" to the end of its paragraph, so
# its work grows with the square of their number (6,000 took 8 s to render); every "<" makes
# it look for the end of an HTML tag (2,000 took half a second). No description needs more
# than these; an escaped "\[" costs nothing ("\<" is no escape in Markdown: it counts).
MAX_MARKDOWN_BRACKETS = 50
MAX_MARKDOWN_ANGLES = 200
_ESCAPED = re.compile(r"\\[\\`*_{}\[\]()>#+\-.!]")  # the backslash escapes Python-Markdown knows
# What Markdown writes that ALLOWED_TAGS then removes, and what a partner should hear about it.
DROPPED_TAGS = {
    "img": (
        "has an image, which the site does not show: the image and its description are dropped",
        "remove it, or link to the picture instead: [what it shows](https://...)",
    ),
    "heading": (
        "has a heading written with # or ## (or underlined), which the site shows as plain text, not as a heading",
        "write the heading with ### or ####, or make it a sentence",
    ),
}
_DROPPED_TAG = re.compile(r"<(img|h1|h2|h5|h6)\b")
# Markdown without the tables extension leaves a table as text: the rows run together with their | signs.
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$", re.MULTILINE)
TABLE_PROBLEM = ("has a table, which the site shows as plain lines with their | signs", "write the rows as a list instead, one '- ' line each")
# Only text with one of these can make a dropped tag; the rest is never rendered by the check.
_MAY_DROP = re.compile(r"!\[|<|^ {0,3}#|^ {0,3}(=+|-+)[ \t]*$", re.MULTILINE)
_checker: markdown.Markdown | None = None


def markdown_problems(text: str) -> list[tuple[str, str, str]]:
    """Return (severity, message, fix) for what the site refuses or drops in a Markdown text.

    Too many "[" or "<" are errors (they would cost seconds to render); images, headings
    other than ### and #### and tables are warnings: the site builds, but they are lost.
    """
    global _checker
    problems = []
    unescaped = _ESCAPED.sub("", text)  # drop "\[" (a bracket as text) but not the "[" of "\\[" (a backslash, then one)
    for opener, limit in (("[", MAX_MARKDOWN_BRACKETS), ("<", MAX_MARKDOWN_ANGLES)):
        count = unescaped.count(opener)
        if count > limit:
            fix = (
                "remove the extra brackets; one that is not a link can stay written as \\["
                if opener == "["
                else "remove the HTML tags (the site removes them anyway), or write 'less than' in words"
            )
            problems.append(("error", f"has {count:,} '{opener}' characters; Markdown text may have at most {limit}", fix))
    if problems:
        return problems  # rendering it is what must not be tried
    if _MAY_DROP.search(text):
        _checker = _checker or markdown.Markdown(extensions=[], output_format="html")
        found = {"img" if tag == "img" else "heading" for tag in _DROPPED_TAG.findall(_checker.reset().convert(text))}
        problems += [("warning", *DROPPED_TAGS[kind]) for kind in DROPPED_TAGS if kind in found]
    if _TABLE_RULE.search(text):
        problems.append(("warning", *TABLE_PROBLEM))
    return problems
