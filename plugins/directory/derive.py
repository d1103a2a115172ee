"""Every value made from the entries that pages, search and exports show: computed once, here.

derive() runs once per build, after build_directory() and before any of them, and is the only
writer of these attributes; pages, search and exports only read them. They are attributes of
the items rather than a mapping beside the directory because the templates read them as
`program.description_html`, as they read the entry's fields:

- every item: description_html (its Markdown description, sanitised HTML), summary (the first
  sentences of it as plain text), fact_year (the newest year its facts are dated by, or None;
  for a pathway, its occupations' facts count too) and fact_year_inferred (that year comes
  only from a date inferred for an undated source)
- every pathway step: description_html and summary
- on a translated page, a description left in English is wrapped in <div lang="en">
- programs and partnerships: status_as_of_text
- programs: outcome_rows (the table rows of each published result) and, given a card
  renderer, card_html (one card, shown on the list and on every filter page it matches)
- partnerships: named_only (the organizations named that are not members)
"""

from __future__ import annotations

import html
from collections.abc import Callable

import nh3
from markupsafe import Markup

from .data.markdown import MarkdownRenderer
from .data.problems import DirectoryError
from .languages import N_
from .languages import gettext as _
from .model import Directory, Item
from .parallel import parallel_map
from .render import holds_membership, left_in_english, outcome_text, status_as_of_text


def derive(
    directory: Directory,
    render: MarkdownRenderer | None = None,
    card: Callable[[Item], Markup] | None = None,
    *,
    min_items: int | None = None,
    rendered: dict | None = None,
) -> None:
    """Compute every derived value of the directory once, onto its items and steps (see the module's docstring).

    rendered: {Markdown text: (HTML, summary)} kept between the languages of one build, so a
    description left in English is not rendered again for the Spanish pages.
    """
    render = render or MarkdownRenderer()
    items = list(directory.items())
    texts = [item.get("description") for item in items]
    for item, (description_html, summary) in zip(items, describe(texts, render, min_items, rendered), strict=True):
        item.description_html = in_english(description_html) if left_in_english(item, "description") else description_html
        item.summary = summary
        item.fact_year = fact_year(item)
        item.fact_year_inferred = item.fact_year is not None and (fact_year(item, inferred=False) or 0) < item.fact_year
    for step in (step for pathway in directory.pathways.values() for step in pathway.steps):
        step.description_html = render(step.get("description"))  # Markdown, as every description is
        if left_in_english(step, "description"):
            step.description_html = in_english(step.description_html)
        step.summary = plain_summary(step.description_html)
    for item in (*directory.partnerships.values(), *directory.programs.values()):
        item.status_as_of_text = status_as_of_text(item.get("status_as_of"))
    for program in directory.programs.values():
        program.outcome_rows = [outcome_rows(outcome) for outcome in program.get("outcomes") or []]
    for partnership in directory.partnerships.values():  # "Members (N)" counts members only
        partnership.named_only = [m for m in partnership.members if not holds_membership(m["roles"])]
    for pathway in directory.pathways.values():  # a pathway page shows its occupations' figures too
        years = [pathway.fact_year, *(fact_year(step.occupation) for step in pathway.steps if step.occupation)]
        pathway.fact_year = max((year for year in years if year), default=None)
    if card is not None:
        for program in directory.programs.values():
            program.card_html = card(program)


def in_english(html_text: str) -> Markup:
    """Mark a description shown in English on a translated page."""
    return Markup(f'<div lang="en">{html_text}</div>')


def require_derived(directory: Directory) -> None:
    """Raise DirectoryError unless derive() ran on the directory: its readers would show nothing."""
    if any("summary" not in vars(item) for item in directory.items()):
        raise DirectoryError("the directory's derived values are missing: call derive(directory) after build_directory()")


def plain_summary(rendered_html: str, limit: int = 200) -> str:
    """Return the first sentences of rendered HTML as plain text, at most `limit` characters."""
    text = " ".join(html.unescape(nh3.clean(rendered_html, tags=set())).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    sentence = cut.rfind(". ")
    return cut[: sentence + 1] if sentence > limit // 2 else cut + "\u2026"


def describe(texts: list[str | None], render: MarkdownRenderer, min_items: int | None = None, known: dict | None = None) -> list[tuple[Markup, str]]:
    """Return (sanitised HTML, plain summary) for each Markdown description, in order; Markdown is the largest cost per entry.

    Each different text is rendered once; known ({text: (HTML, summary)}) holds texts already
    rendered and gains the new ones.
    """

    def described(text: str | None) -> tuple[Markup, str]:
        html_text = render(text)
        return html_text, plain_summary(html_text)

    known = {} if known is None else known
    todo = list(dict.fromkeys(text for text in texts if text not in known))
    done = parallel_map(described, todo, min_items=min_items, name="rendering descriptions")
    known.update((text, (Markup(html_text), summary)) for text, (html_text, summary) in zip(todo, done, strict=True))
    return [known[text] for text in texts]


def fact_year(item, inferred: bool = True) -> int | None:
    """Return the newest year an item's facts are dated by (sources, figures, results), or None; inferred=False ignores inferred dates."""
    values = item.values
    years = [int(date[:4]) for citation in getattr(item, "citations", None) or [] if (date := _document_date(citation, inferred))]
    if item.collection == "sources":
        years += [int(date[:4]) for date in [values.get("published") or inferred and (values.get("inferred_date") or {}).get("date")] if date]
    years += [figure["year"] for figure in values.get("figures") or [] if figure.get("year")]
    years += [int(outcome["period"][-4:]) for outcome in values.get("outcomes") or []]
    years += [row["year"] for row in values.get("employment") or []]
    years += [int(row["release"][-4:]) for row in values.get("pay") or []]
    years += [row["base_year"] for row in values.get("projections") or []]
    years += [actual["year"] for metric in values.get("metrics") or [] for actual in metric.get("actuals") or []]
    return max(years, default=None)


def _document_date(citation: dict, inferred: bool = True) -> str | None:
    """Return when a cited document was published, or (when inferred) the date inferred for it; None when unknown."""
    source = citation["source"]
    if source is None:
        return (citation["inline"] or {}).get("date")
    return source.get("published") or (inferred and (source.get("inferred_date") or {}).get("date")) or None


# Each result's rows: the outcome's key and the row's name, in English (translated when a page is made).
OUTCOME_ROWS = (
    ("applicants", N_("Applicants")),
    ("cohort_size", N_("Participants")),
    ("completion_rate", N_("Finished")),
    ("employment_rate", N_("Employed afterwards")),
    ("hired_by_employer_rate", N_("Hired afterwards by the employer")),
    ("median_earnings", N_("Median yearly earnings")),
)


def outcome_rows(outcome: dict) -> list[tuple[str, str]]:
    """Return a result's table rows (name, text); the hired-by-employer row only when the source gives it."""
    return [(_(name), outcome_text(outcome, key)) for key, name in OUTCOME_ROWS if key != "hired_by_employer_rate" or key in outcome]
