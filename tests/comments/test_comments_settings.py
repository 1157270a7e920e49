"""The COMMENTS setting: defaults, merging, unknown keys, documentation."""

from __future__ import annotations

import re

import pytest
from comments.core.settings import (
    DEFAULTS,
    MODERATION_SCHEMA,
    NOTIFY_SCHEMA,
    SCHEMA,
    CommentsSettingsError,
    merge_settings,
)
from pelican.settings import read_settings

from tests.conftest import ROOT


def test_defaults_are_the_documented_ones():
    merged = merge_settings(None)
    assert merged["depth"] == 5 and merged["strict"] is False and merged["feed_max_items"] == 50
    assert merged["intake_url"] == "/comment" and merged["rate_limit"] == 5
    assert merged["queue_path"] == "moderation" and merged["notify"] is None
    assert merged["moderation"] == {"max_links": 2, "moderation_words": [], "disallowed_words": [],
                                    "auto_approve_known_authors": False}


def test_user_values_merge_over_defaults_without_touching_them():
    merged = merge_settings({"depth": 3, "moderation": {"max_links": 0}})
    assert merged["depth"] == 3 and merged["moderation"]["max_links"] == 0
    assert merged["moderation"]["moderation_words"] == [] and merged["strict"] is False
    merged["moderation"]["moderation_words"].append("x")
    assert DEFAULTS["moderation"]["moderation_words"] == []  # no shared mutable default


@pytest.mark.parametrize("user, named", [
    ({"detph": 3}, "detph"),
    ({"moderation": {"max_link": 1}}, "max_link"),
])
def test_unknown_keys_are_named(user, named):
    with pytest.raises(CommentsSettingsError, match=re.escape(named)):
        merge_settings(user)


@pytest.mark.parametrize("user", [{"depth": 0}, {"depth": "5"}, {"strict": "yes"}, {"feed_max_items": -1},
                                  {"rate_limit": -1}, {"moderation": 3}, {"notify": "smtp"}, [],
                                  {"origins": "https://a.example"}, {"origins": ["a.example"]},
                                  {"moderation": {"max_links": "deux"}},
                                  {"moderation": {"auto_approve_known_authors": "non"}},
                                  {"moderation": {"moderation_words": [1, 2]}}])
def test_bad_values_are_refused(user):
    with pytest.raises(CommentsSettingsError):
        merge_settings(user)


GOOD_NOTIFY = {"host": "smtp.example.fr", "port": 587, "from": "blog@example.fr", "to": "lionel@example.fr",
               "starttls": True, "user": "blog", "timeout": 2.5}


def test_notify_settings_are_checked():
    assert merge_settings({"notify": GOOD_NOTIFY})["notify"] == GOOD_NOTIFY


@pytest.mark.parametrize("change, named", [
    ({"hots": "smtp.example.fr"}, "hots"),  # a typo is named, with the keys allowed
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
    with pytest.raises(CommentsSettingsError, match=re.escape(named)):
        merge_settings({"notify": {**GOOD_NOTIFY, **change}})


def test_every_key_is_documented_in_code_and_readme():
    readme = (ROOT / "docs" / "comments.md").read_text(encoding="utf-8")  # the README points there
    section = readme.split("## Building the threads", 1)[1].split("\n## ", 1)[0]
    for key, (_default, doc) in SCHEMA.items():
        assert doc.strip(), key
        assert f"`{key}`" in section, f"docs/comments.md: COMMENTS['{key}'] is not documented"
    for key, doc in MODERATION_SCHEMA.items():
        assert doc.strip() and f"`{key}`" in section, key
    notify_docs = readme.split("- Notification:", 1)[1].split("\n- ", 1)[0]
    for key, (_types, doc) in NOTIFY_SCHEMA.items():
        assert doc.strip() and (f"`{key}`" in notify_docs or f'"{key}"' in notify_docs), key
    assert set(MODERATION_SCHEMA) == set(DEFAULTS["moderation"])


def test_project_settings_are_valid_and_production_is_strict():
    dev = read_settings(str(ROOT / "pelicanconf.py"))
    assert merge_settings(dev["COMMENTS"])["strict"] is False
    prod = read_settings(str(ROOT / "publishconf.py"))
    assert merge_settings(prod["COMMENTS"])["strict"] is True
