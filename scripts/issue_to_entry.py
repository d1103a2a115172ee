#!/usr/bin/env python3
"""`directory-issue-to-entry` by its path: runs directory.cli.issue_to_entry.main() (`make setup` installs the package)."""

import sys

from directory.cli.issue_to_entry import main

if __name__ == "__main__":
    sys.exit(main())
