"""One-server deployment: the service rebuilds output/ itself after a publication."""

from __future__ import annotations

import threading

from tests.service.conftest import invoke, wait_for


def test_an_approval_reaches_output_without_any_command_by_hand(make_world):
    world = make_world(rebuild=True)
    page = world.clone / "output" / "2013" / "04" / "media-social" / "index.html"
    wait_for(lambda: world.service.health()["build"]["builds"] >= 1, 120, "the start-up build")
    assert 'id="comment-wp-11"' in page.read_text(encoding="utf-8")
    world.post(parent="wp-11", body="Une réponse à Xavier.")
    (cid,) = world.pending_ids()
    assert f"comment-{cid}" not in page.read_text(encoding="utf-8")
    # A reader keeps loading the page while the site is rebuilt and swapped: it is never missing.
    missing, reading = [], threading.Event()

    def read_all_along() -> None:
        while not reading.is_set():
            try:
                page.read_bytes()
            except OSError as exc:
                missing.append(exc)

    reader = threading.Thread(target=read_all_along)
    reader.start()
    done = invoke(world.clone, "comments.approve", "--settings", "siteconf.py", cid)
    assert done.returncode == 0, done.stderr
    try:
        wait_for(lambda: f'id="comment-{cid}"' in page.read_text(encoding="utf-8"), 120, "the rebuilt page")
    finally:
        reading.set()
        reader.join()
    assert missing == []
    html = page.read_text(encoding="utf-8")
    assert html.index('id="comment-wp-11"') < html.index(f'id="comment-{cid}"')
    health = wait_for(lambda: (h := world.service.health()["build"])["builds"] >= 2 and h, 30, "the build's end")
    assert health["error"] is None and health["seconds"] > 0
    # The live site is a link to the last build; the one before is deleted, nothing half-made stays.
    output = world.clone / "output"
    assert output.is_symlink() and (world.clone / output.readlink()).is_dir()
    wait_for(lambda: [p.name for p in world.clone.glob("output.*")] == [output.readlink().name], 30,
             "the previous build deleted")
