"""The one exception of the moderation library; the CLI turns it into an exit, the page into a message."""

from __future__ import annotations


class ModerationError(Exception):
    """A refused action, with the French message the author reads (`code`: the CLI's exit status)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message = message
        self.code = code
