"""The only module that knows Pelican: load and check the data, then write the pages."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from jinja2 import StrictUndefined
from markupsafe import Markup
from pelican.generators import Generator

from .data.checks import build_date, validate_data
from .data.problems import SettingsError, one_line
from .data.shape import use_shape
from .derive import derive
from .exports import Site as ExportSite
from .exports import export_parts, feeds, open_data_catalog
from .model import build_directory
from .parallel import parallel_map
from .render import cost_text, figure_text, label, number, rewrite_root_links
from .search import plan_search_assets
from .settings import directory_settings
from .site import site_files
from .site.assets import plan_theme_assets, theme_variables
from .site.jsonld import script_json
from .site.pages import benefits_by_kind, build_pages, facet_titles, member_groups, partners_by_kind

logger = logging.getLogger(__name__)


class DirectoryGenerator(Generator):
    """Loads data/ into the context in generate_context(); writes its pages in generate_output()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Counted phrases go through ngettext ("1 step", "2 steps"); catalogs can replace the null ones.
        # A misspelt name in a template fails the build instead of rendering as nothing, whatever the settings say.
        self.env.undefined = StrictUndefined
        self.env.add_extension("jinja2.ext.i18n")
        self.env.install_null_translations(newstyle=True)
        self.env.filters.update({"label": label, "number": number, "cost_text": cost_text, "figure_text": figure_text, "tojson_ld": script_json})
        self.env.globals.update({"member_groups": member_groups, "partners_by_kind": partners_by_kind, "benefits_by_kind": benefits_by_kind})

    def generate_context(self):
        root = Path(self.settings["PATH"]).resolve().parent
        try:
            settings = directory_settings(self.settings, root)
        except SettingsError as error:
            # One line naming the setting and the fix, unwrapped on stderr as data errors are;
            # CRITICAL and SystemExit keep Pelican from printing a traceback.
            sys.stderr.write(f"{one_line(str(error))}\n")
            logger.critical("A setting is wrong; no page was written.")
            raise SystemExit(1) from None
        result = validate_data(settings["DIRECTORY_DATA_PATH"])
        for problem in result.warnings:
            # Warnings must not stop a build run with --fatal warnings: they go out at INFO.
            logger.info("data warning: %s", problem.text())
        if result.errors:
            # The problems go to stderr one per line, unwrapped, exactly as validate.py prints
            # them (Pelican's log handler wraps and timestamps). CRITICAL is the one level
            # --fatal never turns into a traceback; the exit stops the build before any page.
            sys.stderr.write("".join(problem.text() + "\n" for problem in result.errors))
            logger.critical("The data has %d error(s); no page was written.", len(result.errors))
            raise SystemExit(1)
        # The site's own schemas (checked above) say the labels, facets and references of this build.
        use_shape(settings["DIRECTORY_DATA_PATH"] / "schemas")
        self.env.globals["facet_titles"] = facet_titles()
        directory = build_directory(result.entries, build_date())
        self.directory_settings = settings
        self.directory = directory
        self.entry_count = result.count
        self.search_assets = plan_search_assets(directory)
        self.theme_assets = plan_theme_assets(settings["DIRECTORY_COLORS"], Path(self.settings["THEME"]) / "static")
        self.context.update(settings)
        self.context.update(
            {
                "directory": directory,
                "regions_by_id": directory.regions,
                "partners_by_id": directory.partners,
                "build_year": build_date().year,
                "search_assets": self.search_assets.urls,
                "theme_assets": self.theme_assets.urls,
            }
        )
        # A program's card appears on the list and on every filter page it matches: render it once.
        card = self.get_template("_program_card")
        derive(directory, card=lambda program: Markup(card.render(self.context, program=program)), min_items=settings["DIRECTORY_PARALLEL_PAGES"])
        exports = settings["DIRECTORY_EXPORTS"]
        self.pages = build_pages(
            directory,
            self.settings["SITEURL"],
            schema_dir=settings["DIRECTORY_DATA_PATH"] / "schemas",
            open_data=open_data_catalog(directory) if exports else None,
            feeds=feeds.feed_plan(directory) if exports else [],
        )

    def generate_output(self, writer):
        output = Path(self.output_path)
        settings = self.directory_settings
        # Open data (JSON, CSV, HSDS, CTDL, iCalendar, more feeds) is listed on the Open data page.
        export_site = ExportSite(
            self.settings["SITEURL"], settings["DIRECTORY_NAME"], settings["DIRECTORY_FEED_AUTHORITY"], settings["DIRECTORY_DATA_PATH"] / "schemas"
        )
        steps = [
            lambda: self.write_pages(writer, self.pages[0::2]),
            lambda: self.write_pages(writer, self.pages[1::2]),
            lambda: write_files(output, self.search_assets.build()),
        ]
        if settings["DIRECTORY_EXPORTS"]:
            steps.append(lambda: [write_files(output, part) for part in export_parts(self.directory, export_site)])
        # Each step covers the whole directory and none depends on another: on a large one,
        # they run side by side, in workers of their own.
        parallel_map(run_step, steps, size=self.entry_count, min_items=settings["DIRECTORY_PARALLEL_PAGES"], name="writing the site")
        self.finish(output)

    def finish(self, output: Path) -> None:
        """Write the sitemap, robots.txt, the program feed, the theme colours and files, and CNAME."""
        siteurl = self.settings["SITEURL"]
        texts = {
            "sitemap.xml": site_files.sitemap([(p.url, p.modified) for p in self.pages if p.in_sitemap] + self.content_pages(), siteurl),
            "robots.txt": site_files.robots(siteurl),
            "feeds/programs.atom.xml": feeds.atom_feed(
                self.directory.programs.values(),
                siteurl,
                f"{self.context['DIRECTORY_NAME']}: programs",
                "feeds/programs.atom.xml",
                {p.id: p.summary for p in self.directory.programs.values()},
                self.directory_settings["DIRECTORY_FEED_AUTHORITY"],
            ),
            "theme/css/settings.css": theme_variables(self.directory_settings["DIRECTORY_COLORS"]),
        }
        if self.directory_settings["DIRECTORY_CNAME"]:
            texts["CNAME"] = self.directory_settings["DIRECTORY_CNAME"] + "\n"
        write_files(output, {name: text.encode("utf-8") for name, text in texts.items()} | self.theme_assets.files)

    def content_pages(self) -> list[tuple[str, str | None]]:
        """Return (url, date) of the about and contribute pages for the sitemap: their Modified (or Date) metadata."""
        listed = []
        for page in self.context.get("pages") or []:
            changed = getattr(page, "modified", None) or getattr(page, "date", None)
            listed.append((page.url, changed.date().isoformat() if changed else None))
        return sorted(listed)

    def write_pages(self, writer, pages) -> None:
        """Render and write pages through Pelican's writer."""
        for page in pages:
            writer.write_file(page.path, self.get_template(page.template.removesuffix(".html")), self.context, page_url=page.url, **page.writing_context())


def write_files(output: Path, files: dict[str, bytes]) -> None:
    """Write output-relative files, making their folders."""
    for name, content in files.items():
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def run_step(step):
    """Run one step of the build (for parallel_map)."""
    step()


def link_content_pages(content):
    """Point links in the about and contribute pages at this site (/path/) and its repository ({repository})."""
    if getattr(content, "_content", None):
        repository = str(content.settings.get("DIRECTORY_REPOSITORY_URL", "")).rstrip("/")
        text = rewrite_root_links(content._content, content.settings["SITEURL"])
        content._content = text.replace("{repository}", repository)


def get_generators(pelican):
    """Return the directory's generator class to Pelican's get_generators signal."""
    return DirectoryGenerator
