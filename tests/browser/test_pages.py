"""The built site in real Chromium: home page, the seed article and archive
pages at phone and desktop widths, in light and dark schemes. Each must log no
console error, request nothing from another host, pass axe-core (WCAG 2.2 AA
tags and best practices) and fit the viewport without horizontal scrolling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SEED = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
SCREENSHOTS = ROOT / "tests" / "screenshots"


def seed_path(site: Path) -> str:
    found = sorted(site.glob(f"*/*/{SEED}/index.html"))
    assert found, "the seed article was not built"
    return "/" + found[0].parent.relative_to(site).as_posix() + "/"


def month_archive_path(site: Path) -> str:
    seed = seed_path(site)
    return "/".join(seed.split("/")[:3]) + "/"


def long_article_path(site: Path) -> str:
    found = sorted(site.glob("*/*/tableau-de-bord-medias-sociaux-une-heure-par-mois/index.html"))
    assert found, "the long article with images was not built"
    return "/" + found[0].parent.relative_to(site).as_posix() + "/"


PAGES = {
    "home": lambda site: "/",
    "article": seed_path,
    "long-article": long_article_path,
    "archives": lambda site: "/archives/",
    "month-archive": month_archive_path,
    # With a query, so that the results (Pagefind, loaded then) are checked too.
    "search": lambda site: "/recherche/?q=chronophage",
}


@pytest.fixture(scope="module")
def base_url(site, serve) -> str:
    return serve(site)


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_self_contained(page, site, base_url, name, width, scheme):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    response = page.goto(base_url + PAGES[name](site), wait_until="load")
    assert response is not None and response.ok
    if name == "search":
        page.wait_for_selector("#search-results li")
    # Lazy images load once scrolled near: a screen at a time, so the screenshot shows them.
    page.evaluate("""async () => {
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise(done => setTimeout(done, 30));
        }
        window.scrollTo(0, 0);
    }""")
    page.wait_for_load_state("networkidle")

    results = Axe().run(page, options=AXE_OPTIONS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)

    assert results.response["violations"] == [], describe(results.response["violations"])
    assert page.console_errors == []
    assert page.third_party_requests == []
    assert page.evaluate("document.documentElement.lang") == "fr"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px of horizontal scrolling at {width}px"


def test_narrowest_phone_has_no_horizontal_scroll(page, site, base_url):
    page.set_viewport_size({"width": 320, "height": 640})
    for name, path in PAGES.items():
        page.goto(base_url + path(site))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: {overflow}px of horizontal scrolling at 320px"


def test_article_is_readable_without_javascript(browser, site, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(base_url + seed_path(site))
        title = tab.locator("h1").inner_text()
        assert re.fullmatch(r"Média Social ou Médias Sociaux\s\? En interne ou en externe\s\?", title)
        body = tab.locator(".post-content")
        assert body.is_visible()
        assert "32 heures par mois" in body.inner_text()
        assert tab.locator(".post-content li").count() == 5
        assert tab.locator("time").first.inner_text() == "22 avril 2013"
        # Page scripts do not run: "Répondre" only changes the address (replytocom),
        # the form stays at the end and its parent is empty (reply.js would move and set them).
        tab.goto(base_url + seed_path(site) + "?replytocom=wp-11#respond")
        assert tab.locator("#comment-wp-11 #respond").count() == 0
        assert tab.locator("#respond input[name=parent]").input_value() == ""
    finally:
        context.close()


def test_skip_link_is_first_focus_and_moves_to_main(page, site, base_url):
    page.goto(base_url + seed_path(site))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == ["skip-link", "solid"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
