"""The program list's filter file: every program's filter values, for filters.js to filter the whole list.

The program list is cut into pages (site/pagination.py), so the cards in a page's HTML are a
fiftieth of the list: with JavaScript, filters.js filters over this file instead and shows
the matching programs from the search's row files (split.py). A program's position here is
its position in the list and its document number (ref) in the search, whose documents start
with the programs in the same order (docs.sourced_documents).
"""

from __future__ import annotations

from ..model import Directory


def program_facets(directory: Directory, rows_per_file: int) -> dict:
    """Return {tokens, combos, programs, rowsPerFile}: the filter values ("cost:free") of each program, as an index into combos."""
    tokens: dict[str, int] = {}
    combos: dict[tuple[int, ...], int] = {}
    programs = []
    for program in directory.programs.values():
        combo = tuple(sorted(tokens.setdefault(token, len(tokens)) for token in program.facet_tokens.split()))
        programs.append(combos.setdefault(combo, len(combos)))
    return {"tokens": list(tokens), "combos": [list(combo) for combo in combos], "programs": programs, "rowsPerFile": rows_per_file}
