"""Rate limit per client address: 429 with Retry-After, other addresses unaffected, nothing written."""

from __future__ import annotations

import httpx
from comments.core.ratelimit import RateLimiter
from comments.intake.server import BackgroundServer

from tests.intake.intake_helpers import SITE, queue_files, valid


def test_sliding_window():
    now = [1000.0]
    limiter = RateLimiter(2, window=60, clock=lambda: now[0])
    assert limiter.hit("a") == 0 and limiter.hit("a") == 0
    assert limiter.hit("a") == 60
    assert limiter.hit("b") == 0
    now[0] += 30
    assert limiter.hit("a") == 30
    now[0] += 30.5
    assert limiter.hit("a") == 0


def test_an_ipv6_client_is_counted_per_64():
    limiter = RateLimiter(2)
    assert limiter.hit("2001:db8:1:2::1") == 0 and limiter.hit("2001:db8:1:2:ffff::9") == 0
    assert limiter.hit("2001:db8:1:2:abcd::42") > 0  # same /64: a host hopping addresses
    assert limiter.hit("2001:db8:1:3::1") == 0  # the next /64 is another client
    assert limiter.hit("::ffff:192.0.2.1") == 0 and limiter.hit("192.0.2.1") == 0
    assert limiter.hit("192.0.2.1") > 0  # an IPv4-mapped address is its IPv4 client


def test_memory_is_bounded():
    limiter = RateLimiter(1, max_keys=3)
    for key in "abcdef":
        limiter.hit(key)
    assert len(limiter._hits) == 3


def test_zero_means_no_limit():
    limiter = RateLimiter(0)
    assert all(limiter.hit("a") == 0 for _ in range(1000))


def test_default_limit_comes_from_the_settings(make_config):
    assert make_config(rate_limit=None).rate_limit == 5
    assert make_config(rate_limit=None, comments={"rate_limit": 9}).rate_limit == 9


def test_the_receiver_answers_429_with_retry_after(make_config, tmp_path):
    # The reverse proxy on loopback passes the reader's address in X-Forwarded-For.
    with BackgroundServer(make_config(rate_limit=2)) as server, httpx.Client(
        base_url=server.url, headers={"Origin": SITE}
    ) as http:
        first = {"X-Forwarded-For": "203.0.113.7"}
        answers = [http.post("/comment", data=valid(), headers=first) for _ in range(4)]
        assert [a.status_code for a in answers] == [303, 303, 429, 429]
        assert 1 <= int(answers[2].headers["Retry-After"]) <= 60
        assert "Trop de commentaires" in answers[2].text
        other = http.post("/comment", data=valid(), headers={"X-Forwarded-For": "198.51.100.4"})
        assert other.status_code == 303
        json_answer = http.post("/comment", json=valid(), headers=first)
        assert json_answer.status_code == 429 and "Retry-After" in json_answer.headers
    assert len(queue_files(tmp_path)) == 3
    # Addresses are never written anywhere.
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"203.0.113.7" not in path.read_bytes()
