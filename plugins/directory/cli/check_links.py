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
import datetime as dt
import http.client
import ipaddress
import json
import os
import socket
import ssl
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from directory.cli import ROOT
from directory.formats import DEFAULT_PORTS, blocked_address
from directory.problems import one_line

STATUSES = ("ok", "redirected", "dead", "timeout", "error")
LINK_FIELDS = {"url", "website"}
DEFAULT_CACHE = ROOT / ".cache" / "links.json"
USER_AGENT = "tech-pathways-directory-link-checker/1.0 (+https://github.com/tech-pathways/directory)"
MAX_REDIRECTS = 10
# Results a later run may reuse while fresh; timeouts and errors are always asked again.
REUSABLE = {"ok", "redirected", "dead"}
RETRY_AFTER_LIMIT = 30.0


@dataclass
class Link:
    """One web address written in one place of one data file."""

    url: str
    path: str = ""
    line: int = 0
    field: str = ""


@dataclass
class LinkResult:
    """What checking one address found, and when."""

    url: str
    status: str
    code: int | None = None
    final_url: str = ""
    message: str = ""
    checked_at: str = ""
    since: str = ""  # when this status was first seen, so a report can say "dead since ..."
    attempts: int = 0


@dataclass
class Settings:
    """How hard and how politely to check."""

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    workers: int = 8
    per_host: int = 2
    delay: float = 1.0
    user_agent: str = USER_AGENT
    allow_loopback: bool = False  # for tests against a server on this computer; never for the data


def find_links(data_dir: Path) -> list[Link]:
    """Return every url and website value in the data, with the file, line and field it is written at."""
    from directory.checks import validate_data

    return links_in(validate_data(data_dir).entries)


def links_in(entries: dict) -> list[Link]:
    """Return the links of loaded entries ({collection: {id: Entry}}), in file and line order."""
    from directory.problems import field_name

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


class HostGate:
    """Let at most `per_host` requests run at once against one host, `delay` seconds apart."""

    def __init__(self, per_host: int, delay: float):
        self.per_host, self.delay = max(1, per_host), max(0.0, delay)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str):
        """Wait for a free slot and the next start time for `host`, then hold the slot."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with semaphore:
            with self._lock:  # book the next start time for this host, then wait for it outside the lock
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self.delay
            if start > now:
                time.sleep(start - now)
            yield


class Refused(Exception):
    """An address the checker will not connect to: it is not on the public internet."""


class _Deadline:
    """End a request when its time is up, however the server spreads its answer.

    A socket timeout bounds each read, so a server sending one byte a second never trips
    it; at the deadline this shuts the request's sockets down, which ends any read at once.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        """Return the seconds left, or raise TimeoutError when none are."""
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError(f"no complete answer within {self.seconds:g} s")
        return left

    def watch(self, sock: socket.socket) -> None:
        """Shut this socket down at the deadline (a duplicate is kept, so its number is never reused meanwhile)."""
        with self._lock:
            if self.expired:
                raise TimeoutError(f"no complete answer within {self.seconds:g} s")
            self._sockets.append(sock.dup())

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed

    def close(self) -> None:
        """Stop the timer and let go of the sockets."""
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _is_timeout(error: BaseException) -> bool:
    reason = getattr(error, "reason", error)
    return isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason)


def _request_target(parts) -> str:
    """Return the path and query to ask for, with anything outside printable ASCII percent-encoded."""
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return quote(target, safe="".join(chr(code) for code in range(0x21, 0x7F)))


class Checker:
    """Check addresses concurrently, with per-host limits, retries and backoff."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.gate = HostGate(self.settings.per_host, self.settings.delay)
        self.tls = ssl.create_default_context()
        # Name lookups run here so that a resolver that never answers cannot outlast the deadline.
        self.resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="resolve")

    def _refusal(self, address) -> str:
        if self.settings.allow_loopback and (address.is_loopback or (getattr(address, "ipv4_mapped", None) or address).is_loopback):
            return ""
        return blocked_address(address)

    def public_addresses(self, host: str, port: int) -> list[tuple]:
        """Resolve host within the timeout; return its socket addresses, or raise Refused if any of them is not public."""
        lookup = self.resolver.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
        try:
            found = lookup.result(timeout=self.settings.timeout)
        except TimeoutError:
            raise TimeoutError(f"no answer from the name server for {host} within {self.settings.timeout:g} s") from None
        addresses = []
        for family, kind, proto, _, sockaddr in found:
            address = ipaddress.ip_address(sockaddr[0].split("%")[0])
            reason = self._refusal(address)
            if reason:
                shown = host if str(address) == host.strip("[]") else f"{host} ({address})"
                raise Refused(f"{shown} is {reason}")
            addresses.append((family, kind, proto, sockaddr))
        return addresses

    def _connect(self, addresses: list[tuple], deadline: _Deadline) -> socket.socket:
        """Connect to the first of the checked addresses that answers, watched by the deadline."""
        error: OSError = OSError("no address to connect to")
        for family, kind, proto, sockaddr in addresses:
            sock = socket.socket(family, kind, proto)
            try:
                deadline.watch(sock)
                sock.settimeout(deadline.left())
                sock.connect(sockaddr)
                return sock
            except OSError as failure:
                sock.close()
                error = failure
        raise error

    def _request(self, url: str) -> tuple[int, str, float]:
        """Ask once; return (HTTP status, Location header, Retry-After seconds) without reading the body."""
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"{url} is not a web address")
        if "\\" in url:
            raise Refused("the address has a backslash, which browsers read as '/' and this checker does not")
        host, port = parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]
        addresses = self.public_addresses(host, port)
        with self.gate.slot(host):
            deadline = _Deadline(self.settings.timeout)
            connection = None
            try:
                if parts.scheme == "https":
                    connection = http.client.HTTPSConnection(host, port, timeout=deadline.left(), context=self.tls)
                else:
                    connection = http.client.HTTPConnection(host, port, timeout=deadline.left())
                # Connect only where public_addresses looked: a second lookup could answer differently.
                connection._create_connection = lambda *_: self._connect(addresses, deadline)
                headers = {"User-Agent": self.settings.user_agent, "Accept": "text/html,*/*;q=0.8", "Connection": "close"}
                connection.request("GET", _request_target(parts), headers=headers)
                response = connection.getresponse()
                retry_after = response.getheader("Retry-After", "") or ""
                location = response.getheader("Location", "") if 300 <= response.status < 400 else ""
                return response.status, location or "", float(retry_after) if retry_after.isdigit() else 0.0
            except (OSError, http.client.HTTPException) as error:
                if deadline.expired:
                    raise TimeoutError(f"no complete answer within {self.settings.timeout:g} s") from error
                raise
            finally:
                deadline.close()
                if connection is not None:
                    connection.close()

    def _attempt(self, url: str) -> tuple[LinkResult, bool, float]:
        """Follow one address through its redirects; return (result, worth retrying, seconds the server asked to wait)."""
        current, permanent, hops = url, False, 0
        while True:
            try:
                code, location, retry_after = self._request(current)
            except Refused as refused:
                if not hops:
                    raise
                return LinkResult(url, "error", code, current, f"refused: redirects to {current}, and {refused}"), False, 0.0
            if not (300 <= code < 400 and location):
                break
            hops += 1
            if hops > MAX_REDIRECTS:
                return LinkResult(url, "error", code, current, f"more than {MAX_REDIRECTS} redirects"), False, 0.0
            permanent = permanent or code in (301, 308)
            if "\\" in location or any(ord(char) < 0x20 or ord(char) == 0x7F for char in location):
                return LinkResult(url, "error", code, current, "refused: redirects to an address browsers read differently from this checker"), False, 0.0
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                return LinkResult(url, "error", code, current, "redirects to an address that is not a web page"), False, 0.0
        final = current if hops else ""
        if 200 <= code < 300 and permanent:
            return LinkResult(url, "redirected", code, final, f"moved permanently to {final}"), False, 0.0
        if 200 <= code < 300:
            return LinkResult(url, "ok", code, final), False, 0.0
        if code in (404, 410):
            return LinkResult(url, "dead", code, final, f"HTTP {code}" + (f" at {final}" if final else "")), False, 0.0
        return LinkResult(url, "error", code, final, f"HTTP {code}"), code == 429 or code >= 500, retry_after

    def check(self, url: str) -> LinkResult:
        """Check one address, retrying timeouts, connection failures, 429 and 5xx with a doubling pause."""
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                result, retry, wait = self._attempt(url)
            except Refused as refused:  # asking again would go to the same place
                result, retry, wait = LinkResult(url, "error", message=f"refused: {refused}"), False, 0.0
            except (ValueError, http.client.InvalidURL) as error:  # not a URL one can ask for: asking again will not help
                result, retry, wait = LinkResult(url, "error", message=str(error)), False, 0.0
            except (OSError, http.client.HTTPException) as error:  # URLError is an OSError
                if _is_timeout(error):
                    result = LinkResult(url, "timeout", message=f"no answer within {self.settings.timeout:g} s")
                else:
                    result = LinkResult(url, "error", message=str(getattr(error, "reason", error)) or type(error).__name__)
                retry, wait = True, 0.0
            if not retry or attempt == attempts:
                if retry and attempts > 1:
                    result.message += f", {attempts} attempts"
                result.attempts = attempt
                result.checked_at = _now()
                return result
            time.sleep(max(self.settings.backoff * 2 ** (attempt - 1), min(wait, RETRY_AFTER_LIMIT)))
        raise AssertionError("unreachable")  # pragma: no cover

    def check_all(self, urls, cache: dict[str, dict] | None = None, max_age_hours: float = 20.0) -> dict[str, LinkResult]:
        """Check each distinct address once, reusing fresh cached results; return {url: result}."""
        cache = cache or {}
        limit = dt.datetime.now(dt.UTC) - dt.timedelta(hours=max_age_hours)
        results: dict[str, LinkResult] = {}
        todo = []
        for url in dict.fromkeys(urls):
            cached = cache.get(url)
            if cached and cached.get("status") in REUSABLE and _parse_time(cached.get("checked_at")) >= limit:
                results[url] = LinkResult(**{k: v for k, v in cached.items() if k in LinkResult.__dataclass_fields__})
            else:
                todo.append(url)
        with ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            for result in pool.map(self.check, todo):
                previous = cache.get(result.url) or {}
                same = previous.get("status") == result.status
                result.since = (previous.get("since") or previous.get("checked_at") or result.checked_at) if same else result.checked_at
                results[result.url] = result
        return results


def _parse_time(text) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


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
        from directory.problems import DirectoryError

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
