#!/usr/bin/env python3
"""`directory-new` by its path: runs directory.cli.new.main() (`make setup` installs the package)."""

import sys

from directory.cli.new import main

if __name__ == "__main__":
    sys.exit(main())
