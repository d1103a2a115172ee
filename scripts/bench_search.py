#!/usr/bin/env python3
"""Search benchmark: bytes fetched before the first result, and lunr.js load and query times.

For the shipped data plus 1,000 and plus 10,000 synthetic programs, builds the search assets
with plugins/directory/search.py (no Pelican), then
- adds up what the search page fetches before it can show a result, each file gzipped at
  level 6: the page, its stylesheets, search.js, lunr.js, the index and the result store;
- in node, times parsing and loading the index plus the first query, then every keystroke
  of a table of queries typed a letter at a time (median of three runs per keystroke).
Prints the figures with OK or MISSED; `bench_search` returns False if a target is missed.
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from directory.checks import validate_data  # noqa: E402
from directory.model import build_directory  # noqa: E402
from directory.search import build_search_assets  # noqa: E402
from synthetic import write_synthetic  # noqa: E402

BYTE_TARGETS = {1_000: 150 * 1024, 10_000: 1536 * 1024}
LOAD_TARGET_MS = 500
KEYSTROKE_TARGET_MS = 30
# What people type, one letter at a time; the first is the query timed with the load.
TYPED = [
    "cybersecurity",
    "data analytics",
    "web developer",
    "cloud computing",
    "registered apprenticeship",
    "free online python",
    "boot camp los angeles",
    "network support specialist",
    "santa monica college",
    "program",
    "data analytics program",
    "online course",
]
STATIC = ["theme/static/js/search.js", "theme/static/css/site.css", "theme/static/css/search.css"]

NODE_TIMER = r"""
const fs = require("fs");
const [lunrPath, corePath, indexPath, storePath, typedPath] = process.argv.slice(1);
const lunr = require(lunrPath);
const core = require(corePath);
const indexText = fs.readFileSync(indexPath, "utf8"), storeText = fs.readFileSync(storePath, "utf8");
const typed = JSON.parse(fs.readFileSync(typedPath, "utf8"));
const start = performance.now();
const loaded = core.loadIndex(lunr, JSON.parse(indexText));
JSON.parse(storeText);
const firstCount = core.queryIndex(lunr, loaded, typed[0]).length;
const loadMs = performance.now() - start;
const keystrokes = [];
for (let run = 0; run < 3; run++) {
  let k = 0;
  for (const query of typed) {
    for (let i = 1; i <= query.length; i++, k++) {
      const text = query.slice(0, i), before = performance.now();
      const count = core.queryIndex(lunr, loaded, text).length;
      const ms = performance.now() - before;
      if (run === 0) keystrokes.push({ text, count, ms: [ms] }); else keystrokes[k].ms.push(ms);
    }
  }
}
console.log(JSON.stringify({ loadMs, firstCount, keystrokes }));
"""


def gzipped(content: bytes) -> int:
    """Return the size of content gzipped at level 6, as a web server would send it."""
    return len(gzip.compress(content, compresslevel=6, mtime=0))


def search_page(urls: dict[str, str]) -> bytes:
    """Render the search page as the build does (the page holds no data, so settings suffice)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    context = {
        "SITEURL": "https://example.org/directory",
        "DIRECTORY_NAME": "Tech Pathways Directory",
        "DEFAULT_LANG": "en",
        "search_assets": urls,
        "page_title": "Search",
        "page_url": "search/",
    }
    return env.get_template("search.html").render(context).encode("utf-8")


def time_in_node(node: str, workdir: Path, files: dict[str, bytes], urls: dict[str, str]) -> dict:
    """Write the index and store to workdir and time loading and querying them in node."""
    for name in ("index", "store"):
        path = workdir / Path(urls[name]).name
        path.write_bytes(files[urls[name]])
    typed = workdir / "typed.json"
    typed.write_text(json.dumps(TYPED), encoding="utf-8")
    args = [str(ROOT / "node_modules" / "lunr" / "lunr.js"), str(ROOT / STATIC[0])]
    args += [str(workdir / Path(urls["index"]).name), str(workdir / Path(urls["store"]).name), str(typed)]
    done = subprocess.run([node, "-e", NODE_TIMER, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def bench_count(workdir: Path, count: int, node: str | None) -> bool:
    """Measure one data size; print the figures and return whether every target was met."""
    data_dir = write_synthetic(count, workdir / f"search-{count}")
    directory = build_directory(validate_data(data_dir).entries)
    assets = build_search_assets(directory)
    fetched = {
        "page": gzipped(search_page(assets.urls)),
        "css+js": sum(gzipped((ROOT / path).read_bytes()) for path in STATIC),
        "lunr.js": gzipped(assets.files[assets.urls["lunr"]]),
        "index": gzipped(assets.files[assets.urls["index"]]),
        "store": gzipped(assets.files[assets.urls["store"]]),
    }
    total, target = sum(fetched.values()), BYTE_TARGETS[count]
    ok = total <= target
    parts = ", ".join(f"{name} {size / 1024:.1f}" for name, size in fetched.items())
    print(
        f"search +{count:,} programs: {len(directory.programs):,} programs, bytes before the first result {total / 1024:.1f} KiB gzipped ({parts}) (target <= {target / 1024:,.0f} KiB)  {'OK' if total <= target else 'MISSED'}"
    )
    if node is None:
        print("search: node is not installed; load and query times not measured  MISSED")
        return False
    timing = time_in_node(node, workdir, assets.files, assets.urls)
    load_ok = timing["loadMs"] < LOAD_TARGET_MS
    print(
        f"search +{count:,} programs: index load + first query ({TYPED[0]!r}, {timing['firstCount']} results) {timing['loadMs']:.0f} ms (target < {LOAD_TARGET_MS} ms)  {'OK' if load_ok else 'MISSED'}"
    )
    keystrokes = [(statistics.median(k["ms"]), k["text"], k["count"]) for k in timing["keystrokes"]]
    slowest = max(keystrokes)
    over = [k for k in keystrokes if k[0] >= KEYSTROKE_TARGET_MS]
    keys_ok = not over
    print(
        f"search +{count:,} programs: {len(keystrokes)} keystrokes, median {statistics.median(k[0] for k in keystrokes):.1f} ms, "
        f"slowest {slowest[0]:.1f} ms ({slowest[1]!r}, {slowest[2]:,} results), {len(over)} at or over {KEYSTROKE_TARGET_MS} ms "
        f"(target < {KEYSTROKE_TARGET_MS} ms each)  {'OK' if keys_ok else 'MISSED'}"
    )
    for ms, text, results in sorted(over, reverse=True)[:5]:
        print(f"    {ms:.1f} ms for {text!r} ({results:,} results)")
    return ok and load_ok and keys_ok


def bench_search(workdir: Path) -> bool:
    """Run the search benchmark at +1,000 and +10,000 programs; return True if every target is met."""
    node = shutil.which("node")
    return all([bench_count(workdir, count, node) for count in BYTE_TARGETS])


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        return 0 if bench_search(Path(tmp)) else 1


if __name__ == "__main__":
    sys.exit(main())
