"""Open data written beside the pages: JSON, CSV, Open Referral HSDS, CTDL, iCalendar and Atom.

Each module turns the linked, derived Directory into {output path: bytes} and never imports
Pelican, so a test can call it on a folder of test data. build_exports() gathers every file
for the build; open_data_catalog() says what each file is, for the Open data page.
"""

from __future__ import annotations

from ..derive import require_derived
from ..model import Directory
from . import csv_export, ctdl, feeds, hsds, ical, json_api
from .shared import FORMAT_VERSION, Site, json_bytes, name_uuid

__all__ = ["FORMAT_VERSION", "Site", "build_exports", "json_bytes", "name_uuid", "open_data_catalog"]

MODULES = (json_api, csv_export, hsds, ctdl, ical, feeds)


def build_exports(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return every open-data file of a derived directory, by output path, in a stable order."""
    require_derived(directory)
    files: dict[str, bytes] = {}
    for module in MODULES:
        files.update(module.export(directory, site))
    return files


def open_data_catalog(directory: Directory) -> list[dict]:
    """Return the sections of the Open data page: each a title, what it is, and its files."""
    return [module.section(directory) for module in MODULES]
