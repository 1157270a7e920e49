"""Imported author names lose C0/C1 controls and bidi overrides (issue 16): a name
is one line of text, whatever the export holds."""

from __future__ import annotations

import json

import pytest
from comments.core.comment_file import read_comment
from comments.core.terminal import has_unsafe_name_chars
from comments.importers.base import clean_name
from comments.importers.run import import_file

from tests.comments.importers.import_helpers import make_content

HOSTILE = "Mall\x1b]0;t\x07ory\x9b\u202e\u2066 Dupont\u2069\r\n\x85\x00"


def test_clean_name_strips_controls_and_bidi_and_keeps_letters():
    assert clean_name(HOSTILE) == "Mall]0;tory Dupont"
    assert clean_name("Ève &amp; عربي", entities=True) == "Ève & عربي"
    assert clean_name("\u202e\x1b") == "Anonyme"


@pytest.mark.parametrize("fmt", ["json", "wxr", "disqus"])
def test_each_importer_stores_a_clean_name(tmp_path, fmt):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    if fmt == "json":
        export = tmp_path / "export.json"
        export.write_text(json.dumps([{"id": "j-1", "post": "mon-article", "author": HOSTILE,
                                       "date": "2024-01-01T00:00:00+00:00", "body": "Bonjour"}]), encoding="utf-8")
    elif fmt == "wxr":
        export = tmp_path / "export.xml"
        # XML 1.0 forbids most C0 controls even as references: the C1, bidi and newline ones remain.
        name = "Mall\x9bory\u202e\u2066 Dupont\u2069\n\x85"
        export.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/">'
            "<channel><item><title>Mon article</title><wp:post_name>mon-article</wp:post_name>"
            f"<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>{name}</wp:comment_author>"
            "<wp:comment_date_gmt>2013-05-02 12:03:00</wp:comment_date_gmt><wp:comment_content>Bonjour"
            "</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment></item></channel></rss>",
            encoding="utf-8")
    else:
        export = tmp_path / "export.xml"
        name = "Mall\x9bory\u202e\u2066 Dupont\u2069\n\x85"
        export.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals">'
            '<thread dsq:id="7"><id>mon-article</id><link>https://ancien.example/mon-article/</link>'
            "<title>Mon article</title></thread>"
            f'<post dsq:id="9"><message>Bonjour</message><createdAt>2013-05-02T12:03:00Z</createdAt>'
            f"<isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>{name}</name></author>"
            '<thread dsq:id="7"/></post></disqus>', encoding="utf-8")
    import_file(export, content=content, queue_root=tmp_path / "moderation")
    stored = [*(read_comment(p) for p in (content / "comments").rglob("*.md")),
              *(read_comment(p, queue=True) for p in (tmp_path / "moderation").rglob("*.md"))]
    assert len(stored) == 1
    assert not has_unsafe_name_chars(stored[0].author) and "Dupont" in stored[0].author
