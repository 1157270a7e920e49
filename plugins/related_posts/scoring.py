"""The scoring core: related articles from light records, without Pelican.

Input is a list of `Doc` (slug, lang, date, tags, category, plain text).
For each document, the `count` best other documents of the same language, by

    score = tags_weight     * sum of idf(t) over shared tags t
          + category_weight * (same category)
          + text_weight     * cosine(TF-IDF vectors of the stemmed texts)

with idf(t) = ln(1 + n/df) / ln(1 + n), in ]0, 1], so a rare shared tag
weighs more than a common one. Ties: higher score, then newer date, then slug.

Scores are accumulated through inverted indexes (term -> documents,
tag -> documents, category -> documents), so only pairs that share something
are ever looked at. The work per document is bounded (`max_postings` per term,
`max_lookups` per document, `max_tag_postings` per tag before a tag counts as
common and is checked by set lookups on the candidates instead): the total is
linear in the number of documents. When no bound is reached the result is
exact; beyond, the candidates of each document are the ones its most
informative terms and rarer tags point to (on generated corpora, the same lists
as without bounds up to a few hundred documents).

Text analysis (tokenise, drop stop words, stem: see text.Analyzer) is the
costly part; `compute_related` memoises it per text (by digest) in `terms_cache`.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from itertools import compress
from operator import itemgetter, mul

from .settings import RelatedPosts
from .text import Analyzer


@dataclass(frozen=True, slots=True)
class Doc:
    """One published article, as the scoring needs it.

    `date` values must be comparable across the documents (all aware or all
    naive); `text` is plain text (strip HTML first: see text.html_to_text).
    `key`, when set, names the text in `terms_cache` instead of
    `text_key(text)`; `text` is then read only if the cache lacks the key.
    """

    slug: str
    lang: str
    date: datetime
    tags: tuple[str, ...] = ()
    category: str = ""
    text: str = ""
    key: str = ""


def compute_related(
    docs: Iterable[Doc],
    settings: RelatedPosts | None = None,
    *,
    terms_cache: MutableMapping[str, TermCounts] | None = None,
) -> dict[str, list[str]]:
    """{slug: [related slugs, most related first]} for every document.

    `settings`: the RELATED_POSTS setting (None: its defaults). `terms_cache`
    maps `text_key(text)` to the text's term counts (see `term_counts`); pass
    the same mapping again, or a persisted one, and unchanged texts are not
    analysed twice.
    """
    conf = settings or RelatedPosts()
    analyzer = Analyzer(conf.min_word_length)
    cache = terms_cache if terms_cache is not None else {}
    by_lang: dict[str, list[Doc]] = {}
    for doc in sorted(docs, key=lambda d: d.slug):
        by_lang.setdefault(doc.lang, []).append(doc)
    result: dict[str, list[str]] = {}
    for group in by_lang.values():
        counts = []
        for doc in group:
            key = doc.key or text_key(doc.text)
            found = cache.get(key)
            if found is None:
                found = cache[key] = term_counts(analyzer.terms(doc.text))
            counts.append(found)
        result.update(_rank_group(group, counts, conf))
    return result


def text_key(text: str) -> str:
    """A text's key in `terms_cache`: a digest, so a cache never holds the texts."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


# One text's analysis, compact: (terms, their counts), in the same order. Two
# tuples of shared strings and small ints take a third of the memory of a
# {term: weight} dict of floats (1,000 articles: ~4 MB instead of ~11 MB).
TermCounts = tuple[tuple[str, ...], tuple[int, ...]]


def term_counts(counts: Mapping[str, int]) -> TermCounts:
    """The form `terms_cache` keeps an analysis in."""
    return tuple(counts.keys()), tuple(counts.values())


class _SublinearTable(dict):
    """count -> 1 + ln(count), computed once per distinct count (a few dozen)."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1.0 + math.log(count)
        return value


_SUBLINEAR = _SublinearTable()


def _sublinear(counts: tuple[int, ...]) -> map:
    """Sublinear term frequency, 1 + ln(count), looked up in C."""
    return map(_SUBLINEAR.__getitem__, counts)


def _text_index(
    analyses: list[TermCounts], conf: RelatedPosts
) -> tuple[list[list[tuple[str, float]]], dict[str, list[tuple[int, float]]]]:
    """(each document's top terms by TF-IDF as a unit vector [(term, weight)],
    heaviest first; the inverted index term -> [(document, weight)], heaviest
    first, at most `max_postings` long)."""
    n = len(analyses)
    df: Counter[str] = Counter()
    for terms, _ in analyses:
        df.update(terms)
    # A term in one document links nothing; one in most documents says nothing.
    limit = max(2, int(conf.max_term_share * n))
    idf = {t: (1.0 + math.log(n / k) if 2 <= k <= limit else 0.0) for t, k in df.items()}
    idf_of = idf.__getitem__
    keep = conf.terms_per_article
    vectors: list[list[tuple[str, float]]] = []
    postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, (terms, counts) in enumerate(analyses):
        # Products, selection and filtering run in C (map, sorted, compress):
        # this loop sees every (document, term) pair of the corpus.
        scored = list(map(mul, _sublinear(counts), map(idf_of, terms)))
        vector: list[tuple[str, float]] = []
        vectors.append(vector)
        if not scored:
            continue
        # Terms weighing 0 (excluded by document frequency) never pass.
        threshold = max(sorted(scored, reverse=True)[min(keep, len(scored)) - 1], 1e-12)
        mask = list(map(threshold.__le__, scored))
        top = sorted(zip(compress(scored, mask), compress(terms, mask), strict=True), reverse=True)[:keep]
        if not top:
            continue
        scale = 1.0 / math.sqrt(sum(w * w for w, _ in top))
        for w, t in top:
            w *= scale
            vector.append((t, w))
            postings[t].append((i, w))
    cap = conf.max_postings
    for p in postings.values():
        if len(p) > cap:
            p.sort(key=itemgetter(1), reverse=True)
            del p[cap:]
    return vectors, postings


def _rank_group(docs: list[Doc], analyses: list[TermCounts], conf: RelatedPosts) -> dict[str, list[str]]:
    n = len(docs)
    count = conf.count
    lookups = conf.max_lookups
    w_tags, w_cat, w_text = conf.tags_weight, conf.category_weight, conf.text_weight

    # Position in "newest first, then slug": the tie-break, as one integer.
    order = sorted(range(n), key=lambda i: docs[i].slug)
    order.sort(key=lambda i: docs[i].date, reverse=True)
    rank = [0] * n
    for position, i in enumerate(order):
        rank[i] = position

    # Tag index: tag -> documents, newest first; rarity from the full count.
    tags = [tuple(dict.fromkeys(doc.tags)) for doc in docs]
    tag_postings: dict[str, list[int]] = {}
    for i in order:
        for tag in tags[i]:
            tag_postings.setdefault(tag, []).append(i)
    log_n = math.log(1 + n)
    tag_bonus = {t: w_tags * math.log(1 + n / len(p)) / log_n for t, p in tag_postings.items()}
    # A common tag (more than `max_tag_postings` articles) weighs little: it
    # does not bring candidates (but the newest few), yet every candidate found
    # otherwise that carries it gets its bonus, through a set lookup.
    tag_cap = conf.max_tag_postings
    tag_members = {t: frozenset(p) for t, p in tag_postings.items() if len(p) > tag_cap}

    # Category index: category -> documents, newest first (fills short lists),
    # and per category the bonus each document gets from it: a candidate's
    # first score is its category bonus (`get(j, same[j])`), at no extra cost.
    categories = [doc.category for doc in docs]
    cat_postings: dict[str, list[int]] = {}
    for i in order:
        cat_postings.setdefault(categories[i], []).append(i)
    cat_bonus = {c: [w_cat if other == c else 0.0 for other in categories] for c in cat_postings}

    # Text index: term -> [(document, weight)], heaviest first, capped.
    vectors, text_postings = _text_index(analyses, conf) if w_text else ([[] for _ in docs], {})

    result: dict[str, list[str]] = {}
    for i, doc in enumerate(docs):
        scores: dict[int, float] = {}
        get = scores.get
        same = cat_bonus[categories[i]]
        # Text: dot product of unit vectors, over this document's terms, most
        # informative first, until `max_lookups` postings have been read.
        read = 0
        for t, w in vectors[i]:
            postings = text_postings[t]
            w *= w_text
            for j, wj in postings:
                scores[j] = get(j, same[j]) + w * wj
            read += len(postings)
            if read >= lookups:
                break
        # Common tags bring only their newest articles as candidates; _best
        # adds their bonus to every candidate that carries them.
        common = []
        for tag in tags[i]:
            if tag in tag_members:
                common.append((tag_members[tag], tag_bonus[tag]))
                for j in tag_postings[tag][: count + 1]:
                    if j not in scores:
                        scores[j] = same[j]
                continue
            bonus = tag_bonus[tag]
            for j in tag_postings[tag]:
                scores[j] = get(j, same[j]) + bonus
        if w_cat:
            # Short lists are filled with the newest articles of the category.
            for j in cat_postings[categories[i]][: count + 1]:
                if j not in scores:
                    scores[j] = w_cat
        scores.pop(i, None)
        result[doc.slug] = _best(scores, common, rank, count, docs)
    return result


def _best(
    scores: dict[int, float],
    common: list[tuple[frozenset[int], float]],
    rank: list[int],
    count: int,
    docs: list[Doc],
) -> list[str]:
    """The `count` best candidates once the common tags' bonuses are added:
    score, then newer, then slug."""
    if not scores or not count:
        return []
    # Common tags: C-level membership filters; only matching candidates are
    # touched in Python.
    for members, bonus in common:
        for j in list(filter(members.__contains__, scores)):
            scores[j] += bonus
    # The count-th best score, less a hair: every candidate tied with it stays.
    values = sorted(scores.values(), reverse=True)
    floor = max(values[min(count, len(values)) - 1] - 1e-9, 1e-9)
    kept = compress(scores.items(), map(floor.__le__, scores.values()))
    # Rounded so that float summation order never decides a tie.
    ranked = sorted((-round(s, 9), rank[j], j) for j, s in kept)
    return [docs[j].slug for _, _, j in ranked[:count]]
