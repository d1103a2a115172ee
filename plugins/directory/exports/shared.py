"""What every export module shares: the Site they are written for, its stable ids, JSON bytes.

A module of its own, below the package's __init__, so the export modules import it and
__init__ imports them without a cycle.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..languages import gettext as _
from ..render import absolute

# The version of the export formats, in every JSON file: the major number changes when a
# field is removed or changes meaning, the minor number when fields are added.
FORMAT_VERSION = "1.0"


@dataclass(frozen=True)
class Site:
    """What the exports need to know about the site they are written for."""

    url: str  # SITEURL; empty makes every address root-relative (/programs/...)
    name: str  # DIRECTORY_NAME
    authority: str  # the tag: URI authority of feed and calendar ids (DIRECTORY_FEED_AUTHORITY)
    schema_dir: Path  # data/schemas, published at /schemas/

    def absolute(self, path: str) -> str:
        """Return the address of a site path: SITEURL + path, or /path without SITEURL."""
        return absolute(self.url, path)

    @property
    def has_absolute_urls(self) -> bool:
        return self.url.startswith(("https://", "http://"))

    def tag(self, path: str) -> str:
        """Return the tag: URI that names a thing of this site for good (as the Atom feed does)."""
        return f"tag:{self.authority},2026:{path}"

    def uuid(self, path: str) -> str:
        """Return a UUID derived from the thing's tag: URI, the same in every build."""
        return name_uuid(self.tag(path))


@functools.cache
def name_uuid(name: str) -> str:
    """Return str(uuid.uuid5(NAMESPACE_URL, name)), computed directly: the uuid module's
    UUID objects cost more than the hash at tens of thousands of ids per build."""
    digest = bytearray(hashlib.sha1(uuid.NAMESPACE_URL.bytes + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def json_bytes(data, compact: bool = True) -> bytes:
    """Serialise data the same way every time: UTF-8, a final newline, compact unless asked.

    Compact output goes through json's C encoder, several times faster than indenting;
    browsers and tools show it indented anyway.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) if compact else json.dumps(data, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def collection_title(collection: str, count: int) -> str:
    """Name a collection's file on the Open data page with its number of entries: "Programs (12)"."""
    titles = {
        "programs": _("Programs (%(num)s)"),
        "partners": _("Partners (%(num)s)"),
        "pathways": _("Pathways (%(num)s)"),
        "partnerships": _("Partnerships (%(num)s)"),
        "occupations": _("Occupations (%(num)s)"),
        "regions": _("Regions (%(num)s)"),
        "sources": _("Sources (%(num)s)"),
    }
    return titles[collection] % {"num": count} if collection in titles else f"{collection.capitalize()} ({count})"


def summary_of(item) -> str:
    """Return an item's plain-text summary, the one its page shows (derive.derive made it)."""
    return item.summary
