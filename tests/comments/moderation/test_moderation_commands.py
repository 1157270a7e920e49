"""The author's commands, in process: queue, show, approve, reject, spam, reply, review."""

from __future__ import annotations

import io
import json
import sys

import pytest
from comments.cli.editor import reply_text
from comments.cli.review import review
from comments.core.comment_file import read_comment
from comments.importers.run import import_file
from comments.moderation import replies, states
from comments.moderation.context import Context
from comments.moderation.errors import ModerationError
from comments.moderation.lookup import split_ids
from comments.moderation.show import show, show_queue

from tests.comments.importers.import_helpers import make_content, places, with_consent

EXPORT = [
    {"id": "c-1", "post": "mon-article", "state": "approved", "author": "Anne",
     "date": "2024-01-02T10:00:00+01:00", "body": "Premier commentaire publié.", "email": "anne@example.org"},
    {"id": "c-2", "post": "mon-article", "parent": "c-1", "author": "Bob", "state": "pending",
     "date": "2024-01-03T10:00:00+01:00", "body": "Une question en attente sur votre article ?",
     "email": "bob@example.org"},
    {"id": "c-3", "post": "mon-article", "author": "Carla", "state": "pending",
     "date": "2024-01-04T10:00:00+01:00", "body": "Encore un avis.", "email": "carla@example.org"},
    {"id": "c-4", "post": "ailleurs", "author": "Dan", "state": "approved",
     "date": "2024-01-05T10:00:00+01:00", "body": "Sur un article absent."},
]


@pytest.fixture
def ctx(tmp_path):
    content = make_content(tmp_path, [("mon-article", "Mon article")])
    export = tmp_path / "export.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    queue = tmp_path / "moderation"
    import_file(export, content=content, queue_root=queue)
    with_consent(queue, EXPORT)
    return Context(content=content, queue_root=queue, author="Lionel Boscher",
                            timezone="Europe/Paris", out=io.StringIO())


def output(ctx) -> str:
    text = ctx.out.getvalue()
    ctx.out.seek(0)
    ctx.out.truncate()
    return text


def test_queue_lists_pending_with_reasons(ctx, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")  # the table fits the terminal: a wide one shows everything
    show_queue(ctx)
    text = output(ctx)
    header = text.splitlines()[0]
    for column in ("id", "article", "auteur", "date", "premiers mots", "règles"):
        assert column in header
    assert "c-2" in text and "Une question en attente" in text and "en attente dans l’export" in text
    assert "c-4" in text and "article introuvable" in text
    assert "c-1 " not in text  # published
    assert "3 commentaires en attente." in text


def test_queue_lists_other_states_and_refuses_an_unknown_one(ctx):
    states.spam(ctx, ["c-3"])
    output(ctx)
    show_queue(ctx, "spam")
    text = output(ctx)
    assert "c-3" in text and "c-2" not in text and "1 commentaire indésirable." in text
    show_queue(ctx, "approved")
    assert "1 commentaire publié." in output(ctx)  # c-4 waits: its article is missing
    with pytest.raises(ModerationError, match="état inconnu « pendng »"):
        show_queue(ctx, "pendng")


def test_show_gives_the_thread_context(ctx):
    show(ctx, "c-2")
    text = output(ctx)
    assert "Mon article" in text
    assert text.index("c-1 · Anne") < text.index("c-2 · Bob")  # the ancestor first
    assert "Une question en attente sur votre article ?" in text and "bob@example.org" in text
    show(ctx, "c-1")
    assert "Réponses" in output(ctx)


@pytest.mark.parametrize("command", ["show", "approve", "reject", "spam", "reply"])
def test_an_unknown_or_bad_id_is_a_clear_error_and_changes_nothing(ctx, command):
    before = places(ctx.content, ctx.queue_root)
    for bad in ("nope", "../c-1"):
        with pytest.raises(ModerationError) as info:
            if command == "show":
                show(ctx, bad)
            elif command == "reply":
                replies.reply(ctx, bad, "Merci")
            else:
                getattr(states, command)(ctx, ["c-3", bad])
        assert info.value.code == 1
        assert "Erreur" in info.value.message and bad in info.value.message
    assert places(ctx.content, ctx.queue_root) == before


def test_approve_reject_spam(ctx):
    states.approve(ctx, split_ids("c-2,c-3"))
    assert (ctx.content / "comments/mon-article/c-2.md").is_file()
    assert (ctx.content / "comments/mon-article/c-3.md").is_file()
    assert "en attente → publié" in output(ctx)
    known = json.loads((ctx.queue_root / "known-authors.json").read_text())
    assert len(known) == 3  # Anne (import), Bob, Carla
    states.reject(ctx, ["c-3"])
    assert (ctx.queue_root / "rejected/c-3.md").is_file()
    states.spam(ctx, ["c-3"])
    assert (ctx.queue_root / "spam/c-3.md").is_file()
    assert all(len(p) == 1 for p in places(ctx.content, ctx.queue_root).values())


def test_approve_refuses_a_comment_without_article(ctx):
    with pytest.raises(ModerationError) as info:
        states.approve(ctx, ["c-3", "c-4"])
    assert "article introuvable pour c-4" in info.value.message
    assert (ctx.queue_root / "pending/c-3.md").is_file()  # nothing changed


def test_reply_to_a_pending_comment_approves_it_first(ctx):
    new_id = replies.reply(ctx, "c-2", "Merci Bob, voici la réponse.")
    assert (ctx.content / "comments/mon-article/c-2.md").is_file()
    reply = read_comment(ctx.content / f"comments/mon-article/{new_id}.md")
    assert reply.role == "author" and reply.parent == "c-2" and reply.author == "Lionel Boscher"
    assert reply.body == "Merci Bob, voici la réponse." and reply.date.utcoffset() is not None
    states.spam(ctx, ["c-3"])
    with pytest.raises(ModerationError, match="indésirable"):
        replies.reply(ctx, "c-3", "Non")
    with pytest.raises(ModerationError, match="vide"):
        replies.reply(ctx, "c-1", "   ")


def test_reply_through_the_editor(ctx, tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\np = sys.argv[1]\ntext = open(p).read()\n"
                      "open(p, 'w').write('Réponse écrite dans l’éditeur.\\n' + text)\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    new_id = replies.reply(ctx, "c-1", reply_text(ctx, "c-1", None))
    reply = read_comment(ctx.content / f"comments/mon-article/{new_id}.md")
    assert reply.body == "Réponse écrite dans l’éditeur."  # the # help lines are dropped
    # A comment the author may not answer is refused before the editor opens.
    states.spam(ctx, ["c-3"])
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c 'open({str(tmp_path / 'ouvert')!r}, \"w\")'")
    with pytest.raises(ModerationError, match="indésirable"):
        reply_text(ctx, "c-3", None)
    assert not (tmp_path / "ouvert").exists()


def test_review_walks_the_pending_queue(ctx, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    answers = iter(["x", "é", "Merci pour la question.", "", "p", "s"])
    prompts = []

    def ask(prompt):
        prompts.append(prompt)
        return next(answers)

    review(ctx, ask)
    text = output(ctx)
    assert "[a]pprouver, [r]ejeter, [s]pam, r[é]pondre, [p]asser, [q]uitter" in prompts[0]
    assert "Choix inconnu." in text
    assert (ctx.content / "comments/mon-article/c-2.md").is_file()  # replied, so approved
    assert (ctx.queue_root / "pending/c-3.md").is_file()  # skipped
    assert (ctx.queue_root / "spam/c-4.md").is_file()
    assert "Revue terminée" in text and "1 réponse(s)" in text


def test_review_quits_on_q_or_end_of_input(ctx):
    review(ctx, lambda prompt: "q")
    assert len(list((ctx.queue_root / "pending").glob("*.md"))) == 3

    def eof(prompt):
        raise EOFError

    review(ctx, eof)
    assert len(list((ctx.queue_root / "pending").glob("*.md"))) == 3
