"""Browser fixtures: real Chromium through Playwright's sync API, a local HTTP
server for a built site, and pages that record console errors and block and
record every request to a host other than 127.0.0.1.

Other browser tests reuse them: `browser`, `serve(root) -> base URL`, `page`.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the session. Skipped when Chromium is missing,
    except in CI (CI=true), where a missing browser is a failure."""
    executable = chromium_path()
    if executable is None:
        reason = "Chromium not found at /usr/bin/chromium or on PATH (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib name)
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(root) starts a threaded static server for `root` on a free port of
    127.0.0.1 and returns its base URL; every server stops at session end."""
    servers: list[ThreadingHTTPServer] = []

    def start(root: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{LOCAL_HOST}:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@dataclass
class Tracker:
    """What a page did that it should not: console errors, uncaught exceptions,
    and requests to hosts other than 127.0.0.1 (aborted, never sent)."""

    console_errors: list[str] = field(default_factory=list)
    third_party_requests: list[str] = field(default_factory=list)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


@pytest.fixture
def page(browser):
    """A new page (1280×800, JavaScript on). `page.tracker` records console
    errors and third-party requests; `page.console_errors` and
    `page.third_party_requests` are the same lists."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    tab = context.new_page()
    tracker = Tracker()

    def on_route(route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            tracker.third_party_requests.append(route.request.url)
            route.abort()

    def on_console(message):
        if message.type == "error":
            tracker.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    context.route("**/*", on_route)
    tab.on("console", on_console)
    tab.on("pageerror", lambda error: tracker.console_errors.append(f"uncaught: {error}"))
    tab.tracker = tracker
    tab.console_errors = tracker.console_errors
    tab.third_party_requests = tracker.third_party_requests
    yield tab
    context.close()
