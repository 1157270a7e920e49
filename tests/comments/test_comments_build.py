"""Real Pelican builds of small sites: threads in the pages, counts, modes, bad input."""

from __future__ import annotations

import json
import re

import pytest

from tests.comments.conftest import empty_site, log_of, page_of, text_of

READER_REL = "nofollow ugc noopener noreferrer"


def thread_site(site):
    site.article("avec-fil", "Avec un fil")
    site.article("un-seul", "Un seul commentaire", date="2013-04-23 10:00")
    site.article("sans", "Sans commentaire", date="2013-04-24 10:00")
    site.comment("avec-fil", "wp-11", "Je comprends tout à fait la logique !", author="Xavier",
                 date="2013-05-02T14:03:00+02:00", website="https://xavier.example/")
    site.comment("avec-fil", "wp-12", "Bonjour Xavier et merci.", author="Lionel Boscher",
                 date="2013-05-02T18:10:00+02:00", parent="wp-11", role="author")
    # A reader typing the author's name is no author.
    site.comment("avec-fil", "f-1", "Moi aussi.", author="Lionel Boscher", date="2013-05-03T08:00:00+02:00",
                 parent="wp-12")
    site.comment("avec-fil", "pb-1", "Un billet qui cite celui-ci.", author="Un autre blog",
                 website="https://blog.example/billet/", type="pingback", date="2013-05-04T08:00:00+02:00")
    site.comment("un-seul", "u-1", "Seul.")


@pytest.fixture(scope="module")
def thread_output(tmp_path_factory):
    """thread_site built once: the tests below only read it."""
    site = empty_site(tmp_path_factory.mktemp("thread"))
    thread_site(site)
    output, _ = site.build()
    return output


def test_thread_nests_marks_the_author_counts_and_lists_mentions(thread_output):
    output = thread_output
    doc = page_of(output, "avec-fil")
    section = doc.get_element_by_id("comments")
    assert text_of(section.get_element_by_id("comments-title")) == "3\u00a0commentaires"  # the pingback is not counted
    top = section.cssselect("ol.comment-list > li.comment")
    assert [li.get("id") for li in top] == ["comment-wp-11"]
    reply = top[0].cssselect("ol.comment-children > li.comment")[0]
    assert reply.get("id") == "comment-wp-12" and reply.getparent().getparent() is top[0]
    assert reply.cssselect("ol.comment-children > li.comment")[0].get("id") == "comment-f-1"  # nested inside the reply
    assert [li.get("id") for li in section.cssselect(".by-author")] == ["comment-wp-12"]
    assert [text_of(b) for b in section.cssselect(".author-badge")] == ["Auteur"]
    author_link = top[0].cssselect("a.comment-author")[0]
    assert author_link.get("href") == "https://xavier.example/" and author_link.get("rel") == READER_REL
    assert text_of(reply.cssselect(".comment-author")[0]) == "Lionel Boscher"
    assert reply.cssselect(".comment-author")[0].tag == "b"
    assert text_of(top[0].cssselect("time")[0]) == "2 mai 2013 à 14:03"
    assert top[0].cssselect("a.comment-permalink")[0].get("href") == "#comment-wp-11"
    assert text_of(top[0].cssselect(".comment-avatar")[0]) == "X"
    assert "logique\u202f!" in text_of(top[0].cssselect(".comment-content")[0])  # French typography
    assert top[0].cssselect("a.comment-reply")[0].get("href") == "?replytocom=wp-11#respond"
    mentions = section.cssselect("section.mentions")[0]
    assert text_of(mentions.cssselect("h3")[0]) == "Ils en parlent"
    assert [li.get("id") for li in mentions.cssselect("li")] == ["comment-pb-1"]
    assert mentions.cssselect("a")[0].get("rel") == READER_REL
    assert len(doc.get_element_by_id("respond").cssselect("form")) == 1


def test_counts_in_french_on_articles_and_on_the_index(thread_output):
    output = thread_output
    titles = {slug: text_of(page_of(output, slug).get_element_by_id("comments-title"))
              for slug in ("avec-fil", "un-seul", "sans")}
    assert titles == {"avec-fil": "3\u00a0commentaires", "un-seul": "1\u00a0commentaire", "sans": "0\u00a0commentaire"}
    index = text_of(__import__("lxml.html").html.fromstring((output / "index.html").read_bytes()))
    for count in ("3\u00a0commentaires", "1\u00a0commentaire"):
        assert count in index
    # Lists show the count only when there are comments (issue 17).
    assert "0\u00a0commentaire" not in index


def test_closed_shows_the_thread_without_form_and_hidden_shows_nothing(mini_site):
    mini_site.article("ferme", "Fermé", comments="closed")
    mini_site.article("cache", "Caché", comments="hidden", date="2013-04-23 10:00")
    for slug in ("ferme", "cache"):
        mini_site.comment(slug, f"c-{'f' if slug == 'ferme' else 'h'}", "Texte.")
    output, _ = mini_site.build()
    closed = page_of(output, "ferme")
    assert closed.cssselect("#comments li.comment") and not closed.cssselect("#respond")
    assert not closed.cssselect("a.comment-reply")
    assert "Les commentaires sont fermés." in text_of(closed.get_element_by_id("comments"))
    hidden = page_of(output, "cache")
    assert not hidden.cssselect("#comments") and not hidden.cssselect("#respond")
    assert "Texte." not in text_of(hidden)
    assert not (output / "feeds" / "comments" / "cache.atom.xml").exists()


def test_a_folder_named_after_a_page_attaches_to_it(mini_site):
    mini_site.page("a-propos", "À propos")
    mini_site.page("livre-d-or", "Livre d’or")
    mini_site.page("ouvert", "Ouvert", comments="open")
    mini_site.comment("livre-d-or", "g-1", "Bravo.")
    output, _ = mini_site.build()
    guestbook = page_of(output, "livre-d-or")
    assert guestbook.get_element_by_id("comment-g-1") is not None
    assert not guestbook.cssselect("#respond")  # a page's thread is closed unless it says otherwise
    assert not page_of(output, "a-propos").cssselect("#comments")
    assert page_of(output, "ouvert").cssselect("#respond")


def test_the_store_is_never_read_as_articles_or_pages(thread_output):
    output = thread_output
    built = [p.relative_to(output).as_posix() for p in output.rglob("*.html")]
    assert not [p for p in built if re.search(r"wp-1[12]|f-1|pb-1|u-1", p)]
    assert "Un seul commentaire" in (output / "index.html").read_text(encoding="utf-8")
    articles = [p for p in built if re.match(r"\d{4}/\d{2}/[^/]+/index\.html$", p)]
    assert sorted(p.split("/")[2] for p in articles) == ["avec-fil", "sans", "un-seul"]


def bad_site(site):
    site.article("bon", "Bon")
    site.comment("bon", "ok-1", "Je reste visible.")
    site.raw("comments/bon/no-header.md", "Juste du texte sans en-tête.\n")
    site.raw("comments/bon/bad-date.md", "id: bad-date\nauthor: A\ndate: 2 mai 2013\n\nx\n")
    site.raw("comments/bon/bad-key.md", "id: bad-key\nauthor: A\ndate: 2013-05-02T14:03:00+02:00\nemail: a@b.fr\n\nx\n")
    site.raw("comments/bon/bad-site.md",
             "id: bad-site\nauthor: A\nwebsite: javascript:alert(1)\ndate: 2013-05-02T14:03:00+02:00\n\nx\n")
    site.raw("comments/bon/bad-utf8.md", b"id: bad-utf8\nauthor: A\ndate: 2013-05-02T14:03:00+02:00\n\n\xff\xfe\n")
    site.comment("personne", "lost-1", "Mon article n'existe pas.")


BAD = {  # file -> the place the message must name
    "no-header.md": "bon/no-header.md:1",
    "bad-date.md": "bon/bad-date.md:3",
    "bad-key.md": "bon/bad-key.md:4",
    "bad-site.md": "bon/bad-site.md:3",
    "bad-utf8.md": "bon/bad-utf8.md:5",
    "folder": "comments/personne",
}


def test_non_strict_build_warns_with_path_and_line_and_renders_the_rest(mini_site):
    bad_site(mini_site)
    # Warnings, not errors: `--fatal errors` still finishes.
    output, result = mini_site.build(fatal="errors")
    log = log_of(result)
    for place in BAD.values():
        assert re.search(rf"WARNING.*{re.escape(place)}", log), (place, log)
    assert "(champ « date »)" in log and "(champ « email »)" in log and "(champ « website »)" in log
    assert "UTF-8 invalide" in log and "aucun article ni page" in log
    doc = page_of(output, "bon")
    assert [li.get("id") for li in doc.cssselect("#comments li.comment")] == ["comment-ok-1"]
    assert text_of(doc.get_element_by_id("comments-title")) == "1\u00a0commentaire"


def test_non_strict_warnings_stop_a_fatal_warnings_build(mini_site):
    bad_site(mini_site)
    _, result = mini_site.build(check=False)
    assert result.returncode != 0
    assert re.search(r"WARNING.*Commentaires", log_of(result))  # stopped by the comments' warning


def test_strict_build_fails_after_listing_every_problem(mini_site):
    bad_site(mini_site)
    _, result = mini_site.build(comments={"strict": True}, check=False, fatal=None)
    assert result.returncode != 0
    log = log_of(result)
    for place in BAD.values():
        assert re.search(rf"ERROR.*{re.escape(place)}", log), (place, log)
    assert "6 problème(s)" in log and "mode strict" in log


def test_strict_build_of_a_clean_store_passes(mini_site):
    thread_site(mini_site)
    mini_site.build(comments={"strict": True})


def test_duplicate_id_names_both_files(mini_site):
    mini_site.article("un", "Un")
    mini_site.article("deux", "Deux", date="2013-04-23 10:00")
    mini_site.comment("un", "same", "Premier.")
    mini_site.comment("deux", "same", "Second.")
    output, result = mini_site.build(comments={"strict": True}, check=False, fatal=None)
    assert result.returncode != 0
    assert re.search(r"un/same\.md.*« same ».*deux/same\.md", log_of(result))
    output, result = mini_site.build("lenient", fatal="errors")
    assert page_of(output, "deux").get_element_by_id("comment-same") is not None  # the first one is kept
    assert not page_of(output, "un").cssselect("#comment-same")


def test_invalid_comments_metadata_names_the_file_and_closes(mini_site):
    path = mini_site.article("bizarre", "Bizarre", comments="peut-être")
    output, result = mini_site.build(fatal="errors")
    assert re.search(rf"WARNING.*{re.escape(str(path))}:6.*comments", log_of(result))
    assert page_of(output, "bizarre").cssselect("#comments") and not page_of(output, "bizarre").cssselect("#respond")
    _, result = mini_site.build("strict", comments={"strict": True}, check=False)
    assert result.returncode != 0
    assert re.search(rf"ERROR.*{re.escape(str(path))}:6.*comments", log_of(result))


def test_unknown_setting_key_stops_the_build_and_names_it(mini_site):
    mini_site.article("un", "Un")
    _, result = mini_site.build(comments={"detph": 3}, check=False, fatal=None)
    assert result.returncode != 0
    assert "detph" in log_of(result)
    _, result = mini_site.build("two", comments={"moderation": {"max_link": 3}}, check=False, fatal=None)
    assert result.returncode != 0 and "max_link" in log_of(result)


def test_depth_setting_reaches_the_page(mini_site):
    mini_site.article("profond", "Profond")
    parent = None
    for i in range(1, 5):
        mini_site.comment("profond", f"d-{i}", f"Niveau {i}.", date=f"2013-05-0{i}T10:00:00+02:00",
                          **({"parent": parent} if parent else {}))
        parent = f"d-{i}"
    output, _ = mini_site.build(comments={"depth": 2})
    doc = page_of(output, "profond")
    top = doc.cssselect("ol.comment-list > li")
    assert [li.get("id") for li in top] == ["comment-d-1"]
    assert [li.get("id") for li in top[0].cssselect("ol.comment-children > li")] == ["comment-d-2", "comment-d-3",
                                                                                     "comment-d-4"]


def test_rebuild_takes_bodies_from_the_cache(mini_site):
    mini_site.article("un", "Un")
    mini_site.comment("un", "c-1", "Texte d'origine.")
    output, _ = mini_site.build()
    cache = mini_site.root / "output-cache" / "comments-sanitised.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 1
    # Tamper with the cached HTML: a rebuild that shows it did not sanitise again.
    key = next(iter(data["entries"]))
    data["entries"][key] = "<p>VENU DU CACHE</p>"
    cache.write_text(json.dumps(data), encoding="utf-8")
    output, _ = mini_site.build()
    assert "VENU DU CACHE" in text_of(page_of(output, "un").get_element_by_id("comment-c-1"))
