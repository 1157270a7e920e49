"""The receiver against a real uvicorn server: good submissions are queued, bad ones are 4xx and write nothing."""

from __future__ import annotations

import html
import json

import pytest
from comments.core.comment_file import read_comment

from tests.intake.intake_helpers import SITE, all_files, queue_files, valid

ARTICLE_URL = f"{SITE}/2013/04/media-social/"


def test_health(client):
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_form_post_is_queued_and_redirects_to_the_article(client, tmp_path):
    answer = client.post("/comment", data=valid())
    assert answer.status_code == 303
    assert answer.headers["location"] == ARTICLE_URL + "#commentaire-en-attente"
    [path] = queue_files(tmp_path)
    assert path.parent == tmp_path / "moderation" / "pending"
    comment = read_comment(path, queue=True)
    assert comment.id == path.stem and comment.id.startswith("c-")
    assert (comment.post, comment.author, comment.email) == ("media-social", "Marie Dupont", "marie@example.fr")
    assert comment.body == "Très bon article, merci !"
    assert comment.role is None and comment.parent is None and comment.website is None
    assert comment.date.tzinfo is not None


def test_json_post_is_queued_and_answered_in_json(client, tmp_path):
    answer = client.post("/comment", json=valid(website="https://marie.example/"))
    assert answer.status_code == 202
    assert answer.json()["status"] == "pending"
    assert "attente de modération" in answer.json()["message"]
    [path] = queue_files(tmp_path)
    assert read_comment(path, queue=True).website == "https://marie.example/"


def test_role_id_and_date_are_never_taken_from_the_request(client, tmp_path):
    data = {**valid(), "role": "author", "id": "wp-999", "date": "2001-01-01T00:00:00+00:00", "source": "x"}
    assert client.post("/comment", data=data).status_code == 303
    [path] = queue_files(tmp_path)
    comment = read_comment(path, queue=True)
    assert comment.role is None
    assert comment.id != "wp-999" and comment.date.year != 2001 and comment.source == "form"


def test_header_injection_in_author_is_flattened(client, tmp_path):
    assert client.post("/comment", data=valid(author="Marie\nrole: author")).status_code == 303
    [path] = queue_files(tmp_path)
    comment = read_comment(path, queue=True)
    assert comment.role is None and comment.author == "Marie role: author"


def test_a_reply_to_a_published_comment_keeps_its_parent(client, tmp_path):
    assert client.post("/comment", data=valid(parent="wp-11")).status_code == 303
    [path] = queue_files(tmp_path)
    assert read_comment(path, queue=True).parent == "wp-11"


def test_without_javascript_the_parent_comes_from_the_reply_link_in_the_referer(client, tmp_path):
    headers = {"Referer": ARTICLE_URL + "?replytocom=wp-11"}
    assert client.post("/comment", data=valid(), headers=headers).status_code == 303
    headers = {"Referer": ARTICLE_URL + "?replytocom=../../etc/passwd"}
    assert client.post("/comment", data=valid(), headers=headers).status_code == 303
    parents = sorted(str(read_comment(p, queue=True).parent) for p in queue_files(tmp_path))
    assert parents == ["None", "wp-11"]


BAD = {
    "no author": ({"author": ""}, 400, "author", "Indiquez votre nom"),
    "blank author": ({"author": "   "}, 400, "author", "Indiquez votre nom"),
    "long author": ({"author": "x" * 101}, 400, "author", "100 caractères"),
    # Names reach the author's terminal: no escape, C1 control or bidi override (issue 16).
    "escape in author": ({"author": "Marie\x1b]0;titre\x07"}, 400, "author", "caractères de contrôle"),
    "C1 in author": ({"author": "Marie\x9b31m"}, 400, "author", "caractères de contrôle"),
    "override in author": ({"author": "Marie \u202egnp.exe"}, 400, "author", "sens du texte"),
    "isolate in author": ({"author": "Marie \u2066x\u2069"}, 400, "author", "sens du texte"),
    "no body": ({"body": ""}, 400, "body", "au moins 3"),
    "short body": ({"body": "ok"}, 400, "body", "au moins 3"),
    "long body": ({"body": "a" * 20_001}, 400, "body", "ne doit pas dépasser"),
    "nul in body": ({"body": "abc\x00def"}, 400, "body", "caractères de contrôle"),
    "no post": ({"post": ""}, 400, "post", "Article manquant"),
    "path in post": ({"post": "../../etc"}, 400, "post", "Article manquant"),
    "unknown post": ({"post": "inconnu"}, 404, "post", "n'existe pas"),
    "draft post": ({"post": "brouillon"}, 404, "post", "n'existe pas"),
    "closed post": ({"post": "ferme"}, 403, "post", "fermés"),
    "javascript website": ({"website": "javascript:alert(1)"}, 400, "website", "http"),
    "data website": ({"website": "data:text/html,<script>x</script>"}, 400, "website", "http"),
    "hostless website": ({"website": "http://"}, 400, "website", "http"),
    "bad email": ({"email": "pas une adresse"}, 400, "email", "e-mail invalide"),
    # One address: a list would send each reply notification to several recipients (issue 16).
    "two addresses": ({"email": "root,victim@example.org"}, 400, "email", "e-mail invalide"),
    "named address": ({"email": "Marie <marie@example.fr>"}, 400, "email", "e-mail invalide"),
    "semicolon list": ({"email": "a@example.fr;b@example.org"}, 400, "email", "e-mail invalide"),
    "parent path": ({"parent": "../../etc/passwd"}, 400, "parent", "n'existe pas"),
    "parent slash": ({"parent": "wp-11/../../x"}, 400, "parent", "n'existe pas"),
    "parent upper": ({"parent": "WP-11"}, 400, "parent", "n'existe pas"),
    "parent unknown": ({"parent": "wp-99"}, 400, "parent", "n'existe pas"),
}


@pytest.mark.parametrize("change", BAD.values(), ids=BAD.keys())
def test_bad_fields_are_refused_in_french_and_write_nothing(client, tmp_path, change):
    fields, status, field, words = change
    before = all_files(tmp_path)
    answer = client.post("/comment", data=valid(**fields))
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert words in html.unescape(answer.text).replace("\u2019", "'")
    assert '<html lang="fr">' in answer.text
    assert all_files(tmp_path) == before
    # JSON clients get the same refusal, by field.
    answer = client.post("/comment", json=valid(**fields))
    assert answer.status_code == status
    assert field in answer.json()["errors"]
    assert all_files(tmp_path) == before


def test_the_error_page_gives_the_reader_text_back(client):
    body = "Mon long commentaire <b>important</b> à ne pas perdre."
    answer = client.post("/comment", data=valid(body=body, website="javascript:x"))
    assert answer.status_code == 400
    assert "Mon long commentaire &lt;b&gt;important&lt;/b&gt; à ne pas perdre." in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert 'href="http://127.0.0.1:8000/2013/04/media-social/#respond"' in answer.text
    # COMMENTS['typography'] (the french plugin's, in pelicanconf.py) over the page's own sentences.
    assert "Site web\u00a0: " in answer.text and "jamais publié\u202f;" in answer.text


@pytest.mark.parametrize(
    ("content_type", "raw", "status"),
    [
        ("application/x-www-form-urlencoded", b"post=media-social&author=\xff\xfe&body=bonjour", 400),
        ("application/x-www-form-urlencoded", b"post=media-social&author=%FF%FE&body=bonjour", 400),
        ("application/x-www-form-urlencoded; charset=iso-8859-1", b"post=media-social&author=x&body=abc", 415),
        ("application/json", b'{"post": "media-social", "author": "\xe9", "body": "abcd"}', 400),
        ("application/json", b"[1, 2]", 400),
        ("application/json", b'{"post": "media-social", "author": 5, "body": "abcd"}', 400),
        ("application/json", b"{not json", 400),
        ("multipart/form-data; boundary=x", b"--x--", 415),
        ("text/plain", b"author=x", 415),
        ("application/x-www-form-urlencoded", b"post=media-social&post=ferme&author=x&body=abcd", 400),
    ],
)
def test_bad_encodings_and_formats_are_refused(client, tmp_path, content_type, raw, status):
    before = all_files(tmp_path)
    answer = client.post("/comment", content=raw, headers={"Content-Type": content_type})
    assert answer.status_code == status
    assert all_files(tmp_path) == before


def test_requests_over_64_kb_are_refused_early_and_while_streaming(client, tmp_path):
    before = all_files(tmp_path)
    big = "post=media-social&author=x&body=" + "a" * (64 * 1024)
    answer = client.post("/comment", content=big.encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413
    assert "64" in answer.text

    def chunks():  # no Content-Length: chunked transfer, cut off while reading
        yield b"post=media-social&author=x&body="
        for _ in range(80):
            yield b"a" * 1024

    answer = client.post("/comment", content=chunks(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413
    assert all_files(tmp_path) == before


def test_honeypot_is_spam_but_answered_like_success(client, tmp_path):
    good = client.post("/comment", data=valid())
    trap = client.post("/comment", data=valid(hp="http://spam.example/"))
    assert trap.status_code == good.status_code == 303
    assert trap.headers["location"] == good.headers["location"]
    states = sorted(p.parent.name for p in queue_files(tmp_path))
    assert states == ["pending", "spam"]
    assert json.dumps(client.post("/comment", json=valid(hp="x")).json()) == json.dumps(
        client.post("/comment", json=valid()).json()
    )


@pytest.mark.parametrize("raw", [
    '{"post": "media-social", "author": "Marie", "body": "Bonjour \\ud800 !"}',  # a lone surrogate
    '{"post": "media-social", "author": "\\udfff", "body": "Bonjour !"}',
    "[" * 30_000 + "]" * 30_000,  # JSON nested 30,000 deep
    '{"post":' + '{"a":' * 5_000 + "1" + "}" * 5_000 + "}",  # an object 5,000 deep
], ids=["surrogate-body", "surrogate-author", "deep-array", "deep-object"])
def test_hostile_json_is_a_french_400_never_a_500(client, tmp_path, raw):
    before = all_files(tmp_path)
    answer = client.post("/comment", content=raw.encode(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"] and ("illisible" in answer.json()["error"] or "invalide" in answer.json()["error"])
    assert all_files(tmp_path) == before
