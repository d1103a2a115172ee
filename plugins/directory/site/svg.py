"""Diagrams and charts as inline SVG, drawn at build time: no charting script in the browser.

Every drawing has a title and a description for screen readers, and the pages
show the same facts as a list or a table beside it.
"""

from __future__ import annotations

import functools
import textwrap
from itertools import count

from markupsafe import Markup, escape

from ..languages import gettext as _
from ..languages import ngettext

_ids = count(1)


def _open(width: float, height: float, title: str, description: str, css: str, uid: str) -> str:
    return (
        f'<svg class="{css}" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>'
    )


def pathway_diagram(pathway, uid: str | None = None) -> Markup:
    """Draw a pathway's steps as boxes in columns (by distance from the start) joined by arrows."""
    uid = uid or f"svg{next(_ids)}"
    steps = pathway.steps
    depth: dict[str, int] = {}
    for step in steps:  # steps are in dependency order, so parents come first
        depth[step.id] = max((depth[p.id] + 1 for p in step.previous), default=0)
    columns: dict[int, list] = {}
    for step in steps:
        columns.setdefault(depth[step.id], []).append(step)
    # Boxes are as tall as the longest name needs: a name is wrapped, never cut.
    wrapped = {step.id: textwrap.wrap(step.name, 23) or [""] for step in steps}
    box_w, gap_x, gap_y, pad = 172, 40, 18, 8
    box_h = 32 + 16 * max((len(lines) for lines in wrapped.values()), default=1)
    rows = max(len(c) for c in columns.values())
    width = pad * 2 + len(columns) * box_w + (len(columns) - 1) * gap_x
    height = pad * 2 + rows * box_h + (rows - 1) * gap_y
    position = {}
    for col, column in columns.items():
        offset = (rows - len(column)) * (box_h + gap_y) / 2
        for row, step in enumerate(column):
            position[step.id] = (pad + col * (box_w + gap_x), pad + offset + row * (box_h + gap_y))
    # "A, then B, then C": each name joined to the ones before it, as the language joins them.
    names = functools.reduce(lambda first, name: _("%(first)s, then %(next)s") % {"first": first, "next": name}, [s.name for s in steps] or [""])
    about = ngettext("%(num)s step: %(names)s. The same steps are listed below.", "%(num)s steps: %(names)s. The same steps are listed below.", len(steps))
    parts = [
        _open(
            width,
            height,
            _("Diagram of the %(pathway)s pathway") % {"pathway": pathway.name},
            about % {"num": len(steps), "names": names},
            "pathway-diagram",
            uid,
        ),
        f'<defs><marker id="{uid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" class="arrow-head"/></marker></defs>',
    ]
    for step in steps:
        x1, y1 = position[step.id]
        for child in step.next:
            x2, y2 = position[child.id]
            parts.append(
                f'<path class="link" d="M{x1 + box_w:.0f},{y1 + box_h / 2:.0f} C{x1 + box_w + gap_x / 2:.0f},{y1 + box_h / 2:.0f} '
                f'{x2 - gap_x / 2:.0f},{y2 + box_h / 2:.0f} {x2 - 2:.0f},{y2 + box_h / 2:.0f}" marker-end="url(#{uid}-arrow)"/>'
            )
    for step in steps:
        x, y = position[step.id]
        level = step.get("level", "")
        parts.append(f'<g class="step step-{escape(level)}">')
        parts.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{box_w}" height="{box_h}" rx="6"/>')
        lines = wrapped[step.id]
        kind = {"entry": _("Entry"), "mid": _("Mid level"), "advanced": _("Advanced")}.get(level, level)
        parts.append(f'<text x="{x + 10:.0f}" y="{y + 18:.0f}" class="step-level">{escape(kind)}</text>')
        for number, line in enumerate(lines):
            parts.append(f'<text x="{x + 10:.0f}" y="{y + 36 + number * 16:.0f}" class="step-name">{escape(line)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


# Bar charts are drawn in CSS pixels (no viewBox), as wide as the page allows: text keeps its
# size on a phone and on a wide screen, and bars are lengths in percent of the same width, so
# they stay proportional at any width. Each row is stacked: its label and value on lines of
# their own (wrapped, never cut), the bar below them.
LABEL_CHARS = 36  # fits a 288 px column (a 320 px screen) at 13 px
LINE_H, BAR_H, ROW_GAP, PAD = 17, 14, 12, 4


def bar_chart(rows: list[tuple[str, float, str]], title: str, description: str, uid: str | None = None) -> Markup:
    """Draw a horizontal bar chart of (label, value, value as text) rows, readable from 320 px up; handles negative values."""
    uid = uid or f"svg{next(_ids)}"
    values = [value for _, value, _ in rows] or [0]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    span = (high - low) or 1.0
    zero = (0 - low) / span * 100  # percent of the width
    parts, y = [], PAD
    for name, value, shown in rows:
        lines = textwrap.wrap(name, LABEL_CHARS) or [""]
        parts.append('<g class="bar-row">')
        for line in lines:
            y += LINE_H
            parts.append(f'<text x="0" y="{y - 4}" class="bar-label">{escape(line)}</text>')
        y += LINE_H
        parts.append(f'<text x="0" y="{y - 4}" class="bar-value">{escape(shown)}</text>')
        length = abs(value) / span * 100
        x = zero if value >= 0 else zero - length
        parts.append(
            f'<rect x="{x:.3f}%" y="{y + 1}" width="{length:.3f}%" height="{BAR_H}" class="bar{" bar-negative" if value < 0 else ""}" data-value="{value}"/>'
        )
        parts.append("</g>")
        y += BAR_H + ROW_GAP
    height = y + PAD - ROW_GAP
    head = (
        f'<svg class="bar-chart" width="100%" height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>'
    )
    axis = f'<line x1="{zero:.3f}%" y1="{PAD}" x2="{zero:.3f}%" y2="{height - PAD}" class="axis"/>' if low < 0 else ""
    return Markup(head + "".join(parts) + axis + "</svg>")
