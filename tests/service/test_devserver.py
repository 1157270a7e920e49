"""Development is one command: `invoke serve` and `invoke livereload` answer the form on the site's origin."""

from __future__ import annotations

import os
import signal
import subprocess

import httpx
import pytest

from tests.intake.intake_helpers import free_port
from tests.service.conftest import BIN, invoke, wait_for
from tests.service.gitsite import make_git_site


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    site = make_git_site(tmp_path_factory.mktemp("dev"))
    done = invoke(site.seed, "build")
    assert done.returncode == 0, done.stderr
    return site.seed


@pytest.mark.parametrize("task", ["serve", "livereload"])
def test_the_form_posts_to_the_site_own_origin(project, task):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(BIN / "invoke"), task, "--port", str(port)], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)

    def up() -> bool:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            return httpx.get(origin + "/2013/04/media-social/", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_for(up, 60, f"invoke {task}")
        page = httpx.get(origin + "/2013/04/media-social/").text
        assert 'action="/comment"' in page
        answer = httpx.post(origin + "/comment", headers={"Origin": origin, "Referer": origin + "/2013/04/media-social/"},
                            data={"post": "media-social", "author": "Marie", "email": "", "website": "",
                                  "body": "Un essai en local.", "parent": "", "hp": ""})
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"] == origin + "/2013/04/media-social/#commentaire-en-attente"
        assert len(list((project / "moderation" / "pending").glob("*.md"))) >= 1
        assert httpx.get(origin + "/health").json()["status"] == "ok"
        assert httpx.get(origin + "/absent/").status_code == 404
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
