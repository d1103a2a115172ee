"""Atom feeds of programs: every program, per type of program and per region, written by feedgenerator."""

from __future__ import annotations

import datetime

from feedgenerator import Atom1Feed
from markupsafe import Markup

from ..languages import gettext as _
from ..languages import ngettext
from ..model import Directory
from ..render import absolute, label
from .shared import Site, summary_of

FOLDER = "feeds"
# The updated time of a feed with no programs (a fork's first build): a fixed day, so every build agrees.
EMPTY_FEED_UPDATED = datetime.date(2000, 1, 1)


class ProgramFeed(Atom1Feed):
    """Atom1Feed whose summaries are plain text (feedgenerator marks every summary as HTML)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        handler.addQuickElement("summary", item["description"], {"type": "text"})

    def latest_post_date(self):
        # feedgenerator falls back on the current time, which would change the file on every build.
        return super().latest_post_date() if self.items else EMPTY_FEED_UPDATED


def _day(value) -> datetime.date:
    """Return a last_verified value (a date, or its YYYY-MM-DD text) as a date."""
    return datetime.date.fromisoformat(str(value))


def atom_feed(
    programs, siteurl: str, title: str, feed_url: str, summaries: dict[str, str], tag_authority: str, alternate: str = "programs/", edition: str = ""
) -> str:
    """Return an Atom feed of programs, most recently verified first, with ids that never change; alternate is the page it mirrors.

    siteurl is the address of the language's pages; edition its folder ("es/"), which the ids
    of a translated feed and its entries start with, so no two feeds share an id.
    """
    feed = ProgramFeed(
        title=title,
        link=absolute(siteurl, alternate),
        description=None,
        feed_url=absolute(siteurl, feed_url),
        feed_guid=f"tag:{tag_authority},2026:{edition}{feed_url}",
    )
    for program in sorted(programs, key=lambda p: (p["last_verified"], p.id), reverse=True):
        feed.add_item(
            title=program.name,
            link=absolute(siteurl, program.url),
            description=summaries[program.id],
            unique_id=f"tag:{tag_authority},2026:{edition}programs/{program.id}",
            updateddate=_day(program["last_verified"]),
            author_name=program.provider.name,
        )
    return feed.writeString("utf-8")


def feed_plan(directory: Directory) -> list[dict]:
    """Return each feed to write: its path, title, the page it mirrors and its programs (none empty)."""
    plan = []
    by_type: dict[str, list] = {}
    for program in directory.programs.values():
        by_type.setdefault(program["type"], []).append(program)
    for kind in sorted(by_type):
        plan.append(
            {
                "path": f"{FOLDER}/types/{kind}.atom.xml",
                "title": _("%(type)s programs") % {"type": label(kind)},
                "alternate": f"programs/by/type/{kind}/",
                "programs": by_type[kind],
            }
        )
    for region in directory.regions.values():
        programs = region.links.get("programs") or []
        if programs:
            plan.append(
                {
                    "path": f"{FOLDER}/regions/{region.id}.atom.xml",
                    "title": _("Programs in %(region)s") % {"region": region.name},
                    "alternate": region.url,
                    "programs": programs,
                }
            )
    return plan


def export(directory: Directory, site: Site, edition: str = "") -> dict[str, bytes]:
    """Return one Atom feed per program type and per region that has programs (edition: as atom_feed's)."""
    files = {}
    for feed in feed_plan(directory):
        summaries = {program.id: summary_of(program) for program in feed["programs"]}
        text = atom_feed(
            feed["programs"], site.url, f"{site.name}: {feed['title']}", feed["path"], summaries, site.authority, alternate=feed["alternate"], edition=edition
        )
        files[feed["path"]] = text.encode("utf-8")
    return files


def section(directory: Directory) -> dict:
    """Describe the feeds for the Open data page."""
    files = [
        {"path": f"{FOLDER}/programs.atom.xml", "title": _("Every program (%(num)s)") % {"num": len(directory.programs)}, "about": _("Newest checked first.")}
    ]
    files += [
        {
            "path": feed["path"],
            "title": feed["title"],
            "about": ngettext("%(num)s program.", "%(num)s programs.", len(feed["programs"])) % {"num": len(feed["programs"])},
        }
        for feed in feed_plan(directory)
    ]
    return {
        "id": "feeds",
        "title": _("Feeds (Atom)"),
        "about": Markup(
            _(
                "Follow programs in a feed reader: every program, or only one type of program or one region. Each program keeps the "
                "same entry id in every feed and every build, so a reader shows a program again only when it was checked again."
            )
        ),
        "files": files,
    }
