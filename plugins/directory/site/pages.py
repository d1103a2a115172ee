"""What pages the site has: each page's output path, template and context, built without Pelican."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..data.markdown import MarkdownRenderer
from ..data.problems import DirectoryError
from ..data.shape import current_shape
from ..derive import require_derived
from ..languages import gettext as _
from ..languages import language
from ..model import Directory
from ..render import holds_membership, label
from . import jsonld
from .page_figures import benefits_comparison, headline_figures, occupation_charts, pay_route, region_comparisons, route_chart
from .page_meta import describe_pages
from .program_lists import linked_program_pages, program_list_pages
from .reference import reference_context
from .svg import pathway_diagram

# Program cards on one page of a list (DIRECTORY_PAGE_SIZE's default).
PAGE_SIZE = 50
# The home page's ways in: filter pages a jobseeker starts from, shown when programs match.
WAYS_IN = (("degree", "no-degree"), ("cost", "free"), ("cost", "stipend"))


@dataclass
class Page:
    """One page to write: where, with which template, and what it shows."""

    path: str
    template: str
    context: dict = field(default_factory=dict)
    url: str = ""
    modified: str | None = None
    in_sitemap: bool = True
    # Context values made only when the page is written ({name: function of no argument}): the
    # JSON-LD of 50,000 program pages would otherwise be held all at once.
    deferred: dict = field(default_factory=dict)

    def writing_context(self) -> dict:
        """Return the context to render the page with, its deferred values made now."""
        return self.context | {name: make() for name, make in self.deferred.items()} if self.deferred else self.context


def facet_counts(programs, regions) -> dict[str, list[dict]]:
    """Count programs per filter value, for the filter menus and the pre-rendered filter pages."""
    facets = current_shape().facets  # the schema's x-facet fields, in their order
    counts = {facet.name: Counter() for facet in facets}
    for program in programs:
        for facet in counts:
            counts[facet].update(program.facets[facet])
    result = {}
    for facet in facets:
        options = []
        for value, total in sorted(counts[facet.name].items(), key=lambda kv: (-kv[1], kv[0])):
            if value in facet.hidden:  # "we don't know" is not a choice: no filter page
                continue
            name = regions[value].name if facet.name == "region" and value in regions else label(value)
            options.append({"facet": facet.name, "value": value, "label": name, "count": total, "url": f"programs/by/{facet.name}/{value}/"})
        result[facet.name] = options
    return result


def facet_titles() -> dict[str, str]:
    """Return each filter's title by its name, as the schema's x-facet gives it."""
    spanish = language().code == "es"
    return {facet.name: (facet.title_es or facet.title) if spanish else facet.title for facet in current_shape().facets}


def ways_in(counts: dict[str, list[dict]], partnerships) -> list[dict]:
    """The home page's ways in that lead somewhere: {key, url, count}, never an empty list."""
    options = {(option["facet"], option["value"]): option for facet in counts.values() for option in facet}
    ways = [
        {"key": value, "url": options[facet, value]["url"], "count": options[facet, value]["count"]} for facet, value in WAYS_IN if (facet, value) in options
    ]
    offering = sum(1 for partnership in partnerships if partnership.get("benefits"))
    if offering:
        ways.append({"key": "benefits", "url": "partnerships/benefits/", "count": offering})
    return ways


def build_pages(
    directory: Directory,
    siteurl: str,
    render: MarkdownRenderer | None = None,
    schema_dir: Path | None = None,
    open_data: list[dict] | None = None,
    feeds: list[dict] = (),
    page_size: int = PAGE_SIZE,
) -> list[Page]:
    """Return every page of a derived directory, in a stable order; with schema_dir, the data dictionary too.

    open_data: the sections of the Open data page (exports.open_data_catalog), None when no
    open data is written; feeds: the Atom feeds written with it (exports.feeds.feed_plan),
    which the lists they mirror name. Passed in, so pages need not import the exports.
    page_size: the program cards on each page of the program list and of each filter page.
    """
    require_derived(directory)
    counts = facet_counts(list(directory.programs.values()), directory.regions)
    pages = program_pages(directory, siteurl, counts, page_size)
    pages += partner_and_pathway_pages(directory, siteurl)
    pages += partnership_pages(directory, siteurl)
    pages += occupation_pages(directory, siteurl)
    pages += region_and_source_pages(directory, siteurl)
    pages += site_pages(directory, siteurl, counts, render or MarkdownRenderer(), schema_dir, open_data)
    describe_pages(pages, directory, feeds)
    paths = [page.path for page in pages]
    if len(set(paths)) != len(paths):  # two workers would write the same file unnoticed
        clashes = sorted({path for path in paths if paths.count(path) > 1})
        raise DirectoryError(f"two pages would be written to {', '.join(clashes)}; rename one of the entries")
    return pages


def entity_page(item, template: str, siteurl: str, describe=None, **context) -> Page:
    """Return the page of one entry; its structured data (describe(item, siteurl, summary), with its breadcrumb) is made when it is written."""
    return Page(
        f"{item.url}index.html",
        template,
        {"item": item, "page_title": item.name, "page_description": item.summary, **context},
        item.url,
        item.get("last_verified"),
        deferred={"structured_data": functools.partial(entity_structured_data, item, siteurl, describe)},
    )


def entity_structured_data(item, siteurl: str, describe=None):
    """Return an entry page's JSON-LD: what describe() says of the entry, and the page's breadcrumb."""
    folder = item.url.split("/", 1)[0]
    crumbs = [(_("Home"), ""), (_(jsonld.SECTIONS[folder]), f"{folder}/"), (item.name, item.url)]
    structured = describe(item, siteurl, item.summary) if describe else None
    return jsonld.with_breadcrumb(structured, crumbs, siteurl, item.url, item.name)


def program_pages(directory: Directory, siteurl: str, counts: dict[str, list[dict]], page_size: int = PAGE_SIZE) -> list[Page]:
    """Return the program list, the pre-rendered filter pages (which work without JavaScript), each in pages of page_size, and each program's page."""
    programs = list(directory.programs.values())
    pages = program_list_pages(Page, programs, "programs/", {"facets": counts, "active_filter": None}, _("Programs"), page_size)
    for facet, options in counts.items():
        for option in options:
            chosen = [p for p in programs if option["value"] in p.facets[facet]]
            title = _("Programs: %(filter)s") % {"filter": option["label"]}
            pages += program_list_pages(Page, chosen, option["url"], {"facets": counts, "active_filter": option}, title, page_size)
    pages += [entity_page(program, "program.html", siteurl, jsonld.program_ld) for program in programs]
    pages += linked_program_pages(Page, directory, page_size)
    return pages


def partner_and_pathway_pages(directory: Directory, siteurl: str) -> list[Page]:
    """Return the partner list and pages, then the pathway list and pages (with diagram and pay along the route)."""
    pages = [Page("partners/index.html", "partners.html", {"partners": list(directory.partners.values()), "page_title": _("Partners")}, "partners/")]
    pages += [entity_page(partner, "partner.html", siteurl, jsonld.partner_ld) for partner in directory.partners.values()]
    pages.append(Page("pathways/index.html", "pathways.html", {"pathways": list(directory.pathways.values()), "page_title": _("Career pathways")}, "pathways/"))
    for pathway in directory.pathways.values():
        route = pay_route(pathway)
        pages.append(
            entity_page(
                pathway,
                "pathway.html",
                siteurl,
                jsonld.pathway_ld,
                diagram=pathway_diagram(pathway, uid=f"diagram-{pathway.id}"),
                pay_route=route,
                pay_chart=route_chart(pathway, route),
            )
        )
    return pages


def partnership_pages(directory: Directory, siteurl: str) -> list[Page]:
    """Return the partnership list, the comparison of their benefits and each partnership's page."""
    partnerships = list(directory.partnerships.values())
    pages = [Page("partnerships/index.html", "partnerships.html", {"partnerships": partnerships, "page_title": _("Partnerships")}, "partnerships/")]
    pages.append(
        Page(
            "partnerships/benefits/index.html",
            "benefits.html",
            {"partnerships": partnerships, "comparison": benefits_comparison(partnerships), "page_title": _("What partnerships give their members")},
            "partnerships/benefits/",
        )
    )
    pages += [entity_page(p, "partnership.html", siteurl, jsonld.partnership_ld) for p in partnerships]
    return pages


def occupation_pages(directory: Directory, siteurl: str) -> list[Page]:
    """Return the occupation list, with its growth, openings and pay charts, and each occupation's page."""
    occupations = list(directory.occupations.values())
    context = {"occupations": occupations, **occupation_charts(occupations, directory.regions), "page_title": _("Occupations")}
    pages = [Page("occupations/index.html", "occupations.html", context, "occupations/")]
    pages += [entity_page(o, "occupation.html", siteurl, jsonld.occupation_ld) for o in occupations]
    return pages


def region_and_source_pages(directory: Directory, siteurl: str) -> list[Page]:
    """Return the comparison of regions and each region's page, then the list of sources and each source's page."""
    regions = list(directory.regions.values())
    comparing = {"regions": regions, "comparisons": region_comparisons(regions), "page_title": _("Regions compared")}
    pages = [Page("regions/index.html", "regions.html", comparing, "regions/")]
    pages += [entity_page(region, "region.html", siteurl, jsonld.region_ld) for region in regions]
    sources = list(directory.sources.values())
    about = _("Every document the directory's facts come from, with the entries it supports.")
    pages.append(Page("sources/index.html", "sources.html", {"sources": sources, "page_title": _("Sources"), "page_description": about}, "sources/"))
    pages += [entity_page(source, "source.html", siteurl, None) for source in sources]
    return pages


def site_pages(directory: Directory, siteurl: str, counts, render: MarkdownRenderer, schema_dir: Path | None, open_data: list[dict] | None) -> list[Page]:
    """Return the home page, the search page, the data dictionary (with schema_dir), the Open data page (with open_data) and the 404 page."""
    home = {
        "pathways": list(directory.pathways.values()),
        "facets": counts,
        "headlines": headline_figures(list(directory.regions.values())),
        "ways_in": ways_in(counts, list(directory.partnerships.values())),
        "program_count": len(directory.programs),
        "page_title": None,
    }
    pages = [Page("index.html", "index.html", home, ""), Page("search/index.html", "search.html", {"page_title": _("Search")}, "search/")]
    if schema_dir is not None:
        crumbs = [(_("Home"), ""), (_("Add or update a program"), "contribute/"), (_("Data dictionary"), "contribute/reference/")]
        structured = jsonld.with_breadcrumb(None, crumbs, siteurl, "contribute/reference/", _("Data dictionary"))
        context = {**reference_context(schema_dir, render, language=language().code), "structured_data": structured}
        pages.append(Page("contribute/reference/index.html", "reference.html", context, "contribute/reference/"))
    if open_data is not None:  # the page lists the export files, so it exists only when they are written
        about = _("Every entry of the directory as JSON, CSV, Open Referral HSDS, CTDL, iCalendar and Atom.")
        pages.append(
            Page("open-data/index.html", "open-data.html", {"sections": open_data, "page_title": _("Open data"), "page_description": about}, "open-data/")
        )
    pages.append(Page("404.html", "404.html", {"page_title": _("Page not found")}, "404.html", in_sitemap=False))
    return pages


def member_groups(partnership, members: bool = True) -> list[tuple[str, list[dict]]]:
    """Group a partnership's members (or, with members=False, the others it names) under their partner's first kind."""
    groups: dict[str, list[dict]] = {}
    for member in partnership.members:
        if holds_membership(member["roles"]) != members:
            continue
        groups.setdefault(label(member["partner"]["kinds"][0]), []).append(member)
    return sorted(groups.items())


def benefits_by_kind(partnership) -> list[tuple[str, list[dict]]]:
    """Group a partnership's benefits by the kind of member that receives them, all members first."""
    groups: dict[str, list[dict]] = {}
    for benefit in partnership.get("benefits") or []:
        for kind in benefit["for"]:
            groups.setdefault(kind, []).append(benefit)
    order = sorted(groups, key=lambda kind: (kind != "all-members", kind))
    return [(label(kind), groups[kind]) for kind in order]


def partners_by_kind(partners) -> list[tuple[str, list]]:
    """Group partners under the label of their first kind, groups and names in order."""
    groups: dict[str, list] = {}
    for partner in partners:
        groups.setdefault(label(partner["kinds"][0]), []).append(partner)
    return sorted(groups.items())
