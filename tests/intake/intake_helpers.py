"""Helpers shared by the intake tests."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

SITE = "http://127.0.0.1:8000"


def queue_files(tmp_path: Path) -> list[Path]:
    """Every comment file written under the queue."""
    root = tmp_path / "moderation"
    return sorted(p for p in root.rglob("*.md") if not p.name.startswith(".")) if root.exists() else []


def all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def valid(**fields) -> dict[str, str]:
    data = {"post": "media-social", "author": "Marie Dupont", "email": "marie@example.fr", "notify": "1",
            "website": "", "body": "Très bon article, merci !", "parent": "", "hp": ""}
    data.update(fields)
    return data


def dropped_upload(port: int, request: bytes, caplog, capfd) -> list[str]:
    """Send `request` (headers announcing more body than sent), drop the connection while the
    service reads it, and return the service's log lines (INFO and up); fails on any traceback."""
    with caplog.at_level(logging.DEBUG):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(request)
            time.sleep(0.3)  # the service is reading the body
        deadline = time.monotonic() + 10
        while not any("interrompu" in r.getMessage() for r in caplog.records) and time.monotonic() < deadline:
            time.sleep(0.05)
    mine = [r for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith(("comments", "uvicorn"))]
    assert not any(r.exc_info for r in caplog.records)
    err = capfd.readouterr().err  # uvicorn's own logger does not propagate to caplog
    assert "Traceback" not in err and "Exception in ASGI application" not in err
    return [r.getMessage() for r in mine]
