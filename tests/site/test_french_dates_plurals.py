"""french.dates and french.plurals: Babel's French, no OS locale involved."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from french.dates import format_date_fr, format_datetime_fr
from french.plurals import count_fr

from tests.conftest import ROOT

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (datetime(2013, 4, 22, 9, 30, tzinfo=PARIS), "long", "22 avril 2013"),
    (date(2013, 8, 1), "long", "1 août 2013"),
    (date(2013, 12, 31), "short", "31/12/2013"),
    (date(2014, 2, 3), "full", "lundi 3 février 2014"),
    (date(2013, 4, 22), "LLLL y", "avril 2013"),
])
def test_format_date_fr(value, fmt, expected):
    assert format_date_fr(value, fmt) == expected


def test_default_format_is_long():
    assert format_date_fr(date(2015, 6, 15)) == "15 juin 2015"


def test_format_datetime_fr_keeps_the_timezone():
    value = datetime(2013, 5, 2, 14, 3, tzinfo=PARIS)
    assert format_datetime_fr(value) == "2 mai 2013 à 14:03"


def test_dates_need_no_os_locale():
    code = ("from datetime import date; from french.dates import format_date_fr;"
            "print(format_date_fr(date(2013, 4, 22)))")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
        env={"LANG": "C", "LC_ALL": "C", "PYTHONPATH": str(ROOT / "plugins"), "PYTHONIOENCODING": "utf-8"},
    ).stdout
    assert out.strip() == "22 avril 2013"


@pytest.mark.parametrize(("n", "expected"), [
    (0, "0\u00a0commentaire"),
    (1, "1\u00a0commentaire"),
    (2, "2\u00a0commentaires"),
    (10, "10\u00a0commentaires"),
    (1234, "1\u202f234\u00a0commentaires"),
    (None, "0\u00a0commentaire"),
])
def test_count_fr(n, expected):
    assert count_fr(n, "commentaire", "commentaires") == expected


def test_count_fr_other_nouns():
    assert count_fr(1, "article", "articles") == "1\u00a0article"
    assert count_fr(3, "article", "articles") == "3\u00a0articles"
