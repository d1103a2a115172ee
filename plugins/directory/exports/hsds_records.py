"""The HSDS records of the directory: organizations, services, locations and their child rows.

Each record is made once (HsdsBuilder) and shared by the JSON lists and the CSV tables
(hsds.py writes both). Ids are uuid5 of the tag: URI of what a record stands for (Site.uuid).
"""

from __future__ import annotations

import json
from collections import defaultdict

from ..model import Directory, Item
from .hsds_tables import TABLES
from .hsds_text import application_text, eligibility_text, fees_text
from .shared import Site

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
        """Add a program as a service, with its places, languages, cost, funders, areas and next cohort."""
        values = program.values
        service_id = self.site.uuid(f"programs/{program.id}")
        application = values.get("application") or {}
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
        self.service_at_locations(program, service_id)
        self.service_languages(program, service_id)
        self.service_cost(program, service_id)
        self.service_funding(program, service_id)
        self.service_areas(program, service_id)
        self.service_schedule(program, service_id)

    def service_at_locations(self, program: Item, service_id: str) -> None:
        """Add the program's places as its provider's locations, each linked to the service."""
        at = []
        for place in program.get("locations") or []:
            location_id = self.location(program.provider, place)
            link_id = self.site.uuid(f"programs/{program.id}/at/{location_id}")
            self.rows["service_at_location"][link_id] = {"id": link_id, "service_id": service_id, "location_id": location_id}
            at.append(link_id)
        self.service_locations[service_id] = at

    def service_languages(self, program: Item, service_id: str) -> None:
        for code in program.get("languages") or []:
            row_id = self.site.uuid(f"programs/{program.id}/languages/{code}")
            self.add("language", service_id, _compact({"id": row_id, "service_id": service_id, "name": LANGUAGE_NAMES.get(code.split("-")[0]), "code": code}))

    def service_cost(self, program: Item, service_id: str) -> None:
        cost = program.get("cost")
        if not cost:
            return
        row_id = self.site.uuid(f"programs/{program.id}/cost")
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

    def service_funding(self, program: Item, service_id: str) -> None:
        for funder in program.funders:
            row_id = self.site.uuid(f"programs/{program.id}/funders/{funder.id}")
            self.add("funding", service_id, {"id": row_id, "service_id": service_id, "source": funder.name})

    def service_areas(self, program: Item, service_id: str) -> None:
        for region in program.regions:
            row_id = self.site.uuid(f"programs/{program.id}/regions/{region.id}")
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

    def service_schedule(self, program: Item, service_id: str) -> None:
        """Add the next cohort or term, when the program gives its start."""
        application = program.get("application") or {}
        if not application.get("starts"):
            return
        self.add(
            "schedule",
            service_id,
            _compact(
                {
                    "id": self.site.uuid(f"programs/{program.id}/cohort"),
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
