"""Sharing (issue 17, item 2): og:image and twitter:image on every page, a 1200×630
card drawn at build time and cached by content, the article's Image: first; the
JSON-LD's commentCount and Comment objects."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from share_cards import resolve_image

from tests.conftest import ROOT
from tests.theme.helpers import article_page, build, html_of, html_pages, json_ld, small_site


def test_every_page_has_a_share_image(production_site):
    pages = html_pages(production_site)
    assert len(pages) > 20
    for path in pages:
        doc = html_of(path)
        og = doc.cssselect('meta[property="og:image"]')
        tw = doc.cssselect('meta[name="twitter:image"]')
        assert og and tw and og[0].get("content") == tw[0].get("content"), path
        url = og[0].get("content")
        assert url.startswith("https://blog.example.fr/"), (path, url)
        with Image.open(production_site / url.removeprefix("https://blog.example.fr/")) as card:
            assert card.size == (1200, 630)


def test_each_article_has_its_own_card(production_site):
    articles = html_pages(production_site, "[0-9]*/*/*/index.html")
    cards = {html_of(p).cssselect('meta[property="og:image"]')[0].get("content") for p in articles}
    assert len(cards) == len(articles) == len(list((ROOT / "content" / "articles").glob("*.md")))


def test_json_ld_counts_and_carries_the_comments(production_site):
    data = json_ld(html_of(article_page(production_site)))
    assert data["commentCount"] == 2
    (first,) = data["comment"]
    assert first["@type"] == "Comment" and first["author"]["name"] == "Xavier"
    assert first["text"].startswith("Je comprends tout à fait")
    (reply,) = first["comment"]
    assert reply["author"]["name"] == "Lionel Boscher" and reply["@id"].endswith("#comment-wp-12")
    assert data["image"].startswith("https://blog.example.fr/cartes/")


ARTICLE = """Title: Avec une image : « oui »
Date: 2020-01-02 10:00
Category: Essais
Slug: avec-image
{image}
Du texte.
"""


def test_image_metadata_wins_and_cards_are_cached(tmp_path: Path):
    content = small_site(tmp_path, {
        "a.md": ARTICLE.format(image="Image: {static}/images/photo.jpg\n"),
        "b.md": ARTICLE.format(image="").replace("avec-image", "sans-image"),
    })
    (content / "images").mkdir()
    Image.new("RGB", (1600, 900), "#336699").save(content / "images" / "photo.jpg")
    output = build(content, tmp_path / "out", overrides={"STATIC_PATHS": ["images"]})
    with_image = html_of(article_page(output, "avec-image")).cssselect('meta[property="og:image"]')[0]
    assert with_image.get("content").endswith("/images/photo.jpg")
    card = html_of(article_page(output, "sans-image")).cssselect('meta[property="og:image"]')[0].get("content")
    name = card.rsplit("/", 1)[1]
    cached = tmp_path / "out-cache" / "share-cards" / name
    before = cached.stat().st_mtime_ns
    build(content, tmp_path / "out2", overrides={"STATIC_PATHS": ["images"], "CACHE_PATH": str(tmp_path / "out-cache")})
    assert cached.stat().st_mtime_ns == before  # drawn once, reused
    assert (tmp_path / "out2" / "cartes" / name).read_bytes() == cached.read_bytes()


def test_resolve_image():
    assert resolve_image("https://x.fr/a.png") == "https://x.fr/a.png"
    assert resolve_image("{static}/images/a.jpg") == "images/a.jpg"
    assert resolve_image("/images/a.jpg") == "images/a.jpg"
