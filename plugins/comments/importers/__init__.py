"""Importers of comment exports: WordPress WXR, Disqus, and the project's JSON.

Each importer class recognises its format from the start of the file (as
Isso's migrate.py does); `detect()` picks the one that does.
"""

from __future__ import annotations

from pathlib import Path

from .base import Importer, ImportFileError, Record
from .disqus import DisqusImporter
from .jsonfile import JsonImporter
from .wordpress import WordPressImporter

IMPORTERS: tuple[type[Importer], ...] = (WordPressImporter, DisqusImporter, JsonImporter)
HEAD_SIZE = 1 << 16

__all__ = ["IMPORTERS", "ImportFileError", "Importer", "Record", "detect"]


def detect(path: Path | str) -> type[Importer]:
    """The importer class for the file at `path`, or ImportFileError saying why none fits."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_SIZE)
    except FileNotFoundError:
        raise ImportFileError(path, None, "fichier introuvable") from None
    except IsADirectoryError:
        raise ImportFileError(path, None, "c’est un dossier, pas un fichier d’export") from None
    except OSError as exc:
        raise ImportFileError(path, None, f"lecture impossible ({exc.strerror})") from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    for importer in IMPORTERS:
        if importer.detect(text):
            return importer
    raise ImportFileError(
        path, None,
        "format non reconnu : ni export WordPress (WXR 1.0 à 1.2), ni export Disqus, "
        "ni liste JSON de commentaires (voir le README)",
    )
