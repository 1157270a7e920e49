"""An author's `Date:` is read day first (5 November for 05/11/2026), or refused
with a French message naming the file and line; ISO dates are unchanged."""

from __future__ import annotations

import re

import pytest
from french.dates import AuthorDateError, author_date

from tests.conftest import run_pelican

ARTICLE = "Title: {title}\nDate: {date}\nCategory: Essais\nSlug: {slug}\nLang: fr\n\nUn texte.\n"


@pytest.mark.parametrize(("written", "read"), [
    ("05/11/2026", "2026-11-05"),
    ("5/11/2026 14h30", "2026-11-05 14:30:00"),
    ("05.11.2026 09:05:07", "2026-11-05 09:05:07"),
    ("05-11-2026", "2026-11-05"),
    ("2026-05-11", "2026-05-11"),  # ISO: unchanged
    ("2026-05-11T10:00:00+02:00", "2026-05-11T10:00:00+02:00"),
    ("2026/05/11 10:00", "2026/05/11 10:00"),  # year first: never ambiguous
])
def test_numeric_dates_are_day_first(written, read):
    assert author_date(written) == read


@pytest.mark.parametrize(("written", "reason"), [
    ("05/11/26", "l’année doit avoir quatre chiffres"),
    ("11/25/2026", "n’est pas une date"),  # month first, as in English
    ("31/02/2026", "n’est pas une date"),
])
def test_what_may_mean_another_day_is_refused(written, reason):
    with pytest.raises(AuthorDateError, match=reason):
        author_date(written)


def _site(root, dates: dict[str, str]):
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for slug, date in dates.items():
        (content / "articles" / f"{slug}.md").write_text(
            ARTICLE.format(title=f"Article {slug}", date=date, slug=slug), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("dates")
    content = _site(root, {"jour-d-abord": "05/11/2026 09:00", "iso": "2026-05-11 09:00"})
    run_pelican(content, root / "output")
    return root / "output"


def test_a_french_date_gives_its_november_address_and_date(built):
    page = built / "2026" / "11" / "jour-d-abord" / "index.html"
    assert page.exists(), sorted(p.relative_to(built).as_posix() for p in built.rglob("index.html"))
    assert "5 novembre 2026" in page.read_text(encoding="utf-8")
    assert not (built / "2026" / "05" / "jour-d-abord").exists()


def test_an_iso_date_is_unchanged(built):
    page = built / "2026" / "05" / "iso" / "index.html"
    assert "11 mai 2026" in page.read_text(encoding="utf-8")


def test_an_ambiguous_date_stops_the_build_naming_file_and_line(tmp_path):
    content = _site(tmp_path, {"ambigu": "05/11/26"})
    result = run_pelican(content, tmp_path / "output", check=False, fatal="errors", env={"COLUMNS": "500"})
    log = re.sub(r"\s*\n\s*", " ", result.stdout + result.stderr)  # rich's line breaks undone
    assert result.returncode != 0, log
    assert "ambigu.md:2" in log and "champ «\u202fDate\u202f»" in log, log
    assert "l’année doit avoir quatre chiffres" in log, log
    assert not list((tmp_path / "output").rglob("ambigu/index.html"))
