"""Every bar chart of the fixture site, measured in a real browser on a 320 px phone and a 1280 px screen.

Bars must be proportional to their values, every label and value must be inside the drawing
(nothing clipped, nothing behind a sideways scroll) and readable (text is not scaled down).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CHART_PAGES = ["occupations/", "regions/", "pathways/ict-software-systems-and-development/"]
WIDTHS = [320, 1280]

MEASURE = """() => [...document.querySelectorAll("svg.bar-chart")].map(svg => {
  const box = svg.getBoundingClientRect();
  const scroller = svg.closest(".chart-scroll");
  const rect = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height}; };
  return {
    id: svg.getAttribute("aria-labelledby"),
    box: rect(svg),
    viewport: document.documentElement.clientWidth,
    hiddenSideways: scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
    rows: [...svg.querySelectorAll(".bar-row")].map(row => ({
      texts: [...row.querySelectorAll("text")].map(t => ({text: t.textContent, cls: t.getAttribute("class"), ...rect(t)})),
      bar: {value: parseFloat(row.querySelector("rect.bar").dataset.value), ...rect(row.querySelector("rect.bar"))},
    })),
  };
})"""


def charts_at(page, base: str, path: str, width: int) -> list[dict]:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/{path}")
    charts = page.evaluate(MEASURE)
    assert page.errors == []
    return charts


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", CHART_PAGES)
def test_bars_are_proportional_to_their_values(served_site, page, path, width):
    base, _ = served_site
    charts = charts_at(page, base, path, width)
    assert charts, f"no bar chart on {path}"
    for chart in charts:
        bars = [row["bar"] for row in chart["rows"]]
        widest = max(bars, key=lambda bar: abs(bar["value"]))
        span = widest["right"] - widest["left"]
        assert span > chart["box"]["right"] - chart["box"]["left"] - 2 or any(b["value"] < 0 for b in bars), "the largest bar fills the width"
        for bar in bars:
            expected = abs(bar["value"]) / abs(widest["value"]) * span
            assert abs((bar["right"] - bar["left"]) - expected) <= 1.0, (chart["id"], bar, expected)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_label_or_value_is_clipped_or_hidden(served_site, page, path, width):
    base, _ = served_site
    for chart in charts_at(page, base, path, width):
        box = chart["box"]
        assert chart["rows"], f"{chart['id']} has no bars"
        assert chart["hiddenSideways"] <= 0, f"{chart['id']}: {chart['hiddenSideways']} px hidden behind a sideways scroll at {width} px"
        assert box["right"] <= chart["viewport"] + 0.5, f"{chart['id']} runs off a {width} px screen"
        for row in chart["rows"]:
            assert [t["cls"] for t in row["texts"]][-1] == "bar-value" and row["texts"][-1]["text"].strip(), "every bar shows its value"
            for text in row["texts"]:
                assert box["left"] - 0.5 <= text["left"] and text["right"] <= box["right"] + 0.5, f"{text['text']!r} is clipped at {width} px"
                assert box["top"] - 0.5 <= text["top"] and text["bottom"] <= box["bottom"] + 0.5, f"{text['text']!r} is clipped at {width} px"
                assert text["height"] >= 12, f"{text['text']!r} is scaled down to {text['height']:.1f} px at {width} px"
            lines = row["texts"] + [row["bar"]]
            for upper, lower in zip(lines, lines[1:], strict=False):
                assert upper["bottom"] <= lower["top"] + 1, f"{upper} overlaps {lower} at {width} px"
