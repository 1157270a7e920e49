"""Stream an XML export through defusedxml, one record element at a time.

Like `defusedxml.ElementTree.iterparse`, with elements dropped as soon as they
are handled, so a 100 MB export is never held whole; unlike it, each record
carries the line where it starts (for error messages), and no DTD, entity or
external reference is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .base import MAX_TEXT, ImportFileError

CHUNK = 1 << 16
# Attribute where each element of a record keeps its start line (not an XML name: no clash).
LINE = " line"
_PREFIXES = (
    (re.compile(r"https?://wordpress\.org/export/1\.\d+/excerpt/?\Z"), "excerpt:"),
    (re.compile(r"https?://wordpress\.org/export/1\.\d+/?\Z"), "wp:"),
    (re.compile(r"https?://purl\.org/rss/1\.0/modules/content/?\Z"), "content:"),
    (re.compile(r"https?://purl\.org/dc/elements/1\.1/?\Z"), "dc:"),
    (re.compile(r"https?://disqus\.com/disqus-internals/?\Z"), "dsq:"),
    (re.compile(r"https?://disqus\.com/?\Z"), ""),
)


def short_name(name: str, _cache: dict[str, str] = {}) -> str:  # noqa: B006 (a deliberate cache)
    """'{https://wordpress.org/export/1.2/}comment' -> 'wp:comment'; unknown namespaces kept."""
    try:
        return _cache[name]
    except KeyError:
        pass
    result = name
    if name.startswith("{"):
        uri, _, local = name[1:].partition("}")
        for pattern, prefix in _PREFIXES:
            if pattern.match(uri):
                result = prefix + local
                break
    _cache[name] = result
    return result


class _Target:
    """Parser target: builds only the record subtrees, hands each over when closed."""

    def __init__(self, record_tags: frozenset[str], record_depth: int, path: Path):
        self.record_tags, self.record_depth, self.path = record_tags, record_depth, path
        self.depth = 0
        self.builder: TreeBuilder | None = None
        self.start_line = 0
        self.text_size = 0
        self.done: list[tuple[Element, int]] = []
        self.root = ""
        self.expat = None  # set once the parser exists

    def start(self, tag, attrib):
        tag = short_name(tag)
        self.depth += 1
        if self.depth == 1:
            self.root = tag
        if self.builder is None:
            if self.depth != self.record_depth or tag not in self.record_tags:
                return
            self.builder = TreeBuilder()
            self.start_line = self.expat.CurrentLineNumber
        self.text_size = 0
        element = self.builder.start(tag, {short_name(k): v for k, v in attrib.items()} if attrib else {})
        if self.depth <= self.record_depth + 1:  # deeper lines are never reported: spare the lookup
            element.set(LINE, self.expat.CurrentLineNumber)

    def data(self, text):
        if self.builder is not None:
            self.text_size += len(text)
            if self.text_size > MAX_TEXT:
                raise ImportFileError(
                    self.path, self.expat.CurrentLineNumber,
                    f"texte démesuré (plus de {MAX_TEXT:,} caractères dans un seul champ)".replace(",", "\u202f"),
                )
            self.builder.data(text)

    def end(self, tag):
        if self.builder is not None:
            self.builder.end(short_name(tag))
            self.text_size = 0
            if self.depth == self.record_depth:
                self.done.append((self.builder.close(), self.start_line))
                self.builder = None
        self.depth -= 1

    def close(self):
        return None


def _parse_error(path: Path, exc: ParseError) -> ImportFileError:
    line, column = getattr(exc, "position", (None, None))
    text = str(exc)
    if "no element found" in text or "unclosed token" in text:
        hint = "fichier XML tronqué (il s’arrête avant la fin)"
    elif "encoding" in text:
        hint = "encodage déclaré incorrect ou inconnu"
    elif "invalid token" in text or "not well-formed" in text:
        hint = "XML mal formé (caractère invalide : encodage différent de celui déclaré ?)"
    else:
        hint = "XML mal formé"
    return ImportFileError(path, line, f"{hint}, colonne {column} [{text.split(':')[0]}]")


def check_declared_encoding(path: Path, head: bytes) -> None:
    """Refuse a file declared in a single-byte encoding whose bytes are UTF-8 (mojibake otherwise)."""
    match = re.match(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']", head)
    if not match:
        return
    declared = match.group(1).decode("ascii").lower()
    if declared.replace("_", "-") in ("utf-8", "utf8", "us-ascii", "ascii"):
        return
    single_byte = re.match(r"(iso-?8859|latin|windows-125|cp125|cp850|cp437)", declared)
    if not single_byte:
        return
    sample = head.decode("utf-8", errors="ignore") if _mostly_utf8(head) else ""
    if sample and any(ord(ch) > 127 for ch in sample):
        raise ImportFileError(
            path, 1,
            f"encodage déclaré « {declared} » mais le contenu est en UTF-8 : "
            "corrigez la déclaration <?xml … encoding=…?>",
        )


def _mostly_utf8(data: bytes) -> bool:
    # The head may end inside a character: allow an incomplete final sequence only.
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"


def stream(
    path: Path,
    record_tags: set[str],
    record_depth: int,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[str, Element, int]]:
    """Yield (root tag, record element, start line) for each record, in file order."""
    path = Path(path)
    target = _Target(frozenset(record_tags), record_depth, path)
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    target.expat = parser.parser
    total = path.stat().st_size
    try:
        with path.open("rb") as handle:
            check_declared_encoding(path, handle.read(1 << 20))
            handle.seek(0)
            while chunk := handle.read(CHUNK):
                parser.feed(chunk)
                if progress:
                    progress(handle.tell(), total)
                for element, line in target.done:
                    yield target.root, element, line
                target.done.clear()
            parser.close()
    except ParseError as exc:
        raise _parse_error(path, exc) from None
    except (LookupError, UnicodeError) as exc:
        raise ImportFileError(path, 1, f"encodage déclaré inconnu ou incorrect ({exc})") from None
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        kind = {
            DTDForbidden: "une déclaration DOCTYPE (DTD)",
            EntitiesForbidden: "des entités XML déclarées (attaque « billion laughs » ?)",
            ExternalReferenceForbidden: "une référence externe (XXE)",
        }[type(exc)]
        raise ImportFileError(
            path, parser.parser.CurrentLineNumber, f"le fichier contient {kind} : refusé par sécurité"
        ) from None
    for element, line in target.done:
        yield target.root, element, line


def text(element: Element, tag: str) -> str:
    """The text of `element`'s child `tag` (tags are short names, e.g. 'wp:comment_id'); '' if absent."""
    found = child(element, tag)
    return (found.text or "") if found is not None else ""


def child(element: Element, tag: str) -> Element | None:
    # ElementTree's find() reads 'wp:x' as a namespace prefix; our tags are plain strings.
    for child in element:
        if child.tag == tag:
            return child
    return None


def line_of(element: Element) -> int | None:
    return element.get(LINE)
