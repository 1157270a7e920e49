"""IDENTITY: who writes the blog and how the theme shows it (one dict in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass

from declared_settings import doc


@dataclass(frozen=True)
class Identity:
    name: str = doc("the author's name, shown on the author card and the share cards")
    role: str = doc("one line under the name, e.g. « Consultant marketing indépendant »", "")
    bio: str = doc("two lines about the author, plain text, on the author card", "")
    photo: str | None = doc(
        "the author's photo, a path under PATH (e.g. images/portrait.jpg), square at least "
        "160 px; None: a monogram drawn from the name's initials", None)
    brand_colour: str = doc(
        "the brand colour, #rrggbb; the theme derives its link and button colours from it, "
        "darkened or lightened until they contrast enough (WCAG AA) in light and dark mode", "#0a56a3")
    wordmark: str = doc("the text of the wordmark in the header (default: SITENAME)", "")
    links: tuple[tuple[str, str], ...] = doc(
        "profile links, (label, URL) pairs, shown on the author card with rel=\"me\"", factory=tuple)
    about_page: str | None = doc("slug of the « À propos » page (header link, author card)", "a-propos")
    privacy_page: str | None = doc("slug of the privacy page (linked from the comment form)", "confidentialite")
