"""Signal handlers: settings at `initialized`, the store read once per build,
threads attached to articles and pages, feeds written at the end.

Logging levels (a choice, see README "Commentaires"): in the default,
non-strict mode a bad comment file is a WARNING: visible, the other comments
render and the build finishes (unless Pelican runs with `--fatal warnings`,
which the author asks for explicitly). In strict mode (publishconf.py, CI)
each problem is an ERROR and, once all of them are listed, the build stops
with an exception, with or without `--fatal`.
"""

from __future__ import annotations

import logging
from itertools import chain
from pathlib import Path
from typing import Any

from build_pass import is_partial
from source_lines import metadata_line

from ..core import texts
from ..core.model import Comment, comments_mode
from ..core.settings import Comments, comments_settings
from ..storage.published import Problem, Store, load_store
from .bodies import BodyRenderer
from .feeds import write_feeds
from .threads import Discussion, ThreadNode, build_threads, walk

logger = logging.getLogger(__name__)

class CommentsBuildError(RuntimeError):
    """Strict mode: the store has problems; Pelican exits with status 1."""

    exitcode = 1


class BuildState:
    """What one build (one Pelican `run`) knows about comments."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self.options: Comments = comments_settings(settings)
        self.store: Store | None = None
        self.renderer: BodyRenderer | None = None
        self.claimed: set[str] = set()
        self.problems: list[Problem] = []
        self.feed_threads: list[tuple[Any, list[ThreadNode]]] = []

    def report(self, problem: Problem) -> None:
        self.problems.append(problem)
        level = logging.ERROR if self.options.strict else logging.WARNING
        logger.log(level, "Commentaires : %s", problem)

    def release_sources(self) -> None:
        """Every body is rendered: drop what only reading and rendering needed,
        the Markdown sources, the file paths and the renderer's tables (~4 MB for
        5,000 comments), before Pelican writes the pages. The threads keep their HTML."""
        if self.store is not None:
            for comments in self.store.by_slug.values():
                for comment in comments:
                    comment.body = ""
                    comment.path = None
        self.renderer = None

    def load(self) -> Store:
        if self.store is None:
            root = Path(self.settings["PATH"]) / self.options.path
            self.store = load_store(root)
            for problem in self.store.problems:
                self.report(problem)
            cache_dir = self.settings.get("CACHE_PATH")
            cache = Path(cache_dir) / self.options.cache_name if cache_dir else None
            self.renderer = BodyRenderer(cache, self.options.typography)
        return self.store


_state: BuildState | None = None


def on_settings(settings: dict, options: Comments) -> None:
    """COMMENTS is valid (declared_settings checked it at `initialized`): what the templates need."""
    # The form template (partials/respond.html) posts there.
    settings["COMMENTS_INTAKE_URL"] = options.intake_url
    # Limits, confirmations and rel, shared with the receiver (texts.py).
    settings["COMMENTS_FORM"] = texts.template_globals()


def on_generator_init(generator: Any) -> None:
    """A new build starts (also on each autoreload run): forget the previous one.

    The store is read now, before Pelican reads the articles, and the bodies
    missing from the cache go to a worker process (see bodies.prefetch), so
    sanitising overlaps the reading of the articles."""
    global _state
    _state = BuildState(generator.settings)
    store = _state.load()
    _state.renderer.prefetch(
        (c.body, c.format) for comments in store.by_slug.values() for c in comments
    )


def _mode(content: Any, state: BuildState, default: str) -> str:
    raw = content.metadata.get("comments")
    mode = comments_mode(raw, default)
    if mode is not None:
        return mode
    path = Path(content.source_path)
    state.report(Problem(
        path, metadata_line(path, "comments"),
        f"(champ « comments ») valeur « {raw} » invalide : open, closed ou hidden ; "
        "commentaires fermés par prudence",
    ))
    return "closed"


def body_line(path: Path | None) -> int | None:
    """The line where the body of the comment file `path` starts (after the header
    and its blank line), or None when the file cannot be read again."""
    try:
        data = path.read_text(encoding="utf-8") if path else None
    except (OSError, UnicodeError):
        return None
    if data is None:
        return None
    head, _, rest = data.partition("\n\n")
    return head.count("\n") + 3 + (len(rest) - len(rest.lstrip("\n")))


def _render(state: BuildState, comment: Comment) -> str:
    """A comment's HTML. A body the pipeline fails on is shown as its escaped text
    with a WARNING naming the file, even in strict mode: the file itself is valid,
    and one comment must never stop the site's publication."""
    renderer = state.renderer
    failed = len(renderer.failures)
    html = renderer.render(comment.body, comment.format)
    if len(renderer.failures) > failed:
        line = body_line(comment.path)
        where = f"{comment.path}:{line}" if line else str(comment.path or comment.id)
        logger.warning(
            "Commentaires : %s : le corps du commentaire %s n’a pas pu être mis en forme (%s) ; "
            "il est affiché en texte brut", where, comment.id, renderer.failures[-1],
        )
    return html


def _attach(content: Any, state: BuildState, published: bool, page: bool = False) -> None:
    store = state.load()
    slug = content.slug
    comments: list[Comment] = store.by_slug.get(slug, []) if slug not in state.claimed else []
    if slug in store.by_slug:
        state.claimed.add(slug)
    # Articles are open by default; a page shows its thread (closed) only when it has a
    # store folder, and nothing otherwise ("À propos" needs no form).
    default = ("closed" if slug in store.by_slug else "hidden") if page else "open"
    mode = _mode(content, state, default)
    thread = [c for c in comments if not c.is_mention]
    mentions = sorted((c for c in comments if c.is_mention), key=lambda c: (c.date, c.id))
    nodes: list[ThreadNode] = []
    mention_nodes: list[ThreadNode] = []
    if mode != "hidden":
        nodes = build_threads(thread, state.options.depth, label=str(store.folders.get(slug, slug)))
        mention_nodes = [ThreadNode(comment=c) for c in mentions]
        for node in chain(walk(nodes), mention_nodes):
            node.html = _render(state, node.comment)
    pattern = state.options.feed_article_atom
    content.discussion = Discussion(
        nodes=nodes, mentions=mention_nodes, count=len(thread) if mode != "hidden" else 0, mode=mode,
        feed=pattern.format(slug=slug) if pattern and nodes and published else None,
    )
    if published and nodes:
        state.feed_threads.append((content, nodes))


def on_articles(generator: Any) -> None:
    state = _state
    for content in chain(generator.articles, generator.translations):
        _attach(content, state, published=True)
    for content in chain(generator.hidden_articles, generator.hidden_translations,
                         generator.drafts, generator.drafts_translations):
        _attach(content, state, published=False)


def on_pages(generator: Any) -> None:
    state = _state
    for content in chain(generator.pages, generator.translations):
        _attach(content, state, published=True, page=True)
    for content in chain(generator.hidden_pages, generator.hidden_translations,
                         generator.draft_pages, generator.draft_translations):
        _attach(content, state, published=False, page=True)


def on_all_generators_finalized(generators: list) -> None:
    """Every article and page is known: report folders naming none, save the cache,
    and in strict mode stop the build if anything was wrong."""
    state = _state
    if state is None:
        return
    store = state.load()
    for slug, folder in sorted(store.folders.items()):
        if slug not in state.claimed:
            count = len(store.by_slug[slug])
            plural = "s" if count > 1 else ""
            state.report(Problem(
                folder, None,
                f"aucun article ni page n’a le slug « {slug} » ; {count} commentaire{plural} non affiché{plural}",
            ))
    state.renderer.save()
    logger.info(
        "Commentaires : %d corps assainis, les autres venus du cache (%s)",
        state.renderer.sanitised, state.renderer.cache_file,
    )
    state.release_sources()
    if state.options.strict and state.problems:
        raise CommentsBuildError(
            f"Commentaires : {len(state.problems)} problème(s) dans {store.root} "
            "(mode strict, COMMENTS['strict'])"
        )


def on_finalized(pelican: Any) -> None:
    """The pages are written: write the comment feeds (only the files whose bytes change),
    unless this build writes only some pages (build_pass: the full pass writes them)."""
    state = _state
    if state is None or is_partial(pelican):
        return
    feed_threads = sorted(state.feed_threads, key=lambda item: item[0].slug)
    write_feeds(feed_threads, Path(state.settings["OUTPUT_PATH"]), state.settings, state.options)
