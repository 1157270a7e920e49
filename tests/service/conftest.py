"""The comment service for real: a subprocess (`invoke comments.serve`) in its own clone of a bare remote."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.intake.intake_helpers import free_port
from tests.service.gitsite import GIT, GitSite, make_git_site

BIN = Path(sys.executable).parent


def wait_for(check: Callable[[], object], timeout: float = 30.0, what: str = "") -> object:
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(0.05)


def invoke(clone: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "invoke"), *args], cwd=clone, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


@dataclass
class Service:
    """`invoke comments.serve` running in `clone` on `port`."""

    clone: Path
    port: int
    settings: str = "siteconf.py"
    process: subprocess.Popen | None = None
    log: Path = field(init=False)

    def __post_init__(self):
        self.log = self.clone.parent / f"service-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Service:
        handle = open(self.log, "a", encoding="utf-8")  # noqa: SIM115 (the process keeps it)
        self.process = subprocess.Popen(
            [str(BIN / "invoke"), "comments.serve", "--settings", self.settings, "--port", str(self.port)],
            cwd=self.clone, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
        handle.close()
        wait_for(self._up, 60, "the service to start")
        return self

    def _up(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError("the service died:\n" + self.log.read_text(encoding="utf-8"))
        try:
            return httpx.get(self.url + "/health", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def health(self) -> dict:
        return httpx.get(self.url + "/health", timeout=10).json()

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class World:
    """Origin A (the site's address) and origin B (the service), a bare remote, the service's clone."""

    site: GitSite
    clone: Path
    service: Service
    site_port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.site_port}"

    def post(self, **fields: str) -> httpx.Response:
        data = {"post": "media-social", "author": "Marie Dupont", "email": "marie@example.fr", "notify": "1",
                "website": "", "body": "Très bon article, merci !", "parent": "", "hp": "", **fields}
        return httpx.post(self.service.url + "/comment", data=data, headers={"Origin": self.origin}, timeout=30)

    def pending_ids(self) -> list[str]:
        folder = self.clone / "moderation" / "pending"
        return sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []


def service_settings(site_port: int, service_port: int, **comments: object) -> str:
    values = {"git": GIT, "intake_url": f"http://127.0.0.1:{service_port}/comment", "rate_limit": 0, **comments}
    return (f"SITEURL = 'http://127.0.0.1:{site_port}'\nFEED_DOMAIN = SITEURL\n"
            f"COMMENTS = {{**COMMENTS, **{values!r}}}\n")


@pytest.fixture
def make_world(tmp_path) -> Iterator[Callable[..., World]]:
    services: list[Service] = []

    def make(site_port: int | None = None, **comments: object) -> World:
        site_port, service_port = site_port or free_port(), free_port()
        site = make_git_site(tmp_path, service_settings(site_port, service_port, **comments))
        clone = site.clone(tmp_path / "service")
        service = Service(clone, service_port)
        services.append(service)
        return World(site, clone, service.start(), site_port)

    yield make
    for service in services:
        service.stop()
