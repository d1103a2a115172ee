"""Rewrite the option lists of .github/ISSUE_TEMPLATE/add-program.yml from data/schemas/program.schema.json.

Run it (`make issue-form`) after changing an enum the form asks about; tests/test_shape.py
fails while the committed form and the schema disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from directory.issue_form import FORM, write_form  # noqa: E402


def main() -> int:
    changed = write_form()
    print(f"{FORM.relative_to(ROOT)}: {'options rewritten from the schema' if changed else 'already matches the schema'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
