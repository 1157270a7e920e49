"""The french plugin's smaller parts: metadata checks and article neighbours."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from french.checks import category_problem
from french.navigation import link_neighbours
from source_lines import metadata_line


def test_category_list_is_a_problem():
    assert category_problem("Médias sociaux") is None
    assert category_problem("Stratégie digitale") is None
    assert "Médias sociaux, PME" in category_problem("Médias sociaux, PME")
    assert category_problem("A; B")


def test_line_of_finds_the_header_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Title: T\nDate: 2013-01-01\ncategory: A, B\n\nCategory: in the body\n", encoding="utf-8")
    assert metadata_line(str(path), "category") == 3
    assert metadata_line(str(path), "tags") is None


def test_neighbours_follow_dates():
    def art(slug, day):
        return SimpleNamespace(slug=slug, date=datetime(2014, 1, day))

    old, mid, new = art("old", 1), art("mid", 2), art("new", 3)
    link_neighbours([new, mid, old])
    assert (mid.prev_article, mid.next_article) == (old, new)
    assert old.prev_article is None and old.next_article is mid
    assert new.next_article is None and new.prev_article is mid
