#!/usr/bin/env python3
"""Benchmarks (`make bench`): validation, build and search on shipped + synthetic data.

Prints what it measured and the targets from the issues; exits 1 if a target is
missed, so a regression is visible. Timings are wall-clock on this machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from directory.checks import validate_data  # noqa: E402
from synthetic import write_synthetic  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000, help="synthetic programs to add (default 10000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        results = [bench_validate(Path(tmp), args.programs)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
