"""The French summary printed at the end of an import."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel.numbers import format_decimal

NBSP = "\u00a0"
MAX_REASONS = 12
MAX_LISTED = 50  # repaired comments listed one by one


def number(n: int) -> str:
    return format_decimal(n, locale="fr_FR")


@dataclass
class Summary:
    path: Path
    format: str
    dry_run: bool = False
    read: int = 0
    mentions: int = 0
    published: Counter = field(default_factory=Counter)
    pending: Counter = field(default_factory=Counter)
    spam: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)  # store files edited since the import
    notices: list[str] = field(default_factory=list)  # "<id> : what was repaired" (dates, orphans)

    def count(self, bucket: str) -> int:
        return sum(getattr(self, bucket).values())

    def lines(self) -> list[str]:
        plural = "s" if self.read > 1 else ""
        lines = [
            f"Import de « {self.path.name} » ({self.format}){NBSP}: "
            f"{number(self.read)} commentaire{plural} lu{plural}."
        ]
        if self.dry_run:
            lines.append("Simulation (--dry-run)" + NBSP + ": rien n’a été écrit.")
        mention = f" (dont {number(self.mentions)} mention{'s' if self.mentions > 1 else ''})" if self.mentions else ""
        for label, bucket, extra in (
            ("Publiés", "published", mention),
            ("En attente", "pending", ""),
            ("Indésirables", "spam", ""),
            ("Rejetés", "rejected", ""),
            ("Ignorés", "skipped", ""),
            ("Déjà présents, inchangés", "unchanged", ""),
        ):
            counter: Counter = getattr(self, bucket)
            if bucket == "rejected" and not counter:
                continue
            lines.append(f"  {label}{NBSP}: {number(sum(counter.values()))}{extra}")
            reasons = [(r, n) for r, n in counter.most_common() if r]
            for reason, n in reasons[:MAX_REASONS]:
                lines.append(f"    – {number(n)} × {reason}")
            if len(reasons) > MAX_REASONS:
                lines.append(f"    – … et {number(len(reasons) - MAX_REASONS)} autres motifs")
        if self.notices:
            lines.append(f"  Réparés à l’import{NBSP}: {number(len(self.notices))}")
            lines += [f"    – {n}" for n in self.notices[:MAX_LISTED]]
            if len(self.notices) > MAX_LISTED:
                lines.append(f"    – … et {number(len(self.notices) - MAX_LISTED)} autres")
        if self.conflicts:
            lines.append(
                f"  Modifiés depuis l’import, non écrasés{NBSP}: {number(len(self.conflicts))}"
            )
            lines += [f"    – {c}" for c in self.conflicts[:MAX_REASONS]]
            if len(self.conflicts) > MAX_REASONS:
                lines.append(f"    – … et {number(len(self.conflicts) - MAX_REASONS)} autres")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())
