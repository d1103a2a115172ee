"""The only module that knows Pelican: load and check the data, then write the pages."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from .checks import validate_data
from .settings import directory_settings

logger = logging.getLogger(__name__)


class DirectoryGenerator(Generator):
    """Loads data/ into the context in generate_context(); writes its pages in generate_output()."""

    def generate_context(self):
        settings = directory_settings(self.settings, Path(self.settings.get("PATH", ".")).resolve().parent)
        result = validate_data(settings["DIRECTORY_DATA_PATH"])
        for problem in result.warnings:
            # Warnings must not stop a build run with --fatal warnings: they go out at INFO.
            logger.info("data warning: %s", problem.text())
        if result.errors:
            # CRITICAL is the one level Pelican's --fatal never turns into a traceback;
            # the exit stops the build before any page is written.
            logger.critical(
                "The data has %d error(s); no page was written:\n%s",
                len(result.errors),
                "\n".join(problem.text() for problem in result.errors),
            )
            raise SystemExit(1)
        self.context["directory_result"] = result

    def generate_output(self, writer):
        pass


def get_generators(pelican):
    """Return the directory's generator class to Pelican's get_generators signal."""
    return DirectoryGenerator
