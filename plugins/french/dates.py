"""French dates through Babel's CLDR data, so no OS locale is needed."""

from __future__ import annotations

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
