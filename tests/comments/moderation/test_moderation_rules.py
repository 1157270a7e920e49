"""Auto-moderation rules: WordPress's defaults and behaviour."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from comments.core.model import Comment
from comments.core.settings import Moderation
from comments.moderation.rules import Verdict, moderate
from comments.storage.known_authors import KnownAuthors

DEFAULTS = Moderation()


def new(body="Bonjour, merci pour l'article.", author="Anne", email="anne@example.org", website=None):
    return Comment(id="abc", author=author, date=datetime(2024, 1, 1, tzinfo=UTC), body=body,
                   email=email, website=website, post="article")


def test_a_first_comment_waits():
    assert moderate(new(), DEFAULTS, KnownAuthors()) == Verdict("pending", ("premier commentaire de cet auteur",))


def test_more_links_than_max_links_holds():
    body = "Voir https://a.example, [b](http://b.example) et www.c.example"
    verdict = moderate(new(body), DEFAULTS, KnownAuthors())
    assert verdict.state == "pending" and verdict.reasons == ("3 liens (plus de 2)",)
    assert moderate(new("https://a.example et https://b.example"), DEFAULTS, KnownAuthors()).reasons == (
        "premier commentaire de cet auteur",)


def test_moderation_words_hold_case_insensitively_in_every_field():
    settings = Moderation(moderation_words=("Casino", " ", "viagra"))
    verdict = moderate(new(author="Roi du CASINO"), settings, KnownAuthors())
    assert verdict == Verdict("pending", ("mot à modérer : «\u00a0Casino\u00a0»",))
    assert moderate(new(website="https://viagra.example/"), settings, KnownAuthors()).state == "pending"
    assert moderate(new(email="x@viagra.example"), settings, KnownAuthors()).state == "pending"


def test_disallowed_words_send_to_spam_before_anything_else():
    settings = Moderation(disallowed_words=("pilules",), auto_approve_known_authors=True)
    known = KnownAuthors()
    known.add("Anne", "anne@example.org")
    assert moderate(new("Des PILULES pas chères"), settings, known) == Verdict(
        "spam", ("mot interdit : «\u00a0pilules\u00a0»",))


def test_known_authors_are_approved_only_when_the_setting_is_on(tmp_path):
    path = tmp_path / "known-authors.json"
    known = KnownAuthors(path)
    known.add(" ANNE ", "Anne@Example.org")
    known.save()
    stored = json.loads(path.read_text())
    assert len(stored) == 1 and "anne" not in path.read_text().lower()  # hashes only
    known = KnownAuthors(path)
    assert known.is_known("anne", "anne@example.org") and not known.is_known("anne", "other@example.org")
    assert moderate(new(), DEFAULTS, known) == Verdict("pending", ("en attente de modération",))
    on = Moderation(auto_approve_known_authors=True)
    assert moderate(new(), on, known).state == "approved"
    # Rules that hold still hold a known author.
    assert moderate(new("a https://1.example https://2.example https://3.example"), on, known).state == "pending"
    assert moderate(new(email=None), on, known).reasons == ("premier commentaire de cet auteur",)
