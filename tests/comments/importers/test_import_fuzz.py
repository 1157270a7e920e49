"""Fuzzing: the comment-file parser and the importers raise only their documented errors."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from comments.core.comment_file import (
    PUBLIC_KEYS,
    QUEUE_KEYS,
    CommentFileError,
    format_comment,
    parse_comment,
)
from comments.importers import ImportFileError
from comments.importers.run import import_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.comments.importers.import_helpers import make_content, places

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = PUBLIC_KEYS + QUEUE_KEYS + ("bogus", "ID", "")
header_line = st.tuples(st.sampled_from(KEYS), st.text(max_size=40)).map(lambda kv: f"{kv[0]}: {kv[1]}")


@FUZZ
@given(st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400),
    st.tuples(st.lists(header_line, max_size=8), st.text(max_size=100)).map(
        lambda parts: "\n".join(parts[0]) + "\n\n" + parts[1]),
), st.booleans())
def test_parse_comment_raises_only_comment_file_error(data, queue):
    try:
        comment = parse_comment(data, Path("x.md"), queue=queue)
    except CommentFileError as exc:
        assert str(exc).startswith("x.md")
        return
    # What parses round-trips.
    assert parse_comment(format_comment(comment, queue=queue), Path("x.md"), queue=queue) == comment


text_value = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
field = st.one_of(text_value, st.sampled_from(["0", "1", "spam", "trash", "../x", "0000-00-00 00:00:00",
                                               "2013-05-02 12:03:00", "pingback", "", "12", "-1"]))


def wxr_comment(values: dict) -> str:
    return "<wp:comment>" + "".join(
        f"<wp:{key}>{escape(value)}</wp:{key}>" for key, value in values.items()) + "</wp:comment>\n"


comment_fields = st.fixed_dictionaries({
    k: field for k in ("comment_id", "comment_author", "comment_author_url", "comment_date",
                       "comment_date_gmt", "comment_content", "comment_approved", "comment_type",
                       "comment_parent", "comment_user_id")
})


def safe_import(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = make_content(root, [("mon-article", "Mon article")])
        export = root / f"export{suffix}"
        export.write_bytes(data)
        try:
            import_file(export, content=content, queue_root=root / "moderation")
        except ImportFileError as exc:
            assert export.name in str(exc)
            return
        places(content, root / "moderation")  # whatever was written parses


@FUZZ
@given(st.lists(comment_fields, max_size=4), st.sampled_from(["mon-article", "", "../x", "autre"]),
       st.binary(max_size=30), st.integers(0, 400))
def test_wordpress_importer_raises_only_import_file_error(comments, post_name, noise, cut):
    body = "".join(wxr_comment(c) for c in comments)
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:wp="http://wordpress.org/export/1.1/"><channel>'
            f"<item><title>Mon article</title><wp:post_name>{escape(post_name)}</wp:post_name>{body}</item>"
            "</channel></rss>").encode()
    safe_import(data, ".xml")
    safe_import(data[: len(data) - cut] + noise, ".xml")


@FUZZ
@given(st.lists(st.fixed_dictionaries({"dsq": field, "thread": field, "parent": field, "deleted": field,
                                       "spam": field, "date": field, "message": field, "name": field})))
def test_disqus_importer_raises_only_import_file_error(posts):
    body = "".join(
        f'<thread dsq:id="{escape(p["thread"], {chr(34): "&quot;"})}"><id>{escape(p["name"])}</id>'
        f'<link>https://x.example/{escape(p["name"])}</link><title>Mon article</title></thread>'
        f'<post dsq:id="{escape(p["dsq"], {chr(34): "&quot;"})}"><message>{escape(p["message"])}</message>'
        f'<createdAt>{escape(p["date"])}</createdAt><isDeleted>{escape(p["deleted"])}</isDeleted>'
        f'<isSpam>{escape(p["spam"])}</isSpam><author><name>{escape(p["name"])}</name></author>'
        f'<thread dsq:id="{escape(p["thread"], {chr(34): "&quot;"})}"/>'
        f'<parent dsq:id="{escape(p["parent"], {chr(34): "&quot;"})}"/></post>'
        for p in posts
    )
    data = ('<?xml version="1.0"?><disqus xmlns="http://disqus.com" '
            f'xmlns:dsq="http://disqus.com/disqus-internals">{body}</disqus>').encode()
    safe_import(data, ".xml")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | text_value | field,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text_value, children, max_size=3),
    max_leaves=10,
)
json_comment = st.fixed_dictionaries(
    {"id": field, "post": st.sampled_from(["mon-article", "autre", "../x"]), "author": field,
     "date": st.sampled_from(["2024-01-01T00:00:00+01:00", "2024-01-01", "hier"])},
    optional={"parent": field, "state": field, "body": field, "type": field, "format": field, "role": field,
              "website": field, "email": field, "extra": json_values},
)


@FUZZ
@given(st.one_of(st.lists(json_comment, max_size=4), json_values))
def test_json_importer_raises_only_import_file_error(data):
    safe_import(("[" + json.dumps(data)[1:] if isinstance(data, list) else "[" + json.dumps(data)).encode(), ".json")
