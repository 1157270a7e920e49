"""One bad comment never refuses a WordPress export: it is repaired or skipped, and the summary says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from comments.core.comment_file import read_comment
from comments.importers.run import import_file
from comments.moderation.purge import purge
from comments.storage.queue import Queue

from tests.comments.importers.import_helpers import make_content, places
from tests.comments.importers.test_import_hostile import RSS, WXR_HEAD, comment


def wxr(comments: str, post_date: str = "<wp:post_date_gmt>2013-04-22 07:30:00</wp:post_date_gmt>") -> str:
    return (f"{WXR_HEAD}{RSS}<item><title>Mon article</title><wp:post_name>mon-article</wp:post_name>\n"
            f"{post_date}{comments}</item></channel></rss>\n")


def test_comment_without_date_takes_its_post_date_and_is_listed(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.xml"
    undated = comment("2").replace("<wp:comment_date_gmt>2013-05-02 12:03:00</wp:comment_date_gmt>", "")
    export.write_text(wxr(comment("1") + undated + comment("3").replace("2013-05-02 12:03:00", "hier")),
                      encoding="utf-8")
    summary = import_file(export, content=content, queue_root=tmp_path / "moderation", timezone="Europe/Paris")
    assert summary.count("published") == 3 and summary.read == 3
    dated = read_comment(content / "comments" / "mon-article" / "wp-2.md")
    assert dated.date == datetime(2013, 4, 22, 7, 30, tzinfo=UTC)
    text = str(summary)
    assert "Réparés à l’import\u00a0: 2" in text
    assert "wp-2\u00a0: date absente ou invalide, date de l’article utilisée" in text
    assert "wp-3\u00a0: date absente ou invalide (« hier »)" in text


def test_undated_comment_of_an_undated_post_takes_the_export_date(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.xml"
    data = wxr(comment("1").replace("2013-05-02 12:03:00", ""), post_date="")
    export.write_text(data.replace("<channel>\n", "<channel>\n<pubDate>Tue, 27 Jan 2015 14:56:57 +0000</pubDate>\n"),
                      encoding="utf-8")
    import_file(export, content=content, queue_root=tmp_path / "moderation")
    assert read_comment(content / "comments" / "mon-article" / "wp-1.md").date == datetime(
        2015, 1, 27, 14, 56, 57, tzinfo=UTC)


def test_orphan_reply_goes_to_the_top_of_its_article_and_is_listed(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.xml"
    # wp-2 answers wp-999 (neither exported nor on the site); wp-3 answers the orphan; wp-4 answers itself.
    export.write_text(wxr(comment("1") + comment("2", parent="999") + comment("3", parent="2")
                          + comment("4", parent="4") + comment("5", parent="../1")), encoding="utf-8")
    summary = import_file(export, content=content, queue_root=tmp_path / "moderation")
    store = content / "comments" / "mon-article"
    assert read_comment(store / "wp-2.md").parent is None
    assert read_comment(store / "wp-3.md").parent == "wp-2"
    assert read_comment(store / "wp-4.md").parent is None
    assert read_comment(store / "wp-5.md").parent is None
    assert summary.count("published") == 5
    text = str(summary)
    assert "wp-2\u00a0: réponse à wp-999, absent de l’export et du site : placée en tête de l’article" in text
    assert "wp-4\u00a0: se répondait à lui-même" in text and "wp-5\u00a0: parent invalide « ../1 »" in text


def test_bad_ids_and_huge_bodies_are_skipped_not_refused(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.xml"
    export.write_text(wxr(comment("1") + comment("../../etc/passwd") + comment("3", body="x" * 150_000)),
                      encoding="utf-8")
    summary = import_file(export, content=content, queue_root=tmp_path / "moderation")
    assert summary.count("published") == 1 and summary.count("skipped") == 2 and summary.read == 3
    assert set(places(content, tmp_path / "moderation")) == {"wp-1"}
    assert "identifiant de commentaire invalide" in str(summary) and "texte trop long" in str(summary)


def test_purge_counts_an_imported_comment_from_the_day_it_entered_the_queue(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    queue_root = tmp_path / "moderation"
    export = tmp_path / "export.xml"
    export.write_text(wxr(comment("1", approved="0") + comment("2", approved="spam")), encoding="utf-8")
    import_file(export, content=content, queue_root=queue_root)
    queued = read_comment(queue_root / "pending" / "wp-1.md", queue=True)
    assert queued.date.year == 2013 and datetime.now(UTC) - queued.queued < timedelta(minutes=5)
    queue = Queue(queue_root, content)
    # A daily purge keeps the 2013 comments: they entered the queue today.
    assert purge(queue, 30).total == 0
    assert (queue_root / "pending" / "wp-1.md").is_file()
    # Thirty-one days later they go, as the privacy page promises.
    report = purge(queue, 30, now=datetime.now(UTC) + timedelta(days=31))
    assert report.total == 2 and not (queue_root / "pending" / "wp-1.md").exists()


def test_reimport_of_queued_comments_is_unchanged_despite_a_new_queue_day(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.xml"
    export.write_text(wxr(comment("1", approved="0")), encoding="utf-8")
    queue_root = tmp_path / "moderation"
    import_file(export, content=content, queue_root=queue_root)
    path = queue_root / "pending" / "wp-1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("queued: ", "queued: 2020-01-01T00:00:00+00:00\nx: ")
                    .replace("\nx: " + path.read_text(encoding="utf-8").split("queued: ")[1].split("\n")[0], ""),
                    encoding="utf-8")
    summary = import_file(export, content=content, queue_root=queue_root)
    assert summary.count("unchanged") == 1 and not summary.conflicts
    assert read_comment(path, queue=True).queued == datetime(2020, 1, 1, tzinfo=UTC)
