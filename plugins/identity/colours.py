"""Brand colour to accessible theme colours: contrast checked, not hoped for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The backgrounds of theme/static/css/site.css (--bg, --bg-alt), light and dark:
# links sit on both (comments and the author card are on --bg-alt).
LIGHT_BG, DARK_BG = ("#fdfcfa", "#f2efe9"), ("#16171a", "#222429")
AA = 4.5


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _mix(colour: str, toward: str, share: float) -> str:
    a, b = _rgb(colour), _rgb(toward)
    return _hex(tuple(x + (y - x) * share for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def readable_on(colour: str, backgrounds: tuple[str, ...], ratio: float = AA) -> str:
    """`colour` mixed toward black or white (whichever the backgrounds call for),
    just enough to reach `ratio` against each of `backgrounds`."""
    target = "#000000" if luminance(backgrounds[0]) > 0.5 else "#ffffff"
    for step in range(101):
        candidate = _mix(colour, target, step / 100)
        if all(contrast(candidate, bg) >= ratio for bg in backgrounds):
            return candidate
    return target


def palette(brand: str) -> dict[str, str]:
    """The theme's colour custom properties derived from the brand colour."""
    light = readable_on(brand, LIGHT_BG, AA + 0.3)
    # Dark mode: brighter than the bare minimum, as links on a dark page read better so.
    dark = readable_on(brand, DARK_BG, 6.5)
    return {
        "brand": brand,
        "accent": light,
        "accent_hover": readable_on(light, LIGHT_BG, 8.0),
        "accent_dark": dark,
        "accent_hover_dark": readable_on(dark, DARK_BG, 10.0),
        # Text on a brand-coloured surface (buttons, badges, the share cards).
        "on_accent": "#ffffff" if contrast("#ffffff", light) >= AA else "#000000",
        "on_accent_dark": "#10243a" if contrast("#10243a", dark) >= AA else "#000000",
    }


def custom_properties(colours: Mapping[str, str]) -> str:
    """CSS giving a page `palette()`'s colours as the custom properties site.css uses, light and
    dark: what theme/templates/base.html writes in each page's head."""
    c = colours
    return (f":root{{--brand:{c['brand']};--accent:{c['accent']};--accent-hover:{c['accent_hover']};"
            f"--on-accent:{c['on_accent']}}}@media (prefers-color-scheme:dark){{:root{{--accent:{c['accent_dark']};"
            f"--accent-hover:{c['accent_hover_dark']};--on-accent:{c['on_accent_dark']}}}}}")


def site_colours(settings: Mapping[str, Any]) -> str:
    """The custom properties of IDENTITY's brand colour (checked as the build checks it), for pages
    the theme does not render: the comment service's (COMMENTS['colours'] names this function)."""
    from declared_settings import load, stored_key

    from .settings import Identity

    identity = settings.get(stored_key("IDENTITY"))
    if not isinstance(identity, Identity):
        identity = load(Identity, settings.get("IDENTITY"), "IDENTITY", settings)
    return identity.colours_css
