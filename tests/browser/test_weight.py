"""The article page transfers at most 60 KB on first view, images excluded (issue 17,
item 6): bytes counted by Chromium (DevTools protocol), from a server that gzips
text as static hosts do (benchmarks.lighthouse.GzipHandler)."""

from __future__ import annotations

import pytest

from benchmarks.lighthouse import ARTICLE_BUDGET, serve
from tests.browser.test_pages import long_article_path, seed_path

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gzip_url(site):
    server, base = serve(site)
    yield base
    server.shutdown()


def first_view(browser, url: str) -> dict[str, int]:
    """Bytes Chromium received for each resource type, a fresh cache, a phone's viewport."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    kinds: dict[str, str] = {}
    received: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    context.close()
    by_kind: dict[str, int] = {}
    for request, size in received.items():
        kind = kinds.get(request, "Other")
        by_kind[kind] = by_kind.get(kind, 0) + size
    return by_kind


@pytest.mark.parametrize("path", [seed_path, long_article_path])
def test_article_first_view_weight(browser, site, gzip_url, path):
    by_kind = first_view(browser, gzip_url + path(site))
    without_images = sum(size for kind, size in by_kind.items() if kind != "Image")
    print(f"{path.__name__}: {by_kind}, {without_images} bytes without images")
    assert by_kind.get("Document") and by_kind.get("Stylesheet") and by_kind.get("Font")
    assert without_images <= ARTICLE_BUDGET, by_kind
