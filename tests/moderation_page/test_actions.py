"""The moderation page's actions call the moderation functions: the queue and the store change as
with the CLI. Replies, parents still pending, selections, the spam and rejected tabs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from comments.core.comment_file import read_comment
from comments.core.model import Comment
from comments.storage.queue import Queue

from tests.moderation_page.conftest import pending_ids

NOW = datetime.now(UTC).replace(microsecond=0)


def queued(queue_root, content, cid, parent=None, minutes=0, state="pending", **extra) -> None:
    comment = Comment(id=cid, author=f"Auteur {cid}", date=NOW - timedelta(minutes=minutes),
                      body=f"Le commentaire {cid}.", parent=parent, post="media-social", **extra)
    Queue(queue_root, content).add(comment, state)


def published(content, cid):
    path = content / "comments" / "media-social" / f"{cid}.md"
    return read_comment(path) if path.is_file() else None


def test_the_queue_shows_newest_first_with_article_email_rules_and_parent(author, queue, content):
    queued(queue, content, "p-1", minutes=30, email="anne@example.org")
    queued(queue, content, "r-1", parent="p-1", minutes=5)
    queued(queue, content, "r-2", parent="wp-11", minutes=10)
    author.login()
    html = author.page().text
    assert html.index('id="c-r-1"') < html.index('id="c-r-2"') < html.index('id="c-p-1"')
    assert "Média Social ou Médias Sociaux" in html and "anne@example.org" in html
    assert "Xavier (publié)" in html and "Auteur p-1 (en attente)" in html
    assert html.count('name="parents"') == 1  # offered for r-1 only: its parent is pending


def test_approve_reject_spam_one_at_a_time(author, queue, content):
    for cid in ("a-1", "a-2", "a-3"):
        queued(queue, content, cid)
    author.login()
    for do, where in (("approve:a-1", None), ("reject:a-2", "rejected"), ("spam:a-3", "spam")):
        answer = author.act(do)
        assert answer.status_code == 303 and answer.headers["location"] == "/moderation/?etat=pending"
        cid = do.split(":")[1]
        if where:
            assert (queue / where / f"{cid}.md").is_file()
        else:
            assert published(content, cid).author == "Auteur a-1"
    assert pending_ids(queue) == []
    assert "1 commentaire marqué comme indésirable" in author.page().text  # the flash message


def test_approving_a_reply_offers_its_pending_parent(author, queue, content):
    queued(queue, content, "p-1", minutes=30)
    queued(queue, content, "r-1", parent="p-1")
    queued(queue, content, "p-2", minutes=30)
    queued(queue, content, "r-2", parent="p-2")
    author.login()
    author.act("approve:r-1", parents="r-1")  # the box, ticked by default
    assert published(content, "p-1") and published(content, "r-1").parent == "p-1"
    author.act("approve:r-2")  # unticked: the reply alone
    assert published(content, "r-2") and not published(content, "p-2") and pending_ids(queue) == ["p-2"]


def test_reply_publishes_an_author_reply_and_approves_the_comment(author, queue, content):
    queued(queue, content, "q-1")
    author.login()
    answer = author.act("reply:q-1", **{"text-q-1": "Merci pour **votre** question."})
    assert answer.status_code == 303
    assert published(content, "q-1")
    [reply] = [p for p in (content / "comments" / "media-social").glob("*.md")
               if read_comment(p).parent == "q-1"]
    comment = read_comment(reply)
    assert comment.role == "author" and comment.body == "Merci pour **votre** question."
    empty = author.act("reply:wp-11", **{"text-wp-11": "  "})
    assert empty.status_code == 303 and "réponse vide" in author.page().text


def test_selections_and_the_spam_and_rejected_tabs(author, queue, content):
    for cid in ("s-1", "s-2", "s-3", "s-4"):
        queued(queue, content, cid)
    author.login()
    author.act("approve-selected", ["s-1", "s-2"])
    assert published(content, "s-1") and published(content, "s-2")
    author.act("spam-selected", ["s-3", "s-4"])
    assert sorted(p.stem for p in (queue / "spam").glob("*.md")) == ["s-3", "s-4"]
    assert "Aucun commentaire coché" in (author.act("approve-selected") and author.page().text)
    spam_tab = author.page("spam").text
    assert 'id="c-s-3"' in spam_tab and "Remettre en attente" in spam_tab
    author.act("restore:s-3", state="spam")
    assert pending_ids(queue) == ["s-3"]
    author.act("delete:s-4", state="spam")
    assert not (queue / "spam" / "s-4.md").exists()
    # Deleting is for spam and rejected comments only, through the moderation layer's check.
    author.act("delete:s-3", state="spam")
    assert pending_ids(queue) == ["s-3"]
    author.act("reject:s-3")
    author.act("restore-selected", ["s-3"], state="rejected")
    assert pending_ids(queue) == ["s-3"]


def test_a_refused_action_says_why(author, queue, content):
    comment = Comment(id="x-1", author="Anne", date=NOW, body="Sur un article disparu.", post="disparu")
    Queue(queue, content).add(comment, "pending")
    author.login()
    author.act("approve:x-1")
    assert "article introuvable" in author.page().text and pending_ids(queue) == ["x-1"]
