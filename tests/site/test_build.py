"""Real Pelican builds of the project and of small sites in tmp_path: URLs,
French dates without an OS locale, pagination, feeds, discovery files, links,
and bad input that must fail the build naming the file."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest

from tests.conftest import run_pelican

SEED = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"
SEED_TITLE = re.compile(r"Média Social ou Médias Sociaux\s\? En interne ou en externe\s\?")
C_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "", "COLUMNS": "400"}
PUBLIC_URL = "https://blog.example.fr"
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def write_article(folder: Path, name: str, header: dict[str, str], body: str = "Un texte court.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    lines = [f"{key}: {value}" for key, value in header.items()]
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


def small_site(root: Path) -> Path:
    """Two articles and one page: enough for every template."""
    content = root / "content"
    write_article(content / "articles", "premier", {
        "Title": "Premier article : bonjour !", "Date": "2013-04-22 09:30",
        "Category": "Médias sociaux", "Tags": "PME, Twitter", "Author": "Lionel Boscher",
        "Slug": "premier",
    }, "Un « petit » texte ; avec de la ponctuation ?\n\n`code ? ici`")
    write_article(content / "articles", "second", {
        "Title": "Second article & <b>gras</b>", "Date": "2014-08-03 10:00",
        "Category": "Stratégie digitale", "Tags": "PME", "Author": "Lionel Boscher",
        "Slug": "second",
    })
    write_article(content / "pages", "a-propos", {"Title": "À propos", "Slug": "a-propos"})
    return content


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


class _Refs(HTMLParser):
    """Collects href/src/srcset references and element ids of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.refs.append(values[name])
        if values.get("srcset"):
            self.refs += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]


def parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(root: Path, siteurl: str = "") -> Iterator[str]:
    """Every internal reference of every page that does not resolve to a file
    of `root` (or, with a #fragment, to an element id of that file)."""
    pages = {path: parse(path) for path in html_files(root)}
    for path, refs in pages.items():
        page_url = "/" + path.relative_to(root).as_posix()
        for ref in refs.refs:
            if siteurl and ref.startswith(siteurl + "/"):
                ref = ref[len(siteurl):]
            parts = urlsplit(urljoin(page_url, ref))
            if parts.scheme or parts.netloc:
                continue  # another site, mailto:, a feed reader's absolute link
            target = root / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                yield f"{page_url}: {ref} -> missing {target.relative_to(root)}"
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if parts.fragment not in ids:
                    yield f"{page_url}: {ref} -> no id {parts.fragment!r}"


# --- the project's own site -------------------------------------------------

def test_seed_article_keeps_its_wordpress_permalink(site):
    found = list(site.glob(f"[0-9][0-9][0-9][0-9]/[0-9][0-9]/{SEED}/index.html"))
    assert len(found) == 1, found
    html = found[0].read_text(encoding="utf-8")
    assert SEED_TITLE.search(html)
    assert "32 heures par mois" in html
    assert '<html lang="fr">' in html
    for anchor in ('id="respond"', 'class="share"', 'rel="canonical"', 'property="og:title"'):
        assert anchor in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "BlogPosting" and SEED_TITLE.fullmatch(data["headline"])
    assert data["author"]["name"] == "Lionel Boscher" and data["datePublished"].startswith("2013-04-22")


def test_taxonomy_and_archive_pages_have_folder_urls(site):
    for folder in ("category", "tag", "author", "archives", "category/medias-sociaux",
                   "author/lionel-boscher", "a-propos", "confidentialite"):
        assert (site / folder / "index.html").is_file(), folder
    seed = next(site.glob(f"*/*/{SEED}/index.html"))
    month, year = seed.parent.parent, seed.parent.parent.parent
    assert (month / "index.html").is_file()
    assert (year / "index.html").is_file()
    assert (site / "404.html").is_file()
    stray = [p for p in site.rglob("*.html") if p.name not in ("index.html", "404.html")]
    assert stray == [], "every page is a folder's index.html"


def test_dates_are_french(site):
    seed = next(site.glob(f"*/*/{SEED}/index.html")).read_text(encoding="utf-8")
    assert re.search(r'<time datetime="2013-04-22T[^"]+">22 avril 2013</time>', seed)
    archives = (site / "archives" / "index.html").read_text(encoding="utf-8")
    assert "Avril 2013" in archives
    for page in html_files(site):
        assert not ENGLISH_MONTHS.search(page.read_text(encoding="utf-8")), page


def test_french_typography_in_titles_and_text(site):
    seed = next(site.glob(f"*/*/{SEED}/index.html")).read_text(encoding="utf-8")
    assert "Sociaux\u202f? En interne ou en externe\u202f?</h1>" in seed
    assert "«\u202fTout connaître" in seed
    # The seed's colons, each after a no-break space (the source has plain spaces).
    assert "entreprises\u00a0: les contraintes" in seed and "présence\u00a0: notoriété" in seed
    assert "entreprises : " not in seed


def test_feeds_have_full_content_in_french(site):
    articles = list(site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    for name in ("all.atom.xml", "all.rss.xml"):
        feed = feedparser.parse((site / "feeds" / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) == min(len(articles), 20)
        seed = [e for e in feed.entries if SEED in e.link]
        assert len(seed) == 1
        assert SEED_TITLE.search(seed[0].title)
        body = seed[0].content[0].value if "content" in seed[0] else seed[0].description
        # Full content: the last paragraph of the post, not a summary.
        assert "J’écouterai volontiers votre avis" in body


def test_per_category_feeds(site):
    for category in ("medias-sociaux", "strategie-digitale"):
        for kind in ("atom", "rss"):
            feed = feedparser.parse((site / "feeds" / "category" / f"{category}.{kind}.xml").read_bytes())
            assert not feed.bozo
            assert feed.entries


def test_sitemap_and_robots(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert SEED in sitemap
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: \S*/sitemap\.xml$", robots, re.M)
    assert "User-agent: *" in robots


def test_no_localhost_in_development_pages(site):
    for page in html_files(site):
        assert "localhost" not in page.read_text(encoding="utf-8"), page


def test_every_internal_link_resolves(site):
    assert list(broken_links(site)) == []


def test_link_checker_catches_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">ko</a><a href="#x">ko</a>')
    (tmp_path / "a" / "index.html").write_text('<p id="x"><a href="../index.html#x">ko</a></p>')
    assert len(list(broken_links(tmp_path))) == 3


# --- production settings ----------------------------------------------------

@pytest.fixture
def production(production_site) -> Path:
    """The shared production build (tests/conftest.py), SITEURL=PUBLIC_URL."""
    return production_site


def test_production_build_has_absolute_urls_and_no_local_address(production):
    for path in production.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert "localhost" not in text and "127.0.0.1" not in text, path
    seed = next(production.glob(f"*/*/{SEED}/index.html"))
    html = seed.read_text(encoding="utf-8")
    url = f"{PUBLIC_URL}/{seed.parent.relative_to(production).as_posix()}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert "https%3A%2F%2Fblog.example.fr%2F" in html  # share links carry the encoded URL
    for name in ("all.atom.xml", "all.rss.xml"):
        feed = feedparser.parse((production / "feeds" / name).read_bytes())
        assert feed.entries and all(e.link.startswith(PUBLIC_URL + "/") for e in feed.entries)
    robots = (production / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLIC_URL}/sitemap.xml" in robots
    assert list(broken_links(production, PUBLIC_URL)) == []


def test_404_links_work_from_any_depth(production, site):
    prod = (production / "404.html").read_text(encoding="utf-8")
    assert f'href="{PUBLIC_URL}/archives/"' in prod
    dev = (site / "404.html").read_text(encoding="utf-8")
    refs = [r for r in parse(site / "404.html").refs if not urlsplit(r).scheme and not r.startswith("#")]
    assert refs and all(r.startswith("/") for r in refs), refs
    assert 'href="/theme/css/site.css"' in dev


# --- small sites ------------------------------------------------------------

def test_french_dates_without_any_os_locale(tmp_path):
    content = small_site(tmp_path)
    output = tmp_path / "output"
    run_pelican(content, output, env=C_LOCALE)
    article = (output / "2013" / "04" / "premier" / "index.html").read_text(encoding="utf-8")
    assert ">22 avril 2013</time>" in article
    month = (output / "2014" / "08" / "index.html").read_text(encoding="utf-8")
    assert "Archives d’août 2014" in month
    assert "3 août" in month
    assert "Premier article\u00a0: bonjour\u202f!" in article
    assert "«\u202fpetit\u202f» texte\u202f; avec de la ponctuation\u202f?" in article
    assert "<code>code ? ici</code>" in article
    second = (output / "2014" / "08" / "second" / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', second, re.S).group(1)
    assert "<" not in script and "&" not in script  # tojson escapes them
    assert json.loads(script)["headline"] == "Second article & gras"
    assert list(broken_links(output)) == []


def test_pagination_folders_never_collide(tmp_path):
    content = tmp_path / "content"
    for tag, count in (("x-4", 12), ("x-42", 11)):
        for n in range(count):
            write_article(content / "articles", f"{tag}-{n}", {
                "Title": f"Article {tag} numéro {n}", "Date": f"2015-0{1 + n % 9}-1{n % 10} 10:00",
                "Category": "Test", "Tags": tag, "Slug": f"{tag}-{n}",
            })
    output = tmp_path / "output"
    run_pelican(content, output, overrides={"DEFAULT_PAGINATION": 10})
    page2 = {tag: output / "tag" / tag / "page" / "2" / "index.html" for tag in ("x-4", "x-42")}
    assert all(p.is_file() for p in page2.values())
    x4 = page2["x-4"].read_text(encoding="utf-8")
    x42 = page2["x-42"].read_text(encoding="utf-8")
    assert x4.count('class="entry"') == 2 and "x-42" not in x4.split("<main", 1)[1]
    assert x42.count('class="entry"') == 1
    assert "Page 2 sur 2" in x4 and "Articles plus récents" in x4
    first = (output / "tag" / "x-4" / "index.html").read_text(encoding="utf-8")
    assert "Page 1 sur 2" in first and "Articles plus anciens" in first
    assert "Articles plus récents" not in first
    assert (output / "page" / "2" / "index.html").is_file()
    assert (output / "page" / "3" / "index.html").is_file()
    assert "Page 3 sur 3" in (output / "page" / "3" / "index.html").read_text(encoding="utf-8")
    assert list(broken_links(output)) == []


BAD_INPUT = {
    "malformed-date": ({"Title": "Date fausse", "Date": "2013-13-45 25:99", "Category": "Test"}, None),
    "missing-title": ({"Date": "2013-04-22 10:00", "Category": "Test"}, None),
    # One article, one category: a list is refused, and so is a second Category line.
    "category-list": ({"Title": "Deux catégories", "Date": "2013-04-22 10:00",
                       "Category": "Médias sociaux, Stratégie digitale"}, "Category"),
    "category-twice": (None, "category"),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_metadata_fails_the_build_naming_the_file(tmp_path, case):
    content = small_site(tmp_path)
    header, field = BAD_INPUT[case]
    name = f"mauvais-{case}"
    if header is None:
        path = content / "articles" / f"{name}.md"
        path.write_text("Title: Deux lignes\nDate: 2013-04-22 10:00\nCategory: A\nCategory: B\n\nTexte.\n",
                        encoding="utf-8")
    else:
        write_article(content / "articles", name, header)
    result = run_pelican(content, tmp_path / "output", check=False, env=C_LOCALE)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{name}.md" in log
    if field:
        assert field in log
    if case == "category-list":
        assert f"{name}.md:3" in log  # the line of the Category header


def test_invalid_utf8_fails_the_build_naming_the_file(tmp_path):
    content = small_site(tmp_path)
    bad = content / "articles" / "latin1.md"
    bad.write_bytes("Title: Café\nDate: 2013-04-22 10:00\nCategory: Test\n\nUn café.\n".encode("latin-1"))
    result = run_pelican(content, tmp_path / "output", check=False, env=C_LOCALE)
    assert result.returncode != 0
    assert "latin1.md" in result.stdout + result.stderr


def test_good_small_site_builds_under_c_locale_with_no_warning(tmp_path):
    # The control for the bad-input tests: the same site without the bad file passes.
    result = run_pelican(small_site(tmp_path), tmp_path / "output", env=C_LOCALE, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert os.path.isfile(tmp_path / "output" / "2013" / "04" / "premier" / "index.html")
