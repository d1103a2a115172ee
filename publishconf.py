"""Pelican settings for publishing: the same as pelicanconf.py, with the public address.

SITEURL comes from the environment (the Pages workflow sets it), for example
SITEURL=https://org.github.io/repo make publish
"""

import os
import runpy
from pathlib import Path

# pelicanconf.py is read from beside this file, whatever the working directory and however
# Pelican was started (`pelican`, `python -m pelican`): every setting it defines, as `import *` would.
_base = runpy.run_path(str(Path(__file__).with_name("pelicanconf.py")))
globals().update({name: value for name, value in _base.items() if not name.startswith("_")})

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
# The Pages workflow passes the repository it runs in, so a fork's links point at the fork.
DIRECTORY_REPOSITORY_URL = os.environ.get("REPOSITORY_URL") or _base["DIRECTORY_REPOSITORY_URL"]
RELATIVE_URLS = False
