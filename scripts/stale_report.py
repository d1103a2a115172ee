#!/usr/bin/env python3
"""`directory-stale-report` by its path: runs directory.cli.stale_report.main() (`make setup` installs the package)."""

import sys

from directory.cli.stale_report import main

if __name__ == "__main__":
    sys.exit(main())
