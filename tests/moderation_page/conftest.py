"""Fixtures for the moderation page: the intake tests' small content folder, a real service with
the author's password set, and an HTTP client that logs in as a browser would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from comments.intake.server import BackgroundServer
from comments.moderation_page.auth import set_password

from tests.intake.conftest import content, make_config  # noqa: F401 (fixtures)
from tests.intake.intake_helpers import valid

PASSWORD = "correct horse battery staple"
CSRF_RE = re.compile(r'name="csrf" value="([^"]*)"')


def csrf_of(html: str) -> str:
    return CSRF_RE.search(html).group(1)


class Author:
    """An httpx client on the service, speaking as the author's browser (Origin on every POST)."""

    def __init__(self, url: str):
        self.url = url
        self.http = httpx.Client(base_url=url, follow_redirects=False, timeout=30, headers={"Origin": url})

    def login(self, password: str = PASSWORD, **headers) -> httpx.Response:
        form = self.http.get("/moderation/login")
        return self.http.post("/moderation/login", data={"csrf": csrf_of(form.text), "password": password},
                              headers=headers)

    def page(self, state: str = "pending") -> httpx.Response:
        return self.http.get(f"/moderation/?etat={state}")

    def act(self, do: str, ids: list[str] = (), state: str = "pending", **fields) -> httpx.Response:
        data = {"csrf": csrf_of(self.page(state).text), "do": do, "etat": state, **fields}
        pairs = list(data.items()) + [("ids", i) for i in ids]
        return self.http.post("/moderation/action", content=urlencode(pairs),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})

    def comment(self, **fields) -> str:
        """Post a comment through the form (as a reader); its id, from the queue."""
        answer = self.http.post("/comment", data=valid(**fields))
        assert answer.status_code == 303, answer.text
        return answer


@pytest.fixture
def queue(tmp_path) -> Path:
    root = tmp_path / "moderation"
    set_password(root, PASSWORD)
    return root


@pytest.fixture
def service(make_config, queue) -> Iterator[BackgroundServer]:  # noqa: F811
    with BackgroundServer(make_config()) as server:
        yield server


@pytest.fixture
def author(service) -> Iterator[Author]:
    client = Author(service.url)
    yield client
    client.http.close()


def pending_ids(queue: Path) -> list[str]:
    return sorted(p.stem for p in (queue / "pending").glob("*.md"))


def notify(port: int) -> dict:
    return {"notify": {"host": "127.0.0.1", "port": port, "from": "blog@example.fr", "to": "lionel@example.fr"}}


@pytest.fixture
def mail_service(make_config, queue, smtp):  # noqa: F811
    """The service with COMMENTS['notify'] on the test SMTP server: (server, inbox)."""
    controller, inbox = smtp
    with BackgroundServer(make_config(comments=notify(controller.port))) as server:
        yield server, inbox
