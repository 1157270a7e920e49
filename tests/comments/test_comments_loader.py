"""Reading the whole store: good comments kept, every defect a problem with its place."""

from __future__ import annotations

from datetime import UTC, datetime

from comments.core.comment_file import format_comment, parse_comment
from comments.core.model import Comment
from comments.storage.published import load_store

GOOD = "id: {id}\nauthor: A\ndate: 2013-05-02T14:03:00+02:00\n\nTexte.\n"


def write(root, relative, data):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_missing_store_is_empty(tmp_path):
    store = load_store(tmp_path / "nothing")
    assert store.by_slug == {} and store.problems == []


def test_good_comments_are_grouped_by_folder(tmp_path):
    write(tmp_path, "un/a.md", GOOD.format(id="a"))
    write(tmp_path, "un/b.md", GOOD.format(id="b"))
    write(tmp_path, "deux/c.md", GOOD.format(id="c"))
    write(tmp_path, "deux/.c.md.123.tmp", "half-written")  # an atomic write in progress
    store = load_store(tmp_path)
    assert {slug: [c.id for c in cs] for slug, cs in store.by_slug.items()} == {"un": ["a", "b"], "deux": ["c"]}
    assert store.problems == []


def test_each_defect_is_a_problem_with_path_and_line_and_the_rest_is_kept(tmp_path):
    write(tmp_path, "un/ok.md", GOOD.format(id="ok"))
    cases = {
        "un/no-header.md": ("Pas d'en-tête.\n", 1, "en-tête attendu"),
        "un/bad-date.md": ("id: bad-date\nauthor: A\ndate: hier\n\nx\n", 3, "« date »"),
        "un/bad-key.md": ("id: bad-key\nauthor: A\ndate: 2013-05-02T14:03:00+02:00\nip: 1.2.3.4\n\nx\n", 4, "« ip »"),
        "un/bad-site.md": ("id: bad-site\nauthor: A\nwebsite: ftp://x\ndate: 2013-05-02T14:03:00+02:00\n\nx\n", 3,
                           "« website »"),
        "un/bad-utf8.md": (b"id: bad-utf8\nauthor: \xe9\ndate: 2013-05-02T14:03:00+02:00\n\nx\n", 2, "UTF-8"),
        "un/wrong-name.md": (GOOD.format(id="other"), 1, "nom du fichier"),
        "un/notes.txt": ("x", None, ".md attendu"),
        "stray.md": (GOOD.format(id="stray"), None, "hors d’un dossier"),
        "Bad Folder/x.md": (GOOD.format(id="x"), None, "nom de dossier invalide"),
    }
    paths = {name: write(tmp_path, name, data) for name, (data, _, _) in cases.items()}
    store = load_store(tmp_path)
    assert [c.id for c in store.by_slug["un"]] == ["ok"]
    found = {p.path: p for p in store.problems}
    for name, (_data, line, words) in cases.items():
        problem = found[paths[name] if name != "Bad Folder/x.md" else paths[name].parent]
        assert problem.line == line, name
        assert words in problem.message, (name, problem.message)
        assert str(problem).startswith(f"{problem.path}:{line} : " if line else f"{problem.path} : ")
    assert len(store.problems) == len(cases)


def test_duplicate_id_names_both_files_and_keeps_the_first(tmp_path):
    first = write(tmp_path, "a-post/same.md", GOOD.format(id="same"))
    second = write(tmp_path, "b-post/same.md", GOOD.format(id="same"))
    store = load_store(tmp_path)
    assert [c.path for c in store.by_slug["a-post"]] == [first]
    assert store.by_slug["b-post"] == []
    (problem,) = store.problems
    assert problem.path == second and str(first) in problem.message


def test_a_reason_with_a_comma_stays_one_reason(tmp_path):
    """held: is one comma-separated line: whoever writes a comment (receiver, importer,
    moderation), a comma inside a reason must not split it."""
    comment = Comment(id="c-1", author="Ana", date=datetime(2024, 1, 2, 10, tzinfo=UTC), body="Texte.",
                      post="mon-article", held=["mot à modérer : « gratuite, vite »", "premier commentaire"])
    back = parse_comment(format_comment(comment, queue=True), tmp_path / "c-1.md", queue=True)
    assert back.held == ["mot à modérer : « gratuite\u201a vite »", "premier commentaire"]


def test_rebuilds_in_one_process_see_every_change_and_share_nothing_mutable(tmp_path):
    """The author's loop builds many times in one process; files unchanged since the last build
    are not parsed again, but an edit, a new file or a removal is always seen."""
    write(tmp_path, "un/a.md", GOOD.format(id="a"))
    gone = write(tmp_path, "un/b.md", GOOD.format(id="b"))
    for _ in range(3):  # past the first build of this process, whatever ran before
        store = load_store(tmp_path)
    [a, b] = store.by_slug["un"]
    a.body, a.path = "", None  # what the build does to free memory before writing
    edited = write(tmp_path, "un/a.md", GOOD.format(id="a").replace("Texte.", "Texte corrigé, plus long."))
    gone.unlink()
    write(tmp_path, "un/c.md", GOOD.format(id="c"))
    store = load_store(tmp_path)
    assert [(c.id, c.body) for c in store.by_slug["un"]] == [("a", "Texte corrigé, plus long."), ("c", "Texte.")]
    assert store.by_slug["un"][0].path == edited
    store.by_slug["un"][1].body = ""  # freed by that build: the next one still reads its text
    again = load_store(tmp_path)  # unchanged files: the kept parse, as a fresh copy
    assert [(c.id, c.body) for c in again.by_slug["un"]] == [("a", "Texte corrigé, plus long."), ("c", "Texte.")]
    assert again.by_slug["un"][0] is not store.by_slug["un"][0]
