"""Compiled Jinja templates kept between builds (Jinja's own bytecode cache).

Pelican builds a Jinja environment per generator and per build, so every build
parses and compiles each template again (~25 templates here). With
`bytecode_cache` in the public `JINJA_ENVIRONMENT` setting, a template is
compiled once and then loaded from `CACHE_PATH/jinja/` until its source
changes (Jinja keys each entry by the template's name and source).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import signals

FOLDER = "jinja"


def add_bytecode_cache(pelican: Any) -> None:
    """`initialized`: a bytecode cache under CACHE_PATH (none when CACHE_PATH is empty)."""
    settings = pelican.settings
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if not settings.get("CACHE_PATH") or "bytecode_cache" in environment:
        return
    # Jinja's key is the template's name and source, not the environment's options:
    # bytecode compiled with autoescape off must never serve a build with it on.
    mode = "autoescape" if environment.get("autoescape") else "plain"
    folder = Path(settings["CACHE_PATH"]) / FOLDER / mode
    folder.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": FileSystemBytecodeCache(str(folder))}


def register() -> None:
    signals.initialized.connect(add_bytecode_cache)
