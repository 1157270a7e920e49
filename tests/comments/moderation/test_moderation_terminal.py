"""What the CLI prints from a comment goes through comments.core.terminal.visible:
no escape sequence, C1 control or bidi override reaches the terminal (issue 16)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from comments.core.model import Comment
from comments.core.terminal import has_unsafe_name_chars, strip_unsafe_name_chars, visible
from comments.moderation.context import Context
from comments.moderation.display import table, thread
from comments.storage.queue import Queue
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.comments.importers.import_helpers import make_content
from tests.conftest import ROOT

# Any of these reaching a terminal acts instead of being read (newline aside).
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# Window title, screen clear, a clickable OSC 8 link, C1 CSI, a right-to-left override, an isolate.
HOSTILE = ("\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.example/\x1b\\clic\x1b]8;;\x1b\\"
           "\x9b31m\u202egnp.exe\u2066x\u2069\r\x85")


def test_visible_shows_each_control_and_keeps_newlines():
    assert visible("a\x1b[2Jb\n\tc\x7f\x00") == "a\u241b[2Jb\n\u2409c\u2421\u2400"
    assert visible("\x9b\x85\u202e\u2066\u200f\u2028") == "<U+009B><U+0085><U+202E><U+2066><U+200F><U+2028>"
    assert visible("Émile « ok » — 中文 عربي") == "Émile « ok » — 中文 عربي"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_nothing_forbidden_survives_and_showing_twice_changes_nothing(text):
    shown = visible(text)
    assert not FORBIDDEN.search(shown)
    assert shown.count("\n") == text.count("\n")
    assert visible(shown) == shown
    assert not has_unsafe_name_chars(strip_unsafe_name_chars(text))


@pytest.fixture
def hostile_queue(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    queue = tmp_path / "moderation"
    # A file written before names were cleaned, or edited by hand: the CLI must still print it safely.
    Queue(queue, content).add(Comment(
        id="h-1", author=f"Mallory{HOSTILE}", date=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        body=f"Bonjour{HOSTILE}\nseconde ligne", post="mon-article", held=[f"règle{HOSTILE}"]))
    return content, queue


def cli(content, queue, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args, "--queue", str(queue), "--content", str(content)],
        cwd=ROOT, capture_output=True, input=stdin.encode(), timeout=300, env={**os.environ, "COLUMNS": "200"},
    )


@pytest.mark.parametrize("args", [("comments.queue",), ("comments.show", "h-1"), ("comments.review",)])
def test_the_cli_prints_hostile_names_and_bodies_visibly(hostile_queue, args):
    content, queue = hostile_queue
    result = cli(content, queue, *args, stdin="q\n")
    assert result.returncode == 0, result.stderr
    for stream in (result.stdout, result.stderr):
        text = stream.decode("utf-8")
        assert not FORBIDDEN.search(text), repr(text)
    out = result.stdout.decode("utf-8")
    assert "Mallory\u241b]0;pwned\u2407" in out  # shown, not sent
    if args[0] != "comments.queue":  # (the table cuts names and first words before the override)
        assert "Mallory\u241b]0;pwned\u2407\u241b[2J\u241b]8;;https://evil.example/" in out and "<U+202E>gnp" in out


ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=100, deadline=None)
@given(author=ANY_TEXT, body=ANY_TEXT, held=st.lists(ANY_TEXT, max_size=2), post=ANY_TEXT)
def test_whatever_a_comment_holds_the_queue_and_show_print_nothing_forbidden(author, body, held, post):
    comment = Comment(id="h-1", author=author, date=datetime(2026, 11, 2, 9, 0, tzinfo=UTC), body=body,
                      post=post, held=held, website="https://x.example/", parent="h-0")
    parent = Comment(id="h-0", author=author, date=datetime(2026, 11, 1, 9, 0, tzinfo=UTC), body=body, post=post)
    out = io.StringIO()
    ctx = Context(content=ROOT, queue_root=ROOT, author="A", timezone="UTC", out=out)
    for line in [*table([comment], width=120), *thread(comment, "pending", {"h-0": ("pending", parent)}, post)]:
        ctx.say(line)
    assert not FORBIDDEN.search(out.getvalue())
