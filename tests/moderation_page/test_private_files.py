"""The service's secrets and state are private files under the queue (mode 600), never under content/."""

from __future__ import annotations

import re

import httpx

from tests.moderation_page.conftest import Author, pending_ids


def test_keys_sessions_and_spent_tokens_are_mode_600(mail_service, queue, content):
    server, inbox = mail_service
    author = Author(server.url)
    author.comment(notify="1")
    [cid] = pending_ids(queue)
    author.login()
    [message] = inbox.wait(1)
    link = re.search(r"^Rejeter : (\S+?)\r?$", message.get_body(("plain",)).get_content(), re.M)[1]
    page = httpx.get(link)
    csrf = re.search(r'name="csrf" value="([^"]*)"', page.text)[1]
    assert httpx.post(link, data={"csrf": csrf}, headers={"Origin": server.url}).status_code == 200
    assert (queue / "rejected" / f"{cid}.md").is_file()
    for name in ("author-password", "sessions.json", ".secret-key", "used-tokens.json"):
        path = queue / name
        assert path.is_file(), name
        assert path.stat().st_mode & 0o777 == 0o600, name
    secrets = [(queue / n).read_text().strip() for n in (".secret-key", "author-password")]
    for path in content.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(secret in text for secret in secrets), path
