"""A reader whose connection drops mid-upload: one quiet log line without the address,
no traceback, nothing written (issue 16)."""

from __future__ import annotations

from comments.intake.server import BackgroundServer
from pelican.log import LimitFilter

from tests.intake.intake_helpers import SITE, all_files, dropped_upload


def test_a_client_dropping_mid_upload_logs_one_quiet_line(make_config, tmp_path, caplog, capfd, monkeypatch):
    # Pelican's logger class drops a message already logged once in the process: start afresh.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    with BackgroundServer(make_config()) as server:
        before = all_files(tmp_path)
        logged = dropped_upload(server.port, b"POST /comment HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + SITE.encode()
                                + b"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n"
                                b"post=media-social&author=Marie&body=" + b"x" * 1000, caplog, capfd)
        assert all_files(tmp_path) == before
    assert logged == ["Réception : envoi interrompu par le client avant la fin"]  # no address either
