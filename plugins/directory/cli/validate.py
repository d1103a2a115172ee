"""Check the directory's data files and print every problem, one per line.

Usage: directory-validate [DATA_DIR] [--format text|github]

Exit status: 0 when the data is valid (warnings allowed), 1 when it is not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from directory.cli import ROOT
from directory.data.checks import validate_data
from directory.data.problems import DirectoryError


def main(argv: list[str] | None = None) -> int:
    """Validate DATA_DIR and return the exit status."""
    parser = argparse.ArgumentParser(description="Check the directory's data files.")
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data"), help="the data folder (default: data/)")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="github prints workflow annotations")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"{args.data_dir}: no such folder", file=sys.stderr)
        return 1
    try:
        result = validate_data(data_dir)
    except DirectoryError as error:
        print(error, file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem.github() if args.format == "github" else problem.text())
    errors, warnings = len(result.errors), len(result.warnings)
    print(f"{result.count} entries, {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
