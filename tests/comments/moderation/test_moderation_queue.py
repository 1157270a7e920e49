"""The queue: states, journalled moves, recovery after a crash at each step, the lock."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from comments.core.comment_file import read_comment
from comments.core.model import Comment
from comments.storage.queue import CommentNotFound, Queue, QueueError

from tests.crash_points import child_script

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


MOVE = """
from comments.storage.queue import Queue
Queue({root!r}, {content!r}).move("a", {state!r})
"""


@pytest.mark.parametrize("point", ["after-journal", "after-destination", "after-unlink"])
@pytest.mark.parametrize("state", ["approved", "spam"])
def test_a_crash_at_each_step_of_a_move_is_reconciled(tmp_path, point, state):
    queue = Queue(tmp_path / "moderation", tmp_path / "content")
    queue.add(make("a"))
    script = child_script(point, MOVE.format(root=str(queue.root), content=str(queue.content), state=state),
                          source=queue.get("a")[2])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == -signal.SIGKILL, result.stderr
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
              f"from comments.storage.queue import Queue\n"
              f"q = Queue({str(queue.root)!r}, {str(queue.content)!r})\n"
              f"with q.lock():\n    print('held', flush=True)\n    time.sleep(1.5)\n    q.move('a', 'spam')\n")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with queue.lock():  # waits for the other command to finish its move
        assert queue.get("a")[0] == "spam"
    holder.wait(timeout=30)


DYING_HOLDER = """
import os, sys
sys.path.insert(0, {plugins!r})
from comments.storage.queue import Queue
with Queue({root!r}, {content!r}).lock():
    open({tmp!r}, "w").write("id: a\\nauth")  # an atomic write cut short
    os.makedirs({staging!r})  # an import cut short
    open({staging!r} + "/0.md", "w").write("id: b")
    os._exit(137)
"""


def test_a_holder_killed_is_cleaned_up_by_the_next(queue, tmp_path):
    queue.add(make("a"))
    stale, staging = tmp_path / "moderation/pending/.a.md.x.tmp", tmp_path / "moderation/.import-999"
    script = DYING_HOLDER.format(plugins=str(PLUGINS), root=str(queue.root), content=str(queue.content),
                                 tmp=str(stale), staging=str(staging))
    assert subprocess.run([sys.executable, "-c", script]).returncode == 137
    assert stale.exists() and staging.is_dir()
    with queue.lock():
        pass
    assert not stale.exists() and not staging.exists() and queue.get("a")[0] == "pending"


def test_after_a_clean_exit_the_lock_does_not_rescan_the_store(queue, tmp_path):
    queue.add(make("a"))
    planted = tmp_path / "moderation/pending/.a.md.x.tmp"
    planted.write_text("id: a\nauth")
    with queue.lock():
        pass
    assert planted.exists()  # no sweep: the previous holder exited cleanly
    (tmp_path / "moderation/.import-1").mkdir()
    with queue.lock():
        pass
    assert not planted.exists() and not (tmp_path / "moderation/.import-1").exists()
    planted.write_text("id: a\nauth")
    (tmp_path / "moderation/.lock").write_text("idle 0\n")  # the last sweep was long ago
    with queue.lock():
        pass
    assert not planted.exists()


def test_an_exception_under_the_lock_makes_the_next_holder_reconcile(queue, tmp_path):
    queue.add(make("a"))
    with pytest.raises(RuntimeError), queue.lock():
        (tmp_path / "moderation/pending/.a.md.y.tmp").write_text("half")
        raise RuntimeError
    with queue.lock():
        pass
    assert not (tmp_path / "moderation/pending/.a.md.y.tmp").exists()


def test_approved_needs_an_article(queue):
    with pytest.raises(QueueError):
        queue.add(make("a", post=None), "approved")
    queue.add(make("b"))
