"""Pelican settings for publishing: the same as pelicanconf.py, with the public address.

SITEURL comes from the environment (the Pages workflow sets it), for example
SITEURL=https://org.github.io/repo make publish
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
# The Pages workflow passes the repository it runs in, so a fork's links point at the fork.
DIRECTORY_REPOSITORY_URL = os.environ.get("REPOSITORY_URL") or DIRECTORY_REPOSITORY_URL  # noqa: F405
RELATIVE_URLS = False
