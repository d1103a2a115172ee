"""The only module that knows Pelican: load and check the data, then write the pages."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from jinja2 import StrictUndefined
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from .data.checks import build_date, validate_data
from .data.problems import SettingsError, one_line
from .data.schema import load_schemas
from .data.shape import use_shape
from .data.translations import translated_fields
from .derive import derive
from .editions import Edition, localized_entries, untranslated_pages
from .exports import Site as ExportSite
from .exports import export_parts, feeds, open_data_catalog
from .languages import DEFAULT, LANGUAGES, gettext, load_catalogs, use_language
from .model import build_directory
from .parallel import parallel_map
from .render import cost_text, day_text, figure_text, label, lang_of, number, rewrite_root_links, text_of
from .search import plan_search_assets
from .settings import DEFAULTS, directory_settings
from .site import site_files
from .site.assets import plan_theme_assets, theme_variables
from .site.jsonld import script_json
from .site.page_meta import shows_english
from .site.pages import benefits_by_kind, build_pages, facet_titles, member_groups, partners_by_kind
from .site.ui_words import ui_words

logger = logging.getLogger(__name__)


# What the directory's templates call besides Jinja2's own (the benchmark's bare floor uses them too).
TEMPLATE_FILTERS = {
    "label": label,
    "number": number,
    "cost_text": cost_text,
    "figure_text": figure_text,
    "tojson_ld": script_json,
    "lang_of": lang_of,
    "text_of": text_of,
    "day_text": day_text,
}
TEMPLATE_GLOBALS = {"member_groups": member_groups, "partners_by_kind": partners_by_kind, "benefits_by_kind": benefits_by_kind}


class DirectoryGenerator(Generator):
    """Loads data/ into the context in generate_context(); writes its pages in generate_output()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Counted phrases go through ngettext ("1 step", "2 steps"); catalogs can replace the null ones.
        # A misspelt name in a template fails the build instead of rendering as nothing, whatever the settings say.
        self.env.undefined = StrictUndefined
        # _(), gettext() and ngettext() come from the plugin's install_gettext, as for Pelican's own pages.
        self.env.filters.update(TEMPLATE_FILTERS)
        self.env.globals.update(TEMPLATE_GLOBALS)
        # Pelican's about and contribute pages share this context: each gets its own language's script words.
        signals.page_generator_write_page.connect(content_page_words)

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
        untranslated = untranslated_pages(self.context.get("pages") or [], settings["DIRECTORY_LANGUAGES"])
        if untranslated:
            sys.stderr.write("".join(f"{one_line(problem)}\n" for problem in untranslated))
            logger.critical("A page has no translation; no page was written.")
            raise SystemExit(1)
        # The site's own schemas (checked above) say the labels, facets and references of this build.
        schema_dir = settings["DIRECTORY_DATA_PATH"] / "schemas"
        use_shape(schema_dir)
        self.languages = settings["DIRECTORY_LANGUAGES"]
        load_catalogs(Path(self.settings["THEME"]) / "translations", self.languages)
        self.directory_settings = settings
        self.entries = result.entries
        self.rendered: dict | None = {} if len(settings["DIRECTORY_LANGUAGES"]) > 1 else None
        self.translated = translated_fields(load_schemas(schema_dir))
        self.entry_count = result.count
        self.theme_assets = plan_theme_assets(settings["DIRECTORY_COLORS"], Path(self.settings["THEME"]) / "static")
        self.context.update(settings)
        self.context.update(
            {
                "build_year": build_date().year,
                "theme_assets": self.theme_assets.urls,
                "LANGUAGES": [LANGUAGES[code] for code in self.languages],
            }
        )
        # The English edition is made now: Pelican's about and contribute pages read its regions.
        self.edition = self.make_edition(self.languages[0])
        self.context.update(self.edition.context)

    def make_edition(self, code: str) -> Edition:
        """Link, derive and plan the pages of the site in one language (inside use_language(code) for any but the first)."""
        settings = self.directory_settings
        lang = LANGUAGES[code]
        entries = self.entries
        if lang.prefix:  # the entries' own Spanish text in place of the English one
            entries = localized_entries(entries, code, self.translated)
        directory = build_directory(entries, build_date())
        home = self.settings["SITEURL"] + ("/" + lang.prefix.rstrip("/") if lang.prefix else "")
        search_assets = plan_search_assets(directory, language=code)
        context = {
            "lang": code,
            "HOME": home,
            "directory": directory,
            "regions_by_id": directory.regions,
            "partners_by_id": directory.partners,
            "search_assets": search_assets.urls,
            "facet_titles": facet_titles(),  # the filters' titles, in the language's words
            "ui_words": ui_words(),  # the words search.js and filters.js show (base.html's #ui-words block)
            # The name and tagline as the language writes them (DIRECTORY_TRANSLATED_SETTINGS)
            **{key: settings[key] for key in ("DIRECTORY_NAME", "DIRECTORY_TAGLINE")},
            **settings["DIRECTORY_TRANSLATED_SETTINGS"].get(code, {}),
        }
        self.context.update(context)
        # A program's card appears on the list and on every filter page it matches: render it once.
        card = self.get_template("_program_card")
        derive(
            directory,
            card=lambda program: Markup(card.render(self.context, program=program)),
            min_items=settings["DIRECTORY_PARALLEL_PAGES"],
            rendered=self.rendered,  # a description left in English is rendered once, not once per language
        )
        exports = settings["DIRECTORY_EXPORTS"]
        pages = build_pages(
            directory,
            home,
            schema_dir=settings["DIRECTORY_DATA_PATH"] / "schemas",
            open_data=open_data_catalog(directory) if exports else None,
            feeds=feeds.feed_plan(directory) if exports else [],
            page_size=settings["DIRECTORY_PAGE_SIZE"],
        )
        for page in pages:
            page.path = lang.prefix + page.path
            if lang.prefix:
                page.context["english_parts"] = shows_english(page.context)
        return Edition(lang, directory, pages, search_assets, context)

    def generate_output(self, writer):
        output = Path(self.output_path)
        sitemap = []
        for code in self.languages:
            with use_language(code):
                edition = self.edition if code == self.languages[0] else self.make_edition(code)
                self.write_edition(writer, output, edition)
                # Let go of this language's directory before the next one is built: one is held at a time.
                self.context.update(directory=None, regions_by_id=None, partners_by_id=None)
                if code == self.languages[0]:  # every language has the same pages: the sitemap lists each with its alternates
                    sitemap = [(p.url, p.modified) for p in edition.pages if p.in_sitemap]
                self.edition = edition = None
        self.rendered = None
        self.context.update(lang=self.languages[0], HOME=self.settings["SITEURL"])
        self.finish(output, sitemap)

    def write_edition(self, writer, output: Path, edition: Edition) -> None:
        """Write the pages, search files, program feed and (for the first language) open data of one language."""
        settings = self.directory_settings
        self.context.update(edition.context)
        steps = [
            lambda: self.write_pages(writer, edition.pages[0::2]),
            lambda: self.write_pages(writer, edition.pages[1::2]),
            lambda: write_files(output, edition.search_assets.build()),
        ]
        prefix = edition.language.prefix
        home = edition.context["HOME"]
        export_site = ExportSite(home, settings["DIRECTORY_NAME"], settings["DIRECTORY_FEED_AUTHORITY"], settings["DIRECTORY_DATA_PATH"] / "schemas")
        if settings["DIRECTORY_EXPORTS"] and not prefix:
            # Open data (JSON, CSV, HSDS, CTDL, iCalendar, more feeds) is listed on the Open data page.
            steps.append(lambda: [write_files(output, part) for part in export_parts(edition.directory, export_site)])
        elif settings["DIRECTORY_EXPORTS"]:  # the open data is the same in every language; the feeds are read
            steps.append(
                lambda: write_files(output, {prefix + path: data for path, data in feeds.export(edition.directory, export_site, edition=prefix).items()})
            )
        # Each step covers the whole directory and none depends on another: on a large one,
        # they run side by side, in workers of their own.
        parallel_map(run_step, steps, size=self.entry_count, min_items=settings["DIRECTORY_PARALLEL_PAGES"], name="writing the site")
        programs = edition.directory.programs.values()
        every = gettext("programs")  # outside the f-string, where pybabel extract finds it
        text = feeds.atom_feed(
            programs,
            home,
            f"{self.context['DIRECTORY_NAME']}: {every}",
            "feeds/programs.atom.xml",
            {p.id: p.summary for p in programs},
            settings["DIRECTORY_FEED_AUTHORITY"],
            edition=prefix,
        )
        write_files(output, {f"{prefix}feeds/programs.atom.xml": text.encode("utf-8")})

    def finish(self, output: Path, sitemap: list) -> None:
        """Write the sitemap, robots.txt, the theme colours and files, and CNAME."""
        siteurl = self.settings["SITEURL"]
        texts = {
            "sitemap.xml": site_files.sitemap(sitemap + self.content_pages(), siteurl, [LANGUAGES[code] for code in self.languages]),
            "robots.txt": site_files.robots(siteurl),
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


def content_page_words(generator, content):
    """Give a page of Pelican's (about, contribute) the script words of its own language before it is written."""
    code = getattr(content, "lang", None)
    with use_language(code if code in LANGUAGES else DEFAULT):
        generator.context["ui_words"] = ui_words()


def run_step(step):
    """Run one step of the build (for parallel_map)."""
    step()


def link_content_pages(content):
    """Point links in the about and contribute pages at this site (/path/, in the page's language) and its repository ({repository})."""
    if getattr(content, "_content", None):
        repository = str(content.settings.get("DIRECTORY_REPOSITORY_URL", "")).rstrip("/")
        home = content.settings["SITEURL"] + ("" if content.in_default_lang else f"/{content.lang}")
        text = rewrite_root_links(content._content, home)
        content._content = text.replace("{repository}", repository)


def keep_site_languages(generator):
    """Leave out translations of the about and contribute pages into a language the site is not written in."""
    codes = generator.settings.get("DIRECTORY_LANGUAGES", DEFAULTS["DIRECTORY_LANGUAGES"])
    generator.translations = [page for page in generator.translations if page.lang in codes]
    for page in generator.pages:
        page.translations = [translation for translation in page.translations if translation.lang in codes]


def get_generators(pelican):
    """Return the directory's generator class to Pelican's get_generators signal."""
    return DirectoryGenerator
