"""Hostile and broken exports: a clear French message naming file and line, exit 1, store unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from comments.cli.imports import import_export
from comments.importers import ImportFileError
from comments.importers.run import import_file
from comments.moderation.context import Context
from comments.moderation.errors import ModerationError

from tests.comments.importers.import_helpers import make_content, snapshot

ROOT = Path(__file__).resolve().parents[3]
WXR_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
RSS = '<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel>\n'


def wxr(comments: str, head: str = WXR_HEAD, doctype: str = "") -> str:
    return (f"{head}{doctype}{RSS}<item><title>Mon article</title><wp:post_name>mon-article</wp:post_name>\n"
            f"{comments}</item></channel></rss>\n")


def comment(cid="1", parent="0", body="Bonjour", approved="1") -> str:
    return (f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>Anne</wp:comment_author>\n"
            f"<wp:comment_date_gmt>2013-05-02 12:03:00</wp:comment_date_gmt>\n"
            f"<wp:comment_content><![CDATA[{body}]]></wp:comment_content>\n"
            f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent>"
            f"</wp:comment>\n")


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>\n")
XXE = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
CASES = {
    "billion-laughs": (wxr(comment(body="&lol9;"), doctype=LAUGHS).encode(), "DOCTYPE", 2),
    "external-entity": (wxr(comment(body="&xxe;"), doctype=XXE).encode(), "DOCTYPE", 2),
    "truncated": (wxr(comment() + comment("2")).encode()[:-60], "tronqué", None),
    "declared-latin1-is-utf8": (wxr(comment(body="Très bien"),
                                    head='<?xml version="1.0" encoding="ISO-8859-1"?>\n').encode(), "UTF-8", 1),
    "declared-utf8-is-latin1": (wxr(comment(body="Très bien")).encode("latin-1"), "encodage", 6),
    "unknown-encoding": (wxr(comment(), head='<?xml version="1.0" encoding="klingon"?>\n').encode(), "encodage", 1),
    "10-mb-comment": (wxr(comment(body="x" * 10_000_000)).encode(), "démesuré", 6),
    "json-path-in-id": (b'[{"id": "../x", "post": "a", "author": "A", "date": "2024-01-01T00:00:00+00:00"}]',
                        "identifiant", None),
    "json-syntax": (b'[{"id": "a",\n "post": }]', "JSON invalide", 2),
    # A lone surrogate is valid JSON but no UTF-8 text: refused naming the item and field (issue 16).
    "json-lone-surrogate": (b'[{"id": "a", "post": "a", "author": "A", "date": "2024-01-01T00:00:00+00:00"},\n'
                            b' {"id": "b", "post": "a", "author": "B\\ud800", "date": "2024-01-01T00:00:00+00:00"}]',
                            "n\u00b0 2, champ \u00ab author \u00bb : caract\u00e8re invalide", None),
    "json-unknown-key": (b'[{"id": "a", "post": "a", "author": "A", "date": "2024-01-01T00:00:00+00:00", "ip": "1"}]',
                         "clé inconnue", None),
    # The comment files' own checks and messages (core/comment_file.py), field named.
    "json-naive-date": (b'[{"id": "a", "post": "a", "author": "A", "date": "2024-01-01T00:00:00"}]',
                        "champ \u00ab date \u00bb : fuseau horaire manquant, format attendu", None),
    "json-bad-format": (b'[{"id": "a", "post": "a", "author": "A", "date": "2024-01-01T00:00:00+00:00",'
                        b' "format": "rst"}]', "champ \u00ab format \u00bb : valeurs permises : markdown, html", None),
}


@pytest.fixture
def store(tmp_path):
    """A project that already has imported comments (which must stay untouched)."""
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    queue = tmp_path / "moderation"
    good = tmp_path / "good.xml"
    good.write_text(wxr(comment("1") + comment("2", parent="1", approved="0")), encoding="utf-8")
    import_file(good, content=content, queue_root=queue)
    return content, queue


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_export_is_refused_and_changes_nothing(tmp_path, store, name, capsys):
    data, expected, line = CASES[name]
    content, queue = store
    export = tmp_path / f"{name}.{'json' if name.startswith('json') else 'xml'}"
    export.write_bytes(data)
    before = snapshot(content, queue)
    with pytest.raises(ImportFileError) as info:
        import_file(export, content=content, queue_root=queue)
    message = str(info.value)
    assert expected in message and export.name in message
    if line:
        assert info.value.line == line, message
    assert snapshot(content, queue) == before
    # The command says it in French and exits with 1.
    ctx = Context(content=content, queue_root=queue)
    with pytest.raises(ModerationError) as exit_info:
        import_export(ctx, str(export))
    assert exit_info.value.code == 1
    assert "Erreur" in exit_info.value.message and "Rien n’a été importé" in exit_info.value.message
    assert snapshot(content, queue) == before


def test_a_missing_parent_already_in_the_store_is_fine(tmp_path, store):
    content, queue = store
    export = tmp_path / "later.xml"
    export.write_text(wxr(comment("3", parent="1")), encoding="utf-8")
    summary = import_file(export, content=content, queue_root=queue)
    assert summary.count("published") == 1


def test_the_invoke_command_exits_1_with_a_french_message(tmp_path, store):
    content, queue = store
    export = tmp_path / "evil.xml"
    export.write_bytes(CASES["billion-laughs"][0])
    before = snapshot(content, queue)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "comments.import", str(export), "--content", str(content),
         "--queue", str(queue)], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "evil.xml, ligne 2" in result.stderr and "DOCTYPE" in result.stderr
    assert snapshot(content, queue) == before
