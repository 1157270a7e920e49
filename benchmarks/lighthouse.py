"""`invoke lighthouse`: Lighthouse (mobile) on the production build, scores printed.

    python -m benchmarks.lighthouse [--check] [--output DIR]

Builds the site with publishconf.py (its SITEURL then pointed at a local server,
so every page and asset is fetched from this machine), serves it with gzip as
a static host does, and runs npm's `lighthouse` (pinned in package-lock.json,
installed by `npm ci` into node_modules/) driving Debian's Chromium on: the home
page, the seed article with its comments, the long article with images, and the
search page. Prints each page's four scores, the audits that lost points, and
the article's bytes on first view, images excluded. `--check` exits 1 when a
score is under 100 or the article passes 60 KB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "accueil": "/",
    "article du seed (commentaires)": "/2013/04/media-social-ou-medias-sociaux-en-interne-ou-en-externe/",
    "article long (images)": "/2015/10/tableau-de-bord-medias-sociaux-une-heure-par-mois/",
    "recherche": "/recherche/",
}
ARTICLE_BUDGET = 60_000
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the browser accepts it (as GitHub Pages does)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and path.name == "index.html" and not self.path.endswith(".html"):
            return super().send_head()  # the redirect to the address with a slash
        data = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        from io import BytesIO

        return BytesIO(data)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser closing a connection early (Lighthouse does) is no error of the site


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = QuietServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def npm_ci() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def production_build(output: Path, siteurl: str) -> None:
    """publishconf.py's build, its SITEURL (and feeds' domain) pointed at the local server."""
    value = json.dumps(siteurl)
    subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(output), "-s", str(ROOT / "publishconf.py"),
         "-e", f"SITEURL={value}", f"FEED_DOMAIN={value}", f"CACHE_PATH={json.dumps(str(output) + '-cache')}"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )


def lighthouse(url: str, report: Path) -> dict:
    subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-path={CHROME}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        cwd=ROOT, check=True, env={**os.environ, "CHROME_PATH": CHROME},
    )
    return json.loads(report.read_text())


def scores(result: dict) -> dict[str, int]:
    return {c: round((result["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def lost_points(result: dict) -> list[str]:
    """Titles of the scored audits that did not pass, per category."""
    lost = []
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{name}: {audit['title']} ({audit.get('displayValue', audit['score'])})")
    return lost


def first_view_bytes(result: dict) -> tuple[int, int]:
    """Bytes transferred on first view: everything, and everything but images."""
    items = result["audits"]["network-requests"]["details"]["items"]
    total = sum(i.get("transferSize", 0) for i in items)
    return total, sum(i.get("transferSize", 0) for i in items if i.get("resourceType") != "Image")


def run(output: Path | None = None) -> dict:
    npm_ci()
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    site = output or work / "output"
    server, base = serve(site)
    try:
        production_build(site, base)
        table = {}
        for name, path in PAGES.items():
            result = lighthouse(base + path, work / f"{len(table)}.json")
            table[name] = {"scores": scores(result), "lost": lost_points(result), "bytes": first_view_bytes(result)}
        return table
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below 100 or over the article budget")
    args = parser.parse_args(argv)
    table = run()
    print(f"| page | {' | '.join(CATEGORIES)} | transféré (Ko) | hors images (Ko) |")
    print("|---|" + "---|" * (len(CATEGORIES) + 2))
    failed = False
    for name, row in table.items():
        total, no_images = row["bytes"]
        print(f"| {name} | {' | '.join(str(row['scores'][c]) for c in CATEGORIES)} | "
              f"{total / 1000:.1f} | {no_images / 1000:.1f} |")
        failed |= any(v < 100 for v in row["scores"].values())
        if name.startswith("article") and no_images > ARTICLE_BUDGET:
            failed = True
    for name, row in table.items():
        for line in row["lost"]:
            print(f"  {name} — {line}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
