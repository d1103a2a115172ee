"""The cells of the site's CSV, as exports/csv_export.py writes them and csv_import.py reads them back.

A list of plain values is one cell, the values joined by "; " (a ";" inside a value is written
"\\;", a backslash "\\\\"); a text cell a spreadsheet would run as a formula (one starting with
= + - @, a tab or a carriage return) gets a leading single quote, which restore() takes off.
"""

from __future__ import annotations

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ID_COLUMN = "id"
# Written for people reading the sheet; ignored when a sheet is read back.
DERIVED_COLUMNS = ("page_url", "provider_name")


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
