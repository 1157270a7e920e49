"""The author's picture: the photo of the settings, or a monogram drawn from the initials.

Also the favicon set, drawn with the same monogram. Pillow only; the letters
are set in the theme's own font (theme/static/fonts), so they look the same
on every machine that builds the site.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

# Drawn at 4x then reduced: smooth edges without Pillow's antialiasing options.
OVERSAMPLE = 4


def monogram(text: str, size: int, colour: str, ink: str, font: Path, *, round_: bool = True) -> Image.Image:
    """A square RGBA image: `text` centred on a disc (or a rounded square) of `colour`."""
    big = size * OVERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if round_:
        draw.ellipse((0, 0, big - 1, big - 1), fill=colour)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=colour)
    face = ImageFont.truetype(str(font), round(big * (0.42 if len(text) > 1 else 0.55)))
    draw.text((big / 2, big / 2), text, font=face, fill=ink, anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def portrait(photo: Path, size: int) -> Image.Image:
    """The photo cropped to a centred square of `size` pixels (EXIF orientation applied)."""
    with Image.open(photo) as source:
        image = ImageOps.exif_transpose(source).convert("RGB")
    return ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)


def write_icons(root: Path, folder: str, text: str, colour: str, ink: str, font: Path) -> None:
    """favicon.ico (16, 32, 48) and the touch icon at `root`, the 192 px icon in `root`/`folder`."""
    (root / folder).mkdir(parents=True, exist_ok=True)
    square = monogram(text, 192, colour, ink, font, round_=False)
    square.save(root / folder / "icon-192.png", optimize=True)
    # iOS draws its own rounded corners over an opaque square.
    touch = Image.new("RGB", (180, 180), colour)
    full = monogram(text, 180, colour, ink, font, round_=False)
    touch.paste(full, (0, 0), full)
    touch.save(root / "apple-touch-icon.png", optimize=True)
    square.save(root / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
