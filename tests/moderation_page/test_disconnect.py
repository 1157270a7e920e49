"""The author's browser dropping mid-upload on a moderation POST: one quiet log line without
the address, no traceback, no 5xx, and the service stays up (as the form receiver)."""

from __future__ import annotations

import logging
import socket
import time

import httpx
import pytest
from pelican.log import LimitFilter

HEAD = ("POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"
        "Cookie: {cookies}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n")


@pytest.mark.parametrize("path", ["/moderation/login", "/moderation/logout", "/moderation/action"])
def test_a_dropped_moderation_post_logs_one_quiet_line(service, author, path, caplog, capfd, monkeypatch):
    # Pelican's logger class drops a message already logged once in the process: start afresh.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    assert author.login().status_code == 303
    cookies = "; ".join(f"{name}={value}" for name, value in author.http.cookies.items())
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        with socket.create_connection(("127.0.0.1", service.port)) as sock:
            sock.sendall(HEAD.format(path=path, port=service.port, cookies=cookies).encode("ascii") + b"csrf=abcde")
            time.sleep(0.3)  # the service is reading the body
        deadline = time.monotonic() + 10
        while not any("interrompu" in r.getMessage() for r in caplog.records) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert httpx.get(service.url + "/health", timeout=10).status_code == 200  # still up
    mine = [r for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith(("comments", "uvicorn"))]
    assert [r.getMessage() for r in mine] == ["Modération : envoi interrompu par le client avant la fin"]
    assert not any(r.exc_info for r in caplog.records)
    assert not any("127.0.0.1" in r.getMessage() for r in mine)
    err = capfd.readouterr().err  # uvicorn's own logger does not propagate to caplog
    assert "Traceback" not in err and "Exception in ASGI application" not in err
    assert author.page().status_code == 200  # the session still works
