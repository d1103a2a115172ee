"""The search benchmark's comparison: Pagefind indexes one page per search result, queried through its own JavaScript API."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

from directory.search import search_documents

PAGEFIND_QUERY = """async (query) => {
  const pagefind = await import(document.baseURI.replace(/[^/]*$/, "") + "pagefind/pagefind.js");
  const search = await pagefind.search(query);
  if (search.results.length) await search.results[0].data();
  return search.results.length;
}"""


def pagefind_command(workdir: Path) -> list[str] | None:
    """Return how to run Pagefind: PAGEFIND, `pagefind` on PATH, or a temporary venv made for it."""
    found = os.environ.get("PAGEFIND") or shutil.which("pagefind")
    if found:
        return [found]
    venv = workdir / "pagefind-venv"
    python = venv / "bin" / "python"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, check=True, timeout=120)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pagefind[bin]"], capture_output=True, check=True, timeout=300)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"search: Pagefind could not be installed into a temporary venv ({error}); its figures are not printed")
        return None
    return [str(python), "-m", "pagefind"]


def pagefind_site(command: list[str], directory, folder: Path) -> Path:
    """Write one HTML page per search result (the card's text) and index them with Pagefind."""
    for number, doc in enumerate(search_documents(directory)):
        page = folder / "r" / f"{number}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        body = f"<h1>{html.escape(doc.name)}</h1><p>{html.escape(doc.by)}</p><p>{html.escape(' '.join(doc.regions))}</p><p>{html.escape(doc.line)}</p>"
        page.write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(doc.name)}</title></head><body><main data-pagefind-body>{body}</main></body></html>',
            encoding="utf-8",
        )
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body></body></html>', encoding="utf-8"
    )
    subprocess.run([*command, "--site", str(folder)], capture_output=True, text=True, check=True)
    return folder


def pagefind_ready(page, url: str) -> int:
    query = url.rsplit("#", 1)[1]
    page.goto(url.rsplit("#", 1)[0])
    return page.evaluate(PAGEFIND_QUERY, query)
