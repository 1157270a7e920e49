"""IDENTITY: who writes the blog and how the theme shows it (one dict in pelicanconf.py).

Checked at `initialized` with the other declared settings (declared_settings) and
stored as `IDENTITY_SETTINGS`, which the templates read: the keys, and what the
theme derives from them (initials, colours, the picture's files).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from declared_settings import doc, file_under, matching

FOLDER = "identity"  # in the output: the picture and the 192 px icon
PORTRAIT_SIZES = (96, 192)


def initials(name: str) -> str:
    """« Lionel Boscher » -> « LB »; at most two letters, accents kept."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    letters = [unicodedata.normalize("NFC", w[0]).upper() for w in words]
    return "".join(letters[:1] + letters[1:][-1:]) or "?"


@dataclass(frozen=True)
class Identity:
    name: str = doc("the author's name, shown on the author card and the share cards (default: AUTHOR, "
                    "else SITENAME)", "", fallback=("AUTHOR", "SITENAME"))
    role: str = doc("one line under the name, e.g. « Consultant marketing indépendant »", "")
    bio: str = doc("two lines about the author, plain text, on the author card", "")
    photo: str | None = doc(
        "the author's photo, a path under PATH (e.g. images/portrait.jpg), square at least "
        "160 px; None: a monogram drawn from the name's initials", None, rule=file_under("PATH"))
    brand_colour: str = doc(
        "the brand colour, #rrggbb; the theme derives its link and button colours from it, "
        "darkened or lightened until they contrast enough (WCAG AA) in light and dark mode", "#0a56a3",
        rule=matching(r"#[0-9a-fA-F]{6}", "code couleur #rrggbb"))
    wordmark: str = doc("the text of the wordmark in the header (default: SITENAME)", "", fallback=("SITENAME",))
    links: tuple[tuple[str, str], ...] = doc(
        "profile links, (label, URL) pairs, shown on the author card with rel=\"me\"", factory=tuple)
    about_page: str | None = doc("slug of the « À propos » page (header link, author card)", "a-propos")
    privacy_page: str | None = doc("slug of the privacy page (linked from the comment form)", "confidentialite")

    # What the theme derives from the settings, for the templates and the pictures.
    folder = FOLDER
    portrait_size = PORTRAIT_SIZES[0]
    portrait = tuple(f"{FOLDER}/portrait-{size}.webp" for size in PORTRAIT_SIZES)

    @functools.cached_property
    def initials(self) -> str:
        """At most two letters of the name, drawn as the logo, the monogram and the favicons."""
        return initials(self.name)

    @functools.cached_property
    def colours(self) -> dict[str, str]:
        """The link and button colours derived from the brand colour (colours.palette)."""
        from .colours import palette

        return palette(self.brand_colour)

    @functools.cached_property
    def colours_css(self) -> str:
        """Those colours as the theme's CSS custom properties, light and dark: each page's head
        (base.html) and the comment service's moderation page (colours.site_colours)."""
        from .colours import custom_properties

        return custom_properties(self.colours)
