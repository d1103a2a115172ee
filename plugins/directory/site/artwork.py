"""The site's own icon and social preview image, drawn from the partnership's two theme colours.

One drawing, a flight of three steps with a flag on the top one (a pathway: you start low and
climb), is written twice: as an SVG favicon and as a 1200 x 630 PNG for og:image. The PNG is
encoded here with zlib, so the build needs no image library, and the same colours always give
the same bytes.
"""

from __future__ import annotations

import struct
import zlib

SOCIAL_SIZE = (1200, 630)
WHITE = "#ffffff"
# The drawing in a unit square (x, y, width, height; y grows downwards), with its colour role.
STEPS = (
    (0.08, 0.62, 0.26, 0.30, "light"),
    (0.37, 0.40, 0.26, 0.52, "light"),
    (0.66, 0.18, 0.26, 0.74, "light"),
    (0.66, 0.06, 0.03, 0.12, "accent"),
    (0.66, 0.06, 0.18, 0.08, "accent"),
)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def favicon_svg(colors: dict) -> bytes:
    """Return the icon: the steps in white and the accent colour on a rounded square of the brand colour."""
    fills = {"light": WHITE, "accent": colors["accent"]}
    rects = "".join(f'<rect x="{x * 64:g}" y="{y * 64:g}" width="{w * 64:g}" height="{h * 64:g}" fill="{fills[role]}"/>' for x, y, w, h, role in STEPS)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="{colors["brand"]}"/>{rects}</svg>\n'
    ).encode()


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def social_png(colors: dict, size: tuple[int, int] = SOCIAL_SIZE) -> bytes:
    """Return the social preview: the brand colour, the steps on the right, an accent band along the foot."""
    width, height = size
    brand, accent, light = _rgb(colors["brand"]), _rgb(colors["accent"]), _rgb(WHITE)
    side = int(height * 0.7)
    left, top = (width - side) // 2, int(height * 0.1)
    band = height - int(height * 0.05)
    boxes = [
        (left + int(x * side), top + int(y * side), left + int((x + w) * side), top + int((y + h) * side), light if role == "light" else accent)
        for x, y, w, h, role in STEPS
    ]
    rows = []
    for y in range(height):
        row = bytearray(bytes(accent if y >= band else brand) * width)
        for x0, y0, x1, y1, color in boxes:
            if y0 <= y < y1:
                row[x0 * 3 : x1 * 3] = bytes(color) * (x1 - x0)
        rows.append(bytes(row))
    return _png(width, height, rows)
