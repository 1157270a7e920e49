"""The comment system: the published store rendered into the pages, with feeds.

`register()` connects the signals; the work is in build/plugin.py (glue). The
package is layered, each layer importing only the ones below it:
core (model, file format, urls, settings) < storage (published store, queue,
posts, git, mail) < moderation (states, replies, publish, purge...) < build, importers,
intake and moderation_page (the service) < cli.
"""

from pelican import signals


def register() -> None:
    # Imported here: the moderation commands, the receiver and the importers use
    # the package's modules without the build's (sanitiser, feeds, Babel).
    from declared_settings import declare

    from .build import plugin
    from .core.settings import Comments

    # COMMENTS is checked once, at `initialized`, with the other declared settings.
    declare("COMMENTS", Comments, then=plugin.on_settings)
    signals.article_generator_init.connect(plugin.on_generator_init)
    signals.article_generator_finalized.connect(plugin.on_articles)
    signals.page_generator_finalized.connect(plugin.on_pages)
    signals.all_generators_finalized.connect(plugin.on_all_generators_finalized)
    signals.finalized.connect(plugin.on_finalized)
