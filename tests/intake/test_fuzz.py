"""Random field values into the real receiver over HTTP (issue 16): any Unicode,
controls, lone surrogates, huge or nested values, as a form or as JSON. The
answer is always 2xx, 3xx or 4xx, never 5xx; a 4xx never leaves a file."""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx
import pytest
from comments.intake.config import load_config
from comments.intake.server import BackgroundServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.intake.conftest import ARTICLE, PUBLISHED, ROOT
from tests.intake.intake_helpers import SITE

FIELDS = ("post", "parent", "author", "email", "notify", "website", "body", "hp")
TEXT = st.one_of(
    st.text(),  # any code point, lone surrogates included
    st.text(alphabet=st.characters(max_codepoint=0x2070), max_size=40),
    st.sampled_from(["media-social", "wp-11", "Marie", "marie@example.fr", "1", "https://x.example/",
                     "root,victim@example.org", "\x1b]0;t\x07", "\u202e", "\ud800"]),
    st.builds(lambda s, n: s * n, st.text(max_size=5), st.integers(0, 30_000)),
)
VALUE = st.recursive(st.one_of(TEXT, st.none(), st.integers(), st.booleans()),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                     max_leaves=8)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "media-social.md").write_text(ARTICLE, encoding="utf-8")
    (content / "comments" / "media-social").mkdir(parents=True)
    (content / "comments" / "media-social" / "wp-11.md").write_text(PUBLISHED, encoding="utf-8")
    config = load_config(ROOT / "pelicanconf.py", queue=root / "moderation", rate_limit=0,
                         overrides={"PATH": str(content), "CACHE_PATH": str(root / "cache")})
    with BackgroundServer(config) as server, httpx.Client(base_url=server.url, timeout=30,
                                                          headers={"Origin": SITE}) as client:
        yield client, root / "moderation"


def files(queue):
    return {p for p in queue.rglob("*") if p.is_file() and p.suffix == ".md"}


def encode_json(fields: dict) -> bytes:
    # json.dumps writes a lone surrogate as "\\ud800", as a hostile client would.
    return json.dumps(fields).encode("utf-8")


VALID = {"post": "media-social", "author": "Marie", "email": "marie@example.fr", "notify": "1",
         "website": "", "body": "Très bon article, merci !", "parent": "", "hp": ""}
# A valid submission with one to three fields replaced, or left out: the checks past the first refusal.
SUBMISSION = st.builds(
    lambda changes, dropped: {k: v for k, v in {**VALID, **changes}.items() if k not in dropped},
    st.dictionaries(st.sampled_from(FIELDS), VALUE, min_size=1, max_size=3),
    st.sets(st.sampled_from(FIELDS), max_size=2),
)
# JSON nested thousands deep, as an array or inside a field.
DEEP = st.integers(500, 20_000).flatmap(lambda n: st.sampled_from([
    "[" * n + "]" * n, '{"post": "media-social", "author": "A", "body": ' + "[" * n + "]" * n + "}"]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(fields=SUBMISSION, as_json=st.booleans(), deep=st.one_of(st.none(), DEEP))
def test_random_fields_never_get_a_5xx_and_a_refusal_writes_nothing(served, fields, as_json, deep):
    client, queue = served
    before = files(queue)
    if deep is not None:
        answer = client.post("/comment", content=deep.encode(), headers={"Content-Type": "application/json"})
    elif as_json:
        answer = client.post("/comment", content=encode_json(fields), headers={"Content-Type": "application/json"})
    else:
        form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}
        # A lone surrogate goes out as the bytes a broken client would send (%ED%A0%80).
        data = "&".join(f"{k}={quote(v.encode('utf-8', 'surrogatepass'))}" for k, v in form.items())
        answer = client.post("/comment", content=data.encode("ascii"),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 200 <= answer.status_code < 500, answer.text[:500]
    if answer.status_code >= 400:
        assert files(queue) == before
