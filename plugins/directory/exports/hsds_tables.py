"""The HSDS 3.0 tabular data package: the tables this export fills, their CSV files and datapackage.json.

The table and column names, types and required columns follow the data package descriptor
that Open Referral publishes with HSDS 3.0 (tests/test_exports.py compares them with it).
"""

from __future__ import annotations

from .csv_export import csv_bytes
from .shared import Site

HSDS_VERSION = "3.0"
# The tables this export fills, with their columns as the HSDS 3.0 data package lists them:
# NAME[:TYPE or FORMAT][!] where ! marks a required column.
TABLES = {
    "organization": (
        "organizations.csv",
        "id:uuid! name! alternate_name description! email:email website:uri tax_status tax_id year_incorporated:number legal_status logo uri:uri parent_organization_id:uuid",
    ),
    "service": (
        "services.csv",
        "id:uuid! organization_id:uuid! program_id:uuid name! alternate_name description url:uri email:email status! interpretation_services "
        "application_process fees_description wait_time fees accreditations eligibility_description minimum_age:number maximum_age:number "
        "assured_date:date assurer_email:email licenses alert last_modified:datetime",
    ),
    "location": (
        "locations.csv",
        "id:uuid! location_type! url:uri organization_id:uuid name alternate_name description transportation latitude:number longitude:number "
        "external_identifier external_identifier_type",
    ),
    "service_at_location": ("service_at_location.csv", "id:uuid! service_id:uuid! location_id:uuid! description"),
    "address": (
        "addresses.csv",
        "id:uuid! location_id:uuid attention address_1! address_2 city! region state_province! postal_code! country! address_type!",
    ),
    "schedule": (
        "schedules.csv",
        "id:uuid! service_id:uuid location_id:uuid service_at_location_id:uuid valid_from:date valid_to:date dtstart:date timezone:number "
        "until:date count:number wkst freq interval:number byday byweekno bymonthday byyearday description opens_at:time closes_at:time "
        "schedule_link:uri attending_type notes",
    ),
    "service_area": ("service_areas.csv", "id:uuid! service_id:uuid name description extent extent_type uri"),
    "language": ("languages.csv", "id:uuid! service_id:uuid location_id:uuid phone_id:uuid name code note"),
    "funding": ("funding.csv", "id:uuid! organization_id:uuid service_id:uuid source"),
    "cost_option": ("cost_options.csv", "id:uuid! service_id:uuid! valid_from:date valid_to:date option currency amount:number amount_description"),
}
FOREIGN_KEYS = {
    "service": {"organization_id": "organization"},
    "location": {"organization_id": "organization"},
    "service_at_location": {"service_id": "service", "location_id": "location"},
    "address": {"location_id": "location"},
    "schedule": {"service_id": "service", "location_id": "location", "service_at_location_id": "service_at_location"},
    "service_area": {"service_id": "service"},
    "language": {"service_id": "service", "location_id": "location"},
    "funding": {"organization_id": "organization", "service_id": "service"},
    "cost_option": {"service_id": "service"},
}


def table_fields(table: str) -> list[dict]:
    """Return a table's fields as Frictionless field descriptors."""
    fields = []
    for token in TABLES[table][1].split():
        required = token.endswith("!")
        name, _, kind = token.rstrip("!").partition(":")
        field = {"name": name, "type": kind if kind in ("number", "date", "datetime", "time") else "string"}
        if kind in ("uuid", "email", "uri"):
            field["format"] = kind
        field["constraints"] = {"required": required}
        fields.append(field)
    return fields


def table_csv(table: str, rows: list[dict]) -> bytes:
    """Return one table as UTF-8 CSV (no byte-order mark) with the data package's columns.

    It goes through the site's one CSV writer: text a spreadsheet would run as a formula
    begins with a single quote, as in api/*.csv.
    """
    names = [field["name"] for field in table_fields(table)]
    return csv_bytes([names, *([row.get(name) for name in names] for row in rows)])


def datapackage(site: Site) -> dict:
    """Return the Frictionless descriptor of the tables, following the HSDS 3.0 data package."""
    resources = []
    for table, (path, _) in TABLES.items():
        keys = [{"fields": column, "reference": {"resource": target, "fields": "id"}} for column, target in FOREIGN_KEYS.get(table, {}).items()]
        schema = {"fields": table_fields(table), "primaryKey": "id"} | ({"foreignKeys": keys} if keys else {})
        resources.append(
            {"name": table, "path": path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource", "schema": schema}
        )
    return {
        "name": "human_services_data",
        "title": f"{site.name}: programs as Open Referral HSDS {HSDS_VERSION} data",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "homepage": site.absolute("open-data/"),
        "resources": resources,
    }
