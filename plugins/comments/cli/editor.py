"""The author's reply written in their $VISUAL or $EDITOR, for `comments.reply` without --text
and for `comments.review` (the moderation library takes the text; only the CLI opens an editor)."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from ..moderation.context import Context, fail
from ..moderation.display import as_text
from ..moderation.replies import replyable

EDITOR_HELP = "# Écrivez votre réponse au-dessus (Markdown). Les lignes commençant par # sont ignorées.\n"


def editor() -> str | None:
    """The author's editor command, if they have one."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR")


def text_from_editor(quoted: str) -> str:
    """The text written above the quoted comment in the author's editor, # lines dropped."""
    command = editor()
    if not command:
        raise fail("aucun texte : donnez --text «\u00a0…\u00a0» ou définissez la variable $EDITOR")
    with tempfile.NamedTemporaryFile("w+", suffix=".md", encoding="utf-8", delete=False) as handle:
        handle.write("\n\n" + EDITOR_HELP + "".join(f"# > {line}\n" for line in quoted.splitlines()))
        name = handle.name
    try:
        subprocess.run([*shlex.split(command), name], check=True)
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, subprocess.CalledProcessError) as exc:
        raise fail(f"l’éditeur « {command} » a échoué ({exc})") from None
    finally:
        Path(name).unlink(missing_ok=True)
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()


def reply_text(ctx: Context, cid: str, text: str | None) -> str:
    """`text`, or (None) the reply written in the editor below the quoted comment; a comment the
    author may not answer is refused before the editor opens."""
    if text is not None:
        return text
    return text_from_editor(as_text(replyable(ctx, cid)))
