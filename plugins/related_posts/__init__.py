"""Related posts: for each published article, the most related ones in its language.

The scoring core (`related_posts.scoring.compute_related`) knows nothing of
Pelican; `plugin.link_related` feeds it the published articles once per build,
at `all_generators_finalized` (every page is known, so the articles' HTML, read
through the public `content`, has its links resolved), and sets `article.related_posts`; the
`related_excerpt` filter (excerpt.py) gives the words shown under each title.
Settings: one dict, RELATED_POSTS (declared in `related_posts.settings.RelatedPosts`, checked at
`initialized` with the other declared settings).
"""

from __future__ import annotations

from declared_settings import declare
from pelican import signals

from .excerpt import add_filter, forget
from .plugin import on_all_generators
from .scoring import Doc, compute_related
from .settings import RelatedPosts

__all__ = ["Doc", "compute_related", "register"]


def register() -> None:
    declare("RELATED_POSTS", RelatedPosts)
    signals.initialized.connect(add_filter)
    signals.article_generator_init.connect(forget)
    signals.all_generators_finalized.connect(on_all_generators)
