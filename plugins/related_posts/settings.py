"""The RELATED_POSTS settings dict: documented defaults, merged and validated."""

from __future__ import annotations

from typing import Any

# Every key RELATED_POSTS accepts, with its default. README.md documents them.
DEFAULTS: dict[str, Any] = {
    # How many related articles each article shows.
    "count": 4,
    # Score = tags * (sum of the shared tags' rarity, each in ]0, 1])
    #       + category * (1 if same category)
    #       + text * (cosine similarity of the texts, in [0, 1]).
    "tags_weight": 1.0,
    "category_weight": 0.3,
    "text_weight": 2.0,
    # Text: keep the most informative stemmed terms of each article (TF-IDF).
    "terms_per_article": 30,
    "min_word_length": 3,
    # A term found in more than this share of the articles links nothing useful.
    "max_term_share": 0.5,
    # Speed bounds, which keep the work linear in the number of articles.
    # Text: each term's index keeps the `max_postings` articles where it weighs
    # most; an article reads at most `max_lookups` index entries, most
    # informative terms first. Tags: a tag on more than `max_tag_postings`
    # articles is common; it adds its (small) bonus to the candidates found
    # otherwise, and brings only its newest articles as candidates.
    "max_postings": 15,
    "max_lookups": 100,
    "max_tag_postings": 50,
}

_NUMBER_KEYS = {"tags_weight", "category_weight", "text_weight", "max_term_share"}


class SettingsError(ValueError):
    """A RELATED_POSTS key that is unknown or has a wrong value."""


def check_settings(user: Any) -> tuple[dict[str, Any], list[str]]:
    """(DEFAULTS updated with the valid keys of `user`, one French message per
    unknown key or invalid value)."""
    merged = dict(DEFAULTS)
    if user is None:
        return merged, []
    if not isinstance(user, dict):
        return merged, [f"RELATED_POSTS doit être un dictionnaire, pas {type(user).__name__}"]
    errors = []
    for key, value in user.items():
        if key not in DEFAULTS:
            known = ", ".join(sorted(DEFAULTS))
            errors.append(
                f"RELATED_POSTS\u00a0: clé inconnue «\u202f{key}\u202f» (clés connues\u00a0: {known})"
            )
            continue
        number = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        if not number or (key not in _NUMBER_KEYS and not isinstance(value, int)):
            kind = "un nombre positif" if key in _NUMBER_KEYS else "un entier positif"
            errors.append(f"RELATED_POSTS\u00a0: «\u202f{key}\u202f» doit être {kind}, pas {value!r}")
            continue
        merged[key] = value
    return merged, errors


def merge_settings(user: Any) -> dict[str, Any]:
    """DEFAULTS updated with `user`; raises SettingsError at the first bad key."""
    merged, errors = check_settings(user)
    if errors:
        raise SettingsError(errors[0])
    return merged
