"""The memoised Jinja filters give what the plain functions give."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone

from french import filters
from french.dates import format_date_fr, format_datetime_fr
from french.plurals import count_fr
from french.typography import french_typography


def test_same_instant_in_two_zones_keeps_each_wall_time():
    paris = datetime(2013, 5, 2, 1, 0, tzinfo=timezone(timedelta(hours=2)))
    utc = datetime(2013, 5, 1, 23, 0, tzinfo=UTC)
    assert paris == utc  # equal datetimes: a naive memo would mix them up
    assert filters.date_fr(paris) == "2 mai 2013" and filters.date_fr(utc) == "1 mai 2013"
    assert filters.datetime_fr(paris) == "2 mai 2013 à 01:00"
    assert filters.datetime_fr(utc) == "1 mai 2013 à 23:00"


def test_filters_match_the_functions():
    day = date(2013, 4, 22)
    moment = datetime(2013, 4, 22, 9, 30, tzinfo=UTC)
    for _ in range(2):  # the second time from the memo
        assert filters.date_fr(day) == format_date_fr(day)
        assert filters.date_fr(moment, "LLLL y") == format_date_fr(moment, "LLLL y") == "avril 2013"
        assert filters.date_fr(moment, format="short") == format_date_fr(moment, format="short")
        assert filters.datetime_fr(moment) == format_datetime_fr(moment)
        assert filters.count(0, "commentaire", "commentaires") == count_fr(0, "commentaire", "commentaires")
        assert filters.count(1234, "article", "articles") == count_fr(1234, "article", "articles")
        assert filters.typo("Vraiment ? « oui »") == french_typography("Vraiment ? « oui »")


def test_filters_pickle_with_the_settings():
    # Pelican's reader cache pickles the settings (JINJA_FILTERS included) with each Tag.
    assert pickle.loads(pickle.dumps(filters.FILTERS)) == filters.FILTERS
