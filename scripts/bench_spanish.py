#!/usr/bin/env python3
"""The Spanish search payload beside the English one: every search file and script, gzipped.

bench_search.py prints it at each size of synthetic data (which has no Spanish text, so it
shows what the Spanish stop words and the lunr-languages scripts change); run alone, it
prints it for the shipped data/, whose entries carry Spanish text.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from directory.data.checks import validate_data
from directory.derive import derive
from directory.model import build_directory
from directory.search import build_search_assets


def _gzipped(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6, mtime=0))


def _payload(assets) -> tuple[int, int, int]:
    """Return (gzipped bytes of every search file, of the manifest, of the scripts lunr.js and lunr-languages)."""
    scripts = [assets.urls["lunr"], *assets.urls.get("lunr_languages", [])]
    files = sum(_gzipped(data) for path, data in assets.files.items() if path.startswith("search/"))
    return files, _gzipped(assets.files[assets.urls["manifest"]]), sum(_gzipped(assets.files[path]) for path in scripts)


def payload_line(directory, label: str, english=None) -> str:
    """Return one line comparing the Spanish search payload with the English one."""
    english = _payload(english or build_search_assets(directory))
    spanish = _payload(build_search_assets(directory, language="es"))
    kib = [f"{value / 1024:.1f}" for value in (*english, *spanish)]
    return (
        f"search {label}: every search file gzipped, English {kib[0]} KiB, Spanish {kib[3]} KiB; manifest (a cold query's first fetch) "
        f"English {kib[1]} KiB, Spanish {kib[4]} KiB; scripts English {kib[2]} KiB (lunr.js), Spanish {kib[5]} KiB (with lunr-languages)"
    )


def main() -> int:
    directory = build_directory(validate_data(Path(__file__).resolve().parent.parent / "data").entries)
    derive(directory)
    print(payload_line(directory, f"shipped data ({len(directory.programs):,} programs)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
