"""The comment service with COMMENTS['git'], for real: a bare remote, the service in its own clone,
the CLI (`invoke comments.approve --settings`) beside it, other clones pushing meanwhile."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time

import httpx

from tests.crash_points import child_script
from tests.service.conftest import invoke, wait_for
from tests.service.gitsite import article, git


def approve(world, *ids: str) -> subprocess.CompletedProcess:
    return invoke(world.clone, "comments.approve", "--settings", "siteconf.py", ",".join(ids))


def approve_killed_at(world, cid: str, point: str) -> subprocess.CompletedProcess:
    """`invoke comments.approve --settings siteconf.py <cid>`, run by invoke's own entry point in a
    child that dies at `point` (tests/crash_points.py)."""
    argv = ["invoke", "comments.approve", "--settings", "siteconf.py", cid]
    script = child_script(point, f"from invoke.main import program\nprogram.run({argv!r})",
                          source=world.clone / "moderation" / "pending" / f"{cid}.md", plugins=world.clone / "plugins")
    return subprocess.run([sys.executable, "-c", script], cwd=world.clone, capture_output=True, text=True,
                          timeout=120)


def remote_files(world) -> list[str]:
    return git(world.site.remote, "ls-tree", "-r", "--name-only", "main", "content/comments").split()


def published_on_remote(world, cid: str) -> int:
    """How many commits of the remote's history touch that comment's file."""
    path = f"content/comments/media-social/{cid}.md"
    return len(git(world.site.remote, "log", "--format=%H", "main", "--", path).split())


def push_article(world, tmp_path, slug: str) -> None:
    other = tmp_path / f"author-{slug}"
    if not other.exists():
        world.site.clone(other)
    git(other, "pull", "--quiet", "--rebase")
    (other / "content" / "articles" / f"{slug}.md").write_text(article(slug, "Nouveau", "2026-11-30 09:00"))
    git(other, "add", "-A")
    git(other, "commit", "--quiet", "-m", f"Article {slug}")
    for _attempt in range(10):  # as an author would: the service may push in between
        if subprocess.run(["git", "push", "--quiet"], cwd=other, capture_output=True).returncode == 0:
            return
        git(other, "pull", "--quiet", "--rebase")
    raise AssertionError("the author's push never went through")


def test_form_to_pushed_commit_and_new_articles_without_restart(make_world, tmp_path):
    world = make_world()
    answer = world.post()
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{world.origin}/2013/04/media-social/#commentaire-en-attente"
    (cid,) = world.pending_ids()
    done = approve(world, cid)
    assert done.returncode == 0, done.stderr
    head = world.site.remote_log()[0].split()[0]
    assert world.site.files_of(head) == [f"content/comments/media-social/{cid}.md"]
    assert "marie@example.fr" not in world.site.show(head)
    # An article pushed from another clone takes comments after pull_interval, without restart.
    assert world.post(post="nouveau").status_code == 404
    push_article(world, tmp_path, "nouveau")
    wait_for(lambda: world.post(post="nouveau").status_code == 303, 30, "the new article to take comments")
    assert world.service.health()["git"]["last_pull"]


def test_auto_approval_in_the_service_is_pushed_by_its_loop(make_world):
    world = make_world(moderation={"auto_approve_known_authors": True})
    world.post()
    (first,) = world.pending_ids()
    assert approve(world, first).returncode == 0
    answer = world.post(body="Encore moi, avec une autre remarque.")
    assert answer.headers["location"].endswith("#commentaire-publie")
    wait_for(lambda: len(remote_files(world)) == 3, 30, "the auto-approved comment on the remote")
    health = world.service.health()["git"]
    assert health["last_push"] and health["waiting"] == 0 and world.site.linear()


def test_unreachable_remote_keeps_the_approval_and_pushes_it_once_back(make_world, tmp_path):
    world = make_world()
    world.post()
    (cid,) = world.pending_ids()
    away = tmp_path / "away.git"
    world.site.remote.rename(away)
    done = approve(world, cid)
    assert done.returncode == 0 and "plus tard" in done.stderr
    health = wait_for(lambda: (h := world.service.health())["git"]["error"] and h, 30, "the error in /health")
    assert health["status"] == "ok" and health["git"]["waiting"] == 1
    assert world.post(body="Pendant la panne.").status_code == 303  # still receiving
    away.rename(world.site.remote)
    wait_for(lambda: world.service.health()["git"]["waiting"] == 0, 30, "the push once the remote is back")
    assert published_on_remote(world, cid) == 1 and world.site.linear()


def test_two_approvals_racing_a_push_land_once_linear(make_world, tmp_path):
    world = make_world()
    for n in range(2):
        world.post(body=f"Commentaire numéro {n}.")
    ids = world.pending_ids()
    results = {}
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, approve(world, i))) for i in ids]
    threads.append(threading.Thread(target=push_article, args=(world, tmp_path, "course")))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.returncode == 0 for r in results.values()), [r.stderr for r in results.values()]
    wait_for(lambda: world.service.health()["git"]["waiting"] == 0, 30, "every commit pushed")
    assert all(published_on_remote(world, cid) == 1 for cid in ids)
    assert world.site.linear()
    assert any(line.endswith("Article course") for line in world.site.remote_log())


def test_hand_edited_tree_is_reported_and_never_committed(make_world):
    world = make_world()
    article_path = world.clone / "content" / "articles" / "media-social.md"
    article_path.write_text(article_path.read_text() + "\nRetouche à la main.\n")
    health = wait_for(lambda: (h := world.service.health())["git"]["dirty"] and h, 30, "dirty in /health")
    assert health["git"]["dirty"] == ["content/articles/media-social.md"]
    assert world.post().status_code == 303 and world.pending_ids()  # comments still received
    (cid,) = world.pending_ids()
    approve(world, cid)
    time.sleep(1.0)  # three pull intervals: the loop had its chances to commit
    assert len(world.site.remote_log()) == 1  # nothing committed or pushed
    assert "arbre de travail" in world.service.log.read_text(encoding="utf-8")
    git(world.clone, "checkout", "--", "content/articles/media-social.md")
    wait_for(lambda: published_on_remote(world, cid) == 1, 30, "the publication once the tree is clean")
    assert "Retouche" not in git(world.site.remote, "show", "main:content/articles/media-social.md")


def test_killed_at_any_point_then_restarted_reconciles(make_world):
    """Kills of the CLI in the middle of an approval (after the file, before the commit or the push)
    and of the service at random instants: after a restart, every approved comment is on the remote
    exactly once and in exactly one place in the clone."""
    world = make_world()
    for n in range(6):
        world.post(body=f"Commentaire à publier {n}.")
    ids = world.pending_ids()
    rng = random.Random(12)
    for n, cid in enumerate(ids):
        point = ("after-destination", "after-unlink", "after-commit", "")[n % 4]
        if n % 2:  # the service dies at a random instant during this approval
            victim = threading.Timer(rng.uniform(0.0, 1.0), world.service.kill)
            victim.start()
        done = approve_killed_at(world, cid, point)
        if n % 2:
            victim.join()
            world.service.process.wait(10)
            world.service.start()
        # The CLI dies at its point; only its commit may fail first: a kill of the service can leave
        # git's index.lock, which the service's catch-up removes (it then commits the comment).
        assert (done.returncode == -signal.SIGKILL) == bool(point) or (
            point == "after-commit" and done.returncode == 0 and "Commit git impossible" in done.stderr), done.stderr
    world.service.stop()
    world.service.start()
    wait_for(lambda: world.service.health()["git"]["waiting"] == 0 and not git(
        world.clone, "status", "--porcelain", "content").strip(), 30, "the reconciliation")
    for cid in ids:
        assert published_on_remote(world, cid) == 1, cid
        places = list(world.clone.glob(f"moderation/*/{cid}.md")) + list(world.clone.glob(f"content/comments/*/{cid}.md"))
        assert len(places) == 1, places
    assert world.site.linear()
    assert httpx.get(world.service.url + "/health").json()["git"]["error"] is None


def test_the_moderation_page_publishes_through_the_same_function(make_world):
    """Approving and replying on /moderation/ (issue 10's page) in the service: one commit each,
    pushed by the service's loop."""
    from comments.moderation_page.auth import set_password

    from tests.moderation_page.conftest import PASSWORD, Author

    world = make_world()
    set_password(world.clone / "moderation", PASSWORD)
    author = Author(world.service.url)
    try:
        assert author.login().status_code == 303
        world.post()
        (cid,) = world.pending_ids()
        assert author.act(f"reply:{cid}", **{f"text-{cid}": "Merci Marie, bonne remarque."}).status_code == 303
        wait_for(lambda: len(remote_files(world)) == 3, 30, "the approval and the reply on the remote")
    finally:
        author.http.close()
    assert published_on_remote(world, cid) == 1
    subjects = [line.split(" ", 1)[1] for line in world.site.remote_log()[:2]]
    assert subjects[1] == f"Publish comment {cid} on media-social" and subjects[0].startswith("Publish comment ")
    health = world.service.health()["git"]
    assert health["last_push"] and health["waiting"] == 0 and world.site.linear()  # the loop pushed
