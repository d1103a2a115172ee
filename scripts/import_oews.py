#!/usr/bin/env python3
"""`directory-import-oews` by its path: runs directory.cli.import_oews.main() (`make setup` installs the package)."""

import sys

from directory.cli.import_oews import main

if __name__ == "__main__":
    sys.exit(main())
