#!/usr/bin/env python3
"""Benchmarks (`make bench`): validation, build, page sizes and search on shipped + synthetic data.

Prints what it measured and the targets from the issues; exits 1 if a target is
missed, so a regression is visible. Timings are wall-clock on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

# synthetic, bench_search and bench_spanish sit beside this file: Python puts a script's own folder on sys.path.
from bench_search import bench_search
from bench_spanish import main as bench_spanish_payload
from directory.data.checks import validate_data
from synthetic import write_synthetic

ROOT = Path(__file__).resolve().parent.parent


def best_of(runs: int, work):
    """Run work() `runs` times; return (best seconds, last result)."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_validate(workdir: Path, count: int) -> bool:
    """Validate shipped data plus COUNT synthetic programs; target at most 1 ms per file."""
    data_dir = write_synthetic(count, workdir / f"validate-{count}")
    seconds, result = best_of(3, lambda: validate_data(data_dir))
    files = result.count
    per_file = seconds * 1000 / files
    ok = per_file <= 1.0 and not result.errors
    print(f"validate: {files} files in {seconds:.2f} s = {per_file:.3f} ms/file (target <= 1 ms/file), {len(result.errors)} errors  {'OK' if ok else 'MISSED'}")
    return ok


_BUILDS: dict[tuple, float] = {}


def bench_build(workdir: Path, count: int, exports: bool = True, ratio_target: float | None = 3, languages: tuple[str, ...] = ("en",)) -> bool:
    """Full Pelican build of shipped + COUNT synthetic programs against bare Jinja2 + Markdown.

    The bare floor renders English pages: the build it is held to is the English-only site
    (languages); a build in more languages is compared with that one (issue 14: under twice).

    Target: at most ratio_target times the time bare Jinja2 + Markdown needs to render the same
    program pages in one process (None: shown, not held); peak memory under 1 GiB, the largest
    of the build's processes (forked workers count the pages they share with the parent).
    """
    data_dir = workdir / f"build-{count}" / "data"
    if not data_dir.exists():
        data_dir = write_synthetic(count, workdir / f"build-{count}")
    output = build_output(workdir, count, exports, languages)
    built = run_build(data_dir, output, exports, languages)
    if built is None:
        return False
    full, peak_mib = built
    pages = sum(1 for _ in output.rglob("*.html"))
    _BUILDS[count, exports, languages] = full
    if len(languages) > 1:
        english = _BUILDS.get((count, exports, ("en",)))
        ratio = full / english if english else float("nan")
        ok = ratio < 2 and peak_mib < 1024
        print(
            f"build in {' and '.join(languages)}: {pages} pages in {full:.2f} s, {ratio:.2f} times the English-only build of the same data"
            f" (target < 2); peak memory {peak_mib:.0f} MiB (target < 1024)  {'OK' if ok else 'MISSED'}"
        )
        return ok
    bare = bare_seconds(data_dir, workdir / f"bare-{count}")
    programs = len(list((data_dir / "programs").glob("*.yml")))
    ratio = full / bare
    ok = (ratio_target is None or ratio <= ratio_target) and peak_mib < 1024
    target = f"target <= {ratio_target:g}" if ratio_target else "no target"
    print(
        f"build{' with open-data exports' if exports else ' (pages and search)'}: {pages} pages in {full:.2f} s ({full * 1000 / pages:.2f} ms/page); bare Jinja2 + Markdown for {programs} program pages "
        f"{bare:.2f} s ({bare * 1000 / programs:.2f} ms/page); ratio {ratio:.2f} ({target}); peak memory {peak_mib:.0f} MiB (target < 1024)  {'OK' if ok else 'MISSED'}"
    )
    return ok


def run_build(data_dir: Path, output: Path, exports: bool, languages: tuple[str, ...]) -> tuple[float, float] | None:
    """Run the real Pelican build; return (seconds, peak MiB of its largest process), or None (its log printed) if it failed."""
    import subprocess

    env = dict(os.environ)  # the real today: the shipped (or a fork's) entries are dated for it
    args = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output), "--fatal", "warnings"]
    args += [
        "-e",
        f'DIRECTORY_DATA_PATH="{data_dir}"',
        f"DIRECTORY_EXPORTS={'true' if exports else 'false'}",
        f"DIRECTORY_LANGUAGES={json.dumps(list(languages))}",
    ]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        build = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        # This build's own peak: wait4 gives the largest of its processes (workers included), not of every earlier child.
        _, status, usage = os.wait4(build.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            print(log.read().decode("utf-8", "replace")[-4000:])
            return None
    return seconds, usage.ru_maxrss / 1024


def build_output(workdir: Path, count: int, exports: bool = True, languages: tuple[str, ...] = ("en",)) -> Path:
    """Return the folder bench_build writes the site of COUNT synthetic programs into."""
    return workdir / f"build-{count}-out-{'exports' if exports else 'site'}-{'-'.join(languages)}"


# issue 15: pages that list programs are cut into pages, so no page grows with the directory.
PAGE_BUDGET, PROGRAM_PAGE_BUDGET = 100 * 1024, 30 * 1024  # gzipped bytes


def bench_page_sizes(output: Path, count: int) -> bool:
    """Measure the largest HTML page and the largest program page of a built site, gzipped; targets 100 KiB and 30 KiB."""
    import gzip

    largest, largest_program = (0, ""), (0, "")
    for path in output.rglob("*.html"):
        name = path.relative_to(output).as_posix()
        size = (len(gzip.compress(path.read_bytes(), 6)), name)
        largest = max(largest, size)
        parts = name.removeprefix("es/").split("/")
        if len(parts) == 3 and parts[0] == "programs" and parts[1] not in ("by", "page"):  # programs/<id>/index.html
            largest_program = max(largest_program, size)
    ok = largest[0] <= PAGE_BUDGET and largest_program[0] <= PROGRAM_PAGE_BUDGET
    print(
        f"page sizes at +{count:,} programs, gzipped: largest page {largest[0] / 1024:.1f} KiB ({largest[1]}) (target <= 100 KiB);"
        f" largest program page {largest_program[0] / 1024:.1f} KiB ({largest_program[1]}) (target <= 30 KiB)  {'OK' if ok else 'MISSED'}"
    )
    return ok


_BARE: dict[Path, float] = {}


def bare_seconds(data_dir: Path, out_dir: Path) -> float:
    """Best of two bare renders (the stricter baseline), measured once per data folder."""
    if data_dir not in _BARE:
        _BARE[data_dir] = min(bare_render_seconds(data_dir, out_dir) for _ in range(2))
    return _BARE[data_dir]


def bare_render_seconds(data_dir: Path, out_dir: Path) -> float:
    """Render every program page with plain Jinja2 + Markdown in this process; return the seconds."""
    import jinja2

    from directory.data.checks import validate_data
    from directory.data.markdown import MarkdownRenderer
    from directory.derive import derive
    from directory.generator import TEMPLATE_FILTERS, TEMPLATE_GLOBALS
    from directory.languages import LANGUAGES
    from directory.model import build_directory
    from directory.search import plan_search_assets
    from directory.site.assets import plan_theme_assets
    from directory.site.pages import facet_titles
    from directory.site.ui_words import ui_words

    directory = build_directory(validate_data(data_dir).entries)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"]
    )
    env.install_null_translations(newstyle=True)
    env.filters.update(TEMPLATE_FILTERS)
    env.globals.update(TEMPLATE_GLOBALS | {"facet_titles": facet_titles()})
    template = env.get_template("program.html")
    context = {
        "SITEURL": "",
        "HOME": "",
        "lang": "en",
        "LANGUAGES": [LANGUAGES["en"]],
        "partners_by_id": directory.partners,
        "ui_words": ui_words(),
        "DIRECTORY_NAME": "Bench",
        "DIRECTORY_TAGLINE": "",
        "DIRECTORY_EDIT_URL": "",
        "DEFAULT_LANG": "en",
        "build_year": 2026,
        "regions_by_id": directory.regions,
        # The pages link the same theme and search files as the real build's.
        "search_assets": plan_search_assets(directory).urls,
        "theme_assets": plan_theme_assets({"brand": "#1d4f91", "accent": "#8a3b12"}, ROOT / "theme" / "static").urls,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    # The values the page shows (Markdown, summaries, outcome rows ...), in this one process; no cards, no checks.
    derive(directory, MarkdownRenderer(), card=lambda program: "", min_items=sys.maxsize)
    for program in directory.programs.values():
        html = template.render(context, item=program, page_title=program.name, page_url=program.url)
        (out_dir / f"{program.id}.html").write_text(html, encoding="utf-8")
    return time.perf_counter() - start


def bench_hostile(workdir: Path) -> bool:
    """Validate the fixture directory with each bad input of tests/fixtures/bad put in; target under 1 s each."""
    cases = sorted(path for path in (ROOT / "tests" / "fixtures" / "bad").iterdir() if path.is_dir())
    timings, refused = [], 0
    for case in cases:
        data_dir = workdir / "hostile" / case.name
        shutil.copytree(ROOT / "tests" / "fixtures" / "site", data_dir)
        shutil.copytree(ROOT / "data" / "schemas", data_dir / "schemas")
        for part in case.iterdir():
            if part.is_dir():
                shutil.copytree(part, data_dir / part.name, dirs_exist_ok=True)
        seconds, result = best_of(3, lambda data_dir=data_dir: validate_data(data_dir))
        timings.append((seconds, case.name))
        refused += bool(result.errors)
    slowest, name = max(timings)
    ok = slowest < 1.0
    print(
        f"hostile input: {len(cases)} bad inputs checked, {refused} refused with errors, slowest {slowest * 1000:.0f} ms ({name}) (target < 1 s each)  {'OK' if ok else 'MISSED'}"
    )
    return ok


def bench_markdown() -> bool:
    """Render the worst descriptions the Markdown check lets through (tests/test_render.py's six); target under 0.75 s each."""
    from directory.data.markdown import MAX_MARKDOWN_ANGLES, MAX_MARKDOWN_BRACKETS, MarkdownRenderer

    brackets, angles = MAX_MARKDOWN_BRACKETS, MAX_MARKDOWN_ANGLES
    texts = {
        "brackets": "[" * brackets + " word" * 1190,
        "brackets-on-lines": "[\n" * brackets + " word" * 1180,
        "links-and-tags": "[a](" * brackets + "<a " * angles + " word" * 1000,
        "images": "![" * brackets + " word" * 1180,
        "written-brackets": "\\[" * 3000,
        "quotes": ">" * 6000,
    }
    render = MarkdownRenderer()
    slowest, name = max((best_of(3, lambda text=text: render(text))[0], name) for name, text in texts.items())
    ok = slowest < 0.75
    print(
        f"markdown: the {len(texts)} worst accepted descriptions render in at most {slowest * 1000:.0f} ms ({name}) (target < 0.75 s each)  {'OK' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000, help="synthetic programs to add (default 10000)")
    parser.add_argument("--skip-large", action="store_true", help="leave out the build of 50,000 programs (about 3 minutes)")
    parser.add_argument("--skip-search", action="store_true", help="leave out the search benchmark (1,000, 10,000 and 50,000 programs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        results = [
            bench_hostile(Path(tmp)),
            bench_validate(Path(tmp), args.programs),
            bench_build(Path(tmp), 1_000, ratio_target=None),  # a small build is mostly start-up: the 3x target is for 10,000
            bench_build(Path(tmp), args.programs, exports=False),
            bench_build(Path(tmp), args.programs),
            # issue 14: the site in English and Spanish against the English-only build above
            bench_build(Path(tmp), args.programs, languages=("en", "es")),
            bench_page_sizes(build_output(Path(tmp), args.programs, languages=("en", "es")), args.programs),
        ]
        if not args.skip_large:  # issue 15: a national directory completes in under 1 GiB
            results.append(bench_build(Path(tmp), 50_000, ratio_target=None))
            results.append(bench_build(Path(tmp), 50_000, languages=("en", "es")))
            results.append(bench_page_sizes(build_output(Path(tmp), 50_000, languages=("en", "es")), 50_000))
        if not args.skip_search:
            bench_spanish_payload()  # the shipped data's Spanish search payload beside the English (no target)
            results.append(bench_search(Path(tmp)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
