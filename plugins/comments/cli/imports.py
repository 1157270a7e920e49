"""`comments.import`: an export into the store and the queue, with the importer's French summary."""

from __future__ import annotations

from ..importers import ImportFileError
from ..importers.progress import Progress
from ..importers.run import import_file
from ..moderation.context import Context, fail
from ..storage.articles import ArticleIndex


def import_export(ctx: Context, path: str, *, dry_run: bool = False) -> None:
    try:
        summary = import_file(
            path, content=ctx.content, queue_root=ctx.queue_root, settings=ctx.settings,
            timezone=ctx.timezone, dry_run=dry_run, progress=Progress(),
            articles=ArticleIndex(ctx.posts().entries()),  # the posts the moderation knows
        )
    except ImportFileError as exc:
        raise fail(f"{exc}\nRien n’a été importé.") from None
    ctx.say(str(summary))
