"""The data dictionary's own words, in each language the reference page is written in.

The schemas hold what each field means (`description`, `x-description-es`); these are the
few words reference.py puts around them: what kind of value a field takes and its limits.
"""

from __future__ import annotations

LANGUAGES = ("en", "es")

# Shared definitions that mean more to a reader than their JSON type: (one, several).
DEFINITION_WORDS = {
    "en": {
        "id": ("id (lowercase-words-with-hyphens)", "ids (lowercase-words-with-hyphens)"),
        "url": ("web address", "web addresses"),
        "date": ("date (YYYY-MM-DD)", "dates (YYYY-MM-DD)"),
        "partial_date": ("year, month or day (YYYY, YYYY-MM or YYYY-MM-DD)", "years, months or days"),
        "markdown": ("text, Markdown allowed", "texts, Markdown allowed"),
        "soc_code": ("SOC code (NN-NNNN)", "SOC codes (NN-NNNN)"),
        "language": ("language code", "language codes"),
        "year": ("year", "years"),
    },
    "es": {
        "id": ("id (palabras-en-minúsculas-con-guiones)", "ids (palabras-en-minúsculas-con-guiones)"),
        "url": ("dirección web", "direcciones web"),
        "date": ("fecha (YYYY-MM-DD)", "fechas (YYYY-MM-DD)"),
        "partial_date": ("año, mes o día (YYYY, YYYY-MM o YYYY-MM-DD)", "años, meses o días"),
        "markdown": ("texto, se permite Markdown", "textos, se permite Markdown"),
        "soc_code": ("código SOC (NN-NNNN)", "códigos SOC (NN-NNNN)"),
        "language": ("código de idioma", "códigos de idioma"),
        "year": ("año", "años"),
    },
}
TYPE_WORDS = {
    "en": {
        "string": ("text", "lines of text"),
        "number": ("number", "numbers"),
        "integer": ("whole number", "whole numbers"),
        "boolean": ("true or false", "true or false values"),
        "object": ("group of fields", "groups of fields"),
    },
    "es": {
        "string": ("texto", "líneas de texto"),
        "number": ("número", "números"),
        "integer": ("número entero", "números enteros"),
        "boolean": ("true o false", "valores true o false"),
        "object": ("grupo de campos", "grupos de campos"),
    },
}
# The other words, each a format string.
WORDS = {
    "en": {
        "allowed": ("one allowed value", "allowed values"),
        "value": ("value", "values"),
        "or": " or ",
        "list of": ("list of {}", "lists of {}"),
        "min_length": "at least {} characters",
        "max_length": "at most {} characters",
        "more_than": "more than {}",
        "from_to": "from {} to {}",
        "or_more": "{} or more",
        "at_most": "at most {}",
        "min_items": ("at least {} item", "at least {} items"),
        "max_items": "at most {} items",
        "page_title": "Data dictionary",
        "page_description": "Every field of every data file, what it means, what values it takes, and which ones are required.",
    },
    "es": {
        "allowed": ("un valor permitido", "valores permitidos"),
        "value": ("valor", "valores"),
        "or": " o ",
        "list of": ("lista de {}", "listas de {}"),
        "min_length": "al menos {} caracteres",
        "max_length": "como máximo {} caracteres",
        "more_than": "más de {}",
        "from_to": "de {} a {}",
        "or_more": "{} o más",
        "at_most": "como máximo {}",
        "min_items": ("al menos {} elemento", "al menos {} elementos"),
        "max_items": "como máximo {} elementos",
        "page_title": "Diccionario de datos",
        "page_description": "Cada campo de cada archivo de datos: qué significa, qué valores acepta y cuáles son obligatorios.",
    },
}
