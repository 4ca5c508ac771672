"""Drawing on the flyer's page: sizes measured in 150-dpi pixels whatever the resolution drawn
at, wrapped text, and the QR code scaled by whole pixels so it stays sharp.

The letters are DejaVu Sans, the font that comes with matplotlib (already a dependency, for the
charts), so a server needs no fonts installed and every accent of French and Dutch prints
(Pillow's built-in font has none: "réunion", "één" came out as boxes). Without matplotlib's
fonts the built-in one is used.
"""

from __future__ import annotations

import importlib.util
import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from dialogs.engine.qr import qr_png

BASE_DPI = 150
WIDTH, HEIGHT = 1240, 1754  # A4 (210 x 297 mm) at 150 dots per inch
PRINT_DPI = 300
MARGIN = 96
HEADER, FOOTER = 150, 210  # heights of the bands at the top and the bottom
QR_MAX = 560
NAVY = (24, 52, 96)
PANEL = (232, 238, 246)
GREY = (96, 104, 116)
WHITE = (255, 255, 255)
BLACK = (20, 20, 20)
INNER = WIDTH - 2 * MARGIN

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Colour = tuple[int, int, int]


class Pen:
    """Draws on a page measured in 150-dpi pixels, whatever the page's real resolution."""

    def __init__(self, page: Image.Image, scale: float) -> None:
        self.page = page
        self.draw = ImageDraw.Draw(page)
        self.scale = scale

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def font(self, size: int, bold: bool = False) -> Font:
        return font(self.px(size), bold)

    def box(self, left: float, top: float, right: float, bottom: float, fill: Colour) -> None:
        self.draw.rectangle(
            (self.px(left), self.px(top), self.px(right), self.px(bottom)), fill=fill
        )

    def lines(
        self, text: str, size: int, width: float, most: int = 4, bold: bool = False
    ) -> list[str]:
        return wrapped(self.draw, text, self.font(size, bold), self.px(width))[:most]

    def height(
        self, text: str, size: int, width: float, most: int = 4, bold: bool = False
    ) -> float:
        return len(self.lines(text, size, width, most, bold)) * size * 1.25

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: int,
        fill: Colour = BLACK,
        bold: bool = False,
        width: float = INNER,
        most: int = 4,
        centred: bool = False,
    ) -> float:
        """Wrapped text from (x, y); returns the y under it."""
        font = self.font(size, bold)
        # Without a bold font file, bold is drawn with a stroke.
        stroke = max(1, self.px(size / 36)) if bold and font_file(bold) is None else 0
        for line in self.lines(text, size, width, most, bold):
            left = x
            if centred:
                left = x + (width - self.draw.textlength(line, font=font) / self.scale) / 2
            self.draw.text(
                (self.px(left), self.px(y)),
                line,
                fill=fill,
                font=font,
                stroke_width=stroke,
                stroke_fill=fill,
            )
            y += size * 1.25
        return y

    def qr(self, link: str, left: float, top: float, side: float) -> float:
        """The link's QR code at (left, top), about `side` wide; returns its real side."""
        code = qr_image(link, self.px(side))
        self.page.paste(code, (self.px(left), self.px(top)))
        return code.width / self.scale


@cache
def font_file(bold: bool) -> Path | None:
    """matplotlib's DejaVu Sans, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf" / name
    return path if path.exists() else None


@cache
def font(pixels: int, bold: bool) -> Font:
    path = font_file(bold)
    if path is None:
        return ImageFont.load_default(size=pixels)
    return ImageFont.truetype(str(path), pixels)


def qr_image(link: str, side: int) -> Image.Image:
    """The link's QR code, quiet zone included, scaled to about `side` pixels."""
    small = Image.open(io.BytesIO(qr_png(link, scale=1))).convert("RGB")
    scale = max(1, side // small.width)
    return small.resize((small.width * scale, small.height * scale), Image.Resampling.NEAREST)


def qr_side(link: str, side: float, scale: float) -> float:
    """The side the QR code will have when asked for `side` (whole pixels per module)."""
    return qr_image(link, round(side * scale)).width / scale


def wrapped(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    """Words to lines no wider than `width`; a single word too long is cut into pieces."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while draw.textlength(word, font=font) > width:
            cut = len(word)
            while cut > 1 and draw.textlength(word[:cut], font=font) > width:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
