"""A reader comments in Chromium: the built site, a real receiver, the queue, approval, the next build.

The site is served by the `serve` fixture and the receiver listens on its own
port (as in development); the no-JavaScript reply goes through one origin
serving both (as behind the reverse proxy in production), because the
browser only sends the page's query string in the Referer to its own origin.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from comments.core.comment_file import read_comment
from comments.intake import create_app, load_config
from comments.intake.server import BackgroundServer
from starlette.staticfiles import StaticFiles

from tests.conftest import ROOT, run_pelican

pytestmark = pytest.mark.browser

SLUG = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"
ARTICLE = f"/2013/04/{SLUG}/"
PENDING = "Merci\u202f! Votre commentaire est en attente de modération."


def invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "COLUMNS": "200"},  # a terminal wide enough for the whole queue table
    )


def queued(queue: Path) -> list[Path]:
    return sorted((queue / "pending").glob("*.md")) if (queue / "pending").is_dir() else []


def fill(page, body: str, author: str = "Camille Martin") -> None:
    page.fill("#comment-body", body)
    page.fill("#comment-author", author)
    page.fill("#comment-email", "camille@example.fr")


def test_a_reader_comments_and_the_approved_comment_is_on_the_page(page, serve, mini_content, tmp_path):
    queue, output = tmp_path / "moderation", tmp_path / "output"
    config = load_config(ROOT / "pelicanconf.py", queue=queue, content=mini_content, rate_limit=0)
    with BackgroundServer(config) as receiver:
        run_pelican(mini_content, output, overrides={"COMMENTS": {"intake_url": receiver.url + "/comment"}})
        base = serve(output)
        page.goto(base + ARTICLE)
        violations = Axe().run(page).response["violations"]
        assert violations == [], [v["id"] for v in violations]
        assert not page.locator("#commentaire-en-attente").is_visible()
        box = page.locator(".hp").bounding_box()  # off-screen, out of the tab order, aria-hidden
        assert box is None or box["x"] + box["width"] <= 0
        assert page.locator("#comment-hp").get_attribute("tabindex") == "-1"

        fill(page, "Très juste : **32 heures** par mois, c’est beaucoup pour une PME.")
        with page.expect_navigation():
            page.click(".comment-form button[type=submit]")
        assert page.url == f"{base}{ARTICLE}#commentaire-en-attente"
        notice = page.locator("#commentaire-en-attente")
        assert notice.is_visible()
        assert notice.inner_text() == PENDING
        assert page.console_errors == [] and page.third_party_requests == []

    [path] = queued(queue)
    comment = read_comment(path, queue=True)
    assert (comment.post, comment.author, comment.parent) == (SLUG, "Camille Martin", None)
    where = ["--queue", str(queue), "--content", str(mini_content)]
    listing = invoke("comments.queue", *where)
    assert listing.returncode == 0, listing.stderr
    assert comment.id in listing.stdout and "Camille Martin" in listing.stdout
    approved = invoke("comments.approve", comment.id, *where)
    assert approved.returncode == 0, approved.stderr
    assert queued(queue) == []
    published = mini_content / "comments" / SLUG / f"{comment.id}.md"
    assert "camille@example.fr" not in published.read_text(encoding="utf-8")

    run_pelican(mini_content, output)
    page.goto(base + ARTICLE)
    item = page.locator(f"#comment-{comment.id}")
    assert item.is_visible()
    assert "32 heures" in item.locator(".comment-content").inner_text()
    assert item.locator(".comment-author").inner_text() == "Camille Martin"


def test_reply_with_and_without_javascript(browser, page, mini_content, tmp_path):
    """Both reply paths, on one origin serving the site and /comment, as in production."""
    queue, output = tmp_path / "moderation", tmp_path / "output"
    (mini_content / "comments" / SLUG).mkdir(parents=True, exist_ok=True)
    (mini_content / "comments" / SLUG / "t-1.md").write_text(
        "id: t-1\nauthor: Xavier\ndate: 2013-05-02T14:03:00+02:00\n\nBonjour Lionel.\n", encoding="utf-8")
    run_pelican(mini_content, output)  # intake_url stays "/comment": same origin
    config = load_config(ROOT / "pelicanconf.py", queue=queue, content=mini_content, rate_limit=0)
    app = create_app(config)
    app.mount("/", StaticFiles(directory=output, html=True))
    with BackgroundServer(config, app=app) as site:
        # With JavaScript: the form moves under the comment, parent is set.
        page.goto(site.url + ARTICLE)
        page.click("#comment-t-1 .comment-reply")
        assert page.locator("#comment-t-1 #respond").count() == 1
        assert re.fullmatch(r"Répondre à Xavier", page.locator("#respond-title").inner_text())
        assert page.locator("input[name=parent]").input_value() == "t-1"
        assert Axe().run(page).response["violations"] == []
        page.click(".cancel-reply")
        assert page.locator("#comment-t-1 #respond").count() == 0
        assert page.locator("input[name=parent]").input_value() == ""
        page.click("#comment-t-1 .comment-reply")
        fill(page, "Réponse avec JavaScript.")
        with page.expect_navigation():
            page.click(".comment-form button[type=submit]")
        assert page.locator("#commentaire-en-attente").is_visible()
        assert page.console_errors == []

        # Without JavaScript: the link only changes the address; the Referer carries it.
        context = browser.new_context(java_script_enabled=False)
        try:
            tab = context.new_page()
            tab.goto(site.url + ARTICLE)
            with tab.expect_navigation():
                tab.click("#comment-t-1 .comment-reply")
            assert tab.url.endswith(f"{ARTICLE}?replytocom=t-1#respond")
            fill(tab, "Réponse sans JavaScript.")
            with tab.expect_navigation():
                tab.click(".comment-form button[type=submit]")
            assert tab.url.endswith("#commentaire-en-attente")
            assert tab.locator("#commentaire-en-attente").inner_text() == PENDING
        finally:
            context.close()

    replies = {read_comment(p, queue=True).body: read_comment(p, queue=True).parent for p in queued(queue)}
    assert replies == {"Réponse avec JavaScript.": "t-1", "Réponse sans JavaScript.": "t-1"}
