"""The `COMMENTS` setting, declared once: one frozen dataclass, one line per key.

Each key has its type, its default, its rule when the type is not enough, and a
line of documentation (tests check that docs/comments.md lists every key). The
build checks it once, at Pelican's `initialized` (declared_settings.on_initialized,
every problem listed at once) and stores the parsed object under
`COMMENTS_SETTINGS`; everything else, the build, the commands, the service and the
importers, gets it from `comments_settings()`, the one loader, and reads attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from declared_settings import (
    HTTP_ORIGINS,
    HTTP_URL,
    NAME,
    NON_EMPTY,
    Rule,
    at_least,
    between,
    doc,
    function,
    load,
    positive,
    stored_key,
)

# The SMTP password comes from the environment only, never from a (tracked) settings file.
SMTP_PASSWORD_ENV = "COMMENTS_SMTP_PASSWORD"

def no_typography(html: str) -> str:
    """COMMENTS['typography'] unset: HTML as it is (the comments plugin works alone)."""
    return html


def no_colours(settings: Mapping[str, Any]) -> str:
    """COMMENTS['colours'] unset: the service's pages keep their own colours."""
    return ""


_COUNT_OR_NONE = at_least(0, "entier positif ou None", none=True)
_ADDRESS = Rule("adresse e-mail", bool)
_PROXIES = Rule("liste d’adresses IP", lambda v: all(v))


@dataclass(frozen=True)
class Moderation:
    """COMMENTS['moderation']: auto-moderation rules, as WordPress applies them (moderation/rules.py)."""

    max_links: int | None = doc("A comment with more links than this is held for moderation.", 2,
                                rule=_COUNT_OR_NONE)
    moderation_words: tuple[str, ...] | str = doc(
        "A comment containing one of these words (a list, or one string, a word a line) is held for moderation.",
        factory=tuple)
    disallowed_words: tuple[str, ...] | str = doc("A comment containing one of these words goes to spam.",
                                                  factory=tuple)
    auto_approve_known_authors: bool = doc(
        "Approve at once an author who already has a published comment (same name and e-mail).", False)


@dataclass(frozen=True, kw_only=True)
class Notify:
    """COMMENTS['notify']: the SMTP settings of the author's and the readers' e-mails."""

    REFUSED: ClassVar[dict[str, str]] = {
        "password": "le mot de passe SMTP ne s’écrit pas dans les réglages ; "
                    f"donnez-le dans la variable d’environnement {SMTP_PASSWORD_ENV}"}

    host: str = doc("SMTP server.", "127.0.0.1", rule=NON_EMPTY)
    port: int | None = doc("SMTP port (None: 25, or 465 with ssl).", None,
                           rule=between(1, 65535, "port entre 1 et 65535"))
    sender: str = doc("Sender address of the e-mails (required).", key="from", rule=_ADDRESS)
    to: str = doc("The author's address, for new pending comments (required).", rule=_ADDRESS)
    starttls: bool = doc("Upgrade the connection with STARTTLS.", False)
    ssl: bool = doc("Implicit TLS, usually port 465.", False)
    user: str | None = doc("SMTP login, when the server asks for one (the password: "
                           f"{SMTP_PASSWORD_ENV} in the environment).", None)
    timeout: float = doc("Seconds before giving up on the server.", 10,
                         rule=positive("nombre positif de secondes"))
    siteurl: str | None = doc("Public address of the blog for links in e-mails (None: SITEURL).", None)

    @property
    def smtp_port(self) -> int:
        return self.port or (465 if self.ssl else 25)


@dataclass(frozen=True)
class Git:
    """COMMENTS['git']: publish each approval as one commit pushed to `remote`/`branch` (exactly these keys)."""

    remote: str = doc("The remote pushed to, e.g. origin.", rule=NAME)
    branch: str = doc("The branch committed to and pushed, e.g. main.", rule=NAME)
    pull_interval: float = doc("Seconds between two pulls of the service's git loop.",
                               rule=positive("nombre de secondes positif"))


@dataclass(frozen=True)
class Comments:
    """COMMENTS = {...} in pelicanconf.py, merged over these defaults."""

    depth: int = doc("Maximum nesting of replies (1 = flat); deeper replies stay at the last level, in order.", 5,
                     rule=at_least(1))
    strict: bool = doc("Any bad comment file fails the build (on in publishconf.py and CI).", False)
    path: str = doc("The published store, relative to PATH: <path>/<article-slug>/<id>.md.", "comments",
                    rule=NON_EMPTY)
    feed_max_items: int = doc("Number of comments in the site-wide comment feeds (and each article's feed).", 50,
                              rule=at_least(1))
    feed_atom: str | None = doc("Site-wide Atom comment feed (None: not written).", "feeds/comments.atom.xml")
    feed_rss: str | None = doc("Site-wide RSS comment feed (None: not written).", "feeds/comments.rss.xml")
    feed_article_atom: str | None = doc("Per-article Atom comment feed, {slug} replaced (None: not written).",
                                        "feeds/comments/{slug}.atom.xml")
    cache_name: str = doc("File under CACHE_PATH caching sanitised bodies by content hash.",
                          "comments-sanitised.json", rule=NON_EMPTY)
    intake_url: str = doc("Where the comment form posts (the intake receiver's POST /comment).", "/comment",
                          rule=NON_EMPTY)
    origins: tuple[str, ...] = doc("Origins allowed to post the form besides SITEURL's (e.g. the bare domain "
                                   "beside www).", factory=tuple, rule=HTTP_ORIGINS)
    rate_limit: int | None = doc("Form submissions accepted per client address and minute (0 or None: no limit).",
                                 5, rule=_COUNT_OR_NONE)
    queue_path: str = doc("The private moderation queue (pending/, spam/, rejected/), relative to the project.",
                          "moderation", rule=NON_EMPTY)
    notify: Notify | None = doc("SMTP settings to e-mail the author about each new pending comment, and readers "
                                "about replies (None: off).", None)
    git: Git | None = doc("Publish each approval as one git commit pushed to the remote: {\"remote\": \"origin\", "
                          "\"branch\": \"main\", \"pull_interval\": 60} (None: no git).", None)
    rebuild: bool = doc("The comment service rebuilds the site into OUTPUT_PATH after each publication "
                        "(one server).", False)
    service_url: str | None = doc("Public address of the comment service, for links in e-mails (moderation, "
                                  "unsubscribe); None: the origin of an absolute intake_url, else the blog's "
                                  "address.", None, rule=HTTP_URL)
    trusted_proxies: tuple[str, ...] = doc("Addresses of the reverse proxies whose X-Forwarded-For gives the "
                                           "client's address (rate limits); a request from anywhere else is "
                                           "counted under its own address.", ("127.0.0.1", "::1"), rule=_PROXIES)
    session_days: int = doc("Days of inactivity after which the moderation page asks for the password again.", 30,
                            rule=at_least(1))
    typography: Callable[[str], str] = doc(
        "Typography applied to each sanitised body and to the service's own pages: a function from HTML to "
        "HTML, named \"module:function\" and imported once when the settings are loaded (None: none). Its "
        "`version` attribute, else its name, is part of the body cache key: change it when the output changes.",
        no_typography, parse=function(no_typography))
    colours: Callable[[Mapping[str, Any]], str] = doc(
        "The site's colours for the service's pages (the moderation page): a function from the Pelican "
        "settings to CSS setting the theme's custom properties (--accent, --on-accent...), named "
        "\"module:function\" and imported once when the settings are loaded; the service adds its result "
        "to the moderation page's stylesheet (None: the page's own colours).",
        no_colours, parse=function(no_colours))
    moderation: Moderation = doc("Auto-moderation rules, as WordPress (see Moderation), merged key by key.",
                                 factory=Moderation)


def comments_settings(settings: Mapping[str, Any]) -> Comments:
    """The one loader: the COMMENTS object checked at `initialized` (during a build), else Pelican's
    `settings["COMMENTS"]` parsed (the commands, the service, the importers). SettingsError
    lists every problem."""
    stored = settings.get(stored_key("COMMENTS"))
    if isinstance(stored, Comments):
        return stored
    return load(Comments, settings.get("COMMENTS"), "COMMENTS")
