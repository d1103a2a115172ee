"""The search documents: what each entry puts in the index (words by field) and its result row.

The index holds whole words as `tokenize` makes them (no stemming; stop words dropped), so
every term is a word the query side can produce. theme/static/js/engine.js tokenises queries
the same way and adds prefix, stem and typo variants itself; tests/support/search_twin.py is
its twin in Python for the tests. Descriptions are not indexed, only the short line a result
card shows: NOTES.md measured whole descriptions at 5x the size.

A row is [kind, name, url, line, by, regions] and, for programs only, four more values:
program type, [cost classes], [formats], cost text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from ..derive import plain_summary, require_derived
from ..languages import N_
from ..model import Directory
from ..render import cost_text, label

# Words too common to help; the query side drops the same ones ("it" is kept: IT support).
STOP_WORDS = frozenset("a an and are as at be by for from in into is of on or the to with".split())
KIND_LABELS = {  # English, translated where they are read (languages.gettext)
    "program": N_("Program"),
    "partner": N_("Partner"),
    "pathway": N_("Pathway"),
    "step": N_("Pathway step"),
    "partnership": N_("Partnership"),
    "occupation": N_("Occupation"),
}
LINE_LIMIT = 140
_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")
_CODE_HYPHEN = re.compile(r"(?<=[0-9])-(?=[0-9])")


def tokenize(text: str | None) -> list[str]:
    """Split text into index words: folded accents, lower case, letters and digits, codes joined.

    Mirrors `tokenize` in search.js: NFKD, lower case, marks removed, every character that is
    not a letter or digit (or is outside the BMP) separates words, and a hyphen between digits
    joins them, so "15-1134" is the word "151134" on both sides.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFKD", str(text)).lower()
    if text.isascii():
        words = _ASCII_SEPARATORS.split(_CODE_HYPHEN.sub("", text))
    else:
        text = _CODE_HYPHEN.sub("", "".join(char for char in text if unicodedata.category(char)[0] != "M"))
        words = "".join(char if unicodedata.category(char)[0] in "LN" and ord(char) <= 0xFFFF else " " for char in text).split()
    return [word for word in words if word and word not in STOP_WORDS]


@dataclass
class SearchDoc:
    """One search result: what is indexed (fields) and what its card shows (row)."""

    kind: str
    name: str
    url: str
    line: str
    by: str = ""
    regions: list[str] = field(default_factory=list)
    program: list | None = None
    fields: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self):
        self.fields["d"] = tokenize(self.line)

    def row(self) -> list:
        row = [self.kind, self.name, self.url, self.line, self.by, self.regions]
        return row + self.program if self.program else row


def _words(*texts) -> list[str]:
    return [word for text in texts for word in tokenize(text)]


def _short(text: str | None) -> str:
    """Cut plain text to a card line (plain_summary reads HTML, hence the escape)."""
    return plain_summary(html.escape(text), LINE_LIMIT) if text else ""


def _labels(values) -> list[str]:
    return [label(value) for value in values or []]


def program_doc(program) -> SearchDoc:
    """Return the search document of a program."""
    facets = program.facets
    region_names = [region.name for region in program.regions]
    kinds = [program["type"], label(program["type"]), *_labels(facets["format"])]
    if "free" in facets["cost"]:
        kinds.append("free")
    # The filters' words find it too, in the page's language: "gratis", "no degree", "evenings".
    kinds += [label(value) for name in ("cost", "degree", "schedule") for value in facets.get(name, []) if value != "unknown"]
    employers = [program.provider.name, *(partner.name for partner in program.host_employers)]
    return SearchDoc(
        "program",
        program.name,
        program.url,
        _short(program.summary),
        program.provider.name,
        [region.id for region in program.regions],
        [program["type"], [cost for cost in facets["cost"] if cost != "unknown"], facets["format"], cost_text(program, unknown="")],
        {
            "n": _words(program.name),
            "k": _words(*kinds),
            "t": _words(*(program.get("skills") or []), *(o.name for o in program.occupations)),
            "p": _words(*employers),
            "r": _words(*region_names),
        },
    )


def partner_doc(partner) -> SearchDoc:
    """Return the search document of a partner."""
    return SearchDoc(
        "partner",
        partner.name,
        partner.url,
        _short(partner.summary),
        ", ".join(_labels(partner.get("kinds"))),
        [region.id for region in partner.regions],
        None,
        {
            "n": _words(partner.name, partner.get("short_name")),
            "k": _words("partner", *partner.get("kinds") or [], *_labels(partner.get("kinds"))),
            "t": _words(*_labels(partner.get("sectors"))),
            "r": _words(*(region.name for region in partner.regions)),
        },
    )


def pathway_docs(pathway, regions) -> list[SearchDoc]:
    """Return the search documents of a pathway and of each of its steps."""
    region_ids = list(pathway.get("regions") or [])
    region_words = _words(*(regions[i].name for i in region_ids if i in regions))
    skills = sorted({skill for step in pathway.steps for skill in step.get("skills") or []})
    jobs = sorted({step.occupation.name for step in pathway.steps if step.occupation is not None})
    docs = [
        SearchDoc(
            "pathway",
            pathway.name,
            pathway.url,
            _short(pathway.summary),
            "" if label(pathway.get("field")).casefold() == pathway.name.casefold() else label(pathway.get("field")),
            region_ids,
            None,
            {
                "n": _words(pathway.name),
                "k": _words("pathway", label(pathway.get("field"))),
                "t": _words(*skills, *jobs),
                "r": region_words,
            },
        )
    ]
    for step in pathway.steps:
        job = [step.occupation.name] if step.occupation is not None else []
        docs.append(
            SearchDoc(
                "step",
                step.name,
                f"{pathway.url}#{step.anchor}",
                _short(step.summary),
                pathway.name,
                region_ids,
                None,
                {
                    "n": _words(step.name),
                    "k": _words(step.get("kind"), label(step.get("kind")), label(step.get("level"))),
                    "t": _words(*(step.get("skills") or []), *job),
                    "p": _words(pathway.name),
                    "r": region_words,
                },
            )
        )
    return docs


def partnership_doc(partnership) -> SearchDoc:
    """Return the search document of a partnership."""
    return SearchDoc(
        "partnership",
        partnership.name,
        partnership.url,
        _short(partnership.summary),
        label(partnership.get("kind")),
        [region.id for region in partnership.regions],
        None,
        {
            "n": _words(partnership.name, partnership.get("short_name")),
            "k": _words("partnership", label(partnership.get("kind"))),
            "t": _words(*(partnership.get("sectors") or [])),
            "r": _words(*(region.name for region in partnership.regions)),
        },
    )


def occupation_doc(occupation) -> SearchDoc:
    """Return the search document of an occupation: title, SOC code and 2010 SOC code."""
    codes = [occupation.get("soc_code"), occupation.get("soc_2010_code")]
    return SearchDoc(
        "occupation",
        occupation.name,
        occupation.url,
        _short(occupation.summary),
        " · ".join(f"SOC {code}" for code in codes if code),
        [],
        None,
        {
            "n": _words(occupation.name),
            "k": _words("occupation", "job", *codes, label(occupation.get("family"))),
        },
    )


def search_documents(directory: Directory) -> list[SearchDoc]:
    """Return every search document of a derived directory in a stable order: programs, partners, pathways and steps, ..."""
    return [doc for _, doc in sourced_documents(directory)]


def sourced_documents(directory: Directory) -> list[tuple]:
    """Return (entry or pathway step, its search document) for every document, in search_documents' order."""
    require_derived(directory)
    pairs = [(program, program_doc(program)) for program in directory.programs.values()]
    pairs += [(partner, partner_doc(partner)) for partner in directory.partners.values()]
    for pathway in directory.pathways.values():
        pairs += zip([pathway, *pathway.steps], pathway_docs(pathway, directory.regions), strict=True)
    pairs += [(partnership, partnership_doc(partnership)) for partnership in directory.partnerships.values()]
    pairs += [(occupation, occupation_doc(occupation)) for occupation in directory.occupations.values()]
    return pairs
