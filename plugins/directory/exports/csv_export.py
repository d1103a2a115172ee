"""CSV for spreadsheets, one file per collection (csv_import.py reads such a sheet back into entries).

The columns come from the collection's schema, so a column always means the same thing:
a field inside a group is `group.field` (cost.amount); the n-th item of a list of groups
is `list.n.field` (sources.1.document), for as many items as the longest list has, at
least one; a list of plain values is one cell, the values joined by "; " (a ";" inside a
value is written "\\;", a backslash "\\\\"). A text cell a spreadsheet would run as a
formula (one starting with = + - @, a tab or a carriage return) gets a leading single
quote, which csv_import.entry_from_row() takes off again. csv_bytes() is the one writer of every CSV
the site publishes (the HSDS tables too), so each gets that guard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from markupsafe import Markup

from ..data.checks import validators_for
from ..data.csv_cells import ID_COLUMN, cell
from ..data.dataset import COLLECTIONS
from ..data.schema_walk import resolve, walk_fields
from ..languages import gettext as _
from ..model import URL_FOLDERS, Directory
from .shared import Site, collection_title

API_FOLDER = "api"


def columns(schema: dict, entries: list[dict]) -> list[str]:
    """Return the column names for a collection: every field of the schema, flattened, in schema order."""

    def item_count(path: tuple) -> int:
        """Return how many items the longest list at path has among the entries, at least one."""
        values = entries
        for part in path:
            if isinstance(part, int):
                values = [value[part - 1] for value in values if isinstance(value, list) and len(value) >= part]
            else:
                values = [value.get(part) for value in values if isinstance(value, dict)]
        return max(max((len(value) for value in values if isinstance(value, list)), default=0), 1)

    fields = walk_fields(resolve(schema), item_numbers=item_count)
    return [field.dotted for field in fields if not field.node.is_group and not field.node.is_list_of_groups]


def flatten(values, prefix: str = "", into: dict | None = None) -> dict:
    """Return {column: value} for the values an entry holds, named as columns() names them."""
    into = {} if into is None else into
    if isinstance(values, dict):
        for key, value in values.items():
            flatten(value, f"{prefix}{key}", into) if not isinstance(value, (dict, list)) else flatten(value, f"{prefix}{key}.", into)
    elif isinstance(values, list) and values and all(isinstance(item, dict) for item in values):
        for index, item in enumerate(values, start=1):
            flatten(item, f"{prefix}{index}.", into)
    else:
        into[prefix.removesuffix(".")] = values
    return into


def csv_bytes(rows: Iterable[list], byte_order_mark: bool = False) -> bytes:
    """Return rows of values as UTF-8 CSV with CRLF line ends, every value through cell().

    The one CSV writer of the site: every CSV it publishes (api/, hsds/) is written here, so
    every one gets the same formula guard.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return (("\ufeff" if byte_order_mark else "") + out.getvalue()).encode("utf-8")


def collection_csv(directory: Directory, collection: str, site: Site, schema: dict) -> bytes:
    """Return one collection as CSV: UTF-8 with a byte-order mark (for Excel), one row per entry."""
    items = list(directory.collection(collection).values())
    names = columns(schema, [item.values for item in items])
    derived = ["page_url"] + (["provider_name"] if collection == "programs" else [])

    def rows():
        yield [ID_COLUMN, *names, *derived]
        for item in items:
            present = flatten(item.values)  # one walk over what the entry holds, not a lookup per column
            row = [item.id] + [present.get(name) for name in names] + [site.absolute(item.url)]
            if collection == "programs":
                row.append(item.provider.name)
            yield row

    return csv_bytes(rows(), byte_order_mark=True)


def export(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return /api/<collection>.csv for every collection."""
    validators = validators_for(site.schema_dir)
    return {
        f"{API_FOLDER}/{collection}.csv": collection_csv(directory, collection, site, validators[COLLECTIONS[collection]].schema) for collection in URL_FOLDERS
    }


def section(directory: Directory) -> dict:
    """Describe the CSV files for the Open data page."""
    files = [
        {
            "path": f"{API_FOLDER}/{collection}.csv",
            "title": collection_title(collection, len(directory.collection(collection))),
            "about": _("One row per entry."),
        }
        for collection in URL_FOLDERS
    ]
    return {
        "id": "csv",
        "title": _("Spreadsheets (CSV)"),
        "about": Markup(
            _(
                "One file per kind of entry, for Excel, LibreOffice or Google Sheets: UTF-8 with a byte-order mark, one row per entry. "
                "A field inside a group is a column such as <code>cost.amount</code>; the items of a list of groups are numbered, "
                "<code>sources.1.document</code>, <code>sources.2.document</code> ...; a list of plain values is one cell with the values "
                "separated by <code>; </code>. A cell that starts with <code>=</code>, <code>+</code>, <code>-</code> or <code>@</code> "
                "begins with a single quote, so no spreadsheet runs it as a formula. Partners can fill in the same columns and import "
                "the sheet with <code>scripts/import_csv.py</code>."
            )
        ),
        "files": files,
    }
