"""schema.org descriptions of entries, for the JSON-LD block on their pages."""

from __future__ import annotations

from .render import holds_membership

WORK_BASED = {"registered-apprenticeship", "pre-apprenticeship", "internship", "work-based-learning", "faculty-externship"}
CREDENTIAL_NAMES = {
    "certificate": "Certificate",
    "industry-certification": "Industry certification",
    "associate-degree": "Associate degree",
    "bachelors-degree": "Bachelor's degree",
    "badge": "Badge",
    "portfolio": "Portfolio",
}


def absolute(siteurl: str, url: str) -> str:
    """Join the site's address and a page URL."""
    return f"{siteurl}/{url}" if siteurl else f"/{url}"


def _organization(partner, siteurl: str) -> dict:
    data = {"@type": "Organization", "name": partner.name, "url": absolute(siteurl, partner.url)}
    if partner.get("website"):
        data["sameAs"] = partner["website"]
    return data


def program_ld(program, siteurl: str, summary: str) -> dict:
    """Describe a program as an EducationalOccupationalProgram or WorkBasedProgram."""
    values = program.values
    data = {
        "@context": "https://schema.org",
        "@type": "WorkBasedProgram" if values["type"] in WORK_BASED else "EducationalOccupationalProgram",
        "name": values["name"],
        "description": summary,
        "url": absolute(siteurl, program.url),
        "provider": _organization(program.provider, siteurl),
        "programType": values["type"],
    }
    if values.get("url"):
        data["sameAs"] = values["url"]
    if values.get("cost"):
        data["offers"] = {"@type": "Offer", "price": values["cost"]["amount"], "priceCurrency": "USD", "category": "Tuition"}
    if program.occupations:
        data["occupationalCategory"] = [o["soc_code"] for o in program.occupations]
    credential = values.get("credential")
    if credential and credential["kind"] != "none":
        data["educationalCredentialAwarded"] = credential.get("name") or CREDENTIAL_NAMES[credential["kind"]]
    if values.get("skills"):
        data["teaches"] = list(values["skills"])
    if values.get("languages"):
        data["inLanguage"] = list(values["languages"])
    application = values.get("application") or {}
    for key, prop in (("deadline", "applicationDeadline"), ("opens", "applicationStartDate"), ("starts", "startDate"), ("ends", "endDate")):
        if application.get(key):
            data[prop] = application[key]
    if values.get("delivery"):
        data["educationalProgramMode"] = {"in-person": "onsite", "online": "online", "hybrid": "blended"}[values["delivery"]]
    duration = values.get("duration") or {}
    if duration.get("weeks"):
        data["timeToComplete"] = f"P{duration['weeks']:g}W"
    if program.funders:
        data["funder"] = [_organization(f, siteurl) for f in program.funders]
    return data


def partner_ld(partner, siteurl: str, summary: str) -> dict:
    """Describe a partner as an Organization."""
    data = {"@context": "https://schema.org", **_organization(partner, siteurl), "description": summary}
    if partner.get("short_name"):
        data["alternateName"] = partner["short_name"]
    memberships = [m for m in partner.links.get("memberships") or [] if holds_membership(m["roles"])]
    if memberships:
        data["memberOf"] = [{"@type": "Organization", "name": m["partnership"].name, "url": absolute(siteurl, m["partnership"].url)} for m in memberships]
    return data


def occupation_ld(occupation, siteurl: str, summary: str) -> dict:
    """Describe an occupation as an Occupation with its SOC code."""
    values = occupation.values
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": values["name"],
        "description": summary,
        "url": absolute(siteurl, occupation.url),
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": values["soc_code"],
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "Standard Occupational Classification (2018)"},
        },
    }
    experience = values.get("typical_experience")
    if experience:
        data["experienceRequirements"] = {"none": "No work experience", "less-than-5-years": "Less than 5 years", "5-years-or-more": "5 years or more"}[
            experience
        ]
    return data
