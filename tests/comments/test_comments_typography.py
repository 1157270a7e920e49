"""COMMENTS['typography']: the comments plugin gets its typography from the settings, never
from the french plugin; the body cache follows the typography."""

from __future__ import annotations

import json

import pytest
from comments.build.bodies import BodyRenderer, cache_version
from comments.core.settings import comments_settings, no_typography
from declared_settings import SettingsError
from french.typography import french_typography

from tests.comments.conftest import log_of, page_of, text_of
from tests.comments.typography_stub import shout, unversioned

FRENCH = "french.typography:french_typography"
SHOUT = "tests.comments.typography_stub:shout"


def parse(user):
    return comments_settings({"COMMENTS": user})


def test_the_setting_is_imported_once_and_defaults_to_none():
    assert parse({}).typography is no_typography and parse({"typography": None}).typography is no_typography
    assert parse({"typography": FRENCH}).typography is french_typography
    assert parse({"typography": SHOUT}).typography is shout
    assert parse({"typography": shout}).typography is shout  # a function given as is


@pytest.mark.parametrize("value, why", [
    ("french.typographie:french_typography", "module « french.typographie » non importable : ModuleNotFoundError"),
    ("french.typography:typographie", "pas de fonction « typographie » dans le module « french.typography »"),
    ("french.typography:NNBSP", "pas de fonction « NNBSP »"),  # not callable
    ("french.typography.french_typography", "attendu : « module:fonction » ou None"),
    ("a:b:c", "attendu : « module:fonction » ou None"),
    (":french_typography", "attendu : « module:fonction » ou None"),
    (42, "attendu : « module:fonction » ou None"),
])
def test_a_bad_value_is_a_french_error_naming_the_key(value, why):
    with pytest.raises(SettingsError) as error:
        parse({"typography": value, "depth": 0})
    lines = str(error.value).splitlines()
    assert len(lines) == 2  # listed with the other problems
    assert lines[1].startswith(f"COMMENTS['typography'] : valeur invalide {value!r} (") and why in lines[1]


def test_the_cache_key_holds_the_version_or_the_name():
    assert cache_version(french_typography).endswith(f";typo={french_typography.version}")
    assert len(french_typography.version) == 16  # the french plugin's digest of its own code
    assert cache_version(shout).endswith(";typo=shout-1")
    assert cache_version(unversioned).endswith(";typo=tests.comments.typography_stub.unversioned")
    assert cache_version(no_typography).endswith(";typo=comments.core.settings.no_typography")


def test_a_new_version_renders_the_cached_bodies_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache.json"
    first = BodyRenderer(cache, shout)
    assert first.render("Bravo !") == "<p>Bravo !!</p>"
    first.save()
    assert BodyRenderer(cache, shout).render("Bravo !") == "<p>Bravo !!</p>"
    monkeypatch.setattr(shout, "version", "shout-2")
    again = BodyRenderer(cache, shout)
    again.render("Bravo !")
    assert again.sanitised == 1  # not taken from the cache


def test_without_the_setting_bodies_are_rendered_as_sanitised(mini_site):
    mini_site.article("un-essai")
    mini_site.comment("un-essai", "c-1", "C’est logique ! « Oui » : vraiment ?")
    output, _ = mini_site.build(comments={})
    assert text_of(page_of(output, "un-essai").get_element_by_id("comment-c-1").cssselect(".comment-content")[0]) == (
        "C’est logique ! « Oui » : vraiment ?")


def test_another_typography_changes_the_comment_and_the_body_cache(mini_site):
    mini_site.article("un-essai")
    mini_site.comment("un-essai", "c-1", "C’est logique !")

    def built(typography: str) -> tuple[str, dict]:
        output, result = mini_site.build(comments={"typography": typography})  # same CACHE_PATH each time
        assert "Traceback" not in log_of(result)
        content = page_of(output, "un-essai").get_element_by_id("comment-c-1").cssselect(".comment-content")[0]
        cache = json.loads((mini_site.root / "output-cache" / "comments-sanitised.json").read_text("utf-8"))
        return text_of(content), cache

    french, french_cache = built(FRENCH)
    assert french == "C’est logique\u202f!" and french_cache["version"].endswith(french_typography.version)
    shouted, shout_cache = built(SHOUT)
    assert shouted == "C’est logique !!" and shout_cache["version"].endswith(";typo=shout-1")
    assert list(shout_cache["entries"].values()) == ["<p>C’est logique !!</p>"]  # the French entry is gone
    assert built(FRENCH)[0] == french


def test_a_bad_typography_stops_the_build_in_french(mini_site):
    mini_site.article("un-essai")
    _output, result = mini_site.build(comments={"typography": "french.typo:french_typography"}, check=False)
    assert result.returncode == 1
    assert "COMMENTS['typography'] : valeur invalide 'french.typo:french_typography' (module « french.typo » " \
           "non importable" in log_of(result)
