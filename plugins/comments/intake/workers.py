"""The service's background work, started and stopped with the app: the git loop, the rebuilder."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..moderation import publish
from ..storage.git import GitError, Repo
from ..storage.posts import Catalog
from ..storage.queue import Queue
from .config import IntakeConfig
from .gitsync import GitSync
from .rebuild import Rebuilder

logger = logging.getLogger(__name__)


class Workers:
    """COMMENTS['git'] -> GitSync; COMMENTS['rebuild'] -> Rebuilder; neither: nothing runs."""

    def __init__(self, config: IntakeConfig, catalog: Catalog):
        self.config, self.catalog = config, catalog
        self.git: GitSync | None = None
        self.rebuild: Rebuilder | None = None

    def start(self) -> None:
        config = self.config
        content = Path(config.settings["PATH"])
        if config.comments.rebuild:
            if config.settings_file is None:
                raise ValueError("COMMENTS['rebuild'] : le fichier de réglages du service est inconnu")
            self.rebuild = Rebuilder(self.catalog, config.settings_file, Path(config.settings["OUTPUT_PATH"]))
            self.rebuild.start()
        settings = config.comments.git
        if settings is not None:
            author = str(config.settings.get("AUTHOR") or "Auteur")
            try:
                repo = Repo.find(config.comments_dir, settings, author)
            except GitError as exc:
                raise ValueError(f"COMMENTS['git'] : {content} n’est pas dans un clone git ({exc})") from None
            queue = Queue(config.queue, content, store=config.comments.path)
            self.git = GitSync(repo, queue, on_pull=self._pulled)
            publish.set_pusher(self.git.kick)
            self.git.start()

    def _pulled(self) -> None:
        self.catalog.refresh(force=True)  # a new article takes comments at once
        if self.rebuild is not None:
            self.rebuild.kick()

    def stop(self) -> None:
        if self.git is not None:
            publish.set_pusher(None)
            self.git.stop()
        if self.rebuild is not None:
            self.rebuild.stop()

    def health(self) -> dict[str, Any]:
        report: dict[str, Any] = {}
        if self.git is not None:
            report["git"] = self.git.health()
        if self.rebuild is not None:
            report["build"] = self.rebuild.health()
        return report
