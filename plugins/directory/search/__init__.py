"""The site search: a lunr index and its result rows, split into files a query fetches a few of.

Plain Python, no Pelican: the build, the tests and the benchmark call the same functions.
This module names the search files and makes them; the parts are docs.py (the
documents and their words: tokenize), index.py (the lunr index, its compact form and
the result store: the unsplit forms the tests and tests/support/search_twin.py read) and
split.py (the manifest, term shards, number and row files the browser fetches); spanish.py
makes the Spanish index's documents and holds its stop words and stemmer.
theme/static/js/engine.js is the query side; the node test holds it and the twin to the
same results.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import lunr
import markdown
import nh3

from ..data.problems import DirectoryError
from ..data.shape import current_shape
from ..model import Directory
from .docs import search_documents
from .index import build_store, json_bytes, lunr_index
from .program_facets import program_facets
from .spanish import LUNR_LANGUAGES_PACKAGE, SCRIPTS, read_stop_words, spanish_documents, spanish_region_names
from .split import ROWS_PER_FILE, split_index

ROOT = Path(__file__).resolve().parents[3]
LUNR_PACKAGE = ROOT / "node_modules" / "lunr"
LANGUAGES = ("en", "es")


class SearchError(DirectoryError):
    """The search assets cannot be built (lunr.js missing, for example)."""


# The index and the store are named by what they are built from (the entries, the code
# that shapes them and the versions of lunr.py, Markdown and nh3), so the pages can link to
# them before they exist and the build can make them while pages are written. The same
# name always means the same bytes.
_PACKAGE = Path(__file__).resolve().parents[1]
_SHAPING_CODE = [
    _PACKAGE / name
    for name in (
        "search/__init__.py",
        "search/docs.py",
        "search/index.py",
        "search/split.py",
        "search/program_facets.py",
        "search/word_list.py",
        "derive.py",
        "render.py",
        "data/markdown.py",
        "model.py",
        "facets.py",
        "pay.py",
        "data/shape.py",
    )
]
_CODE_DIGEST = hashlib.sha256(
    b"".join(path.read_bytes() for path in _SHAPING_CODE) + f"lunr {lunr.__VERSION__} markdown {markdown.__version__} nh3 {nh3.__version__}".encode()
).digest()


def input_digest(directory: Directory, language: str = "en", language_files: tuple[Path, ...] = ()) -> str:
    """Return a short hash of everything the search files are made from.

    A language other than English adds its name, its own code, NLTK's version and the
    lunr-languages files it reads (the stop words) and copies; English hashes what it always did.
    """
    digest = hashlib.sha256(_CODE_DIGEST)
    if language != "en":
        import nltk

        digest.update(f"language {language} nltk {nltk.__version__}".encode())
        for path in (_PACKAGE / "search" / "spanish.py", *language_files):
            digest.update(path.read_bytes())
    digest.update(repr(current_shape()).encode("utf-8"))  # the schemas' labels and facets the search shows
    for item in directory.items():
        digest.update(item.url.encode("utf-8"))
        digest.update(json_bytes(item.values))
    return digest.hexdigest()[:10]


@dataclass
class SearchAssets:
    """The search files (output path -> bytes) and the paths pages link to, by name.

    plan_search_assets() names the files; build() makes them (build_search_assets does both).
    """

    urls: dict
    directory: Directory = field(repr=False)
    lunr_script: Path = field(repr=False)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    language: str = "en"
    language_scripts: list[Path] = field(default_factory=list, repr=False)  # urls["lunr_languages"], in order
    stop_words: frozenset[str] = field(default=frozenset(), repr=False)

    def build(self) -> dict[str, bytes]:
        """Make the manifest, the term shards, the number and row files and the copies of lunr.js (and lunr-languages)."""
        docs = spanish_documents(self.directory, self.stop_words) if self.language == "es" else search_documents(self.directory)
        store = build_store(docs, self.directory)
        if self.language == "es":
            store["labels"].update(spanish_region_names(self.directory))
        manifest, parts = split_index(lunr_index(docs, release_words=True), docs, store["labels"])
        if self.language != "en":
            manifest["language"] = self.language  # the query side's stop words and stems (engine.js languageOf)
        self.files = {self.urls["manifest"]: json_bytes(manifest), self.urls["lunr"]: self.lunr_script.read_bytes()}
        self.files.update(zip(self.urls.get("lunr_languages", []), (script.read_bytes() for script in self.language_scripts), strict=True))
        self.files.update((split_path(self.urls["manifest"], key), json_bytes(data)) for key, data in parts.items())
        self.files[self.urls["program_facets"]] = json_bytes(program_facets(self.directory, ROWS_PER_FILE))
        return self.files


def split_path(manifest_url: str, key: str) -> str:
    """Return the path of a split file beside the manifest: search/terms-3.<digest>.json."""
    folder, _, name = manifest_url.rpartition("/")
    return f"{folder}/{key}.{name.split('.')[1]}.json"


def with_list_files(urls: dict) -> dict:
    """Add the program list's filter file and the row files' pattern ({n}: the file's number) to the search files' urls."""
    return urls | {"program_facets": split_path(urls["manifest"], "program-facets"), "rows": split_path(urls["manifest"], "rows-{n}")}


def plan_search_assets(
    directory: Directory, lunr_package: Path = LUNR_PACKAGE, language: str = "en", lunr_languages_package: Path = LUNR_LANGUAGES_PACKAGE
) -> SearchAssets:
    """Name the search files of a language without making them: cheap, so pages can link to them first.

    English: search/manifest.<digest>.json ... and lunr.js. Spanish: search/es/manifest.<digest>.json
    ..., lunr.js and urls["lunr_languages"], the lunr-languages scripts to load after it, in order.
    """
    if language not in LANGUAGES:
        raise SearchError(f"no search index for language {language!r}; the languages are {', '.join(LANGUAGES)}")
    script = lunr_package / "lunr.min.js"
    if not script.is_file():
        raise SearchError(f"{script} is missing; run `make setup` (npm ci) to install lunr.js")
    version = json.loads((lunr_package / "package.json").read_text(encoding="utf-8"))["version"]
    if language == "en":
        urls = with_list_files({"manifest": f"search/manifest.{input_digest(directory)}.json", "lunr": f"theme/js/lunr-{version}.min.js"})
        return SearchAssets(urls, directory, script)
    scripts, stop_words = _language_files(lunr_languages_package)
    languages_version = json.loads((lunr_languages_package / "package.json").read_text(encoding="utf-8"))["version"]
    digest = input_digest(directory, language, (lunr_languages_package / "lunr.es.js", *scripts))
    urls = {
        "manifest": f"search/{language}/manifest.{digest}.json",
        "lunr": f"theme/js/lunr-{version}.min.js",
        "lunr_languages": [f"theme/js/{name}-{languages_version}.min.js" for name in SCRIPTS],
    }
    urls = with_list_files(urls)
    return SearchAssets(urls, directory, script, language=language, language_scripts=scripts, stop_words=stop_words)


def _language_files(package: Path) -> tuple[list[Path], frozenset[str]]:
    """Return the lunr-languages scripts the browser loads and the Spanish stop words, or say how to install them."""
    scripts = [package / "min" / f"{name}.min.js" for name in SCRIPTS]
    stop_words = read_stop_words(package)
    if stop_words is None or not all(path.is_file() for path in scripts):
        raise SearchError(f"{package} is missing or incomplete; run `make setup` (npm ci) to install lunr-languages")
    return scripts, stop_words


def build_search_assets(
    directory: Directory, lunr_package: Path = LUNR_PACKAGE, language: str = "en", lunr_languages_package: Path = LUNR_LANGUAGES_PACKAGE
) -> SearchAssets:
    """Name and make the split search files of a language and the copies of the scripts they need."""
    assets = plan_search_assets(directory, lunr_package, language, lunr_languages_package)
    assets.build()
    return assets
