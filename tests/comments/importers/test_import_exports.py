"""Importing the real exports of tests/data: WordPress theme unit test, Isso's WordPress and Disqus."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from comments.core.comment_file import read_comment
from comments.importers import DisqusImporter, ImportFileError, JsonImporter, WordPressImporter, detect
from comments.importers.run import import_file
from pelican.settings import DEFAULT_CONFIG

from tests.comments.importers.import_helpers import THEME, make_content, places, snapshot

TESTDATA = THEME.parent.parent
ISSO_WP = TESTDATA / "wordpress" / "isso-wordpress.xml"
ISSO_DISQUS = TESTDATA / "disqus" / "isso-disqus.xml"
# The theme unit test's posts that carry comments, as article stubs of a blog made for them.
THEME_POSTS = [
    ("template-comments", "Template: Comments"),
    ("template-pingbacks-an-trackbacks", "Template: Pingbacks And Trackbacks"),
    ("page-with-comments", "Page with comments"),
    ("wp-6-1-theme-block-category", "WP 6.1 Theme block category"),
    ("template-password-protected", "Template: Password Protected (the password is \"enter\")"),
    ("edge-case-no-content", "Edge Case: No Content"),
    ("blog", "a Blog page"),
]


def export_comments(path: Path) -> list[dict]:
    """The export's comments as a plain regex reading sees them (an independent count)."""
    text = path.read_text(encoding="utf-8")
    result = []
    for block in re.findall(r"<wp:comment>(.*?)</wp:comment>", text, re.S):
        def field(name, block=block):
            match = re.search(rf"<wp:{name}>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</wp:{name}>", block, re.S)
            return match.group(1).strip() if match else ""
        result.append({"id": "wp-" + field("comment_id"), "approved": field("comment_approved"),
                       "type": field("comment_type"), "email": field("comment_author_email"),
                       "ip": field("comment_author_IP")})
    return result


def run(tmp_path, export, articles=(), **kwargs):
    content = make_content(tmp_path, list(articles))
    queue = tmp_path / "moderation"
    summary = import_file(export, content=content, queue_root=queue, timezone="Europe/Paris", **kwargs)
    return content, queue, summary


def test_formats_are_detected_from_the_start_of_the_file(tmp_path):
    assert detect(THEME) is WordPressImporter  # https://wordpress.org/export/1.2/
    assert detect(ISSO_WP) is WordPressImporter  # http://wordpress.org/export/1.0/
    assert detect(ISSO_DISQUS) is DisqusImporter
    (tmp_path / "c.json").write_text(' \n[{"id": "a"}]')
    assert detect(tmp_path / "c.json") is JsonImporter
    (tmp_path / "x.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
    with pytest.raises(ImportFileError, match="format non reconnu"):
        detect(tmp_path / "x.xml")


def test_theme_unit_test_without_matching_articles_goes_to_the_queue(tmp_path):
    content, queue, summary = run(tmp_path, THEME)
    expected = export_comments(THEME)
    assert len(expected) == 33 and summary.read == 33
    found = places(content, queue)
    assert sorted(found) == sorted(c["id"] for c in expected)
    assert all(len(paths) == 1 for paths in found.values())
    assert not list((content / "comments").glob("*/*.md"))
    for path in (queue / "pending").glob("*.md"):
        assert any(h.startswith("article introuvable") for h in read_comment(path, queue=True).held)
    assert summary.count("pending") == 33


def test_theme_unit_test_with_its_articles_splits_published_mentions_pending(tmp_path):
    content, queue, summary = run(tmp_path, THEME, THEME_POSTS)
    expected = {c["id"]: c for c in export_comments(THEME)}
    found = places(content, queue)
    assert sorted(found) == sorted(expected)
    published = {p.stem: read_comment(p) for p in (content / "comments").glob("*/*.md")}
    pending = {p.stem for p in (queue / "pending").glob("*.md")}
    mentions = {cid for cid, c in published.items() if c.is_mention}
    assert len(published) - len(mentions) == 26
    assert len(mentions) == 4
    assert len(pending) == 3
    assert {cid for cid, c in expected.items() if c["approved"] == "0"} == pending
    assert {cid for cid, c in expected.items() if c["type"] in ("pingback", "trackback")} == mentions
    assert {published[cid].type for cid in mentions} == {"pingback", "trackback"}
    assert summary.count("published") == 30 and summary.mentions == 4 and summary.count("pending") == 3
    # Threads. Roles: this export's <wp:author> give no id, so no comment gets the author badge,
    # not even user 24783058 commenting as "themedemos" (names never grant it).
    assert published["wp-910"].parent == "wp-907"
    assert {c.role for c in published.values()} == {None}
    assert read_comment(queue / "pending" / "wp-1017.md", queue=True).parent == "wp-168"
    # Dates from comment_date_gmt, shown in the site's time zone.
    assert published["wp-881"].date.isoformat() == "2012-09-03T19:18:04+02:00"
    # Names are text: WordPress's entities decoded.
    assert published["wp-921"].author.startswith("Ping 1 « What’s a")


def test_no_email_or_ip_of_the_export_under_content(tmp_path):
    content, queue, _ = run(tmp_path, THEME, THEME_POSTS)
    secrets = {c["email"] for c in export_comments(THEME) if c["email"]}
    secrets |= {c["ip"] for c in export_comments(THEME) if c["ip"]}
    assert secrets
    text = "\n".join(p.read_text(encoding="utf-8") for p in content.rglob("*") if p.is_file())
    assert not [s for s in secrets if s in text]
    # Nobody asked an export to be told of replies: no e-mail in the queue either, nor IP addresses.
    queued = "\n".join(p.read_text(encoding="utf-8") for p in queue.rglob("*.md"))
    assert "email:" not in queued and not [c["ip"] for c in export_comments(THEME) if c["ip"] and c["ip"] in queued]
    assert not (queue / "subscribers.json").exists()


@pytest.mark.parametrize("export", [THEME, ISSO_WP, ISSO_DISQUS])
def test_importing_twice_changes_nothing(tmp_path, export):
    content, queue, first = run(tmp_path, export, THEME_POSTS)
    before = snapshot(content, queue)
    second = import_file(export, content=content, queue_root=queue, timezone="Europe/Paris")
    assert snapshot(content, queue) == before
    written = first.count("published") + first.count("pending") + first.count("spam")
    assert second.unchanged["déjà importé"] == written
    assert second.count("published") == second.count("pending") == 0


def test_a_store_file_edited_since_the_import_is_reported_not_overwritten(tmp_path):
    content, queue, _ = run(tmp_path, THEME, THEME_POSTS)
    path = next((content / "comments" / "template-comments").glob("wp-905.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("</p>", " (corrigé)</p>"), encoding="utf-8")
    edited = path.read_text(encoding="utf-8")
    summary = import_file(THEME, content=content, queue_root=queue, timezone="Europe/Paris")
    assert path.read_text(encoding="utf-8") == edited
    assert any(c.startswith("wp-905 ") for c in summary.conflicts)
    assert "non écrasés" in str(summary)


def test_moderation_decisions_survive_a_reimport(tmp_path):
    content, queue, _ = run(tmp_path, THEME, THEME_POSTS)
    (queue / "rejected").mkdir(exist_ok=True)
    (queue / "pending" / "wp-1016.md").rename(queue / "rejected" / "wp-1016.md")
    before = snapshot(content, queue)
    summary = import_file(THEME, content=content, queue_root=queue, timezone="Europe/Paris")
    assert snapshot(content, queue) == before
    assert summary.unchanged["déjà rejeté (décision de modération gardée)"] == 1


def test_dry_run_writes_nothing_and_reports_the_same(tmp_path):
    content, queue, dry = run(tmp_path, THEME, THEME_POSTS, dry_run=True)
    # Nothing at all: no comment, no queue state, no known-authors record (the lock aside).
    assert not snapshot(content / "comments", queue)
    real = import_file(THEME, content=content, queue_root=queue, timezone="Europe/Paris")
    assert (dry.published, dry.pending, dry.spam, dry.skipped) == (real.published, real.pending, real.spam, real.skipped)
    assert "Simulation" in str(dry)


def test_isso_wordpress_export(tmp_path):
    content, queue, summary = run(tmp_path, ISSO_WP, [("test", "Hello, World…")])
    published = {p.stem: read_comment(p) for p in (content / "comments" / "test").glob("*.md")}
    assert sorted(published) == ["wp-10", "wp-11", "wp-2", "wp-6", "wp-7", "wp-8", "wp-9"]
    assert published["wp-8"].parent == "wp-7" and published["wp-7"].parent == "wp-6"
    # User 1 wrote as "Tester", the post's dc:creator, but the export names no author id:
    # no badge (names never grant it); user 0 is a reader.
    assert {c.role for c in published.values()} == {None}
    # WordPress's newline paragraphs become HTML.
    assert published["wp-10"].body == "<p>When you have a comment with multiple lines:<br>\nWordPress exports it like this.</p>"
    assert published["wp-10"].format == "html"
    # The second item reuses comment id 11: reported, not lost silently, not overwriting.
    assert summary.skipped["identifiant en double dans l’export (wp-11)"] == 1
    # wp-7 has no comment_date: comment_date_gmt is used.
    assert published["wp-7"].date.isoformat() == "2014-04-29T17:21:35+02:00"


def test_isso_disqus_export(tmp_path):
    articles = [("hello-world", "Hello, World!"), ("redacted", "Redacted")]
    content, queue, summary = run(tmp_path, ISSO_DISQUS, articles)
    found = places(content, queue)
    # 9 is deleted: ignored; 11 answered it, and now hangs at the top level.
    assert sorted(found) == ["dsq-11", "dsq-4", "dsq-5", "dsq-6", "dsq-8"]
    assert summary.skipped["supprimé dans Disqus"] == 1
    hello = {p.stem: read_comment(p) for p in (content / "comments" / "hello-world").glob("*.md")}
    assert sorted(hello) == ["dsq-11", "dsq-4", "dsq-5"]
    assert hello["dsq-5"].parent == "dsq-4" and hello["dsq-11"].parent is None
    # Thread 7 has an empty id and title: joined by its link's path.
    assert (content / "comments" / "redacted" / "dsq-8.md").is_file()
    # Thread 1337 does not exist: queued with the reason, never lost.
    orphan = read_comment(queue / "pending" / "dsq-6.md", queue=True)
    assert orphan.held == ["article introuvable : fil 1337"]


def test_disqus_spam_goes_to_the_spam_folder(tmp_path):
    export = tmp_path / "spam.xml"
    export.write_text(ISSO_DISQUS.read_text().replace(
        '<post dsq:id="5">\n        <message><![CDATA[<p>Hello, World.</p>]]></message>\n        <createdAt>2013-10-11T06:51:33Z</createdAt>\n        <isDeleted>false</isDeleted>\n        <isSpam>false</isSpam>',
        '<post dsq:id="5">\n        <message><![CDATA[<p>Hello, World.</p>]]></message>\n        <createdAt>2013-10-11T06:51:33Z</createdAt>\n        <isDeleted>false</isDeleted>\n        <isSpam>true</isSpam>'))
    content, queue, summary = run(tmp_path, export, [("hello-world", "Hello, World!")])
    assert (queue / "spam" / "dsq-5.md").is_file() and summary.count("spam") == 1


def test_wordpress_states_spam_trash_and_timezone_fallback(tmp_path):
    blocks = ISSO_WP.read_text().split("<wp:comment>")
    blocks[1] = blocks[1].replace("<wp:comment_approved>1<", "<wp:comment_approved>spam<")  # wp-2
    blocks[5] = blocks[5].replace("<wp:comment_approved>1<", "<wp:comment_approved>trash<")  # wp-9
    blocks[6] = blocks[6].replace("2022-06-06 02:13:14", "0000-00-00 00:00:00")  # wp-10: local date used
    export = tmp_path / "states.xml"
    export.write_text("<wp:comment>".join(blocks))
    content, queue, summary = run(tmp_path, export, [("test", "Hello, World…")])
    assert (queue / "spam" / "wp-2.md").is_file()
    assert "wp-9" not in places(content, queue)
    assert summary.skipped["dans la corbeille de WordPress"] == 1
    assert read_comment(content / "comments" / "test" / "wp-10.md").date.isoformat() == "2022-06-06T12:13:14+02:00"


def test_title_matching_is_casefolded_accent_and_punctuation_blind(tmp_path):
    export = tmp_path / "titles.xml"
    export.write_text(ISSO_WP.read_text().replace("<wp:post_name>test</wp:post_name>", "")
                      .replace("http://example.tld/2014/test/", "http://example.tld/?p=18"))
    content, queue, _ = run(tmp_path, export, [("hello", "HELLO — Wörld ?")])
    assert len(list((content / "comments" / "hello").glob("*.md"))) == 7


def test_json_import(tmp_path):
    export = tmp_path / "comments.json"
    export.write_text("""[
      {"id": "c-1", "post": "mon-article", "state": "approved", "author": "Anne",
       "date": "2024-01-02T10:00:00+01:00", "body": "Bonjour *vous*", "email": "anne@example.org"},
      {"id": "c-2", "post": "mon-article", "parent": "c-1", "author": "Lionel Boscher", "role": "author",
       "state": "approved", "date": "2024-01-02T11:00:00+01:00", "body": "Merci !"},
      {"id": "c-3", "post": "mon-article", "author": "Bob", "date": "2024-01-03T11:00:00+01:00",
       "body": "En attente", "email": "bob@example.org"},
      {"id": "c-4", "post": "mon-article", "state": "spam", "author": "Casino",
       "date": "2024-01-03T11:00:00+01:00", "body": "Gagnez"}
    ]""", encoding="utf-8")
    content, queue, summary = run(tmp_path, export, [("mon-article", "Mon article")])
    assert read_comment(content / "comments" / "mon-article" / "c-2.md").role == "author"
    assert read_comment(content / "comments" / "mon-article" / "c-1.md").email is None
    assert read_comment(queue / "pending" / "c-3.md", queue=True).email is None  # imports never subscribe
    assert (queue / "spam" / "c-4.md").is_file()
    assert Counter({"published": 2, "pending": 1, "spam": 1}) == Counter(
        {b: summary.count(b) for b in ("published", "pending", "spam") if summary.count(b)})
    assert (queue / "known-authors.json").is_file()


def test_progress_bar_only_for_big_files(tmp_path):
    import io

    from comments.importers.progress import Progress

    log = io.StringIO()
    update = Progress(log, min_size=1000).phase("Import")
    for done in range(0, 100_001, 5000):
        update(done, 100_000)
    lines = log.getvalue().splitlines()
    assert lines[0] == "Import : 0\u00a0%" and lines[-1] == "Import : 100\u00a0%" and len(lines) == 11
    quiet = io.StringIO()
    Progress(quiet, min_size=1000).phase("Import")(10, 500)
    assert quiet.getvalue() == ""


def test_comments_match_the_posts_pelican_publishes_with_the_site_settings(tmp_path):
    # The importers read the posts as the receiver and the moderation do (storage/posts.py):
    # pages and .markdown files count, an undated article (Pelican skips it) does not, and a
    # slug comes from the site's own slug rules.
    from comments.storage.articles import ArticleIndex

    content = make_content(tmp_path)
    (content / "pages").mkdir()
    (content / "pages" / "livre-dor.md").write_text("Title: Livre d'or\n\nSignez ici.\n", encoding="utf-8")
    (content / "articles" / "autre.markdown").write_text("Title: Autre\nDate: 2013-04-22\n\nx\n", encoding="utf-8")
    (content / "articles" / "sans-date.md").write_text("Title: Sans date\nSlug: sans-date\n\nx\n", encoding="utf-8")
    (content / "articles" / "plus.md").write_text("Title: C++ en 2013\nDate: 2013-04-22\n\nx\n", encoding="utf-8")
    export = tmp_path / "comments.json"
    export.write_text("""[
      {"id": "c-1", "post": "livre-dor", "state": "approved", "author": "A", "date": "2024-01-02T10:00:00+01:00"},
      {"id": "c-2", "post": "autre", "state": "approved", "author": "B", "date": "2024-01-02T10:00:00+01:00"},
      {"id": "c-3", "post": "sans-date", "state": "approved", "author": "C", "date": "2024-01-02T10:00:00+01:00"},
      {"id": "c-4", "post": "cpp-en-2013", "state": "approved", "author": "D", "date": "2024-01-02T10:00:00+01:00"}
    ]""", encoding="utf-8")
    site = {"SLUG_REGEX_SUBSTITUTIONS": [(r"\+", "p"), *DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]]}
    import_file(export, content=content, queue_root=tmp_path / "moderation",
                articles=ArticleIndex.read(content, site))
    assert {p.stem: p.parent.name for p in (content / "comments").glob("*/*.md")} == {
        "c-1": "livre-dor", "c-2": "autre", "c-4": "cpp-en-2013"}
    assert "article introuvable : sans-date" in read_comment(tmp_path / "moderation" / "pending" / "c-3.md",
                                                             queue=True).held
