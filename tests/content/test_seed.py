"""The seed post, the other articles' metadata and the seed thread, in the source and in the build."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pytest
from comments.core.comment_file import read_comment
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from tests.conftest import SEED_POST

ROOT = Path(__file__).resolve().parents[2]
SEED = SEED_POST
ARTICLES = ROOT / "content" / "articles"
SLUG = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"
SEED_MD = ARTICLES / f"{SLUG}.md"
THREAD = ROOT / "content" / "comments" / SLUG
TITLE = "Média Social ou Médias Sociaux ? En interne ou en externe ?"
AUTHOR = "Lionel Boscher"
ARTICLE_FILES = sorted(ARTICLES.glob("*.md"))

# WordPress page chrome in the seed file, not part of the post.
CHROME_RE = re.compile(r"\d+ comments?\Z|Related posts\Z|Post a Comment\Z")
BULLET_RE = re.compile(r"^\s*(?:[•\-*+]|\d+\.)\s+")
MD_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d+\.|#{1,6})\s+")
# Block-level tags become spaces, inline tags vanish, so words never merge or split.
DROP_RE = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|section|article|header|footer|main|nav|aside|"
    r"blockquote|figure|figcaption|table|tr|td|th|dl|dt|dd|hr|time)\b[^>]*>",
    re.I,
)
TAG_RE = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    """Collapse whitespace, no-break spaces included (the typography filter adds them)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def seed_lines() -> tuple[str, list[str]]:
    """The seed's title and its body lines, bullets and page chrome removed."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    end = next(i for i, line in enumerate(lines) if line.strip() == "Related posts")
    body = []
    for raw in lines[1:end]:
        text = normalise(BULLET_RE.sub("", raw))
        if text and not CHROME_RE.match(text):
            body.append(text)
    return normalise(lines[0]), body


def seed_thread() -> tuple[str, str, str]:
    """(comment text, reply author, reply text) of the seed's thread."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Related posts")
    comment, reply_author, reply = [], None, []
    for raw in lines[start + 1:]:
        if raw.strip() == "Post a Comment":
            break
        if re.match(r"\s*•\s+", raw):
            reply_author = normalise(BULLET_RE.sub("", raw))
            continue
        text = normalise(BULLET_RE.sub("", raw))
        if not text or CHROME_RE.match(text):
            continue
        (reply if reply_author else comment).append(text)
    return " ".join(comment), reply_author, " ".join(reply)


def markdown_text(path: Path) -> str:
    """The body of a Markdown file as flat text: no header, list or heading markers."""
    _, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return normalise(" ".join(MD_MARKER_RE.sub("", line) for line in body.splitlines()))


def html_text(page: str) -> str:
    page = DROP_RE.sub(" ", page)
    return normalise(html.unescape(TAG_RE.sub("", BLOCK_TAG_RE.sub(" ", page))))


@pytest.fixture(scope="module")
def settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


def metadata(path: Path, settings: dict) -> dict:
    """The metadata exactly as Pelican's Markdown reader reads it from the file."""
    _, meta = MarkdownReader(settings).read(str(path))
    return meta


def test_seed_file_yields_text():
    title, body = seed_lines()
    assert title == TITLE
    assert len(body) >= 15
    assert "Quelles attitudes adopter ?" in body
    assert not any(CHROME_RE.match(line) for line in body)


def test_every_seed_line_is_in_the_markdown_source():
    source = markdown_text(SEED_MD)
    _, body = seed_lines()
    missing = [line for line in body if line not in source]
    assert not missing, f"seed lines missing from {SEED_MD.name}: {missing}"


def test_seed_text_is_in_the_markdown_source_in_order():
    _, body = seed_lines()
    assert " ".join(body) in markdown_text(SEED_MD)


def test_seed_source_keeps_the_list_heading_and_typography():
    source = SEED_MD.read_text(encoding="utf-8")
    items = [line for line in source.splitlines() if line.startswith("- ")]
    assert len(items) == 5
    assert "\n## Quelles attitudes adopter ?\n" in source
    assert "« Tout connaître sur les médias sociaux »" in source
    assert "'" not in source.partition("\n\n")[2], "straight apostrophe in the post body"


def test_seed_source_leaves_out_the_page_chrome_and_thread():
    source = SEED_MD.read_text(encoding="utf-8")
    comment, _, reply = seed_thread()
    for chrome in ("Related posts", "Post a Comment", "4 comments", comment[:60], reply[:40]):
        assert chrome not in source


def test_seed_metadata(settings):
    meta = metadata(SEED_MD, settings)
    assert meta["title"] == TITLE
    assert meta["slug"] == SLUG
    assert str(meta["author"]) == AUTHOR
    assert meta["lang"] == "fr"
    # The post cites a Forbes study of "mars dernier": published in spring 2013, after March.
    assert meta["date"].year == 2013 and 4 <= meta["date"].month <= 6
    assert {"Médias sociaux", "PME", "Twitter"} <= {str(tag) for tag in meta["tags"]}


def test_there_are_enough_articles():
    assert SEED_MD in ARTICLE_FILES
    assert len(ARTICLE_FILES) >= 7


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_article_metadata_is_complete(path, settings):
    meta = metadata(path, settings)
    for key in ("title", "date", "category", "tags", "slug", "lang", "summary", "author"):
        assert meta.get(key), f"{path.name}: {key} missing"
    assert meta["lang"] == "fr"
    assert str(meta["author"]) == AUTHOR
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", meta["slug"]), meta["slug"]
    assert meta["slug"] == path.stem, "file name and slug differ"
    assert 3 <= len(meta["tags"]) <= 5
    assert isinstance(meta["date"], datetime)


def test_slugs_are_unique(settings):
    slugs = [metadata(path, settings)["slug"] for path in ARTICLE_FILES]
    assert len(slugs) == len(set(slugs))


def test_every_article_shares_a_tag_with_another(settings):
    tags = {path.stem: {str(tag) for tag in metadata(path, settings)["tags"]} for path in ARTICLE_FILES}
    lonely = [name for name, own in tags.items() if not any(own & other for n, other in tags.items() if n != name)]
    assert not lonely


def test_articles_span_a_few_categories_and_years(settings):
    metas = [metadata(path, settings) for path in ARTICLE_FILES]
    assert 2 <= len({str(m["category"]) for m in metas}) <= 3
    assert {m["date"].year for m in metas} >= {2013, 2014, 2015}


def test_seed_thread_files_parse_and_match_the_seed(settings):
    comment_text, reply_author, reply_text = seed_thread()
    comment = read_comment(THREAD / "wp-11.md")
    reply = read_comment(THREAD / "wp-12.md")
    assert (comment.id, comment.author, comment.parent, comment.role) == ("wp-11", "Xavier", None, None)
    assert comment.source == "wordpress:11"
    assert (reply.id, reply.parent, reply.role, reply.source) == ("wp-12", "wp-11", "author", "wordpress:12")
    assert reply.author == reply_author == AUTHOR
    assert normalise(comment.body) == comment_text
    assert normalise(reply.body) == reply_text
    post_date = metadata(SEED_MD, settings)["date"]
    for item in (comment, reply):
        assert item.date.utcoffset() is not None
        assert item.date.replace(tzinfo=None) > post_date
    assert reply.date > comment.date


def test_thread_folder_holds_only_the_seed_thread():
    assert sorted(p.name for p in THREAD.iterdir()) == ["wp-11.md", "wp-12.md"]


def test_built_seed_article_contains_the_whole_seed_text(site, settings):
    date = metadata(SEED_MD, settings)["date"]
    page = site / f"{date:%Y}" / f"{date:%m}" / SLUG / "index.html"
    assert page.is_file(), f"{page} not built"
    text = html_text(page.read_text(encoding="utf-8"))
    title, body = seed_lines()
    assert title in text
    missing = [line for line in body if line not in text]
    assert not missing, f"seed lines missing from the built page: {missing}"
    assert " ".join(body) in text


PAGES = ROOT / "content" / "pages"


@pytest.mark.parametrize(("name", "title"), [("a-propos", "À propos"), ("confidentialite", "Confidentialité")])
def test_pages_metadata(name, title, settings):
    meta = metadata(PAGES / f"{name}.md", settings)
    assert (meta["title"], meta["slug"], meta["lang"]) == (title, name, "fr")


def test_privacy_page_covers_what_commenters_need_to_know():
    text = markdown_text(PAGES / "confidentialite.md")
    for needed in ("contact@lionelboscher.fr", "CNIL", "30 jours", "adresse IP", "cookie", "Gravatar",
                   "accès", "rectification", "effacement", "opposition"):
        assert needed in text, needed
