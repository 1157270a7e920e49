"""Search (issue 17, item 3) in real Chromium: Pagefind's index of the built site,
queried for a word of the seed post and a word of its comments; nothing of the
index loaded before the reader types; keyboard use; the page without JavaScript."""

from __future__ import annotations

import gzip
import shutil

import pytest

from tests.conftest import ROOT
from tests.theme.helpers import build, html_of, small_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_url(site, serve) -> str:
    return serve(site) + "/recherche/"


def search(page, word: str) -> list[str]:
    """Type `word`, wait for its results, return their titles."""
    page.fill("#search-input", word)
    page.wait_for_function(
        "w => document.getElementById('search-status').textContent.includes('pour «\u202f' + w)", arg=word)
    return [a.inner_text() for a in page.query_selector_all("#search-results a")]


def test_a_word_of_the_seed_post_finds_it(page, search_url):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(search_url)
    assert not [u for u in requests if "/pagefind/" in u]  # nothing before the reader searches
    found = search(page, "chronophage")
    assert found == ["Média Social ou Médias Sociaux\u202f? En interne ou en externe\u202f?"]
    assert "1\u00a0résultat\u00a0pour" in page.inner_text("#search-status")
    assert page.query_selector("#search-results mark").inner_text().lower() == "chronophage"
    assert [u for u in requests if "/pagefind/" in u]


def test_french_stemming_and_comments(page, search_url):
    page.goto(search_url)
    assert search(page, "intrinsèques") == [  # only in Xavier's comment
        "Média Social ou Médias Sociaux\u202f? En interne ou en externe\u202f?"]
    assert page.query_selector("#search-results mark").inner_text() == "intrinsèques"
    # A word in none of the pages: French stemming finds « externaliser » and « externalisation ».
    titles = search(page, "externalisations")
    assert "Externaliser son community management\u00a0: bien briefer son agence" in titles
    assert "Média Social ou Médias Sociaux\u202f? En interne ou en externe\u202f?" in titles


def test_keyboard_and_no_result(page, search_url):
    page.goto(search_url)
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.id") != "search-input":
        page.keyboard.press("Tab")
    page.keyboard.type("zzqxw")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('Aucun')")
    assert "q=zzqxw" in page.url


def test_without_javascript_the_page_points_to_archives(browser, search_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(search_url)
    assert not page.is_visible("#search-form")
    links = [a.get_attribute("href") for a in page.query_selector_all(".search-elsewhere a")]
    assert any(h.endswith("archives/") for h in links) and any(h.endswith("tag/") for h in links)
    context.close()


def indexed_text(site) -> str:
    """The text Pagefind kept for excerpts: its fragments, gzipped."""
    return "".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
                   for f in sorted((site / "pagefind" / "fragment").iterdir()))


def test_comments_are_indexed_or_left_out(tmp_path, site, serve):
    assert "intrinsèques" in indexed_text(site)
    seed = next((ROOT / "content" / "articles").glob("media-social-*.md"))
    content = small_site(tmp_path, {seed.name: seed.read_text()})
    shutil.rmtree(content / "comments")
    shutil.copytree(ROOT / "content" / "comments", content / "comments")
    output = build(content, tmp_path / "out", {"SEARCH": {"index_comments": False}})
    assert not html_of(next(output.glob("*/*/media-social-*/index.html"))).cssselect("[data-pagefind-weight]")
    text = indexed_text(output)
    assert "Chronophage" in text and "intrinsèques" not in text
