"""Every kind of page the moderation service writes is valid HTML5 (Nu HTML Checker), in French."""

from __future__ import annotations

import httpx
from comments.moderation_page import tokens
from comments.storage.mail import unsubscribe_url

from tests.moderation_page.test_actions import queued
from tests.site.test_validity import nu_errors


def test_the_pages_are_valid_html(author, queue, content, tmp_path):
    queued(queue, content, "p-1", minutes=30, email="anne@example.org")
    queued(queue, content, "r-1", parent="p-1", minutes=5, held=["2 liens", "mot « casino »"])
    queued(queue, content, "s-1", state="spam")
    pages = {"login": author.http.get("/moderation/login"), "wrong-password": author.login("faux mot de passe")}
    author.login()
    links = tokens.links(queue, author.url, "r-1")
    pages |= {
        "queue": author.page(), "spam": author.page("spam"), "empty": author.page("rejected"),
        "confirm": httpx.get(links["approve"]), "reply": httpx.get(links["reply"]),
        "bad-link": httpx.get(links["approve"].replace("/approve/", "/reject/")),
        "unsubscribe": httpx.get(unsubscribe_url(author.url, queue, "p-1")),
        "refused": author.http.post("/moderation/action", data={"do": "approve:r-1"}),
    }
    files = []
    for name, answer in pages.items():
        assert answer.headers["content-type"].startswith("text/html"), name
        assert '<html lang="fr">' in answer.text, name
        path = tmp_path / f"{name}.html"
        path.write_text(answer.text, encoding="utf-8")
        files.append(path)
    # COMMENTS['typography'] (the french plugin's, in pelicanconf.py) over every page.
    assert "Pour les commentaires cochés\u00a0:" in pages["queue"].text
    assert nu_errors(files) == []
