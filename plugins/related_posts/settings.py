"""The RELATED_POSTS setting, declared once: one frozen dataclass, one line per key.

Checked once, at Pelican's `initialized` (declared_settings.on_initialized: every
problem listed, the build stops), stored under `RELATED_POSTS_SETTINGS`;
`related_posts_settings()` is the one loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from declared_settings import at_least, doc, load, stored_key

_COUNT = at_least(0, "entier positif")
_NUMBER = at_least(0, "nombre positif")
_SHARE = at_least(0, "nombre positif (une part, entre 0 et 1)")


@dataclass(frozen=True)
class RelatedPosts:
    """RELATED_POSTS = {...} in pelicanconf.py, merged over these defaults.

    Score = tags * (sum of the shared tags' rarity, each in ]0, 1])
          + category * (1 if same category)
          + text * (cosine similarity of the texts, in [0, 1])."""

    count: int = doc("How many related articles each article shows.", 4, rule=_COUNT)
    tags_weight: float = doc("Weight of the shared tags (rarer tags weigh more).", 1.0, rule=_NUMBER)
    category_weight: float = doc("Weight of the same category.", 0.3, rule=_NUMBER)
    text_weight: float = doc("Weight of the similarity of the texts (TF-IDF).", 2.0, rule=_NUMBER)
    terms_per_article: int = doc("The most informative stemmed terms kept of each article.", 30, rule=_COUNT)
    min_word_length: int = doc("Shorter words are not terms.", 3, rule=_COUNT)
    max_term_share: float = doc("A term found in more than this share of the articles links nothing useful.",
                                0.5, rule=_SHARE)
    # Speed bounds, which keep the work linear in the number of articles.
    max_postings: int = doc("Speed bound: each term's index keeps the articles where it weighs most, "
                            "this many.", 15, rule=_COUNT)
    max_lookups: int = doc("Speed bound: an article reads at most this many index entries, most "
                           "informative terms first.", 100, rule=_COUNT)
    max_tag_postings: int = doc("Speed bound: a tag on more articles is common; it adds its (small) bonus "
                                "to the candidates found otherwise and brings only its newest articles "
                                "as candidates.", 50, rule=_COUNT)


def related_posts_settings(settings: Mapping[str, Any]) -> RelatedPosts:
    """The one loader: the object checked at `initialized` (during a build), else Pelican's
    `settings["RELATED_POSTS"]` parsed; declared_settings.SettingsError lists every problem."""
    stored = settings.get(stored_key("RELATED_POSTS"))
    if isinstance(stored, RelatedPosts):
        return stored
    return load(RelatedPosts, settings.get("RELATED_POSTS"), "RELATED_POSTS")
