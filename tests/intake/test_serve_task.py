"""`invoke comments.serve` starts the receiver on the project's own content, with --queue elsewhere."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.intake.intake_helpers import free_port, queue_files, valid

ROOT = Path(__file__).resolve().parents[2]
SEED = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"


def test_invoke_comments_serve(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "comments.serve", "--port", str(port),
         "--queue", str(tmp_path / "moderation")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(url + "/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        # As a browser posts from the development site (a post without Origin is refused).
        site = "http://127.0.0.1:8000"
        answer = httpx.post(url + "/comment", data=valid(post=SEED), headers={"Origin": site})
        assert answer.status_code == 303
        assert answer.headers["location"] == f"{site}/2013/04/{SEED}/#commentaire-en-attente"
        for _ in range(2):  # the same event twice: a long-running service logs each one
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(b"POST /comment HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + site.encode() + b"\r\n"
                             b"Content-Length: 5000\r\n\r\npost=x")
                time.sleep(0.3)
        time.sleep(0.5)
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=30)
    assert "Récepteur des commentaires" in err
    assert err.count("envoi interrompu") == 2, err
    [path] = queue_files(tmp_path)
    assert path.parent.name == "pending"
