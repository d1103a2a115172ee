"""What each page says about itself to search engines and feed readers: its description, its date, its feed.

Run once over the pages build_pages() made: a page that names no description gets one from
what it lists; a page without a date gets the newest last_verified of the entries it shows
(the whole directory, for pages made from all of it); no two pages share a description; each
list of programs names the feed that mirrors it.
"""

from __future__ import annotations

from collections import Counter

from ..data.translations import has_english
from ..languages import gettext as _
from ..languages import ngettext
from ..model import Directory, Item
from ..render import label, left_in_english, number

LIMIT = 200
# Context keys that hold the entries a page lists, in the order their names are quoted.
LISTED = ("programs", "pathways", "partnerships", "partners", "occupations", "regions", "sources")
# Pages made from the whole directory rather than from a list of entries.
WHOLE = {"", "open-data/", "contribute/reference/", "404.html"}
NOT_IN_SITEMAP = {"search/", "404.html"}  # a search page without a query is no page to crawl


def _cut(text: str) -> str:
    if len(text) <= LIMIT:
        return text
    return text[: LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _names(items: list[Item], limit: int = 4) -> str:
    names = [item.name for item in items[:limit]]
    more = len(items) - len(names)
    if more:
        return ngettext("%(names)s and %(num)s more", "%(names)s and %(num)s more", more) % {"names": ", ".join(names), "num": more}
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _listed(count: int, kind: str, title: str, names: str) -> str:
    """Say what a list of entries other than programs holds: "Sources: 2 source documents, A and B."."""
    values = {"title": title, "num": number(count), "names": names}
    if kind == "pathways":
        return ngettext("%(title)s: %(num)s career pathway, %(names)s.", "%(title)s: %(num)s career pathways, %(names)s.", count) % values
    if kind == "partnerships":
        return ngettext("%(title)s: %(num)s partnership, %(names)s.", "%(title)s: %(num)s partnerships, %(names)s.", count) % values
    if kind == "partners":
        return ngettext("%(title)s: %(num)s organization, %(names)s.", "%(title)s: %(num)s organizations, %(names)s.", count) % values
    if kind == "occupations":
        return ngettext("%(title)s: %(num)s occupation, %(names)s.", "%(title)s: %(num)s occupations, %(names)s.", count) % values
    if kind == "regions":
        return ngettext("%(title)s: %(num)s region, %(names)s.", "%(title)s: %(num)s regions, %(names)s.", count) % values
    if kind == "sources":
        return ngettext("%(title)s: %(num)s source document, %(names)s.", "%(title)s: %(num)s source documents, %(names)s.", count) % values
    return ngettext("%(title)s: %(num)s entry, %(names)s.", "%(title)s: %(num)s entries, %(names)s.", count) % values


def list_description(page, listed: list[Item]) -> str:
    """Say what a list page shows, from the entries it lists."""
    title = page.context.get("page_title") or ""
    if not listed:
        return _("%(title)s: none listed yet.") % {"title": title}
    kind = listed[0].collection
    if kind == "programs":
        return _cut(_numbered(page, _programs_listed(page, listed)))
    return _cut(_listed(len(listed), kind, title, _names(listed)))


def _programs_listed(page, listed: list[Item]) -> str:
    """Say what a page of a list of programs shows: how many the whole list holds, and the names on this page."""
    pagination = page.context.get("pagination")
    total = pagination.total if pagination else len(listed)
    types = [label(kind) for kind, _count in Counter(program["type"] for program in listed).most_common(3)]
    values = {"num": number(total), "names": _names(listed)}
    active = page.context.get("active_filter")
    if page.context.get("list_of"):  # the programs an occupation, partner or pathway step names
        text = ngettext("%(title)s: %(num)s program, %(names)s.", "%(title)s: %(num)s programs, %(names)s.", total)
        return text % {**values, "title": page.context["list_heading"]}
    if active:
        text = ngettext("%(num)s program listed as %(filter)s: %(names)s.", "%(num)s programs listed as %(filter)s: %(names)s.", total)
        return text % {**values, "filter": active["label"].lower()}
    text = ngettext(
        "%(num)s program into tech work (%(types)s and more): %(names)s.", "%(num)s programs into tech work (%(types)s and more): %(names)s.", total
    )
    return text % {**values, "types": ", ".join(types).lower()}


def _numbered(page, description: str) -> str:
    """Put the page's number before the description of a page after the first of a list: no two pages share one."""
    pagination = page.context.get("pagination")
    if not pagination or pagination.number == 1:
        return description
    return _("Page %(num)s of %(count)s. %(description)s") % {"num": number(pagination.number), "count": number(pagination.count), "description": description}


def newest(items) -> str | None:
    """Return the newest last_verified of items, or None."""
    return max((item.get("last_verified") for item in items if item.get("last_verified")), default=None)


def page_feeds(plan: list[dict]) -> dict[str, dict]:
    """Return {page url: {path, title}} of the feed that mirrors each list of programs, given the open data's feeds (feed_plan)."""
    feeds = {"programs/": {"path": "feeds/programs.atom.xml", "title": _("Every program")}}
    feeds.update({feed["alternate"]: {"path": feed["path"], "title": feed["title"]} for feed in plan})
    return feeds


def describe_pages(pages: list, directory: Directory, feeds: list[dict] = ()) -> None:
    """Fill in each page's description, date, sitemap entry and feed, in place; feeds: the open data's feeds, if written."""
    everything = newest(directory.items())
    mirrored = page_feeds(feeds)
    for page in pages:
        pagination = page.context.get("pagination")
        list_url = pagination.base if pagination else page.url  # every page of a list names the list's feed
        if list_url in mirrored:
            page.context["page_feed"] = mirrored[list_url]
        listed = next((page.context[key] for key in LISTED if isinstance(page.context.get(key), list)), None)
        if page.url in NOT_IN_SITEMAP:
            page.in_sitemap = False
        if page.modified is None:
            page.modified = everything if page.url in WHOLE or listed is None else newest(listed) or everything
        if not page.context.get("page_description") and page.url not in ("", "404.html"):
            if listed is not None:
                page.context["page_description"] = list_description(page, listed)
            elif page.url == "search/":
                page.context["page_description"] = _("Search the directory's programs, pathways, jobs, partnerships and partners.")
            elif page.url == "contribute/reference/":
                page.context["page_description"] = _("Every field of every data file: what it means, the values it accepts and which fields are required.")
    seen = Counter(page.context.get("page_description") for page in pages)
    for page in pages:  # entries that say the same thing say whose it is
        description = page.context.get("page_description")
        if description and seen[description] > 1 and page.context.get("page_title"):
            page.context["page_description"] = _cut(_("%(title)s: %(description)s") % {"title": page.context["page_title"], "description": description})


def shows_english(context: dict) -> bool:
    """Return True when a translated page shows text left in English: its entry's, or the description of one it lists."""
    item = context.get("item")
    if item is not None:
        return has_english(item.values)
    listed = (entry for key in LISTED for entry in context.get(key) or [] if hasattr(entry, "values"))
    return any(left_in_english(entry, "description") for entry in listed)
