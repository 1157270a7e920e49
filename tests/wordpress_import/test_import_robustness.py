"""Small exports of our own: one bad item never refuses the export; every item and comment is accounted for."""

from __future__ import annotations

import subprocess
import sys

import pytest
from comments.core.comment_file import read_comment
from comments.importers import ImportFileError
from wordpress_import import import_blog

from tests.comments.importers.import_helpers import snapshot
from tests.conftest import ROOT
from tests.wordpress_import.wxr import SITE, attachment, comment, export, image, post

PELICAN = {"TIMEZONE": "Europe/Paris", "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"]}


def run(tmp_path, *items, uploads=None, dry_run=False):
    path = export(tmp_path / "export.xml", *items)
    return import_blog(path, content=tmp_path / "content", queue_root=tmp_path / "moderation",
                       uploads=uploads, pelican=PELICAN, dry_run=dry_run)


def read(tmp_path, source: str) -> str:
    return (tmp_path / "content" / source).read_text(encoding="utf-8")


BAD_ITEMS = (
    post(1, "bonjour", "Bonjour", "<p>Un texte.</p>", comments=(
        comment(10) + comment(11, date=None) + comment(12, parent=999) + comment(13, parent=12)
        + comment(14, date="0000-00-00 00:00:00"))),
    post(2, "sans-date", "Sans date", "<p>Pas de date.</p>", date=None),
    post(3, "prive", "Privé", "<p>Secret.</p>", status="private", comments=comment(20)),
    post(4, "protege", "Protégé", "<p>Secret aussi.</p>", password="enter"),
    post(5, "code-court", "Code court", "Avant [inconnu id=\"3\"]milieu[/inconnu] après [autre]."),
    post(6, "brouillon", "Brouillon", "<p>Pas fini.</p>", status="pending"),
    post(7, "bizarre", "Bizarre", "<p>État inconnu.</p>", status="hors-ligne"),
    post(8, "produit", "Un produit", "<p>Boutique.</p>", type="product"),
    post(9, "menu", "Menu", "", type="nav_menu_item"),
    post(15, "page-privee", "Page privée", "<p>Interne.</p>", type="page", status="private", link=f"{SITE}/interne/"),
    post(16, "", "…", "<p>Ni nom ni titre utilisable.</p>"),
)


def test_one_bad_item_never_refuses_the_export_and_everything_adds_up(tmp_path):
    report = run(tmp_path, *BAD_ITEMS)
    text = str(report)
    # Items: 11 read = 6 articles (2 drafts) + 0 page + 0 media + 5 skipped.
    assert report.read == 11 == report.kinds["article"] + report.kinds["article-draft"] + sum(report.skipped.values())
    assert report.kinds["article"] == 4 and report.kinds["article-draft"] == 2
    assert "Slug: article-16" in read(tmp_path, "articles/article-16.md")
    assert "protégé par mot de passe : « Protégé »" in text and "privé : « Privé »" in text
    assert "privée : « Page privée »" in text
    assert "type inconnu « product »" in text and "élément de menu (nav_menu_item)" in text
    assert not (tmp_path / "content" / "articles" / "prive.md").exists()
    assert not (tmp_path / "content" / "articles" / "protege.md").exists()
    assert "Status: draft" in read(tmp_path, "articles/brouillon.md")
    assert "Status: draft" in read(tmp_path, "articles/bizarre.md")
    assert "articles/bizarre.md\u00a0: état WordPress inconnu « hors-ligne », gardé en brouillon" in text
    # A post without a date takes the export's, and says so.
    assert "Date: 2015-01-27 15:56" in read(tmp_path, "articles/sans-date.md")
    assert "articles/sans-date.md\u00a0: date absente ou invalide, date de l’export utilisée" in text
    # Comments: 6 read = 5 published (the undated ones dated, the orphan on top) + 1 pending (private post).
    comments = report.comments
    assert comments.read == 6
    assert comments.count("published") == 5 and comments.count("pending") == 1
    store = tmp_path / "content" / "comments" / "bonjour"
    assert read_comment(store / "wp-12.md").parent is None and read_comment(store / "wp-13.md").parent == "wp-12"
    assert read_comment(store / "wp-11.md").date.isoformat() == "2013-04-22T09:30:00+02:00"
    assert "wp-12\u00a0: réponse à wp-999, absent de l’export et du site : placée en tête de l’article" in text
    assert "wp-11\u00a0: date absente ou invalide, date de l’article utilisée" in text
    assert "wp-14\u00a0: date absente ou invalide" in text
    # Unknown shortcodes stay as text and are listed.
    body = read(tmp_path, "articles/code-court.md")
    assert '[inconnu id="3"]milieu[/inconnu]' in body and "[autre]" in body
    assert "[autre]\u00a0: articles/code-court.md" in text and "[inconnu]\u00a0: articles/code-court.md" in text


def test_missing_image_is_listed_and_the_rest_is_copied(tmp_path):
    uploads = tmp_path / "uploads"
    image(uploads / "2013/04/photo.jpg")
    image(uploads / "2013/04/vignette-300x200.jpg")
    image(uploads / "2013/04/vignette.jpg", color="#a53a3a")
    content = (f'<p><img src="{SITE}/wp-content/uploads/2013/04/photo-150x150.jpg" alt="Photo"></p>'
               f'<p><img src="{SITE}/wp-content/uploads/2013/04/vignette-300x200.jpg" alt="Vignette"></p>'
               f'<p><img src="{SITE}/wp-content/uploads/2013/04/absente.jpg" alt="Absente"></p>'
               f'<p><img src="https://tiers.example.com/pixel.gif" alt="Pixel"></p>')
    report = run(tmp_path, attachment(30, "2013/04/photo.jpg", alt="Photo"),
                 post(1, "images", "Images", content, thumbnail=30), uploads=uploads)
    body = read(tmp_path, "articles/images.md")
    # A resized variant maps to its own file when present, else to the original.
    assert "![Photo]({static}/images/2013/04/photo.jpg)" in body
    assert "![Vignette]({static}/images/2013/04/vignette-300x200.jpg)" in body
    # Missing or third-party: a plain link, never an image fetched from elsewhere.
    assert f"[Absente]({SITE}/wp-content/uploads/2013/04/absente.jpg)" in body
    assert "[Pixel](https://tiers.example.com/pixel.gif)" in body
    assert "Image: images/2013/04/photo.jpg" in body
    assert (tmp_path / "content/images/2013/04/photo.jpg").read_bytes() == (uploads / "2013/04/photo.jpg").read_bytes()
    assert not (tmp_path / "content/images/2013/04/vignette.jpg").exists()  # not referenced
    assert list(report.missing) == [f"{SITE}/wp-content/uploads/2013/04/absente.jpg"]
    assert "Images et fichiers\u00a0: 2 copiés dans content/images/, 0 déjà présent, 1 manquant." in str(report)
    assert f"– {SITE}/wp-content/uploads/2013/04/absente.jpg (dans articles/images.md)" in str(report)


def test_internal_links_become_pelican_links(tmp_path):
    uploads = tmp_path / "uploads"
    image(uploads / "2013/04/photo.jpg")
    links = (f'<p><a href="{SITE}/2013/04/22/cible/">permalien</a>, <a href="{SITE}/?p=2">par id</a>, '
             f'<a href="/?page_id=3#haut">page</a>, <a href="{SITE}/?attachment_id=30">pièce jointe</a>, '
             f'<a href="{SITE}/category/medias-sociaux/">catégorie</a>, <a href="{SITE}/tag/linkedin/">étiquette</a>, '
             f'<a href="{SITE}/category/autre/">catégorie devenue étiquette</a>, '
             f'<a href="https://ailleurs.example.org/">ailleurs</a>, <a href="{SITE}/inconnue/">inconnue</a></p>')
    report = run(tmp_path, attachment(30, "2013/04/photo.jpg"),
        post(1, "source", "Source", links),
        post(2, "cible", "Cible", "<p>Ici.</p>", tags=(("LinkedIn", "linkedin"),),
             categories=(("Médias sociaux", "medias-sociaux"), ("Autre chose", "autre"))),
        post(3, "a-propos", "À propos", "<p>Moi.</p>", type="page", link=f"{SITE}/a-propos/"),
        uploads=uploads)
    body = read(tmp_path, "articles/source.md")
    assert "[permalien]({filename}/articles/cible.md)" in body
    assert "[par id]({filename}/articles/cible.md)" in body
    assert "[page]({filename}/pages/a-propos.md#haut)" in body
    assert "[pièce jointe]({static}/images/2013/04/photo.jpg)" in body
    assert "[catégorie](<{category}Médias sociaux>)" in body
    assert "[étiquette]({tag}LinkedIn)" in body
    assert "[catégorie devenue étiquette](<{tag}Autre chose>)" in body
    assert "[ailleurs](https://ailleurs.example.org/)" in body and f"[inconnue]({SITE}/inconnue/)" in body
    assert "Tags: Autre chose, LinkedIn" in read(tmp_path, "articles/cible.md")
    assert ("Liens internes\u00a0: 7 réécrits en liens Pelican, 1 vers l’ancien site laissés tels quels"
            in str(report))


def test_importing_twice_changes_nothing_and_an_edited_article_is_kept(tmp_path):
    items = BAD_ITEMS[:2]
    first = run(tmp_path, *items)
    assert len(first.files.written) == 2
    edited = tmp_path / "content" / "articles" / "bonjour.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAjouté par l’auteur.\n", encoding="utf-8")
    before = snapshot(tmp_path / "content", tmp_path / "moderation", ignore_queued=True)
    second = run(tmp_path, *items)
    assert snapshot(tmp_path / "content", tmp_path / "moderation", ignore_queued=True) == before
    assert second.files.written == [] and second.files.conflicts == ["articles/bonjour.md"]
    assert "Modifiés depuis l’import, non écrasés\u00a0: 1" in str(second) and "articles/bonjour.md" in str(second)
    assert second.comments.count("unchanged") == first.comments.count("published")


def test_dry_run_writes_nothing_and_prints_the_same_report(tmp_path):
    dry = run(tmp_path, *BAD_ITEMS, dry_run=True)
    assert snapshot(tmp_path / "content") == {}
    assert not list((tmp_path / "moderation").rglob("*.md"))
    real = run(tmp_path, *BAD_ITEMS)
    dry_lines = [line for line in dry.lines() if "Simulation" not in line]
    assert dry_lines == real.lines()


@pytest.mark.parametrize("data, expected, line", [
    (b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">',
     "DOCTYPE", 2),
    (b'<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n<item><title>a</b>',
     "XML mal formé", 3),
])
def test_only_broken_xml_or_a_dtd_refuses_the_export_naming_the_line(tmp_path, data, expected, line):
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as caught:
        import_blog(path, content=tmp_path / "content", queue_root=tmp_path / "moderation", pelican=PELICAN)
    assert expected in str(caught.value) and caught.value.line == line
    assert snapshot(tmp_path / "content") == {}
    result = subprocess.run([sys.executable, "-m", "invoke", "wordpress.import", str(path), "--content",
                             str(tmp_path / "content"), "--queue", str(tmp_path / "moderation")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and f"ligne {line}" in result.stderr and "Rien n’a été importé" in result.stderr


@pytest.mark.parametrize("make, expected", [
    (lambda folder: folder / "absent.xml", "fichier introuvable"),
    (lambda folder: folder, "c’est un dossier"),
    (lambda folder: (folder / "notes.txt", (folder / "notes.txt").write_text("Mes notes", encoding="utf-8"))[0],
     "format non reconnu"),
])
def test_a_missing_or_foreign_file_is_a_french_error_not_a_traceback(tmp_path, make, expected):
    path = make(tmp_path)
    result = subprocess.run([sys.executable, "-m", "invoke", "wordpress.import", str(path), "--content",
                             str(tmp_path / "content"), "--queue", str(tmp_path / "moderation")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr and "Rien n’a été importé" in result.stderr
    assert not (tmp_path / "content").exists() and not (tmp_path / "moderation").exists()


def test_a_big_export_shows_a_progress_bar(tmp_path):
    from benchmarks.wxr import write_blog

    export = write_blog(tmp_path / "export.xml", tmp_path / "uploads", 60, 1800)
    assert export.stat().st_size > 1 << 20
    result = subprocess.run([sys.executable, "-m", "invoke", "wordpress.import", str(export), "--uploads",
                             str(tmp_path / "uploads"), "--content", str(tmp_path / "content"), "--queue",
                             str(tmp_path / "moderation")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Import : 50\u00a0%" in result.stderr and "Import : 100\u00a0%" in result.stderr
    assert "60 éléments lus" in result.stdout and "1 800 commentaires lus" in result.stdout.replace("\u202f", " ")


def test_a_bad_setting_is_a_french_error_not_a_traceback(tmp_path):
    (tmp_path / "content").mkdir()
    settings = tmp_path / "siteconf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        "COMMENTS = {'rate_limit': -1}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "invoke", "wordpress.import", str(ROOT / "tests/data/wordpress/isso-wordpress.xml"),
                             "--settings", str(settings), "--content", str(tmp_path / "content"), "--queue",
                             str(tmp_path / "moderation"), "--dry-run"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert "COMMENTS['rate_limit']" in result.stderr and "Traceback" not in result.stderr
