"""The author's account: login, cookies, session end, CSRF, cross-site posts, brute force, proxies."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from comments.core.ratelimit import client_key
from comments.intake.server import BackgroundServer
from comments.moderation_page.auth import SESSIONS_FILE, Sessions, stored_hash, verify_password
from comments.storage.signing import ENV_KEY, KEY_FILE, secret_key

from tests.conftest import ROOT
from tests.moderation_page.conftest import PASSWORD, Author, csrf_of, pending_ids


def test_the_page_asks_for_the_password_and_the_cookie_is_strict(author):
    answer = author.page()
    assert answer.status_code == 303 and answer.headers["location"] == "/moderation/login"
    login = author.login()
    assert login.status_code == 303 and login.headers["location"] == "/moderation/"
    cookie = next(c for c in login.headers.get_list("set-cookie") if c.startswith("moderation_session="))
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "samesite", "path", "max-age"} <= attributes
    assert "samesite=strict" in cookie.lower() and "max-age=2592000" in cookie.lower()  # 30 days
    assert "secure" not in attributes  # http://127.0.0.1: the only case without Secure
    page = author.page()
    assert page.status_code == 200 and "Commentaires en attente" in page.text
    assert "Se déconnecter" in page.text


def test_the_cookie_is_secure_anywhere_but_loopback(author):
    # The same service seen through its public name (Host header), as behind the reverse proxy.
    form = author.http.get("/moderation/login", headers={"Host": "moderation.example.fr"})
    cookie = form.headers["set-cookie"].lower()
    assert "secure" in [p.strip() for p in cookie.split(";")]


def test_a_wrong_password_is_refused_and_five_attempts_a_minute_get_429(author):
    for _ in range(5):
        assert author.login("mauvais mot de passe").status_code == 401
    blocked = author.login(PASSWORD)  # even the right one, until the minute is over
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert "Trop d’essais de connexion" in blocked.text
    assert author.page().status_code == 303


def test_parallel_attempts_get_no_more_guesses_than_sequential_ones(service):
    """Each attempt is counted before the password is checked (~0.1 s of scrypt): twenty sent
    at once, as an attacker would, still get five checks."""
    clients = [Author(service.url) for _ in range(20)]
    forms = [client.http.get("/moderation/login") for client in clients]

    def attempt(pair) -> int:
        client, form = pair
        return client.http.post("/moderation/login", data={"csrf": csrf_of(form.text), "password": "devine"}).status_code

    with ThreadPoolExecutor(20) as pool:
        codes = sorted(pool.map(attempt, zip(clients, forms, strict=True)))
    assert codes == [401] * 5 + [429] * 15


def test_forwarded_for_counts_only_from_a_trusted_proxy(make_config, queue):
    # Default: the reverse proxy on loopback is trusted, so each reader has their own count.
    with BackgroundServer(make_config()) as server:
        author = Author(server.url)
        for _ in range(5):
            author.login("mauvais", **{"X-Forwarded-For": "203.0.113.7"})
        assert author.login("mauvais", **{"X-Forwarded-For": "203.0.113.7"}).status_code == 429
        assert author.login(PASSWORD, **{"X-Forwarded-For": "198.51.100.4"}).status_code == 303
    # No trusted proxy: the header is ignored, a client cannot pick a fresh address per try.
    with BackgroundServer(make_config(comments={"trusted_proxies": []})) as server:
        author = Author(server.url)
        for n in range(5):
            author.login("mauvais", **{"X-Forwarded-For": f"203.0.113.{n}"})
        assert author.login(PASSWORD, **{"X-Forwarded-For": "198.51.100.9"}).status_code == 429


def test_ipv6_clients_are_counted_per_64():
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:203.0.113.7") == client_key("203.0.113.7") == "203.0.113.7"


def test_a_tampered_or_forged_cookie_is_refused(author):
    assert author.login().status_code == 303
    genuine = author.http.cookies["moderation_session"]
    payload, mac = genuine.split(".")
    for forged in (payload + "." + mac[:-2] + ("AA" if mac[-2:] != "AA" else "BB"),
                   "QUJD." + mac, genuine + "x", "", "a.b"):
        other = httpx.Client(base_url=author.url, cookies={"moderation_session": forged})
        assert other.get("/moderation/").status_code == 303, forged


def test_a_session_ends_after_30_idle_days(author, queue):
    assert author.login().status_code == 303
    sessions = queue / "sessions.json"
    data = json.loads(sessions.read_text())
    sessions.write_text(json.dumps({k: v - 31 * 86400 for k, v in data.items()}))
    assert author.page().status_code == 303
    assert json.loads(sessions.read_text()) == {}


def test_session_fixation_a_planted_cookie_is_never_adopted(author, service):
    # The attacker's own (genuine) session id, planted in the author's browser before login.
    attacker = Author(service.url)
    attacker.login()
    planted = attacker.http.cookies["moderation_session"]
    attacker.http.post("/moderation/logout", data={"csrf": csrf_of(attacker.page().text)})
    author.http.cookies.set("moderation_session", planted, domain="127.0.0.1", path="/moderation/")
    assert author.page().status_code == 303  # planted, not logged in
    assert author.login().status_code == 303
    assert author.http.cookies["moderation_session"] != planted
    stale = httpx.Client(base_url=service.url, cookies={"moderation_session": planted})
    assert stale.get("/moderation/").status_code == 303


def test_logout_ends_the_session_even_for_a_copied_cookie(author):
    author.login()
    copied = author.http.cookies["moderation_session"]
    out = author.http.post("/moderation/logout", data={"csrf": csrf_of(author.page().text)})
    assert out.status_code == 303 and out.headers["location"] == "/moderation/login"
    assert author.page().status_code == 303
    assert "Vous êtes déconnecté" in author.http.get("/moderation/login").text
    replay = httpx.Client(base_url=author.url, cookies={"moderation_session": copied})
    assert replay.get("/moderation/").status_code == 303


def test_posts_without_the_csrf_token_or_from_another_site_change_nothing(author, queue):
    author.comment()
    [cid] = pending_ids(queue)
    author.login()
    token = csrf_of(author.page().text)
    attempts = [
        ({"do": f"approve:{cid}"}, {}),                                  # no token
        ({"do": f"approve:{cid}", "csrf": "x" * 43}, {}),                # a wrong one
        ({"do": f"approve:{cid}", "csrf": token}, {"Origin": "https://evil.example"}),   # cross-site
        ({"do": f"approve:{cid}", "csrf": token}, {"Origin": "null"}),
        ({"do": f"approve:{cid}", "csrf": token},
         {"Origin": "", "Referer": "https://evil.example/page"}),
        # A Host header of the client's choosing does not make its origin the service's own.
        ({"do": f"approve:{cid}", "csrf": token}, {"Host": "evil.example", "Origin": "http://evil.example"}),
    ]
    for data, headers in attempts:
        answer = author.http.post("/moderation/action", data=data, headers=headers)
        assert answer.status_code == 403, (data, headers)
        assert "rien n’a été changé" in answer.text
    assert pending_ids(queue) == [cid]
    # A cross-site login form is refused too (login CSRF).
    cross = author.http.post("/moderation/login", data={"password": PASSWORD},
                             headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403


def test_comments_password_stores_only_a_private_hash(tmp_path):
    queue = tmp_path / "q"
    done = subprocess.run([sys.executable, "-m", "invoke", "comments.password", "--stdin", "--queue", str(queue)],
                          cwd=ROOT, input="un secret assez long\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    path = queue / "author-password"
    assert path.stat().st_mode & 0o777 == 0o600
    assert "un secret" not in path.read_text() and stored_hash(queue).startswith("scrypt$")
    assert verify_password(stored_hash(queue), "un secret assez long")
    assert not verify_password(stored_hash(queue), "un secret assez lonG")
    short = subprocess.run([sys.executable, "-m", "invoke", "comments.password", "--stdin", "--queue", str(queue)],
                           cwd=ROOT, input="court\n", capture_output=True, text=True, timeout=120)
    assert short.returncode == 1 and "trop court" in short.stderr + short.stdout
    assert verify_password(stored_hash(queue), "un secret assez long")  # unchanged


def test_login_page_says_when_no_password_is_set(make_config, tmp_path):
    with BackgroundServer(make_config()) as server:
        answer = httpx.get(server.url + "/moderation/login")
        assert "invoke comments.password" in answer.text
        login = Author(server.url).login("n’importe quoi")
        assert login.status_code == 401


def test_sessions_are_read_again_only_when_the_file_changes(tmp_path, monkeypatch):
    reads = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self.name) or read_text(self, *a, **k))
    queue = tmp_path / "q"
    service, other = Sessions(queue, b"k" * 32), Sessions(queue, b"k" * 32)  # `other`: another process
    sid = service.open()
    assert all(service.check(sid) for _ in range(5))
    assert reads.count(SESSIONS_FILE) == 1  # five requests: one read, then a stat each
    other.close(sid)  # the file changes behind the service's back
    assert not service.check(sid)
    sid = service.open()
    assert service.check(sid)
    (queue / SESSIONS_FILE).unlink()  # as `comments.password` does
    assert not service.check(sid)
    assert (queue / SESSIONS_FILE).exists() is False


def test_comments_password_in_another_process_ends_the_open_sessions(author, queue):
    assert author.login().status_code == 303
    assert author.page().status_code == 200
    done = subprocess.run([sys.executable, "-m", "invoke", "comments.password", "--stdin", "--queue", str(queue)],
                          cwd=ROOT, input="un autre secret assez long\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert author.page().status_code == 303  # back to the login page
    assert author.login("un autre secret assez long").status_code == 303
    assert author.page().status_code == 200
    assert (queue / SESSIONS_FILE).stat().st_mode & 0o777 == 0o600


def test_the_signing_key_is_read_again_only_when_its_file_changes(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_KEY, raising=False)
    reads = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or read_bytes(self))
    queue = tmp_path / "q"
    key = secret_key(queue)
    assert [secret_key(queue) for _ in range(3)] == [key] * 3 and reads == [KEY_FILE]
    (queue / KEY_FILE).unlink()  # a new key file (made by hand or by another process)
    assert secret_key(queue) != key and (queue / KEY_FILE).stat().st_mode & 0o777 == 0o600
