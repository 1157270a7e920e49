"""Files made from known inputs are made once (digest_cache): a rebuild with the same
inputs copies the search index and the favicons from CACHE_PATH, and makes them again
as soon as an input changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from digest_cache import digest, restore_or_make

from tests.theme.helpers import build, small_site

ARTICLE = "Title: Un article\nDate: 2024-03-05\nSlug: un-article\n\nDu texte à chercher : {word}.\n"


def only_entry(cache: Path) -> Path:
    (entry,) = [p for p in cache.iterdir() if p.is_dir()]
    return entry


def test_the_search_index_and_icons_come_from_the_cache_while_nothing_changes(tmp_path):
    content = small_site(tmp_path, {"un-article.md": ARTICLE.format(word="pomme")})
    cache = tmp_path / "cache"
    first = build(content, tmp_path / "first", {"CACHE_PATH": str(cache)})
    index, icons = only_entry(cache / "search-index"), only_entry(cache / "identity")
    assert sorted(p.name for p in (index / "pagefind").iterdir()) == sorted(p.name for p in (first / "pagefind").iterdir())
    # Marked in the cache: a second build that copies, rather than runs Pagefind and draws, shows the marks.
    (index / "pagefind" / "marque.txt").write_text("copié", encoding="utf-8")
    (icons / "identity" / "marque.txt").write_text("copié", encoding="utf-8")
    second = build(content, tmp_path / "second", {"CACHE_PATH": str(cache)})
    assert (second / "pagefind" / "marque.txt").is_file() and (second / "identity" / "marque.txt").is_file()
    assert (second / "favicon.ico").read_bytes() == (first / "favicon.ico").read_bytes()
    # A changed page: Pagefind runs again, the old index leaves the cache; the icons stay.
    (content / "articles" / "un-article.md").write_text(ARTICLE.format(word="poire"), encoding="utf-8")
    third = build(content, tmp_path / "third", {"CACHE_PATH": str(cache)})
    assert not (third / "pagefind" / "marque.txt").exists() and only_entry(cache / "search-index") != index
    assert (third / "identity" / "marque.txt").is_file()
    # Another brand colour: the icons are drawn again.
    fourth = build(content, tmp_path / "fourth", {"CACHE_PATH": str(cache),
                                                  "IDENTITY": {"brand_colour": "#e63946"}})
    assert not (fourth / "identity" / "marque.txt").exists()
    assert (fourth / "favicon.ico").read_bytes() != (first / "favicon.ico").read_bytes()


def test_a_failed_making_leaves_no_entry_and_the_next_one_makes_it(tmp_path):
    def broken(folder: Path) -> None:
        (folder / "moitié.txt").write_text("interrompu", encoding="utf-8")
        raise OSError("disque plein")

    def whole(folder: Path) -> None:
        (folder / "entier.txt").write_text("fait", encoding="utf-8")

    key = digest(["entrée"])
    with pytest.raises(OSError, match="disque plein"):
        restore_or_make(tmp_path / "cache", key, broken, tmp_path / "out")
    assert list((tmp_path / "cache").iterdir()) == []
    assert restore_or_make(tmp_path / "cache", key, whole, tmp_path / "out") is False
    assert restore_or_make(tmp_path / "cache", key, broken, tmp_path / "again") is True
    assert (tmp_path / "again" / "entier.txt").read_text(encoding="utf-8") == "fait"


def test_digest_parts_are_not_ambiguous():
    assert digest(["ab", "c"]) != digest(["a", "bc"]) and digest([b"x"]) == digest(["x"])


def test_a_copy_leaves_unchanged_files_alone_and_rewrites_changed_ones(tmp_path):
    def make(folder: Path) -> None:
        (folder / "sous").mkdir()
        (folder / "sous" / "pareil.txt").write_text("même", encoding="utf-8")
        (folder / "change.txt").write_text("nouveau", encoding="utf-8")

    out = tmp_path / "out"
    (out / "sous").mkdir(parents=True)
    (out / "sous" / "pareil.txt").write_text("même", encoding="utf-8")
    (out / "change.txt").write_text("ancien", encoding="utf-8")
    before = (out / "sous" / "pareil.txt").stat().st_mtime_ns
    restore_or_make(tmp_path / "cache", digest(["x"]), make, out)
    assert (out / "sous" / "pareil.txt").stat().st_mtime_ns == before  # rsync sends only what changed
    assert (out / "change.txt").read_text(encoding="utf-8") == "nouveau"
