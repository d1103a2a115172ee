"""The two kinds of text the schemas mark with a `format` JSON Schema does not know: names and web addresses.

A schema says `"format": "name"` or `"format": "web-address"`; schema.py registers the
checks below with the validators' FormatChecker, so every field of that kind gets them,
wherever it is, with a message that says what is wrong and how to fix it.

- A name is what people read and compare: no invisible or format characters in it
  (zero-width spaces, fillers, direction marks), except a joiner where a script needs it.
  `name_keys` folds a name the way a reader's eye does (NFKC, look-alike letters of other
  scripts, 0/O and 1/l/I), so cross_checks.py can refuse "Pierce Co\u217cege" beside
  "Pierce College".
- A web address must be written as a browser (a WHATWG URL parser) reads it: nothing the
  parser would rewrite (a backslash, which it reads as '/', an upper-case or encoded host,
  a numeric address in another form, a default port, dot segments), and no host on a
  private network. `blocked_address` is also what scripts/check_links.py asks before it
  connects anywhere.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

from .problems import shortened

_ZWNJ, _ZWJ = "\u200c", "\u200d"
# Invisible, yet letters or symbols to Unicode (not in category Cf): Hangul fillers, the
# braille blank, the combining grapheme joiner, Khmer inherent vowels, Mongolian selectors.
_INVISIBLE = set("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f")
_VARIATION_SELECTORS = {chr(code) for code in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))}
_EMOJI_SELECTORS = {"\ufe0e", "\ufe0f"}  # text or emoji style, after a symbol
_REFUSED_CATEGORIES = {
    "Cf": "the invisible formatting character",
    "Cc": "the control character",
    "Zl": "the line separator",
    "Zp": "the paragraph separator",
    "Co": "the private-use character",
    "Cn": "the unassigned character",
    "Cs": "the broken character",
}


class TextProblem(ValueError):
    """A value of a named format that is refused: what is wrong with it, and the fix."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def _character(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _pictograph(char: str) -> bool:
    return unicodedata.category(char) == "So" or char in _EMOJI_SELECTORS or 0x1F3FB <= ord(char) <= 0x1F3FF


def _joins(text: str, index: int) -> bool:
    """Whether the joiner at index does a visible job: after a virama (RFC 5892), between
    Arabic-script letters (ZWNJ: Persian, Urdu), or inside an emoji sequence (ZWJ)."""
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if not before or not after:
        return False
    if unicodedata.combining(before) == 9:
        return True
    if text[index] == _ZWNJ:
        return unicodedata.name(before, "").startswith("ARABIC") and unicodedata.name(after, "").startswith("ARABIC")
    return _pictograph(before) and _pictograph(after)


def check_name(name: str) -> None:
    """Raise TextProblem when a name holds a character nobody sees, or one that is no text."""
    if not isinstance(name, str):
        return
    for index, char in enumerate(name):
        category = unicodedata.category(char)
        if char in (_ZWNJ, _ZWJ) and _joins(name, index):
            continue
        if char in _EMOJI_SELECTORS and index and _pictograph(name[index - 1]) and name[index - 1] not in _EMOJI_SELECTORS:
            continue
        if category in _REFUSED_CATEGORIES or char in _INVISIBLE or char in _VARIATION_SELECTORS:
            what = _REFUSED_CATEGORIES.get(category, "the invisible character")
            raise TextProblem(
                f"contains {what} {_character(char)} at character {index + 1}",
                "delete it and retype the name as it is printed; a name is plain visible text on one line",
            )
    if not any(not unicodedata.category(char).startswith(("Z", "M")) for char in name):
        raise TextProblem("has no visible letter or sign", "write the name as it is printed")


def visible(text: str) -> str:
    """Return text with the characters check_name refuses written as escapes (\\u200b), for messages."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in _REFUSED_CATEGORIES or char in _INVISIBLE or char in _VARIATION_SELECTORS else char
        for char in text
    )


# Letters of other scripts that look like Latin letters, and Latin look-alikes: a small
# part of Unicode's confusables (UTS #39) that covers the letters names are made of.
_LOOKALIKES = str.maketrans(
    {
        **dict(zip("АВЕЅІЈКМНОРСТХУԜԚӀҮҺ", "ABESIJKMHOPCTXYWQlYH", strict=True)),  # Cyrillic capitals
        **dict(zip("аеѕіјорсхуԝԛӏһԁ", "aesijopcxywqlhd", strict=True)),  # Cyrillic small letters
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),  # Greek capitals
        **dict(zip("οαινρυϲϳ", "oaivpucj", strict=True)),  # Greek small letters
        **dict(zip("օսոհզ", "ounhq", strict=True)),  # Armenian
        **dict(zip("ıȷɑɡǀ|", "ijagll", strict=True)),  # Latin and signs
        "I": "l",
        "1": "l",
        "0": "o",
    }
)
_IGNORED_IN_NAMES = re.compile("[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def name_keys(name: str) -> set[str]:
    """Return the forms two names share when a reader cannot tell them apart.

    NFKC first (fullwidth letters, the roman numeral ⅼ, ligatures), invisible characters
    dropped, spaces collapsed; then look-alike letters folded both before and after case
    folding, since 'I' and 'l' look alike only while one is a capital.
    """
    plain = " ".join(_IGNORED_IN_NAMES.sub("", unicodedata.normalize("NFKC", name)).split())
    return {plain.casefold(), plain.translate(_LOOKALIKES).casefold(), plain.casefold().translate(_LOOKALIKES)}


# ---- Web addresses ---------------------------------------------------------------------

DEFAULT_PORTS = {"http": 80, "https": 443}
_LOCAL_NAMES = ("localhost", "local", "internal", "home.arpa", "localdomain")  # RFC 6761, 6762, 8375; ICANN
_HOST_CHARACTERS = re.compile(r"[a-z0-9_-]+")
_IPV4_PART = re.compile(r"(0[xX][0-9a-fA-F]*|[0-9]+)")
_DOT_SEGMENT = re.compile(r"(?:\.|%2e){1,2}", re.IGNORECASE)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def blocked_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Return what kind of non-public address this is ('a loopback address' ...), or '' for a public one."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and blocked_address(embedded):
            return blocked_address(embedded)
    if address.is_loopback:
        return "a loopback address (the computer itself)"
    if address.is_link_local:
        return "a link-local address (the local network; a cloud server's metadata service lives there)"
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_private:
        return "a private network address"
    if address.is_reserved or not address.is_global:
        return "a reserved address, not on the public internet"
    return ""


def _whatwg_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read a host the way the WHATWG parser does when its last label is a number: as an IPv4 address.

    '127.1', '0x7f.0.0.1' and '2130706433' are all 127.0.0.1 to a browser.
    Raise TextProblem when it is no valid address at all.
    """
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    if not _IPV4_PART.fullmatch(labels[-1]):
        return None
    numbers = []
    for label in labels:
        if not _IPV4_PART.fullmatch(label) or len(labels) > 4:
            raise TextProblem(f"has the host '{shortened(host)}', which browsers refuse as a numeric address", "write the site's name instead")
        if label[:2].lower() == "0x":
            numbers.append(int(label[2:] or "0", 16))
        elif len(label) > 1 and label.startswith("0"):
            if not re.fullmatch(r"[0-7]+", label):
                raise TextProblem(f"has the host '{shortened(host)}', which browsers refuse as a numeric address", "write the site's name instead")
            numbers.append(int(label, 8))
        else:
            numbers.append(int(label))
    *first, last = numbers
    if any(number > 255 for number in first) or last >= 256 ** (5 - len(numbers)):
        raise TextProblem(f"has the host '{shortened(host)}', which browsers refuse as a numeric address", "write the site's name instead")
    value = last
    for position, number in enumerate(first):
        value += number << (8 * (3 - position))
    return ipaddress.IPv4Address(value)


def _check_host(host: str) -> None:
    if host.startswith("["):
        try:
            address = ipaddress.IPv6Address(host[1:-1] if host.endswith("]") else host[1:])
        except ValueError:
            raise TextProblem(f"has the host '{shortened(host)}', which is not an address", "write the site's name instead") from None
        reason = blocked_address(address)
        if reason:
            raise TextProblem(f"points at {address.compressed}, {reason}", "link only to pages on the public web, by the site's name")
        if host != f"[{address.compressed}]":
            raise TextProblem(f"has the address '{shortened(host)}', which browsers rewrite as [{address.compressed}]", "write the site's name instead")
        return
    if "%" in host:
        raise TextProblem(f"has percent-encoding in its host '{shortened(host)}', which browsers decode", "write the host name in plain letters")
    if not host.isascii():
        raise TextProblem(
            f"has characters other than a-z, 0-9, '-' and '.' in its host name '{shortened(host)}'",
            "write the host name in its ASCII form (xn--...), as the browser's address bar shows it when you copy it",
        )
    if host != host.lower():
        raise TextProblem(f"has capital letters in its host name '{shortened(host)}', which browsers write in lower case", f"write {shortened(host.lower())}")
    address = _whatwg_ipv4(host)
    if address is not None:
        reason = blocked_address(address)
        if reason:
            raise TextProblem(f"points at {address}, {reason}", "link only to pages on the public web, by the site's name")
        if host != str(address):
            raise TextProblem(f"has the host '{shortened(host)}', which browsers read as the address {address}", "write the site's name instead")
        return
    labels = host.split(".")
    bad = next((label for label in labels if not _HOST_CHARACTERS.fullmatch(label)), None)
    if bad is not None:
        what = "an empty part (two dots, or a dot at an end)" if bad == "" else f"the part '{shortened(bad)}'"
        raise TextProblem(f"has {what} in its host name '{shortened(host)}'", "write the host name as letters, digits and hyphens between single dots")
    if any(host == name or host.endswith("." + name) for name in _LOCAL_NAMES):
        raise TextProblem(f"points at '{shortened(host)}', a name of the local network", "link only to pages on the public web")


def check_web_address(url: str) -> None:
    """Raise TextProblem when a browser would read the address differently from how it is written, or it is private."""
    if not isinstance(url, str):
        return
    if "\\" in url:
        rest = url.split("://", 1)[-1].replace("\\", "/")
        host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
        raise TextProblem(
            f"contains a backslash (\\), which browsers read as '/': this address goes to {shortened(host)}",
            "write forward slashes (/) only, and check where the address goes in a browser",
        )
    scheme, separator, rest = url.partition("://")
    if not separator or scheme not in DEFAULT_PORTS:
        return  # the schema's pattern says what is wrong
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority or not authority:
        return  # the pattern refuses user names and empty hosts
    host, port = authority, ""
    if authority.startswith("["):
        end = authority.find("]")
        host, port = (authority[: end + 1], authority[end + 1 :]) if end >= 0 else (authority, "")
        if port and not port.startswith(":"):
            raise TextProblem(f"has '{shortened(port)}' after its address", "write the address as the browser shows it")
        port = port[1:]
        has_port = bool(authority[end + 1 :])
    else:
        has_port = ":" in authority
        host, _, port = authority.partition(":")
    if has_port:
        if not port:
            raise TextProblem("has a ':' with no port number after the host", "remove the ':'")
        if not port.isascii() or not port.isdigit() or int(port) > 65535:
            raise TextProblem(f"has the port ':{shortened(port)}', which is no port number", "remove it, or write the port as digits")
        if int(port) == DEFAULT_PORTS[scheme]:
            raise TextProblem(f"has the port ':{port}', which {scheme} uses anyway and browsers remove", f"remove ':{port}'")
        if port != str(int(port)):
            raise TextProblem(f"has the port ':{port}', which browsers write as :{int(port)}", f"write :{int(port)}")
    _check_host(host)
    path = re.split(r"[?#]", rest[len(authority) :], maxsplit=1)[0]
    dots = next((segment for segment in path.split("/")[1:] if _DOT_SEGMENT.fullmatch(segment)), None)
    if dots is not None:
        raise TextProblem(
            f"has the path segment '{shortened(dots)}', which browsers remove along with what it points past",
            "open the address in a browser and copy the address it shows",
        )


FORMATS = {"name": check_name, "web-address": check_web_address}
