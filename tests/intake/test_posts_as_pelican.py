"""The posts that take comments are the ones Pelican publishes: a file Pelican leaves
out (ARTICLE_EXCLUDES, PAGE_EXCLUDES, IGNORE_FILES) takes no comment, since the
receiver, the moderation and the importers all list posts with storage/posts.py."""

from __future__ import annotations

from pathlib import Path

from comments.storage.posts import Catalog, read_posts, site_settings
from pelican.settings import read_settings

from tests.conftest import ROOT, run_pelican

OVERRIDES = {
    "ARTICLE_EXCLUDES": ["comments", "articles/notes-privees"],
    "PAGE_EXCLUDES": ["comments", "pages/archives-perso"],
    "IGNORE_FILES": ["**/.*", "*.brouillon.md", "en-cours"],
}


def _write(path: Path, slug: str, *, page: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    date = "" if page else "Date: 2024-03-05 10:00\n"
    path.write_text(f"Title: {slug}\nSlug: {slug}\n{date}Comments: open\n\nTexte.\n", encoding="utf-8")


def test_the_catalog_lists_exactly_what_pelican_publishes(tmp_path):
    content = tmp_path / "content"
    _write(content / "articles" / "publie.md", "publie")
    _write(content / "articles" / "2024" / "aussi.md", "aussi")
    _write(content / "articles" / "notes-privees" / "exclu.md", "exclu")  # ARTICLE_EXCLUDES
    _write(content / "articles" / "idee.brouillon.md", "ignore-par-nom")  # IGNORE_FILES, a file
    _write(content / "articles" / "en-cours" / "dossier.md", "ignore-par-dossier")  # IGNORE_FILES, a folder
    _write(content / "pages" / "contact.md", "contact", page=True)
    _write(content / "pages" / "archives-perso" / "vieux.md", "page-exclue", page=True)  # PAGE_EXCLUDES
    output = tmp_path / "output"
    run_pelican(content, output, overrides=OVERRIDES)
    built = {path.parent.name for path in output.rglob("index.html")}
    assert {"publie", "aussi", "contact"} <= built
    assert not built & {"exclu", "ignore-par-nom", "ignore-par-dossier", "page-exclue"}

    settings = site_settings({**read_settings(str(ROOT / "pelicanconf.py")), **OVERRIDES}, content)
    listed = sorted(post.slug for _path, post in read_posts(settings))
    assert listed == ["aussi", "contact", "publie"]
    catalog = Catalog(settings, content / "comments")
    assert sorted(post.slug for post in catalog.posts()) == listed
    for slug in ("exclu", "ignore-par-nom", "ignore-par-dossier", "page-exclue"):
        assert catalog.post(slug) is None
