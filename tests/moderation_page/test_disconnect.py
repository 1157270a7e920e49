"""The author's browser dropping mid-upload on a moderation POST: one quiet log line without
the address, no traceback, no 5xx, and the service stays up (as the form receiver)."""

from __future__ import annotations

import httpx
import pytest
from pelican.log import LimitFilter

from tests.intake.intake_helpers import dropped_upload

HEAD = ("POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"
        "Cookie: {cookies}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n")


@pytest.mark.parametrize("path", ["/moderation/login", "/moderation/logout", "/moderation/action"])
def test_a_dropped_moderation_post_logs_one_quiet_line(service, author, path, caplog, capfd, monkeypatch):
    # Pelican's logger class drops a message already logged once in the process: start afresh.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    assert author.login().status_code == 303
    cookies = "; ".join(f"{name}={value}" for name, value in author.http.cookies.items())
    caplog.clear()
    request = HEAD.format(path=path, port=service.port, cookies=cookies).encode("ascii") + b"csrf=abcde"
    logged = dropped_upload(service.port, request, caplog, capfd)
    assert logged == ["Modération : envoi interrompu par le client avant la fin"]  # no address either
    assert httpx.get(service.url + "/health", timeout=10).status_code == 200  # still up
    assert author.page().status_code == 200  # the session still works
