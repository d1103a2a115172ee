"""Keystroke times of the search engine (engine.js) in node, for bench_search.py.

The split search files of a directory are written as KEY.json into a folder; node reads them
with engine.js and times every keystroke of TYPED, a table of queries typed a letter at a
time, after a first query, in TIMING_RUNS fresh processes.
"""

from __future__ import annotations

import json
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_ROWS = 50  # the search page shows 50 results at first
KEYSTROKE_P95_MS = 10  # at +10,000 programs
KEYSTROKE_TARGET_AT = 10_000
TIMING_RUNS = 3  # fresh node processes, each timing the whole table
# What people type, one letter at a time; the first is the query before the timed ones.
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
NODE_TIMER = r"""
const fs = require("fs"), path = require("path");
const [lunrPath, corePath, folder, typedPath, pageRows] = process.argv.slice(1);
const lunr = require(lunrPath), core = require(corePath);
const typed = JSON.parse(fs.readFileSync(typedPath, "utf8"));
const read = (key) => JSON.parse(fs.readFileSync(path.join(folder, key + ".json"), "utf8"));
async function main() {
  const engine = core.openSplit(lunr, read("manifest"), (key) => Promise.resolve().then(() => read(key)));
  async function answer(text) {
    const refs = await engine.find(text);
    await engine.rows(refs.slice(0, Number(pageRows)).map((ref) => engine.store.docs[Number(ref)]));
    return refs.length;
  }
  let before = performance.now();
  const firstCount = await answer(typed[0]);
  const firstMs = performance.now() - before;
  const keystrokes = [];
  for (const query of typed.slice(1)) {
    for (let i = 1; i <= query.length; i++) {
      const text = query.slice(0, i);
      before = performance.now();
      const count = await answer(text);
      keystrokes.push({ text, count, ms: performance.now() - before });
    }
  }
  console.log(JSON.stringify({ firstMs, firstCount, keystrokes }));
}
main();
"""


def time_keystrokes(node: str, folder: Path, assets) -> dict:
    """Write the split files as KEY.json into folder and time the search engine (engine.js) on them in node."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = assets.urls["manifest"].split(".")[1]
    for path, data in assets.files.items():
        if path.startswith("search/"):
            (folder / (Path(path).name.replace(f".{digest}.json", "") + ".json")).write_bytes(data)
    typed = folder / "typed.json"
    typed.write_text(json.dumps(TYPED), encoding="utf-8")
    args = [
        str(ROOT / "node_modules" / "lunr" / "lunr.js"),
        str(ROOT / "theme" / "static" / "js" / "engine.js"),
        str(folder),
        str(typed),
        str(PAGE_ROWS),
    ]
    return [json.loads(subprocess.run([node, "-e", NODE_TIMER, *args], capture_output=True, text=True, check=True).stdout) for _ in range(TIMING_RUNS)]


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(len(times) * 0.95))]


def keystroke_line(count: int, runs: list[dict]) -> tuple[str, bool]:
    """Return the keystroke figures of TIMING_RUNS runs and whether the target is met.

    The target is judged on each keystroke's median over the runs: on a shared machine one
    run's p95 is mostly the other processes' (a 1 ms keystroke descheduled for 20 ms); each
    run's own p95 is printed beside it.
    """
    medians = [statistics.median(run["keystrokes"][i]["ms"] for run in runs) for i in range(len(runs[0]["keystrokes"]))]
    slowest = max(range(len(medians)), key=medians.__getitem__)
    p95 = _p95(medians)
    keys_ok = p95 < KEYSTROKE_P95_MS or count != KEYSTROKE_TARGET_AT
    target_text = f" (target p95 < {KEYSTROKE_P95_MS} ms)  {'OK' if keys_ok else 'MISSED'}" if count == KEYSTROKE_TARGET_AT else ""
    single = ", ".join(f"{_p95([k['ms'] for k in run['keystrokes']]):.1f}" for run in runs)
    line = (
        f"search +{count:,} programs: first query {TYPED[0]!r} {statistics.median(run['firstMs'] for run in runs):.0f} ms in node ({runs[0]['firstCount']} results); "
        f"then {len(medians)} keystrokes, each's median of {len(runs)} runs: median {statistics.median(medians):.1f} ms, p95 {p95:.1f} ms, "
        f"slowest {medians[slowest]:.1f} ms ({runs[0]['keystrokes'][slowest]['text']!r}); each run's own p95 {single} ms{target_text}"
    )
    return line, keys_ok
