"""Comment feeds from real builds: they parse, carry the Atom essentials and
RFC 4685 replies, and do not change from one build to the next."""

from __future__ import annotations

import json
import subprocess
import sys

import feedparser
import pytest
from lxml import etree

from tests.comments.conftest import empty_site, page_of
from tests.conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
THR = "{http://purl.org/syndication/thread/1.0}"
BASE = "https://blog.example"
OVERRIDES = {"FEED_DOMAIN": BASE, "SITEURL": BASE, "RELATIVE_URLS": False}


def feed_site(site):
    site.article("avec-fil", "Avec un fil ?")
    site.article("autre", "Autre", date="2013-04-23 10:00")
    site.article("cache", "Caché", date="2013-04-24 10:00", comments="hidden")
    site.article("brouillon", "Brouillon", date="2013-04-25 10:00", status="draft")
    site.comment("avec-fil", "wp-11", "Premier <script>alert(1)</script>**gras**", author="Xavier",
                 date="2013-05-02T14:03:00+02:00", website="https://xavier.example/")
    site.comment("avec-fil", "wp-12", "Réponse.", author="Lionel Boscher", role="author",
                 date="2013-05-02T18:10:00+02:00", parent="wp-11")
    site.comment("avec-fil", "orph", "Parent en attente.", parent="pending-9", date="2013-05-03T08:00:00+02:00")
    site.comment("autre", "a-1", "Sur l'autre.", date="2013-05-05T09:00:00+02:00")
    site.comment("cache", "h-1", "Invisible.", date="2013-06-01T09:00:00+02:00")
    site.comment("brouillon", "b-1", "Brouillon.", date="2013-06-02T09:00:00+02:00")
    site.comment("avec-fil", "pb-1", "Mention.", type="pingback", date="2013-06-03T09:00:00+02:00")


@pytest.fixture(scope="module")
def feed_output(tmp_path_factory):
    """feed_site built once with OVERRIDES: the tests that take it only read it."""
    site = empty_site(tmp_path_factory.mktemp("feeds"))
    feed_site(site)
    output, _ = site.build(overrides=OVERRIDES)
    return output


def test_feeds_parse_and_carry_the_required_atom_elements(feed_output):
    output = feed_output
    site_atom = output / "feeds" / "comments.atom.xml"
    article_atom = output / "feeds" / "comments" / "avec-fil.atom.xml"
    site_rss = output / "feeds" / "comments.rss.xml"
    for path in (site_atom, article_atom, site_rss):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.bozo_exception)
    assert not (output / "feeds" / "comments" / "cache.atom.xml").exists()
    assert not (output / "feeds" / "comments" / "brouillon.atom.xml").exists()

    root = etree.fromstring(site_atom.read_bytes())
    for name in ("id", "title", "updated"):
        assert root.find(ATOM + name).text
    assert root.find(ATOM + "updated").text == "2013-05-05T09:00:00+02:00"  # the newest comment, not the clock
    entries = root.findall(ATOM + "entry")
    ids = [e.find(ATOM + "id").text for e in entries]
    # Newest first; hidden, draft and mention entries never appear.
    assert ids == [f"{BASE}/2013/04/autre/#comment-a-1", f"{BASE}/2013/04/avec-fil/#comment-orph",
                   f"{BASE}/2013/04/avec-fil/#comment-wp-12", f"{BASE}/2013/04/avec-fil/#comment-wp-11"]
    for entry in entries:
        for name in ("title", "updated", "published"):
            assert entry.find(ATOM + name).text
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert entry.find(f"{ATOM}author/{ATOM}email") is None
        assert entry.find(ATOM + "link").get("href") == entry.find(ATOM + "id").text
        assert entry.find(ATOM + "content").get("type") == "html"
    by_id = {e.find(ATOM + "id").text.rsplit("#", 1)[1]: e for e in entries}
    reply = by_id["comment-wp-12"].find(THR + "in-reply-to")
    assert reply.get("ref") == f"{BASE}/2013/04/avec-fil/#comment-wp-11"
    assert reply.get("href") == f"{BASE}/2013/04/avec-fil/#comment-wp-11"
    assert by_id["comment-wp-11"].find(THR + "in-reply-to") is None
    assert by_id["comment-orph"].find(THR + "in-reply-to") is None  # its parent is not published
    content = by_id["comment-wp-11"].find(ATOM + "content").text
    # A form comment's markup is text (raw HTML off): shown escaped, never an element.
    assert "<strong>gras</strong>" in content and "<script" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert by_id["comment-wp-11"].find(f"{ATOM}author/{ATOM}name").text == "Xavier"

    article = etree.fromstring(article_atom.read_bytes())
    assert article.find(ATOM + "title").text == "Commentaires\u00a0: Avec un fil\u202f?"
    assert article.find(ATOM + "updated").text == "2013-05-03T08:00:00+02:00"
    assert len(article.findall(ATOM + "entry")) == 3

    rss = etree.fromstring(site_rss.read_bytes())
    assert rss.findtext("channel/lastBuildDate") == "Sun, 05 May 2013 09:00:00 +0200"
    assert rss.findtext("channel/link") == f"{BASE}/"
    items = rss.findall("channel/item")
    assert [i.findtext("guid") for i in items] == ids
    assert [i.findtext("{http://purl.org/dc/elements/1.1/}creator") for i in items][-1] == "Xavier"


def test_article_page_links_its_comment_feed(feed_output):
    output = feed_output
    links = page_of(output, "avec-fil").cssselect('head link[rel="alternate"][type="application/atom+xml"]')
    mine = [link for link in links if "comments" in link.get("href")]
    assert [link.get("href") for link in mine] == [f"{BASE}/feeds/comments/avec-fil.atom.xml"]
    assert mine[0].get("title").startswith("Commentaires : Avec un fil")
    assert not [link for link in page_of(output, "cache").cssselect("head link") if "comments/" in link.get("href")]


def test_site_feed_keeps_the_latest_n(mini_site):
    feed_site(mini_site)
    output, _ = mini_site.build(overrides=OVERRIDES, comments={"feed_max_items": 2})
    root = etree.fromstring((output / "feeds" / "comments.atom.xml").read_bytes())
    assert [e.find(ATOM + "id").text.rsplit("-", 1)[1] for e in root.findall(ATOM + "entry")] == ["1", "orph"]
    # And each article's feed (README: "and each article's feed").
    article = etree.fromstring((output / "feeds" / "comments" / "avec-fil.atom.xml").read_bytes())
    assert len(article.findall(ATOM + "entry")) == 2


def test_store_cache_and_feeds_follow_the_settings(mini_site):
    """`path` and `cache_name` move the store and the cache; None writes no feed, no link."""
    feed_site(mini_site)
    (mini_site.content / "comments").rename(mini_site.content / "discussions")
    settings = {"path": "discussions", "cache_name": "c.json", "feed_rss": None, "feed_article_atom": None}
    output, _ = mini_site.build(overrides=OVERRIDES, comments=settings)
    assert page_of(output, "avec-fil").cssselect("#comments li.comment")
    assert (output.parent / f"{output.name}-cache" / "c.json").is_file()
    assert (output / "feeds" / "comments.atom.xml").is_file()
    assert not (output / "feeds" / "comments.rss.xml").exists() and not (output / "feeds" / "comments").exists()
    assert not page_of(output, "avec-fil").cssselect('link[href*="feeds/comments/"]')
    # The footer's « S'abonner » links the site-wide feed that is written (COMMENTS_SETTINGS.feed_atom).
    assert page_of(output, "avec-fil").cssselect(f'.subscribe a[href="{BASE}/feeds/comments.atom.xml"]')


def test_feeds_are_byte_identical_across_builds_and_not_rewritten(mini_site):
    feed_site(mini_site)
    first, _ = mini_site.build("one", overrides=OVERRIDES)
    second, _ = mini_site.build("two", overrides=OVERRIDES)
    names = ["feeds/comments.atom.xml", "feeds/comments.rss.xml", "feeds/comments/avec-fil.atom.xml",
             "feeds/comments/autre.atom.xml"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    stamps = {name: (first / name).stat().st_mtime_ns for name in names}
    mini_site.build("one", overrides=OVERRIDES)
    assert {name: (first / name).stat().st_mtime_ns for name in names} == stamps
    # A new comment changes the feeds that contain it, and only those.
    mini_site.comment("autre", "a-2", "Encore.", date="2013-05-06T09:00:00+02:00")
    mini_site.build("one", overrides=OVERRIDES)
    assert (first / "feeds/comments/avec-fil.atom.xml").stat().st_mtime_ns == stamps[names[2]]
    assert b"comment-a-2" in (first / "feeds/comments.atom.xml").read_bytes()
    assert b"comment-a-2" in (first / "feeds/comments/autre.atom.xml").read_bytes()


LOADED = """
import atexit, runpy, sys
atexit.register(lambda: print("feedgen loaded:", "feedgen" in sys.modules))
sys.argv = ["pelican", *sys.argv[1:]]
runpy.run_module("pelican", run_name="__main__")
"""


def test_unchanged_feeds_come_from_the_cache_without_feedgen(mini_site):
    """The feeds are kept under CACHE_PATH by a digest of what they show: a build with the same
    comments, titles and addresses copies them (feedgen is not even loaded); any change makes them again."""
    feed_site(mini_site)
    cache = mini_site.root / "shared-cache"
    overrides = {**OVERRIDES, "CACHE_PATH": str(cache)}
    first, _ = mini_site.build("one", overrides=overrides)
    (kept,) = (cache / "comment-feeds").iterdir()
    marked = kept / "feeds" / "comments" / "autre.atom.xml"
    marked.write_bytes(marked.read_bytes().replace(b"Sur l'autre.", b"Sur l'autre (du cache)."))

    def build(name: str) -> tuple:
        output = mini_site.root / name
        args = [sys.executable, "-c", LOADED, str(mini_site.content), "-o", str(output), "-s",
                str(ROOT / "pelicanconf.py"), "-q", "-e", *(f"{k}={json.dumps(v)}" for k, v in overrides.items())]
        result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return output, result.stdout

    second, said = build("two")
    assert "feedgen loaded: False" in said
    assert b"(du cache)" in (second / "feeds" / "comments" / "autre.atom.xml").read_bytes()
    assert (second / "feeds" / "comments.rss.xml").read_bytes() == (first / "feeds" / "comments.rss.xml").read_bytes()
    # A title that changes changes the key: the feeds are made again, from the comments.
    mini_site.article("autre", "Autre titre", date="2013-04-23 10:00")
    third, said = build("three")
    assert "feedgen loaded: True" in said
    feed = (third / "feeds" / "comments" / "autre.atom.xml").read_bytes()
    assert b"(du cache)" not in feed and b"Autre titre" in feed
    assert len(list((cache / "comment-feeds").iterdir())) == 1  # only the latest is kept
