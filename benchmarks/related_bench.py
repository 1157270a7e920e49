"""Benchmark of the related-posts scoring core on generated French-like articles.

`python -m benchmarks.related_bench` prints the times of
`related_posts.scoring.compute_related` at 1,000, 2,500 and 5,000 articles and
the growth per doubling; `invoke bench` calls `time_related(n, repeat)`.
"cold" includes the text analysis of every article (tokenise, stop words,
stem); "warm" reuses it, as the plugin does across the rebuilds of one process
(`invoke livereload`): TF-IDF vectors, indexes and scoring only.
"""

from __future__ import annotations

import math
import random
import time
from datetime import UTC, datetime, timedelta

from related_posts.scoring import Doc, compute_related  # noqa: E402

_SYLLABLES = (  # noqa: SIM905 (a word list reads better as text)
    "ba be bi bo bou ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu "
    "ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to "
    "tu va ve vi vo ché cha chi tré pré dé ré mé té gné gnon tion sion ment eur eau ette ien"
).split()
_ENDINGS = ("", "", "s", "e", "es", "er", "ez", "ant", "é", "ée", "ions", "ent")
# The most frequent French function words, most frequent first: in real French
# prose they make up about 40 % of the words.
_STOP = (  # noqa: SIM905
    "de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se "
    "ce il sont avec ou son vous nous mais comme on ses leur y été être aux cette elle "
    "ont fait bien sans tout peut entre aussi très lui sa même ces leurs dont"
).split()


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.add(stem + rng.choice(_ENDINGS))
    return sorted(words)


def generate_docs(n: int, seed: int = 42, vocabulary: int = 5000) -> list[Doc]:
    """`n` deterministic articles of 300 to 1,200 words: 40 % function words
    (as in French prose), 45 % drawn from a Zipf-like vocabulary of `vocabulary`
    words, 15 % from the article's own theme (a slice of that vocabulary);
    3 to 5 tags out of 200 (some far more used than others), one of 3
    categories, one date a day."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, vocabulary)
    rng.shuffle(vocab)
    word_weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    stop_weights = [1.0 / (rank + 1) for rank in range(len(_STOP))]
    tags = [f"étiquette-{k}" for k in range(200)]
    tag_weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(tags))]
    categories = ["Médias sociaux", "Stratégie digitale", "Entreprise"]
    start = datetime(2010, 1, 1, 9, 0, tzinfo=UTC)
    docs = []
    for k in range(n):
        # Each article leans on a theme: a slice of the vocabulary it repeats.
        theme = rng.randrange(len(vocab) - 200)
        length = rng.randint(300, 1200)
        words = rng.choices(vocab, word_weights, k=length * 45 // 100)
        words += rng.choices(vocab[theme : theme + 200], k=length * 15 // 100)
        words += rng.choices(_STOP, stop_weights, k=length - len(words))
        rng.shuffle(words)
        doc_tags: set[str] = set()
        wanted = rng.randint(3, 5)
        while len(doc_tags) < wanted:
            doc_tags.add(rng.choices(tags, tag_weights)[0])
        docs.append(
            Doc(
                slug=f"article-{k:05d}",
                lang="fr",
                date=start + timedelta(days=k),
                tags=tuple(sorted(doc_tags)),
                category=rng.choice(categories),
                text=" ".join(words).capitalize() + ".",
            )
        )
    return docs


def time_related(n: int, repeat: int = 3) -> dict[str, float]:
    """Best-of-`repeat` seconds for `n` articles: `cold` analyses every text,
    `warm` reuses the per-text analysis."""
    docs = generate_docs(n)
    cold = warm = float("inf")
    for _ in range(repeat):
        cache: dict[str, dict[str, int]] = {}
        t0 = time.perf_counter()
        compute_related(docs, terms_cache=cache)
        t1 = time.perf_counter()
        compute_related(docs, terms_cache=cache)
        t2 = time.perf_counter()
        cold, warm = min(cold, t1 - t0), min(warm, t2 - t1)
    return {"articles": n, "cold": cold, "warm": warm}


def run(sizes: tuple[int, ...] = (1000, 2500, 5000)) -> list[dict[str, float]]:
    """Times at each size, printed as a small table; returns the rows."""
    rows = [time_related(n) for n in sizes]
    print(f"{'articles':>8} {'cold (s)':>9} {'warm (s)':>9}")
    for row in rows:
        print(f"{row['articles']:>8} {row['cold']:>9.3f} {row['warm']:>9.3f}")
    for a, b in zip(rows, rows[1:], strict=False):
        # Growth per doubling of the articles: (time ratio) ** (1 / log2(size ratio)).
        doublings = math.log2(b["articles"] / a["articles"])
        print(
            f"{a['articles']} -> {b['articles']}: per doubling, cold x"
            f"{(b['cold'] / a['cold']) ** (1 / doublings):.2f}, "
            f"warm x{(b['warm'] / a['warm']) ** (1 / doublings):.2f}"
        )
    return rows


if __name__ == "__main__":
    run()
