"""The comment system: the published store rendered into the pages, with feeds.

`register()` connects the signals; the work is in plugin.py (glue), loader.py
(read the store), threads.py, sanitiser.py and bodies.py (safe HTML, cached),
feeds.py. settings.py declares the `COMMENTS` setting.
"""

from pelican import signals


def register() -> None:
    # Imported here: the moderation commands, the receiver and the importers use
    # the package's modules without the build's (sanitiser, feeds, Babel).
    from . import plugin

    signals.initialized.connect(plugin.on_initialized)
    signals.article_generator_init.connect(plugin.on_generator_init)
    signals.article_generator_finalized.connect(plugin.on_articles)
    signals.page_generator_finalized.connect(plugin.on_pages)
    signals.all_generators_finalized.connect(plugin.on_all_generators_finalized)
    signals.finalized.connect(plugin.on_finalized)
