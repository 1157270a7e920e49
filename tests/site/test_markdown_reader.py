"""french.reader.FrenchMarkdownReader reads as Pelican's MarkdownReader does,
and nothing of one file leaks into the next."""

from __future__ import annotations

import os
import subprocess
import sys

from french.reader import FrenchMarkdownReader
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from tests.conftest import ROOT, TESTDATA

FIRST = """Title: Premier
Summary: Un *résumé* avec une note[^n] et [un lien][ref].

Texte[^n] et [un lien][ref]. *[PME]: Petite et moyenne entreprise

[ref]: https://exemple.fr/
[^n]: La note.

## Un titre
"""
SECOND = """Title: Second
Summary: Sans note ni lien [ref].

Pas de [lien][ref], une PME, pas de note[^n].

## Un titre
"""


def _settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


def test_same_content_and_metadata_as_pelicans_reader(tmp_path):
    sources = sorted((ROOT / "content").rglob("*.md")) + sorted(TESTDATA.rglob("*.md"))
    sources = [p for p in sources if "comments" not in p.parts]
    for name, text in (("first.md", FIRST), ("second.md", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        sources.append(tmp_path / name)
    ours = FrenchMarkdownReader(_settings())
    for path in sources:
        expected = MarkdownReader(_settings()).read(str(path))
        assert ours.read(str(path)) == expected, path


def test_nothing_leaks_from_one_file_to_the_next(tmp_path):
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    reader = FrenchMarkdownReader(_settings())
    reader.read(str(first))
    content, metadata = reader.read(str(second))
    assert "exemple.fr" not in content and "footnote" not in content and "<abbr" not in content
    assert 'id="un-titre"' in content  # not "un-titre_1": the toc forgot the first file's ids
    assert "exemple.fr" not in str(metadata["summary"])


def test_the_plugin_installs_it():
    """french.register() connects the reader (in a fresh process: its signals stay connected)."""
    script = (
        "import french; from pelican.readers import Readers; from pelican.settings import DEFAULT_CONFIG\n"
        "french.register()\n"
        "print(type(Readers(dict(DEFAULT_CONFIG)).readers['md']).__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")}, check=True)
    assert result.stdout.strip() == "FrenchMarkdownReader"
