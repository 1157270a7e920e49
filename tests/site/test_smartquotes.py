"""french.smartquotes gives exactly the HTML of Python-Markdown's smarty."""

from __future__ import annotations

import markdown
import pytest

from tests.conftest import ROOT, TESTDATA

SUBSTITUTIONS = {"left-single-quote": "‘", "right-single-quote": "’",
                 "left-double-quote": "«\u202f", "right-double-quote": "\u202f»"}
TRICKY = [
    "'Quoted' words, \"double\" and \"'nested' quotes\" here. L'entreprise d'un 'ami'.",
    "He said, \"'Quoted' words in a larger quote.\" and 'the '80s' were \"fun\"...",
    "Dashes -- and --- and ---- and - and ... and .... and \"...\"",
    "`code 'quote'` and \"**bold**\" and '*em*' and \"[link](http://x.fr/'a')\"",
    "Escaped \\'quote\\' and \\\"dq\\\" and &amp; \"entity\" &nbsp;\"x\" and <span>\"raw\"</span>'s",
    "# Titre \"avec\" l'apostrophe\n\nTexte: \"fin\"",
    "    code 'block' \"x\"\n\n> \"cite\" l'été -- ok",
    "''' \"\" '\" \"' '\"x\" \"'x'",
    "'a", "\"a", "x'", "1'30\" and 5' and rock 'n' roll, l’été déjà",
    "*\"emphase\"* \"*emphase*\" '_x_' _'x'_ \"<b>x</b>\" 'x<br>y'",
    "- \"item\" one\n- 'item' two\n  \"nested\"",
    "Table | \"a\"\n--- | ---\n'x' | \"y\"",
    "Footnote[^1] \"x\"\n\n[^1]: \"note\" l'ami",
    "\"x\"'s ''x'' x'' ''x \"'\" '\"'",
]


def _markdown(name: str, **options) -> markdown.Markdown:
    configs = {"markdown.extensions.extra": {}, name: {"substitutions": SUBSTITUTIONS, **options},
               "markdown.extensions.toc": {}}
    return markdown.Markdown(extensions=list(configs), extension_configs=configs, output_format="html5")


def _sources() -> list[str]:
    files = sorted((ROOT / "content").rglob("*.md")) + sorted(TESTDATA.rglob("*.md"))
    return TRICKY + [path.read_text(encoding="utf-8") for path in files]


@pytest.mark.parametrize("options", [{}, {"smart_angled_quotes": True}, {"smart_dashes": False}])
def test_same_html_as_smarty(options):
    smarty = _markdown("markdown.extensions.smarty", **options)
    ours = _markdown("french.smartquotes", **options)
    sources = _sources()
    assert len(sources) > len(TRICKY)
    for text in sources:
        smarty.reset()
        ours.reset()
        assert ours.convert(text) == smarty.convert(text), text[:200]


def test_pelicanconf_uses_it():
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    assert '"french.smartquotes"' in settings and "markdown.extensions.smarty" not in settings
