"""Rewrite the option lists of the add-program issue forms (.github/ISSUE_TEMPLATE/add-program.yml, add-program-es.yml) from data/schemas/program.schema.json.

Usage: directory-issue-form

Run it (`make issue-form`) after changing an enum the forms ask about, or its notes or Spanish
labels; tests/test_shape.py fails while a committed form and the schema disagree.
"""

from __future__ import annotations

import argparse
import sys

from directory.cli import ROOT
from directory.data.issue_form import FORMS, write_form


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    for language, form in FORMS.items():
        changed = write_form(form, language=language)
        print(f"{form.relative_to(ROOT)}: {'options rewritten from the schema' if changed else 'already matches the schema'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
