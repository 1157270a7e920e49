"""Cross-site posts are refused; the redirect goes back to the site the form came from."""

from __future__ import annotations

import httpx
import pytest
from comments.intake.server import BackgroundServer

from tests.intake.intake_helpers import all_files, queue_files, valid


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1.evil.example:8000"},
        {"Referer": "https://evil.example/page"},
    ],
    ids=["origin", "null", "lookalike", "referer"],
)
def test_cross_site_posts_are_refused(receiver, tmp_path, headers):
    before = all_files(tmp_path)
    answer = httpx.post(receiver.url + "/comment", data=valid(), headers=headers)
    assert answer.status_code == 403
    assert "autre site" in answer.text
    assert all_files(tmp_path) == before


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8000", "http://localhost", "http://[::1]", "http://[::1]:8000"])
def test_with_a_relative_siteurl_loopback_origins_are_accepted(receiver, origin):
    assert httpx.post(receiver.url + "/comment", data=valid(), headers={"Origin": origin}).status_code == 303


def test_clients_without_origin_or_referer_are_accepted(receiver, tmp_path):
    # Browsers always send Origin on a POST; only non-browser clients send neither.
    assert httpx.post(receiver.url + "/comment", data=valid()).status_code == 303
    assert len(queue_files(tmp_path)) == 1


def test_with_an_absolute_siteurl_only_that_origin_is_accepted(make_config, tmp_path):
    config = make_config(SITEURL="https://www.lionelboscher.fr")
    with BackgroundServer(config) as server:
        url = server.url + "/comment"
        ok = httpx.post(url, data=valid(), headers={"Origin": "https://www.lionelboscher.fr"})
        assert ok.status_code == 303
        assert ok.headers["location"] == (
            "https://www.lionelboscher.fr/2013/04/media-social/#commentaire-en-attente"
        )
        assert httpx.post(url, data=valid(), headers={"Origin": "http://127.0.0.1:8000"}).status_code == 403
        # The receiver's own error page posts back to itself: its own origin is accepted.
        assert httpx.post(url, data=valid(), headers={"Origin": server.url}).status_code == 303
    assert len(queue_files(tmp_path)) == 2


def test_origins_from_the_settings_are_accepted(make_config, tmp_path):
    config = make_config(SITEURL="https://www.lionelboscher.fr",
                         comments={"origins": ["https://lionelboscher.fr", "https://preview.example:8443/"]})
    assert config.allowed_origins == {
        "https://www.lionelboscher.fr", "https://lionelboscher.fr", "https://preview.example:8443"}
    with BackgroundServer(config) as server:
        answer = httpx.post(server.url + "/comment", data=valid(), headers={"Origin": "https://lionelboscher.fr"})
    assert answer.status_code == 303


def test_configured_origins_are_accepted(make_config, tmp_path):
    # As `invoke comments.serve --origin https://preview.example` passes them.
    config = make_config(SITEURL="https://www.lionelboscher.fr", origins=("https://preview.example/",))
    assert "https://preview.example" in config.allowed_origins
    with BackgroundServer(config) as server:
        answer = httpx.post(server.url + "/comment", data=valid(), headers={"Origin": "https://preview.example"})
    assert answer.status_code == 303
