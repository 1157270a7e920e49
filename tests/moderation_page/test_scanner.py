"""A mail scanner (Safe Links and the like) opens every link it sees, with GET and HEAD: every link
of every e-mail and of the moderation page, logged in and not. Nothing in the queue or the store changes."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import httpx

from tests.comments.importers.import_helpers import snapshot
from tests.moderation_page.conftest import Author, pending_ids

URL = re.compile(r"https?://[^\s<>\"']+")
HREF = re.compile(r'(?:href|action|src)="([^"]+)"')


def links_in(message) -> set[str]:
    found = set()
    for part in message.walk():
        if part.get_content_maintype() == "text":
            found |= set(URL.findall(unescape(part.get_content())))
    if message["List-Unsubscribe"]:
        found.add(message["List-Unsubscribe"].strip("<>"))
    return found


def test_opening_every_link_changes_nothing(mail_service, queue, content):
    server, inbox = mail_service
    author = Author(server.url)
    author.comment(body="Publié, avec abonnement.")
    [published] = pending_ids(queue)
    author.login()
    author.act(f"approve:{published}")  # the reader is told: published, then answered
    author.act(f"reply:{published}", **{f"text-{published}": "Merci !"})
    author.comment(body="En attente, un.")
    author.comment(body="En attente, deux.")
    author.act(f"spam:{pending_ids(queue)[0]}")
    messages = inbox.wait(5)
    assert len(messages) == 5, [m["Subject"] for m in messages]
    watched = (queue / "pending", queue / "spam", queue / "rejected", content / "comments",
               queue / "subscribers.json", queue / "used-tokens.json")
    before = snapshot(*watched)
    assert before and (queue / "subscribers.json").is_file()

    start = {link for m in messages for link in links_in(m)}
    start |= {server.url + "/moderation/", server.url + "/moderation/?etat=spam", server.url + "/moderation/login"}
    assert sum("/moderation/courriel/" in u for u in start) == 3 * 4
    assert any("/moderation/desabonnement/" in u for u in start)
    anonymous = httpx.Client(timeout=30)
    seen: set[tuple[str, str, str]] = set()
    todo = [u for u in start if urlsplit(u).netloc == urlsplit(server.url).netloc]
    visited = 0
    while todo:
        url = todo.pop()
        for who, client in (("author", author.http), ("anonymous", anonymous)):
            for method in ("GET", "HEAD"):
                if (who, method, url) in seen:
                    continue
                seen.add((who, method, url))
                answer = client.request(method, url, follow_redirects=True)
                visited += 1
                assert answer.status_code < 500, (url, answer.status_code)
                for href in HREF.findall(answer.text if method == "GET" else ""):
                    target = urljoin(str(answer.url), unescape(href))
                    if urlsplit(target).netloc == urlsplit(server.url).netloc and target not in start:
                        start.add(target)
                        todo.append(target)
    assert visited > 60
    assert snapshot(*watched) == before
    # And the author's session survived being opened by all this.
    assert author.page().status_code == 200
