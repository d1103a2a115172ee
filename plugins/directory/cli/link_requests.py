"""The pieces of one polite, bounded request: a per-host gate, a deadline, the refusal of private addresses."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from urllib.parse import quote


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


class Deadline:
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


def is_timeout(error: BaseException) -> bool:
    reason = getattr(error, "reason", error)
    return isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason)


def request_target(parts) -> str:
    """Return the path and query to ask for, with anything outside printable ASCII percent-encoded."""
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return quote(target, safe="".join(chr(code) for code in range(0x21, 0x7F)))
