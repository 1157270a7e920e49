"""The corpus generator: deterministic, realistic, and built by the project without a warning."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from comments.core.comment_file import read_comment

from benchmarks import french_words
from benchmarks.corpus import MAX_DEPTH, MAX_WORDS, MIN_WORDS, generate, main
from tests.conftest import run_pelican

HEADER = re.compile(r"^([A-Z][a-z]+): (.*)$")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def metadata(path: Path) -> tuple[dict[str, str], str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return dict(HEADER.match(line).groups() for line in head.splitlines()), body


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("corpus") / "content"
    generate(dest, posts=60, comments=400, seed=7)
    return dest


def test_same_seed_gives_the_same_bytes(tmp_path, corpus):
    generate(tmp_path / "again", posts=60, comments=400, seed=7)
    generate(tmp_path / "other", posts=60, comments=400, seed=8)
    assert files(tmp_path / "again") == files(corpus)
    assert files(tmp_path / "other") != files(corpus)


def test_articles_have_the_metadata_and_length_asked_for(corpus):
    articles = sorted((corpus / "articles").glob("*.md"))
    assert len(articles) == 60
    tags, categories, years = Counter(), set(), set()
    for path in articles:
        meta, body = metadata(path)
        assert set(meta) == {"Title", "Date", "Category", "Tags", "Slug", "Lang", "Summary"}, path
        assert meta["Lang"] == "fr" and path.stem == meta["Slug"]
        article_tags = meta["Tags"].split(", ")
        assert 3 <= len(set(article_tags)) == len(article_tags) <= 5
        tags.update(article_tags)
        categories.add(meta["Category"])
        years.add(int(meta["Date"][:4]))
        assert MIN_WORDS <= len(body.split()) <= MAX_WORDS, path
    assert categories <= set(french_words.CATEGORIES) and len(categories) == 3
    assert min(years) >= 2014 and max(years) <= 2023 and len(years) >= 6
    # Popular tags recur, as on a real blog: related posts need shared tags.
    assert tags.most_common(1)[0][1] >= 5
    text = "\n".join(p.read_text(encoding="utf-8") for p in articles)
    for markdown in ("\n## ", "\n- ", "](https://", "*", "{filename}/articles/", "« ", " ?"):
        assert markdown in text, markdown
    assert re.search(r"[éèàçù]", text)


def test_pages_exist_for_the_theme_links(corpus):
    assert sorted(p.name for p in (corpus / "pages").iterdir()) == ["a-propos.md", "confidentialite.md"]
    for path in (corpus / "pages").iterdir():
        meta, _ = metadata(path)
        assert meta["Slug"] == path.stem and meta["Lang"] == "fr"


def test_comments_are_valid_threads_in_the_store_format(corpus):
    slugs = {p.stem for p in (corpus / "articles").glob("*.md")}
    comments = {}
    for folder in (corpus / "comments").iterdir():
        assert folder.name in slugs
        thread = {p.stem: read_comment(p) for p in folder.glob("*.md")}  # raises on any defect
        for comment in thread.values():
            assert comment.parent is None or comment.parent in thread
            depth, node = 1, comment
            while node.parent:
                depth, node = depth + 1, thread[node.parent]
                assert node.date <= comment.date
            assert depth <= MAX_DEPTH
            comments[comment.id] = (comment, depth)
    assert len(comments) == 400
    found = [c for c, _ in comments.values()]
    assert max(depth for _, depth in comments.values()) == MAX_DEPTH
    assert any(c.by_author and c.parent for c in found)
    assert not any(c.by_author and c.parent is None for c in found)
    assert 0.1 < sum(c.website is not None for c in found) / len(found) < 0.5
    assert any(c.format == "html" for c in found) and any(c.format == "markdown" for c in found)
    assert any("](http" in c.body for c in found) and any(len(c.body) > 600 for c in found)
    assert any(len(c.body) < 150 for c in found)


def test_the_cli_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("à garder", encoding="utf-8")
    assert main(["--posts", "2", "--comments", "3", str(tmp_path)]) == 2
    assert "n’est pas vide" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_project_builds_the_corpus_without_a_warning(tmp_path):
    content = tmp_path / "content"
    generate(content, posts=12, comments=60, seed=3)
    output = tmp_path / "output"
    run_pelican(content, output)  # --fatal warnings
    for path in (content / "articles").glob("*.md"):
        meta, _ = metadata(path)
        page = output / meta["Date"][:4] / meta["Date"][5:7] / meta["Slug"] / "index.html"
        html = page.read_text(encoding="utf-8")
        for comment_file in (content / "comments" / meta["Slug"]).glob("*.md"):
            comment = read_comment(comment_file)
            if not comment.is_mention:
                assert f'id="comment-{comment.id}"' in html, (page, comment.id)
    assert (output / "a-propos" / "index.html").exists()
