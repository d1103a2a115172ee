"""Turn untrusted text into safe HTML, and values into the words a jobseeker reads."""

from __future__ import annotations

import json
import re

import markdown
import nh3
from markupsafe import Markup

# What a description may contain after Markdown: text structure and links, nothing else.
ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "code", "blockquote", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
_DEAD_LINK = re.compile(r'<a rel="noopener noreferrer nofollow">(.*?)</a>', re.DOTALL)


class MarkdownRenderer:
    """Render Markdown with one reused converter, then sanitise with an allowlist."""

    def __init__(self):
        self._markdown = markdown.Markdown(extensions=[], output_format="html")

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        html = self._markdown.reset().convert(text)
        clean = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
        # A link whose address was refused (javascript: ...) is left as its text.
        return Markup(_DEAD_LINK.sub(r"\1", clean))


def json_ld(data: dict) -> Markup:
    """Serialise data for a <script type="application/ld+json"> block that no text can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # '<', '>' and '&' as escapes keep "</script>" and "<!--" inert; U+2028/9 are fine in JSON but not in old JS.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


LABELS = {
    # program types
    "bootcamp": "Boot camp",
    "registered-apprenticeship": "Registered apprenticeship",
    "pre-apprenticeship": "Pre-apprenticeship",
    "internship": "Internship",
    "certificate": "Certificate",
    "degree": "Degree",
    "online-course": "Online course",
    "work-based-learning": "Work-based learning",
    "k12-pathway": "High-school pathway",
    "faculty-externship": "Faculty externship",
    "job-readiness": "Job-readiness workshop",
    "financial-aid": "Financial aid",
    "training": "Training",
    # statuses
    "active": "Running",
    "pilot": "Pilot",
    "proposed": "Proposed, not yet running",
    "ended": "Ended",
    "unknown": "Not known",
    "forming": "Forming",
    "stalled": "Stalled",
    # facets
    "free": "Free",
    "paid": "Costs money",
    "stipend": "Paid while you learn",
    "no-degree": "No degree needed",
    "in-person": "In person",
    "online": "Online",
    "hybrid": "In person and online",
    "daytime": "Daytime",
    "evenings": "Evenings",
    "weekends": "Weekends",
    "self-paced": "Self-paced",
    "full-time": "Full-time",
    "part-time": "Part-time",
    "open": "Open for applications",
    "rolling": "Apply any time",
    "upcoming": "Opens soon",
    "closed": "Closed",
    # levels and kinds
    "entry": "Entry level",
    "mid": "Mid level",
    "advanced": "Advanced",
    "job": "Job",
    "credential": "Credential",
    "course": "Course",
    "work-experience": "Work experience",
    "none": "None",
    "less-than-5-years": "Less than 5 years",
    "5-years-or-more": "5 years or more",
    "high-school": "High school",
    "some-college": "Some college",
    "associate-degree": "Associate degree",
    "bachelors-degree": "Bachelor's degree",
    "industry-certification": "Industry certification",
    "k12": "School or district",
    "training-provider": "Training provider",
    "community-organization": "Community organization",
    "industry-association": "Chamber or industry group",
    "b2b-solutions": "Business-to-business problem solving",
    "no-fee": "No membership fee",
    "techhire-community": "TechHire community",
    "national-initiative": "National initiative",
    "industry-partnership": "Industry partnership",
    "sector-network": "Sector network",
    "initiative-leader": "Initiative leader",
    "proposed-member": "Named as a possible member",
    "pilot-partner": "Pilot partner",
    "data-provider": "Data provider",
    "think-tank": "Think tank",
    "logistics-and-transportation": "Logistics and transportation",
    "per-1000-jobs": "per 1,000 jobs",
    "all-members": "All members",
    "community-organizations": "Community organizations",
}


# Roles that name an organization beside a partnership without making it a member.
NON_MEMBER_ROLES = frozenset({"proposed-member", "pilot-partner", "data-provider", "referral-source"})


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
    return LABELS.get(text) or text.replace("-", " ").capitalize()


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
