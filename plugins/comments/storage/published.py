"""Read the whole published store once: content/comments/<slug>/<id>.md.

Nothing raises here: every defect becomes a `Problem` (path, line, message)
that the plugin reports, and the readable comments are kept.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from ..core.comment_file import SLUG_RE, CommentFileError, read_comment
from ..core.model import Comment


@dataclass(frozen=True)
class Problem:
    """A defect of the store, said in French with its place."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where} : {self.message}"


@dataclass
class Store:
    """The published comments by article slug, and the store's defects."""

    root: Path
    by_slug: dict[str, list[Comment]] = field(default_factory=dict)
    folders: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Parsed:
    """Comment files parsed by an earlier build of this process, by path and stat.

    The author's loop (tools/autoreload.py) builds many times in one process: from
    its second build on, a file whose stat is unchanged is not parsed again (5,000
    files took ~0.5 s of each rebuild). A one-off build keeps nothing: it frees the
    comments' sources before writing the pages (BuildState.release_sources), and the
    store gets copies, so that freeing never reaches what is kept here."""

    def __init__(self) -> None:
        self.builds = 0
        self.known: dict[Path, tuple[tuple[int, int, int], Comment]] = {}
        self.seen: set[Path] = set()

    def start(self) -> None:
        self.builds += 1
        self.seen = set()

    def read(self, path: Path) -> Comment:
        if self.builds < 2:
            return read_comment(path)
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        self.seen.add(path)
        known = self.known.get(path)
        if known is None or known[0] != stamp:
            known = self.known[path] = (stamp, read_comment(path))
        return copy.copy(known[1])

    def end(self) -> None:
        for gone in set(self.known) - self.seen:
            del self.known[gone]


_parsed = _Parsed()


def load_store(root: Path) -> Store:
    """Read every <slug>/<id>.md under `root` (a missing root is an empty store)."""
    store = Store(root=root)
    if not root.is_dir():
        return store
    _parsed.start()
    seen: dict[str, Path] = {}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            store.problems.append(Problem(entry, None, "fichier hors d’un dossier d’article, ignoré"))
            continue
        if not SLUG_RE.match(entry.name):
            store.problems.append(Problem(entry, None, "nom de dossier invalide (slug d’article attendu)"))
            continue
        comments: list[Comment] = []
        for path in sorted(entry.iterdir()):
            if path.name.startswith("."):
                continue  # temporary files of atomic writes
            if path.suffix != ".md" or not path.is_file():
                store.problems.append(Problem(path, None, "pas un fichier de commentaire (.md attendu), ignoré"))
                continue
            try:
                comment = _parsed.read(path)
            except CommentFileError as exc:
                store.problems.append(Problem(exc.path, exc.line, _field_message(exc)))
                continue
            except OSError as exc:
                store.problems.append(Problem(path, None, f"lecture impossible : {exc.strerror}"))
                continue
            if comment.id in seen:
                store.problems.append(Problem(
                    path, 1, f"identifiant « {comment.id} » déjà utilisé par {seen[comment.id]} ; ignoré"
                ))
                continue
            seen[comment.id] = path
            comments.append(comment)
        store.by_slug[entry.name] = comments
        store.folders[entry.name] = entry
    _parsed.end()
    return store


def _field_message(exc: CommentFileError) -> str:
    return f"(champ « {exc.field} ») {exc.message}" if exc.field else exc.message
