"""The link checker: ask each address politely, follow its redirects, retry what may pass, and say what was found."""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from directory.cli.link_requests import Deadline, HostGate, Refused, is_timeout, request_target
from directory.data.formats import DEFAULT_PORTS, blocked_address

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


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


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

    def _connect(self, addresses: list[tuple], deadline: Deadline) -> socket.socket:
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
            deadline = Deadline(self.settings.timeout)
            connection = None
            try:
                if parts.scheme == "https":
                    connection = http.client.HTTPSConnection(host, port, timeout=deadline.left(), context=self.tls)
                else:
                    connection = http.client.HTTPConnection(host, port, timeout=deadline.left())
                # Connect only where public_addresses looked: a second lookup could answer differently.
                connection._create_connection = lambda *_: self._connect(addresses, deadline)
                headers = {"User-Agent": self.settings.user_agent, "Accept": "text/html,*/*;q=0.8", "Connection": "close"}
                connection.request("GET", request_target(parts), headers=headers)
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
                if is_timeout(error):
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
