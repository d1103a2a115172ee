"""Build steps in forked workers: failures are named, and no worker outlives a failed build."""

from __future__ import annotations

import os
import time

import pytest

from directory.generator import Job, start_job
from directory.problems import DirectoryError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")


def test_a_failing_worker_is_named():
    job = start_job("search files", lambda: 1 / 0, parallel=True)
    with pytest.raises(DirectoryError, match="^search files: failed in a worker process"):
        job.join()
    assert Job.running == []


def test_work_runs_in_place_when_not_parallel(tmp_path):
    marker = tmp_path / "done"
    job = start_job("small site", marker.touch, parallel=False)
    assert marker.exists() and job.child is None
    job.join()


def test_stop_all_ends_running_workers(tmp_path):
    marker = tmp_path / "late"
    job = start_job("slow step", lambda: (time.sleep(5), marker.touch()), parallel=True)
    child = job.child
    Job.stop_all()
    assert Job.running == [] and job.child is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already reaped
    time.sleep(0.1)
    assert not marker.exists()
