"""Text analysis: HTML to plain text, then French words to stemmed term counts."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

from .stopwords import FRENCH_STOP_WORDS

# Letters only (accents included): digits, apostrophes and hyphens split words,
# so "l’entreprise" gives "l" and "entreprise".
_WORD = re.compile(r"[^\W\d_]+")
# Elements whose text is not prose about the subject.
_SKIPPED = frozenset({"script", "style", "pre", "code", "template", "noscript"})


# Skipped elements with their content, comments, then any other tag. The HTML
# is the Markdown reader's output (well-formed), so a regular expression reads
# it as html.parser would, ten times faster.
_SKIPPED_RE = re.compile(
    r"<(" + "|".join(sorted(_SKIPPED)) + r")\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I
)
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>|<![^>]*>|<\?[^>]*>")


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment (code and scripts left out)."""
    if not html:
        return ""
    text = _TAG_RE.sub(" ", _SKIPPED_RE.sub(" ", html))
    return unescape(text) if "&" in text else text


class Analyzer:
    """Turns French text into {stem: count}, dropping stop words and short words.

    Stems are memoised per distinct word: a corpus has far fewer distinct words
    than tokens, so stemming costs almost nothing after the first documents.
    """

    def __init__(self, min_word_length: int = 3) -> None:
        self.min_word_length = min_word_length
        self._stemmer = None  # made on first use: a build whose texts are all cached never needs it
        # word -> stem, or None for a dropped word.
        self._memo: dict[str, str | None] = {}

    def _stem(self, word: str) -> str | None:
        if len(word) < self.min_word_length or word in FRENCH_STOP_WORDS:
            return None
        if self._stemmer is None:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer("french")
        return self._stemmer.stemWord(word)

    def terms(self, text: str) -> dict[str, int]:
        """Stem counts of `text` (plain text, any case), in order of first use."""
        tokens = _WORD.findall(text.lower())
        memo = self._memo
        for word in set(tokens).difference(memo):
            memo[word] = self._stem(word)
        # Counting runs in C over the mapped tokens; dropped words count as None.
        counts = Counter(map(memo.__getitem__, tokens))
        counts.pop(None, None)
        return dict(counts)
