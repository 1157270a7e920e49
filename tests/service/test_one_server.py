"""One-server deployment: the service rebuilds output/ itself after a publication."""

from __future__ import annotations

from tests.service.conftest import invoke, wait_for


def test_an_approval_reaches_output_without_any_command_by_hand(make_world):
    world = make_world(rebuild=True)
    page = world.clone / "output" / "2013" / "04" / "media-social" / "index.html"
    wait_for(lambda: world.service.health()["build"]["builds"] >= 1, 120, "the start-up build")
    assert 'id="comment-wp-11"' in page.read_text(encoding="utf-8")
    world.post(parent="wp-11", body="Une réponse à Xavier.")
    (cid,) = world.pending_ids()
    assert f"comment-{cid}" not in page.read_text(encoding="utf-8")
    done = invoke(world.clone, "comments.approve", "--settings", "siteconf.py", cid)
    assert done.returncode == 0, done.stderr
    wait_for(lambda: page.is_file() and f'id="comment-{cid}"' in page.read_text(encoding="utf-8"), 120,
             "the rebuilt page")
    html = page.read_text(encoding="utf-8")
    assert html.index('id="comment-wp-11"') < html.index(f'id="comment-{cid}"')
    health = wait_for(lambda: (h := world.service.health()["build"])["builds"] >= 2 and h, 30, "the build's end")
    assert health["error"] is None and health["seconds"] > 0
    assert not (world.clone / "output.building").exists()
    wait_for(lambda: not list(world.clone.glob("output.old*")), 30, "the old site deleted")
