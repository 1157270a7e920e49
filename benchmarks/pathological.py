"""CommonMark's pathological inputs (tests/data/commonmark/pathological.json,
from cmark's test suite; source and licence beside it), built from their
recipes at full size or scaled down to a comment's size.

A recipe is a list of parts, concatenated:
- {"text": s}: s;
- {"repeat": s, "count": n}: s * n;
- {"ramp": [before, unit, after], "from": a, "to": b}: before + unit * i + after for i in range(a, b);
- {"each": template, "values": [...]}: template.format(v) for each value.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "commonmark" / "pathological.json"


@cache
def recipes() -> dict[str, list[dict]]:
    """Name -> recipe, in cmark's order."""
    return json.loads(DATA.read_text(encoding="utf-8"))["inputs"]


def _part(part: dict, scale: float) -> str:
    def scaled(n: int) -> int:
        return max(1, int(n * scale))

    if "text" in part:
        return part["text"]
    if "repeat" in part:
        return part["repeat"] * scaled(part["count"])
    if "ramp" in part:
        before, unit, after = part["ramp"]
        start = part["from"]
        stop = start + scaled(part["to"] - start)
        return "".join(before + unit * i + after for i in range(start, stop))
    if "each" in part:
        values = part["values"]
        return "".join(part["each"].format(v) for v in values[:scaled(len(values))])
    raise ValueError(f"unknown recipe part: {sorted(part)}")


def build(recipe: list[dict], scale: float = 1.0) -> str:
    """The input, every count multiplied by `scale` (at least one of each)."""
    return "".join(_part(part, scale) for part in recipe)


def sized(recipe: list[dict], limit: int) -> str:
    """The input at full size if it fits in `limit` characters, else scaled down
    to the largest size that does (same structure, fewer repetitions)."""
    full = build(recipe)
    if len(full) <= limit:
        return full
    low, high = 0.0, 1.0
    for _ in range(30):  # bisection on the scale: sizes grow with it
        middle = (low + high) / 2
        if len(build(recipe, middle)) <= limit:
            low = middle
        else:
            high = middle
    return build(recipe, low)


def inputs(limit: int | None = None) -> dict[str, str]:
    """Every pathological input, at full size or scaled to at most `limit` characters."""
    return {name: build(r) if limit is None else sized(r, limit) for name, r in recipes().items()}
