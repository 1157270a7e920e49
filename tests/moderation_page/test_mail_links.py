"""E-mail moderation against a real SMTP server (aiosmtpd on 127.0.0.1): the author's links need one
confirmation click, act once, and only as signed; readers hear of their comment, can unsubscribe
in one click (RFC 8058), and are written to only when they asked."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import httpx
from comments.core.comment_file import read_comment
from comments.core.model import Comment
from comments.intake.server import BackgroundServer
from comments.moderation_page import tokens
from comments.moderation_page.tokens import make_token
from comments.storage.queue import Queue
from comments.storage.signing import digest, secret_key

from tests.comments.importers.import_helpers import snapshot
from tests.moderation_page.conftest import Author, pending_ids

FORM = re.compile(r'<form method="post" action="([^"]+)">.*?name="csrf" value="([^"]*)"', re.S)


def links_of(message) -> dict[str, str]:
    text = message.get_body(("plain",)).get_content()
    return dict(re.findall(r"^(Approuver|Rejeter|Indésirable|Répondre) : (\S+?)\r?$", text, re.M))


def confirm(url: str, **fields) -> httpx.Response:
    """Open the link, then press the page's one button (as the author's browser would)."""
    page = httpx.get(url)
    assert page.status_code == 200, page.text
    action, csrf = FORM.search(page.text).groups()
    assert page.text.count("<button") == 1
    base = url.split("/moderation/")[0]
    return httpx.post(base + action, data={"csrf": csrf, **fields}, headers={"Origin": base})


def test_the_approve_link_publishes_after_one_confirmation(mail_service, queue, content):
    server, inbox = mail_service
    Author(server.url).comment(body="Une question <img src=https://tracker.example/p.gif>",
                               email="marie@example.fr", notify="1")
    [message] = inbox.wait(1)
    [cid] = pending_ids(queue)
    links = links_of(message)
    assert set(links) == {"Approuver", "Rejeter", "Indésirable", "Répondre"}
    html = message.get_body(("html",)).get_content()
    assert "<img" not in html and "&lt;img src=https://tracker.example/p.gif&gt;" in html
    assert all(href.startswith(server.url) or href.startswith("/") for href in re.findall(r'href="([^"]+)"', html))
    done = confirm(links["Approuver"])
    assert done.status_code == 200 and "Le commentaire est approuvé" in done.text
    assert read_comment(content / "comments" / "media-social" / f"{cid}.md").author == "Marie Dupont"
    # The reader asked to be told: they hear their comment is published, with a one-click unsubscribe.
    [_, told] = inbox.wait(2)
    assert told["To"] == "marie@example.fr" and "est publié" in told["Subject"]
    assert told["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = told["List-Unsubscribe"].strip("<>")
    assert unsubscribe in told.get_body(("plain",)).get_content()
    # RFC 8058: the mail provider POSTs from elsewhere, with no cookie and no page.
    one_click = httpx.post(unsubscribe, data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert "marie@example.fr" not in (queue / "subscribers.json").read_text()


def test_a_link_cannot_act_twice_nor_for_another_action_nor_another_comment(mail_service, queue, content):
    server, inbox = mail_service
    author = Author(server.url)
    author.comment()
    author.comment(body="Un second commentaire.")
    first, second = inbox.wait(2)
    ids = pending_ids(queue)
    by_id = {re.search(r"/approve/([a-z0-9-]+)/", links_of(m)["Approuver"]).group(1): links_of(m)
             for m in (first, second)}
    one, other = by_id[ids[0]], by_id[ids[1]]
    before = snapshot(queue / "pending", queue / "spam", queue / "rejected", content / "comments")
    # The approve token at the reject address; one comment's token on the other comment.
    approve_token = one["Approuver"].rsplit("/", 1)[1]
    wrong_action = one["Rejeter"].rsplit("/", 1)[0] + "/" + approve_token
    wrong_comment = other["Rejeter"].rsplit("/", 2)[0] + f"/{ids[1]}/" + one["Rejeter"].rsplit("/", 1)[1]
    tampered = one["Rejeter"][:-3] + ("aaa" if not one["Rejeter"].endswith("aaa") else "bbb")
    key = secret_key(queue)
    for url, reason in ((wrong_action, "pas à le rejeter"), (wrong_comment, "un autre commentaire"),
                        (tampered, "pas valide")):
        # The POST carries the confirmation page's right CSRF value for that token: only the
        # token's own check can refuse it.
        csrf = digest(key, "confirm", url.rsplit("/", 1)[1])
        for method in ("GET", "POST"):
            answer = httpx.request(method, url, data={"csrf": csrf} if method == "POST" else None,
                                   headers={"Origin": server.url})
            assert answer.status_code == 400 and reason in answer.text, (url, method, answer.status_code)
    assert snapshot(queue / "pending", queue / "spam", queue / "rejected", content / "comments") == before
    # Used once, the link is spent, even for a second click right after.
    assert "Le commentaire est rejeté" in confirm(one["Rejeter"]).text
    page = httpx.get(one["Rejeter"])
    assert page.status_code == 400 and "déjà servi" in page.text
    assert (queue / "rejected" / f"{ids[0]}.md").is_file()


def test_the_reply_link_offers_to_approve_a_pending_parent_too(mail_service, queue, content):
    """A reply link on a comment that answers one still pending (an import): the page offers the
    parent, ticked, as the approve link does; without it the link would be spent on an error."""
    server, _inbox = mail_service
    now = datetime.now(UTC).replace(microsecond=0)
    for cid, parent in (("p-1", None), ("r-1", "p-1")):
        Queue(queue, content).add(Comment(id=cid, author=f"Auteur {cid}", date=now, body=f"Le commentaire {cid}.",
                                          parent=parent, post="media-social"), "pending")
    url = f"{server.url}{tokens.LINK_PATH}reply/r-1/{make_token(secret_key(queue), 'r-1', 'reply')}"
    assert 'name="parents"' in httpx.get(url).text
    done = confirm(url, parents="1", text="Merci à vous deux.")
    assert "Votre réponse est publiée" in done.text, done.text
    store = content / "comments" / "media-social"
    assert {read_comment(p).id for p in store.glob("*.md")} >= {"p-1", "r-1"}
    assert [read_comment(p).role for p in store.glob("*.md") if read_comment(p).parent == "r-1"] == ["author"]


def test_an_expired_link_says_so_and_changes_nothing(queue, make_config):
    with BackgroundServer(make_config()) as server:
        author = Author(server.url)
        author.comment()
        [cid] = pending_ids(queue)
        old = make_token(secret_key(queue), cid, "approve", now=time.time() - 8 * 86400)
        answer = httpx.get(f"{server.url}{tokens.LINK_PATH}approve/{cid}/{old}")
        assert answer.status_code == 400 and "expiré" in answer.text and "Rien n’a été changé" in answer.text
        assert pending_ids(queue) == [cid]


def test_the_reply_link_publishes_the_authors_reply(mail_service, queue, content):
    server, inbox = mail_service
    Author(server.url).comment()
    [message] = inbox.wait(1)
    [cid] = pending_ids(queue)
    done = confirm(links_of(message)["Répondre"], text="Merci, bonne question.")
    assert "Votre réponse est publiée" in done.text
    replies = [read_comment(p) for p in (content / "comments" / "media-social").glob("*.md")]
    assert [r.role for r in replies if r.parent == cid] == ["author"]


def test_without_the_box_no_address_is_kept_nor_written_to(mail_service, queue, content):
    server, inbox = mail_service
    Author(server.url).comment(email="discret@example.fr", notify="")
    [cid] = pending_ids(queue)
    assert "discret@example.fr" not in (queue / "pending" / f"{cid}.md").read_text()
    [message] = inbox.wait(1)
    confirm(links_of(message)["Approuver"])
    time.sleep(0.5)
    assert [m["To"] for m in inbox.messages] == ["lionel@example.fr"]
