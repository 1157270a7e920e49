"""The private queue holds e-mail addresses: every file under it is mode 600 and
every folder 700, whatever the umask, on every path that writes there (import,
receiver, moderation commands) (issue 16)."""

from __future__ import annotations

import io
import os
import stat
from datetime import UTC, datetime

import pytest
from comments.core.model import Comment
from comments.core.settings import comments_settings
from comments.importers.run import import_file
from comments.intake.filing import Filer
from comments.moderation import replies, states
from comments.moderation.context import Context

from tests.comments.importers.import_helpers import make_content

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel>
<item><title>Mon article</title><wp:post_name>mon-article</wp:post_name>
""" + "".join(f"""<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_author>Anne {n}</wp:comment_author>
<wp:comment_author_email>anne{n}@example.org</wp:comment_author_email>
<wp:comment_date_gmt>2013-05-02 12:0{n}:00</wp:comment_date_gmt><wp:comment_content>Texte {n}</wp:comment_content>
<wp:comment_approved>{state}</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
""" for n, state in ((1, "0"), (2, "0"), (3, "spam"), (4, "1"))) + "</item></channel></rss>\n"


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def modes(root):
    files = {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*") if p.is_file()}
    folders = {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]
               if p.is_dir()}
    return files, folders


def test_every_queue_file_is_600_and_every_folder_700(tmp_path, umask):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    queue = tmp_path / "moderation"
    export = tmp_path / "export.xml"
    export.write_text(WXR, encoding="utf-8")
    import_file(export, content=content, queue_root=queue)
    # The receiver's path, with a reader who asked for replies.
    settings = comments_settings({})
    filer = Filer(queue, content, settings, lambda cid: False, author="Lionel")
    filer.file(Comment(id="c-1", author="Marie", date=datetime(2026, 11, 2, tzinfo=UTC), body="Bonjour",
                       post="mon-article", email="marie@example.fr"))
    filer.file(Comment(id="c-2", author="Robot", date=datetime(2026, 11, 2, tzinfo=UTC), body="Achetez",
                       post="mon-article"), honeypot=True)
    # The moderation commands: a move to rejected/, a reply that approves (subscribers, known authors).
    ctx = Context(content=content, queue_root=queue, author="Lionel", timezone="Europe/Paris",
                           out=io.StringIO())
    states.reject(ctx, ["wp-2"])
    replies.reply(ctx, "c-1", "Merci Marie.")
    files, folders = modes(queue)
    assert {"pending", "spam", "rejected"} <= set(folders)
    assert any("@" in (queue / name).read_text(encoding="utf-8") for name in files)  # addresses are there
    assert {name: mode for name, mode in files.items() if mode != 0o600} == {}
    assert {name: mode for name, mode in folders.items() if mode != 0o700} == {}
