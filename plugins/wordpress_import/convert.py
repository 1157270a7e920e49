"""A post's HTML (classic editor or Gutenberg) to Markdown an author can edit, through markdownify.

markdownify does the common work; the rules here are what Python-Markdown (the
reader Pelican uses here, with `extra`) and this project need on top:
- nested lists indented by four spaces (Python-Markdown's rule, not two);
- `|` escaped inside table cells, the first row taken as the header;
- a code block keeps its language (`language-x`, `lang-x`, `brush: x`);
- images and links go through the media and link rewriters; an image that is
  not in the uploads folder, or lives on another host, becomes a plain link;
- frames, `<audio>`, `<video>`, `<object>` become plain links (privacy);
- `<del>`, `<sup>`, `<sub>` stay as inline HTML (no Markdown syntax for them);
- text that would read as Markdown (a line starting with `#`, `>`, `- `, `1. `,
  a stray `<tag`, `](`) is escaped, and nothing else: French typography
  (no-break spaces, « », curly apostrophes) passes through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup
from comments.core.autop import autop
from markdownify import MarkdownConverter

# Python-Markdown reads "#word" at a line's start as a heading too (no space needed).
_LINE_START = re.compile(r"(?m)^([ \t]*)(#|>|[-+*](?=\s)|=+[ \t]*$|-+[ \t]*$)|^([ \t]*\d{1,9})([.)])(?=\s)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINK_LIKE = re.compile(r"\](?=[(\[:])")
_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
_LANGUAGE = re.compile(r"(?:^|\s)(?:language-|lang-|brush:\s*)([\w+-]+)")
_YOUTUBE_EMBED = re.compile(r"https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)")
_NEEDS_BRACKETS = re.compile(r"[\s()<>]")
_BLANK_LINES = re.compile(r"\n{3,}")
_MORE = re.compile(r"<!--\s*more\b.*?-->", re.I | re.S)
_NEXTPAGE = re.compile(r"<!--\s*nextpage\s*-->", re.I)
_HEADING = re.compile(r"h[1-6]\Z")
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)

Rewriter = Callable[[str], str | None]


def _target(url: str) -> str:
    return f"<{url}>" if _NEEDS_BRACKETS.search(url) else url


class BodyConverter(MarkdownConverter):
    """markdownify with the project's rules (see the module's docstring)."""

    def __init__(self, *, image: Callable[[str], str | None], link: Rewriter,
                 alt: Callable[[str], str] = lambda src: "", **options):
        super().__init__(heading_style="atx", bullets="-", strong_em_symbol="*", table_infer_header=True,
                         sup_symbol="<sup>", sub_symbol="<sub>", escape_underscores=False,
                         code_language_callback=_code_language, **options)
        self.image_target, self.link_target, self.alt_for = image, link, alt
        self.plain_links = 0  # images and frames turned into links

    def convert(self, html):
        soup = BeautifulSoup(html, "lxml")  # lxml's parser: a few times faster than html.parser
        self.levels = heading_levels(soup)
        return self.convert_soup(soup)

    def convert_hN(self, n, el, text, parent_tags):  # noqa: N802 (markdownify's name)
        return super().convert_hN(self.levels.get(id(el), n), el, text, parent_tags)

    def escape(self, text, parent_tags):
        if not text:
            return ""
        text = text.replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`")
        text = _UNDERSCORE.sub(r"\\_", text)
        text = _TAG_LIKE.sub("&lt;", _ENTITY_LIKE.sub("&amp;", text))
        return _LINK_LIKE.sub(r"\\]", text)

    def convert_p(self, el, text, parent_tags):
        return super().convert_p(el, _escape_line_starts(text), parent_tags)

    def convert_dt(self, el, text, parent_tags):
        return super().convert_dt(el, _escape_line_starts(text), parent_tags)

    def convert_a(self, el, text, parent_tags):
        href = el.get("href") or ""
        if href and "_noformat" not in parent_tags:
            el["href"] = _target(self.link_target(href) or href)
        result = super().convert_a(el, text, parent_tags)
        return result

    def convert_img(self, el, text, parent_tags):
        src = (el.get("src") or "").strip()
        # An empty alt is an image nobody can describe to a screen reader (and Pelican warns).
        alt = ((el.get("alt") or "").strip() or self.alt_for(src)).replace("]", "\\]")
        title = (el.get("title") or "").replace('"', '\\"')
        target = self.image_target(src) if src else None
        if target is None:
            if not src:
                return alt
            self.plain_links += 1
            label = alt or src.rsplit("/", 1)[-1].split("?")[0] or src
            return f"[{label}]({_target(src)})"
        title_part = f' "{title}"' if title else ""
        return f"![{alt}]({_target(target)}{title_part})"

    def _plain_link(self, el, text, attribute="src"):
        src = (el.get(attribute) or "").strip()
        if not src:
            for source in el.find_all("source"):
                src = (source.get("src") or "").strip()
                if src:
                    break
        if not src:
            return text
        match = _YOUTUBE_EMBED.match(src)
        src = f"https://www.youtube.com/watch?v={match.group(1)}" if match else src
        self.plain_links += 1
        target = self.image_target(src) or self.link_target(src) or src
        label = (el.get("title") or text or src).strip()
        return f"\n\n[{label}]({_target(target)})\n\n"

    def convert_iframe(self, el, text, parent_tags):
        return self._plain_link(el, "")

    def convert_audio(self, el, text, parent_tags):
        return self._plain_link(el, "")

    def convert_video(self, el, text, parent_tags):
        return self._plain_link(el, "")

    def convert_embed(self, el, text, parent_tags):
        return self._plain_link(el, "")

    def convert_object(self, el, text, parent_tags):
        return self._plain_link(el, text, "data")

    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""

    def convert_del(self, el, text, parent_tags):
        return f"<del>{text}</del>" if text.strip() else text

    convert_s = convert_strike = convert_del

    def convert_table(self, el, text, parent_tags):
        # An empty header cell is a column nobody can name (axe): it gets a hidden name.
        lines = text.strip().split("\n")
        if lines and lines[0].startswith("|"):
            cells = re.split(r"(?<!\\)\|", lines[0])[1:-1]
            cells = [c if c.strip() else f' <span class="visually-hidden">Colonne {n}</span> '
                     for n, c in enumerate(cells, start=1)]
            lines[0] = "|" + "|".join(cells) + "|"
        return "\n\n" + "\n".join(lines) + "\n\n"

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, text.replace("|", "\\|"), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, text.replace("|", "\\|"), parent_tags)

    def convert_list(self, el, text, parent_tags):
        result = super().convert_list(el, text, parent_tags)
        previous = el.find_previous_sibling()
        if "li" not in parent_tags and previous is not None and previous.name in ("ul", "ol"):
            # Two lists in a row would merge into one: an empty comment keeps them apart.
            result = "\n\n<!-- -->\n" + result
        return result

    convert_ul = convert_ol = convert_list

    def convert_li(self, el, text, parent_tags):
        # Python-Markdown nests a block under an item only when indented by four spaces.
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start") or "1")
            number = (int(start) if start.isdigit() else 1) + len(el.find_previous_siblings("li"))
            bullet = f"{number}. "
        else:
            bullet = "- "
        first, *rest = text.split("\n")
        first = _escape_line_starts(first)
        return "\n".join([bullet + first, *(("    " + line) if line else "" for line in rest)]) + "\n"


def _escape_line_starts(text: str) -> str:
    # "1." is escaped as "1\." (a backslash before a digit is no escape in Markdown).
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}",
                           text)


def heading_levels(soup) -> dict[int, int]:
    """New levels for a body's headings: the first level is 2 (the page's title is the h1) and a
    level never skips one (axe's heading-order), sections kept: id(element) -> level."""
    levels: dict[int, int] = {}
    stack: list[tuple[int, int]] = []  # (level in the source, new level)
    for heading in soup.find_all(_HEADING):
        level = int(heading.name[1])
        while stack and stack[-1][0] >= level:
            stack.pop()
        new = min(6, stack[-1][1] + 1 if stack else 2)
        stack.append((level, new))
        levels[id(heading)] = new
    return levels


def _code_language(el) -> str | None:
    classes = " ".join(el.get("class") or [])
    code = el.find("code")
    if code is not None:
        classes += " " + " ".join(code.get("class") or [])
    match = _LANGUAGE.search(classes)
    return match.group(1) if match else None


def prepare(html: str) -> str:
    """WordPress's raw content made plain HTML: block comments dropped, newline paragraphs made <p>."""
    gutenberg = "<!-- wp:" in html
    html = _NEXTPAGE.sub("", _BLOCK_COMMENT.sub("", html))
    return html if gutenberg else autop(html)


MORE_MARK = "wpmoremarker7f3a"  # a word no post holds, where <!--more--> was


def mark_more(html: str) -> tuple[str, bool]:
    """`html` with its `<!--more-->` made a marker paragraph (converted with the rest), and whether it had one."""
    html, count = _MORE.subn(f"\n\n<p>{MORE_MARK}</p>\n\n", html, count=1)
    return html, bool(count)


def split_more(markdown: str) -> tuple[str, str | None]:
    """(the Markdown without the marker, the Markdown before it or None)."""
    before, found, after = markdown.partition(MORE_MARK)
    if not found:
        return markdown, None
    return _BLANK_LINES.sub("\n\n", before.rstrip() + "\n\n" + after.lstrip()).strip("\n") + "\n", before


def to_markdown(html: str, *, image: Callable[[str], str | None], link: Rewriter,
                alt: Callable[[str], str] = lambda src: "") -> tuple[str, int]:
    """(Markdown, how many images or frames became plain links); `alt(src)` describes an image without alt."""
    converter = BodyConverter(image=image, link=link, alt=alt)
    text = converter.convert(html)
    text = "\n".join(line.rstrip() if not line.endswith("  ") else line for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n", converter.plain_links
