"""Lists cut into numbered pages: page 1 at the list's own address, then page/2/, page/3/ ... under it.

A list of programs grows with the directory (10,000 programs made /programs/ 5.7 MB), so the
program list and each pre-rendered filter page show DIRECTORY_PAGE_SIZE cards a page. Each
page is a page of its own: its own canonical address, its place in the sitemap, rel=prev and
rel=next in its head and numbered links that work without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

# Numbered links shown on either side of the current page; the first and last are always shown.
AROUND = 2


@dataclass(frozen=True)
class Pagination:
    """Where one page sits in its list: its number, how many pages, the list's address and size."""

    number: int
    count: int
    base: str  # the list's own address, page 1's: "programs/by/cost/free/"
    total: int  # entries on all the pages together
    first: int  # the position (from 1) of the page's first entry in the whole list
    last: int  # the position of its last entry

    def url_of(self, number: int) -> str:
        """Return the address of page `number` of this list."""
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def url(self) -> str:
        return self.url_of(self.number)

    @property
    def prev_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None

    def links(self) -> list[dict | None]:
        """Return the numbered links to show, {number, url, current}, with None where numbers are left out."""
        shown = sorted({1, self.count, *range(max(1, self.number - AROUND), min(self.count, self.number + AROUND) + 1)})
        links: list[dict | None] = []
        for before, number in zip([0, *shown], shown, strict=False):
            if number - before > 1 and before:
                links.append(None)
            links.append({"number": number, "url": self.url_of(number), "current": number == self.number})
        return links


def paginate(entries: list, base: str, size: int) -> list[tuple[list, Pagination]]:
    """Cut entries into pages of `size`: [(the page's entries, its Pagination)], one page even when there is nothing to list."""
    count = max(1, -(-len(entries) // size))
    pages = []
    for number in range(1, count + 1):
        chunk = entries[(number - 1) * size : number * size]
        first = (number - 1) * size + 1 if chunk else 0
        pages.append((chunk, Pagination(number, count, base, len(entries), first, first + len(chunk) - 1 if chunk else 0)))
    return pages
