"""The term cache: persisted under CACHE_PATH by digest, trusted only when it
was made by the same analysis, and a warm build shows the same related posts."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import UTC, datetime, timedelta

from related_posts.cache import CACHE_NAME, RESULT_NAME, load_terms, save_terms
from related_posts.scoring import Doc, compute_related, text_key
from related_posts.settings import RelatedPosts

from tests.conftest import run_pelican
from tests.related_posts.test_build import related_of
from tests.related_posts.test_scoring import COOKING, MARKETING, MARKETING_TOO

BASE = datetime(2015, 1, 1, 9, 0, tzinfo=UTC)
TEXTS = [MARKETING, MARKETING_TOO, COOKING, MARKETING + " " + COOKING]


def _docs(with_text: bool = True) -> list[Doc]:
    return [Doc(slug=f"d{i}", lang="fr", date=BASE + timedelta(days=i), category="c",
                text=text if with_text else "", key=text_key(text)) for i, text in enumerate(TEXTS)]


def test_keys_stand_for_the_texts():
    cache: dict = {}
    first = compute_related(_docs(), terms_cache=cache)
    assert set(cache) == {text_key(t) for t in TEXTS}
    assert not any(t in str(cache) for t in TEXTS)  # digests, never the texts
    # With every analysis cached, the texts are not needed at all.
    assert compute_related(_docs(with_text=False), terms_cache=cache) == first
    assert compute_related([Doc(d.slug, d.lang, d.date, d.tags, d.category, d.text) for d in _docs()]) == first


def test_saved_then_loaded_and_trusted_only_for_the_same_analysis(tmp_path):
    settings = {"CACHE_PATH": str(tmp_path), "LOAD_CONTENT_CACHE": True}
    conf = RelatedPosts()
    path, cache = load_terms(settings, conf)
    assert path == tmp_path / CACHE_NAME and cache == {}
    compute_related(_docs(), conf, terms_cache=cache)
    save_terms(path, conf, cache, changed=True)
    assert load_terms(settings, conf)[1] == cache
    assert load_terms(settings, dataclasses.replace(conf, min_word_length=4))[1] == {}  # another analysis
    assert load_terms({**settings, "LOAD_CONTENT_CACHE": False}, conf)[1] == {}  # --ignore-cache
    assert load_terms({"CACHE_PATH": ""}, conf) == (None, {})
    path.write_bytes(b"not a pickle")
    assert load_terms(settings, conf)[1] == {}
    data = {"version": "old", "entries": cache}
    path.write_bytes(pickle.dumps(data))
    assert load_terms(settings, conf)[1] == {}
    mtime = path.stat().st_mtime_ns
    save_terms(path, conf, cache, changed=False)
    assert path.stat().st_mtime_ns == mtime


def test_warm_build_shows_the_same_related_posts(mini_content, tmp_path):
    cache = tmp_path / "cache"
    run_pelican(mini_content, tmp_path / "one", overrides={"CACHE_PATH": str(cache)})
    saved = pickle.loads((cache / CACHE_NAME).read_bytes())
    assert len(saved["entries"]) == len(list((mini_content / "articles").glob("*.md")))
    run_pelican(mini_content, tmp_path / "two", overrides={"CACHE_PATH": str(cache)})
    shown = 0
    for page in sorted((tmp_path / "one").rglob("index.html")):
        first = related_of(page)
        second = related_of(tmp_path / "two" / page.relative_to(tmp_path / "one"))
        assert (first.found, first.links) == (second.found, second.links), page
        shown += bool(first.links)
    assert shown >= 5


def test_a_warm_build_reuses_the_lists_until_an_input_changes(mini_content, tmp_path):
    cache = tmp_path / "cache"
    run_pelican(mini_content, tmp_path / "one", overrides={"CACHE_PATH": str(cache)})
    stored = pickle.loads((cache / RESULT_NAME).read_bytes())
    assert any(stored["result"].values())
    # A marker in the stored lists shows whether the next build reused them.
    sources = {p: p.read_text("utf-8") for p in (mini_content / "articles").glob("*.md")}
    slug = next(slug for slug, chosen in stored["result"].items()
                if chosen and any(f"Slug: {slug}\n" in text and "\nTags: " in text for text in sources.values()))
    other = next(s for s in stored["result"] if s != slug and s not in stored["result"][slug])
    stored["result"][slug] = [other]
    (cache / RESULT_NAME).write_bytes(pickle.dumps(stored))
    run_pelican(mini_content, tmp_path / "two", overrides={"CACHE_PATH": str(cache)})
    page = next((tmp_path / "two").rglob(f"{slug}/index.html"))
    assert [link.rstrip("/").rsplit("/", 1)[-1] for link in related_of(page).links] == [other]
    # A changed tag is a new input: the lists are computed again.
    source = next(p for p, text in sources.items() if f"Slug: {slug}\n" in text)
    source.write_text(sources[source].replace("\nTags: ", "\nTags: Nouveau, ", 1), encoding="utf-8")
    run_pelican(mini_content, tmp_path / "three", overrides={"CACHE_PATH": str(cache)})
    page = next((tmp_path / "three").rglob(f"{slug}/index.html"))
    links = [link.rstrip("/").rsplit("/", 1)[-1] for link in related_of(page).links]
    assert links and links != [other]
