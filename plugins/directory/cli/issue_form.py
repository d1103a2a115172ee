"""Rewrite the option lists of .github/ISSUE_TEMPLATE/add-program.yml from data/schemas/program.schema.json.

Usage: directory-issue-form

Run it (`make issue-form`) after changing an enum the form asks about; tests/test_shape.py
fails while the committed form and the schema disagree.
"""

from __future__ import annotations

import argparse
import sys

from directory.cli import ROOT
from directory.data.issue_form import FORM, write_form


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    changed = write_form()
    print(f"{FORM.relative_to(ROOT)}: {'options rewritten from the schema' if changed else 'already matches the schema'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
