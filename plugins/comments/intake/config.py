"""The receiver's configuration, read from the same Pelican settings file as the build."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.settings import read_settings

from ..core.settings import Comments, Notify, comments_settings
from ..core.urls import origin_of

MAX_REQUEST_BYTES = 64 * 1024


@dataclass
class IntakeConfig:
    """Everything the receiver needs; `settings` are Pelican's, `comments` the parsed COMMENTS."""

    settings: Mapping[str, Any]
    comments: Comments
    queue: Path
    comments_dir: Path
    siteurl: str = ""
    allowed_origins: frozenset[str] = field(default_factory=frozenset)
    rate_limit: int = 5  # per client address and minute; 0: off
    max_bytes: int = MAX_REQUEST_BYTES
    notify: Notify | None = None
    settings_file: Path | None = None  # the service rebuilds the site with it (COMMENTS['rebuild'])
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")  # whose X-Forwarded-For is believed


def load_config(
    settings_file: str | Path = "pelicanconf.py",
    *,
    queue: str | Path | None = None,
    content: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    origins: Iterable[str] = (),
    rate_limit: int | None = None,
) -> IntakeConfig:
    """Read `settings_file` (plus `overrides`, as `pelican -e` would) into an IntakeConfig.

    `content` replaces PATH (a content folder kept elsewhere than the settings say).
    The queue defaults to COMMENTS['queue_path'] beside the settings file; allowed
    origins are SITEURL's origin, COMMENTS['origins'] and `origins` (see
    `app.origin_allowed` for the rule when SITEURL is relative).
    """
    settings_file = Path(settings_file).resolve()
    # Pelican warns about feeds without SITEURL: irrelevant to the receiver.
    logging.getLogger("pelican.settings").setLevel(logging.ERROR)
    overrides = dict(overrides or {})
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    settings = read_settings(str(settings_file), override=overrides)
    comments = comments_settings(settings)
    root = settings_file.parent
    queue_path = Path(queue) if queue else root / comments.queue_path
    siteurl = str(settings.get("SITEURL") or "").rstrip("/")
    allowed = {o for o in (origin_of(u) for u in (siteurl, *comments.origins, *origins)) if o}
    limit = comments.rate_limit if rate_limit is None else rate_limit
    return IntakeConfig(
        settings=settings,
        comments=comments,
        queue=queue_path.resolve(),
        comments_dir=(Path(settings["PATH"]) / comments.path).resolve(),
        siteurl=siteurl,
        allowed_origins=frozenset(allowed),
        rate_limit=int(limit or 0),
        notify=comments.notify,
        settings_file=settings_file,
        trusted_proxies=comments.trusted_proxies,
    )
