"""What moving comment bodies from Python-Markdown to cmark (CommonMark, a
reader's markup as text; issue 16) changed in their HTML: nothing for ordinary comments
(the site's own, the benchmark corpus's, everyday Markdown), and exactly the
differences listed in DELIBERATE."""

from __future__ import annotations

import pytest
from comments.build.sanitiser import Sanitiser
from comments.core.comment_file import read_comment

from benchmarks.corpus import generate
from benchmarks.old_renderer import OldSanitiser
from tests.conftest import ROOT

REL = 'rel="nofollow ugc noopener noreferrer"'

# Everyday comment Markdown: the same HTML before and after.
ORDINARY = [
    "Merci pour cet article !", "Un *point* de vue **intéressant** : à creuser.",
    "Voir https://example.fr/page et [ici](http://example.org/).", "<https://example.fr/>", "un\ndeux",
    "Premier paragraphe.\n\nSecond paragraphe.", "- un\n- deux\n- trois", "* un\n* deux", "1. un\n2. deux",
    "3. trois\n4. quatre", "1. un\n\n2. deux", "- a\n\n- b", "> Une citation\n> sur deux lignes\n\nMa réponse.",
    "Du `code` ici.", "```\ncode <b>x</b>\n```", "    code indenté", "# Titre", "Titre\n=====\n\ntexte", "a  \nb",
    "---", "a@b.fr", "&amp; &nbsp; &eacute;", "mot_avec_tirets_bas", "![image](https://example.fr/i.png)",
    "[lien][1]\n\n[1]: https://example.fr/", "\\*pas italique\\*", "« Bonjour » ; ça va ?",
    "Un _soulignement_ et __gras__.", "~~barré~~", "5 * 3 = 15 et 2 * 4 = 8", "http://example.fr/a_b_c",
    "Fin.\n\n\n\n", "a < b > c", "AT&T", "[x]", "Ligne 1\n> citation sans ligne vide",
]

# body -> its new HTML, each different from the old one on purpose.
DELIBERATE = {
    # Raw HTML is off for form comments: a reader's markup is shown as text (it was passed to
    # the sanitiser, which kept <b>, <br>, <p> and dropped comments).
    "Texte <b>gras</b> et <br> saut": "<p>Texte &lt;b&gt;gras&lt;/b&gt; et &lt;br&gt; saut</p>",
    "<p>Déjà du HTML</p>": "<p>&lt;p&gt;Déjà du HTML&lt;/p&gt;</p>",
    "<!-- commentaire -->texte": "<p>&lt;!-- commentaire --&gt;texte</p>",
    # CommonMark: a list may follow a paragraph line without a blank line (it was text with <br>).
    "Liste :\n- un\n- deux": "<p>Liste :</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>",
    "Paragraphe\n1. liste sans ligne vide": "<p>Paragraphe</p>\n<ol>\n<li>liste sans ligne vide</li>\n</ol>",
    # CommonMark: `1)` starts a list too (it was text).
    "1) un\n2) deux": "<ol>\n<li>un</li>\n<li>deux</li>\n</ol>",
    # CommonMark: a sub-list nests under two spaces (Python-Markdown wanted four and flattened it).
    "- un\n  - sous-élément\n- deux": "<ul>\n<li>un\n<ul>\n<li>sous-élément</li>\n</ul>\n</li>\n<li>deux</li>\n</ul>",
    # Same structure, one newline more after the item's text.
    "- un\n    - sous-élément\n- deux": "<ul>\n<li>un\n<ul>\n<li>sous-élément</li>\n</ul>\n</li>\n<li>deux</li>\n</ul>",
    # CommonMark: a backslash before a newline is a line break (the backslash was shown).
    "ligne\\\nsuite": "<p>ligne<br>\nsuite</p>",
    # Every "<" but an autolink's is text: a backslash before it is shown too, and an address in
    # angle brackets is not a link's (the first was bold raw HTML, the second a link dropped to "a").
    "\\<b>": "<p>\\&lt;b&gt;</p>",
    "[a](<b c>)": "<p>[a](&lt;b c&gt;)</p>",
    # CommonMark keeps an autolink's text as written, scheme included.
    "<mailto:a@b.fr>": f'<p><a href="mailto:a@b.fr" {REL}>mailto:a@b.fr</a></p>',
}


@pytest.fixture(scope="module")
def pipelines() -> tuple[OldSanitiser, Sanitiser]:
    return OldSanitiser(), Sanitiser()


def test_everyday_markdown_renders_as_before(pipelines):
    old, new = pipelines
    changed = [body for body in ORDINARY if old.sanitise(body) != new.sanitise(body)]
    assert changed == []


@pytest.mark.parametrize("body", list(DELIBERATE))
def test_each_listed_difference_is_the_one_intended(pipelines, body):
    old, new = pipelines
    assert new.sanitise(body) == DELIBERATE[body]
    assert old.sanitise(body) != DELIBERATE[body]


def test_the_sites_comments_and_the_benchmark_corpus_render_as_before(pipelines, tmp_path):
    old, new = pipelines
    generate(tmp_path / "corpus", posts=20, comments=300, seed=1)
    paths = [*(ROOT / "content" / "comments").rglob("*.md"), *(tmp_path / "corpus" / "comments").rglob("*.md")]
    comments = [read_comment(path) for path in paths]
    markdown = [c for c in comments if c.format == "markdown"]
    assert len(markdown) > 150  # the corpus writes mostly Markdown comments, lists and quotes included
    assert any("\n- " in c.body for c in markdown) and any("\n> " in c.body for c in markdown)
    changed = [c.path for c in comments if old.sanitise(c.body, c.format) != new.sanitise(c.body, c.format)]
    assert changed == []
