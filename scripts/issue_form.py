#!/usr/bin/env python3
"""`directory-issue-form` by its path: runs directory.cli.issue_form.main() (`make setup` installs the package)."""

import sys

from directory.cli.issue_form import main

if __name__ == "__main__":
    sys.exit(main())
