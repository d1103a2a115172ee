"""Plain-language fixes for YAML syntax errors, for a partner who has never seen YAML."""

from __future__ import annotations

import re

YAML_HINTS = (
    ("mapping values are not allowed", "a value contains ': '; put the whole value in quotes"),
    ("cannot start any token", "put the value in quotes"),
    ("tab character", "indent with spaces, not tabs: replace the tab at the start of this line with spaces"),
    ("could not find expected ':'", "each line needs 'field: value'; check the quotes and indentation here and on the line above"),
    ("did not find expected key", "check the indentation: fields of one block must start in the same column"),
    ("expected <block end>", "check the indentation: fields of one block must start in the same column"),
    ("while scanning a quoted scalar", "close the quote that this value opens"),
    ("did not find expected ',' or ']'", "close the list with ]"),
    ("did not find expected ',' or '}'", "close the mapping with }"),
    ("found unexpected end of stream", "close the quote or bracket opened above"),
    ("unacceptable character", "remove the invisible control character"),
    ("special characters are not allowed", "remove the invisible control character"),
    ("found undefined alias", "write the value out in full instead of using *alias"),
    (
        "did not find expected '-' indicator",
        "check the indentation: the items of a list start with '- ' in the same column, and nothing else may sit between them",
    ),
    ("did not find expected node content", "a value is missing, or starts with a character YAML reserves; put the value in quotes"),
    ("expected a comment or a line break", "put the whole value in quotes"),
    ("did not find expected alphabetic or numeric character", "put the value in quotes"),
)


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, before_line: int) -> int | None:
    """Return the number of the first line, up to before_line, whose quoted value is never closed."""
    for number, line in enumerate(text.split("\n")[:before_line], start=1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return number
    return None


_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(- )?[A-Za-z_][\w-]*:[^\s/:]")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _hint_from_lines(text: str, line: int, error: str) -> str:
    """Name the line that causes a syntax error reported further down, when it can be told."""
    lines = text.split("\n")
    opened = None if "quoted scalar" in error else _unclosed_quote(text, line)
    if opened and opened < line:  # the quote ran on and the parser stumbled further down
        return f"the quote opened on line {opened} is not closed on that line; close it"
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), None)
    if above and _NO_SPACE_AFTER_COLON.match(lines[above - 1]):
        return f"put a space after the ':' on line {above}"
    if "mapping values" in error and above and line <= len(lines) and _indent(lines[line - 1]) > _indent(lines[above - 1]):
        if not lines[above - 1].rstrip().endswith(":"):
            return f"line {line} is indented more than line {above}; start its field in the same column"
    return ""


def syntax_hint(text: str, line: int, error: str) -> str:
    """Return the fix for a YAML syntax error at `line`: from the lines around it, else from its message."""
    return _hint_from_lines(text, line, error) or next((hint for needle, hint in YAML_HINTS if needle in error), "")


# What comes before a plain value on its line: indentation, list dashes and 'field: '.
_BEFORE_BLOCK_VALUE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s'"#\[{][^#]*?:\s+)?$""")


def _value_in_quotes(value: str) -> str:
    """Return value as YAML text in quotes: "@acme" (single quotes when it holds a double quote or a backslash)."""
    return f'"{value}"' if '"' not in value and "\\" not in value else "'" + value.replace("'", "''") + "'"


def _reserved_character(text: str, line: int, column: int) -> tuple[str, str] | None:
    """Describe a tab, @ or ` found where YAML cannot start a token, from the character itself."""
    lines = text.split("\n")
    if not 0 < line <= len(lines) or not 0 < column <= len(lines[line - 1]):
        return None
    row = lines[line - 1]
    char, before = row[column - 1], row[: column - 1]
    if char == "\t":
        where = "to indent" if not before.strip() else "between the parts of this line"
        return f"a tab character is used {where}", "use spaces, never tabs: replace the tab with spaces"
    if char not in "@`":
        return None
    value = row[column - 1 :].split(" #", 1)[0].rstrip()
    if not before.strip() and re.search(r":(\s|$)", value):
        return f"a field name cannot start with {char}", f"remove the {char}: field names are the lowercase words the schema lists"
    message = f"a value cannot start with {char} unless it is in quotes"
    if _BEFORE_BLOCK_VALUE.match(before) and value and len(value) <= 60:
        return message, f"put the whole value in quotes: {_value_in_quotes(value)}"
    return message, "put the whole value in quotes"


def syntax_problem(text: str, line: int, column: int, problem: str, error: str) -> tuple[str, str]:
    """Return (message, fix) for a YAML syntax error at line:column, in words a partner understands."""
    if "cannot start any token" in error or "tab character" in error:
        described = _reserved_character(text, line, column)
        if described:
            return f"YAML syntax error: {described[0]}", described[1]
    return f"YAML syntax error: {problem}", syntax_hint(text, line, error)
