"""The scoring core on hand-made documents whose expected order follows from the rules."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from declared_settings import SettingsError
from related_posts.scoring import Doc, compute_related
from related_posts.settings import RelatedPosts, related_posts_settings

BASE = datetime(2015, 1, 1, 9, 0, tzinfo=UTC)

MARKETING = (
    "Les médias sociaux demandent du temps à une PME : publier sur Twitter, animer LinkedIn, "
    "répondre aux abonnés, mesurer l’audience et la notoriété de la marque."
)
MARKETING_TOO = (
    "Animer ses médias sociaux : une PME publie sur Twitter et LinkedIn, répond à ses abonnés "
    "et mesure sa notoriété, son audience, sa marque."
)
COOKING = "Une recette de gâteau au chocolat : farine, beurre, œufs, sucre, cuisson au four doux."


def doc(slug: str, days: int = 0, tags: tuple[str, ...] = (), category: str = "c", text: str = "",
        lang: str = "fr") -> Doc:
    return Doc(slug=slug, lang=lang, date=BASE + timedelta(days=days), tags=tags, category=category, text=text)


def test_shared_rare_tag_beats_shared_common_tag():
    docs = [
        doc("a", 0, ("rare", "common")),
        doc("b", 1, ("rare",)),
        doc("c", 2, ("common",)),
        doc("d", 3, ("common",)),
        doc("e", 4, ("common",)),
    ]
    related = compute_related(docs)
    # b shares the rare tag; c, d, e share the common one and tie: newest first.
    assert related["a"] == ["b", "e", "d", "c"]


def test_more_shared_tags_score_higher():
    docs = [doc("a", 0, ("x", "y", "z")), doc("b", 1, ("x",)), doc("c", 0, ("x", "y")), doc("d", 2, ("q",))]
    assert compute_related(docs)["a"][:2] == ["c", "b"]


def test_same_text_theme_beats_unrelated_text():
    docs = [
        doc("a", 0, text=MARKETING),
        doc("cuisine", 5, text=COOKING),  # newer: would win a tie
        doc("reseaux", 1, text=MARKETING_TOO),
    ]
    assert compute_related(docs)["a"][0] == "reseaux"


def test_text_is_compared_through_stems():
    # Different inflections of the same words still match.
    docs = [
        doc("a", 0, category="x", text="Externaliser la gestion des réseaux sociaux de l’entreprise"),
        doc("b", 1, category="y", text="L’externalisation et le réseau social des entreprises : gérer"),
        doc("c", 2, category="z", text="Photographier des paysages de montagne en hiver"),
    ]
    assert compute_related(docs)["a"] == ["b"]


def test_same_category_bonus():
    docs = [
        doc("a", 0, ("t",), category="strategie"),
        doc("other-category", 9, ("t",), category="cuisine"),  # newer: would win a tie
        doc("same-category", 1, ("t",), category="strategie"),
    ]
    assert compute_related(docs)["a"] == ["same-category", "other-category"]


def test_short_lists_are_filled_from_the_same_category_only():
    docs = [doc("a", 0, category="x"), doc("b", 1, category="x"), doc("c", 2, category="y")]
    related = compute_related(docs)
    assert related == {"a": ["b"], "b": ["a"], "c": []}


def test_ties_break_on_newer_date_then_slug():
    docs = [
        doc("a", 0, ("t",)),
        doc("old", 1, ("t",)),
        doc("new-z", 5, ("t",)),
        doc("new-b", 5, ("t",)),
        doc("mid", 3, ("t",)),
    ]
    assert compute_related(docs)["a"] == ["new-b", "new-z", "mid", "old"]


def test_count_is_respected_and_never_itself():
    docs = [doc(f"d{k}", k, ("t", f"u{k % 2}"), text=MARKETING) for k in range(9)]
    for n in (1, 2, 4):
        related = compute_related(docs, RelatedPosts(count=n))
        assert all(len(slugs) == n for slugs in related.values())
        assert all(slug not in slugs for slug, slugs in related.items())


def test_languages_are_kept_apart():
    docs = [
        doc("fr-a", 0, ("t",), text=MARKETING),
        doc("fr-b", 1, ("t",), text=MARKETING_TOO),
        doc("en-a", 2, ("t",), text=MARKETING, lang="en"),
        doc("en-b", 3, ("t",), text=MARKETING_TOO, lang="en"),
    ]
    related = compute_related(docs)
    assert related == {"fr-a": ["fr-b"], "fr-b": ["fr-a"], "en-a": ["en-b"], "en-b": ["en-a"]}


def test_result_does_not_depend_on_input_order():
    rng = random.Random(3)
    words = MARKETING.split() + COOKING.split()
    docs = [
        doc(f"d{k:02d}", k % 7, tuple(rng.sample(["a", "b", "c", "d", "e", "f"], 2)),
            category=rng.choice("xyz"), text=" ".join(rng.sample(words, 15)))
        for k in range(30)
    ]
    expected = compute_related(docs)
    for _ in range(3):
        rng.shuffle(docs)
        assert compute_related(docs) == expected


def test_weights_come_from_settings():
    docs = [
        doc("a", 0, ("t",), category="x", text=MARKETING),
        doc("tag-only", 1, ("t",), category="y", text=COOKING),
        doc("text-only", 2, (), category="z", text=MARKETING_TOO),
    ]
    assert compute_related(docs, RelatedPosts(text_weight=0.0))["a"] == ["tag-only"]
    assert compute_related(docs, RelatedPosts(tags_weight=0.0))["a"][0] == "text-only"


def test_terms_cache_gives_the_same_result():
    docs = [doc(f"d{k}", k, ("t",), text=MARKETING if k % 2 else COOKING) for k in range(6)]
    cache: dict = {}
    first = compute_related(docs, terms_cache=cache)
    assert cache
    assert compute_related(docs, terms_cache=cache) == first


def parse(user):
    return related_posts_settings({"RELATED_POSTS": user})


def test_unknown_setting_is_an_error_naming_the_key():
    with pytest.raises(SettingsError, match="cuont"):
        parse({"cuont": 3})
    # Every problem at once: the unknown key (with the nearest known one) and the bad value.
    with pytest.raises(SettingsError) as error:
        parse({"cuont": 3, "count": 2, "text_weight": "lots", "max_postings": -1})
    assert str(error.value).splitlines() == [
        "RELATED_POSTS['cuont'] : clé inconnue (vouliez-vous dire « count » ?)",
        "RELATED_POSTS['text_weight'] : valeur invalide 'lots' (attendu : nombre positif)",
        "RELATED_POSTS['max_postings'] : valeur invalide -1 (attendu : entier positif)",
    ]
    with pytest.raises(SettingsError, match="dictionnaire"):
        parse([("count", 2)])


def test_defaults_are_used_for_missing_keys():
    assert parse(None) == RelatedPosts()
    assert parse({"count": 6}) == RelatedPosts(count=6)
    assert parse({"text_weight": 1}).text_weight == 1  # an int is a number


def test_common_tags_still_add_their_bonus_when_they_bring_no_candidates():
    docs = [
        doc("a", 0, ("common", "x"), text=MARKETING),
        doc("b", 1, ("common",), text=MARKETING_TOO),
        doc("c", 2, (), text=MARKETING_TOO),
        doc("d", 3, ("common",), text=COOKING),
        doc("e", 4, ("common",), text=COOKING),
        doc("f", 5, ("common",), text=COOKING),
    ]
    full = compute_related(docs)
    # "common" is on 5 articles: above a cap of 2 it is read through set lookups.
    capped = compute_related(docs, RelatedPosts(max_tag_postings=2))
    assert capped == full
    assert full["a"][:2] == ["b", "c"]


def test_caps_bound_the_work_but_keep_small_corpora_exact():
    rng = random.Random(7)
    words = (MARKETING + " " + COOKING).split()
    docs = [
        doc(f"d{k:02d}", k, tuple(rng.sample("abcdefgh", 3)), category=rng.choice("xy"),
            text=" ".join(rng.sample(words, 12)))
        for k in range(40)
    ]
    exact = compute_related(docs, RelatedPosts(max_postings=1000, max_lookups=10**6, max_tag_postings=1000))
    assert compute_related(docs, RelatedPosts(max_postings=40, max_lookups=10**6, max_tag_postings=40)) == exact
    # Tight caps still give full, valid lists.
    tight = compute_related(docs, RelatedPosts(max_postings=2, max_lookups=4, max_tag_postings=3))
    assert all(len(v) == 4 and k not in v for k, v in tight.items())
