"""The Jinja filters, memoised.

List pages show the same dates, counts and titles again and again (an article
appears on its tag, category, author and index pages, and as a related post),
and Babel and the typography pass cost far more than a lookup. The arguments
are dates, numbers and short strings; the caches are bounded.

Plain module-level functions: Pelican's reader cache pickles the settings
(JINJA_FILTERS included) with each Tag and Category, so they must pickle.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from .dates import format_date_fr, format_datetime_fr
from .plurals import count_fr
from .typography import french_typography


@lru_cache(maxsize=8192)
def _date(value: Any, offset: Any, zone: Any, *args: Any) -> str:
    return format_date_fr(value, *args)


# Small: datetime_fr shows comment dates, each on one page only; a large cache
# would only keep thousands of them alive (~1 MB for 5,000 comments).
@lru_cache(maxsize=256)
def _datetime(value: Any, offset: Any, zone: Any, *args: Any) -> str:
    return format_datetime_fr(value, *args)


def _wall_time(value: Any) -> tuple[Any, Any]:
    # Two aware datetimes at the same instant are equal but may show different
    # local times: the key adds the UTC offset and the zone name.
    return (value.utcoffset(), value.tzname()) if isinstance(value, datetime) else (None, None)


def date_fr(value: Any, *args: Any, **kwargs: Any) -> str:
    """format_date_fr, memoised."""
    if kwargs:
        return format_date_fr(value, *args, **kwargs)
    return _date(value, *_wall_time(value), *args)


def datetime_fr(value: Any, *args: Any, **kwargs: Any) -> str:
    """format_datetime_fr, memoised."""
    if kwargs:
        return format_datetime_fr(value, *args, **kwargs)
    return _datetime(value, *_wall_time(value), *args)


@lru_cache(maxsize=1024)
def count(n: Any, singular: str, plural: str) -> str:
    """count_fr, memoised."""
    return count_fr(n, singular, plural)


@lru_cache(maxsize=4096)
def _typo(markup: str) -> str:
    return french_typography(markup)


def typo(value: Any) -> Markup:
    """french_typography, memoised (templates apply it to short strings).

    Jinja autoescapes: markup (Markup, e.g. after |e or |safe) is typeset as it
    is, plain text is escaped first; either way the result is markup."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return Markup(_typo(str(value.__html__())))
    return Markup(_typo(str(escape(value))))


FILTERS = {"date_fr": date_fr, "datetime_fr": datetime_fr, "count_fr": count, "typo": typo}
