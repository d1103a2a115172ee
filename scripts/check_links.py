#!/usr/bin/env python3
"""`directory-check-links` by its path: runs directory.cli.check_links.main() (`make setup` installs the package)."""

import sys

from directory.cli.check_links import main

if __name__ == "__main__":
    sys.exit(main())
