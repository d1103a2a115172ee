"""Open Referral HSDS 3.0: partners as organizations, programs as services, with their places.

Written twice: as JSON lists in the HSDS API's page shape (/hsds/services.json ...), and as
the tabular data package (/hsds/datapackage.json and one CSV per table: hsds_tables.py), from
the records hsds_records.py makes once for both.
HSDS ids are UUIDs; each is derived with uuid5 from the tag: URI of what it stands for, so
it never changes.
"""

from __future__ import annotations

from markupsafe import Markup

from ..languages import gettext as _
from ..model import Directory
from .hsds_records import HsdsBuilder
from .hsds_tables import TABLES, datapackage, table_csv
from .shared import Site, json_bytes

FOLDER = "hsds"


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
    for table, (path, _fields) in TABLES.items():
        files[f"{FOLDER}/{path}"] = table_csv(table, list(hsds.rows[table].values()))
    return files


def section(directory: Directory) -> dict:
    """Describe the HSDS files for the Open data page."""
    partners, programs = len(directory.partners), len(directory.programs)
    return {
        "id": "hsds",
        "title": _("Open Referral HSDS 3.0"),
        "about": Markup(
            _(
                "The programs in the %(hsds)s that community resource directories, 211s and American Job Centers read: partners as "
                "organizations, programs as services, their places as locations and service_at_location. A program's status becomes "
                "<code>active</code> (running or a pilot), <code>inactive</code> (proposed, or not known; the <code>alert</code> says which) "
                "or <code>defunct</code> (ended). Every id is a UUID made from the entry's id, so it stays the same from build to build. "
                "In the CSV tables, as in the spreadsheets above, a text cell that starts with <code>=</code>, <code>+</code>, <code>-</code> "
                "or <code>@</code> begins with a single quote, so no spreadsheet runs it as a formula."
            )
            % {"hsds": '<a href="https://docs.openreferral.org/en/latest/hsds/overview.html" rel="noopener noreferrer">Human Services Data Specification</a>'}
        ),
        "files": [
            {
                "path": f"{FOLDER}/organizations.json",
                "title": _("Organizations (%(num)s)") % {"num": partners},
                "about": _("Partners, each with its locations and, in brief, its services."),
            },
            {
                "path": f"{FOLDER}/services.json",
                "title": _("Services (%(num)s)") % {"num": programs},
                "about": _("Programs, each with its organization, locations, languages, costs, funding and areas served."),
            },
            {"path": f"{FOLDER}/locations.json", "title": _("Locations"), "about": _("The places where partners and programs are.")},
            {"path": f"{FOLDER}/service_at_locations.json", "title": _("Services at locations"), "about": _("Which program is offered where.")},
            {
                "path": f"{FOLDER}/datapackage.json",
                "title": _("Tabular data package"),
                "about": _("The descriptor of the CSV tables beside it: %(tables)s.") % {"tables": ", ".join(path for path, _table in TABLES.values())},
            },
        ],
    }
