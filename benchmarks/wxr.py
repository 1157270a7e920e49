"""Generate a WordPress WXR 1.2 export of N comments (for the import tests and benchmarks).

    python benchmarks/wxr.py 50000 /tmp/big.xml

`write_blog` writes a whole blog instead: posts with bodies (paragraphs, a
heading, a list, a [caption]ed image of the uploads, links to other posts by
permalink and by ?p=ID), categories and tags, and their comments; and an
uploads folder holding the images (the import copies them, never decodes them).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Blog</title>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>lionel</wp:author_login>
<wp:author_display_name>Lionel Boscher</wp:author_display_name></wp:author>
"""
WORDS = ["marketing", "médias", "sociaux", "entreprise", "réseau", "stratégie", "client", "contenu", "visibilité", "temps", "budget", "Twitter", "LinkedIn", "agence", "retour", "investissement"]


def comment_xml(cid: int, parent: int, approved: str, user: int, rng: random.Random, body_words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(body_words))
    return f"""<wp:comment>
<wp:comment_id>{cid}</wp:comment_id>
<wp:comment_author><![CDATA[Lecteur {cid % 997}]]></wp:comment_author>
<wp:comment_author_email>lecteur{cid % 997}@example.org</wp:comment_author_email>
<wp:comment_author_url>https://example.org/{cid % 997}/</wp:comment_author_url>
<wp:comment_author_IP>192.0.2.{cid % 250}</wp:comment_author_IP>
<wp:comment_date>2013-05-02 14:03:00</wp:comment_date>
<wp:comment_date_gmt>2013-05-02 12:03:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{body}

Deuxième paragraphe, ligne une.
ligne deux.]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved>
<wp:comment_type></wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent>
<wp:comment_user_id>{user}</wp:comment_user_id>
</wp:comment>
"""


def _write_comments(out, rng: random.Random, cid: int, count: int, body_words: int) -> int:
    """`count` comments of one post after comment `cid`; returns the last id written."""
    first = cid + 1
    for _ in range(count):
        cid += 1
        parent = rng.randrange(first, cid) if cid > first and rng.random() < 0.1 else 0
        roll = rng.random()
        approved = "0" if roll < 0.05 else "spam" if roll < 0.07 else "trash" if roll < 0.08 else "1"
        user = 1 if rng.random() < 1 / 30 else 0
        out.write(comment_xml(cid, parent, approved, user, rng, body_words))
    return cid


def write_wxr(path: Path | str, comments: int, *, posts: list[tuple[str, str]] | None = None,
              seed: int = 1, body_words: int = 40) -> Path:
    """Write an export with `comments` comments spread over `posts` [(slug, title)], streamed to disk.

    About 1 in 10 is a reply, 1 in 20 pending, 1 in 50 spam, 1 in 100 in the trash,
    1 in 30 by the blog's author (user id 1).
    """
    rng = random.Random(seed)
    posts = posts or [(f"article-{n}", f"Article numéro {n}") for n in range(max(1, comments // 50))]
    path = Path(path)
    per_post = -(-comments // len(posts))
    cid = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for number, (slug, title) in enumerate(posts, start=1):
            if cid >= comments:
                break
            out.write(f"<item><title>{escape(title)}</title><link>https://blog.example/{slug}/</link>\n"
                      f"<dc:creator>lionel</dc:creator><wp:post_id>{number}</wp:post_id>"
                      f"<wp:post_name>{slug}</wp:post_name><wp:post_type>post</wp:post_type>\n")
            cid = _write_comments(out, rng, cid, min(per_post, comments - cid), body_words)
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")
    return path


def _body(number: int, posts: int, rng: random.Random) -> str:
    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."

    other = rng.randrange(1, posts + 1)
    paragraphs = [" ".join(sentence() for _ in range(4)) for _ in range(5)]
    return (
        f"{paragraphs[0]}\n\n{paragraphs[1]}\n\n<!--more-->\n\n<h2>Ce qu’il faut retenir</h2>\n\n"
        f"[caption id=\"attachment_{number}\" align=\"aligncenter\" width=\"300\"]"
        f"<img src=\"https://blog.example/wp-content/uploads/2013/05/image-{number % 100}-300x200.jpg\" "
        f"alt=\"Illustration {number}\" width=\"300\" height=\"200\"> Légende de l’image {number}[/caption]\n\n"
        f"{paragraphs[2]} Voir <a href=\"https://blog.example/2013/05/02/article-{other}/\">cet article</a> "
        f"et <a href=\"https://blog.example/?p={other}\">celui-ci</a>.\n\n"
        f"<ul>\n<li>{sentence()}</li>\n<li>{sentence()}</li>\n</ul>\n\n{paragraphs[3]}\n\n{paragraphs[4]}"
    )


def write_blog(path: Path | str, uploads: Path | str, posts: int, comments: int, *, seed: int = 1) -> Path:
    """A whole blog's export: `posts` posts with bodies and `comments` comments, and its uploads folder."""
    rng = random.Random(seed)
    uploads = Path(uploads)
    folder = uploads / "2013" / "05"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(100):
        # Bytes that stand for a photo: the import copies files, it never decodes them.
        (folder / f"image-{number}.jpg").write_bytes(b"\xff\xd8\xff\xe0" + rng.randbytes(20_000))
    path = Path(path)
    per_post = -(-comments // max(posts, 1))
    cid = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD.replace("<channel>\n", "<channel>\n<link>https://blog.example</link>\n"
                               "<wp:base_blog_url>https://blog.example</wp:base_blog_url>\n"))
        for number in range(1, posts + 1):
            slug = f"article-{number}"
            day = 1 + number % 28
            out.write(
                f"<item><title>Article numéro {number}</title><link>https://blog.example/2013/05/02/{slug}/</link>\n"
                f"<dc:creator>lionel</dc:creator><content:encoded><![CDATA[{_body(number, posts, rng)}]]>"
                f"</content:encoded>\n<wp:post_id>{number}</wp:post_id>"
                f"<wp:post_date_gmt>2013-05-{day:02d} 08:00:00</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>"
                f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="marketing"><![CDATA[Marketing]]></category>'
                f'<category domain="post_tag" nicename="tag-{number % 40}"><![CDATA[Étiquette {number % 40}]]></category>\n'
            )
            cid = _write_comments(out, rng, cid, min(per_post, comments - cid), 40)
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")
    return path


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    target = sys.argv[2] if len(sys.argv) > 2 else "wxr-export.xml"
    print(write_wxr(target, count))
