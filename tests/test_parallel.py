"""parallel_map: serial below its threshold, forked workers above, their failures raised here, none left running."""

from __future__ import annotations

import os
import signal
import time

import pytest

from directory import parallel
from directory.parallel import PARALLEL_FROM, WorkerError, in_worker, parallel_map

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")


class Stubborn(Exception):
    """An exception pickle cannot rebuild: its __init__ takes two arguments, its args hold one."""

    def __init__(self, first, second):
        super().__init__(f"{first} and {second}")


def where(item):
    return item * 10, os.getpid(), in_worker()


def test_below_the_threshold_everything_runs_here():
    assert PARALLEL_FROM > 5
    results = parallel_map(where, range(5))
    assert [value for value, _, _ in results] == [0, 10, 20, 30, 40]
    assert {pid for _, pid, _ in results} == {os.getpid()} and not any(worker for _, _, worker in results)
    assert parallel_map(where, range(5), min_items=6) == results
    assert parallel_map(where, [], min_items=0) == []


@needs_fork
def test_the_one_threshold_is_read_when_called(monkeypatch):
    assert {pid for _, pid, _ in parallel_map(where, range(4))} == {os.getpid()}
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 4)
    assert len({pid for _, pid, _ in parallel_map(where, range(4))}) > 1


@needs_fork
def test_above_the_threshold_workers_share_the_items_in_order():
    results = parallel_map(where, range(40), min_items=10)
    assert [value for value, _, _ in results] == [item * 10 for item in range(40)]
    pids = {pid for _, pid, _ in results}
    assert os.getpid() in pids and len(pids) == min(os.cpu_count(), parallel.MAX_WORKERS)  # this process takes a share too
    assert all(worker == (pid != os.getpid()) for _, pid, worker in results)
    assert not in_worker()


@needs_fork
def test_size_stands_for_the_work_of_a_few_items():
    steps = [lambda: os.getpid(), lambda: os.getpid()]
    assert len(set(parallel_map(lambda step: step(), steps, size=PARALLEL_FROM))) == 2  # closures need no pickling
    assert set(parallel_map(lambda step: step(), steps, size=PARALLEL_FROM - 1)) == {os.getpid()}


@needs_fork
def test_an_exception_in_a_worker_reaches_the_caller_with_its_message():
    def check(item):
        if item == 1:  # the second item goes to the first worker
            raise ValueError(f"item {item} is not valid")
        return item

    with pytest.raises(ValueError) as raised:
        parallel_map(check, range(4), min_items=0)
    assert str(raised.value) == "item 1 is not valid"
    assert any(note.startswith("Raised in a worker process (work):") and "check" in note for note in raised.value.__notes__)


@needs_fork
def test_an_exception_that_cannot_travel_keeps_its_text():
    def fail(item):
        if item == 1:
            raise Stubborn("this", "that")
        return item

    with pytest.raises(WorkerError) as raised:
        parallel_map(fail, range(2), min_items=0, name="checking files")
    assert str(raised.value) == "checking files: Stubborn: this and that"


@needs_fork
def test_a_result_that_cannot_travel_is_an_error():
    with pytest.raises(Exception, match="lambda"):
        parallel_map(lambda item: (lambda: item) if item else item, range(2), min_items=0)


@needs_fork
def test_a_killed_worker_is_named():
    def die(item):
        if item == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return item

    with pytest.raises(WorkerError, match=r"^writing the site: a worker process was killed by signal 9 \(out of memory\?\)$"):
        parallel_map(die, range(2), min_items=0, name="writing the site")


@needs_fork
def test_no_worker_outlives_a_failure_here(tmp_path):
    started, late = tmp_path / "started", tmp_path / "late"

    def step(item):
        if item == 1:  # in the worker: say who it is, then work long
            started.write_text(str(os.getpid()))
            time.sleep(5)
            late.touch()
            return item
        for _ in range(500):  # here: wait until the worker runs, then fail
            if started.exists() and started.read_text():
                break
            time.sleep(0.01)
        raise RuntimeError("the build failed here")

    begun = time.monotonic()
    with pytest.raises(RuntimeError, match="the build failed here"):
        parallel_map(step, range(2), min_items=0)
    assert time.monotonic() - begun < 4  # the worker was stopped, not waited for
    worker = int(started.read_text())
    with pytest.raises(ChildProcessError):
        os.waitpid(worker, os.WNOHANG)  # already reaped
    time.sleep(0.1)
    assert not late.exists()


@needs_fork
def test_a_worker_runs_nested_work_itself():
    def nested(item):
        return {pid for _, pid, _ in parallel_map(where, range(10), min_items=0)}

    results = parallel_map(nested, range(2), min_items=0)
    assert os.getpid() in results[0] and len(results[0]) > 1  # this process's share forks again
    assert len(results[1]) == 1 and results[1] != {os.getpid()}  # the worker's share runs in the worker alone
