"""The author badge on import: only a comment_user_id among the export's
<wp:author> ids grants `role: author`; a name never does (issue 16)."""

from __future__ import annotations

from comments.core.comment_file import read_comment
from comments.importers.run import import_file

from tests.comments.importers.import_helpers import make_content

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>\n'
        "<wp:author><wp:author_id>1</wp:author_id><wp:author_login>lionel</wp:author_login>"
        "<wp:author_display_name>Lionel Boscher</wp:author_display_name></wp:author>\n")


def comment(cid: int, author: str, user_id: int) -> str:
    return (f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>{author}</wp:comment_author>"
            f"<wp:comment_date_gmt>2013-05-02 12:0{cid}:00</wp:comment_date_gmt>"
            f"<wp:comment_content>Commentaire {cid}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
            f"<wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>{user_id}</wp:comment_user_id>"
            "</wp:comment>\n")


def test_only_an_author_id_of_the_export_grants_the_badge(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.xml"
    export.write_text(
        HEAD + "<item><title>Mon article</title><wp:post_name>mon-article</wp:post_name>"
        "<dc:creator>lionel</dc:creator>\n"
        + comment(1, "Lionel Boscher", 7)  # a reader's account under the author's display name
        + comment(2, "Anne", 7)  # the same account, its own name
        + comment(3, "lionel", 7)  # ... the author's login
        + comment(4, "Lionel Boscher", 0)  # no account
        + comment(5, "Lionel", 1)  # the author's account, whatever the name
        + "</item></channel></rss>\n",
        encoding="utf-8",
    )
    import_file(export, content=content, queue_root=tmp_path / "moderation")
    roles = {p.stem: read_comment(p).role for p in (content / "comments" / "mon-article").glob("*.md")}
    assert roles == {"wp-1": None, "wp-2": None, "wp-3": None, "wp-4": None, "wp-5": "author"}
