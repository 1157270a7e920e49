"""Writers for the author's loop, through Pelican's public `get_writer` signal.

Pelican 4.12 writes every page on every build (its WRITE_SELECTED setting is gone),
and at 1,000 posts writing ~2,600 files is most of a rebuild. The loop therefore
builds twice after a save of articles or pages:

- a first pass whose writer renders only the pages of the saved files (the page the
  author is looking at is rewritten in about a second), then the browser reloads;
- a full pass, whose writer gives up (`Superseded`) as soon as another save is
  waiting, so the next first pass never waits for a whole site.
"""

from __future__ import annotations

import threading
from typing import Any

from pelican.writers import Writer


class Superseded(Exception):  # noqa: N818 (not an error: a newer save came in)
    """The full pass stopped: a newer change is waiting."""


def only_sources(sources: set[str]) -> type[Writer]:
    """A writer that renders the pages of these source files only (no listings, no feeds)."""

    class SourcesWriter(Writer):
        partial = True  # plugins leave the site-wide outputs to the full pass (plugins/build_pass)

        def write_file(self, name: str, template: Any, context: dict, *args: Any, **kwargs: Any) -> Any:
            content = kwargs.get("article") or kwargs.get("page")
            if content is None or getattr(content, "source_path", None) not in sources:
                return None
            return super().write_file(name, template, context, *args, **kwargs)

        def write_feed(self, *args: Any, **kwargs: Any) -> Any:
            return None

    return SourcesWriter


def unless(waiting: threading.Event) -> type[Writer]:
    """A writer that writes everything, but stops the build when `waiting` is set."""

    class InterruptibleWriter(Writer):
        superseded = staticmethod(waiting.is_set)  # long work at `finalized` checks it (plugins/build_pass)

        def write_file(self, *args: Any, **kwargs: Any) -> Any:
            if waiting.is_set():
                raise Superseded
            return super().write_file(*args, **kwargs)

        def write_feed(self, *args: Any, **kwargs: Any) -> Any:
            if waiting.is_set():
                raise Superseded
            return super().write_feed(*args, **kwargs)

    return InterruptibleWriter
