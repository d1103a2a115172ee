"""The benchmark's bare floor renders the real program template, so `make bench` compares like with like.

Not a timed test: it only checks that the floor produces the same program pages the build
does (the bench once measured an empty floor after the templates changed).
"""

from __future__ import annotations

import runpy
import sys

from support import ROOT


def test_the_bare_floor_renders_every_program_page_with_its_content(tmp_path, fixture_data, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    bench = runpy.run_path(str(ROOT / "scripts" / "bench.py"), run_name="bench_under_test")
    seconds = bench["bare_render_seconds"](fixture_data, tmp_path / "bare")
    pages = sorted(path.stem for path in (tmp_path / "bare").glob("*.html"))
    assert pages == sorted(path.stem for path in (fixture_data / "programs").glob("*.yml"))
    page = (tmp_path / "bare" / "pierce-college-coding-boot-camp.html").read_text(encoding="utf-8")
    assert "<h1>Pierce College coding boot camp</h1>" in page and 'id="ui-words"' in page
    assert seconds > 0
    assert "bench_under_test" not in sys.modules
