"""Small builders for test datasets: each returns a valid entry, changed by keyword overrides."""

from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

SCHEMAS = ROOT / "data" / "schemas"  # the engine's schemas: a fork keeps them
# The engine's tests run on their own directory, never on the shipped data/ (a fork replaces it).
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
# The day the fixture directory and the builders below are dated for: fixture builds pin it.
PINNED_EPOCH = "1795305600"  # 2026-11-22
SOURCE = [{"source": "test-report", "locator": "Table 1"}]
VERIFIED = "2026-01-15"


def make_source(**overrides):
    entry = {
        "name": "Test report on tech jobs",
        "kind": "report",
        "publisher": "Test publisher",
        "published": "2020",
        "url": "https://www.example.org/test-report",
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_region(**overrides):
    entry = {
        "name": "Test Metro",
        "state": "CA",
        "description": "A metro area used by the tests, with one figure.",
        "figures": [{"label": "Tech employees", "measure": "tech-employees", "value": 1000, "unit": "count", "year": 2014, "source": "Test table"}],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_partner(**overrides):
    entry = {
        "name": "Test College",
        "kinds": ["college"],
        "description": "A community college used by the tests.",
        "regions": ["test-metro"],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_occupation(**overrides):
    entry = {
        "name": "Web Developers",
        "soc_code": "15-1254",
        "soc_2010_code": "15-1134",
        "family": "it",
        "typical_experience": "none",
        "description": "Build and maintain web sites and web applications.",
        "projections": [
            {
                "region": "test-metro",
                "base_year": 2014,
                "base_employment": 100,
                "projected_year": 2024,
                "projected_employment": 136,
                "percent_change": 36.0,
                "new_jobs_per_year": 4,
                "replacement_openings_per_year": 2,
                "openings_per_year": 6,
                "source": "Test projections",
            }
        ],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_pathway(**overrides):
    entry = {
        "name": "Web Development",
        "description": "From a first course to a job building web sites.",
        "field": "software-development",
        "regions": ["test-metro"],
        "steps": [
            {"id": "intro-course", "name": "Introductory web course", "kind": "course", "level": "entry", "leads_to": ["web-developer"]},
            {"id": "web-developer", "name": "Web Developer", "kind": "job", "level": "mid", "occupation": "15-1134"},
        ],
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_program(**overrides):
    entry = {
        "name": "Web Coding Boot Camp",
        "type": "bootcamp",
        "status": "active",
        "provider": "test-college",
        "description": "Twelve weeks of evening classes in building web sites.",
        "delivery": "in-person",
        "regions": ["test-metro"],
        "cost": {"amount": 0},
        "schedule": ["evenings"],
        "eligibility": {"degree_required": False},
        "occupations": ["15-1134"],
        "pathway_steps": [{"pathway": "web-development", "step": "intro-course"}],
        "application": {"status": "rolling"},
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


def make_partnership(**overrides):
    entry = {
        "name": "Test Tech Partnership",
        "kind": "industry-partnership",
        "status": "active",
        "description": "A partnership of employers and colleges used by the tests.",
        "members": [{"partner": "test-college", "roles": ["coordinator"]}],
        "benefits": [{"category": "networking", "for": ["employers"], "details": "Meet other employers"}],
        "fee": {"amount": 0},
        "sources": SOURCE,
        "last_verified": VERIFIED,
    }
    return entry | overrides


MINIMAL = {
    ("sources", "test-report"): make_source,
    ("regions", "test-metro"): make_region,
    ("partners", "test-college"): make_partner,
    ("occupations", "15-1134"): make_occupation,
    ("pathways", "web-development"): make_pathway,
    ("programs", "web-coding-boot-camp"): make_program,
    ("partnerships", "test-tech-partnership"): make_partnership,
}


def write_entry(data_dir: Path, collection: str, entry_id: str, values) -> Path:
    """Write one entry as YAML (or raw text, if values is a str) and return its path."""
    folder = data_dir / collection
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entry_id}.yml"
    text = values if isinstance(values, str) else yaml.safe_dump(values, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_minimal_dataset(root: Path) -> Path:
    """Write a valid minimal dataset (one entry per collection, the real schemas) into root; return it."""
    shutil.copytree(SCHEMAS, root / "schemas")
    for (collection, entry_id), build in MINIMAL.items():
        write_entry(root, collection, entry_id, build())
    return root


def write_fixture_site(root: Path) -> Path:
    """Copy the fixture directory (tests/fixtures/site, with the engine's schemas) into root; return it."""
    shutil.copytree(FIXTURE_SITE, root)
    shutil.copytree(SCHEMAS, root / "schemas")
    return root


@pytest.fixture(scope="session")
def fixture_data(tmp_path_factory) -> Path:
    """The fixture directory as a data folder; read it, never change it (copy it with write_fixture_site).

    The commented examples sit beside it, as examples/ sits beside data/: the data dictionary shows them.
    """
    root = tmp_path_factory.mktemp("fixture")
    shutil.copytree(ROOT / "examples", root / "examples")
    return write_fixture_site(root / "data")


@contextlib.contextmanager
def pinned_clock(epoch: str = PINNED_EPOCH):
    """Run the code inside as of the fixture's day (checks read SOURCE_DATE_EPOCH)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        yield


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A valid minimal dataset (one entry per collection) with the real schemas."""
    return write_minimal_dataset(tmp_path / "data")


def load_script(name: str):
    """Import scripts/NAME.py as a module, as its tests need it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def validators():
    """The real schemas' validators, built once."""
    from directory.schema import load_schemas, make_validators

    return make_validators(load_schemas(ROOT / "data" / "schemas"))


# --- The real build, served under a subpath as GitHub Pages serves a project site ----------

import functools  # noqa: E402
import http.server  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SUBPATH = "sub/path"


def run_pelican(
    output: Path,
    settings: str = "pelicanconf.py",
    siteurl: str | None = None,
    cwd: Path = ROOT,
    data_path: Path | None = None,
    settings_overrides: dict | None = None,
    clock: str | None = PINNED_EPOCH,
):
    """Run the standard Pelican build as `make html` does; return the CompletedProcess.

    The clock is pinned to the fixtures' day, so builds of test data are reproducible;
    clock=None builds as of the real today, as a fork's own data is built.
    """
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    if clock is not None:
        env["SOURCE_DATE_EPOCH"] = clock
    if siteurl is not None:
        env["SITEURL"] = siteurl
    args = [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", str(output), "--fatal", "warnings"]
    overrides = dict(settings_overrides or {})
    if data_path is not None:
        overrides["DIRECTORY_DATA_PATH"] = str(data_path)
    if overrides:  # one -e with every KEY=JSON pair: a second -e would replace the first
        args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_build(root: Path, **build):
    """Build with publishconf.py into root/sub/path, serve root on loopback; yield (base_url, output_dir)."""
    port = _free_port()
    output = root / SUBPATH
    base_url = f"http://127.0.0.1:{port}/{SUBPATH}"
    done = run_pelican(output, "publishconf.py", siteurl=base_url, **build)
    assert done.returncode == 0, done.stdout + done.stderr
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url, output
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory, fixture_data):
    """The fixture directory built with publishconf.py under http://127.0.0.1:PORT/sub/path, served.

    Yields (base_url, output_dir). Every engine test that reads pages shares this one build.
    """
    with serve_build(tmp_path_factory.mktemp("served"), data_path=fixture_data) as site:
        yield site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory):
    """The shipped data/ (or a fork's own) built as of the real today, served like served_site.

    Only data-agnostic tests use it: whatever valid data/ a fork ships, they hold.
    """
    with serve_build(tmp_path_factory.mktemp("shipped"), clock=None) as site:
        yield site


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; skipped with the reason when it is missing.

    CI sets REQUIRE_BROWSER=1, which turns a missing browser into a failure.
    """
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:  # pragma: no cover - it is in requirements-dev.txt
            reason = f"playwright is not importable: {error}"
    if reason:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"browser tests are required here but {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that records script errors in page.errors."""
    context = browser.new_context()
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("dialog", lambda dialog: (tab.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    context.close()
