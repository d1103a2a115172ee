"""The free-text fields of an HSDS service: how to apply, what it costs, who can join."""

from __future__ import annotations

from ..render import cost_text, label


def application_text(application: dict) -> str | None:
    """Say how and when to apply, in the one free-text field HSDS has for it."""
    parts = []
    if application.get("how_to_apply"):
        parts.append(application["how_to_apply"].rstrip(".") + ".")
    if application.get("opens"):
        parts.append(f"Applications open {application['opens']}.")
    if application.get("deadline"):
        parts.append(f"Apply by {application['deadline']}.")
    if application.get("status") == "rolling":
        parts.append("Applications are taken at any time.")
    if application.get("url"):
        parts.append(f"Apply at {application['url']}")
    return " ".join(parts) or None


def fees_text(values: dict) -> str | None:
    """Say what it costs, or nothing when the cost is not known."""
    cost = values.get("cost")
    if not cost:
        return None
    text = cost_text(values)
    return f"{text}: {cost['details']}" if cost.get("details") else text


def eligibility_text(eligibility: dict) -> str | None:
    """Say who can join, from the eligibility fields."""
    parts = []
    if eligibility.get("audience"):
        parts.append("For " + ", ".join(label(a).lower() for a in eligibility["audience"]) + ".")
    if eligibility.get("degree_required") is False:
        parts.append("No four-year degree needed.")
    elif eligibility.get("degree_required"):
        parts.append("A four-year degree is required.")
    if eligibility.get("minimum_age"):
        parts.append(f"Age {eligibility['minimum_age']} or older.")
    parts += [item.rstrip(".") + "." for item in eligibility.get("prerequisites") or []]
    if eligibility.get("details"):
        parts.append(eligibility["details"])
    return " ".join(parts) or None
