"""schema.org descriptions of entries, for the JSON-LD block on their pages.

Only properties schema.org defines for each type (tests/test_jsonld.py holds them to a list
taken from schema.org's type pages). Every node has an @id: an entry is its page's address
with #program, #organization, #occupation ..., so a partner named on a program page is the
same node as on its own page; a node inside another is named after the property that holds it.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..languages import N_, language
from ..languages import gettext as _
from ..render import absolute, holds_membership, label

SOC_2018 = "https://www.bls.gov/soc/2018/"  # the code set's own address at the Bureau of Labor Statistics
WORK_BASED = {"registered-apprenticeship", "pre-apprenticeship", "internship", "work-based-learning", "faculty-externship"}

# '<', '>' and '&' as escapes keep "</script>" and "<!--" inert; U+2028/9 are fine in JSON but not in old JS.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data) -> Markup:
    """Serialise data as JSON for a <script> element (the JSON-LD block) that no text can break out of."""
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_SCRIPT_ESCAPES))


def node_id(siteurl: str, url: str, kind: str) -> str:
    """Return the @id of the thing a page is about: its address and #kind."""
    return f"{absolute(siteurl, url)}#{kind}"


def identify(node, node_id_: str):
    """Give every nested node without an @id one made from its parent's and the property's name; return node."""
    if isinstance(node, dict):
        if "@type" in node:
            node.setdefault("@id", node_id_)
            node_id_ = node["@id"]
        for key, value in node.items():
            if not key.startswith("@"):
                if isinstance(value, list):
                    for number, child in enumerate(value, 1):
                        identify(child, f"{node_id_}-{key}-{number}")
                else:
                    identify(value, f"{node_id_}-{key}")
    return node


def _organization(partner, siteurl: str) -> dict:
    data = {"@type": "Organization", "@id": node_id(siteurl, partner.url, "organization"), "name": partner.name, "url": absolute(siteurl, partner.url)}
    if partner.get("website"):
        data["sameAs"] = partner["website"]
    return data


def program_ld(program, siteurl: str, summary: str) -> dict:
    """Describe a program as an EducationalOccupationalProgram or WorkBasedProgram."""
    values = program.values
    data = {
        "@context": "https://schema.org",
        "@type": "WorkBasedProgram" if values["type"] in WORK_BASED else "EducationalOccupationalProgram",
        "@id": node_id(siteurl, program.url, "program"),
        "name": values["name"],
        "description": summary,
        "url": absolute(siteurl, program.url),
        "provider": _organization(program.provider, siteurl),
        "programType": values["type"],
    }
    if values.get("url"):
        data["sameAs"] = values["url"]
    if values.get("cost"):
        data["offers"] = {"@type": "Offer", "price": values["cost"]["amount"], "priceCurrency": "USD", "category": _("Tuition")}
    if program.occupations:
        data["occupationalCategory"] = [o["soc_code"] for o in program.occupations]
    credential = values.get("credential")
    if credential and credential["kind"] != "none":
        data["educationalCredentialAwarded"] = credential.get("name") or label(credential["kind"])
    # schema.org gives a program neither `teaches` nor `inLanguage` (they belong to creative
    # works and courses): skills and languages are on the page and in the open data only.
    application = values.get("application") or {}
    for key, prop in (("deadline", "applicationDeadline"), ("opens", "applicationStartDate"), ("starts", "startDate"), ("ends", "endDate")):
        if application.get(key):
            data[prop] = application[key]
    if values.get("delivery"):
        data["educationalProgramMode"] = {"in-person": "onsite", "online": "online", "hybrid": "blended"}[values["delivery"]]
    duration = values.get("duration") or {}
    if duration.get("weeks"):
        data["timeToComplete"] = f"P{duration['weeks']:g}W"
    # Nor `funder`: the funders are named on the page and in the open data.
    return identify(data, data["@id"])


def partner_ld(partner, siteurl: str, summary: str) -> dict:
    """Describe a partner as an Organization."""
    data = {"@context": "https://schema.org", **_organization(partner, siteurl), "description": summary}
    if partner.get("short_name"):
        data["alternateName"] = partner["short_name"]
    memberships = [m for m in partner.links.get("memberships") or [] if holds_membership(m["roles"])]
    if memberships:
        data["memberOf"] = [
            {
                "@type": "Organization",
                "@id": node_id(siteurl, m["partnership"].url, "organization"),
                "name": m["partnership"].name,
                "url": absolute(siteurl, m["partnership"].url),
            }
            for m in memberships
        ]
    return identify(data, data["@id"])


def occupation_ld(occupation, siteurl: str, summary: str) -> dict:
    """Describe an occupation as an Occupation with its SOC code."""
    values = occupation.values
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "@id": node_id(siteurl, occupation.url, "occupation"),
        "name": values["name"],
        "description": summary,
        "url": absolute(siteurl, occupation.url),
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": values["soc_code"],
            "inCodeSet": {"@type": "CategoryCodeSet", "@id": SOC_2018, "name": "Standard Occupational Classification (2018)"},
        },
    }
    experience = values.get("typical_experience")
    if experience:
        data["experienceRequirements"] = {
            "none": _("No work experience"),
            "less-than-5-years": _("Less than 5 years"),
            "5-years-or-more": _("5 years or more"),
        }[experience]
    salaries = [_salary(row) for row in getattr(occupation, "pay", None) or []]
    if salaries:
        data["estimatedSalary"] = salaries
    return identify(data, data["@id"])


def _salary(row: dict) -> dict:
    """Describe one published pay figure as a yearly MonetaryAmountDistribution in US dollars."""
    data = {
        "@type": "MonetaryAmountDistribution",
        "name": f"{row['area_name']}, {row['release']}",
        "currency": "USD",
        "duration": "P1Y",
        "median": row["median_annual"],
    }
    for key, prop in (("p10_annual", "percentile10"), ("p90_annual", "percentile90")):
        if row.get(key) is not None:
            data[prop] = row[key]
    return data


STEP_TYPES = {"job": "Occupation", "course": "Course", "credential": "EducationalOccupationalCredential"}


def pathway_ld(pathway, siteurl: str, summary: str) -> dict:
    """Describe a pathway as an ordered ItemList of its steps (CTDL's pathway components, in schema.org terms).

    A job step is an Occupation (linked to the occupation's page when the step names one), a
    course a Course, a credential an EducationalOccupationalCredential; other steps are Things.
    """
    page = absolute(siteurl, pathway.url)
    elements = []
    for position, step in enumerate(pathway.steps, 1):
        item = {"@type": STEP_TYPES.get(step.get("kind"), "Thing"), "@id": f"{page}#{step.anchor}", "name": step.name}
        if step.occupation is not None:
            item["sameAs"] = node_id(siteurl, step.occupation.url, "occupation")
        elements.append({"@type": "ListItem", "@id": f"{page}#{step.anchor}-position", "position": position, "item": item})
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "@id": node_id(siteurl, pathway.url, "pathway"),
        "name": pathway.name,
        "description": summary,
        "url": page,
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(elements),
        "itemListElement": elements,
    }
    return identify(data, data["@id"])


def partnership_ld(partnership, siteurl: str, summary: str) -> dict:
    """Describe a partnership as an Organization whose members are the partners' Organizations."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": node_id(siteurl, partnership.url, "organization"),
        "name": partnership.name,
        "description": summary,
        "url": absolute(siteurl, partnership.url),
    }
    if partnership.get("short_name"):
        data["alternateName"] = partnership["short_name"]
    if partnership.get("website"):
        data["sameAs"] = partnership["website"]
    members = [member["partner"] for member in partnership.members if holds_membership(member["roles"])]
    if members:
        data["member"] = [_organization(partner, siteurl) for partner in members]
    if partnership.regions:
        data["areaServed"] = [_place(region, siteurl) for region in partnership.regions]
    return identify(data, data["@id"])


def _place(region, siteurl: str) -> dict:
    return {"@type": "Place", "@id": node_id(siteurl, region.url, "place"), "name": region.name, "url": absolute(siteurl, region.url)}


def region_ld(region, siteurl: str, summary: str) -> dict:
    """Describe a region as a Place in its state."""
    data = {"@context": "https://schema.org", **_place(region, siteurl), "description": summary}
    if region.get("state"):
        data["address"] = {"@type": "PostalAddress", "addressRegion": region["state"], "addressCountry": "US"}
    return identify(data, data["@id"])


# The list page each entry page's breadcrumb leads back to, as the templates name it
# (tests/test_jsonld.py compares the two on every page); in English, translated where it is read.
SECTIONS = {
    "programs": N_("Programs"),
    "partners": N_("Partners"),
    "pathways": N_("Pathways"),
    "partnerships": N_("Partnerships"),
    "occupations": N_("Jobs and pay"),
    "regions": N_("Regions"),
    "sources": N_("Sources"),
}


def with_breadcrumb(data: dict | None, crumbs: list[tuple[str, str]], siteurl: str, page_url: str, name: str) -> dict:
    """Return data with its page and the breadcrumb the page shows ([(name, url), ...], home first).

    The page is data's mainEntityOfPage, a WebPage in the language being made (inLanguage)
    whose `breadcrumb` is a BreadcrumbList; without data (a page about no entry) the WebPage
    is the description itself. The crumbs' names come translated.
    """
    page = absolute(siteurl, page_url)
    elements = [
        {"@type": "ListItem", "@id": f"{page}#breadcrumb-{position}", "position": position, "name": crumb, "item": absolute(siteurl, url)}
        for position, (crumb, url) in enumerate(crumbs, 1)
    ]
    web_page = {
        "@type": "WebPage",
        "@id": page,
        "name": name,
        "url": page,
        "inLanguage": language().code,
        "breadcrumb": {"@type": "BreadcrumbList", "@id": f"{page}#breadcrumb", "itemListElement": elements},
    }
    if data is None:
        return {"@context": "https://schema.org", **web_page}
    data["mainEntityOfPage"] = web_page
    return data
