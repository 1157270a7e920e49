"""Reading comfort: the reading time in French and the table of contents of each article.

Sets, once per build, `reading_minutes`, `reading_time` (« 4 min de lecture »)
and `toc` (the headings, when there are at least READING['toc_min_headings'])
on every article and page. READING is declared (Reading), checked at `initialized`
with the other declared settings and read as READING_SETTINGS.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from declared_settings import at_least, declare, doc, positive, stored_key
from french.contents import PerSource, content_objects
from french.plurals import count_fr
from pelican import signals


@dataclass(frozen=True)
class Reading:
    words_per_minute: int = doc("reading speed used for « N min de lecture »", 230,
                                rule=positive("nombre de mots positif"))
    toc_min_headings: int = doc("an article gets a table of contents from this many headings (h2, h3)", 3,
                                rule=at_least(0, "entier positif"))


TAG_RE = re.compile(r"<[^>]+>")
# Headings with the id Markdown's toc extension gives them.
HEADING_RE = re.compile(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


def minutes(text_html: str, per_minute: int) -> int:
    words = len(WORD_RE.findall(html.unescape(TAG_RE.sub(" ", text_html))))
    return max(1, round(words / per_minute))


def headings(text_html: str) -> list[dict[str, Any]]:
    """The h2 and h3 of the content: id, text (markup: typeset, tags removed), and
    for each h2 its h3 as `children` (an h3 before any h2 stands on its own)."""
    found: list[dict[str, Any]] = []
    for level, anchor, inner in HEADING_RE.findall(text_html):
        entry = {"id": anchor, "text": TAG_RE.sub("", inner).strip(), "children": []}
        if level == "3" and found and found[-1]["level"] == 2:
            found[-1]["children"].append(entry)
        else:
            found.append({**entry, "level": int(level)})
    return found


def measure(text_html: str, options: Reading) -> tuple[int, list[dict[str, Any]]]:
    """(the reading minutes, the table of contents) of a content's HTML."""
    found = headings(text_html)
    total = len(found) + sum(len(h["children"]) for h in found)
    return minutes(text_html, options.words_per_minute), found if total >= options.toc_min_headings else []


# Kept between the author's loop's builds: a save measures the saved file only
# (reading every content resolves its links: ~0.2 s at 1,000 articles).
_measured = PerSource()


def annotate(contents: list[Any], options: Reading, settings: dict[str, Any]) -> None:
    for item in contents:
        item.reading_minutes, item.toc = _measured.get(item, settings, options,
                                                       lambda item=item: measure(item.content, options))
        item.reading_time = count_fr(item.reading_minutes, "min de lecture", "min de lecture")


def on_generators(generators: list[Any]) -> None:
    """Once every generator has its context: the content's {static} and {filename}
    links resolve only then (reading it earlier would keep them unresolved)."""
    for generator in generators:
        # Hidden articles, drafts and translations too: each has its own page.
        items = list(content_objects(generator))
        if items:
            annotate(items, generator.settings[stored_key("READING")], generator.settings)


def register() -> None:
    declare("READING", Reading)
    signals.all_generators_finalized.connect(on_generators)
