"""The CLI beside the page: approving a reply offers its pending parent; `review` says why an
action was refused and goes on; restore and delete go through the same moderation layer."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from comments.cli.review import review
from comments.core.model import Comment
from comments.moderation import actions, states
from comments.moderation.context import Context
from comments.moderation.errors import ModerationError
from comments.storage.queue import Queue

from tests.comments.importers.import_helpers import make_content
from tests.conftest import ROOT

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def ctx(tmp_path) -> Context:
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    queue = tmp_path / "moderation"
    q = Queue(queue, content)
    for cid, parent, post, minutes in (("p-1", None, "mon-article", 30), ("r-1", "p-1", "mon-article", 20),
                                       ("x-1", None, "disparu", 10), ("z-1", None, "mon-article", 5)):
        q.add(Comment(id=cid, author=f"Auteur {cid}", date=NOW - timedelta(minutes=minutes),
                      body=f"Texte {cid}.", parent=parent, post=post))
    return Context(content=content, queue_root=queue, author="Lionel", timezone="Europe/Paris",
                            out=io.StringIO())


def published(ctx) -> list[str]:
    return sorted(p.stem for p in (ctx.content / "comments").glob("*/*.md"))


def invoke(ctx, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args, "--queue", str(ctx.queue_root),
                           "--content", str(ctx.content)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "200"})


def test_approve_offers_the_pending_parent_and_parents_approves_both(ctx):
    assert actions.parents_to_offer(ctx, ["r-1", "z-1"]) == {"r-1": ["p-1"]}
    alone = invoke(ctx, "comments.approve", "r-1")
    assert alone.returncode == 0, alone.stderr
    assert "r-1 répond à p-1, encore en attente" in alone.stdout and "--parents" in alone.stdout
    assert published(ctx) == ["r-1"]


def test_approve_with_parents(ctx):
    both = invoke(ctx, "comments.approve", "r-1", "--parents")
    assert both.returncode == 0, both.stderr
    assert published(ctx) == ["p-1", "r-1"]


def test_approving_several_replies_asks_for_each_parent_apart(ctx):
    from comments.cli.approve import approve_asking

    Queue(ctx.queue_root, ctx.content).add(Comment(
        id="q-1", author="Auteur q-1", date=NOW - timedelta(minutes=25), body="Texte q-1.", post="mon-article"))
    Queue(ctx.queue_root, ctx.content).add(Comment(
        id="r-2", author="Auteur r-2", date=NOW - timedelta(minutes=15), body="Texte r-2.", parent="q-1",
        post="mon-article"))
    asked = []
    answers = iter(["o", "n"])  # r-1: yes, with its parent; r-2: no, alone

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    approve_asking(ctx, ["r-1", "r-2"], ask)
    assert len(asked) == 2 and "r-1 répond à p-1" in asked[0] and "r-2 répond à q-1" in asked[1]
    assert published(ctx) == ["p-1", "r-1", "r-2"]
    assert (ctx.queue_root / "pending" / "q-1.md").is_file()


def test_review_says_why_an_action_is_refused_and_goes_on(ctx):
    answers = iter(["a",        # p-1 (oldest): approve
                    "a",        # r-1: approve (its parent is published by now: no question)
                    "a",        # x-1: refused, article introuvable
                    "s"])       # z-1: the review went on
    review(ctx, ask=lambda _prompt: next(answers))
    out = ctx.out.getvalue()
    assert "article introuvable" in out and "Revue terminée" in out and "Choix inconnu" not in out
    assert published(ctx) == ["p-1", "r-1"] and (ctx.queue_root / "spam" / "z-1.md").is_file()
    assert (ctx.queue_root / "pending" / "x-1.md").is_file()


def test_review_offers_the_parent(ctx):
    Queue(ctx.queue_root, ctx.content).move("p-1", "rejected")
    Queue(ctx.queue_root, ctx.content).move("p-1", "pending")
    answers = iter(["p", "a", "o", "q"])  # skip p-1; approve r-1 and, asked, its parent
    review(ctx, ask=lambda _prompt: next(answers))
    assert published(ctx) == ["p-1", "r-1"]


def test_restore_and_delete_only_from_spam_or_rejected(ctx):
    states.spam(ctx, ["z-1"])
    with pytest.raises(ModerationError, match="indésirables ou rejetés"):
        actions.delete(ctx, ["p-1"])
    actions.restore(ctx, ["z-1"])
    assert (ctx.queue_root / "pending" / "z-1.md").is_file()
    states.reject(ctx, ["z-1"])
    actions.delete(ctx, ["z-1"])
    assert not list(ctx.queue_root.glob("*/z-1.md"))
