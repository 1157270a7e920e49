"""Where the moderation commands work (folders, settings, posts, output), and `fail`, their refusal.

Every command takes the queue lock for its whole run (`review` per action, so
the form receiver is never blocked by a waiting prompt). Errors end with
`ModerationError` (the CLI exits with code 1) and a message naming what is wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..core.settings import Comments, comments_settings
from ..core.terminal import visible
from ..storage.queue import Queue
from .display import NBSP
from .errors import ModerationError
from .rules import KnownAuthors

if TYPE_CHECKING:
    from ..storage.posts import Catalog


@dataclass
class Context:
    """Where the commands work and with which settings."""

    content: Path
    queue_root: Path
    settings: Comments = field(default_factory=Comments)  # the COMMENTS setting
    author: str = "Auteur"
    timezone: str = "UTC"
    out: TextIO = field(default_factory=lambda: sys.stdout)
    pelican: Mapping = field(default_factory=dict)  # Pelican's settings (article URLs for e-mails)
    siteurl: str = ""
    _posts: Catalog | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_pelican(cls, pelican: Mapping, *, queue: str | None = None, content: str | None = None,
                     root: Path | None = None) -> Context:
        """From Pelican's settings. Relative paths are taken from `root`: the settings file's folder,
        as the service takes them (intake.config.load_config), else the current folder."""
        try:
            comments = comments_settings(pelican)
        except ValueError as exc:
            raise ModerationError(f"Erreur{NBSP}: {exc}") from None
        root = root or Path.cwd()
        return cls(
            content=root / (content or pelican.get("PATH", "content")),
            queue_root=root / (queue or comments.queue_path),
            settings=comments, author=pelican.get("AUTHOR") or "Auteur",
            timezone=pelican.get("TIMEZONE") or "UTC", pelican=pelican,
            siteurl=str(pelican.get("SITEURL") or ""),
        )

    def posts(self) -> Catalog:
        """The articles and pages a comment may belong to, read once per command through Pelican's
        own classes, as the receiver reads them (so every post it accepts comments for is known here)."""
        if self._posts is None:
            from ..storage.posts import Catalog, site_settings

            self._posts = Catalog(site_settings(self.pelican, self.content), self.content / self.settings.path)
        return self._posts

    def title_of(self, slug: str) -> str:
        post = self.posts().post(slug)
        return post.title if post else ""

    def queue(self) -> Queue:
        return Queue(self.queue_root, self.content, store=self.settings.path)

    def known_authors(self) -> KnownAuthors:
        return self.queue().known_authors()

    def say(self, line: str = "") -> None:
        # Names, bodies, reasons come from comments: controls and bidi are shown, never sent.
        self.out.write(visible(line) + "\n")
        self.out.flush()


def fail(message: str) -> ModerationError:
    """The refusal to raise: `message` after « Erreur : », controls and bidi shown."""
    return ModerationError(visible(f"Erreur{NBSP}: {message}\n"))
