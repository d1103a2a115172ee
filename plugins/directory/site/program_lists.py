"""Lists of programs in numbered pages: the program list, the filter pages, and the long lists entries name.

An occupation, a partner or a pathway step names every program linked to it; at 50,000
programs that is thousands of cards on one page. Its page shows the first DIRECTORY_PAGE_SIZE
of them and links to the whole list, which has numbered pages of its own. The addresses,
which the entries' templates write too:

- occupations/<id>/programs/: the programs that prepare for an occupation
- partners/<id>/programs/, partners/<id>/hosted-programs/, partners/<id>/funded-programs/
- pathways/<id>/<step id>/programs/: the programs that lead to a step
"""

from __future__ import annotations

from ..languages import gettext as _
from ..model import Directory
from ..render import number
from .pagination import paginate

# A partner's lists of programs, by the link that makes them (model.link_programs), and their addresses under the partner's.
PARTNER_LISTS = (("programs", "programs/"), ("hosted_programs", "hosted-programs/"), ("funded_programs", "funded-programs/"))


def program_list_pages(page, programs: list, url: str, context: dict, title: str, page_size: int) -> list:
    """Return a list of programs as numbered pages made by page(path, template, context, url): page 1 at url, then url/page/2/ ..."""
    pages = []
    for chunk, pagination in paginate(programs, url, page_size):
        numbered = (
            title
            if pagination.number == 1
            else _("%(title)s, page %(num)s of %(count)s") % {"title": title, "num": number(pagination.number), "count": number(pagination.count)}
        )
        listing = {**context, "programs": chunk, "pagination": pagination, "page_title": numbered, "list_heading": title}
        pages.append(page(f"{pagination.url}index.html", "programs.html", listing, pagination.url))
    return pages


def linked_program_pages(page, directory: Directory, page_size: int) -> list:
    """Return the whole lists of programs that an occupation, a partner or a pathway step names, where they are longer than a page."""
    lists = []
    for occupation in directory.occupations.values():
        lists.append((occupation, occupation.url, occupation.links["programs"], _("Programs that prepare for %(name)s"), "programs/"))
    for partner in directory.partners.values():
        titles = {"programs": _("Programs %(name)s runs"), "hosted_programs": _("Programs %(name)s hosts"), "funded_programs": _("Programs %(name)s funds")}
        lists += [(partner, partner.url, partner.links[key], titles[key], address) for key, address in PARTNER_LISTS]
    for pathway in directory.pathways.values():
        for step in pathway.steps:
            lists.append((step, f"{pathway.url}#{step.anchor}", step.programs, _("Programs that lead to %(name)s"), f"{step.id}/programs/"))
    pages = []
    for entry, back, programs, title, address in lists:
        if len(programs) <= page_size:  # the entry's own page shows them all
            continue
        base = (back.split("#", 1)[0]) + address
        context = {"facets": {}, "active_filter": None, "list_of": {"name": entry.name, "url": back}}
        pages += program_list_pages(page, programs, base, context, title % {"name": entry.name}, page_size)
    return pages
