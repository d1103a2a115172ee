"""CSV for spreadsheets, one file per collection, and the reading of such a sheet back into entries.

The columns come from the collection's schema, so a column always means the same thing:
a field inside a group is `group.field` (cost.amount); the n-th item of a list of groups
is `list.n.field` (sources.1.document), for as many items as the longest list has, at
least one; a list of plain values is one cell, the values joined by "; " (a ";" inside a
value is written "\\;", a backslash "\\\\"). A text cell a spreadsheet would run as a
formula (one starting with = + - @, a tab or a carriage return) gets a leading single
quote, which entry_from_row() takes off again. csv_bytes() is the one writer of every CSV
the site publishes (the HSDS tables too), so each gets that guard.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..checks import validators_for
from ..dataset import COLLECTIONS
from ..model import URL_FOLDERS, Directory
from ..problems import quoted
from .shared import Site

API_FOLDER = "api"
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ID_COLUMN = "id"
# Written for people reading the sheet; ignored when a sheet is read back.
DERIVED_COLUMNS = ("page_url", "provider_name")
ERROR, WARNING = "error", "warning"
# No list of groups in any schema comes near this (the loader's limit on the items of a list).
MAX_ITEM_NUMBER = 1000
_INTEGER = re.compile(r"[-+]?[0-9]+")
_DECIMAL = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def merged(node: dict) -> dict:
    """Return a schema node with its allOf parts folded in (inline_refs keeps sibling keywords so)."""
    if "allOf" not in node:
        return node
    result = {key: value for key, value in node.items() if key != "allOf"}
    for part in node["allOf"]:
        for key, value in merged(part).items():
            if key == "properties":
                result["properties"] = result.get("properties", {}) | value
            else:
                result.setdefault(key, value)
    return result


def _is_group(node: dict) -> bool:
    node = merged(node)
    return node.get("type") == "object" or "properties" in node


def _is_list_of_groups(node: dict) -> bool:
    node = merged(node)
    return node.get("type") == "array" and _is_group(node.get("items", {}))


def columns(schema: dict, entries: list[dict]) -> list[str]:
    """Return the column names for a collection: every field of the schema, flattened, in schema order."""
    names: list[str] = []

    def walk(node: dict, prefix: list[str], values: list) -> None:
        node = merged(node)
        if _is_group(node):
            for key, child in node.get("properties", {}).items():
                walk(child, [*prefix, key], [value.get(key) for value in values if isinstance(value, dict)])
        elif _is_list_of_groups(node):
            longest = max((len(value) for value in values if isinstance(value, list)), default=0)
            for index in range(max(longest, 1)):
                walk(node["items"], [*prefix, str(index + 1)], [value[index] for value in values if isinstance(value, list) and len(value) > index])
        else:
            names.append(".".join(prefix))

    walk(schema, [], entries)
    return names


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


def neutralise(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would run as a formula (and to text already so quoted)."""
    if text[:1] in FORMULA_STARTS or (text.startswith("'") and text.lstrip("'")[:1] in FORMULA_STARTS):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo neutralise()."""
    first = text[1:].lstrip("'")[:1]
    if text.startswith("'") and first and first in FORMULA_STARTS:
        return text[1:]
    return text


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _escape_item(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;")


def cell(value) -> str:
    """Return the text of one cell: numbers as digits, lists joined, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _text(value)  # a number is never read as a formula
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(_escape_item(_text(item)) for item in value))
    return neutralise(_text(value))


def split_list(text: str) -> list[str]:
    """Split a list cell on its unescaped semicolons; drop empty items."""
    items, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


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
            "title": f"{collection.capitalize()} ({len(directory.collection(collection))})",
            "about": "One row per entry.",
        }
        for collection in URL_FOLDERS
    ]
    return {
        "id": "csv",
        "title": "Spreadsheets (CSV)",
        "about": Markup(
            "One file per kind of entry, for Excel, LibreOffice or Google Sheets: UTF-8 with a byte-order mark, one row per entry. "
            "A field inside a group is a column such as <code>cost.amount</code>; the items of a list of groups are numbered, "
            "<code>sources.1.document</code>, <code>sources.2.document</code> ...; a list of plain values is one cell with the values "
            "separated by <code>; </code>. A cell that starts with <code>=</code>, <code>+</code>, <code>-</code> or <code>@</code> "
            "begins with a single quote, so no spreadsheet runs it as a formula. Partners can fill in the same columns and import "
            "the sheet with <code>scripts/import_csv.py</code>."
        ),
        "files": files,
    }


# --- Reading a sheet back ------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """Something about one cell that could not be taken as it was."""

    column: str
    message: str
    severity: str = ERROR


def _types(node: dict) -> set[str]:
    node = merged(node)
    kinds = node.get("type", [])
    found = set([kinds] if isinstance(kinds, str) else kinds)
    for option in node.get("anyOf", []):
        found |= _types(option)
    return found


def _choices(node: dict) -> list:
    node = merged(node)
    found = list(node.get("enum", []))
    for option in node.get("anyOf", []):
        found += _choices(option)
    return found


def _number(text: str):
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return None


def parse_value(node: dict, text: str):
    """Return the value a cell means for a schema node, or raise ValueError saying why not."""
    node = merged(node)
    if node.get("type") == "array":
        return [parse_value(node.get("items", {}), item) for item in split_list(text)]
    types, choices, plain = _types(node), _choices(node), text.strip()
    if "boolean" in types:
        if plain.lower() in ("true", "yes"):
            return True
        if plain.lower() in ("false", "no"):
            return False
        raise ValueError(f"{quoted(plain)} is not true or false")
    if types & {"number", "integer"}:
        number = _number(plain)
        if "integer" in types and "number" not in types and isinstance(number, float):
            number = int(number) if number.is_integer() else None
        if number is not None:
            return number
        if plain in choices:
            return plain
        words = "a whole number" if "integer" in types and "number" not in types else "a number"
        extra = f", or one of: {', '.join(map(str, choices))}" if choices else ""
        raise ValueError(f"{quoted(plain)} is not {words}{extra} (write digits only, without commas or symbols)")
    if choices or "pattern" in node or "format" in node or "const" in node:
        return plain  # ids, dates, codes and allowed words: spaces around them are never meant
    return text.replace("\r\n", "\n")


def _is_item_number(part: str) -> bool:
    """Say whether a part of a column name is an item number: ASCII digits only ('²' and '٣' are not)."""
    return part.isascii() and part.isdecimal()


def node_at(schema: dict, column: str) -> tuple[dict | None, str]:
    """Return the schema node of a column, or (None, why the column is not a field)."""
    node = schema
    for position, part in enumerate(column.split(".")):
        node = merged(node)
        if _is_item_number(part) and _is_list_of_groups(node):
            if len(part) > len(str(MAX_ITEM_NUMBER)) or part != str(int(part)) or not 1 <= int(part) <= MAX_ITEM_NUMBER:
                return None, f"numbers items 1, 2, 3 ... up to {MAX_ITEM_NUMBER}, without leading zeros"
            node = node["items"]
        elif _is_group(node) and part in node.get("properties", {}):
            node = node["properties"][part]
        else:
            where = ".".join(column.split(".")[:position]) or "the entry"
            return None, f"is not a field ('{part}' is not a field of {where})"
    if _is_group(node) or _is_list_of_groups(node):
        return None, "is a group of fields; write its fields in their own columns, such as " + (
            column + ".1..." if _is_list_of_groups(node) else column + ".FIELD"
        )
    return node, ""


def _store(values: dict, column: str, value) -> None:
    parts = [int(part) if _is_item_number(part) else part for part in column.split(".")]
    container = values
    for part in parts[:-1]:
        container = container.setdefault(part, {})
    container[parts[-1]] = value


def _tidy(value, node: dict):
    """Turn numbered groups into lists, order fields as the schema does, drop what is empty."""
    node = merged(node)
    if isinstance(value, dict) and value and all(isinstance(key, int) for key in value):
        items = [_tidy(value[key], node.get("items", {})) for key in sorted(value)]
        return [item for item in items if item not in (None, {}, [])]
    if isinstance(value, dict):
        properties = node.get("properties", {})
        ordered = {key: _tidy(value[key], properties.get(key, {})) for key in properties if key in value}
        return {key: item for key, item in ordered.items() if item not in (None, {}, [])}
    return value


def entry_from_row(header: list[str], row: list[str], schema: dict) -> tuple[dict, list[Note]]:
    """Return the values a sheet's row holds, and a note for each cell that could not be taken."""
    values: dict = {}
    notes: list[Note] = []
    for column, raw in zip(header, row, strict=False):
        column = column.strip()
        if column == ID_COLUMN or column in DERIVED_COLUMNS or not raw.strip():
            continue
        node, why = node_at(schema, column)
        if node is None:
            notes.append(Note(column, f"column '{column}' {why}; its value was left out", WARNING))
            continue
        try:
            _store(values, column, parse_value(node, restore(raw)))
        except ValueError as error:
            notes.append(Note(column, f"{column}: {error}"))
    return _tidy(values, schema), notes
