"""The loop of the default deployment, end to end, on this machine: the static site on origin A,
the comment service on origin B in its own clone of a bare remote, Chromium posting the form,
the CLI approving in the service's clone, a fresh clone building for production."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import lxml.html
import pytest

from tests.service.conftest import invoke, make_world  # noqa: F401 (fixture)
from tests.service.gitsite import git

pytestmark = pytest.mark.browser

ARTICLE = "/2013/04/media-social/"
PENDING = "Merci\u202f! Votre commentaire est en attente de modération."


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib name)
        pass


@pytest.fixture
def origin_a(tmp_path):
    """A static server for tmp_path/site (filled later): its port is known before the build."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], root
    server.shutdown()
    server.server_close()


def pelican(cwd, settings: str, output, env: dict | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "pelican", "-q", "-s", settings, "-o", str(output)],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr


def test_a_reply_posted_on_the_static_site_is_approved_pushed_and_built_nested(
        page, make_world, origin_a, tmp_path):  # noqa: F811 (fixture)
    site_port, site_root = origin_a
    world = make_world(site_port=site_port)
    pelican(world.site.seed, "siteconf.py", site_root)
    html = (site_root / ARTICLE.strip("/") / "index.html").read_text(encoding="utf-8")
    assert f'action="{world.service.url}/comment"' in html  # the form posts cross-origin, to B

    page.goto(world.origin + ARTICLE)
    page.click('a.comment-reply[href*="replytocom=wp-11"]')
    page.fill("#comment-body", "Je rebondis sur votre remarque, Xavier.")
    page.fill("#comment-author", "Camille Martin")
    page.fill("#comment-email", "camille@example.fr")
    with page.expect_navigation():
        page.click(".comment-form button[type=submit]")
    assert page.url == f"{world.origin}{ARTICLE}#commentaire-en-attente"  # 303 back to A
    assert page.locator("#commentaire-en-attente").inner_text() == PENDING
    assert page.console_errors == [] and page.third_party_requests == []

    (cid,) = world.pending_ids()
    done = invoke(world.clone, "comments.approve", "--settings", "siteconf.py", cid)
    assert done.returncode == 0, done.stderr
    head = world.site.remote_log()[0].split()[0]
    path = f"content/comments/media-social/{cid}.md"
    assert world.site.files_of(head) == [path]
    text = world.site.show(f"{head}:{path}")
    assert "camille@example.fr" not in text and "parent: wp-11" in text

    fresh = world.site.clone(tmp_path / "fresh")
    pelican(fresh, "publishconf.py", tmp_path / "public", env={**os.environ, "SITEURL": "https://www.lionelboscher.fr"})
    tree = lxml.html.parse(str(tmp_path / "public" / ARTICLE.strip("/") / "index.html"))
    (reply,) = tree.xpath(f'//*[@id="comment-{cid}"]')
    assert [a.get("id") for a in reply.iterancestors() if (a.get("id") or "").startswith("comment-")] == [
        "comment-wp-11"]
    assert "Je rebondis sur votre remarque" in reply.text_content()
    assert git(fresh, "status", "--porcelain").strip() == ""
