"""The theme's settings (issue 15, item 3) are checked by the one shared validator, at
`initialized`, with COMMENTS and RELATED_POSTS: every problem of every setting in one
error, the build stopped; the value rules are declared with the keys."""

from __future__ import annotations

import re
import shutil

import pytest
from declared_settings import SettingsError, between, file_under, load, matching
from identity.settings import Identity
from images import Images
from reading import Reading
from search import Search

from tests.conftest import ROOT, run_pelican
from tests.theme.helpers import SEED, article_page, build, html_of, small_site


def test_bad_theme_and_comments_settings_are_listed_in_one_error_and_stop_the_build(tmp_path):
    content = small_site(tmp_path, {"a.md": "Title: A\nDate: 2020-01-02 10:00\nCategory: Essais\n\nTexte.\n"})
    output = tmp_path / "output"
    result = run_pelican(content, output, check=False, fatal=None, overrides={
        "SEARCH": {"index_coments": False},
        "IDENTITY": {"brand_colour": "bleu"},
        "COMMENTS": {"detph": 2},
    })
    log = " ".join((result.stdout + result.stderr).split())  # the log wraps long lines
    assert result.returncode != 0
    # One error (Pelican logs it, then its traceback repeats it) lists all three.
    error = log.split("Réglages invalides :")[1]
    for problem in ("SEARCH['index_coments'] : clé inconnue (vouliez-vous dire « index_comments » ?)",
                    "IDENTITY['brand_colour'] : valeur invalide 'bleu' (attendu : code couleur #rrggbb)",
                    "COMMENTS['detph'] : clé inconnue (vouliez-vous dire « depth » ?)"):
        assert problem in error, log
    assert not list(output.rglob("*.html"))


@pytest.mark.parametrize("setting, raw, problem", [
    (Identity, {"brand_colour": "#0a56a"}, "IDENTITY['brand_colour'] : valeur invalide '#0a56a'"),
    (Identity, {"links": [["E-mail"], "x"]}, "IDENTITY['links'] : valeur invalide"),
    (Search, {"comments_weight": 11}, "SEARCH['comments_weight'] : valeur invalide 11 (attendu : nombre entre 0 et 10)"),
    (Search, {"comments_weight": -0.5}, "SEARCH['comments_weight'] : valeur invalide -0.5"),
    (Reading, {"words_per_minute": 0}, "READING['words_per_minute'] : valeur invalide 0"),
    (Images, {"widths": [400, 0]}, "IMAGES['widths'] : valeur invalide [400, 0]"),
    (Images, {"eager_chars": -1}, "IMAGES['eager_chars'] : valeur invalide -1"),
])
def test_value_rules_are_declared_with_the_keys(setting, raw, problem):
    name = {Identity: "IDENTITY", Search: "SEARCH", Reading: "READING", Images: "IMAGES"}[setting]
    with pytest.raises(SettingsError, match="^" + re.escape(problem)):
        load(setting, raw, name)


def test_the_photo_must_exist_under_path():
    settings = {"PATH": str(ROOT / "content")}
    with pytest.raises(SettingsError) as error:
        load(Identity, {"photo": "images/absente.jpg"}, "IDENTITY", settings)
    assert str(error.value) == (f"IDENTITY['photo'] : valeur invalide 'images/absente.jpg' "
                                f"(attendu : fichier existant sous {ROOT / 'content'})")
    photo = next(p for p in (ROOT / "content" / "images").rglob("*.jpg"))
    relative = photo.relative_to(ROOT / "content").as_posix()
    assert load(Identity, {"photo": relative}, "IDENTITY", settings).photo == relative
    # Without Pelican's settings (no PATH to look under) the rule is left out.
    assert load(Identity, {"photo": "images/absente.jpg"}, "IDENTITY").photo == "images/absente.jpg"


def test_name_and_wordmark_fall_back_to_other_settings():
    site = {"AUTHOR": "Camille Martin", "SITENAME": "Le blog de Camille"}
    identity = load(Identity, {}, "IDENTITY", site)
    assert (identity.name, identity.wordmark, identity.initials) == ("Camille Martin", "Le blog de Camille", "CM")
    assert load(Identity, {}, "IDENTITY", {"SITENAME": "Le blog"}).name == "Le blog"
    assert load(Identity, {"name": "", "wordmark": None}, "IDENTITY", site).name == "Camille Martin"
    given = load(Identity, {"name": "Lionel Boscher", "wordmark": "LB"}, "IDENTITY", site)
    assert (given.name, given.wordmark) == ("Lionel Boscher", "LB")
    # None stays None where it means something (no « À propos » page), fallback or not.
    assert load(Identity, {"about_page": None}, "IDENTITY", site).about_page is None


def test_what_the_templates_read_is_frozen_all_the_way_down():
    identity = load(Identity, {"links": [["E-mail", "mailto:a@example.fr"]], "brand_colour": "#e63946"}, "IDENTITY")
    assert identity.links == (("E-mail", "mailto:a@example.fr"),)
    assert identity.colours["brand"] == "#e63946" and identity.portrait[0] == "identity/portrait-96.webp"
    hash(identity)


def test_rule_helpers():
    assert between(0, 10).expected == "nombre entre 0 et 10"
    assert matching(r"#[0-9a-f]{6}", "code couleur #rrggbb").ok("#0a56a3")
    assert not matching(r"#[0-9a-f]{6}", "code couleur #rrggbb").ok("#0a56a3 ")
    rule = file_under("PATH")
    assert rule.text({"PATH": "contenu"}) == "fichier existant sous contenu"
    assert not rule.breaks(None, {"PATH": "contenu"}) and not rule.breaks("x.jpg", None)


def test_search_disabled_leaves_no_page_link_or_weight(tmp_path):
    seed = next((ROOT / "content" / "articles").glob(f"{SEED}.md"))
    content = small_site(tmp_path, {seed.name: seed.read_text(encoding="utf-8")})
    shutil.rmtree(content / "comments")
    shutil.copytree(ROOT / "content" / "comments", content / "comments")  # its thread: weighted when indexed
    output = build(content, tmp_path / "out", {"SEARCH": {"enabled": False}})
    doc = html_of(article_page(output))
    assert not doc.cssselect(".nav-search") and not doc.cssselect("[data-pagefind-weight]")
    assert not (output / "recherche").exists() and not (output / "pagefind").exists()
