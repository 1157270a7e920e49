"""A reader whose connection drops mid-upload: one quiet log line without the address,
no traceback, nothing written (issue 16)."""

from __future__ import annotations

import logging
import socket
import time

from comments.intake.server import BackgroundServer
from pelican.log import LimitFilter

from tests.intake.intake_helpers import SITE, all_files


def test_a_client_dropping_mid_upload_logs_one_quiet_line(make_config, tmp_path, caplog, capfd, monkeypatch):
    # Pelican's logger class drops a message already logged once in the process: start afresh.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    with caplog.at_level(logging.DEBUG), BackgroundServer(make_config()) as server:
        before = all_files(tmp_path)
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(b"POST /comment HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + SITE.encode() + b"\r\n"
                         b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n"
                         b"post=media-social&author=Marie&body=" + b"x" * 1000)
            time.sleep(0.3)  # the receiver is reading the body
        deadline = time.monotonic() + 10
        while not any("interrompu" in r.getMessage() for r in caplog.records) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all_files(tmp_path) == before
    mine = [r for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith(("comments", "uvicorn"))]
    assert [r.getMessage() for r in mine] == ["Réception : envoi interrompu par le client avant la fin"]
    assert not any(r.exc_info for r in caplog.records)
    assert not any("127.0.0.1" in r.getMessage() for r in mine)
    err = capfd.readouterr().err  # uvicorn's own logger does not propagate to caplog
    assert "Traceback" not in err and "Exception in ASGI application" not in err
