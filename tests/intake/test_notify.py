"""E-mail notification of a new pending comment, against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import logging
import time

import httpx
from comments.intake.server import BackgroundServer

from tests.intake.intake_helpers import SITE, free_port, queue_files, valid


def notify_settings(port: int) -> dict:
    return {"notify": {"host": "127.0.0.1", "port": port, "from": "blog@example.fr", "to": "lionel@example.fr"}}


def test_the_author_gets_a_french_email_per_pending_comment(make_config, smtp, tmp_path):
    controller, inbox = smtp
    with BackgroundServer(make_config(comments=notify_settings(controller.port))) as server:
        answer = httpx.post(server.url + "/comment", headers={"Origin": SITE},
                            data=valid(body="Bonjour, une question sur Twitter ?"))
        assert answer.status_code == 303
        [message] = inbox.wait(1)
    [path] = queue_files(tmp_path)
    assert message["Subject"] == "Nouveau commentaire en attente sur « Média Social ou Médias Sociaux ? »"
    assert message["To"] == "lionel@example.fr" and message["From"] == "blog@example.fr"
    text = message.get_body(("plain",)).get_content()
    assert f"invoke comments.show {path.stem}" in text
    assert "Marie Dupont a laissé un commentaire" in text
    assert "> Bonjour, une question sur Twitter ?" in text
    assert "premier commentaire de cet auteur" in text


def test_the_link_uses_the_notify_siteurl(make_config, smtp):
    controller, inbox = smtp
    settings = notify_settings(controller.port)
    settings["notify"]["siteurl"] = "https://www.lionelboscher.fr/"
    with BackgroundServer(make_config(comments=settings)) as server:
        assert httpx.post(server.url + "/comment", headers={"Origin": SITE}, data=valid()).status_code == 303
        [message] = inbox.wait(1)
    assert "\nhttps://www.lionelboscher.fr/2013/04/media-social/\r\n" in message.get_body(("plain",)).get_content()


def test_spam_and_honeypot_send_nothing(make_config, smtp):
    controller, inbox = smtp
    config = make_config(comments={**notify_settings(controller.port),
                                   "moderation": {"disallowed_words": ["casino"]}})
    with BackgroundServer(config) as server:
        for data in (valid(hp="x"), valid(body="Le meilleur casino"), valid()):
            assert httpx.post(server.url + "/comment", data=data, headers={"Origin": SITE}).status_code == 303
        inbox.wait(1)
        time.sleep(0.5)  # give a wrongly sent second message the chance to arrive
    assert len(inbox.messages) == 1


def test_a_failing_smtp_server_is_logged_not_fatal(make_config, tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="comments.storage.mail")
    port = free_port()  # nobody listens there
    with BackgroundServer(make_config(comments=notify_settings(port))) as server:
        answer = httpx.post(server.url + "/comment", data=valid(), headers={"Origin": SITE})
        assert answer.status_code == 303
        deadline = time.monotonic() + 20
        while "Notification" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "Notification par e-mail non envoyée" in caplog.text
    assert len(queue_files(tmp_path)) == 1
