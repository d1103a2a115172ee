#!/usr/bin/env python3
"""`directory-import-csv` by its path: runs directory.cli.import_csv.main() (`make setup` installs the package)."""

import sys

from directory.cli.import_csv import main

if __name__ == "__main__":
    sys.exit(main())
