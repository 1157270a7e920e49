"""Python-Markdown's `smarty` extension, same output, a fraction of the time.

`markdown.extensions.smarty` runs its 18 patterns through Markdown's generic
inline machinery, which costs as much as the rest of the Markdown conversion
on French prose (an apostrophe every few words): ~2 s of CPU for 1,000
articles. This extension keeps smarty's patterns, options, order and
placeholder rules, and applies them with plain `re` searches on each text
node, so the HTML is byte for byte the same (tests/site/test_smartquotes.py
compares the two).

Use it in MARKDOWN["extension_configs"] as "french.smartquotes", with
smarty's options.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, util
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import Registry

# The shape of the placeholders Markdown's InlineProcessor stashes matches
# under: the patterns' look-arounds see these characters around a replaced
# quote (smarty's closeClass excludes \x02 and \x03 for that reason).
_PLACEHOLDER = util.INLINE_PLACEHOLDER  # "\x02klzzwxh:%s\x03"
_PLACEHOLDER_RE = re.compile(re.escape(util.STX) + r"klzzwxh:(\d+)" + re.escape(util.ETX))


class SmartQuotesProcessor(Treeprocessor):
    """Applies smarty's patterns, in smarty's order, to every text and tail."""

    def __init__(self, md: Markdown, patterns: list[Any]) -> None:
        super().__init__(md)
        self.patterns = [(p.getCompiledRegExp(), tuple(p.replace)) for p in patterns]
        # Every pattern holds one of these literal characters: text without any is left alone.
        self.trigger = re.compile(r"['\"]|\.\.\.|--|<<|>>")

    def educate(self, text: str) -> str:
        """One text node, as InlineProcessor.__handleInline + __processPlaceholders do it:
        each pattern in turn, each match replaced by a placeholder before the search
        resumes after it, then the placeholders expanded."""
        if not self.trigger.search(text):
            return text
        stash: list[str] = []
        store = self.md.htmlStash.store
        for regex, replace in self.patterns:
            start = 0
            while (match := regex.search(text, start)) is not None:
                result = "".join(match.group(part) if isinstance(part, int) else store(part) for part in replace)
                placeholder = _PLACEHOLDER % f"{len(stash):04d}"
                stash.append(result)
                text = text[: match.start()] + placeholder + text[match.end():]
                start = match.start() + len(placeholder)
        if stash:
            text = _PLACEHOLDER_RE.sub(lambda m: stash[int(m.group(1))], text)
        return text

    def run(self, root: etree.Element) -> None:
        # InlineProcessor visits the text and tail of every element below the root,
        # skipping AtomicString (code spans and blocks).
        for element in root.iter():
            if element is root:
                continue
            if element.text and not isinstance(element.text, util.AtomicString):
                element.text = self.educate(element.text)
            if element.tail and not isinstance(element.tail, util.AtomicString):
                element.tail = self.educate(element.tail)


class SmartQuotesExtension(SmartyExtension):
    """smarty's options and patterns, applied by SmartQuotesProcessor."""

    def extendMarkdown(self, md: Markdown) -> None:
        # As SmartyExtension.extendMarkdown, but for the tree processor.
        configs = self.getConfigs()
        self.inlinePatterns = Registry()
        if configs["smart_ellipses"]:
            self.educateEllipses(md)
        if configs["smart_quotes"]:
            self.educateQuotes(md)
        if configs["smart_angled_quotes"]:
            self.educateAngledQuotes(md)
            from markdown.extensions.smarty import HTML_STRICT_RE, HtmlInlineProcessor

            md.inlinePatterns.register(HtmlInlineProcessor(HTML_STRICT_RE, md), "html", 90)
        if configs["smart_dashes"]:
            self.educateDashes(md)
        md.treeprocessors.register(SmartQuotesProcessor(md, list(self.inlinePatterns)), "smarty", 6)
        md.ESCAPED_CHARS.extend(['"', "'"])


def makeExtension(**kwargs: Any) -> SmartQuotesExtension:  # noqa: N802 (Markdown's name)
    return SmartQuotesExtension(**kwargs)
