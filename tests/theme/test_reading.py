"""Reading comfort (issue 17, item 5): reading time in French, table of contents from
three headings, list entries whose title is the link, comment counts only when
there are comments, the « S'abonner » block."""

from __future__ import annotations

import re

from reading import headings, minutes

from tests.theme.helpers import SEED, article_page, build, html_of, small_site

READING = re.compile(r"^\d+\u00a0min de lecture$")


def test_reading_time_on_lists_and_articles(site):
    index = html_of(site / "index.html")
    times = [el.text_content() for el in index.cssselect(".entry .reading-time")]
    assert len(times) == len(index.cssselect(".entry")) > 1
    assert all(READING.match(t) for t in times), times
    article = html_of(article_page(site)).cssselect(".post-meta .reading-time")[0].text_content()
    assert READING.match(article)


def test_list_entries_link_their_title_and_count_only_real_comments(site):
    index = html_of(site / "index.html")
    assert "Lire la suite" not in index.text_content()
    entries = index.cssselect(".entry")
    counts = {e.cssselect(".entry-title a")[0].get("href").rstrip("/").rsplit("/", 1)[1]:
              [c.text_content() for c in e.cssselect(".comment-count")] for e in entries}
    assert counts[SEED] == ["2\u00a0commentaires"]
    assert all(not found for slug, found in counts.items() if slug != SEED)
    assert "0\u00a0commentaire" not in html_of(site / "archives" / "index.html").text_content()


def test_table_of_contents_from_three_headings(site):
    with_toc = [p for p in site.glob("*/*/*/index.html") if html_of(p).cssselect("nav.toc")]
    assert with_toc, "no article has a table of contents"
    doc = html_of(with_toc[0])
    targets = [a.get("href")[1:] for a in doc.cssselect("nav.toc a")]
    assert len(targets) >= 3
    assert all(doc.get_element_by_id(t) is not None for t in targets)
    # The seed post has a single heading: no table.
    assert not html_of(article_page(site)).cssselect("nav.toc")


def test_headings_and_minutes():
    text = '<h2 id="a">Un</h2><p>x</p><h3 id="b">Deux</h3><h2 id="c">Trois <em>!</em></h2>'
    assert headings(text) == [
        {"id": "a", "text": "Un", "level": 2, "children": [{"id": "b", "text": "Deux", "children": []}]},
        {"id": "c", "text": "Trois !", "level": 2, "children": []},
    ]
    assert minutes("<p>" + "mot " * 460 + "</p>", 230) == 2
    assert minutes("", 230) == 1


def test_subscribe_block_explains_feeds(site):
    doc = html_of(site / "index.html")
    (block,) = doc.cssselect(".subscribe")
    assert "lecteur de flux" in block.text_content()
    types = {a.get("type") for a in block.cssselect("a")}
    assert types == {"application/rss+xml", "application/atom+xml"}


def test_a_hidden_article_has_its_reading_time_and_share_card_too(tmp_path):
    content = small_site(tmp_path, {"cache.md": (
        "Title: Un article caché\nDate: 2021-03-04\nSlug: article-cache\nStatus: hidden\n\n"
        + "Un texte assez long pour une minute de lecture. " * 40 + "\n")})
    output = build(content, tmp_path / "out")
    doc = html_of(article_page(output, "article-cache"))
    assert READING.match(doc.cssselect(".post-meta .reading-time")[0].text_content())
    card = doc.cssselect('meta[property="og:image"]')[0].get("content")
    assert card.endswith(".png") and (output / card.split("/", 3)[-1]).is_file()
