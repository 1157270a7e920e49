"""What the e-mail tests' SMTP server (the `smtp` fixture of tests/conftest.py) receives."""

from __future__ import annotations

import email
import email.policy
import time


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def wait(self, count: int, timeout: float = 20) -> list:
        """The messages, once `count` have arrived (or the timeout has passed)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages
