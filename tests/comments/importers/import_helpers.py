"""Shared helpers for the import and moderation tests."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from comments.core.comment_file import read_comment

from tests.conftest import TESTDATA

THEME = TESTDATA / "wordpress" / "themeunittestdata.wordpress.xml"


def make_content(root: Path, articles: list[tuple[str, str]] = ()) -> Path:
    """A content folder with Markdown article stubs [(slug, title)]."""
    content = root / "content"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    for slug, title in articles:
        (content / "articles" / f"{slug}.md").write_text(
            f"Title: {title}\nDate: 2013-04-22 09:30\nCategory: Tests\nSlug: {slug}\nLang: fr\n"
            f"Summary: Un article de test.\n\nTexte de l'article {title}.\n",
            encoding="utf-8",
        )
    return content


def snapshot(*folders: Path, ignore_queued: bool = False) -> dict[str, str]:
    """Every file under `folders` (lock file aside) -> sha256, to prove nothing changed.
    `ignore_queued`: leave out the `queued:` line (the day of the import) of queue files."""
    result = {}
    for folder in folders:
        if folder.exists():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.name != ".lock":
                    data = path.read_bytes()
                    if ignore_queued:
                        data = re.sub(rb"(?m)^queued: .*\n", b"", data)
                    result[str(path)] = hashlib.sha256(data).hexdigest()
    return result


def drop_queued(queue: Path) -> None:
    """Make imported queue files look like form submissions (dated at reception, no `queued:`)."""
    for path in queue.glob("*/*.md"):
        path.write_bytes(re.sub(rb"(?m)^queued: .*\n", b"", path.read_bytes()))


def places(content: Path, queue: Path) -> dict[str, list[Path]]:
    """Comment id -> every file holding it (store and queue); every file must parse."""
    found: dict[str, list[Path]] = {}
    for path in sorted((content / "comments").glob("*/*.md")):
        found.setdefault(read_comment(path).id, []).append(path)
    for state in ("pending", "spam", "rejected"):
        for path in sorted((queue / state).glob("*.md")):
            found.setdefault(read_comment(path, queue=True).id, []).append(path)
    return found


def leftovers(*folders: Path) -> list[Path]:
    """Temporary files that a finished command must not leave behind."""
    return [p for f in folders if f.exists() for p in f.rglob("*") if re.match(r"\..*\.tmp\Z", p.name)]


def with_consent(queue: Path, export: list[dict]) -> None:
    """Give the queued comments of `export` their `email`, as a form does when the reader ticks
    « Me prévenir par e-mail des réponses » (an import never keeps one)."""
    from comments.core.comment_file import format_comment

    for entry in export:
        for path in queue.glob(f"*/{entry['id']}.md"):
            if entry.get("email"):
                comment = read_comment(path, queue=True)
                comment.email = entry["email"]
                path.write_text(format_comment(comment, queue=True), encoding="utf-8")
