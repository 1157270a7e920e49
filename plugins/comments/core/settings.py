"""The `COMMENTS` setting: one dict merged over documented defaults.

Every key is declared here with its default and a line of documentation, so a
typo in pelicanconf.py is an error that names the key instead of silence
(tests check that each key is also listed in the README).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

# key -> (default, documentation). Sub-dicts are merged key by key too.
SCHEMA: dict[str, tuple[Any, str]] = {
    "depth": (5, "Maximum nesting of replies (1 = flat); deeper replies stay at the last level, in order."),
    "strict": (False, "Any bad comment file fails the build (on in publishconf.py and CI)."),
    "path": ("comments", "The published store, relative to PATH: <path>/<article-slug>/<id>.md."),
    "feed_max_items": (50, "Number of comments in the site-wide comment feeds (and each article's feed)."),
    "feed_atom": ("feeds/comments.atom.xml", "Site-wide Atom comment feed (None: not written)."),
    "feed_rss": ("feeds/comments.rss.xml", "Site-wide RSS comment feed (None: not written)."),
    "feed_article_atom": (
        "feeds/comments/{slug}.atom.xml",
        "Per-article Atom comment feed, {slug} replaced (None: not written).",
    ),
    "cache_name": ("comments-sanitised.json", "File under CACHE_PATH caching sanitised bodies by content hash."),
    "intake_url": ("/comment", "Where the comment form posts (the intake receiver's POST /comment)."),
    "origins": (
        [],
        "Origins allowed to post the form besides SITEURL's (e.g. the bare domain beside www).",
    ),
    "rate_limit": (5, "Form submissions accepted per client address and minute (0 or None: no limit)."),
    "queue_path": ("moderation", "The private moderation queue (pending/, spam/, rejected/), relative to the project."),
    "notify": (None, "SMTP settings to e-mail the author about each new pending comment (None: off)."),
    "git": (
        None,
        "Publish each approval as one git commit pushed to the remote: "
        "{\"remote\": \"origin\", \"branch\": \"main\", \"pull_interval\": 60} (None: no git).",
    ),
    "rebuild": (False, "The comment service rebuilds the site into OUTPUT_PATH after each publication (one server)."),
    "service_url": (
        None,
        "Public address of the comment service, for links in e-mails (moderation, unsubscribe); "
        "None: the origin of an absolute intake_url, else the blog's address.",
    ),
    "trusted_proxies": (
        ["127.0.0.1", "::1"],
        "Addresses of the reverse proxies whose X-Forwarded-For gives the client's address "
        "(rate limits); a request from anywhere else is counted under its own address.",
    ),
    "session_days": (30, "Days of inactivity after which the moderation page asks for the password again."),
    "moderation": (
        {
            "max_links": 2,
            "moderation_words": [],
            "disallowed_words": [],
            "auto_approve_known_authors": False,
        },
        "Auto-moderation rules, as WordPress: see MODERATION_SCHEMA.",
    ),
}

MODERATION_SCHEMA: dict[str, str] = {
    "max_links": "A comment with more links than this is held for moderation.",
    "moderation_words": "A comment containing one of these words is held for moderation.",
    "disallowed_words": "A comment containing one of these words goes to spam.",
    "auto_approve_known_authors": "Approve at once an author who already has a published comment (same name and e-mail).",
}

# COMMENTS['notify']: key -> (accepted types, documentation). "from" and "to" are required.
NOTIFY_SCHEMA: dict[str, tuple[tuple[type, ...], str]] = {
    "host": ((str,), "SMTP server (127.0.0.1)."),
    "port": ((int,), "SMTP port (25; 465 with ssl)."),
    "from": ((str,), "Sender address of the e-mails."),
    "to": ((str,), "The author's address, for new pending comments."),
    "starttls": ((bool,), "Upgrade the connection with STARTTLS (False)."),
    "ssl": ((bool,), "Implicit TLS, usually port 465 (False)."),
    "user": ((str,), "SMTP login, when the server asks for one."),
    "timeout": ((int, float), "Seconds before giving up on the server (10)."),
    "siteurl": ((str,), "Public address of the blog for links in e-mails (default: SITEURL)."),
}
NOTIFY_REQUIRED = ("from", "to")
# The SMTP password comes from the environment only, never from a (tracked) settings file.
SMTP_PASSWORD_ENV = "COMMENTS_SMTP_PASSWORD"

DEFAULTS: dict[str, Any] = {key: default for key, (default, _doc) in SCHEMA.items()}
SUB_DICTS = ("moderation",)


class CommentsSettingsError(ValueError):
    """A bad `COMMENTS` setting; the message names the key."""

    exitcode = 1


def _check(key: str, value: Any) -> None:
    def bad(expected: str) -> CommentsSettingsError:
        return CommentsSettingsError(f"COMMENTS['{key}'] : valeur invalide {value!r} ({expected})")

    if key == "depth" and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise bad("entier supérieur ou égal à 1 attendu")
    if key == "feed_max_items" and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise bad("entier supérieur ou égal à 1 attendu")
    if key == "strict" and not isinstance(value, bool):
        raise bad("True ou False attendu")
    if key == "rate_limit" and value is not None and (
        not isinstance(value, int) or isinstance(value, bool) or value < 0
    ):
        raise bad("entier positif ou None attendu")
    if key == "session_days" and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise bad("entier supérieur ou égal à 1 attendu")
    if key == "service_url" and value is not None and (
        not isinstance(value, str) or not value.startswith(("http://", "https://"))
    ):
        raise bad("adresse http(s):// ou None attendue")
    if key == "trusted_proxies" and (
        not isinstance(value, list | tuple) or not all(isinstance(a, str) and a for a in value)
    ):
        raise bad("liste d’adresses IP attendue")
    if key in ("path", "cache_name", "intake_url", "queue_path") and (not isinstance(value, str) or not value):
        raise bad("chaîne non vide attendue")
    if key in ("feed_atom", "feed_rss", "feed_article_atom") and value is not None and not isinstance(value, str):
        raise bad("chaîne ou None attendue")
    if key == "origins" and (
        not isinstance(value, list | tuple)
        or not all(isinstance(o, str) and o.startswith(("http://", "https://")) for o in value)
    ):
        raise bad("liste d’origines http(s)://hôte[:port] attendue")
    if key == "rebuild" and not isinstance(value, bool):
        raise bad("True ou False attendu")
    if key == "git" and value is not None:
        _check_git(value)
    if key == "notify" and value is not None:
        if not isinstance(value, Mapping):
            raise bad("dictionnaire ou None attendu")
        _check_notify(value)


GIT_KEYS = ("remote", "branch", "pull_interval")


def _check_git(value: Any) -> None:
    """COMMENTS['git']: exactly remote, branch (non-empty strings) and pull_interval (seconds > 0)."""
    if not isinstance(value, Mapping) or set(value) != set(GIT_KEYS):
        raise CommentsSettingsError(
            f"COMMENTS['git'] : valeur invalide {value!r} (None ou dictionnaire avec exactement les clés "
            + ", ".join(GIT_KEYS) + " attendu)")
    for key in ("remote", "branch"):
        if not isinstance(value[key], str) or not value[key] or value[key].startswith("-"):
            raise CommentsSettingsError(f"COMMENTS['git']['{key}'] : valeur invalide {value[key]!r} (nom attendu)")
    interval = value["pull_interval"]
    if isinstance(interval, bool) or not isinstance(interval, int | float) or interval <= 0:
        raise CommentsSettingsError(
            f"COMMENTS['git']['pull_interval'] : valeur invalide {interval!r} (nombre de secondes positif attendu)")


def _check_moderation(rules: Mapping[str, Any]) -> None:
    """COMMENTS['moderation']: a wrong type must not slip through ("non" is a true string)."""
    for key, value in rules.items():
        if key == "max_links":
            ok = value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)
            expected = "entier positif ou None"
        elif key == "auto_approve_known_authors":
            ok, expected = isinstance(value, bool), "True ou False"
        else:  # the word lists: a list of words, or one string of words
            ok = isinstance(value, str) or (
                isinstance(value, list | tuple) and all(isinstance(word, str) for word in value))
            expected = "liste de mots"
        if not ok:
            raise CommentsSettingsError(
                f"COMMENTS['moderation']['{key}'] : valeur invalide {value!r} ({expected} attendu)")


def _check_notify(notify: Mapping[str, Any]) -> None:
    """COMMENTS['notify']: known keys, the right types, "from" and "to" present."""
    if "password" in notify:
        raise CommentsSettingsError(
            "COMMENTS['notify']['password'] : le mot de passe SMTP ne s’écrit pas dans les réglages ; "
            f"donnez-le dans la variable d’environnement {SMTP_PASSWORD_ENV}")
    unknown = sorted(set(notify) - set(NOTIFY_SCHEMA))
    if unknown:
        raise CommentsSettingsError(
            "COMMENTS['notify'] : clé inconnue " + ", ".join(f"« {key} »" for key in unknown)
            + " (clés permises : " + ", ".join(NOTIFY_SCHEMA) + ")"
        )
    for key in NOTIFY_REQUIRED:
        if not notify.get(key):
            raise CommentsSettingsError(f"COMMENTS['notify'] : « {key} » manque (adresse e-mail attendue)")
    for key, value in notify.items():
        types, _doc = NOTIFY_SCHEMA[key]
        wrong_type = not isinstance(value, types) or (bool not in types and isinstance(value, bool))
        if wrong_type or (key in ("port", "timeout") and value <= 0) or (key == "port" and value > 65535):
            expected = {str: "chaîne", bool: "True ou False", int: "entier positif"}.get(types[0], "nombre positif")
            if key == "timeout":
                expected = "nombre positif de secondes"
            raise CommentsSettingsError(
                f"COMMENTS['notify']['{key}'] : valeur invalide {value!r} ({expected} attendu)"
            )


def merge_settings(user: Mapping[str, Any] | None) -> dict[str, Any]:
    """`user` (the COMMENTS setting) merged over the defaults; unknown keys raise."""
    if user is None:
        user = {}
    if not isinstance(user, Mapping):
        raise CommentsSettingsError(f"COMMENTS doit être un dictionnaire, pas {type(user).__name__}")
    unknown = sorted(set(user) - set(SCHEMA))
    if unknown:
        raise CommentsSettingsError(
            "COMMENTS : clé inconnue " + ", ".join(f"« {key} »" for key in unknown)
            + " (clés permises : " + ", ".join(SCHEMA) + ")"
        )
    merged = copy.deepcopy(DEFAULTS)
    for key, value in user.items():
        if key in SUB_DICTS:
            if not isinstance(value, Mapping):
                raise CommentsSettingsError(f"COMMENTS['{key}'] doit être un dictionnaire")
            wrong = sorted(set(value) - set(merged[key]))
            if wrong:
                raise CommentsSettingsError(
                    f"COMMENTS['{key}'] : clé inconnue " + ", ".join(f"« {w} »" for w in wrong)
                )
            if key == "moderation":
                _check_moderation(value)
            merged[key].update(copy.deepcopy(dict(value)))
        else:
            _check(key, value)
            merged[key] = copy.deepcopy(value)
    return merged


def comments_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The merged COMMENTS dict from Pelican's settings (or any settings mapping)."""
    return merge_settings(settings.get("COMMENTS"))
