#!/usr/bin/env python3
"""`directory-validate` by its path: runs directory.cli.validate.main() (`make setup` installs the package)."""

import sys

from directory.cli.validate import main

if __name__ == "__main__":
    sys.exit(main())
