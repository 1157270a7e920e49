"""End to end on a real build: import, queue, approve, reply, build; the reply is nested and by-author."""

from __future__ import annotations

import io

from comments.cli.imports import import_export
from comments.moderation import replies, states
from comments.moderation.context import Context
from comments.moderation.show import show_queue
from lxml import html as lxml_html

from tests.comments.importers.import_helpers import make_content
from tests.conftest import run_pelican

SLUG = "mon-article"
WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<item><title>Mon article</title><link>https://ancien.example/2013/04/mon-article/</link>
<dc:creator>lionel</dc:creator><wp:post_name>mon-article</wp:post_name>
<wp:comment><wp:comment_id>101</wp:comment_id><wp:comment_author>Xavier</wp:comment_author>
<wp:comment_author_email>xavier@example.org</wp:comment_author_email>
<wp:comment_author_IP>203.0.113.7</wp:comment_author_IP>
<wp:comment_date_gmt>2013-04-23 08:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Bel article.

Merci !]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id></wp:comment>
<wp:comment><wp:comment_id>102</wp:comment_id><wp:comment_author>Yvonne</wp:comment_author>
<wp:comment_author_email>yvonne@example.org</wp:comment_author_email>
<wp:comment_author_IP>203.0.113.8</wp:comment_author_IP>
<wp:comment_date_gmt>2013-04-24 08:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Une question restée en attente.]]></wp:comment_content>
<wp:comment_approved>0</wp:comment_approved><wp:comment_parent>101</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id></wp:comment>
</item></channel></rss>
"""


def test_import_queue_approve_reply_build(tmp_path):
    content = make_content(tmp_path, [(SLUG, "Mon article")])
    export = tmp_path / "export.xml"
    export.write_text(WXR, encoding="utf-8")
    ctx = Context(content=content, queue_root=tmp_path / "moderation", author="Lionel Boscher",
                           timezone="Europe/Paris", out=io.StringIO())
    import_export(ctx, str(export))
    show_queue(ctx)
    assert "wp-102" in ctx.out.getvalue()
    states.approve(ctx, ["wp-102"])
    reply_id = replies.reply(ctx, "wp-102", "Merci Yvonne, je vous réponds ici.")

    output = tmp_path / "output"
    run_pelican(content, output)
    page = (output / "2013/04" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "203.0.113" not in page and "@example.org" not in page
    tree = lxml_html.fromstring(page)
    first = tree.get_element_by_id("comment-wp-101")
    second = tree.get_element_by_id("comment-wp-102")
    reply = tree.get_element_by_id(f"comment-{reply_id}")
    assert second in first.iterdescendants()  # threads nest
    assert reply in second.iterdescendants()
    assert "by-author" in reply.get("class", "").split()
    assert "Merci Yvonne, je vous réponds ici." in reply.text_content()
    assert "by-author" not in second.get("class", "").split()
    every = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*") if p.is_file())
    assert "xavier@example.org" not in every and "203.0.113.7" not in every
