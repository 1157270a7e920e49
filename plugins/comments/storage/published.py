"""Read the whole published store once: content/comments/<slug>/<id>.md.

Nothing raises here: every defect becomes a `Problem` (path, line, message)
that the plugin reports, and the readable comments are kept.
"""

from __future__ import annotations

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


def load_store(root: Path) -> Store:
    """Read every <slug>/<id>.md under `root` (a missing root is an empty store)."""
    store = Store(root=root)
    if not root.is_dir():
        return store
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
                comment = read_comment(path)
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
    return store


def _field_message(exc: CommentFileError) -> str:
    return f"(champ « {exc.field} ») {exc.message}" if exc.field else exc.message
