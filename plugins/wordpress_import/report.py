"""The French report of a whole-blog import: every item and comment of the export accounted for."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from comments.importers.summary import NBSP, Summary, number

from .plan import ARTICLE, MEDIA, PAGE, SKIPPED, Entry
from .shortcodes import Found
from .write import Outcome

MAX_LISTED = 30


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{number(n)} {word if n <= 1 else (plural or word + 's')}"


def _listed(values: list[str], indent: str = "    ") -> list[str]:
    lines = [f"{indent}– {v}" for v in values[:MAX_LISTED]]
    if len(values) > MAX_LISTED:
        lines.append(f"{indent}– … et {number(len(values) - MAX_LISTED)} autres")
    return lines


@dataclass
class Report:
    path: Path
    dry_run: bool
    comments: Summary
    kinds: Counter = field(default_factory=Counter)  # article, draft, page, page-draft, media
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    notes: list[str] = field(default_factory=list)  # "<file> : what was repaired"
    extra_categories: dict[str, list[str]] = field(default_factory=dict)  # file -> categories made tags
    shortcodes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # name -> files
    dynamic_blocks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    embeds: int = 0
    plain_links: int = 0
    files: Outcome | None = None
    media: tuple[int, int, list[str]] = (0, 0, [])
    missing: dict[str, str] = field(default_factory=dict)  # old address -> file that uses it
    links: tuple[int, int] = (0, 0)  # internal links rewritten, links to the old site left as they are
    addresses: dict[str, str] = field(default_factory=dict)

    def count(self, entry: Entry) -> None:
        if entry.kind == SKIPPED:
            self.skipped[entry.reason] += 1
        elif entry.kind == MEDIA:
            self.kinds["media"] += 1
        else:
            self.kinds[entry.kind + ("-draft" if entry.draft else "")] += 1

    def found(self, source: str, found: Found, plain_links: int) -> None:
        for name in dict.fromkeys(found.unknown):
            self.shortcodes[name].append(source)
        for name in dict.fromkeys(found.dynamic_blocks):
            self.dynamic_blocks[name].append(source)
        self.embeds += found.embeds
        self.plain_links += plain_links

    @property
    def read(self) -> int:
        return sum(self.kinds.values()) + sum(self.skipped.values())

    def lines(self) -> list[str]:
        lines = [f"Import du blog « {self.path.name} » (WordPress){NBSP}: {_plural(self.read, 'élément')} lu"
                 f"{'s' if self.read > 1 else ''}."]
        if self.dry_run:
            lines.append(f"Simulation (--dry-run){NBSP}: rien n’a été écrit.")
        k = self.kinds
        lines.append(f"  Articles{NBSP}: {number(k[ARTICLE] + k[ARTICLE + '-draft'])}"
                     + (f" (dont {_plural(k[ARTICLE + '-draft'], 'brouillon')})" if k[ARTICLE + "-draft"] else ""))
        lines.append(f"  Pages{NBSP}: {number(k[PAGE] + k[PAGE + '-draft'])}"
                     + (f" (dont {_plural(k[PAGE + '-draft'], 'brouillon')})" if k[PAGE + "-draft"] else ""))
        lines.append(f"  Fichiers joints (médias){NBSP}: {number(k['media'])}")
        lines.append(f"  Ignorés{NBSP}: {number(sum(self.skipped.values()))}")
        lines += _listed([f"{number(n)} × {reason}" for reason, n in sorted(self.skipped.items())])
        if self.files:
            lines.append(f"Fichiers Markdown{NBSP}: {number(len(self.files.written))} écrits, "
                         f"{number(len(self.files.unchanged))} déjà présents et inchangés.")
            if self.files.conflicts:
                lines.append(f"  Modifiés depuis l’import, non écrasés{NBSP}: {number(len(self.files.conflicts))}")
                lines += _listed(self.files.conflicts)
        if self.extra_categories:
            lines.append(f"Catégories multiples{NBSP}: la première reste la catégorie, les autres deviennent "
                         f"des étiquettes ({_plural(len(self.extra_categories), 'article')}).")
            lines += _listed([f"{f}{NBSP}: {', '.join(c)}" for f, c in sorted(self.extra_categories.items())])
        if self.notes:
            lines.append(f"Réparés à l’import{NBSP}: {number(len(self.notes))}")
            lines += _listed(self.notes)
        if self.shortcodes:
            lines.append(f"Codes courts inconnus, laissés tels quels dans le texte{NBSP}: {number(len(self.shortcodes))}")
            lines += _listed([f"[{n}]{NBSP}: {', '.join(files[:5])}" + (" …" if len(files) > 5 else "")
                              for n, files in sorted(self.shortcodes.items())])
        if self.dynamic_blocks:
            lines.append(f"Blocs dynamiques de WordPress, non repris{NBSP}: {number(len(self.dynamic_blocks))}")
            lines += _listed([f"{n}{NBSP}: {', '.join(files[:5])}" + (" …" if len(files) > 5 else "")
                              for n, files in sorted(self.dynamic_blocks.items())])
        if self.embeds or self.plain_links:
            lines.append(f"Intégrations et images externes devenues des liens simples{NBSP}: "
                         f"{number(self.embeds + self.plain_links)}")
        copied, unchanged, conflicts = self.media
        lines.append(f"Images et fichiers{NBSP}: {_plural(copied, 'copié')} dans content/images/, "
                     f"{_plural(unchanged, 'déjà présent', 'déjà présents')}, "
                     f"{_plural(len(self.missing), 'manquant')}.")
        lines += _listed([f"{url} (dans {where})" for url, where in self.missing.items()])
        if conflicts:
            lines.append(f"  Différents dans content/, non écrasés{NBSP}: {number(len(conflicts))}")
            lines += _listed(conflicts)
        rewritten, unresolved = self.links
        lines.append(f"Liens internes{NBSP}: {_plural(rewritten, 'réécrit')} en liens Pelican"
                     + (f", {number(unresolved)} vers l’ancien site laissés tels quels (rien de l’export à cette adresse)"
                        if unresolved else "") + ".")
        lines.append(f"Anciennes adresses de médias, catégories et étiquettes{NBSP}: {number(len(self.addresses))}"
                     " (content/wordpress-addresses.json, lu par wp_redirects).")
        lines.append("Commentaires" + NBSP + ":")
        lines += ["  " + line for line in self.comments.lines()]
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())
