"""Thread building: order, depth cap, orphans, cycles."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest
from comments.build.threads import build_threads, walk
from comments.core.model import Comment
from comments.core.urls import display_url, normalise_href

T0 = datetime(2013, 5, 2, 14, 3, tzinfo=timezone(timedelta(hours=2)))


def c(cid: str, parent: str | None = None, minutes: int = 0, **kw) -> Comment:
    return Comment(id=cid, author=kw.pop("author", "Lecteur"), date=T0 + timedelta(minutes=minutes),
                   body="texte", parent=parent, **kw)


def shape(nodes) -> list:
    """(id, [children...]) trees, for readable assertions."""
    return [(n.id, shape(n.children)) for n in nodes]


def test_top_level_and_siblings_are_chronological_whatever_the_input_order():
    comments = [c("b", minutes=5), c("a", minutes=1), c("r2", "a", 9), c("r1", "a", 3), c("z", minutes=2)]
    assert shape(build_threads(comments)) == [("a", [("r1", []), ("r2", [])]), ("z", []), ("b", [])]


def test_equal_dates_break_ties_on_id():
    assert [n.id for n in build_threads([c("b"), c("a")])] == ["a", "b"]


def test_reply_points_to_its_parent():
    nodes = build_threads([c("a"), c("b", "a", 1)])
    assert nodes[0].reply_to is None
    assert nodes[0].children[0].reply_to.id == "a"


def chain(n: int) -> list[Comment]:
    return [c("c1")] + [c(f"c{i}", f"c{i - 1}", i) for i in range(2, n + 1)]


def test_depth_five_nests_five_levels_and_keeps_deeper_replies_at_the_last_level_in_order():
    comments = chain(8) + [c("late", "c5", 30), c("c4b", "c4", 7)]
    nodes = build_threads(comments, depth=5)
    levels = {n.id: n.depth for n in walk(nodes)}
    assert levels["c1"] == 1 and levels["c4"] == 4 and levels["c5"] == 5
    assert levels["c6"] == levels["c7"] == levels["c8"] == levels["late"] == 5
    c4 = nodes[0].children[0].children[0].children[0]
    assert c4.id == "c4"
    # Everything below c4 sits in c4's list, chronological: c5 (5'), c6, c4b (7'), c7, c8, late (30').
    assert [n.id for n in c4.children] == ["c5", "c6", "c4b", "c7", "c8", "late"]
    assert all(not n.children for n in c4.children)
    assert c4.children[1].reply_to.id == "c5"  # flattened, but still says whom it answers


def test_depth_setting_changes_nesting():
    assert shape(build_threads(chain(3), depth=2)) == [("c1", [("c2", []), ("c3", [])])]
    assert shape(build_threads(chain(3), depth=1)) == [("c1", []), ("c2", []), ("c3", [])]
    assert shape(build_threads(chain(3), depth=9)) == [("c1", [("c2", [("c3", [])])])]


def test_orphan_goes_to_the_top_level_with_a_log_line(caplog):
    caplog.set_level(logging.INFO, logger="comments")
    nodes = build_threads([c("a"), c("orphan", "pending-1", 2), c("kid", "orphan", 3)])
    assert shape(nodes) == [("a", []), ("orphan", [("kid", [])])]
    assert any("orphan" in r.getMessage() and "pending-1" in r.getMessage() for r in caplog.records)


def test_cycle_is_broken_at_its_earliest_comment_with_a_warning(caplog):
    comments = [c("x", "y", 1), c("y", "z", 2), c("z", "x", 3), c("top", minutes=0), c("w", "z", 4)]
    nodes = build_threads(comments)
    ids = [n.id for n in walk(nodes)]
    assert sorted(ids) == ["top", "w", "x", "y", "z"]  # nothing lost, nothing twice
    assert [n.id for n in nodes] == ["top", "x"]
    x = nodes[1]
    assert shape(x.children) == [("z", [("y", []), ("w", [])])]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "cycle" in warnings[0].getMessage()


def test_self_contained_two_cycle_and_a_clean_thread_side_by_side(caplog):
    nodes = build_threads([c("p", "q", 1), c("q", "p", 2), c("a", minutes=0), c("b", "a", 3)])
    assert shape(nodes) == [("a", [("b", [])]), ("p", [("q", [])])]


def test_initials_and_website_for_display():
    node = build_threads([c("a", author="Lionel Boscher", website="javascript:alert(1)")])[0]
    assert node.initials == "LB"
    assert node.website is None
    assert build_threads([c("a", author="x", website="https://example.fr/")])[0].website == "https://example.fr/"
    assert build_threads([c("a", author="<>")])[0].initials == "?"


@pytest.mark.parametrize("url, shown", [
    ("https://example.fr/", "https://example.fr/"),
    ("https://x.fr", "https://x.fr/"),
    ("http://Example.FR:8080/a", "http://example.fr:8080/a"),
    ('https://evil.example/"><script>alert(1)</script>', "https://evil.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"),
    ("https://exämple.fr/é?q=ü#f", "https://xn--exmple-cua.fr/%C3%A9?q=%C3%BC#f"),
    ("https://x.fr/%zz%41", "https://x.fr/%25zz%41"),
    ("https://bank.example@evil.example/x", "https://evil.example/x"),  # no credentials, no disguise
    ("https://evil<x>/", None),
    ("javascript:alert(1)", None),
    ("data:text/html,x", None),
    ("https://x.fr/a b", None),
    (None, None),
])
def test_website_is_shown_only_as_a_valid_http_url(url, shown):
    assert display_url(url) == shown


@pytest.mark.parametrize("href, kept", [
    ("https://x.fr/a?b=c#d", "https://x.fr/a?b=c#d"),
    ("http://foo.bar/#x=`y", "http://foo.bar/#x=%60y"),
    ("mailto:a@b.fr", "mailto:a@b.fr"),
    ("/page/", "/page/"),
    ("#comment-1", "#comment-1"),
    ("[a]java[b]script[c]:alert(1)", "./%5Ba%5Djava%5Bb%5Dscript%5Bc%5D:alert(1)"),
    ("javascript:alert(1)", None),
    ("java\x01script:alert(1)", None),
    ("//evil.example/", None),
    ("/. /x", None),
    ("ftp://x.fr/", None),
])
def test_body_links_are_normalised_or_refused(href, kept):
    assert normalise_href(href) == kept
