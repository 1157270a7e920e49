"""French-looking prose from the shipped word list: noun phrases, sentences, titles.

Everything is drawn from one `random.Random`, so a seed gives the same text.
"""

from __future__ import annotations

import random
import re

from unidecode import unidecode

from . import french_words as fw

VOWELS = tuple("aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ")


def plural(word: str) -> str:
    """A good-enough French plural for the vocabulary of french_words."""
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al") and word not in ("festival", "récital"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "eu")):
        return word + "x"
    return word + "s"


def capitalize(text: str) -> str:
    """Upper-case the first letter only ("l'équipe" -> "L'équipe")."""
    return text[:1].upper() + text[1:]


def slugify(text: str, limit: int = 70) -> str:
    """An ASCII slug as Pelican would make one, cut at a word boundary."""
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


class Prose:
    """Generates noun phrases, sentences, paragraphs and titles."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.nouns_f = fw.words(fw.NOUNS_F)
        self.nouns = [(n, "m") for n in fw.words(fw.NOUNS_M)] + [(n, "f") for n in self.nouns_f]
        self.verbs = fw.words(fw.VERBS)
        self.infinitives = fw.words(fw.INFINITIVES)
        self.adverbs = fw.words(fw.ADVERBS)
        # Set by the caller to allow Markdown in noun phrases (articles, comments).
        self.markup = 0.0
        self.urls: list[str] = []

    # -- building blocks -------------------------------------------------
    def url(self) -> str:
        r = self.rng
        scheme = "https" if r.random() < 0.8 else "http"
        return f"{scheme}://www.{r.choice(fw.DOMAINS)}/{r.choice(fw.URL_PATHS)}"

    def adjective(self, gender: str, number: str) -> str:
        masc, fem = self.rng.choice(fw.ADJECTIVES)
        word = fem if gender == "f" else masc
        return plural(word) if number == "p" else word

    def noun_phrase(self) -> str:
        r = self.rng
        noun, gender = r.choice(self.nouns)
        if r.random() < 0.3:
            det = r.choice(("les", "des", "vos", "nos", "ces", "leurs"))
            phrase = f"{det} {plural(noun)}"
            if r.random() < 0.4:
                phrase += " " + self.adjective(gender, "p")
        else:
            vowel = noun.startswith(VOWELS)
            kind = r.randrange(4)
            if kind == 0:
                det = "l'" if vowel else ("la " if gender == "f" else "le ")
            elif kind == 1:
                det = "une " if gender == "f" else "un "
            elif kind == 2:
                det = "cette " if gender == "f" else ("cet " if vowel else "ce ")
            else:
                det = r.choice(("votre ", "notre ", "son "))
            phrase = det + noun
            if r.random() < 0.4:
                phrase += " " + self.adjective(gender, "s")
        return self._markup(phrase)

    def _markup(self, phrase: str) -> str:
        if not self.markup:
            return phrase
        roll = self.rng.random() / self.markup
        if roll < 0.35:
            return f"*{phrase}*"
        if roll < 0.55:
            return f"**{phrase}**"
        if roll < 0.85:
            return f"[{phrase}]({self.url()})"
        if roll < 1.0:
            return f"{phrase} (`{self.rng.choice(fw.CODE_SNIPPETS)}`)"
        return phrase

    def clause(self) -> str:
        r = self.rng
        text = f"{self.noun_phrase()} {r.choice(self.verbs)}"
        if r.random() < 0.3:
            text += " " + r.choice(self.adverbs)
        text += " " + self.noun_phrase()
        if r.random() < 0.5:
            text += " " + r.choice(fw.COMPLEMENTS)
        return text

    # -- sentences ----------------------------------------------------------
    def sentence(self) -> str:
        r = self.rng
        kind = r.randrange(12)
        if kind <= 3:
            text = self.clause() + "."
            if r.random() < 0.4:
                text = r.choice(fw.OPENERS) + " " + text
        elif kind == 4:
            text = f"{self.clause()}, mais {self.clause()}."
        elif kind == 5:
            text = f"Faut-il {r.choice(self.infinitives)} {self.noun_phrase()} {r.choice(fw.COMPLEMENTS)} ?"
        elif kind == 6:
            text = (f"Il vaut mieux {r.choice(self.infinitives)} {self.noun_phrase()} "
                    f"que {r.choice(self.infinitives)} {self.noun_phrase()}.")
        elif kind == 7:
            text = f"Une règle simple : {r.choice(self.infinitives)} {self.noun_phrase()} {r.choice(fw.COMPLEMENTS)}."
        elif kind == 8:
            text = f"Comme le dit souvent un {r.choice(('client', 'confrère', 'dirigeant'))}, « {self.clause()} »."
        elif kind == 9:
            text = f"Je constate que {self.clause()} ; {self.clause()}."
        elif kind == 10:
            masc, _fem = r.choice(fw.ADJECTIVES)
            text = r.choice((f"{capitalize(masc)} donc !", f"C'est {r.choice(self.adverbs)} {masc} !"))
        else:
            text = f"Pour {r.randint(2, 95)} % des {plural(r.choice(self.nouns)[0])}, {self.clause()}."
        return capitalize(text)

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def bullet_list(self, ordered: bool = False) -> str:
        items = [self.sentence() for _ in range(self.rng.randint(3, 5))]
        return "\n".join(f"{i}. {s}" if ordered else f"- {s}" for i, s in enumerate(items, 1))

    def quote(self) -> str:
        return "> " + self.sentence()

    def heading(self) -> str:
        r = self.rng
        kind = r.randrange(3)
        if kind == 0:
            return f"Quelles {plural(r.choice(self.nouns_f))} adopter ?"
        if kind == 1:
            return f"{capitalize(r.choice(self.infinitives))} {self.plain_noun_phrase()}"
        return capitalize(self.plain_noun_phrase())

    def plain_noun_phrase(self) -> str:
        saved, self.markup = self.markup, 0.0
        try:
            return self.noun_phrase()
        finally:
            self.markup = saved

    def title(self, tag: str) -> str:
        r = self.rng
        kind = r.randrange(5)
        if kind == 0:
            return f"{capitalize(self.plain_noun_phrase())} : {r.randint(3, 10)} conseils {r.choice(fw.COMPLEMENTS)}"
        if kind == 1:
            return f"Pourquoi {self.plain_noun_phrase()} {r.choice(self.verbs)} {self.plain_noun_phrase()}"
        if kind == 2:
            return f"Comment {r.choice(self.infinitives)} {self.plain_noun_phrase()} {r.choice(fw.COMPLEMENTS)}"
        if kind == 3:
            return f"{capitalize(self.plain_noun_phrase())} ou {self.plain_noun_phrase()} ?"
        return f"{tag} : {r.choice(self.infinitives)} {self.plain_noun_phrase()}"
