"""Every slug the build publishes takes comments end to end (issue 16): capitals,
accents, dots, a leading dash. The form posts, the receiver queues, the CLI
approves, the next build shows the comment under the article, with the form."""

from __future__ import annotations

import io

import httpx
import lxml.html
from comments.intake.config import load_config
from comments.intake.server import BackgroundServer
from comments.moderation import states
from comments.moderation.context import Context

from tests.conftest import run_pelican
from tests.intake.conftest import ROOT
from tests.intake.intake_helpers import SITE, valid

SLUGS = ["Média-Été", "v1.2-notes", "-tiret", "MAJUSCULES"]


def test_unusual_slugs_take_comments_from_the_form_to_the_page(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for number, slug in enumerate(SLUGS):
        (content / "articles" / f"a{number}.md").write_text(
            f"Title: Article {number}\nDate: 2013-04-2{number} 09:30\nSlug: {slug}\nLang: fr\n\nTexte.\n",
            encoding="utf-8")
    queue = tmp_path / "moderation"
    config = load_config(ROOT / "pelicanconf.py", queue=queue, rate_limit=0,
                         overrides={"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})
    with BackgroundServer(config) as server:
        for slug in SLUGS:
            answer = httpx.post(server.url + "/comment", data=valid(post=slug, body=f"Sur {slug} !"),
                                headers={"Origin": SITE})
            assert answer.status_code == 303, answer.text
    ctx = Context(content=content, queue_root=queue, author="Lionel", timezone="Europe/Paris",
                           out=io.StringIO())
    pending = sorted(p.stem for p in (queue / "pending").glob("*.md"))
    assert len(pending) == len(SLUGS)
    states.approve(ctx, pending)
    output = tmp_path / "output"
    run_pelican(content, output)  # --fatal warnings: no folder is reported as a bad slug
    for slug in SLUGS:
        [page] = [p for p in output.rglob("index.html") if p.parent.name == slug]
        doc = lxml.html.fromstring(page.read_bytes())
        assert f"Sur {slug}" in doc.get_element_by_id("comments").text_content()
        assert doc.get_element_by_id("respond").cssselect("form")


def test_every_post_the_receiver_accepts_can_be_approved_from_the_cli(tmp_path):
    """The receiver and the CLI know the same posts: a slug made from the title, a `.markdown`
    article, a hidden page open to comments (the CLI once read only `*.md` with a `Slug:`, or
    status published, and refused these as « article introuvable »)."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles" / "a.md").write_text(
        "Title: Un été au bureau\nDate: 2013-04-20 09:30\n\nTexte.\n", encoding="utf-8")
    (content / "articles" / "b.markdown").write_text(
        "Title: Deux\nDate: 2013-04-21 09:30\nSlug: deux\n\nTexte.\n", encoding="utf-8")
    (content / "pages" / "c.md").write_text(
        "Title: Cachée\nSlug: cachee\nStatus: hidden\nComments: open\n\nTexte.\n", encoding="utf-8")
    queue = tmp_path / "moderation"
    config = load_config(ROOT / "pelicanconf.py", queue=queue, rate_limit=0,
                         overrides={"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})
    slugs = ["un-ete-au-bureau", "deux", "cachee"]
    with BackgroundServer(config) as server:
        for slug in slugs:
            answer = httpx.post(server.url + "/comment", data=valid(post=slug, body=f"Sur {slug} !"),
                                headers={"Origin": SITE})
            assert answer.status_code == 303, (slug, answer.text)
    ctx = Context(content=content, queue_root=queue, author="Lionel", timezone="Europe/Paris",
                           out=io.StringIO(), pelican=config.settings)
    pending = sorted(p.stem for p in (queue / "pending").glob("*.md"))
    assert len(pending) == len(slugs)
    states.approve(ctx, pending)
    assert sorted(p.parent.name for p in (content / "comments").glob("*/*.md")) == sorted(slugs)


def test_a_page_is_a_page_when_the_article_folder_is_the_whole_content(tmp_path):
    """Pelican's default ARTICLE_PATHS [""] holds the page folder too; Pelican keeps pages apart,
    and so does the catalog (an undated page was read as an article and dropped)."""
    from comments.storage.posts import Catalog
    from pelican.settings import DEFAULT_CONFIG

    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "livre-dor.md").write_text(
        "Title: Livre d'or\nSlug: livre-dor\nComments: open\n\nSignez.\n", encoding="utf-8")
    settings = {**DEFAULT_CONFIG, "PATH": str(content), "ARTICLE_PATHS": [""], "PAGE_PATHS": ["pages"]}
    post = Catalog(settings, content / "comments").post("livre-dor")
    assert post is not None and post.comments_mode == "open" and post.url == "pages/livre-dor.html"
