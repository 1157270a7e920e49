"""Write a realistic French corpus: articles, two pages and comment threads.

    python -m benchmarks.corpus --posts 1000 --comments 5000 [--seed 1] DEST

DEST becomes a content folder that pelicanconf.py builds: DEST/articles/*.md,
DEST/pages/{a-propos,confidentialite}.md and DEST/comments/<slug>/<id>.md in
the store format of DESIGN.md. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from comments.core.comment_file import format_comment  # noqa: E402
from comments.core.model import PINGBACK, Comment  # noqa: E402

from . import french_words as fw
from .prose import Prose, capitalize, slugify

PARIS = ZoneInfo("Europe/Paris")
AUTHOR = "Lionel Boscher"
START = datetime(2014, 1, 1, 8, 0)
SPAN_MINUTES = 10 * 365 * 24 * 60  # ten years of posts
MAX_DEPTH = 4
MIN_WORDS, MAX_WORDS = 300, 1200  # per article body, Markdown included

PAGES = {
    "a-propos": ("À propos", "Consultant marketing indépendant, j'accompagne les PME et les "
                 "indépendants sur les médias sociaux : stratégie, formation et animation."),
    "confidentialite": ("Confidentialité", "Ce site ne dépose aucun cookie. Les commentaires "
                        "sont modérés ; l'adresse e-mail n'est jamais publiée."),
}


@dataclass
class Article:
    slug: str
    title: str
    date: datetime


def tag_names() -> list[str]:
    """About 200 tags, the bare topics first so that they are the popular ones."""
    shapes = ["{}", "{} pour débutants", "{} en pratique", "Tendances {}", "Erreurs {}"]
    return [shape.format(root) for shape in shapes for root in fw.TAG_ROOTS]


class CorpusWriter:
    """Generates and writes one corpus; all randomness comes from `seed`."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.tags = tag_names()
        # Zipf-like popularity: a few tags on many posts, most on a few.
        self.tag_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.tags))]
        self.first = fw.words(fw.FIRST_NAMES)
        self.last = fw.words(fw.LAST_NAMES)
        self.ids: set[str] = set()

    # -- articles -------------------------------------------------------
    def pick_tags(self) -> list[str]:
        count = self.rng.randint(3, 5)
        chosen: list[str] = []
        while len(chosen) < count:
            tag = self.rng.choices(self.tags, self.tag_weights)[0]
            if tag not in chosen:
                chosen.append(tag)
        return chosen

    def article_body(self, earlier: list[Article]) -> str:
        r, p = self.rng, self.prose
        target = r.randint(MIN_WORDS, MAX_WORDS)
        p.markup = 0.06
        blocks = [p.paragraph(2, 4)]
        words = len(blocks[0].split())
        since_heading = 0
        while words < target:
            roll = r.random()
            if since_heading >= 2 and roll < 0.3:
                block = ("### " if r.random() < 0.2 else "## ") + p.heading()
                since_heading = 0
            elif roll < 0.4:
                block = p.bullet_list(ordered=r.random() < 0.3)
            elif roll < 0.45:
                block = p.quote()
            elif roll < 0.5 and earlier:
                other = r.choice(earlier)
                block = f"J'en parlais déjà dans « [{other.title}]({{filename}}/articles/{other.slug}.md) »."
            else:
                block = p.paragraph()
                since_heading += 1
            size = len(block.split())
            if words + size > MAX_WORDS:
                break
            blocks.append(block)
            words += size
        p.markup = 0.0
        return "\n\n".join(blocks)

    def article(self, slugs: set[str], earlier: list[Article]) -> tuple[Article, str]:
        r = self.rng
        tags = self.pick_tags()
        title = self.prose.title(tags[0])
        slug = base = slugify(title)
        suffix = 2
        while slug in slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        slugs.add(slug)
        date = START + timedelta(minutes=r.randrange(SPAN_MINUTES))
        summary = self.prose.sentence()
        body = self.article_body(earlier)
        text = (
            f"Title: {title}\n"
            f"Date: {date:%Y-%m-%d %H:%M}\n"
            f"Category: {r.choice(fw.CATEGORIES)}\n"
            f"Tags: {', '.join(tags)}\n"
            f"Slug: {slug}\n"
            f"Lang: fr\n"
            f"Summary: {summary}\n"
            f"\n{body}\n"
        )
        return Article(slug, title, date), text

    # -- comments -------------------------------------------------------
    def new_id(self) -> str:
        while True:
            cid = f"c{self.rng.getrandbits(36):09x}"
            if cid not in self.ids:
                self.ids.add(cid)
                return cid

    def reader_body(self, html: bool) -> str:
        r, p = self.rng, self.prose
        size = r.random()
        if size < 0.4:
            paragraphs = [f"{r.choice(fw.COMMENT_OPENERS)} {p.sentence()}"]
        elif size < 0.85:
            paragraphs = [f"{r.choice(fw.COMMENT_OPENERS)} {p.paragraph(1, 3)}", p.paragraph(1, 3)]
        else:
            paragraphs = [r.choice(fw.COMMENT_OPENERS)] + [p.paragraph() for _ in range(r.randint(2, 4))]
            if not html:
                paragraphs.insert(2, p.bullet_list() if r.random() < 0.5 else p.quote())
        if r.random() < 0.5:
            paragraphs.append(r.choice(fw.COMMENT_CLOSERS))
        if r.random() < 0.15:
            paragraphs.append(f"Voir aussi {p.url()}")  # a bare URL: linkified
        if not html:
            return "\n\n".join(paragraphs)
        out = []
        for text in paragraphs:
            roll = r.random()
            if roll < 0.1:
                text += f' <a href="{p.url()}">{p.plain_noun_phrase()}</a>'
            elif roll < 0.2:
                text = f"<strong>{text}</strong>"
            elif roll < 0.23:
                # What WordPress let through and the sanitiser must drop.
                text += r.choice((' <img src="https://www.example.com/pixel.gif" alt="">',
                                  ' <span style="color:red">!</span>',
                                  "<script>alert(1)</script>"))
            out.append(f"<p>{text}</p>")
        return "\n".join(out)

    def thread(self, article: Article, count: int) -> list[Comment]:
        r, p = self.rng, self.prose
        comments: list[Comment] = []
        depth: dict[str, int] = {}
        when = article.date.replace(tzinfo=PARIS) + timedelta(minutes=r.randint(30, 30 * 24 * 60))
        p.markup = 0.04
        for _ in range(count):
            when += timedelta(minutes=int(r.expovariate(1 / 600)) + 1)
            date = when.astimezone(PARIS).replace(second=0, microsecond=0)
            replyable = [c for c in comments if depth[c.id] < MAX_DEPTH and not c.is_mention]
            parent = r.choice(replyable) if replyable and r.random() < 0.4 else None
            if parent is not None and not parent.by_author and r.random() < 0.45:
                name = parent.author.split()[0]
                body = r.choice(fw.AUTHOR_REPLIES).format(name=name) + "\n\n" + p.paragraph(1, 3)
                comment = Comment(id=self.new_id(), author=AUTHOR, date=date, body=body,
                                  parent=parent.id, role="author")
            elif parent is None and r.random() < 0.02:
                comment = Comment(
                    id=self.new_id(), author=f"Blog {capitalize(p.plain_noun_phrase())}", date=date,
                    body=f"[…] {p.sentence()} […]", website=p.url(), type=PINGBACK,
                    source="wordpress:pingback",
                )
            else:
                html = r.random() < 0.25
                number = len(self.ids) + 1
                comment = Comment(
                    id=f"wp-{number}" if html else self.new_id(),
                    author=f"{r.choice(self.first)} {r.choice(self.last)}",
                    date=date, body=self.reader_body(html),
                    parent=parent.id if parent else None,
                    website=p.url() if r.random() < 0.3 else None,
                    source=f"wordpress:{number}" if html else None,
                    format="html" if html else "markdown",
                )
                self.ids.add(comment.id)
            depth[comment.id] = depth[parent.id] + 1 if parent else 1
            comments.append(comment)
        p.markup = 0.0
        return comments

    def comment_counts(self, posts: int, total: int) -> list[int]:
        """Spread `total` comments over posts: many posts quiet, a few busy."""
        r = self.rng
        weights = [0.0 if r.random() < 0.25 else min(r.paretovariate(1.3), 40.0) for _ in range(posts)]
        if not any(weights):
            weights = [1.0] * posts
        counts = [0] * posts
        if total and posts:
            for index in r.choices(range(posts), weights, k=total):
                counts[index] += 1
        return counts

    # -- output ---------------------------------------------------------
    def write(self, dest: Path, posts: int, comments: int) -> dict[str, int]:
        (dest / "articles").mkdir(parents=True)
        (dest / "pages").mkdir()
        (dest / "comments").mkdir()
        for slug, (title, text) in PAGES.items():
            _write(dest / "pages" / f"{slug}.md", f"Title: {title}\nSlug: {slug}\nLang: fr\n\n{text}\n")
        articles: list[Article] = []
        slugs: set[str] = set()
        for _ in range(posts):
            article, text = self.article(slugs, articles)
            _write(dest / "articles" / f"{article.slug}.md", text)
            articles.append(article)
        written = 0
        for article, count in zip(articles, self.comment_counts(posts, comments), strict=True):
            if not count:
                continue
            folder = dest / "comments" / article.slug
            folder.mkdir()
            for comment in self.thread(article, count):
                _write(folder / f"{comment.id}.md", format_comment(comment))
                written += 1
        return {"posts": len(articles), "comments": written}


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def generate(dest: Path | str, posts: int, comments: int, seed: int = 1) -> dict[str, int]:
    """Write the corpus into `dest` (created; must be empty if it exists)."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} : le dossier existe et n’est pas vide")
    dest.mkdir(parents=True, exist_ok=True)
    return CorpusWriter(seed).write(dest, posts, comments)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus",
        description="Écrit un corpus français réaliste (articles, pages, commentaires) dans DEST.",
    )
    parser.add_argument("dest", metavar="DEST", type=Path, help="dossier de contenu à créer (vide)")
    parser.add_argument("--posts", type=int, default=1000, help="nombre d’articles (1000)")
    parser.add_argument("--comments", type=int, default=5000, help="nombre de commentaires (5000)")
    parser.add_argument("--seed", type=int, default=1, help="graine : même graine, mêmes octets (1)")
    args = parser.parse_args(argv)
    if args.posts < 0 or args.comments < 0:
        parser.error("--posts et --comments doivent être positifs")
    if args.comments and not args.posts:
        parser.error("des commentaires demandent au moins un article")
    started = time.perf_counter()
    try:
        counts = generate(args.dest, args.posts, args.comments, args.seed)
    except FileExistsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print(f"Corpus écrit dans {args.dest} : {counts['posts']} articles, {counts['comments']} "
          f"commentaires ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
