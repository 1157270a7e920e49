"""Related posts: for each published article, the most related ones in its language.

The scoring core (`related_posts.scoring.compute_related`) knows nothing of
Pelican; `plugin.link_related` feeds it the published articles once per build,
at `article_generator_finalized`, and sets `article.related_posts`.
Settings: one dict, RELATED_POSTS (see `related_posts.settings.DEFAULTS`).
"""

from __future__ import annotations

from pelican import signals

from .plugin import link_related
from .scoring import Doc, compute_related

__all__ = ["Doc", "compute_related", "register"]


def register() -> None:
    signals.article_generator_finalized.connect(link_related)
