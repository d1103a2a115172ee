"""The real Pelican build as `make html` runs it, and the clock the fixtures are dated for."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import PINNED_EPOCH, ROOT


@contextlib.contextmanager
def pinned_clock(epoch: str = PINNED_EPOCH):
    """Run the code inside as of the fixture's day (checks read SOURCE_DATE_EPOCH)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        yield


def run_pelican(
    output: Path,
    settings: str = "pelicanconf.py",
    siteurl: str | None = None,
    cwd: Path = ROOT,
    data_path: Path | None = None,
    settings_overrides: dict | None = None,
    clock: str | None = PINNED_EPOCH,
):
    """Run the standard Pelican build as `make html` does; return the CompletedProcess.

    The clock is pinned to the fixtures' day, so builds of test data are reproducible;
    clock=None builds as of the real today, as a fork's own data is built.
    """
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    if clock is not None:
        env["SOURCE_DATE_EPOCH"] = clock
    if siteurl is not None:
        env["SITEURL"] = siteurl
    args = [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", str(output), "--fatal", "warnings"]
    overrides = dict(settings_overrides or {})
    if data_path is not None:
        overrides["DIRECTORY_DATA_PATH"] = str(data_path)
    if overrides:  # one -e with every KEY=JSON pair: a second -e would replace the first
        args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
