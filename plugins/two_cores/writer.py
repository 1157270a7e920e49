"""Pelican's Writer, with the articles generator's pages written by two processes.

Pelican renders and writes the pages one after the other, on one core, while
the second core idles. Here the articles generator's pages (articles, archives,
tags, categories, authors: nearly the whole site) are recorded instead, then
written when that generator is done: one share by a forked process, the other
share here, at the same time. The forked process sees the finished build as
it is (nothing copied, nothing pickled) and each page is rendered exactly as
Pelican would render it, so the files are the same byte for byte.

What Pelican's writer does for each page besides writing still happens here,
for every page: once the forked process is done, its pages are gone through
again without rendering, so the overwrite checks and the `content_written`
signal (the sitemap listens to it) run in this process.

The pages are written one after the other, as Pelican does, when fork is not
available, when there are few of them, or when a page may override another
(`override_output`): their order then decides the result.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from pelican.paginator import Paginator
from pelican.writers import FileOverwriteFailedError, Writer

logger = logging.getLogger(__name__)

# Below this many pages, a second process costs more than it saves.
MIN_PAGES = 40


@dataclass
class _Call:
    """One `write_file` call, kept until the pages are written."""

    name: str
    template: Any
    context: dict
    options: dict[str, Any] = field(default_factory=dict)

    def pages(self, settings: dict) -> int:
        """How many pages the call writes (a paginated list writes several), as
        Pelican's `write_file` counts them."""
        paginated = self.options.get("paginated")
        if paginated is None:
            paginated = {k: v for k, v in self.options.items() if k in {"articles", "dates"}}
        templates = settings.get("PAGINATED_TEMPLATES") or {}
        template_name = self.options.get("template_name")
        if not paginated or template_name not in templates:
            return 1
        per_page = templates[template_name] or settings["DEFAULT_PAGINATION"]
        items = next(iter(paginated.values()))
        return Paginator(self.name, self.options.get("url"), items, settings, per_page).num_pages


class _NoRender:
    """Stands for a template whose page the other process has written already."""

    @staticmethod
    def render(context: dict) -> str:
        return ""


def split(calls: list[_Call], settings: dict) -> tuple[list[_Call], list[_Call]]:
    """Two shares of about the same number of pages, each in the calls' order."""
    shares: tuple[list[_Call], list[_Call]] = ([], [])
    weights = [0, 0]
    for call in calls:
        lighter = 0 if weights[0] <= weights[1] else 1
        shares[lighter].append(call)
        weights[lighter] += call.pages(settings)
    return shares


class TwoProcessWriter(Writer):
    """A Pelican Writer that writes the recorded pages in two processes."""

    def __init__(self, output_path: str, settings: dict | None = None) -> None:
        super().__init__(output_path, settings=settings)
        # Recording until `write_recorded`; None: every call writes at once.
        self._calls: list[_Call] | None = [] if hasattr(os, "fork") else None
        self._replaying = False

    def write_file(self, name: Any, template: Any, context: dict, relative_urls: bool = False,
                   paginated: dict | None = None, template_name: str | None = None,
                   override_output: bool = False, url: str | None = None, **kwargs: Any) -> None:
        options = dict(kwargs, relative_urls=relative_urls, paginated=paginated,
                       template_name=template_name, override_output=override_output, url=url)
        if self._calls is not None and name:
            self._calls.append(_Call(name, template, context, options))
            return
        super().write_file(name, _NoRender() if self._replaying else template, context, **options)

    def write_recorded(self) -> None:
        """Write the recorded pages, in two processes when it pays; then write at once."""
        calls, self._calls = self._calls or [], None
        pages = sum(call.pages(self.settings) for call in calls)
        # An override makes the order of two writes matter: keep Pelican's order.
        ordered = self._overridden_files or any(call.options["override_output"] for call in calls)
        if pages < MIN_PAGES or ordered:
            self._write(calls)
            return
        mine, theirs = split(calls, self.settings)
        # Nothing buffered may be written twice, once by each process.
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError as exc:
            logger.info("Pages écrites sans second processus (%s)", exc)
            self._write(calls)
            return
        if pid == 0:
            self._write_and_exit(theirs)
        try:
            self._write(mine)
        finally:
            _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"Le second processus d’écriture des pages a échoué (code {code})")
        self._replaying = True
        try:
            self._write(theirs)
        finally:
            self._replaying = False

    def _write(self, calls: list[_Call]) -> None:
        for call in calls:
            self.write_file(call.name, call.template, call.context, **call.options)

    def _write_and_exit(self, calls: list[_Call]) -> None:
        """In the forked process: write `calls`, then leave without running
        anything of the parent's (no atexit, no buffered output twice)."""
        code = 1
        try:
            # This process's records are thrown away; the parent logs each page.
            logging.getLogger("pelican.writers").setLevel(logging.WARNING)
            self._write(calls)
            code = 0
        except BaseException:
            logger.exception("Échec de l’écriture des pages dans le second processus")
        finally:
            for handler in logging.getLogger().handlers:
                handler.flush()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        if not self._replaying:
            return super()._open_w(filename, encoding, override)
        # The other process wrote this page: Pelican's checks and records, without
        # writing (never an override here, see write_recorded).
        if filename in self._written_files:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already '
                "written to it previously (set `override=True` if intended)"
            )
        self._written_files.add(filename)
        return open(os.devnull, "w", encoding=encoding)
