"""The queue: states, journalled moves, recovery after a crash at each step, the lock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from comments.model import Comment
from comments.moderation.queue import CommentNotFound, Queue, QueueError
from comments.store import read_comment

PLUGINS = Path(__file__).resolve().parents[3] / "plugins"


def make(cid: str, post="article") -> Comment:
    return Comment(id=cid, author="Anne", date=datetime(2024, 1, 1, tzinfo=UTC), body=f"Texte {cid}",
                   post=post, email="anne@example.org", held=["premier commentaire de cet auteur"])


@pytest.fixture
def queue(tmp_path):
    return Queue(tmp_path / "moderation", tmp_path / "content")


def test_add_get_list_move(queue, tmp_path):
    queue.add(make("a"))
    queue.add(make("b"), "spam")
    with pytest.raises(QueueError):
        queue.add(make("a"))
    state, comment, path = queue.get("a")
    assert state == "pending" and comment.email == "anne@example.org" and path == tmp_path / "moderation/pending/a.md"
    assert [c.id for c in queue.list("pending")] == ["a"]
    old, moved = queue.move("a", "approved")
    assert old == "pending"
    published = tmp_path / "content/comments/article/a.md"
    assert published.is_file() and not path.exists()
    # Published files never carry the queue's private keys.
    text = published.read_text()
    assert "email" not in text and "post:" not in text and "held" not in text
    assert queue.get("a")[0] == "approved" and queue.get("a")[1].post == "article"
    queue.move("a", "rejected")
    assert read_comment(tmp_path / "moderation/rejected/a.md", queue=True).post == "article"
    assert not published.exists()
    with pytest.raises(CommentNotFound):
        queue.get("zzz")
    assert not (tmp_path / "moderation/.journal").exists() or not list((tmp_path / "moderation/.journal").iterdir())


CRASH_SCRIPT = """
import sys
sys.path.insert(0, {plugins!r})
from comments.moderation.queue import Queue
Queue({root!r}, {content!r}).move("a", {state!r})
"""


@pytest.mark.parametrize("point", ["after-journal", "after-destination", "after-unlink"])
@pytest.mark.parametrize("state", ["approved", "spam"])
def test_a_crash_at_each_step_of_a_move_is_reconciled(tmp_path, point, state):
    queue = Queue(tmp_path / "moderation", tmp_path / "content")
    queue.add(make("a"))
    script = CRASH_SCRIPT.format(plugins=str(PLUGINS), root=str(queue.root), content=str(queue.content), state=state)
    result = subprocess.run([sys.executable, "-c", script], env={**os.environ, "COMMENTS_CRASH_AT": point},
                            capture_output=True, text=True)
    assert result.returncode == 137, result.stderr
    with queue.lock():  # the next command reconciles
        places = queue.locate("a")
    assert len(places) == 1
    # Once the destination was written, the move is finished; before, it never happened.
    assert places[0][0] == ("pending" if point == "after-journal" else state)
    assert not list(queue.journal.glob("*.json"))


def test_the_lock_serialises_commands(tmp_path):
    queue = Queue(tmp_path / "moderation", tmp_path / "content")
    queue.add(make("a"))
    script = (f"import sys, time; sys.path.insert(0, {str(PLUGINS)!r})\n"
              f"from comments.moderation.queue import Queue\n"
              f"q = Queue({str(queue.root)!r}, {str(queue.content)!r})\n"
              f"with q.lock():\n    print('held', flush=True)\n    time.sleep(1.5)\n    q.move('a', 'spam')\n")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with queue.lock():  # waits for the other command to finish its move
        assert queue.get("a")[0] == "spam"
    holder.wait(timeout=30)


def test_stale_temporary_files_are_removed(queue, tmp_path):
    queue.add(make("a"))
    stale = tmp_path / "moderation/pending/.a.md.x.tmp"
    stale.write_text("id: a\nauth")
    with queue.lock():
        pass
    assert not stale.exists() and queue.get("a")[0] == "pending"


def test_approved_needs_an_article(queue):
    with pytest.raises(QueueError):
        queue.add(make("a", post=None), "approved")
    queue.add(make("b"))
