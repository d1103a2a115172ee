#!/usr/bin/env python3
"""`directory-misplaced-entries` by its path: runs directory.cli.misplaced_entries.main() (`make setup` installs the package)."""

import sys

from directory.cli.misplaced_entries import main

if __name__ == "__main__":
    sys.exit(main())
