"""The author's moderation page and e-mail actions, served by the comment service under /moderation/."""

from __future__ import annotations

from collections.abc import Callable

from starlette.routing import Route

from ..intake.config import IntakeConfig


def moderation_routes(config: IntakeConfig, post_of: Callable) -> list[Route]:
    """Every route under /moderation/; `post_of(slug)` gives the article (the receiver's catalog)."""
    from . import mail_links, routes
    from .web import Web

    web = Web(config, post_of)
    return [*routes.make_routes(web), *mail_links.make_routes(web)]
