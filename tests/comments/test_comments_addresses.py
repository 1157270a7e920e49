"""One reader, one address: a list, a display name or a bad domain is no address,
and a reply notification never goes to several recipients (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from comments.core.addresses import single_address
from comments.core.model import Comment
from comments.core.settings import Notify
from comments.storage.mail import notify_reader


@pytest.mark.parametrize("value", ["root,victim@example.org", "a@example.fr;b@example.org", "a@example.fr b@example.org",
                                   "Marie <marie@example.fr>", '"a,b"@example.fr', "marie@localhost", "marie@",
                                   "@example.fr", "marie@example.fr\nBcc: x@example.org", "", None, "a" * 250 + "@x.fr"])
def test_anything_but_one_address_is_refused(value):
    assert single_address(value) is None


def test_one_address_is_kept_with_its_domain_normalised():
    assert single_address(" marie@example.fr ") == "marie@example.fr"
    assert single_address("Marie@Example.FR") == "Marie@example.fr"


def test_a_reply_notification_goes_to_one_recipient_only(smtp, tmp_path):
    controller, inbox = smtp
    notify = Notify(host="127.0.0.1", port=controller.port, sender="blog@example.fr", to="lionel@example.fr")
    parent = Comment(id="p-1", author="Marie", date=datetime(2026, 11, 2, tzinfo=UTC), body="Question ?")
    common = {"notify": notify, "title": "Mon article", "link": None, "service": "https://blog.example.fr",
              "queue_root": tmp_path / "moderation"}
    # A queue file written before addresses were checked: refused, nothing sent.
    assert notify_reader(parent, None, to="root,victim@example.org", **common) is False
    assert notify_reader(parent, None, to="marie@example.fr", **common) is True
    [message] = inbox.wait(1)
    assert message["To"] == "marie@example.fr"
