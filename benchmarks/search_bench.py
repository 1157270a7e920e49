"""What the first search costs a reader: bytes Chromium receives from typing a word to
seeing its results, on the generated corpus built by the project (Pagefind's index),
served with gzip as a static host does. Target: ≤ 100 KB at 1,000 posts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import ROOT
from .lighthouse import CHROME, serve
from .measure import run_measured

TARGET_BYTES = 100_000
WORDS = ("stratégie", "client")


def first_search(corpus: Path, work: Path, words: tuple[str, ...] = WORDS) -> dict:
    """Build `corpus` with the project's settings into `work`, then search each word
    in a fresh browser context; bytes of the search alone (the page's own excluded)."""
    from playwright.sync_api import sync_playwright

    output = work / "output"
    run_measured([sys.executable, "-m", "pelican", str(corpus), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"),
                  "-q", "-e", f"CACHE_PATH={json.dumps(str(work / 'cache'))}"], cwd=ROOT)
    server, base = serve(output)
    queries = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
            for word in words:
                queries[word] = _one(browser, base, word)
            browser.close()
    finally:
        server.shutdown()
    worst = max(q["bytes"] for q in queries.values())
    return {"status": "ok", "posts": len(list((corpus / "articles").glob("*.md"))), "queries": queries,
            "target_bytes": TARGET_BYTES, "within_target": worst <= TARGET_BYTES}


def _one(browser, base: str, word: str) -> dict:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(base + "/recherche/", wait_until="networkidle")
    before = set(received)
    page.fill("#search-input", word)
    page.wait_for_function("w => document.getElementById('search-status').textContent.includes('pour «\\u202f' + w)",
                           arg=word, timeout=60_000)
    page.wait_for_load_state("networkidle")
    status = page.inner_text("#search-status")
    context.close()
    return {"bytes": sum(size for request, size in received.items() if request not in before), "status": status}
