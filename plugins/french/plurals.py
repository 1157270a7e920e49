"""Counted nouns in French: "0 commentaire", "2 commentaires", "1 234 commentaires"."""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_decimal

NBSP = "\u00a0"
_LOCALE = Locale.parse("fr_FR")


def count_fr(n: int, singular: str, plural: str) -> str:
    """The number in French format and the noun agreeing with it (CLDR plural
    rules: 0 and 1 take the singular), joined by a no-break space."""
    n = int(n or 0)
    noun = singular if _LOCALE.plural_form(abs(n)) == "one" else plural
    return f"{format_decimal(n, locale=_LOCALE)}{NBSP}{noun}"
