"""The directory's commands, one module each with a main(): pyproject.toml names them.

`make setup` installs the package editable from the checkout, so each command reads the
checkout's data/ (and its issue form, and its link cache) unless told another folder.
scripts/NAME.py runs the same main() for those who type `python scripts/NAME.py`.
"""

from pathlib import Path

# The checkout: plugins/directory/cli/ is three folders below it.
ROOT = Path(__file__).resolve().parents[3]
