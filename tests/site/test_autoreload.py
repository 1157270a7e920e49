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
from concurrent.futures import ThreadPoolExecutor

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


async def _reload_after(port: int, change, count: int = 1) -> list[dict]:
    """Connect as the browser's live-reload script does, make `change`, return the next `count` messages."""
    socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    socket.write_message(json.dumps(HELLO))
    assert json.loads(await socket.read_message())["command"] == "hello"
    socket.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
    await asyncio.sleep(0.5)  # the server registers the page on "info"
    change()
    messages = [json.loads(await asyncio.wait_for(socket.read_message(), timeout=300)) for _ in range(count)]
    socket.close()
    return messages


def test_a_saved_article_is_rebuilt_then_the_browser_reloads(loop, mini_content):
    port, output, lines = loop
    source = mini_content / "articles" / "linkedin-pour-les-pme.md"
    page = next(output.rglob("linkedin-pour-les-pme/index.html"))
    assert "Paragraphe ajouté" not in page.read_text(encoding="utf-8")

    def save() -> None:
        with source.open("a", encoding="utf-8") as handle:
            handle.write("\n\nParagraphe ajouté pendant la prévisualisation.\n")

    # In a thread of its own: a session's Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        first, second = pool.submit(asyncio.run, _reload_after(port, save, count=2)).result()
    assert first["command"] == second["command"] == "reload"
    # The first reload comes once the saved article's page is rewritten, the second
    # once the whole site is.
    assert "Paragraphe ajouté pendant la prévisualisation" in page.read_text(encoding="utf-8")
    assert any("Page réécrite" in line and "linkedin-pour-les-pme.md" in line for line in lines), lines
    assert any("Site reconstruit" in line and "linkedin-pour-les-pme.md" in line for line in lines), lines
    served = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode("utf-8")
    assert "livereload.js" in served  # the server injects the reload script


def test_a_stylesheet_alone_is_swapped_in_place_anything_else_reloads_the_page():
    css = str(ROOT / "theme" / "static" / "css" / "style.css")
    assert reload_path([css]) == "style.css"
    assert reload_path([str(ROOT / "content" / "articles" / "x.md")]) == "*"
    assert reload_path([css, str(ROOT / "content" / "articles" / "x.md")]) == "*"


SELECTIVE = """
import json, sys, threading
from tools.autoreload import Rebuilder
from tools.selective import Superseded, only_sources, unless
content, output, cache, source = sys.argv[1:]
rebuilder = Rebuilder(["-s", "pelicanconf.py", content, "-o", output, "-e", "CACHE_PATH=" + json.dumps(cache), "-q"])
rebuilder.build(only_sources({source}))
print("first pass:", sorted(p.name for p in __import__("pathlib").Path(output).iterdir()))
waiting = threading.Event()
waiting.set()
try:
    rebuilder.build(unless(waiting))
except Superseded:
    print("superseded")
"""

# A full pass, and a save that comes at a given moment: "never", "reading" (from the start)
# or "index" (once the pages are being written, so while Pagefind runs).
SAVE_AT = """
import json, sys
from pelican.writers import Writer
from tools.autoreload import Rebuilder
from tools.selective import Superseded
content, output, cache, moment = sys.argv[1:]
wrote = []

class Saved(Writer):
    superseded = staticmethod(lambda: moment == "reading" or (moment == "index" and bool(wrote)))

    def write_file(self, *args, **kwargs):
        wrote.append(1)
        return super().write_file(*args, **kwargs)

rebuilder = Rebuilder(["-s", "pelicanconf.py", content, "-o", output, "-e", "CACHE_PATH=" + json.dumps(cache), "-q"])
try:
    rebuilder.build(Saved)
except Superseded:
    print("superseded after", len(wrote), "pages")
"""


def test_the_first_pass_writes_only_the_saved_page_and_the_full_pass_gives_way(mini_content, tmp_path):
    source = mini_content / "articles" / "linkedin-pour-les-pme.md"
    output = tmp_path / "output"
    result = subprocess.run([sys.executable, "-c", SELECTIVE, str(mini_content), str(output), str(tmp_path / "cache"),
                             str(source)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    assert pages == ["2014/11/linkedin-pour-les-pme/index.html"]
    # Nothing made from the whole site in the first pass: no search index, no comment feeds.
    assert "pagefind" not in result.stdout and "feeds" not in result.stdout, result.stdout
    assert result.stdout.strip().endswith("superseded")  # a waiting save stops the full pass at its first page


def test_a_full_pass_gives_way_while_reading_and_while_pagefind_runs(mini_content, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"

    def full_pass(moment: str) -> str:
        done = subprocess.run([sys.executable, "-c", SAVE_AT, str(mini_content), str(output), str(cache), moment],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "superseded after 0 pages" in full_pass("reading") and not output.exists()
    assert "superseded" not in full_pass("index")
    assert (output / "index.html").is_file() and (output / "feeds").is_dir()
    assert not (output / "pagefind").exists()
    assert not list((cache / "search-index").iterdir())  # nothing half made is kept
    full_pass("never")
    assert (output / "pagefind" / "pagefind.js").is_file()
