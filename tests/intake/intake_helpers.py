"""Helpers shared by the intake tests."""

from __future__ import annotations

import socket
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
