"""The one publish function with COMMENTS['git']: one commit per publication, only that file, pushed."""

from __future__ import annotations

import io
import logging
import os
import subprocess
from datetime import UTC, datetime

import pytest
from comments.core.model import PENDING, Comment
from comments.core.settings import Git, comments_settings
from comments.moderation import replies, states
from comments.moderation.context import Context
from comments.storage.git import Repo
from comments.storage.queue import Queue

from tests.service.gitsite import GIT, git, make_git_site


@pytest.fixture
def site(tmp_path):
    site = make_git_site(tmp_path)
    clone = site.clone(tmp_path / "service")
    ctx = Context(content=clone / "content", queue_root=clone / "moderation",
                           settings=comments_settings({"COMMENTS": {"git": GIT}}), author="Lionel Boscher",
                           timezone="Europe/Paris", out=io.StringIO())
    return site, clone, ctx


def pending(ctx, cid: str, parent: str | None = None) -> Comment:
    comment = Comment(id=cid, author="Marie Dupont", date=datetime(2026, 12, 1, 10, tzinfo=UTC),
                      body="Très bon article, merci !", post="media-social", parent=parent,
                      email="marie@example.fr")
    Queue(ctx.queue_root, ctx.content).add(comment, PENDING)
    return comment


def test_approve_is_one_pushed_commit_holding_only_that_file(site):
    remote, clone, ctx = site
    pending(ctx, "c-000000000001")
    (clone / "notes.txt").write_text("untracked: never committed", encoding="utf-8")
    states.approve(ctx, ["c-000000000001"])
    assert "Envoyé au dépôt git (origin/main) : le site sera republié." in ctx.out.getvalue()
    log = remote.remote_log()
    assert len(log) == 2 and log[0].endswith("Publish comment c-000000000001 on media-social")
    commit = log[0].split()[0]
    assert remote.files_of(commit) == ["content/comments/media-social/c-000000000001.md"]
    assert "marie@example.fr" not in remote.show(commit)
    assert "Lionel Boscher" in git(remote.remote, "log", "-1", "--format=%an", "main")
    assert remote.linear()


def test_reply_to_a_pending_comment_is_two_commits(site):
    remote, _clone, ctx = site
    pending(ctx, "c-000000000002", parent="wp-11")
    new_id = replies.reply(ctx, "c-000000000002", "Merci Marie !")
    subjects = [line.split(" ", 1)[1] for line in remote.remote_log()[:2]]
    assert subjects == [f"Publish comment {new_id} on media-social",
                        "Publish comment c-000000000002 on media-social"]


def test_hand_edits_are_never_committed_and_wait_for_a_clean_tree(site, caplog):
    remote, clone, ctx = site
    pending(ctx, "c-000000000003")
    article = clone / "content" / "articles" / "media-social.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nRetouche.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        states.approve(ctx, ["c-000000000003"])
    assert "modifié à la main" in caplog.text and "content/articles/media-social.md" in caplog.text
    assert len(remote.remote_log()) == 1
    assert (clone / "content" / "comments" / "media-social" / "c-000000000003.md").is_file()
    git(clone, "checkout", "--", "content/articles/media-social.md")
    repo = Repo.find(ctx.content / "comments", Git(**GIT), "Lionel Boscher")
    repo.sync()
    commit = remote.remote_log()[0].split()[0]
    assert remote.files_of(commit) == ["content/comments/media-social/c-000000000003.md"]
    assert "Retouche" not in git(remote.remote, "show", "main:content/articles/media-social.md")


def test_a_failed_push_keeps_the_commit_and_a_later_sync_pushes_it_once(site, tmp_path):
    remote, clone, ctx = site
    pending(ctx, "c-000000000004")
    moved = tmp_path / "away.git"
    remote.remote.rename(moved)
    states.approve(ctx, ["c-000000000004"])
    assert "Le commit attend : il sera envoyé au dépôt dès que possible" in ctx.out.getvalue()
    repo = Repo.find(ctx.content / "comments", Git(**GIT))
    assert repo.waiting() == 1
    moved.rename(remote.remote)
    other = remote.clone(tmp_path / "other")  # meanwhile someone pushed: the sync rebases
    (other / "content" / "articles" / "nouveau.md").write_text("Title: Nouveau\nDate: 2026-01-01\n\nTexte.\n")
    git(other, "add", "-A")
    git(other, "commit", "--quiet", "-m", "Nouvel article")
    git(other, "push", "--quiet")
    assert repo.sync() is True
    assert repo.waiting() == 0
    subjects = [line.split(" ", 1)[1] for line in remote.remote_log()]
    assert subjects == ["Publish comment c-000000000004 on media-social", "Nouvel article", "Site"]
    assert remote.linear()


def test_without_git_nothing_is_committed(tmp_path):
    site = make_git_site(tmp_path)
    clone = site.clone(tmp_path / "service")
    ctx = Context(content=clone / "content", queue_root=clone / "moderation",
                           settings=comments_settings({}), out=io.StringIO())
    pending(ctx, "c-000000000005")
    states.approve(ctx, ["c-000000000005"])
    assert len(site.remote_log()) == 1
    assert git(clone, "status", "--porcelain").strip() == "?? content/comments/media-social/c-000000000005.md"


@pytest.mark.parametrize("value", [{"remote": "origin"}, {**GIT, "pull_interval": 0}, {**GIT, "branch": ""},
                                   {**GIT, "extra": 1}, "origin"])
def test_bad_git_settings_are_refused(value):
    with pytest.raises(ValueError, match=r"COMMENTS\['git'\]"):
        comments_settings({"COMMENTS": {"git": value}})


def test_reconcile_clears_what_a_killed_git_left(site):
    """Stale git locks and a rebase stopped half-way (a kill during a pull) are cleared at start,
    and the comment file written before the kill is committed and pushed."""
    remote, clone, ctx = site
    pending(ctx, "c-000000000006")
    states.approve(ctx, ["c-000000000006"])
    stray = clone / "content" / "comments" / "media-social" / "c-000000000007.md"
    stray.write_text("id: c-000000000007\nauthor: Léa\ndate: 2026-12-01T10:00:00+01:00\n\nÉcrit, pas commité.\n")
    subprocess.run(["git", "rebase", "-i", "HEAD~1"], cwd=clone, check=True, capture_output=True,
                   env={**os.environ, "GIT_SEQUENCE_EDITOR": "sed -i 1ibreak"})
    assert (clone / ".git" / "rebase-merge").is_dir()
    locks = [clone / ".git" / "index.lock", clone / ".git" / "HEAD.lock", clone / ".git" / "refs" / "heads" / "main.lock"]
    for lock in locks:  # what a git killed in a commit leaves
        lock.write_text("")
    repo = Repo.find(ctx.content / "comments", Git(**GIT), "Lionel Boscher")
    repo.sync()
    assert not (clone / ".git" / "rebase-merge").exists() and not any(lock.exists() for lock in locks)
    subjects = [line.split(" ", 1)[1] for line in remote.remote_log()[:2]]
    assert subjects == ["Publish comment c-000000000007 on media-social",
                        "Publish comment c-000000000006 on media-social"]
    assert git(clone, "status", "--porcelain").strip() == ""
