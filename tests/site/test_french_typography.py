"""french.typography: no-break spaces in text nodes only, idempotent."""

from __future__ import annotations

import html
import re

import pytest
from french.typography import NBSP, NNBSP, french_typography
from hypothesis import example, given
from hypothesis import strategies as st


@pytest.mark.parametrize(("source", "expected"), [
    ("Sociaux ? En interne ?", f"Sociaux{NNBSP}? En interne{NNBSP}?"),
    ("Bonjour : voici", f"Bonjour{NBSP}: voici"),
    ("oui ! 1", f"oui{NNBSP}! 1"),
    ("a ; b", f"a{NNBSP}; b"),
    # Missing spaces are inserted when the mark ends a clause.
    ("Pourquoi? Parce que!", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
    ("Note: la suite", f"Note{NBSP}: la suite"),
    ("Quoi?!", f"Quoi{NNBSP}?!"),
    # Wrong no-break spaces become the right one.
    (f"Titre{NNBSP}: sous-titre{NBSP}?", f"Titre{NBSP}: sous-titre{NNBSP}?"),
    ("«mot»", f"«{NNBSP}mot{NNBSP}»"),
    ("« mot »", f"«{NNBSP}mot{NNBSP}»"),
    (f"«{NBSP}mot{NBSP}»", f"«{NNBSP}mot{NNBSP}»"),
    # Never broken: times, URLs, a?b, text ending with a URL.
    ("à 10:30 précises", "à 10:30 précises"),
    ("voir http://exemple.fr/a?b=1 et https://x.fr/p?", "voir http://exemple.fr/a?b=1 et https://x.fr/p?"),
    ("a?b", "a?b"),
    ("mailto:contact@exemple.fr", "mailto:contact@exemple.fr"),
    ("", ""),
])
def test_text_rules(source, expected):
    assert french_typography(source) == expected


@pytest.mark.parametrize("tag", ["code", "pre", "kbd", "samp", "script", "style"])
def test_literal_elements_are_untouched(tag):
    source = f"<p>Texte :</p><{tag}>a ? b : c « d »</{tag}><p>fin !</p>"
    assert french_typography(source) == (
        f"<p>Texte{NBSP}:</p><{tag}>a ? b : c « d »</{tag}><p>fin{NNBSP}!</p>"
    )


def test_nested_literal_elements():
    source = "<pre><code>x ? <b>y ;</b></code> z :</pre> après ?"
    assert french_typography(source) == f"<pre><code>x ? <b>y ;</b></code> z :</pre> après{NNBSP}?"


def test_attributes_and_comments_are_untouched():
    source = '<a href="http://a.fr/?q=1 : 2" title="Vraiment ?">lien</a>? <!-- a ? b --><img alt="« x »">'
    assert french_typography(source) == (
        f'<a href="http://a.fr/?q=1 : 2" title="Vraiment ?">lien</a>{NNBSP}? <!-- a ? b --><img alt="« x »">'
    )


def test_quoted_attribute_containing_a_bracket():
    source = '<span data-x="a > b ?">c ?</span>'
    assert french_typography(source) == f'<span data-x="a > b ?">c{NNBSP}?</span>'


def test_marks_across_inline_elements():
    assert french_typography("<em>vraiment</em>?") == f"<em>vraiment</em>{NNBSP}?"
    assert french_typography("«<em>mot</em>»") == f"«{NNBSP}<em>mot</em>{NNBSP}»"
    # A block boundary does not join: "?" opening a paragraph stays as it is.
    assert french_typography("<p>mot</p><p>?</p>") == "<p>mot</p><p>?</p>"


def test_entities_survive():
    assert french_typography("a &amp; b &lt;c&gt; ?") == f"a &amp; b &lt;c&gt;{NNBSP}?"
    assert french_typography("fin&nbsp;!") == f"fin{NNBSP}!"
    assert french_typography("sans ponctuation &eacute;") == "sans ponctuation &eacute;"


TAGS = re.compile(r"<[^>]*>")
SPACES = re.compile(f"[ \t{NBSP}{NNBSP}\u2009]")
fragments = st.lists(st.sampled_from([
    "mot", " ", "?", "!", ":", ";", "«", "»", "10:30", "http://a.fr/?x=1", "<em>", "</em>",
    "<p>", "</p>", "<code>", "</code>", '<a href="?q=a : b">', "</a>", "&amp;", "\u00a0", "\u202f", "\n",
]), max_size=30).map("".join)


@given(fragments)
@example("http://a.fr/?x=1»?")  # a guillemet glued to an address
def test_idempotent(source):
    once = french_typography(source)
    assert french_typography(once) == once


@given(fragments)
def test_only_spaces_change_and_tags_stay(source):
    result = french_typography(source)
    assert TAGS.findall(result) == TAGS.findall(source)
    strip = lambda s: SPACES.sub("", html.unescape(s))  # noqa: E731
    assert strip(result) == strip(source)
