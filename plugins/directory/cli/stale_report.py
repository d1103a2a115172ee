"""Write one Markdown report of what needs a partner's attention: stale entries, passed deadlines, dead links.

Usage:
  directory-stale-report [DATA_DIR] [--output report.md] [--no-links]

The stale entries and passed deadlines are the validator's own warnings (the same ones
`make validate` prints); the links are checked by directory-check-links, with its cache.
The scheduled workflow .github/workflows/stale.yml puts the report into one tracking
issue. Exit status 0 whatever the report says: it informs, it does not block.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote

from directory.cli import ROOT, check_links
from directory.data.checks import validate_data
from directory.data.problems import DirectoryError

MARKER = "<!-- stale-report -->"
TITLE = "Stale entries and dead links"
MAX_REPORT = 60000  # GitHub refuses an issue body over 65,536 characters
LINK_WORDS = {"dead": "Dead links", "redirected": "Links that moved", "timeout": "Links that timed out", "error": "Links that failed"}


def _code(text) -> str:
    """Return outside text as a code span that is safe in one cell of a Markdown table.

    The report is posted to a public issue, and its text comes from data files and from
    servers (a redirect's Location header): in a code span, Markdown, HTML, links, images,
    @mentions and #references are all inert. The span's fence is longer than any run of
    backticks inside, so a backtick cannot end it; a pipe is escaped for the table (GFM
    unescapes it inside code spans too), and a backslash before one is doubled so that
    the pipe stays escaped.
    """
    text = " ".join(str(text).split()).replace("\\|", "\\\\|").replace("|", "\\|")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _where(path: str, line: int, repo_url: str, ref: str) -> str:
    label = _code(f"{path}:{line}")
    return f"[{label}]({repo_url}/blob/{quote(ref)}/{quote(path)}#L{line})" if repo_url else label


def build_report(problems, links, results, repo_url: str = "", ref: str = "main") -> tuple[str, int]:
    """Return (Markdown, number of findings) from the validator's problems and the link results."""
    stale = [p for p in problems if p.severity == "warning" and p.field == "last_verified"]
    deadlines = [p for p in problems if p.severity == "warning" and p.field == "application.deadline"]
    other = [p for p in problems if p not in stale and p not in deadlines]
    sections = []

    def table(title: str, intro: str, rows: list[tuple[str, str]]):
        if rows:
            lines = [f"## {title} ({len(rows)})", "", intro, "", "| Where | What |", "| --- | --- |"]
            lines += [f"| {where} | {what} |" for where, what in rows]
            sections.append("\n".join(lines))

    def rows_of(found):
        return [(_where(p.path, p.line, repo_url, ref), _code(p.message + (f" (fix: {p.hint})" if p.hint else ""))) for p in found]

    table("Not verified for 12 months", "Check each entry against its sources, then set `last_verified` to the day you checked.", rows_of(stale))
    table("Deadlines that have passed", "Set the next deadline, or change the application status to `closed`.", rows_of(deadlines))
    table("Other problems the validator found", "Run `make validate` for the same list.", rows_of(other))
    for status, title in LINK_WORDS.items():
        rows = []
        for link in links:
            result = results.get(link.url)
            if result and result.status == status:
                detail = result.message or status
                since = f" (since {result.since[:10]})" if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(result.since or "")[:10]) else ""
                rows.append((_where(link.path, link.line, repo_url, ref), f"{_code(link.url)}: {_code(detail)}{since}"))
        intro = {
            "dead": "The page is gone: find its new address or remove the link.",
            "redirected": "The page moved for good: replace the link with the new address.",
            "timeout": "No answer in time, on every attempt. Often a passing problem; check if it stays on the list.",
            "error": "The site refused or failed. Often a passing problem; check if it stays on the list.",
        }[status]
        table(title, intro, rows)
    findings = len(stale) + len(deadlines) + len(other) + sum(1 for link in links if results.get(link.url) and results[link.url].status != "ok")
    head = [MARKER, f"# {TITLE}", ""]
    if not findings:
        head.append("Nothing to do: every entry was verified in the last 12 months, no deadline has passed and every link works.")
    else:
        head.append("This issue is updated by a scheduled check. Fix what you can; the list is rewritten at the next run.")
    if links:
        head += ["", check_links.summary(results) + "."]
    text = "\n".join(head) + "\n\n" + "\n\n".join(sections) + "\n"
    if len(text) > MAX_REPORT:
        text = text[:MAX_REPORT].rsplit("\n", 1)[0] + "\n\n_The report was cut short; run `python scripts/stale_report.py` for all of it._\n"
    return text, findings


def main(argv: list[str] | None = None) -> int:
    """Write the report; return 0 unless the data could not be read at all."""
    parser = argparse.ArgumentParser(description="Report stale entries, passed deadlines and dead links as Markdown.")
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data"), help="the data folder (default: data/)")
    parser.add_argument("--output", help="write the Markdown here (default: print it)")
    parser.add_argument("--no-links", action="store_true", help="do not check the links")
    parser.add_argument("--cache", default=str(check_links.DEFAULT_CACHE), help="the link checker's cache file")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each link (default: 10)")
    parser.add_argument("--repo-url", default="", help="link each file to this repository, e.g. https://github.com/ORG/REPO")
    parser.add_argument("--ref", default="main", help="the branch the file links point at (default: main)")
    parser.add_argument("--github-output", help="append found=true|false here (GitHub Actions' $GITHUB_OUTPUT)")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    try:
        result = validate_data(data_dir)
        problems = result.problems
        links = [] if args.no_links else check_links.links_in(result.entries)
    except (DirectoryError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    settings = check_links.Settings(timeout=args.timeout)
    results = check_links.check_links(links, settings, Path(args.cache), 20.0) if links else {}
    text, findings = build_report(problems, links, results, args.repo_url.rstrip("/"), args.ref)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{findings} finding{'s' * (findings != 1)}; report written to {args.output}")
    else:
        print(text)
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as output:
            output.write(f"found={'true' if findings else 'false'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
