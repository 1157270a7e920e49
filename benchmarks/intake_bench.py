"""Throughput of the comment receiver: accepted submissions per second and latency.

`run(quick=False)` starts the receiver (`python -m comments.intake`, rate limit
off) in its own process on 127.0.0.1 with a throw-away content folder and
queue, posts valid comments from 16 concurrent clients, and returns
accepted_per_second, p50_ms, p99_ms. Targets: >= 300/s on 2 cores, p99 < 50 ms.
Also `python -m benchmarks.intake_bench [--quick]`.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import urlopen

from . import ROOT

CLIENTS = 16
WARMUP = 50  # submissions sent before measuring, not counted
TARGETS = {"accepted_per_second": 300.0, "p99_ms": 50.0}
ARTICLE = "Title: Banc d'essai\nDate: 2020-01-02 10:00\nSlug: banc\n\nTexte.\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(folder: Path) -> tuple[subprocess.Popen, str]:
    (folder / "content" / "articles").mkdir(parents=True)
    (folder / "content" / "articles" / "banc.md").write_text(ARTICLE, encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), str(ROOT)])}
    process = subprocess.Popen(
        [sys.executable, "-m", "comments.intake", "--port", str(port), "--rate-limit", "0",
         "--settings", str(ROOT / "pelicanconf.py"), "--content", str(folder / "content"),
         "--queue", str(folder / "moderation")],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urlopen(url + "/health", timeout=1) as answer:  # noqa: S310 (our own loopback URL)
                if answer.status == 200:
                    return process, url
        except (URLError, OSError):
            time.sleep(0.1)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("le récepteur n’a pas démarré")


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, body: bytes) -> int:
    # A bare HTTP/1.1 keep-alive request: a heavy client would measure itself, not the receiver.
    writer.write(
        b"POST /comment HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
        # As a browser's form post: the receiver refuses a post that says not where it comes from.
        b"Origin: http://" + host.encode() + b"\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            await reader.readexactly(int(line.split(b":")[1]))
    return status


async def _load(url: str, total: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    accepted = 0
    next_index = iter(range(total))
    host, port = url.removeprefix("http://").split(":")

    async def client():
        nonlocal accepted
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            for i in next_index:
                body = urlencode({
                    "post": "banc", "author": f"Lecteur {i % 50}", "email": f"l{i % 50}@example.fr",
                    "body": f"Commentaire {i} : un texte de longueur ordinaire pour le banc d'essai.",
                }).encode()
                start = time.perf_counter()
                status = await _post(reader, writer, f"{host}:{port}", body)
                latencies.append(time.perf_counter() - start)
                accepted += status == 303
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return latencies, accepted, time.perf_counter() - started


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(quick: bool = False, total: int | None = None) -> dict:
    """Measure the receiver; see the module docstring."""
    total = total or (300 if quick else 2000)
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as tmp:
        process, url = _start(Path(tmp))
        try:
            _, warmed, _ = asyncio.run(_load(url, WARMUP))  # not measured
            latencies, accepted, seconds = asyncio.run(_load(url, total))
            written = sum(1 for _ in (Path(tmp) / "moderation").rglob("*.md"))
        finally:
            process.terminate()
            process.wait(10)
    result = {
        "accepted_per_second": accepted / seconds,
        "submissions": total, "accepted": accepted, "files_written": written - warmed,
        "clients": CLIENTS, "seconds": seconds,
        "p50_ms": _percentile(latencies, 0.50) * 1000, "p99_ms": _percentile(latencies, 0.99) * 1000,
        "cpus": os.cpu_count(), "targets": TARGETS,
    }
    result["within_targets"] = {"accepted_per_second": result["accepted_per_second"] >= TARGETS["accepted_per_second"],
                                "p99_ms": result["p99_ms"] < TARGETS["p99_ms"]}
    return result


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
