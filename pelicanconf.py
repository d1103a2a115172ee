"""Pelican settings for building the site locally (`make html`, `make serve`).

A partnership that runs its own copy changes the DIRECTORY_* block below; see README.md.
"""

from jinja2 import StrictUndefined

SITEURL = ""
PATH = "content"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# --- Your partnership: change these (README.md, "Run it for your own partnership") ---
SITENAME = "Tech Pathways Directory"
DIRECTORY_NAME = SITENAME
DIRECTORY_TAGLINE = "Find a way into a tech career without a four-year degree, and the programs that lead there."
# The site's languages, English first: Spanish pages go under /es/. Each language needs a
# translation of every page in content/pages/ (about.es.md ...); ["en"] builds English only.
DIRECTORY_LANGUAGES = ["en", "es"]
# The same in the site's other languages: change them together.
DIRECTORY_TRANSLATED_SETTINGS = {
    "es": {
        "DIRECTORY_TAGLINE": "Encuentre un camino hacia una carrera en tecnología sin un título universitario de cuatro años, y los programas que llevan a ella."
    }
}
# The repository the site is built from: "suggest an edit" links on every entry page and
# the contribute page point into it. The Pages workflow sets it for a fork automatically.
DIRECTORY_REPOSITORY_URL = "https://github.com/tech-pathways/directory"
# White text sits on both colours (header, buttons), so each needs a contrast of at least
# 4.5:1 with white (WCAG AA); the build checks it and names a darker colour if not.
DIRECTORY_COLORS = {"brand": "#1d4f91", "accent": "#8a3b12"}
# A domain (or email address) your partnership controls: the ids of feed entries and
# open-data records start with it (tag:DOMAIN,2026:...). Keep it once you have published.
DIRECTORY_FEED_AUTHORITY = "tech-pathways.directory"
DIRECTORY_DATA_PATH = "data"
# ------------------------------------------------------------------------------------

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["directory"]

# The directory writes its own pages; switch off Pelican's blog pages and feeds.
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A page's translation (content/pages/about.es.md, with Lang: es and the same Slug) goes under its language.
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
STATIC_PATHS = []
RELATIVE_URLS = False
DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Every value from data/ is untrusted: escape everything a template prints. A misspelt name fails the build.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": [], "undefined": StrictUndefined}
