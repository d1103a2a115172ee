"""Read a sheet in the CSV export's columns back into entries: one row, one entry's values.

The columns are named as exports/csv_export.py names them (cost.amount, sources.1.document), and
a cell is read as csv_cells.py writes it: list items split on unescaped semicolons, the single
quote before a would-be formula taken off. scripts/import_csv.py turns the values into files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .csv_cells import DERIVED_COLUMNS, ID_COLUMN, restore, split_list
from .problems import quoted
from .schema_walk import resolve

ERROR, WARNING = "error", "warning"
# No list of groups in any schema comes near this (the loader's limit on the items of a list).
MAX_ITEM_NUMBER = 1000
_INTEGER = re.compile(r"[-+]?[0-9]+")
_DECIMAL = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


@dataclass(frozen=True)
class Note:
    """Something about one cell that could not be taken as it was."""

    column: str
    message: str
    severity: str = ERROR


def _types(node: dict) -> set[str]:
    node = resolve(node).schema
    kinds = node.get("type", [])
    found = set([kinds] if isinstance(kinds, str) else kinds)
    for option in node.get("anyOf", []):
        found |= _types(option)
    return found


def _choices(node: dict) -> list:
    node = resolve(node).schema
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
    node = resolve(node).schema
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
    written, node = schema, resolve(schema)  # the node as the schema writes it, and as it means
    for position, part in enumerate(column.split(".")):
        if _is_item_number(part) and node.is_list_of_groups:
            if len(part) > len(str(MAX_ITEM_NUMBER)) or part != str(int(part)) or not 1 <= int(part) <= MAX_ITEM_NUMBER:
                return None, f"numbers items 1, 2, 3 ... up to {MAX_ITEM_NUMBER}, without leading zeros"
            written = node.schema.get("items", {})
            node = node.items
        elif node.is_group and part in node.schema.get("properties", {}):
            written = node.schema["properties"][part]
            node = node.at(written)
        else:
            where = ".".join(column.split(".")[:position]) or "the entry"
            return None, f"is not a field ('{part}' is not a field of {where})"
    if node.is_group or node.is_list_of_groups:
        return None, "is a group of fields; write its fields in their own columns, such as " + (
            column + ".1..." if node.is_list_of_groups else column + ".FIELD"
        )
    return written, ""


def _store(values: dict, column: str, value) -> None:
    parts = [int(part) if _is_item_number(part) else part for part in column.split(".")]
    container = values
    for part in parts[:-1]:
        container = container.setdefault(part, {})
    container[parts[-1]] = value


def _tidy(value, node: dict):
    """Turn numbered groups into lists, order fields as the schema does, drop what is empty."""
    node = resolve(node).schema
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
