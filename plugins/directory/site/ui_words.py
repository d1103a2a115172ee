"""The words the site's scripts show (search.js, filters.js), in the language being made.

base.html writes them on every page as a JSON block (<script type="application/json"
id="ui-words">: data, not a script, so the Content-Security-Policy allows it); the scripts
read it and keep their own English words when it is missing. A counted text is a pair
[one, many] (the forms for 1 and for any other number, as English and Spanish count), its
%(num)s and the other %(name)s placeholders filled in by the script.
"""

from __future__ import annotations

from ..languages import gettext as _
from ..languages import language, ngettext

COUNTS = (1, 2)  # a number that takes each form: [one, many]


def ui_words() -> dict:
    """Return the scripts' words in the language being made, and its locale for their numbers ("en-US")."""
    return {
        "locale": language().locale.replace("_", "-"),
        # search.js: the filters beside the results
        "facetType": _("Type of result"),
        "facetProgramType": _("Type of program"),
        "facetCost": _("Cost"),
        "facetFormat": _("Format"),
        "facetRegion": _("Region"),
        "filters": _("Filters"),
        "filtersActive": [ngettext("Filters (%(num)s active)", "Filters (%(num)s active)", n) for n in COUNTS],
        # search.js: a result and the list of them
        "keyFacts": _("Key facts"),
        "showMore": [ngettext("Show %(num)s more", "Show %(num)s more", n) for n in COUNTS],
        "results": [ngettext("%(num)s result", "%(num)s results", n) for n in COUNTS],
        "resultsFor": [ngettext("%(num)s result for “%(query)s”", "%(num)s results for “%(query)s”", n) for n in COUNTS],
        "resultsFiltered": [ngettext("%(shown)s of %(num)s result, filtered", "%(shown)s of %(num)s results, filtered", n) for n in COUNTS],
        "resultsForFiltered": [
            ngettext("%(shown)s of %(num)s result for “%(query)s”, filtered", "%(shown)s of %(num)s results for “%(query)s”, filtered", n) for n in COUNTS
        ],
        "nothingMatchesQuery": _("Nothing matches “%(query)s”. Try fewer or shorter words, or browse:"),
        "nothingMatchesFilters": _("Nothing matches these filters. Try fewer or shorter words, or browse:"),
        "loading": _("Loading search…"),
        "loadFailed": _("Search could not be loaded."),
        "loadFailedBrowse": _("Search could not be loaded. You can still browse everything:"),
        # search.js: the header box on every other page
        "noResultsFor": _("No results for “%(query)s”"),
        "seeAll": [ngettext("See all %(num)s result", "See all %(num)s results", n) for n in COUNTS],
        "noResultsOpenPage": _("No results: open the search page"),
        "loadFailedEnter": _("Search could not be loaded; press Enter to open the search page."),
        # filters.js: the programs list
        "programsMatch": [ngettext("%(shown)s of %(num)s program matches", "%(shown)s of %(num)s programs match", n) for n in COUNTS],
    }
