"""Atom feeds of programs per type of program and per region, beside the site's feed of all programs."""

from __future__ import annotations

from markupsafe import Markup

from .. import site_files
from ..model import Directory
from ..render import label
from .shared import Site, summary_of

FOLDER = "feeds"


def feed_plan(directory: Directory) -> list[dict]:
    """Return each feed to write: its path, title, the page it mirrors and its programs (none empty)."""
    plan = []
    by_type: dict[str, list] = {}
    for program in directory.programs.values():
        by_type.setdefault(program["type"], []).append(program)
    for kind in sorted(by_type):
        plan.append(
            {"path": f"{FOLDER}/types/{kind}.atom.xml", "title": f"{label(kind)} programs", "alternate": f"programs/by/type/{kind}/", "programs": by_type[kind]}
        )
    for region in directory.regions.values():
        programs = region.links.get("programs") or []
        if programs:
            plan.append(
                {"path": f"{FOLDER}/regions/{region.id}.atom.xml", "title": f"Programs in {region.name}", "alternate": region.url, "programs": programs}
            )
    return plan


def export(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return one Atom feed per program type and per region that has programs."""
    files = {}
    for feed in feed_plan(directory):
        summaries = {program.id: summary_of(program) for program in feed["programs"]}
        text = site_files.atom_feed(
            feed["programs"], site.url, f"{site.name}: {feed['title']}", feed["path"], summaries, site.authority, alternate=feed["alternate"]
        )
        files[feed["path"]] = text.encode("utf-8")
    return files


def section(directory: Directory) -> dict:
    """Describe the feeds for the Open data page."""
    files = [{"path": f"{FOLDER}/programs.atom.xml", "title": f"Every program ({len(directory.programs)})", "about": "Newest checked first."}]
    files += [
        {"path": feed["path"], "title": feed["title"], "about": f"{len(feed['programs'])} program{'' if len(feed['programs']) == 1 else 's'}."}
        for feed in feed_plan(directory)
    ]
    return {
        "id": "feeds",
        "title": "Feeds (Atom)",
        "about": Markup(
            "Follow programs in a feed reader: every program, or only one type of program or one region. Each program keeps the "
            "same entry id in every feed and every build, so a reader shows a program again only when it was checked again."
        ),
        "files": files,
    }
