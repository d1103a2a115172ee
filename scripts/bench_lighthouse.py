#!/usr/bin/env python3
"""Lighthouse scores (`make bench`): the shipped site built, served on loopback, audited on a phone and a desktop.

Prints performance, accessibility, best practices, SEO and cumulative layout shift for the
home page, a program, a pathway, the programs list and a search, each as a phone (Lighthouse's
default emulation) and a desktop. Uses npm's lighthouse and Debian's chromium; without either
it says so and exits 0. Scores are informational: a score under 90 is marked LOW.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SUBPATH = "site"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_entry(output: Path, folder: str) -> str:
    """Return the URL path of the first entry page in output/folder, or the folder itself."""
    pages = sorted(path.parent for path in (output / folder).glob("*/index.html") if path.parent.name not in ("by", "benefits"))
    return f"{folder}/{pages[0].name}/" if pages else f"{folder}/"


def audit(url: str, desktop: bool) -> dict:
    """Run Lighthouse on url; return {category: score 0-100, 'cls': value} or {'error': text}."""
    args = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if desktop:
        args.append("--preset=desktop")
    done = subprocess.run(args, capture_output=True, text=True, env=os.environ | {"CHROME_PATH": str(CHROMIUM)}, timeout=300)
    if done.returncode != 0:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:]}
    report = json.loads(done.stdout)
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    scores["cls"] = report["audits"]["cumulative-layout-shift"].get("numericValue", 0)
    return scores


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    missing = [str(path) for path in (LIGHTHOUSE, CHROMIUM) if not path.exists()]
    if missing or not shutil.which("node"):
        print(f"lighthouse: skipped, missing {', '.join(missing) or 'node'} (make setup installs lighthouse; apt-get install chromium)")
        return 0
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        root = Path(tmp)
        port = free_port()
        base = f"http://127.0.0.1:{port}/{SUBPATH}"
        output = root / SUBPATH
        env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"} | {"SITEURL": base}
        built = subprocess.run(
            [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(output), "--fatal", "warnings"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if built.returncode != 0:
            print(f"lighthouse: the build failed:\n{built.stdout}{built.stderr}")
            return 1
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        pages = {
            "home": "",
            "program": first_entry(output, "programs"),
            "pathway": first_entry(output, "pathways"),
            "programs list": "programs/",
            "search": "search/?q=data",
        }
        print(f"lighthouse: {', '.join(CATEGORIES)}, cumulative layout shift (scores under 90 are marked LOW)")
        try:
            for name, path in pages.items():
                for desktop in (False, True):
                    result = audit(f"{base}/{path}", desktop)
                    form = "desktop" if desktop else "mobile"
                    if "error" in result:
                        print(f"  {name:14} {form:8} failed: {result['error']}")
                        continue
                    low = [category for category in CATEGORIES if result[category] < 90]
                    scores = "  ".join(f"{category} {result[category]:3}" for category in CATEGORIES)
                    print(f"  {name:14} {form:8} {scores}  CLS {result['cls']:.3f}{'  LOW: ' + ', '.join(low) if low else ''}")
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
