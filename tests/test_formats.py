"""Names and web addresses (issue 12, items 12, 15 and 16): formats.py, as the schemas use it.

A web address is accepted only as a browser reads it: node's URL class (a WHATWG parser)
must give back exactly what is written, so nothing the reader sees differs from where a
click goes. Private hosts are refused. Names hold no invisible characters, and two names
a reader cannot tell apart are duplicates. The validator's own lines for each are in the
corpus (tests/fixtures/bad/url-*, name-*).
"""

from __future__ import annotations

import ipaddress
import json
import shutil
import subprocess

import pytest

from directory.data.checks import validate_data
from directory.data.formats import TextProblem, blocked_address, check_name, check_web_address, name_keys
from support.builders import make_partner, make_program, write_entry

ACCEPTED_ADDRESSES = [
    "https://www.example.org/",
    "https://www.example.org",
    "http://example.org/apply?term=fall&year=2026#form",
    "https://example.org:8443/path/to/page.html",
    "https://sub-domain.example.co.uk/a/b/",
    "https://xn--mnchen-3ya.example/",
    "https://93.184.215.14/",
    "https://[2606:4700:4700::1111]/dns",
    "https://example.org/a.b/..c/d..",
    "https://example.org/search?q=../x",
    "https://example.org/%7Euser/",
]

REFUSED_ADDRESSES = {
    # where a browser goes is not what a reader sees
    "https://evil.example\\.piercecollege.edu/": "contains a backslash (\\), which browsers read as '/': this address goes to evil.example",
    "https://piercecollege.edu\\@evil.example/": "contains a backslash (\\), which browsers read as '/': this address goes to piercecollege.edu",
    "https://Example.org/": "has capital letters in its host name 'Example.org', which browsers write in lower case",
    "https://ex%61mple.org/": "has percent-encoding in its host 'ex%61mple.org', which browsers decode",
    "https://example.org:443/": "has the port ':443', which https uses anyway and browsers remove",
    "http://example.org:80/": "has the port ':80', which http uses anyway and browsers remove",
    "https://example.org:0443/": "has the port ':0443', which https uses anyway and browsers remove",
    "https://example.org:08443/": "has the port ':08443', which browsers write as :8443",
    "https://example.org:/": "has a ':' with no port number after the host",
    "https://example.org:99999/": "has the port ':99999', which is no port number",
    "https://93.184.0x0d7.14/": "has the host '93.184.0x0d7.14', which browsers read as the address 93.184.215.14",
    "https://[2606:4700:4700:0:0:0:0:1111]/": "has the address '[2606:4700:4700:0:0:0:0:1111]', which browsers rewrite as [2606:4700:4700::1111]",
    "https://example.org/programs/../admin": "has the path segment '..', which browsers remove along with what it points past",
    "https://example.org/a/%2e%2E/b": "has the path segment '%2e%2E', which browsers remove along with what it points past",
    "https://example.org/./a": "has the path segment '.', which browsers remove along with what it points past",
    "https://café.example.org/": "has characters other than a-z, 0-9, '-' and '.' in its host name 'café.example.org'",
    "https://a..example.org/": "has an empty part (two dots, or a dot at an end) in its host name 'a..example.org'",
    "https://example.123/": "has the host 'example.123', which browsers refuse as a numeric address",
    # hosts on this computer or a private network
    "http://127.0.0.1/admin": "points at 127.0.0.1, a loopback address (the computer itself)",
    "http://127.1/admin": "points at 127.0.0.1, a loopback address (the computer itself)",
    "http://0x7f.0.0.1/": "points at 127.0.0.1, a loopback address (the computer itself)",
    "http://0177.0.0.1./": "points at 127.0.0.1, a loopback address (the computer itself)",
    "http://169.254.169.254/latest/meta-data/": "points at 169.254.169.254, a link-local address (the local network; a cloud server's metadata service lives there)",
    "https://[::ffff:127.0.0.1]/": "points at ::ffff:7f00:1, a loopback address (the computer itself)",
    "https://[::ffff:169.254.169.254]/": "points at ::ffff:a9fe:a9fe, a link-local address (the local network; a cloud server's metadata service lives there)",
    "https://[64:ff9b::10.0.0.1]/": "points at 64:ff9b::a00:1, a private network address",
    "https://[fe80::1.2.3.4]/": "points at fe80::102:304, a link-local address (the local network; a cloud server's metadata service lives there)",
    "https://10.1.2.3/": "points at 10.1.2.3, a private network address",
    "https://192.168.0.1/": "points at 192.168.0.1, a private network address",
    "https://172.16.5.4/": "points at 172.16.5.4, a private network address",
    "https://100.64.0.1/": "points at 100.64.0.1, a reserved address, not on the public internet",
    "https://0.0.0.0/": "points at 0.0.0.0, an unspecified address",
    "https://224.0.0.1/": "points at 224.0.0.1, a multicast address",
    "https://admin.localhost/": "points at 'admin.localhost', a name of the local network",
    "https://printer.local/": "points at 'printer.local', a name of the local network",
    "https://wiki.corp.internal/": "points at 'wiki.corp.internal', a name of the local network",
    "https://router.home.arpa/": "points at 'router.home.arpa', a name of the local network",
}


@pytest.mark.parametrize("url", ACCEPTED_ADDRESSES)
def test_addresses_written_as_browsers_read_them_are_accepted(url):
    check_web_address(url)


@pytest.mark.parametrize("url, message", REFUSED_ADDRESSES.items())
def test_addresses_a_browser_rewrites_or_that_are_private_are_refused(url, message):
    with pytest.raises(TextProblem) as refused:
        check_web_address(url)
    assert refused.value.message == message
    assert refused.value.hint


def test_a_whatwg_parser_reads_every_accepted_address_as_written_and_rewrites_every_refused_one(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: its URL class is the WHATWG parser this test compares with")
    rewritten = [url for url, message in REFUSED_ADDRESSES.items() if not message.startswith(("points at", "has characters other", "has an empty part"))]
    script = (
        "const urls = JSON.parse(process.argv[1]); console.log(JSON.stringify(urls.map((u) => { try { return new URL(u).href; } catch { return null; } })));"
    )
    done = subprocess.run([node, "-e", script, json.dumps(ACCEPTED_ADDRESSES + rewritten)], capture_output=True, text=True, check=True)
    hrefs = dict(zip(ACCEPTED_ADDRESSES + rewritten, json.loads(done.stdout), strict=True))
    for url in ACCEPTED_ADDRESSES:  # a bare host gets its "/" and nothing else changes
        assert hrefs[url] in (url, url + "/"), url
    for url in rewritten:
        assert hrefs[url] not in (url, url + "/"), f"{url}: a browser reads it as written, yet it is refused"


@pytest.mark.parametrize(
    "address, blocked",
    [
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("::ffff:10.0.0.1", True),
        ("2002:7f00:1::", True),  # 6to4 around 127.0.0.1
        ("169.254.169.254", True),
        ("fd00::1", True),
        ("fe80::1", True),
        ("::", True),
        ("93.184.215.14", False),
        ("2606:4700:4700::1111", False),
        ("::ffff:93.184.215.14", True),  # a public address in IPv4-mapped form is no way to write a link
    ],
)
def test_blocked_addresses(address, blocked):
    assert bool(blocked_address(ipaddress.ip_address(address))) is blocked


REFUSED_NAMES = {
    "Pierce\u200b College": "contains the invisible formatting character U+200B (ZERO WIDTH SPACE) at character 7",
    "\u200b\u3164": "contains the invisible formatting character U+200B (ZERO WIDTH SPACE) at character 1",
    "\u3164\u3164": "contains the invisible character U+3164 (HANGUL FILLER) at character 1",
    "Pierce\u2800College": "contains the invisible character U+2800 (BRAILLE PATTERN BLANK) at character 7",
    "Pierce\u00adCollege": "contains the invisible formatting character U+00AD (SOFT HYPHEN) at character 7",
    "Pierce College\ufeff": "contains the invisible formatting character U+FEFF (ZERO WIDTH NO-BREAK SPACE) at character 15",
    "Pierce\u200dCollege": "contains the invisible formatting character U+200D (ZERO WIDTH JOINER) at character 7",
    "Pierce\u2060College": "contains the invisible formatting character U+2060 (WORD JOINER) at character 7",
    "Pierce\u200eCollege": "contains the invisible formatting character U+200E (LEFT-TO-RIGHT MARK) at character 7",
    "Pierce College\U000e0041": "contains the invisible formatting character U+E0041 (TAG LATIN CAPITAL LETTER A) at character 15",
    "Pierce\ufe0fCollege": "contains the invisible character U+FE0F (VARIATION SELECTOR-16) at character 7",
    "Pierce\u2028College": "contains the line separator U+2028 (LINE SEPARATOR) at character 7",
    "Pierce\rCollege": "contains the control character U+000D at character 7",
    "Pierce\ue000College": "contains the private-use character U+E000 at character 7",
}


@pytest.mark.parametrize("name, message", REFUSED_NAMES.items())
def test_names_with_invisible_characters_are_refused(name, message):
    with pytest.raises(TextProblem) as refused:
        check_name(name)
    assert refused.value.message == message


@pytest.mark.parametrize(
    "name",
    [
        "Pierce College",
        "Café Ñandú İstanbul ﬁle",
        "Rocket 🚀 𠀀 𝔻ata",
        "\U0001f469\u200d\U0001f4bb Women Who Code",  # an emoji sequence needs its joiner
        "I \u2764\ufe0f Code",  # and a symbol its emoji selector
        "\u0915\u094d\u200d\u0937 Academy",  # a joiner after a virama shapes Devanagari
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian needs the non-joiner between letters
        "Pierce Co\u217c\u217cege",  # visible: a duplicate of Pierce College, caught below
    ],
)
def test_names_scripts_need_are_accepted(name):
    check_name(name)


@pytest.mark.parametrize(
    "first, second, same",
    [
        ("Pierce College", "pierce  college", True),
        ("Pierce College", "Pierce Co\u217c\u217cege", True),  # roman numeral fifty, twice
        ("Pierce College", "Pierce Co\u217c\u217c\u0435ge", True),
        ("Pierce College", "Pierce C\u043ellege", True),  # Cyrillic o
        ("Pierce College", "\u03a1ierce College", True),  # Greek capital rho
        ("Pierce College", "Pierce CoIIege", True),  # capital I for l
        ("Pierce College", "Pierce Co11ege", True),
        ("PIERCE COLLEGE", "PIERCE C\u041eLLEGE", True),  # Cyrillic capital O
        ("Pierce College", "Ｐｉｅｒｃｅ Ｃｏｌｌｅｇｅ", True),  # fullwidth
        ("Pierce College", "Pierce\u200b College", True),
        ("Pierce College", "Pierce Colleges", False),
        ("Pierce College", "Pearce College", False),
        ("Tech Academy 1", "Tech Academy 2", False),
        ("Cohort 10", "Cohort 11", False),
    ],
)
def test_names_are_compared_as_a_reader_sees_them(first, second, same):
    assert bool(name_keys(first) & name_keys(second)) is same


def test_the_validator_refuses_a_look_alike_partner_in_both_files(data_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1779000000")
    monkeypatch.chdir(data_dir)
    write_entry(data_dir, "partners", "pierce-college", make_partner(name="Pierce College"))
    write_entry(data_dir, "partners", "pierce-college-2", make_partner(name="Pierce Co\u217c\u217cege"))
    write_entry(data_dir, "partners", "pierce-college-3", make_partner(name="Pierce\u200b College"))
    lines = [problem.text() for problem in validate_data(data_dir).errors]
    same = "(fix: merge the two entries, or make the names differ in letters a reader can see (look for letters of another alphabet))"
    invisible = "(fix: delete it and retype the name as it is printed; a name is plain visible text on one line)"
    assert lines == [  # each is told of the first one it looks like, in file order
        f"partners/pierce-college-2.yml:1:7: name: 'Pierce Co\u217c\u217cege' looks the same as the name of partners/pierce-college-3.yml ('Pierce\\u200b College') {same}",
        f"partners/pierce-college-2.yml:1:7: name: 'Pierce Co\u217c\u217cege' looks the same as the name of partners/pierce-college.yml ('Pierce College') {same}",
        f"partners/pierce-college-3.yml:1:7: name: 'Pierce\\u200b College' contains the invisible formatting character U+200B (ZERO WIDTH SPACE) at character 7 {invisible}",
        f"partners/pierce-college-3.yml:1:7: name: 'Pierce\\u200b College' looks the same as the name of partners/pierce-college-2.yml ('Pierce Co\u217c\u217cege') {same}",
        f"partners/pierce-college.yml:1:7: name: 'Pierce College' looks the same as the name of partners/pierce-college-2.yml ('Pierce Co\u217c\u217cege') {same}",
    ]


def test_every_web_address_field_is_checked(data_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1779000000")
    monkeypatch.chdir(data_dir)
    sources = [{"document": "Page", "publisher": "Us", "url": "https://[::ffff:127.0.0.1]/"}]
    write_entry(data_dir, "programs", "web-coding-boot-camp", make_program(url="https://evil.example\\.piercecollege.edu/", sources=sources))
    fields = sorted((problem.field, problem.message.split("' ", 1)[1]) for problem in validate_data(data_dir).errors)
    assert fields == [
        ("sources[0].url", "points at ::ffff:7f00:1, a loopback address (the computer itself)"),
        ("url", "contains a backslash (\\), which browsers read as '/': this address goes to evil.example"),
    ]
