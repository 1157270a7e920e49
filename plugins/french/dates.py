"""French dates through Babel's CLDR data, so no OS locale is needed."""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import format_date, format_datetime

LOCALE = "fr_FR"


def format_date_fr(value: date | datetime, format: str = "long") -> str:  # noqa: A002 (Babel's name)
    """`22 avril 2013` for "long"; "short", "medium", "full" or any CLDR pattern
    ("MMMM y" gives `avril 2013`)."""
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, format=format, locale=LOCALE)


def format_datetime_fr(value: datetime, format: str = "d MMMM y 'à' HH:mm") -> str:  # noqa: A002
    """`2 mai 2013 à 14:03`, in the datetime's own timezone."""
    return format_datetime(value, format=format, tzinfo=value.tzinfo, locale=LOCALE)


# A numeric date that does not start with the year: day, month, year (any of / . -
# between them), then maybe a time (14:30, 14h30, 14:30:05).
_DAY_FIRST = re.compile(
    r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d+)(?:(?:\s+|T)(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*$", re.I
)


class AuthorDateError(ValueError):
    """A `Date:` a French author may have meant otherwise: refused, with the reason (French)."""


def author_date(value: str) -> str:
    """The text Pelican's date parser should read for an author's `Date:`.

    A French author writes day first: `05/11/2026` is 5 November 2026, returned as
    `2026-11-05` (Pelican's parser would read 11 May). A two-digit year, or a day or
    month out of range (`11/25/2026`, written month first), is refused. Anything
    else (ISO `2026-11-05 09:00`, `2026/11/05`) is returned unchanged."""
    found = _DAY_FIRST.match(value)
    if not found:
        return value
    day, _sep, month, year, hour, minute, second = found.groups()
    if len(year) != 4:
        raise AuthorDateError(
            f"«\u202f{value.strip()}\u202f»\u00a0: l’année doit avoir quatre chiffres "
            f"(par exemple {int(day):02d}/{int(month):02d}/20{year[-2:]:0>2} ou 20{year[-2:]:0>2}-{int(month):02d}-{int(day):02d})"
        )
    try:
        when = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        raise AuthorDateError(
            f"«\u202f{value.strip()}\u202f» n’est pas une date\u00a0: elle se lit jour/mois/année "
            "(ou écrivez-la année-mois-jour, par exemple 2026-11-05)"
        ) from None
    return when.strftime("%Y-%m-%d %H:%M:%S" if hour else "%Y-%m-%d")
