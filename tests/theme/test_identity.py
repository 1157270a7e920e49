"""Identity (issue 17, item 1): author card with rel="me" links, wordmark and brand
colour from IDENTITY, self-hosted font, favicon set; slugs of the pages from the settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from declared_settings import SettingsError, load
from identity.colours import DARK_BG, LIGHT_BG, contrast, custom_properties, palette
from identity.settings import Identity, initials
from PIL import Image

from pelicanconf import IDENTITY
from tests.conftest import ROOT
from tests.theme.helpers import article_page, build, html_of, small_site

FONTS = ROOT / "theme" / "static" / "fonts"


def test_author_card_on_articles_and_about_page(site):
    for path in (article_page(site), site / "a-propos" / "index.html"):
        doc = html_of(path)
        (card,) = doc.cssselect(".author-card")
        assert card.cssselect(".author-name")[0].text_content().strip() == "Lionel Boscher"
        assert "Consultant marketing" in card.text_content()
        links = {a.text_content(): a for a in card.cssselect(".author-links a")}
        assert list(links) == [label for label, _url in IDENTITY["links"]] and links
        assert all(a.get("rel") == "me" for a in links.values())
        img = card.cssselect("img.author-photo")[0]
        assert img.get("width") == img.get("height") == "96"
        src = img.get("src").split("/identity/")[1]
        with Image.open(site / "identity" / src) as picture:
            assert picture.size == (96, 96)
    # Only there: not on a list page.
    assert not html_of(site / "index.html").cssselect(".author-card")


def test_wordmark_brand_colour_and_favicons(site):
    doc = html_of(site / "index.html")
    assert doc.cssselect(".site-title .wordmark")[0].text == "Lionel Boscher"
    assert doc.cssselect(".site-title .logo")[0].text == "LB"
    style = doc.cssselect("head style")[0].text
    assert "--brand:#0a56a3" in style and "prefers-color-scheme:dark" in style
    assert style == custom_properties(palette("#0a56a3"))  # as the moderation page gets them
    icons = {link.get("href").rsplit("/", 1)[1] for link in doc.cssselect('link[rel="icon"], link[rel="apple-touch-icon"]')}
    assert icons == {"favicon.ico", "icon-192.png", "apple-touch-icon.png"}
    with Image.open(site / "favicon.ico") as ico:
        assert (32, 32) in ico.info["sizes"]
    with Image.open(site / "apple-touch-icon.png") as touch:
        assert touch.size == (180, 180) and touch.mode == "RGB"
    with Image.open(site / "identity" / "icon-192.png") as icon:
        assert icon.size == (192, 192)


@pytest.mark.parametrize("brand", ["#0a56a3", "#ffcc00", "#e63946", "#111111", "#ffffff", "#00ff00"])
def test_any_brand_colour_gives_readable_links_and_buttons(brand):
    colours = palette(brand)
    assert all(contrast(colours["accent"], bg) >= 4.5 for bg in LIGHT_BG)
    assert all(contrast(colours["accent_dark"], bg) >= 4.5 for bg in DARK_BG)
    assert contrast(colours["on_accent"], colours["accent"]) >= 4.5
    assert contrast(colours["on_accent_dark"], colours["accent_dark"]) >= 4.5


def test_font_files_are_small_latin_subsets_with_their_licence():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 3 and all("font-display: swap" in face for face in faces)
    for name in re.findall(r'url\("\.\./fonts/([^"]+)"\)', css):
        data = (FONTS / name).read_bytes()
        assert data[:4] == b"wOF2" and len(data) <= 40_000, name
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text()


def test_initials():
    assert initials("Lionel Boscher") == "LB"
    assert initials("Jean-Pierre de la Fontaine") == "JF"
    assert initials("Émilie") == "É"


def test_identity_settings_report_every_problem_at_once():
    with pytest.raises(SettingsError) as error:
        load(Identity, {"name": "A", "brand_color": "#000000", "links": "https://x"}, "IDENTITY")
    message = str(error.value)
    assert "IDENTITY['brand_color'] : clé inconnue (vouliez-vous dire « brand_colour » ?)" in message
    assert "IDENTITY['links']" in message


ARTICLE = """Title: Un article
Date: 2020-01-02 10:00
Category: Essais
Tags: R&D <b>
Slug: un-article
Summary: Un résumé.

Du texte.
"""


def test_pages_slugs_come_from_identity_and_text_is_escaped(tmp_path: Path):
    """Another author: the « about » and privacy pages named in IDENTITY, not hard-coded;
    a tag written with HTML characters shows as text (Jinja autoescapes)."""
    content = small_site(tmp_path, {"a.md": ARTICLE}, {
        "moi.md": "Title: Qui suis-je\nSlug: moi\n\nTexte.\n",
        "vie-privee.md": "Title: Vie privée\nSlug: vie-privee\n\nTexte.\n",
    })
    output = build(content, tmp_path / "out", overrides={
        "IDENTITY": {"name": "Camille Martin", "about_page": "moi", "privacy_page": "vie-privee",
                     "brand_colour": "#e63946"},
    })
    doc = html_of(article_page(output, "un-article"))
    nav = [a.get("href") for a in doc.cssselect(".site-nav a")]
    assert any(href.endswith("moi/") for href in nav)
    assert doc.cssselect(".site-title .logo")[0].text == "CM"
    consent = doc.cssselect(".consent a")
    assert consent and consent[0].get("href").endswith("vie-privee/")
    raw = article_page(output, "un-article").read_text()
    assert "R&amp;D &lt;b&gt;" in raw and "R&D <b>" not in raw
