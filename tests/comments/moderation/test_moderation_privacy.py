"""What the privacy page promises: reply notifications by e-mail, and the 30-day purge of the queue."""

from __future__ import annotations

import io
import json
import os
import time
from datetime import UTC, datetime, timedelta

import pytest
from comments.core.comment_file import read_comment
from comments.core.model import Comment
from comments.core.settings import comments_settings
from comments.importers.run import import_file
from comments.moderation import replies, states
from comments.moderation.context import Context
from comments.moderation.display import table
from comments.moderation.errors import ModerationError
from comments.moderation.purge import purge, purge_and_report
from pelican.settings import read_settings

from tests.comments.importers.import_helpers import drop_queued, make_content, places, with_consent
from tests.intake.intake_helpers import free_port

NOW = datetime.now(UTC).replace(microsecond=0)


def entry(cid: str, state: str, days_ago: float, **extra) -> dict:
    return {"id": cid, "post": "mon-article", "state": state, "author": f"Auteur {cid}",
            "date": (NOW - timedelta(days=days_ago)).isoformat(), "body": f"Le commentaire {cid}.", **extra}


EXPORT = [
    entry("c-1", "approved", 60),
    entry("c-2", "pending", 40, parent="c-1", email="bob@example.org"),
    entry("c-3", "pending", 2, email="carla@example.org"),
    entry("c-4", "spam", 45, email="spam@example.org"),
    entry("c-5", "rejected", 31),
    entry("c-6", "approved", 90, email="old@example.org"),
]


def make_ctx(tmp_path, notify: dict | None = None) -> Context:
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    queue = tmp_path / "moderation"
    import_file(export, content=content, queue_root=queue)
    drop_queued(queue)  # these stand for form submissions: their age counts from their date
    with_consent(queue, EXPORT)
    pelican = read_settings(None, override={"SITEURL": "https://blog.example", "TIMEZONE": "Europe/Paris", "DEFAULT_LANG": "fr",
                                            "ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}/"})
    return Context(content=content, queue_root=queue, author="Lionel Boscher", timezone="Europe/Paris",
                            out=io.StringIO(), settings=comments_settings({"COMMENTS": {"notify": notify} if notify else {}}),
                            pelican=pelican, siteurl=pelican["SITEURL"])


def notify_settings(port: int) -> dict:
    return {"host": "127.0.0.1", "port": port, "from": "blog@example.fr", "to": "lionel@example.fr"}


def subscribers(ctx) -> dict:
    path = ctx.queue_root / "subscribers.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def test_approving_keeps_the_email_privately_and_reject_or_spam_drop_it(tmp_path):
    ctx = make_ctx(tmp_path)
    states.approve(ctx, ["c-2", "c-3"])
    assert subscribers(ctx) == {"c-2": "bob@example.org", "c-3": "carla@example.org"}
    assert oct((ctx.queue_root / "subscribers.json").stat().st_mode & 0o777) == "0o600"
    for path in ctx.content.rglob("*"):  # never under content/
        assert not path.is_file() or "@example.org" not in path.read_text(encoding="utf-8")
    states.reject(ctx, ["c-2"])
    states.spam(ctx, ["c-3"])
    assert subscribers(ctx) == {}
    for state, cid in (("rejected", "c-2"), ("spam", "c-3")):
        assert read_comment(ctx.queue_root / state / f"{cid}.md", queue=True).email is None


def test_a_reply_tells_the_reader_by_email_in_french(tmp_path, smtp):
    controller, inbox = smtp
    ctx = make_ctx(tmp_path, notify_settings(controller.port))
    new_id = replies.reply(ctx, "c-2", "Merci Bob, bonne question !")  # pending: approved first
    [message] = inbox.wait(1)
    assert message["To"] == "bob@example.org" and message["From"] == "blog@example.fr"
    assert message["Reply-To"] == "lionel@example.fr"
    assert message["Subject"] == "Réponse à votre commentaire sur « Mon article »"
    text = message.get_content()
    assert "Bonjour Auteur c-2," in text
    assert "Lionel Boscher a répondu à votre commentaire" in text
    assert "> Merci Bob, bonne question !" in text
    assert f"https://blog.example/2013/04/mon-article/#comment-{new_id}" in text
    assert "prévenu(e) par e-mail" in ctx.out.getvalue()
    # A reader without a recorded e-mail (c-1) gets nothing; neither does the author,
    # even with an address on record (an imported author's comment may carry one).
    replies.reply(ctx, "c-1", "Merci.")
    subscribers_file = ctx.queue().subscribers()
    subscribers_file.set(new_id, "lionel@example.fr")
    subscribers_file.save()
    replies.reply(ctx, new_id, "Une précision.")
    time.sleep(0.5)
    assert len(inbox.messages) == 1


def test_a_comment_on_a_page_is_approved_and_answered_with_the_page_address(tmp_path, smtp):
    controller, inbox = smtp
    ctx = make_ctx(tmp_path, notify_settings(controller.port))
    (ctx.content / "pages").mkdir()
    (ctx.content / "pages" / "livre-dor.md").write_text(
        "Title: Livre d'or\nSlug: livre-dor\ncomments: open\n\nSignez.\n", encoding="utf-8")
    ctx.queue().add(Comment(id="c-9", author="Eve", date=datetime(2024, 1, 6, 10, tzinfo=UTC), body="Bravo.",
                            post="livre-dor", email="eve@example.org"))
    new_id = replies.reply(ctx, "c-9", "Merci Eve.")  # pending: approved first
    assert (ctx.content / "comments/livre-dor/c-9.md").is_file()
    [message] = inbox.wait(1)
    assert message["Subject"] == "Réponse à votre commentaire sur « Livre d'or »"
    assert f"https://blog.example/pages/livre-dor.html#comment-{new_id}" in message.get_content()


def test_a_failing_smtp_server_warns_and_the_reply_stays(tmp_path):
    ctx = make_ctx(tmp_path, notify_settings(free_port()))  # nobody listens there
    states.approve(ctx, ["c-3"])
    new_id = replies.reply(ctx, "c-3", "Merci Carla.")
    out = ctx.out.getvalue()
    assert "Attention\u00a0: l’e-mail prévenant Auteur c-3 n’a pas pu être envoyé" in out
    assert "la réponse est bien publiée" in out
    assert (ctx.content / "comments" / "mon-article" / f"{new_id}.md").is_file()


def test_without_smtp_settings_the_reply_is_published_and_says_so(tmp_path):
    ctx = make_ctx(tmp_path)
    new_id = replies.reply(ctx, "c-2", "Merci.")
    assert "COMMENTS['notify'] n’est pas configuré" in ctx.out.getvalue()
    assert (ctx.content / "comments" / "mon-article" / f"{new_id}.md").is_file()


def test_purge_deletes_old_queued_comments_and_their_emails(tmp_path):
    ctx = make_ctx(tmp_path)
    states.approve(ctx, ["c-2"])  # published: never purged, its e-mail kept for replies
    (ctx.queue_root / "subscribers.json").write_text(json.dumps({"c-2": "bob@example.org", "c-9": "x@example.org"}))
    purge_and_report(ctx, 30, dry_run=True)
    out = ctx.out.getvalue()
    assert "2 commentaires seraient supprimés" in out and "rien n’a été supprimé" in out
    assert set(places(ctx.content, ctx.queue_root)) == {"c-1", "c-2", "c-3", "c-4", "c-5", "c-6"}
    ctx.out = io.StringIO()
    purge_and_report(ctx, 30)
    out = ctx.out.getvalue()
    assert "2 commentaires supprimés." in out
    assert "1 indésirable\u00a0: c-4" in out and "1 rejeté\u00a0: c-5" in out
    assert "1 commentaire plus récent gardé dans la file." in out
    assert set(places(ctx.content, ctx.queue_root)) == {"c-1", "c-2", "c-3", "c-6"}
    assert subscribers(ctx) == {"c-2": "bob@example.org"}  # c-9's comment is gone: its e-mail too
    text = "".join(p.read_text(encoding="utf-8") for p in ctx.queue_root.rglob("*") if p.is_file())
    assert "spam@example.org" not in text


def test_purge_by_comment_date_not_file_time(tmp_path):
    ctx = make_ctx(tmp_path)
    old = ctx.queue_root / "pending" / "c-3.md"
    os.utime(old, (0, 0))  # an ancient file time does not matter: the comment is 2 days old
    report = purge(ctx.queue(), 30, now=NOW + timedelta(days=1))
    assert [c.id for c in report.deleted["pending"]] == ["c-2"]  # 40 days old
    assert old.exists()
    report = purge(ctx.queue(), 30, now=NOW + timedelta(days=29))
    assert [c.id for c in report.deleted["pending"]] == ["c-3"]
    assert not old.exists()


def test_purge_refuses_a_negative_number_of_days(tmp_path):
    ctx = make_ctx(tmp_path)
    with pytest.raises(ModerationError) as caught:
        purge_and_report(ctx, -1)
    assert caught.value.code == 1 and "--days" in caught.value.message


def test_the_queue_table_never_cuts_an_id_and_fits_the_terminal(tmp_path):
    ctx = make_ctx(tmp_path)
    queue = ctx.queue()
    comments = queue.list("pending")
    comments[0].id = "c-1cd0e94bb2a1"  # a form id, 14 characters
    comments[0].body = "Un long commentaire " * 20
    for width in (80, 120, 200):
        lines = table(comments, width=width)
        assert any(line.startswith("c-1cd0e94bb2a1 ") for line in lines)
        assert all(len(line) <= width for line in lines)
    wide, narrow = table(comments, width=200), table(comments, width=80)
    assert len(wide[2]) > len(narrow[2])  # the first words took the room left
