"""Moderation verdicts decide where a submission goes; the catalog follows the content folder."""

from __future__ import annotations

import os

import httpx
from comments.core.comment_file import read_comment
from comments.intake.server import BackgroundServer
from comments.storage.known_authors import KnownAuthors
from comments.storage.posts import Catalog

from tests.intake.intake_helpers import SITE, all_files, queue_files, valid


def post(server, **fields):
    return httpx.post(server.url + "/comment", data=valid(**fields), headers={"Origin": SITE})


def test_rules_hold_or_send_to_spam(make_config, tmp_path):
    rules = {"moderation": {"disallowed_words": ["viagra"], "moderation_words": ["promo"]}}
    with BackgroundServer(make_config(comments=rules)) as server:
        assert post(server, body="Achetez du VIAGRA ici").status_code == 303
        assert post(server, body="Une promo pour vous").status_code == 303
        assert post(server, body="a http://a.fr b http://b.fr c http://c.fr").status_code == 303
    found = {p.parent.name + ":" + " ".join(",".join(read_comment(p, queue=True).held).split())
             for p in queue_files(tmp_path)}
    assert found == {
        "spam:mot interdit : « viagra »",
        "pending:mot à modérer : « promo »",
        "pending:3 liens (plus de 2)",
    }


def test_a_known_author_is_published_at_once_when_the_setting_is_on(make_config, tmp_path, content):
    known = KnownAuthors(tmp_path / "moderation" / "known-authors.json")
    known.add("Marie Dupont", "marie@example.fr")
    known.save()
    before = all_files(tmp_path)
    rules = {"moderation": {"auto_approve_known_authors": True}}
    with BackgroundServer(make_config(comments=rules)) as server:
        answer = post(server)
        assert answer.status_code == 303
        assert answer.headers["location"].endswith("/2013/04/media-social/#commentaire-publie")
        # A stranger still waits.
        assert post(server, author="Paul", email="paul@example.fr").headers["location"].endswith(
            "#commentaire-en-attente")
    [published] = (all_files(tmp_path) - before) & set((content / "comments").rglob("*.md"))
    text = published.read_text(encoding="utf-8")
    assert "marie@example.fr" not in text and "post:" not in text and "held:" not in text
    assert read_comment(published).author == "Marie Dupont"
    assert [p.parent.name for p in queue_files(tmp_path)] == ["pending"]


def test_the_catalog_sees_new_articles_and_newly_approved_comments(make_config, content):
    (content / "pages" / "confidentialite.md").write_text("Title: Confidentialité\n\nTexte.\n")
    (content / "pages" / "livre.md").write_text("Title: Livre d'or\ncomments: open\n\nSignez.\n")
    config = make_config()
    catalog = Catalog(config.settings, config.comments_dir, interval=0)
    assert catalog.post("media-social").url == "2013/04/media-social/"
    assert catalog.post("ferme").comments_mode == "closed"
    assert catalog.post("brouillon") is None
    assert catalog.post("confidentialite").comments_mode == "closed"  # pages only when they say so
    assert catalog.post("livre-dor").url == "livre-dor/" and catalog.post("livre-dor").comments_mode == "open"
    assert catalog.has_comment("media-social", "wp-11")
    assert not catalog.has_comment("media-social", "wp-12")
    # Empty or invalid: closed, as the build shows it (comments.core.model.comments_mode).
    for name, value in (("vide", ""), ("ouvert", "ouvert")):
        (content / "articles" / f"{name}.md").write_text(
            f"Title: {name}\nDate: 2020-01-01\nSlug: {name}\nComments: {value}\n\nTexte.\n")
        assert catalog.post(name).comments_mode == "closed", value
    assert not catalog.has_comment("ferme", "wp-11")

    folder = content / "comments" / "media-social"
    (folder / "wp-12.md").write_text("id: wp-12\nauthor: A\ndate: 2013-05-03T10:00:00+02:00\n\nOui.\n")
    os.utime(folder, ns=(1, 1))  # a different mtime even on a coarse-grained file system
    (content / "articles" / "nouveau.md").write_text("Title: Nouveau\nDate: 2020-02-03\n\nTexte.\n")
    assert catalog.has_comment("media-social", "wp-12")
    assert catalog.post("nouveau").url == "2020/02/nouveau/"  # slug from the title, as Pelican does
    (content / "articles" / "nouveau.md").unlink()
    assert catalog.post("nouveau") is None
