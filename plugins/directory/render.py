"""Values into the words a jobseeker reads: labels, numbers, figures, costs, membership."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from markupsafe import Markup, escape

from .data.shape import current_shape
from .languages import gettext as _
from .languages import language

# Roles that name an organization beside a partnership without making it a member.
NON_MEMBER_ROLES = frozenset({"proposed-member", "pilot-partner", "data-provider", "referral-source"})


def absolute(siteurl: str, url: str) -> str:
    """Join the site's address and a page URL."""
    return f"{siteurl}/{url}" if siteurl else f"/{url}"


def holds_membership(roles) -> bool:
    """Return True when a role list makes an organization a member (any role but the non-member ones)."""
    return any(role not in NON_MEMBER_ROLES for role in roles)


def status_as_of_text(as_of: dict | None) -> str:
    """Say when a status is known for: "as of 2020", "as of 2020, inferred"."""
    if not as_of:
        return ""
    if as_of.get("inferred"):
        return _("as of %(year)s, inferred") % {"year": as_of["year"]}
    return _("as of %(year)s") % {"year": as_of["year"]}


def outcome_text(outcome: dict, key: str) -> str:
    """Say one published result as its source does: "More than 600", "30%", "Not reported"."""
    if key not in outcome:
        return _("Not reported")
    unit = "percent" if key.endswith("_rate") else ("usd" if key == "median_earnings" else None)
    text = number(outcome[key], unit)
    if key in (outcome.get("more_than") or []) and not isinstance(outcome[key], str):
        return _("More than %(number)s") % {"number": text}
    return text


def label(value) -> str:
    """Return the plain-language label of a vocabulary value ('k12-pathway' -> 'High-school pathway')."""
    if value is None:
        return ""
    text = str(value)
    # The schemas label every value they allow (x-labels); a value they do not know reads as itself.
    shape = current_shape()
    if language().code == "es" and text in shape.labels_es:  # the schemas' x-labels-es
        return shape.labels_es[text]
    return shape.labels.get(text) or text.replace("-", " ").capitalize()


def number(value, unit: str | None = None) -> str:
    """Format a figure for reading in the page's language: 127000 usd -> $127,000; 28.6 percent -> 28.6%."""
    if isinstance(value, str):
        return {"suppressed": _("Withheld by the source"), "not-reported": _("Not reported")}.get(value, value)
    if value is None:
        return ""
    places = 0 if float(value).is_integer() else 1
    # Rounded as Python rounds the float (f"{value:.1f}"), then written with the locale's symbols.
    amount = Decimal(f"{value:.{places}f}")
    pattern = "#,##0.0" if places else "#,##0"
    locale = language().locale
    if unit == "usd":
        return format_currency(amount, "USD", format=f"¤{pattern};¤-{pattern}", currency_digits=False, locale=locale)
    if unit == "percent":
        return format_percent(amount / 100, format=f"{pattern}%", locale=locale)
    text = format_decimal(amount, format=pattern, locale=locale)
    if unit == "per-1000-jobs":
        return _("%(number)s per 1,000 jobs") % {"number": text}
    return text


def figure_text(figure: dict) -> str:
    """Say a published figure as its source does: "more than 1,000", "about 20", "$127,000"."""
    text = number(figure["value"], figure.get("unit"))
    if figure.get("more_than"):
        return _("more than %(number)s") % {"number": text}
    if figure.get("approximate"):
        return _("about %(number)s") % {"number": text}
    return text


def cost_text(program, unknown: str | None = None) -> str:
    """Say what a program costs ("Free", "$2,500", "$0.40"), never turning 'unknown' into 'free' (unknown: "Cost not listed")."""
    cost = program.get("cost")
    if not cost:
        return _("Cost not listed") if unknown is None else unknown
    amount = cost["amount"]
    if amount == 0:
        return _("Free")
    places = 0 if float(amount).is_integer() else 2
    pattern = "#,##0.00" if places else "#,##0"
    return format_currency(Decimal(f"{amount:.{places}f}"), "USD", format=f"¤{pattern};¤-{pattern}", currency_digits=False, locale=language().locale)


_ROOT_LINK = re.compile(r'(href|src)="/(?!/)')


def rewrite_root_links(html_text: str, siteurl: str) -> str:
    """Point links written as /path/ in content pages at the site's address, subpath included."""
    return _ROOT_LINK.sub(lambda m: f'{m.group(1)}="{siteurl}/', html_text)


def left_in_english(values, key: str) -> bool:
    """Return True when a translated page shows a field's English text (data.translations.localized marks it)."""
    return key in (values.get("_english") or ())


def lang_of(values, key: str) -> Markup:
    """Return ' lang="en"' for an element showing a field left in English on a translated page, else nothing."""
    return Markup(' lang="en"') if left_in_english(values, key) else Markup("")


def text_of(values, key: str) -> Markup:
    """Return a field's text, escaped, marked lang="en" when a translated page shows it in English."""
    text = escape(values.get(key) or "")
    return Markup(f'<span lang="en">{text}</span>') if left_in_english(values, key) else text


def day_text(value) -> str:
    """Say a date (YYYY-MM-DD) for reading: as written in English pages, "22 de noviembre de 2026" in Spanish (Babel's long form)."""
    if not value or language().code == "en":
        return str(value or "")
    return format_date(dt.date.fromisoformat(str(value)), format="long", locale=language().locale)
