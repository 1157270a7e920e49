"""Reading a request's body for the comment service: bounded, and quiet when the client leaves.

Shared by the form receiver (intake) and the moderation page, which may not import each other
for it: a client that drops mid-upload (Starlette's ClientDisconnect) is one INFO line without
its address, never a traceback nor a 5xx.
"""

from __future__ import annotations

import logging

from starlette.requests import ClientDisconnect, Request

logger = logging.getLogger(__name__)


class TooLarge(Exception):
    """The body passed the limit (nothing more was read)."""


class Dropped(Exception):
    """The client left before the end of the body (already logged)."""


async def read_body(request: Request, limit: int, who: str) -> bytes:
    """The request body, refused (TooLarge) as soon as it passes `limit` bytes; Dropped, after
    one log line "`who` : envoi interrompu…", when the client disconnects mid-upload."""
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge
            chunks.append(chunk)
    except ClientDisconnect:
        logger.info("%s : envoi interrompu par le client avant la fin", who)
        raise Dropped from None
    return b"".join(chunks)
