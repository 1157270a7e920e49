"""The project's own build: the seed thread and the three comment feeds."""

from __future__ import annotations

import feedparser

from tests.comments.conftest import page_of, text_of

SEED = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"


def test_seed_article_shows_the_nested_thread(site):
    doc = page_of(site, SEED)
    assert text_of(doc.get_element_by_id("comments-title")) == "2\u00a0commentaires"
    xavier = doc.get_element_by_id("comment-wp-11")
    reply = doc.get_element_by_id("comment-wp-12")
    assert reply.getparent().getparent() is xavier  # li > ol.comment-children > li
    assert "by-author" in reply.get("class").split() and "by-author" not in xavier.get("class").split()
    assert text_of(reply.cssselect(".author-badge")[0]) == "Auteur"


def test_the_three_comment_feeds_exist_and_parse(site):
    for name in ("feeds/comments.atom.xml", "feeds/comments.rss.xml", f"feeds/comments/{SEED}.atom.xml"):
        parsed = feedparser.parse((site / name).read_bytes())
        assert not parsed.bozo, name
        assert len(parsed.entries) == 2, name
