"""The author's loop, measured: from saving a Markdown file to the rewritten page.

Runs the loop of `invoke livereload` (tools/autoreload.py, the same code) on a
site, waits until it is ready, then appends a marker to an article and times
how long until the article's page holds it; several edits, median.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import ROOT

READY = "Prêt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _slug(source: Path) -> str:
    found = re.search(r"^Slug:\s*(\S+)", source.read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else source.stem


def _wait_for(predicate, timeout: float, what: str, interval: float = 0.005) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"délai dépassé : {what}")
        time.sleep(interval)


def _page_holds(page: Path, marker: str) -> bool:
    try:
        return marker in page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # not there yet, or half written
        return False


def author_loop(content: Path, work: Path, *, edits: int = 5, copy: bool = False,
                timeout: float = 900) -> dict:
    """Median seconds from an article's save to its rewritten page under the rebuild loop.

    `copy`: work on a copy of `content` (the project's own content is never edited)."""
    if copy:
        shutil.copytree(content, work / "loop-content")
        content = work / "loop-content"
    output, cache = work / "loop-output", work / "loop-cache"
    source = sorted((content / "articles").rglob("*.md"))[0]
    original = source.read_bytes()
    args = [sys.executable, "-m", "tools.autoreload", "--port", str(free_port()), "-s",
            str(ROOT / "pelicanconf.py"), str(content), "-o", str(output), "-q",
            "-e", f"CACHE_PATH={json.dumps(str(cache))}"]
    process = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        _wait_for(lambda: any(READY in line for line in lines) or process.poll() is not None, timeout,
                  "la boucle n’a pas démarré", interval=0.05)
        if process.poll() is not None:
            raise RuntimeError("la boucle s’est arrêtée :\n" + "".join(lines)[-3000:])
        page = next(output.rglob(f"{_slug(source)}/index.html"))
        seconds = []
        for number in range(edits):
            time.sleep(1.0)  # apart, as an author's saves are
            marker = f"marqueur{number}x{time.time_ns()}"
            with source.open("a", encoding="utf-8") as handle:
                handle.write(f"\n\n{marker}\n")
            started = time.perf_counter()
            _wait_for(lambda marker=marker: _page_holds(page, marker), 120, "la page n’a pas été réécrite")
            seconds.append(time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        source.write_bytes(original)
    return {"status": "ok", "seconds": statistics.median(seconds), "edits": [round(s, 3) for s in seconds],
            "articles": len(list((content / "articles").rglob("*.md")))}
