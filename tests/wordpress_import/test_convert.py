"""Bodies to Markdown: the project's rules on top of markdownify, checked through Python-Markdown itself."""

from __future__ import annotations

import lxml.html
import markdown
from wordpress_import.convert import mark_more, prepare, split_more, to_markdown
from wordpress_import.shortcodes import Attachment, Expander

ATTACHMENTS = {"7": Attachment("7", "https://ancien.example.fr/wp-content/uploads/2013/04/a.jpg", alt="Le port"),
               "8": Attachment("8", "https://ancien.example.fr/wp-content/uploads/2013/04/b.jpg", caption="La plage")}


def convert(html: str, children: list[Attachment] | None = None) -> tuple[str, Expander]:
    expander = Expander(ATTACHMENTS.get, children or [])
    text, _ = to_markdown(prepare(expander.expand(html)), link=lambda href: None,
                          image=lambda src: src.replace("https://", "{static}/") if "/uploads/" in src else None)
    return text, expander


def rendered(text: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(markdown.markdown(text, extensions=["extra"]), create_parent="div")


def test_french_typography_passes_through_untouched():
    text, _ = convert("<p>Le «\u00a0marketing\u00a0» c’est\u202fbien\u00a0: l’été — oui&nbsp;!</p>")
    assert text == "Le «\u00a0marketing\u00a0» c’est\u202fbien\u00a0: l’été — oui\u00a0!\n"


def test_text_that_would_read_as_markdown_stays_text():
    html = ("<p>#hashtag en tête</p><p>1. pas une liste</p><p>- pas une puce</p>"
            "<p>&lt;script&gt; et &amp;amp; et *étoiles* et [a](b)</p>")
    text, _ = convert(html)
    tree = rendered(text)
    assert [p.text_content() for p in tree.iter("p")] == [
        "#hashtag en tête", "1. pas une liste", "- pas une puce", "<script> et &amp; et *étoiles* et [a](b)"]
    assert not tree.xpath("//h1|//ol|//ul|//script|//a|//em")


def test_nested_and_mixed_lists_keep_their_structure():
    html = "<ul><li>un<ul><li>deux<ol><li>trois</li></ol></li></ul></li><li>quatre</li></ul><ol start=\"5\"><li>cinq</li></ol>"
    text = convert(html)[0]
    tree = rendered(text)
    assert [e.tag for e in tree if isinstance(e.tag, str)] == ["ul", "ol"]  # kept apart by an empty comment
    assert tree.xpath("string(/div/ul/li[1]/ul/li/ol/li)") == "trois"
    assert "\n5. cinq\n" in text  # the source's numbering, for the author (Python-Markdown starts at 1)


def test_tables_keep_their_cells_and_a_named_header():
    html = "<table><tr><th>Nom</th><th></th></tr><tr><td>a | b</td><td><code>x</code></td></tr></table>"
    tree = rendered(convert(html)[0])
    assert [th.text_content() for th in tree.iter("th")] == ["Nom", "Colonne 2"]
    assert tree.xpath("//th/span/@class") == ["visually-hidden"]
    assert [td.text_content() for td in tree.iter("td")] == ["a | b", "x"]


def test_code_keeps_its_language_and_its_characters():
    text, _ = convert('<pre class="brush: php">if ($a &lt; 2 &amp;&amp; *b) { echo "«"; }</pre>'
                      '[sourcecode language="python"]print("a < b")[/sourcecode]')
    tree = rendered(text)
    codes = tree.xpath("//pre/code")
    assert codes[0].get("class") == "language-php" and codes[0].text == 'if ($a < 2 && *b) { echo "«"; }\n'
    assert codes[1].get("class") == "language-python" and codes[1].text == 'print("a < b")\n'


def test_headings_start_at_h2_and_never_skip_a_level():
    tree = rendered(convert("<h1>Un</h1><h4>Deux</h4><h3>Trois</h3><h6>Quatre</h6><h1>Cinq</h1>")[0])
    assert [(e.tag, e.text) for e in tree] == [("h2", "Un"), ("h3", "Deux"), ("h3", "Trois"), ("h4", "Quatre"),
                                               ("h2", "Cinq")]


def test_caption_becomes_the_image_with_its_caption():
    html = ('[caption id="attachment_7" align="alignright" width="300"]<a href="https://ancien.example.fr/x/">'
            '<img src="https://ancien.example.fr/wp-content/uploads/2013/04/a-300x200.jpg" alt="Le port"></a>'
            ' Le port au matin[/caption]')
    text, _ = convert(html)
    assert "[![Le port]({static}/ancien.example.fr/wp-content/uploads/2013/04/a-300x200.jpg)]" in text
    assert "*Le port au matin*" in text


def test_gallery_becomes_its_images_by_ids_or_the_posts_attachments():
    text, _ = convert('<p>Avant</p>[gallery ids="8,7" columns="2"]')
    assert text.index("b.jpg") < text.index("a.jpg") and "*La plage*" in text and "![Le port]" in text
    text, _ = convert("[gallery]", children=[ATTACHMENTS["7"]])
    assert "![Le port]({static}/ancien.example.fr/wp-content/uploads/2013/04/a.jpg)" in text


def test_embeds_become_plain_links_never_frames():
    html = ("Regardez :\n\nhttps://www.youtube.com/watch?v=abc123\n\n[embed]https://vimeo.com/42[/embed]\n\n"
            '<iframe src="https://www.youtube.com/embed/xyz789" width="560"></iframe>\n\n'
            '<!-- wp:embed {"url":"https://twitter.com/a/status/1"} --><figure class="wp-block-embed">'
            '<div class="wp-block-embed__wrapper">\nhttps://twitter.com/a/status/1\n</div></figure><!-- /wp:embed -->')
    text, expander = convert(html)
    tree = rendered(text)
    assert not tree.xpath("//iframe|//script|//object|//embed")
    assert tree.xpath("//a/@href") == ["https://www.youtube.com/watch?v=abc123", "https://vimeo.com/42",
                                       "https://www.youtube.com/watch?v=xyz789", "https://twitter.com/a/status/1"]
    assert expander.found.embeds == 3  # the frame is counted with the plain links


def test_unknown_shortcodes_stay_as_text_and_are_listed_escaped_ones_unwrapped():
    text, expander = convert("<p>Un [bouton url=\"/x\"]clic[/bouton], un [[gallery]] échappé et [seul].</p>")
    assert text == 'Un [bouton url="/x"]clic[/bouton], un [gallery] échappé et [seul].\n'
    assert expander.found.unknown == ["bouton", "seul"]


def test_dynamic_gutenberg_blocks_are_listed_and_static_ones_kept():
    html = ('<!-- wp:paragraph --><p>Texte gardé.</p><!-- /wp:paragraph -->'
            '<!-- wp:latest-posts {"postsToShow":3} /--><!-- wp:core/archives /-->')
    text, expander = convert(html)
    assert text == "Texte gardé.\n" and expander.found.dynamic_blocks == ["latest-posts", "archives"]


def test_classic_editor_newlines_become_paragraphs_and_breaks():
    tree = rendered(convert("Premier paragraphe\nligne deux.\n\nSecond paragraphe.")[0])
    assert [p.text_content() for p in tree.iter("p")] == ["Premier paragraphe\nligne deux.", "Second paragraphe."]
    assert len(tree.xpath("//p[1]/br")) == 1


def test_more_marker_splits_the_summary_from_the_same_conversion():
    html, found = mark_more("<p>Début <em>important</em>.</p><!--more--><p>Suite.</p>")
    text, _ = to_markdown(prepare(html), image=lambda s: None, link=lambda s: None)
    body, before = split_more(text)
    assert found and body == "Début *important*.\n\nSuite.\n" and before.strip() == "Début *important*."


def test_strikethrough_and_exponents_stay_inline_html():
    tree = rendered(convert("<p>Prix <del>20</del> 15 €, m<sup>2</sup>, H<sub>2</sub>O</p>")[0])
    assert tree.xpath("string(//del)") == "20" and tree.xpath("string(//sup)") == "2" and tree.xpath("string(//sub)") == "2"
