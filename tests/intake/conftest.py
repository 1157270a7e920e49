"""Fixtures for the intake receiver: a small real content folder, a private queue, a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from comments.intake.config import IntakeConfig, load_config
from comments.intake.server import BackgroundServer

from tests.intake.intake_helpers import SITE

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = """Title: Média Social ou Médias Sociaux ?
Date: 2013-04-22 09:30
Category: Médias sociaux
Slug: media-social
Lang: fr

Le texte.
"""

CLOSED = """Title: Un article fermé
Date: 2014-01-05 10:00
Slug: ferme
comments: closed

Fermé.
"""

DRAFT = """Title: Un brouillon
Date: 2015-01-05 10:00
Slug: brouillon
Status: draft

Pas encore.
"""

PUBLISHED = """id: wp-11
author: Xavier
date: 2013-05-02T14:03:00+02:00

Bonjour Lionel.
"""



@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "articles" / "media-social.md").write_text(ARTICLE, encoding="utf-8")
    (root / "articles" / "ferme.md").write_text(CLOSED, encoding="utf-8")
    (root / "articles" / "brouillon.md").write_text(DRAFT, encoding="utf-8")
    (root / "comments" / "media-social").mkdir(parents=True)
    (root / "comments" / "media-social" / "wp-11.md").write_text(PUBLISHED, encoding="utf-8")
    return root


@pytest.fixture
def make_config(tmp_path, content):
    def make(rate_limit: int = 0, comments: dict | None = None, origins: tuple = (), **overrides) -> IntakeConfig:
        settings = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"), **overrides}
        if comments is not None:
            settings["COMMENTS"] = comments
        return load_config(ROOT / "pelicanconf.py", queue=tmp_path / "moderation",
                           overrides=settings, rate_limit=rate_limit, origins=origins)
    return make


@pytest.fixture
def receiver(make_config) -> Iterator[BackgroundServer]:
    with BackgroundServer(make_config()) as server:
        yield server


@pytest.fixture
def client(receiver) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=receiver.url, follow_redirects=False, timeout=30,
                      headers={"Origin": SITE}) as http:
        yield http
