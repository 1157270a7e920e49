"""Real Pelican builds: the section on every article, links that resolve,
drafts/hidden/future posts left out, languages apart, the `related:` override."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import ROOT, run_pelican

SEED = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"


class _Related(HTMLParser):
    """Hrefs and texts of the links inside section#related-posts."""

    def __init__(self) -> None:
        super().__init__()
        self.found = False
        self.title = ""
        self.links: list[str] = []
        self._depth = 0
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("id") == "related-posts":
            self.found, self._depth = True, 1
        elif self._depth:
            if tag == "section":
                self._depth += 1
            elif tag == "a":
                self.links.append(attrs["href"])
            elif tag == "h2":
                self._in_h2 = True

    def handle_endtag(self, tag):
        if self._depth and tag == "section":
            self._depth -= 1
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        if self._in_h2:
            self.title += data


def related_of(page: Path) -> _Related:
    parser = _Related()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def header(path: Path) -> dict[str, str]:
    """The Pelican metadata lines at the top of a Markdown source."""
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


def article_page(output: Path, slug: str) -> Path:
    pages = list(output.glob(f"[0-9][0-9][0-9][0-9]/[0-9][0-9]/{slug}/index.html"))
    assert len(pages) == 1, (slug, pages)
    return pages[0]


def target_of(page: Path, href: str) -> Path:
    path = unquote(urlsplit(href).path)
    target = (page.parent / path).resolve()
    return target / "index.html" if href.endswith("/") else target


def slug_of(href: str) -> str:
    return urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]


def write_article(folder: Path, slug: str, *, date: str, tags: str, category: str = "Médias sociaux",
                  lang: str = "fr", extra: str = "", body: str = "") -> Path:
    path = folder / f"{slug}.md"
    path.write_text(
        f"Title: Article {slug}\nDate: {date}\nCategory: {category}\nTags: {tags}\nSlug: {slug}\n"
        f"Lang: {lang}\n{extra}Summary: Résumé de {slug}.\n\n"
        f"{body or 'Les médias sociaux et la PME : Twitter, LinkedIn, community management.'}\n",
        encoding="utf-8",
    )
    return path


def test_every_article_has_related_links_that_resolve(site):
    sources = sorted((ROOT / "content" / "articles").glob("*.md"))
    assert sources
    for source in sources:
        meta = header(source)
        if meta.get("status", "published") != "published":
            continue
        page = article_page(site, meta["slug"])
        related = related_of(page)
        assert related.found, f"no #related-posts in {page}"
        assert related.title.strip() == "Articles similaires"
        assert related.links, f"no related link in {page}"
        assert meta["slug"] not in {slug_of(h) for h in related.links}
        for href in related.links:
            assert target_of(page, href).is_file(), f"{page}: {href} leads nowhere"


def test_seed_article_shows_sensible_related_posts(site):
    seed = header(ROOT / "content" / "articles" / f"{SEED}.md")
    seed_tags = {t.strip() for t in seed["tags"].split(",")}
    sources = {header(p)["slug"]: header(p) for p in (ROOT / "content" / "articles").glob("*.md")}
    related = related_of(article_page(site, SEED))
    slugs = [slug_of(h) for h in related.links]
    assert len(slugs) >= 2
    for slug in slugs:
        tags = {t.strip() for t in sources[slug]["tags"].split(",")}
        # Sensible: each shares a tag with the seed besides the blog-wide
        # "Médias sociaux" (Twitter, PME, Externalisation...).
        assert len((tags & seed_tags) - {"Médias sociaux"}) >= 1, (slug, tags)


def test_excluded_posts_languages_and_override(mini_content, tmp_path):
    articles = mini_content / "articles"
    tags = "Médias sociaux, PME, Twitter, Externalisation, Community management"
    write_article(articles, "brouillon-jumeau", date="2014-01-01 10:00", tags=tags, extra="Status: draft\n")
    write_article(articles, "cache-jumeau", date="2014-01-02 10:00", tags=tags, extra="Status: hidden\n")
    write_article(articles, "futur-jumeau", date="2099-01-01 10:00", tags=tags)
    write_article(articles, "english-twin", date="2014-01-03 10:00", tags=tags, lang="en")
    write_article(articles, "english-other", date="2014-01-04 10:00", tags=tags, lang="en")
    write_article(articles, "choix-manuel", date="2014-01-05 10:00", tags="Cuisine",
                  extra="related: twitter-pour-le-consultant-independant, " + SEED + "\n")
    output = tmp_path / "output"
    run_pelican(mini_content, output)
    # README: a draft is built under /drafts/, and the sitemap leaves drafts out.
    assert (output / "drafts" / "brouillon-jumeau" / "index.html").is_file()
    assert "/drafts/" not in (output / "sitemap.xml").read_text(encoding="utf-8")

    excluded = {"brouillon-jumeau", "cache-jumeau", "futur-jumeau"}
    english = {"english-twin", "english-other"}
    for page in output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"):
        slug = page.parent.name
        linked = {slug_of(h) for h in related_of(page).links}
        assert not linked & excluded, (page, linked)
        assert slug not in linked
        if slug in english:
            assert linked == english - {slug}
        else:
            assert not linked & english, (page, linked)
    # The override: exactly these, in this order, though nothing else relates them.
    links = related_of(article_page(output, "choix-manuel")).links
    assert [slug_of(h) for h in links] == ["twitter-pour-le-consultant-independant", SEED]
    # The seed article now sees nothing of the twins but the published French ones.
    seed_links = {slug_of(h) for h in related_of(article_page(output, SEED)).links}
    assert seed_links and not seed_links & (excluded | english)


def test_unknown_override_slug_is_a_warning_naming_the_file(mini_content, tmp_path):
    write_article(mini_content / "articles", "choix-errone", date="2014-01-05 10:00", tags="PME",
                  extra="related: slug-qui-n-existe-pas\n")
    result = run_pelican(mini_content, tmp_path / "output", check=False)
    log = result.stdout + result.stderr
    assert result.returncode != 0  # --fatal warnings
    assert re.search(r"choix-errone\.md:\d+", log), log
    assert "slug-qui-n-existe-pas" in log


def test_bad_settings_stop_the_build_with_every_problem_listed(mini_content, tmp_path):
    """Checked once, at `initialized`, before any page is written; without --fatal too."""
    output = tmp_path / "output"
    result = run_pelican(mini_content, output, check=False, fatal=None, overrides={
        "RELATED_POSTS": {"cuont": 2, "text_weight": "beaucoup"}, "COMMENTS": {"depth": 0}})
    log = " ".join((result.stdout + result.stderr).split())  # the log wraps long lines
    assert result.returncode != 0
    assert "RELATED_POSTS['cuont'] : clé inconnue (vouliez-vous dire « count » ?)" in log, log
    assert "RELATED_POSTS['text_weight'] : valeur invalide 'beaucoup' (attendu : nombre positif)" in log
    assert "COMMENTS['depth'] : valeur invalide 0 (attendu : entier supérieur ou égal à 1)" in log
    assert not list(output.rglob("*.html"))


def test_count_setting_is_applied(mini_content, tmp_path):
    output = tmp_path / "output"
    run_pelican(mini_content, output, overrides={"RELATED_POSTS": {"count": 2}})
    pages = list(output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    assert pages
    assert all(1 <= len(related_of(page).links) <= 2 for page in pages)


def test_no_section_when_nothing_is_related(mini_content, tmp_path):
    # The seed article alone: nothing to relate it to, so no empty section.
    for source in (mini_content / "articles").glob("*.md"):
        if source.stem != SEED:
            source.unlink()
    output = tmp_path / "output"
    run_pelican(mini_content, output)
    page = article_page(output, SEED)
    assert not related_of(page).found
    assert "Articles similaires" not in page.read_text(encoding="utf-8")
