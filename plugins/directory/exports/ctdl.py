"""Credential Engine CTDL: each career pathway as a ceterms:Pathway and its components, in JSON-LD.

A demonstration of how the pathways would look in the Credential Registry, not a registry
submission: the @ids are the site's own addresses and the CTIDs are derived from the ids
(the Registry assigns real ones on publishing). Every step is a child of the pathway
(ceterms:hasChild / isChildOf); a step's leads_to becomes ceterms:precedes, the reverse
ceterms:precededBy; the steps that lead nowhere further are the destination components.
"""

from __future__ import annotations

from markupsafe import Markup

from ..languages import gettext as _
from ..languages import ngettext
from ..model import Directory, Item
from .shared import Site, json_bytes

FOLDER = "ctdl/pathways"
CONTEXT = "https://credreg.net/ctdl/schema/context/json"
LANGUAGE = "en-US"
COMPONENT_TYPES = {
    "job": "ceterms:JobComponent",
    "credential": "ceterms:CredentialComponent",
    "course": "ceterms:CourseComponent",
    "work-experience": "ceterms:WorkExperienceComponent",
}
SOC_FRAMEWORK = "https://www.bls.gov/soc/2018/"


def _text(value: str) -> dict:
    return {LANGUAGE: value}


def ctid(site: Site, path: str) -> str:
    """Return a CTID-shaped id (ce- and a UUID) that stays the same from build to build."""
    return "ce-" + site.uuid(f"ctdl/{path}")


def _occupation(occupation: Item, site: Site) -> dict:
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:codedNotation": occupation["soc_code"],
        "ceterms:targetNodeName": _text(occupation.name),
        "ceterms:targetNode": site.absolute(occupation.url),
        "ceterms:framework": SOC_FRAMEWORK,
        "ceterms:frameworkName": _text("Standard Occupational Classification"),
    }


def pathway_graph(pathway: Item, directory: Directory, site: Site) -> dict:
    """Return one pathway as a CTDL JSON-LD graph: the Pathway node first, then one node per step."""
    pathway_id = site.absolute(pathway.url)

    def step_id(step) -> str:
        return f"{pathway_id}#{step.anchor}"

    destinations = [step_id(step) for step in pathway.steps if not step.next]
    occupations = list({step.occupation.id: step.occupation for step in pathway.steps if step.occupation is not None}.values())
    node = {
        "@id": pathway_id,
        "@type": "ceterms:Pathway",
        "ceterms:ctid": ctid(site, f"pathways/{pathway.id}"),
        "ceterms:name": _text(pathway.name),
        "ceterms:description": _text(pathway["description"]),
        "ceterms:subjectWebpage": pathway_id,
        "ceterms:hasChild": [step_id(step) for step in pathway.steps],
        "ceterms:hasDestinationComponent": destinations,
    }
    maintainers = pathway.maintainers
    if maintainers:
        node["ceterms:ownedBy"] = [site.absolute(partner.url) for partner in maintainers]
    if occupations:
        node["ceterms:occupationType"] = [_occupation(occupation, site) for occupation in occupations]
    graph = [node]
    for step in pathway.steps:
        component = {
            "@id": step_id(step),
            "@type": COMPONENT_TYPES[step.get("kind")],
            "ceterms:ctid": ctid(site, f"pathways/{pathway.id}/steps/{step.id}"),
            "ceterms:name": _text(step.name),
            "ceterms:isPartOf": pathway_id,
            "ceterms:isChildOf": [pathway_id],
        }
        if step.get("description"):
            component["ceterms:description"] = _text(step.get("description"))
        if step.next:
            component["ceterms:precedes"] = [step_id(other) for other in step.next]
        if step.previous:
            component["ceterms:precededBy"] = [step_id(other) for other in step.previous]
        if not step.next:
            component["ceterms:isDestinationComponentOf"] = [pathway_id]
        if step.occupation is not None:
            component["ceterms:occupationType"] = [_occupation(step.occupation, site)]
        graph.append(component)
    for partner in maintainers:
        graph.append(
            {
                "@id": site.absolute(partner.url),
                "@type": "ceterms:CredentialOrganization",
                "ceterms:name": _text(partner.name),
                "ceterms:subjectWebpage": partner.get("website") or site.absolute(partner.url),
            }
        )
    return {"@context": CONTEXT, "@id": site.absolute(pathway_path(pathway)), "@graph": graph}


def pathway_path(pathway: Item) -> str:
    return f"{FOLDER}/{pathway.id}.jsonld"


def export(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return one CTDL JSON-LD file per pathway."""
    return {pathway_path(pathway): json_bytes(pathway_graph(pathway, directory, site), compact=False) for pathway in directory.pathways.values()}


def section(directory: Directory) -> dict:
    """Describe the CTDL files for the Open data page."""
    return {
        "id": "ctdl",
        "title": _("Career pathways in CTDL (demonstration)"),
        "about": Markup(
            _(
                "Each career pathway in the %(ctdl)s of Credential Engine, as JSON-LD: a <code>ceterms:Pathway</code> whose components "
                "(job, course, credential and work-experience steps) are its children (<code>ceterms:hasChild</code>), in order "
                "(<code>ceterms:precedes</code> and <code>ceterms:precededBy</code>), with the jobs' SOC codes as <code>ceterms:occupationType</code>. "
                "This is a demonstration of the mapping, not a Registry record: the <code>@id</code>s are this site's addresses, the "
                "<code>ceterms:ctid</code>s are made from the ids here (the Registry issues real ones), and a pathway may end in more than one "
                "destination component."
            )
            % {"ctdl": '<a href="https://credreg.net/ctdl/handbook" rel="noopener noreferrer">Credential Transparency Description Language</a>'}
        ),
        "files": [
            {
                "path": pathway_path(pathway),
                "title": pathway.name,
                "about": ngettext("%(num)s step.", "%(num)s steps.", len(pathway.steps)) % {"num": len(pathway.steps)},
            }
            for pathway in directory.pathways.values()
        ],
    }
