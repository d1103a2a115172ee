"""Check the web addresses in data/ and say which are ok, redirected, dead, timed out or failing.

Usage:
  directory-check-links [DATA_DIR] [--strict] [--format text|json]
  directory-check-links --url https://example.org/ --url https://example.org/a

Polite: a few requests at a time in all, at most --per-host at once to one host and
--delay seconds between them; a failing request is retried with a growing pause. Results
are kept in a JSON cache (--cache) with the time of each check, so a second run within
--max-age hours asks nothing again. A flaky host never fails the build: the exit status
is 0 unless --strict is given and a link is dead (404 or 410).

  ok          the page answered 2xx, directly or through temporary redirects
  redirected  the page moved for good (301 or 308): update the link to where it points
  dead        the page is gone (404, 410, or a redirect that ends there)
  timeout     no complete answer within --timeout seconds, on every attempt
  error       anything else: refused, 5xx after retries, 401/403/429, no such host ...

Safe to run on addresses anyone wrote: it connects only to public internet addresses,
checked after the name is resolved and for every redirect (never to loopback, link-local,
private or reserved addresses, IPv4-mapped IPv6 forms included; --allow-loopback lets the
tests reach a server on this computer), never through a proxy (which would resolve names
itself), and --timeout bounds the name lookup and then each request as a whole, not each
read, so a server that trickles its answer byte by byte cannot hold it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from directory.cli import ROOT
from directory.cli.link_checker import Checker, Link, LinkResult, Settings
from directory.data.problems import one_line

STATUSES = ("ok", "redirected", "dead", "timeout", "error")
LINK_FIELDS = {"url", "website"}
DEFAULT_CACHE = ROOT / ".cache" / "links.json"


def find_links(data_dir: Path) -> list[Link]:
    """Return every url and website value in the data, with the file, line and field it is written at."""
    from directory.data.checks import validate_data

    return links_in(validate_data(data_dir).entries)


def links_in(entries: dict) -> list[Link]:
    """Return the links of loaded entries ({collection: {id: Entry}}), in file and line order."""
    from directory.data.problems import field_name

    links = []

    def walk(entry, value, location):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(entry, inner, location + (key,))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(entry, inner, location + (index,))
        elif isinstance(value, str) and location and location[-1] in LINK_FIELDS and value.startswith(("http://", "https://")):
            links.append(Link(value, entry.relpath, entry.mark(location)[0], field_name(location)))

    for group in entries.values():
        for entry in group.values():
            walk(entry, entry.values, ())
    return sorted(links, key=lambda link: (link.path, link.line))


def load_cache(path: Path) -> dict[str, dict]:
    """Read the cache file; a missing or unreadable one is an empty cache."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    results = data.get("results") if isinstance(data, dict) else None
    return results if isinstance(results, dict) else {}


def save_cache(path: Path, cache: dict[str, dict], results: dict[str, LinkResult]) -> None:
    """Write the cache atomically: the old results, updated with the new ones."""
    merged = cache | {url: asdict(result) for url, result in results.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": 1, "results": dict(sorted(merged.items()))}, indent=1, ensure_ascii=False) + "\n"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)


def check_links(links: list[Link], settings: Settings, cache_path: Path | None, max_age_hours: float) -> dict[str, LinkResult]:
    """Check the links' addresses, reading and updating the cache file when one is given."""
    cache = load_cache(cache_path) if cache_path else {}
    results = Checker(settings).check_all([link.url for link in links], cache, max_age_hours)
    if cache_path:
        save_cache(cache_path, cache, results)
    return results


def summary(results: dict[str, LinkResult]) -> str:
    """Count the results by status, for the last line of the output."""
    counts = Counter(result.status for result in results.values())
    words = {"ok": "ok", "redirected": "redirected", "dead": "dead", "timeout": "timed out", "error": "errors"}
    return f"{len(results)} link{'s' * (len(results) != 1)}: " + ", ".join(f"{counts[s]} {words[s]}" for s in STATUSES)


def main(argv: list[str] | None = None) -> int:
    """Check the links and print what was found; return the exit status."""
    parser = argparse.ArgumentParser(description="Check the web addresses in the data files.")
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data"), help="the data folder (default: data/)")
    parser.add_argument("--url", action="append", default=[], help="check this address instead of the data's (repeatable)")
    parser.add_argument("--cache", default=str(DEFAULT_CACHE), help="JSON file of earlier results (default: .cache/links.json)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--max-age", type=float, default=20.0, help="hours a cached ok/redirected/dead result stays fresh (default: 20)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for an answer (default: 10)")
    parser.add_argument("--retries", type=int, default=2, help="extra attempts after a timeout, 5xx, 429 or connection failure (default: 2)")
    parser.add_argument("--backoff", type=float, default=1.0, help="seconds before the first retry, doubled each time (default: 1)")
    parser.add_argument("--workers", type=int, default=8, help="requests at once in all (default: 8)")
    parser.add_argument("--per-host", type=int, default=2, help="requests at once to one host (default: 2)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host (default: 1)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="json prints every result")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a link is dead (timeouts and errors never fail)")
    parser.add_argument("--allow-loopback", action="store_true", help="let addresses on this computer through (for testing a local server)")
    args = parser.parse_args(argv)
    if args.url:
        links = [Link(url) for url in args.url]
    else:
        from directory.data.problems import DirectoryError

        try:
            links = find_links(Path(args.data_dir))
        except (DirectoryError, OSError) as error:
            print(error, file=sys.stderr)
            return 1
    settings = Settings(args.timeout, args.retries, args.backoff, args.workers, args.per_host, args.delay, allow_loopback=args.allow_loopback)
    results = check_links(links, settings, None if args.no_cache else Path(args.cache), args.max_age)
    if args.format == "json":
        rows = [asdict(link) | asdict(results[link.url]) for link in links]
        print(json.dumps({"links": rows, "summary": summary(results)}, indent=1, ensure_ascii=False))
    else:
        for link in links:
            result = results[link.url]
            if result.status != "ok":
                where = f"{link.path}:{link.line}: {link.field}: " if link.path else ""
                # A server's Location header is in the message: no escape sequence of its own reaches the terminal.
                print(one_line(f"{where}{link.url}: {result.status}" + (f" ({result.message})" if result.message else "")))
        print(summary(results))
    dead = any(result.status == "dead" for result in results.values())
    return 1 if args.strict and dead else 0


if __name__ == "__main__":
    sys.exit(main())
