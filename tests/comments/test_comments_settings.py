"""The COMMENTS setting: defaults, merging, unknown keys, every problem at once, documentation."""

from __future__ import annotations

import dataclasses
import re

import pytest
from comments.core.settings import (
    Comments,
    Git,
    Moderation,
    Notify,
    comments_settings,
)
from declared_settings import SettingsError, docs
from pelican.settings import read_settings

from tests.conftest import ROOT


def parse(user):
    return comments_settings({"COMMENTS": user})


def test_defaults_are_the_documented_ones():
    merged = parse(None)
    assert merged == Comments() and dataclasses.fields(Comments)
    assert merged.depth == 5 and merged.strict is False and merged.feed_max_items == 50
    assert merged.intake_url == "/comment" and merged.rate_limit == 5
    assert merged.queue_path == "moderation" and merged.notify is None
    assert merged.moderation == Moderation(max_links=2, moderation_words=(), disallowed_words=(),
                                           auto_approve_known_authors=False)


def test_user_values_merge_over_defaults_without_touching_them():
    merged = parse({"depth": 3, "moderation": {"max_links": 0}, "origins": ["https://a.example"]})
    assert merged.depth == 3 and merged.moderation.max_links == 0
    assert merged.moderation.moderation_words == () and merged.strict is False
    assert merged.origins == ("https://a.example",)  # frozen all the way down
    with pytest.raises(dataclasses.FrozenInstanceError):
        merged.depth = 4  # type: ignore[misc]


def test_the_object_checked_at_initialized_is_the_one_read():
    checked = parse({"depth": 2})
    assert comments_settings({"COMMENTS": {"detph": 1}, "COMMENTS_SETTINGS": checked}) is checked


@pytest.mark.parametrize("user, named", [
    ({"detph": 3}, "detph"),
    ({"moderation": {"max_link": 1}}, "max_link"),
])
def test_unknown_keys_are_named(user, named):
    with pytest.raises(SettingsError, match=re.escape(named)):
        parse(user)


def test_an_unknown_key_gets_a_suggestion():
    with pytest.raises(SettingsError) as error:
        parse({"rate_limt": 3, "moderation": {"max_link": 1}})
    assert "COMMENTS['rate_limt'] : clé inconnue (vouliez-vous dire « rate_limit » ?)" in str(error.value)
    assert "COMMENTS['moderation']['max_link'] : clé inconnue (vouliez-vous dire « max_links » ?)" in str(error.value)


def test_every_problem_is_listed_at_once():
    with pytest.raises(SettingsError) as error:
        parse({"detph": 3, "rate_limit": "cinq", "notify": {"from": "blog@example.fr", "port": 0},
               "git": {"remote": "origin"}})
    lines = str(error.value).splitlines()
    assert "COMMENTS['detph'] : clé inconnue (vouliez-vous dire « depth » ?)" in lines
    assert "COMMENTS['rate_limit'] : valeur invalide 'cinq' (attendu : entier positif ou None)" in lines
    assert "COMMENTS['notify']['port'] : valeur invalide 0 (attendu : port entre 1 et 65535)" in lines
    assert "COMMENTS['notify']['to'] : clé manquante" in lines
    assert "COMMENTS['git']['branch'] : clé manquante" in lines
    assert "COMMENTS['git']['pull_interval'] : clé manquante" in lines
    assert len(lines) == 6


@pytest.mark.parametrize("user", [{"depth": 0}, {"depth": "5"}, {"strict": "yes"}, {"feed_max_items": -1},
                                  {"rate_limit": -1}, {"moderation": 3}, {"notify": "smtp"}, [],
                                  {"origins": "https://a.example"}, {"origins": ["a.example"]},
                                  {"moderation": {"max_links": "deux"}},
                                  {"moderation": {"auto_approve_known_authors": "non"}},
                                  {"moderation": {"moderation_words": [1, 2]}},
                                  {"service_url": "blog.example.fr"}, {"session_days": 0}, {"path": ""},
                                  {"trusted_proxies": [""]}, {"git": {"remote": "origin", "branch": "main"}},
                                  {"git": {"remote": "-x", "branch": "main", "pull_interval": 60}},
                                  {"git": {"remote": "origin", "branch": "main", "pull_interval": 0}},
                                  {"git": {"remote": "origin", "branch": "main", "pull_interval": 60, "x": 1}}])
def test_bad_values_are_refused(user):
    with pytest.raises(SettingsError):
        parse(user)


def test_rate_limit_may_be_none_and_git_is_read():
    merged = parse({"rate_limit": None, "git": {"remote": "origin", "branch": "main", "pull_interval": 60}})
    assert merged.rate_limit is None and merged.git == Git(remote="origin", branch="main", pull_interval=60)


GOOD_NOTIFY = {"host": "smtp.example.fr", "port": 587, "from": "blog@example.fr", "to": "lionel@example.fr",
               "starttls": True, "user": "blog", "timeout": 2.5}


def test_notify_settings_are_checked():
    notify = parse({"notify": GOOD_NOTIFY}).notify
    assert notify == Notify(host="smtp.example.fr", port=587, sender="blog@example.fr", to="lionel@example.fr",
                            starttls=True, user="blog", timeout=2.5)
    assert notify.smtp_port == 587 and Notify(sender="a", to="b", ssl=True).smtp_port == 465


@pytest.mark.parametrize("change, named", [
    ({"hots": "smtp.example.fr"}, "hots"),  # a typo is named, with the nearest key
    ({"port": "587"}, "port"),
    ({"port": 0}, "port"),
    ({"port": 70000}, "port"),
    ({"starttls": "yes"}, "starttls"),
    ({"timeout": -1}, "timeout"),
    ({"timeout": True}, "timeout"),
    ({"to": ""}, "to"),
    ({"from": None}, "from"),
    ({"password": "secret"}, "COMMENTS_SMTP_PASSWORD"),  # never in a settings file: the environment
])
def test_bad_notify_settings_name_the_key(change, named):
    with pytest.raises(SettingsError, match=re.escape(named)):
        parse({"notify": {**GOOD_NOTIFY, **change}})


def test_every_key_is_documented_in_code_and_readme():
    readme = (ROOT / "docs" / "comments.md").read_text(encoding="utf-8")  # the README points there
    section = readme.split("## Building the threads", 1)[1].split("\n## ", 1)[0]
    for declared in (Comments, Moderation):
        for key, text in docs(declared).items():
            assert text.strip(), key
            assert f"`{key}`" in section, f"docs/comments.md: COMMENTS['{key}'] is not documented"
    notify_docs = readme.split("- Notification:", 1)[1].split("\n- ", 1)[0]
    for key, text in docs(Notify).items():
        assert text.strip() and (f"`{key}`" in notify_docs or f'"{key}"' in notify_docs), key
    git_docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for key, text in docs(Git).items():
        assert text.strip() and (f"`{key}`" in git_docs or f'"{key}"' in git_docs), key


def test_project_settings_are_valid_and_production_is_strict():
    assert comments_settings(read_settings(str(ROOT / "pelicanconf.py"))).strict is False
    assert comments_settings(read_settings(str(ROOT / "publishconf.py"))).strict is True
