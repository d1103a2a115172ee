"""Checks of an entry's Spanish text (its `es:` groups) that a schema cannot say.

The schemas hold each Spanish field to the rules of its English one (length, Markdown, plain
text). What they cannot say is that a Spanish text translates something: a Spanish field
whose English field is empty or missing would show readers of the English pages nothing and
readers of the Spanish pages a text no one can check against the reference.
"""

from __future__ import annotations

from .loader import Entry
from .problems import Problem, field_name

LANGUAGES = ("es",)
# Keys of a language group that are about the translation, not a translated field.
ABOUT_THE_TRANSLATION = frozenset({"reviewed_by"})


def translation_problems(entry: Entry) -> list[Problem]:
    """Return a problem for each Spanish field whose English field is empty or missing, anywhere in the entry."""
    problems = []
    for location, group, english in _language_groups(entry.values, ()):
        for key in group:
            if key in ABOUT_THE_TRANSLATION or _has_text(english.get(key)):
                continue
            line, column = entry.mark(location + (key,), key=True)
            where = field_name(location[:-1] + (key,)) if len(location) > 1 else key
            problems.append(
                Problem(
                    entry.relpath,
                    line,
                    column,
                    field_name(location + (key,)),
                    f"Spanish text without English: '{where}' has no English text for it to translate",
                    hint=f"write the English '{key}' beside '{location[-1]}:' first, or remove the Spanish one",
                )
            )
    return problems


def _language_groups(values, location: tuple):
    """Yield (location of the group, the group, the object holding it) for every language group in values."""
    if isinstance(values, dict):
        for language in LANGUAGES:
            group = values.get(language)
            if isinstance(group, dict):
                yield location + (language,), group, values
        for key, value in values.items():
            if key not in LANGUAGES:
                yield from _language_groups(value, location + (key,))
    elif isinstance(values, list):
        for index, value in enumerate(values):
            yield from _language_groups(value, location + (index,))


def _has_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def translated_fields(schemas: dict) -> frozenset[str]:
    """Return the names of the fields some language group of the schemas translates (name aside).

    A name is written in Spanish only where Spanish writes it differently, so an English name
    on a Spanish page is the name, not a text left untranslated.
    """
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in LANGUAGES and isinstance(value, dict) and isinstance(value.get("properties"), dict):
                    found.update(value["properties"])
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schemas)
    return frozenset(found - ABOUT_THE_TRANSLATION - {"name"})


def localized(values, code: str, fields: frozenset[str]):
    """Return an entry's values with each `code:` group's texts in place of the English ones.

    Every object that keeps an English text of one of `fields` gets `_english`: the names of
    those fields, so a page can mark them lang="en" and say that part of it is not translated.
    The language groups themselves stay, for who reviewed the translation. What this changes
    is copied; everything else is the English values' own objects, shared, so a second
    language costs the entries little memory (the English values are never changed).
    """
    if isinstance(values, list):
        items = [localized(value, code, fields) for value in values]
        return values if all(new is old for new, old in zip(items, values, strict=True)) else items
    if not isinstance(values, dict):
        return values
    group = values.get(code) if isinstance(values.get(code), dict) else {}
    result, english, changed = {}, [], bool(group)
    for key, value in values.items():
        if key in LANGUAGES:
            result[key] = value
        elif key in group and key not in ABOUT_THE_TRANSLATION:
            result[key] = group[key]
        else:
            result[key] = localized(value, code, fields)
            changed = changed or result[key] is not value
            if key in fields and _has_text(value):
                english.append(key)
    if english:
        result["_english"] = tuple(english)
    return result if changed or english else values


def has_english(values) -> bool:
    """Return True when localized() left any text of these values in English."""
    if isinstance(values, dict):
        return bool(values.get("_english")) or any(has_english(value) for value in values.values())
    if isinstance(values, list):
        return any(has_english(value) for value in values)
    return False
