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


def test_a_post_without_origin_or_referer_is_refused_in_french(receiver, tmp_path):
    # Browsers always send Origin on a form POST: a request with neither header is no reader's.
    before = all_files(tmp_path)
    answer = httpx.post(receiver.url + "/comment", data=valid())
    assert answer.status_code == 403
    assert "ni Origin ni Referer" in answer.text and '<html lang="fr">' in answer.text
    answer = httpx.post(receiver.url + "/comment", json=valid())
    assert answer.status_code == 403 and "ni Origin ni Referer" in answer.json()["error"]
    assert all_files(tmp_path) == before and queue_files(tmp_path) == []


@pytest.mark.parametrize("siteurl", ["", "https://www.lionelboscher.fr"], ids=["relative", "absolute"])
def test_the_host_header_never_makes_an_origin_the_services_own(make_config, tmp_path, siteurl):
    # The receiver's own origin comes from the settings and its bound address, not from Host.
    with BackgroundServer(make_config(SITEURL=siteurl)) as server:
        forged = httpx.post(server.url + "/comment", data=valid(),
                            headers={"Host": "evil.example", "Origin": "http://evil.example"})
        assert forged.status_code == 403
        forged = httpx.post(server.url + "/comment", data=valid(),
                            headers={"Host": "evil.example:8443", "Referer": "https://evil.example:8443/x"})
        assert forged.status_code == 403
        # Its bound address stays its own (the error page posts back to itself).
        assert httpx.post(server.url + "/comment", data=valid(), headers={"Origin": server.url}).status_code == 303
    assert len(queue_files(tmp_path)) == 1


def test_the_public_service_url_is_its_own_origin(make_config, tmp_path):
    config = make_config(SITEURL="https://www.lionelboscher.fr",
                         comments={"intake_url": "https://commentaires.lionelboscher.fr/comment"})
    with BackgroundServer(config) as server:
        answer = httpx.post(server.url + "/comment", data=valid(),
                            headers={"Origin": "https://commentaires.lionelboscher.fr"})
    assert answer.status_code == 303


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
