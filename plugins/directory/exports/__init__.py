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

__all__ = ["FORMAT_VERSION", "Site", "build_exports", "export_parts", "json_bytes", "name_uuid", "open_data_catalog"]

MODULES = (json_api, csv_export, hsds, ctdl, ical, feeds)


def build_exports(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return every open-data file of a derived directory, by output path, in a stable order."""
    files: dict[str, bytes] = {}
    for part in export_parts(directory, site):
        files.update(part)
    return files


def export_parts(directory: Directory, site: Site):
    """Yield the open-data files one format at a time ({output path: bytes}), so a writer holds one format's files, not all."""
    require_derived(directory)
    for module in MODULES:
        if hasattr(module, "parts"):  # a format with one file per entry hands them over in batches
            yield from module.parts(directory, site)
        else:
            yield module.export(directory, site)


def open_data_catalog(directory: Directory) -> list[dict]:
    """Return the sections of the Open data page: each a title, what it is, and its files."""
    return [module.section(directory) for module in MODULES]
