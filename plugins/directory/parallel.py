"""The one way the build shares work among the machine's cores: parallel_map, with one threshold.

Checking the files, rendering the descriptions and writing the site are independent per item.
From PARALLEL_FROM items of work on, forked workers share them and this process takes a share
too. Forked, not spawned: a worker inherits the function and its items (closures included), so
only the results travel back, pickled through a pipe. parallel_map waits for (reaps) every
worker before it returns or raises, and stops the others when one fails: none outlives a
failed build and goes on writing. An exception raised in a worker is raised again here, the
same type with the same message, with the worker's traceback as a note.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .data.problems import DirectoryError

# From this much work on (files to check, descriptions to render, entries to build pages for),
# forked workers share it: below, starting them costs more than they save.
PARALLEL_FROM = 2000
MAX_WORKERS = 8

_in_worker = False


class WorkerError(DirectoryError):
    """A worker gave no result: it was killed, or its exception could not be sent back."""


@dataclass
class _Worker:
    pid: int | None
    pipe: int | None


def in_worker() -> bool:
    """Tell whether this process is one of parallel_map's workers (whose results are pickled)."""
    return _in_worker


def parallel_map(fn: Callable, items: Iterable, *, min_items: int | None = None, size: int | None = None, name: str = "work") -> list:
    """Return [fn(item) for item in items], shared among forked workers from min_items of work on.

    size is how much work the items stand for when that is not their number (a few build steps
    that each cover every entry); min_items defaults to PARALLEL_FROM; name says what the work
    is in the message of a worker that dies.
    """
    items = list(items)
    threshold = PARALLEL_FROM if min_items is None else min_items
    workers = min(os.cpu_count() or 1, MAX_WORKERS, len(items))
    if (len(items) if size is None else size) < threshold or workers < 2 or _in_worker or not hasattr(os, "fork"):
        return [fn(item) for item in items]
    shares = [items[start::workers] for start in range(workers)]
    sys.stdout.flush()  # what is buffered now would be written once by each worker too
    sys.stderr.flush()
    children: list[_Worker] = []
    try:
        children += [_start(fn, share) for share in shares[1:]]
        results = [[fn(item) for item in shares[0]]]
        results += [_collect(child, name) for child in children]
    finally:
        for child in children:
            _stop(child)
    ordered: list = [None] * len(items)
    for start, share_results in enumerate(results):
        ordered[start::workers] = share_results
    return ordered


def _start(fn: Callable, share: list) -> _Worker:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _work(fn, share, write)  # never returns
    os.close(write)
    return _Worker(pid, read)


def _work(fn: Callable, share: list, write: int) -> None:
    """Run fn over a share in the worker, send (ok, results or error, description, traceback), and exit."""
    global _in_worker
    _in_worker = True
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    status = 1
    try:
        try:
            payload = pickle.dumps((True, [fn(item) for item in share], "", ""), pickle.HIGHEST_PROTOCOL)
        except BaseException as error:
            payload = _error_payload(error)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
        status = 0
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)


def _error_payload(error: BaseException) -> bytes:
    # The exception travels pickled on its own: one that cannot be rebuilt here still has its text.
    description = f"{type(error).__name__}: {error}"
    trace = "".join(traceback.format_exception(error))
    try:
        body = pickle.dumps(error, pickle.HIGHEST_PROTOCOL)
    except Exception:
        body = b""
    return pickle.dumps((False, body, description, trace), pickle.HIGHEST_PROTOCOL)


def _collect(child: _Worker, name: str) -> list[Any]:
    """Read a worker's results, reap it, and return them; raise what it raised, or WorkerError."""
    with os.fdopen(child.pipe, "rb") as pipe:
        child.pipe = None
        data = pipe.read()
    code = _reap(child)
    if not data:
        if code < 0:
            raise WorkerError(f"{name}: a worker process was killed by signal {-code} (out of memory?)")
        raise WorkerError(f"{name}: a worker process ended with status {code} and no result")
    ok, body, description, trace = pickle.loads(data)
    if ok:
        return body
    error = None
    with contextlib.suppress(Exception):
        error = pickle.loads(body) if body else None
    if not isinstance(error, BaseException):
        error = WorkerError(f"{name}: {description}")
    error.add_note(f"Raised in a worker process ({name}):\n{trace.rstrip()}")
    raise error


def _reap(child: _Worker) -> int:
    _, status = os.waitpid(child.pid, 0)
    child.pid = None
    return os.waitstatus_to_exitcode(status)


def _stop(child: _Worker) -> None:
    """End a worker that is still running (the work failed elsewhere) and reap it."""
    if child.pipe is not None:
        os.close(child.pipe)
        child.pipe = None
    if child.pid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGTERM)
        _reap(child)
