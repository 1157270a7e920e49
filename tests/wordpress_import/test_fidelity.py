"""The WordPress Theme Unit Test export, imported for real with its uploads, then built by Pelican."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import lxml.html
from comments.core.comment_file import read_comment

from tests.site.test_validity import nu_errors
from tests.wordpress_import.fidelity import (
    IMAGE,
    Imported,
    WxrItem,
    built_words,
    displayed_words,
    kept,
    page_of,
    upload_path,
)

_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc=[\"']([^\"']+)", re.I)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]")
_VARIANT = re.compile(r"-\d+x\d+(?=\.\w+\Z)")
SAMPLE = ["/2013/01/11/markup-html-tags-and-formatting/", "/2013/01/10/markup-image-alignment/",
          "/2010/09/10/post-format-gallery/", "/2012/01/03/template-comments/",
          "/2009/05/15/edge-case-nested-and-mixed-lists/", "/about/page-markup-and-formatting/",
          "/2018/11/02/block-category-common/", "/level-1/level-2/level-3/"]


def published(imported: Imported) -> list[WxrItem]:
    return [item for item in imported.items if item.published]


def test_every_published_post_and_page_builds_at_its_old_permalink(imported):
    items = published(imported)
    assert len(items) == 76  # 55 posts and 21 pages published, the password-protected one aside
    rules = (imported.output / "_redirects").read_text(encoding="utf-8")
    for item in items:
        page = page_of(imported.output, item.old_path)
        assert page.is_file() and "post-content" in page.read_text(encoding="utf-8"), item.old_path
        # The query-string address too, for hosts with redirect rules (and nginx's map).
        query = f"{'page_id' if item.type == 'page' else 'p'}={item.id}"
        assert re.search(rf"^/ {query} /\S+ 301$", rules, re.M), query
    nginx = (imported.output / "wordpress-redirects.nginx.map").read_text(encoding="utf-8")
    assert '"/?p=1177" "/2013/01/markup-image-alignment/";' in nginx


def test_each_post_keeps_its_words_in_order(imported):
    shares = {}
    for item in published(imported):
        shares[item.old_path] = kept(displayed_words(item.content), built_words(page_of(imported.output, item.old_path)))
    low = {path: round(share, 4) for path, share in shares.items() if share < 0.99}
    assert low == {}


def _held(imported: Imported, url: str) -> str | None:
    if urlsplit(url).hostname not in ("wpthemetestdata.files.wordpress.com", "wpthemetestdata.wordpress.com"):
        return None
    for candidate in (upload_path(url), _VARIANT.sub("", upload_path(url))):
        if (imported.uploads / candidate).is_file():
            return candidate
    return None


def _expected_images(imported: Imported, item: WxrItem) -> set[str]:
    attachments = {i.id: i for i in imported.items if i.type == "attachment"}
    urls = _IMG_SRC.findall(item.content)
    for attrs in _GALLERY.findall(item.content):
        ids = re.search(r'ids="([^"]+)"', attrs)
        chosen = ([attachments[i.strip()] for i in ids.group(1).split(",") if i.strip() in attachments] if ids else
                  [a for a in attachments.values() if a.parent == item.id])
        urls += [a.attachment_url for a in chosen if IMAGE.search(a.attachment_url)]
    return {found for url in urls if (found := _held(imported, url))}


def test_every_referenced_image_the_uploads_hold_is_shown(imported):
    total = 0
    for item in published(imported):
        expected = _expected_images(imported, item)
        page = page_of(imported.output, item.old_path)
        tree = lxml.html.parse(str(page)).getroot()
        shown = set()
        for img in tree.find_class("post-content")[0].iter("img"):
            src = unquote(urlsplit(img.get("src")).path)
            target = (page.parent / src).resolve() if not src.startswith("/") else imported.output / src.lstrip("/")
            if target.is_file() and "/images/" in target.as_posix():
                shown.add(target.as_posix().split("/images/", 1)[1])
        assert expected <= shown, (item.old_path, expected - shown)
        total += len(expected)
    assert total >= 60  # the gallery pages alone show dozens


def test_every_comment_is_accounted_for(imported):
    comment_ids = [c for item in imported.items for c in item.comments]
    assert len(comment_ids) == 33
    store = imported.content / "comments"
    published_files = {p.stem: p for p in store.glob("*/*.md")}
    queued = {p.stem for p in imported.queue.glob("*/*.md")}
    assert {f"wp-{c}" for c in comment_ids} == set(published_files) | queued
    assert not set(published_files) & queued
    # Each published comment is on its article's or page's built page.
    by_slug = {}
    for page in imported.output.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "post-content" in html:  # an article or a page, not a redirect or a list
            by_slug[page.parent.name] = html
    for cid, path in published_files.items():
        read_comment(path)
        html = by_slug[path.parent.name]
        assert f'id="comment-{cid}"' in html, cid
    assert "33 commentaires lus" in imported.report


def test_the_report_accounts_for_every_item(imported):
    assert "186 éléments lus" in imported.report
    numbers = {label: int(re.search(rf"  {label}\u00a0: (\d+)", imported.report).group(1))
               for label in ("Articles", "Pages", "Fichiers joints \\(médias\\)", "Ignorés")}
    assert sum(numbers.values()) == 186


def test_a_sample_of_imported_pages_is_valid_html(imported):
    pages = [page_of(imported.output, path) for path in SAMPLE]
    assert nu_errors(pages) == []


def test_every_listed_old_address_of_media_and_terms_resolves(imported):
    import json

    listed = json.loads((imported.content / "wordpress-addresses.json").read_text(encoding="utf-8"))
    assert any(k.startswith("/?attachment_id=") for k in listed) and any(k.startswith("/category/") for k in listed)
    rules = (imported.output / "_redirects").read_text(encoding="utf-8")
    for old, target in listed.items():
        if old.startswith("/?"):
            assert re.search(rf"^/ {re.escape(old[2:])} /\S+ 301$", rules, re.M), old
            continue
        folder = imported.output / unquote(old).strip("/")
        assert (folder / "index.html").is_file(), old
        page = page_of(imported.output, old)
        assert page.is_file(), (old, target, page)
