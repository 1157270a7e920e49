"""HTML to text and French term analysis."""

from __future__ import annotations

from related_posts.stopwords import FRENCH_STOP_WORDS
from related_posts.text import Analyzer, html_to_text


def test_html_to_text_keeps_prose_and_drops_code_and_scripts():
    html = (
        "<p>Les <em>médias</em> sociaux&nbsp;: l’&eacute;vidence.</p>"
        "<script>var tracker = 1;</script><pre><code>print('x')</code></pre><p>Fin</p>"
    )
    text = html_to_text(html)
    assert "médias" in text and "évidence" in text and "Fin" in text
    assert "tracker" not in text and "print" not in text


def test_analyzer_drops_stop_words_and_short_words_and_stems():
    terms = Analyzer().terms("Les entreprises et l’entreprise : une stratégie, des stratégies, ok.")
    assert not {"les", "et", "une", "des", "ok", "l"} & set(terms)
    # Plural and singular share one stem, counted together.
    assert sorted(terms.values()) == [2, 2]


def test_analyzer_reads_accented_words_and_ignores_case():
    terms = Analyzer().terms("Notoriété NOTORIÉTÉ notoriété")
    assert list(terms.values()) == [3]


def test_stop_words_are_lowercase_french_words():
    assert {"le", "la", "les", "et", "nous", "être", "avoir", "été"} <= FRENCH_STOP_WORDS
    assert all(word == word.lower() for word in FRENCH_STOP_WORDS)
