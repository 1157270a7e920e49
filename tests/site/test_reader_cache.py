"""Pelican's reader cache (pelicanconf: CACHE_CONTENT, layer "reader"): a warm
build takes the articles' HTML from it, and a change of settings makes the
build ignore it (plugins/french/reader_cache.py), never serving stale HTML."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from tests.conftest import run_pelican

ARTICLE = """Title: L'apostrophe
Slug: apostrophe
Date: 2013-04-22 09:30
Category: Essais
Tags: essai

L'entreprise dit "bonjour"... C'est tout.
"""
NO_SMARTY = {"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"}


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles" / "apostrophe.md").write_text(ARTICLE, encoding="utf-8")
    return content


def _page(output: Path) -> str:
    return (output / "2013" / "04" / "apostrophe" / "index.html").read_text(encoding="utf-8")


def _reader_cache(cache: Path) -> Path:
    return cache / "ArticlesGenerator-Readers"


def test_warm_build_takes_the_html_from_the_cache(tmp_path):
    content, cache = _content(tmp_path), tmp_path / "cache"
    run_pelican(content, tmp_path / "one", overrides={"CACHE_PATH": str(cache)})
    assert "L’entreprise dit «\u202fbonjour\u202f»&hellip;" in _page(tmp_path / "one")
    # Mark the cached HTML: a warm build that shows the mark did not read the Markdown.
    path = _reader_cache(cache)
    data = pickle.loads(path.read_bytes())
    (key,) = [k for k in data if k.endswith("apostrophe.md")]
    stamp, (html, metadata) = data[key]
    data[key] = (stamp, (html + "<p>Lu dans le cache.</p>", metadata))
    path.write_bytes(pickle.dumps(data))
    run_pelican(content, tmp_path / "two", overrides={"CACHE_PATH": str(cache)})
    assert "Lu dans le cache." in _page(tmp_path / "two")


def test_other_settings_ignore_the_cache_then_rewrite_it(tmp_path):
    content, cache = _content(tmp_path), tmp_path / "cache"
    run_pelican(content, tmp_path / "one", overrides={"CACHE_PATH": str(cache)})
    assert "L’entreprise" in _page(tmp_path / "one")
    # Without smartquotes, straight quotes: the cached (curly) HTML must not be used.
    run_pelican(content, tmp_path / "two", overrides={"CACHE_PATH": str(cache), "MARKDOWN": NO_SMARTY})
    assert "L'entreprise dit \"bonjour\"..." in _page(tmp_path / "two")
    # And back: the cache now holds the straight version, made with other settings.
    run_pelican(content, tmp_path / "three", overrides={"CACHE_PATH": str(cache)})
    assert _page(tmp_path / "three") == _page(tmp_path / "one")


def test_ignore_cache_option_is_obeyed(tmp_path):
    content, cache = _content(tmp_path), tmp_path / "cache"
    run_pelican(content, tmp_path / "one", overrides={"CACHE_PATH": str(cache)})
    source = content / "articles" / "apostrophe.md"
    stat = source.stat()
    source.write_text(ARTICLE.replace("C'est tout.", "C'est fini."), encoding="utf-8")
    # Same modification time: Pelican's cache alone would serve the old text.
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    run_pelican(content, tmp_path / "two", overrides={"CACHE_PATH": str(cache), "LOAD_CONTENT_CACHE": False})
    assert "C’est fini." in _page(tmp_path / "two")


def test_other_settings_keep_the_other_caches(tmp_path):
    """Only Pelican's reader cache depends on the settings stamp: the related posts'
    term counts (keyed by text digest) are reused, not recomputed and rewritten."""
    content, cache = _content(tmp_path), tmp_path / "cache"
    run_pelican(content, tmp_path / "one", overrides={"CACHE_PATH": str(cache)})
    terms = cache / "related-posts-terms.pickle"
    before = terms.stat().st_mtime_ns
    stamp = (cache / "reader-cache-stamp.txt").read_text(encoding="utf-8")
    run_pelican(content, tmp_path / "two", overrides={"CACHE_PATH": str(cache), "RELATED_POSTS": {"count": 2}})
    assert (cache / "reader-cache-stamp.txt").read_text(encoding="utf-8") != stamp
    assert terms.stat().st_mtime_ns == before
