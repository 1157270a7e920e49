"""The author's loop (`invoke livereload`, tools/autoreload.py), run for real: the
server on a free port, a browser's live-reload socket, a saved article."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from tornado.websocket import websocket_connect

from benchmarks.loop import READY, free_port
from tests.conftest import ROOT
from tools.autoreload import reload_path

HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}


@pytest.fixture
def loop(mini_content, tmp_path):
    """The rebuild loop on a copy of the project's content: (port, output, log lines)."""
    port, output = free_port(), tmp_path / "output"
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.autoreload", "--port", str(port), "-s", "pelicanconf.py",
         str(mini_content), "-o", str(output), "-e", f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}"],
        cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    deadline = time.monotonic() + 300
    while not any(READY in line for line in lines):
        assert process.poll() is None, "".join(lines)
        assert time.monotonic() < deadline, "".join(lines)
        time.sleep(0.05)
    yield port, output, lines
    process.terminate()
    process.wait(timeout=30)


async def _reload_after(port: int, change) -> dict:
    """Connect as the browser's live-reload script does, make `change`, return the next message."""
    socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    socket.write_message(json.dumps(HELLO))
    assert json.loads(await socket.read_message())["command"] == "hello"
    socket.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
    await asyncio.sleep(0.5)  # the server registers the page on "info"
    change()
    message = await asyncio.wait_for(socket.read_message(), timeout=300)
    socket.close()
    return json.loads(message)


def test_a_saved_article_is_rebuilt_then_the_browser_reloads(loop, mini_content):
    port, output, lines = loop
    source = mini_content / "articles" / "linkedin-pour-les-pme.md"
    page = next(output.rglob("linkedin-pour-les-pme/index.html"))
    assert "Paragraphe ajouté" not in page.read_text(encoding="utf-8")

    def save() -> None:
        with source.open("a", encoding="utf-8") as handle:
            handle.write("\n\nParagraphe ajouté pendant la prévisualisation.\n")

    message = asyncio.run(_reload_after(port, save))
    assert message["command"] == "reload"
    # The reload comes once the page is written: the browser gets the new text.
    assert "Paragraphe ajouté pendant la prévisualisation" in page.read_text(encoding="utf-8")
    assert any("Reconstruit en" in line and "linkedin-pour-les-pme.md" in line for line in lines), lines
    served = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode("utf-8")
    assert "livereload.js" in served  # the server injects the reload script


def test_a_stylesheet_alone_is_swapped_in_place_anything_else_reloads_the_page():
    css = str(ROOT / "theme" / "static" / "css" / "style.css")
    assert reload_path([css]) == "style.css"
    assert reload_path([str(ROOT / "content" / "articles" / "x.md")]) == "*"
    assert reload_path([css, str(ROOT / "content" / "articles" / "x.md")]) == "*"
