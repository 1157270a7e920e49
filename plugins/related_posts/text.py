"""Text analysis: HTML to plain text, then French words to stemmed term counts."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import snowballstemmer

from .stopwords import FRENCH_STOP_WORDS

# Letters only (accents included): digits, apostrophes and hyphens split words,
# so "l’entreprise" gives "l" and "entreprise".
_WORD = re.compile(r"[^\W\d_]+")
# Elements whose text is not prose about the subject.
_SKIPPED = frozenset({"script", "style", "pre", "code", "template", "noscript"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment (code and scripts left out)."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    return " ".join(parser.parts)


class Analyzer:
    """Turns French text into {stem: count}, dropping stop words and short words.

    Stems are memoised per distinct word: a corpus has far fewer distinct words
    than tokens, so stemming costs almost nothing after the first documents.
    """

    def __init__(self, min_word_length: int = 3) -> None:
        self.min_word_length = min_word_length
        self._stemmer = snowballstemmer.stemmer("french")
        # word -> stem, or None for a dropped word.
        self._memo: dict[str, str | None] = {}

    def _stem(self, word: str) -> str | None:
        if len(word) < self.min_word_length or word in FRENCH_STOP_WORDS:
            return None
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
