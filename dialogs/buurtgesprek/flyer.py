"""The printable QR code of a meeting: an A4 page's worth of picture with the words under it.

Drawn with Pillow's built-in scalable font, so it renders the same on a server without a
screen or installed fonts.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from dialogs.engine.qr import qr_png

# A4 at 150 dots per inch: sharp enough on paper, small enough to send as a photo.
WIDTH, HEIGHT = 1240, 1754
MARGIN = 100
QR_SIZE = 900
_SIZES = (64, 44, 44, 30)  # title, moment, place, the line with the link


def flyer_png(link: str, lines: list[str]) -> bytes:
    """The link's QR code with `lines` (title, moment, place, a hint) centred under it."""
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    small = Image.open(io.BytesIO(qr_png(link, scale=1)))
    scale = QR_SIZE // small.width
    code = small.convert("L").resize(
        (small.width * scale, small.height * scale), Image.Resampling.NEAREST
    )
    page.paste(code, ((WIDTH - code.width) // 2, MARGIN))
    draw = ImageDraw.Draw(page)
    y = MARGIN + code.height + 40
    for index, line in enumerate(lines):
        size = _SIZES[min(index, len(_SIZES) - 1)]
        font = ImageFont.load_default(size=size)
        for part in _wrapped(draw, line, font, WIDTH - 2 * MARGIN):
            width = draw.textlength(part, font=font)
            draw.text(((WIDTH - width) / 2, y), part, fill=0, font=font)
            y += int(size * 1.3)
        y += size // 2
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _wrapped(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> list[str]:
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
    return lines[:4]  # a runaway place name must not push the text off the page
