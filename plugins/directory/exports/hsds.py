"""Open Referral HSDS 3.0: partners as organizations, programs as services, with their places.

Written twice: as JSON lists in the HSDS API's page shape (/hsds/services.json ...), and as
the tabular data package (/hsds/datapackage.json and one CSV per table: hsds_tables.py).
HSDS ids are UUIDs; each is derived with uuid5 from the tag: URI of what it stands for, so
it never changes.
"""

from __future__ import annotations

import json
from collections import defaultdict

from markupsafe import Markup

from ..model import Directory, Item
from ..render import cost_text, label
from .hsds_tables import TABLES, datapackage, table_csv
from .shared import Site, json_bytes

FOLDER = "hsds"
# Program status -> HSDS service status (active, inactive, defunct, temporarily closed), and the alert that says more.
STATUS = {"active": "active", "pilot": "active", "proposed": "inactive", "ended": "defunct", "unknown": "inactive"}
ALERTS = {
    "pilot": "A pilot: a trial run.",
    "proposed": "Proposed in a plan; not yet running.",
    "unknown": "Whether it still runs is not known; check with the provider.",
}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "zh": "Chinese", "ko": "Korean", "vi": "Vietnamese", "tl": "Tagalog", "ar": "Arabic", "fr": "French"}


def _compact(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


class HsdsBuilder:
    """Turns the directory into HSDS records, each made once and shared by the JSON and the tables."""

    def __init__(self, directory: Directory, site: Site):
        self.directory = directory
        self.site = site
        self.rows: dict[str, dict[str, dict]] = {table: {} for table in TABLES}
        self.organization_locations: dict[str, list[str]] = defaultdict(list)  # organization id -> location ids
        self.organization_services: dict[str, list[str]] = defaultdict(list)
        self.service_locations: dict[str, list[str]] = {}  # service id -> service_at_location ids
        self.children: dict[tuple[str, str], list[dict]] = defaultdict(list)  # (table, service or location id) -> rows
        for partner in directory.partners.values():
            self.organization(partner)
        for program in directory.programs.values():
            self.service(program)

    def page_url(self, item: Item) -> str | None:
        """The entry's page, where the address is absolute (HSDS wants full URIs)."""
        return self.site.absolute(item.url) if self.site.has_absolute_urls else None

    def organization(self, partner: Item) -> None:
        org_id = self.site.uuid(f"partners/{partner.id}")
        self.rows["organization"][org_id] = _compact(
            {
                "id": org_id,
                "name": partner.name,
                "alternate_name": partner.get("short_name"),
                "description": partner["description"],
                "website": partner.get("website"),
                "uri": self.page_url(partner),
            }
        )
        for place in partner.get("locations") or []:
            self.location(partner, place)

    def location(self, owner: Item, place: dict) -> str:
        """Add a place (once per organization and set of fields) and return its id."""
        # Canonical JSON of every field: two different places never share a key (joining the
        # fields with "|" made "A|B" and "A", "B" one place, and the second was dropped).
        key = json.dumps(place, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        location_id = self.site.uuid(f"partners/{owner.id}/locations/{key}")
        if location_id in self.rows["location"]:
            return location_id
        self.organization_locations[self.site.uuid(f"partners/{owner.id}")].append(location_id)
        town = ", ".join(part for part in (place.get("city"), place.get("state")) if part)
        region = self.directory.regions.get(place.get("region"))
        self.rows["location"][location_id] = _compact(
            {
                "id": location_id,
                "location_type": "physical",
                "organization_id": self.site.uuid(f"partners/{owner.id}"),
                "name": place["name"],
                "description": ", ".join(part for part in (place.get("address"), town) if part) or None,
            }
        )
        if all(place.get(k) for k in ("address", "city", "state", "postal_code")):  # HSDS requires every part of an address
            address_id = self.site.uuid(f"partners/{owner.id}/locations/{key}/address")
            self.add(
                "address",
                location_id,
                _compact(
                    {
                        "id": address_id,
                        "location_id": location_id,
                        "address_1": place["address"],
                        "city": place["city"],
                        "region": region.name if region else None,
                        "state_province": place["state"],
                        "postal_code": place["postal_code"],
                        "country": "US",
                        "address_type": "physical",
                    }
                ),
            )
        return location_id

    def service(self, program: Item) -> None:
        values = program.values
        path = f"programs/{program.id}"
        service_id = self.site.uuid(path)
        application = values.get("application") or {}
        cost = values.get("cost")
        self.organization_services[self.site.uuid(f"partners/{program.provider.id}")].append(service_id)
        self.rows["service"][service_id] = _compact(
            {
                "id": service_id,
                "organization_id": self.site.uuid(f"partners/{program.provider.id}"),
                "name": program.name,
                "description": values["description"],
                "url": values.get("url") or self.page_url(program),
                "status": STATUS[values["status"]],
                "application_process": application_text(application),
                "fees_description": fees_text(values),
                "eligibility_description": eligibility_text(values.get("eligibility") or {}),
                "minimum_age": (values.get("eligibility") or {}).get("minimum_age"),
                "assured_date": values["last_verified"],
                "alert": ALERTS.get(values["status"]),
                "last_modified": f"{values['last_verified']}T00:00:00Z",
            }
        )
        at = []
        for place in values.get("locations") or []:
            location_id = self.location(program.provider, place)
            link_id = self.site.uuid(f"{path}/at/{location_id}")
            self.rows["service_at_location"][link_id] = {"id": link_id, "service_id": service_id, "location_id": location_id}
            at.append(link_id)
        self.service_locations[service_id] = at
        for code in values.get("languages") or []:
            row_id = self.site.uuid(f"{path}/languages/{code}")
            self.add("language", service_id, _compact({"id": row_id, "service_id": service_id, "name": LANGUAGE_NAMES.get(code.split("-")[0]), "code": code}))
        if cost:
            row_id = self.site.uuid(f"{path}/cost")
            self.add(
                "cost_option",
                service_id,
                _compact(
                    {
                        "id": row_id,
                        "service_id": service_id,
                        "option": "Tuition",
                        "currency": "USD",
                        "amount": cost["amount"],
                        "amount_description": cost.get("details"),
                    }
                ),
            )
        for funder in program.funders:
            row_id = self.site.uuid(f"{path}/funders/{funder.id}")
            self.add("funding", service_id, {"id": row_id, "service_id": service_id, "source": funder.name})
        for region in program.regions:
            row_id = self.site.uuid(f"{path}/regions/{region.id}")
            self.add(
                "service_area",
                service_id,
                _compact(
                    {
                        "id": row_id,
                        "service_id": service_id,
                        "name": region.name,
                        "description": f"Residents of the {region.name} area",
                        "uri": self.page_url(region),
                    }
                ),
            )
        if application.get("starts"):
            row_id = self.site.uuid(f"{path}/cohort")
            self.add(
                "schedule",
                service_id,
                _compact(
                    {
                        "id": row_id,
                        "service_id": service_id,
                        "valid_from": application["starts"],
                        "valid_to": application.get("ends"),
                        "dtstart": application["starts"],
                        "description": "The next cohort or term"
                        + (f", {application['starts']} to {application['ends']}" if application.get("ends") else f", from {application['starts']}"),
                    }
                ),
            )

    def add(self, table: str, parent_id: str, row: dict) -> None:
        """Add a row that belongs to a service or a location."""
        self.rows[table][row["id"]] = row
        self.children[(table, parent_id)].append(row)

    # --- The JSON shapes: records with their children nested, as the HSDS schemas have them.

    def location_json(self, location_id: str) -> dict:
        addresses = self.children[("address", location_id)]
        return self.rows["location"][location_id] | ({"addresses": addresses} if addresses else {})

    def service_json(self, service_id: str) -> dict:
        record = dict(self.rows["service"][service_id])
        record["organization"] = self.rows["organization"][record["organization_id"]]
        record["service_at_locations"] = [
            self.rows["service_at_location"][i] | {"location": self.location_json(self.rows["service_at_location"][i]["location_id"])}
            for i in self.service_locations[service_id]
        ]
        for table, key in (
            ("language", "languages"),
            ("cost_option", "cost_options"),
            ("funding", "funding"),
            ("service_area", "service_areas"),
            ("schedule", "schedules"),
        ):
            record[key] = self.children[(table, service_id)]
        return _compact(record)

    def organization_json(self, org_id: str) -> dict:
        record = dict(self.rows["organization"][org_id])
        record["locations"] = [self.location_json(i) for i in self.organization_locations[org_id]]
        # The services in brief: services.json has them in full.
        brief = ("id", "name", "status", "url")
        record["services"] = [
            {key: self.rows["service"][i][key] for key in brief if key in self.rows["service"][i]} for i in self.organization_services[org_id]
        ]
        return _compact(record)

    def service_at_location_json(self, link_id: str) -> dict:
        link = self.rows["service_at_location"][link_id]
        return link | {"location": self.location_json(link["location_id"]), "service": self.rows["service"][link["service_id"]]}


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


def page(records: list[dict]) -> dict:
    """Wrap a list the way the HSDS API pages its lists (here: all of it on one page)."""
    return {
        "total_items": len(records),
        "total_pages": 1,
        "page_number": 1,
        "size": len(records),
        "first_page": True,
        "last_page": True,
        "empty": not records,
        "contents": records,
    }


def export(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return the HSDS JSON lists, the CSV tables and the data package descriptor."""
    hsds = HsdsBuilder(directory, site)
    files = {
        f"{FOLDER}/organizations.json": json_bytes(page([hsds.organization_json(i) for i in hsds.rows["organization"]])),
        f"{FOLDER}/services.json": json_bytes(page([hsds.service_json(i) for i in hsds.rows["service"]])),
        f"{FOLDER}/locations.json": json_bytes(page([hsds.location_json(i) for i in hsds.rows["location"]])),
        f"{FOLDER}/service_at_locations.json": json_bytes(page([hsds.service_at_location_json(i) for i in hsds.rows["service_at_location"]])),
        f"{FOLDER}/datapackage.json": json_bytes(datapackage(site), compact=False),
    }
    for table, (path, _) in TABLES.items():
        files[f"{FOLDER}/{path}"] = table_csv(table, list(hsds.rows[table].values()))
    return files


def section(directory: Directory) -> dict:
    """Describe the HSDS files for the Open data page."""
    partners, programs = len(directory.partners), len(directory.programs)
    return {
        "id": "hsds",
        "title": "Open Referral HSDS 3.0",
        "about": Markup(
            'The programs in the <a href="https://docs.openreferral.org/en/latest/hsds/overview.html" rel="noopener noreferrer">Human Services Data Specification</a> '
            "that community resource directories, 211s and American Job Centers read: partners as organizations, programs as services, "
            "their places as locations and service_at_location. A program's status becomes <code>active</code> (running or a pilot), "
            "<code>inactive</code> (proposed, or not known; the <code>alert</code> says which) or <code>defunct</code> (ended). "
            "Every id is a UUID made from the entry's id, so it stays the same from build to build. "
            "In the CSV tables, as in the spreadsheets above, a text cell that starts with <code>=</code>, <code>+</code>, <code>-</code> "
            "or <code>@</code> begins with a single quote, so no spreadsheet runs it as a formula."
        ),
        "files": [
            {
                "path": f"{FOLDER}/organizations.json",
                "title": f"Organizations ({partners})",
                "about": "Partners, each with its locations and, in brief, its services.",
            },
            {
                "path": f"{FOLDER}/services.json",
                "title": f"Services ({programs})",
                "about": "Programs, each with its organization, locations, languages, costs, funding and areas served.",
            },
            {"path": f"{FOLDER}/locations.json", "title": "Locations", "about": "The places where partners and programs are."},
            {"path": f"{FOLDER}/service_at_locations.json", "title": "Services at locations", "about": "Which program is offered where."},
            {
                "path": f"{FOLDER}/datapackage.json",
                "title": "Tabular data package",
                "about": "The descriptor of the CSV tables beside it: " + ", ".join(path for path, _ in TABLES.values()) + ".",
            },
        ],
    }
