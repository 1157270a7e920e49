"""Images (issue 17, item 4): width and height, lazy loading below the first screen,
AVIF/WebP srcset made at build time with a cache, originals kept."""

from __future__ import annotations

from pathlib import Path

from images.rewrite import Sources, rewrite
from images.variants import formats
from PIL import Image

from tests.conftest import ROOT
from tests.theme.helpers import article_page, build, html_of, small_site

LONG = "tableau-de-bord-medias-sociaux-une-heure-par-mois"


def test_images_of_the_long_article(site):
    page = article_page(site, LONG)
    doc = html_of(page)
    images = doc.cssselect(".post-content img")
    assert len(images) == 3
    assert "webp" in formats()
    for img in images:
        picture = next(img.iterancestors("picture"))
        original = (page.parent / img.get("src")).resolve()
        assert original.read_bytes() == (ROOT / "content" / "images" / original.name).read_bytes()
        with Image.open(original) as source:
            assert (img.get("width"), img.get("height")) == (str(source.width), str(source.height))
        assert img.get("loading") == "lazy"  # all three are far below the first screen
        types = [s.get("type") for s in picture.cssselect("source")]
        assert types == [f"image/{f}" for f in formats()]
        for source in picture.cssselect("source"):
            candidates = [c.strip().split(" ") for c in source.get("srcset").split(",")]
            assert [int(w[:-1]) for _, w in candidates] == [400, 672, 1008, 1344]
            for url, width in candidates:
                with Image.open((page.parent / url).resolve()) as variant:
                    assert variant.width == int(width[:-1])
                    assert variant.format == source.get("type").split("/")[1].upper()


def test_variants_are_cached_between_builds(tmp_path: Path):
    content = small_site(tmp_path, {"a.md": (
        "Title: Une image\nDate: 2020-01-02 10:00\nCategory: Essais\nSlug: une-image\n\n"
        "![Un carré bleu]({static}/images/carre.png)\n\nDu texte après.\n")})
    (content / "images").mkdir()
    Image.new("RGB", (500, 300), "#336699").save(content / "images" / "carre.png")
    overrides = {"STATIC_PATHS": ["images"]}
    output = build(content, tmp_path / "out", overrides)
    img = html_of(article_page(output, "une-image")).cssselect(".post-content img")[0]
    # The first screen: loaded at once; never upscaled.
    assert img.get("loading") is None
    picture = next(img.iterancestors("picture"))  # libxml2 nests the <img> in the last <source>
    for source, fmt in zip(picture.cssselect("source"), formats(), strict=True):
        widths = [int(candidate.split()[1][:-1]) for candidate in source.get("srcset").split(", ")]
        assert max(widths) == 500 and source.get("srcset").endswith(f"carre-500.{fmt} 500w")
    cached = sorted((tmp_path / "out-cache" / "images").iterdir())
    assert cached and all(p.stat().st_size > 0 for p in cached)
    stamps = {p: p.stat().st_mtime_ns for p in cached}
    build(content, tmp_path / "out2", {**overrides, "CACHE_PATH": str(tmp_path / "out-cache")})
    assert {p: p.stat().st_mtime_ns for p in cached} == stamps


def test_rewrite_keeps_attributes_and_skips_unknown_images():
    page = ('<div class="post-content"><p>Intro</p><img alt="A &amp; B" src="a.png" title="t">'
            '<img src="https://ailleurs.fr/x.png"><img src="b.png" srcset="b2.png 2x"></div>')
    known = {"a.png": Sources(800, 600, {"webp": [("a-400.webp", 400), ("a-800.webp", 800)]})}
    out = rewrite(page, known.get, "100vw", 600)
    assert ('<picture><source type="image/webp" srcset="a-400.webp 400w, a-800.webp 800w" sizes="100vw">'
            '<img alt="A &amp; B" src="a.png" title="t" width="800" height="600" decoding="async"></picture>') in out
    assert '<img src="https://ailleurs.fr/x.png">' in out and '<img src="b.png" srcset="b2.png 2x">' in out
