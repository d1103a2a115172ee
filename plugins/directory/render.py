"""Values into the words a jobseeker reads: labels, numbers, figures, costs, membership."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .data.shape import current_shape

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
    return f"as of {as_of['year']}, inferred" if as_of.get("inferred") else f"as of {as_of['year']}"


def outcome_text(outcome: dict, key: str) -> str:
    """Say one published result as its source does: "More than 600", "30%", "Not reported"."""
    if key not in outcome:
        return "Not reported"
    unit = "percent" if key.endswith("_rate") else ("usd" if key == "median_earnings" else None)
    text = number(outcome[key], unit)
    if key in (outcome.get("more_than") or []) and not isinstance(outcome[key], str):
        return f"More than {text}"
    return text


def label(value) -> str:
    """Return the plain-language label of a vocabulary value ('k12-pathway' -> 'High-school pathway')."""
    if value is None:
        return ""
    text = str(value)
    # The schemas label every value they allow (x-labels); a value they do not know reads as itself.
    return current_shape().labels.get(text) or text.replace("-", " ").capitalize()


def number(value, unit: str | None = None) -> str:
    """Format a figure for reading: 127000 usd -> $127,000; 28.6 percent -> 28.6%."""
    if isinstance(value, str):
        return {"suppressed": "Withheld by the source", "not-reported": "Not reported"}.get(value, value)
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if unit == "usd":
        return f"${text}"
    if unit == "percent":
        return f"{text}%"
    if unit == "per-1000-jobs":
        return f"{text} per 1,000 jobs"
    return text


def figure_text(figure: dict) -> str:
    """Say a published figure as its source does: "more than 1,000", "about 20", "$127,000"."""
    text = number(figure["value"], figure.get("unit"))
    if figure.get("more_than"):
        return f"more than {text}"
    if figure.get("approximate"):
        return f"about {text}"
    return text


def cost_text(program, unknown: str = "Cost not listed") -> str:
    """Say what a program costs ("Free", "$2,500", "$0.40"), never turning 'unknown' into 'free'."""
    cost = program.get("cost")
    if not cost:
        return unknown
    amount = cost["amount"]
    if amount == 0:
        return "Free"
    return f"${amount:,.0f}" if float(amount).is_integer() else f"${amount:,.2f}"


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
