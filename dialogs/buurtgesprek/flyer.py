"""The printable invitation of a meeting: an A4 page with who invites, when, where, until when
concerns come in, the QR code to send them, and the emergency numbers.

Drawn with Pillow's built-in scalable font, so it renders the same on a server without a
screen or installed fonts. The page is laid out in pixels at 150 dots per inch and drawn at
any resolution: 150 for the picture on a phone, 300 for the PDF that goes to the printer.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from PIL import Image, ImageDraw, ImageFont

from dialogs.buurtgesprek import meeting_text
from dialogs.buurtgesprek.meeting_text import title
from dialogs.engine.qr import qr_png
from dialogs.engine.replies import Deferred, File, Picture
from dialogs.engine.texts import Html
from dialogs.engine.turn import Turn
from storage import people
from storage.meetings import Meeting

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

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class FlyerText:
    """Every word on the flyer, already in the reader's language."""

    header: str  # the zone that invites
    kicker: str  # "Uitnodiging"
    title: str
    facts: tuple[tuple[str, str], ...]  # (label, value): when, where, the officer
    call: str  # the question the QR code answers
    how: str  # until when, and how
    link: str  # the link for those who cannot scan
    emergency: str  # 101 and 112
    emergency_note: str  # what the code is not for


async def send_flyer(turn: Turn, meeting: Meeting, link: str) -> None:
    """The flyer as a picture to look at and as an A4 PDF to print."""
    name = title(turn.texts, meeting)
    text = await _flyer_text(turn, meeting, link)
    caption = turn.t("meeting.flyer_caption", title=name)
    filename = turn.label(
        "meeting.flyer_name", date=turn.texts.local(meeting.starts_at).date().isoformat()
    )
    send_flyer_of(turn, link, text, caption, filename, turn.t("meeting.flyer_print"))


def send_flyer_of(
    turn: Turn, link: str, text: FlyerText, caption: Html, filename: str, printable: Html
) -> None:
    """Any flyer as a picture and an A4 PDF (a meeting's, a BIN's)."""
    # Drawn after the transaction, in a worker thread: the PDF at 300 dpi takes a moment.
    turn.replies.append(Deferred(partial(_picture, link, text, caption)))
    turn.replies.append(Deferred(partial(_printable, link, text, filename, printable)))


def zone_header(turn: Turn) -> str:
    """The top of a flyer: the zone that invites."""
    if turn.zone.name:
        return turn.texts.plain("meeting.flyer_zone", zone=turn.zone.name)
    return turn.texts.plain("meeting.flyer_zone_unnamed")


def _picture(link: str, text: FlyerText, caption: str) -> Picture:
    return Picture(flyer_png(link, text), caption)


def _printable(link: str, text: FlyerText, filename: str, caption: str) -> File:
    return File(flyer_pdf(link, text), filename, caption)


async def _flyer_text(turn: Turn, meeting: Meeting, link: str) -> FlyerText:
    """Every word of the meeting's flyer: the zone, the meeting, the officer, the numbers."""
    officer = await people.get(turn.conn, meeting.officer_id)
    plain = turn.texts.plain
    facts = [
        (plain("meeting.flyer_when"), meeting_text.when(turn.texts, meeting)),
        (plain("meeting.flyer_where"), meeting.place),
    ]
    if officer is not None and officer.name:
        facts.append((plain("meeting.flyer_officer"), officer.name))
    return FlyerText(
        header=zone_header(turn),
        kicker=plain("meeting.flyer_kicker"),
        title=title(turn.texts, meeting),
        facts=tuple(facts),
        call=plain("meeting.flyer_call"),
        how=plain(
            "meeting.flyer_how",
            until=meeting_text.deadline_plain(turn.texts, meeting.intake_until),
        ),
        link=plain("meeting.flyer_hint", link=link),
        emergency=plain("meeting.flyer_emergency"),
        emergency_note=plain("meeting.flyer_emergency_note"),
    )


def flyer_png(link: str, text: FlyerText) -> bytes:
    """The flyer as a picture, with its print size (150 dpi, so A4) in the file."""
    buffer = io.BytesIO()
    _page(link, text, BASE_DPI).save(buffer, format="PNG", optimize=True, dpi=(BASE_DPI, BASE_DPI))
    return buffer.getvalue()


def flyer_pdf(link: str, text: FlyerText) -> bytes:
    """The flyer as a one-page A4 PDF at 300 dpi, sharp enough for any office printer."""
    buffer = io.BytesIO()
    _page(link, text, PRINT_DPI).save(
        buffer, format="PDF", resolution=float(PRINT_DPI), quality=92, title=text.title
    )
    return buffer.getvalue()


class _Pen:
    """Draws on a page measured in 150-dpi pixels, whatever the page's real resolution."""

    def __init__(self, page: Image.Image, scale: float) -> None:
        self.draw = ImageDraw.Draw(page)
        self.scale = scale

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def font(self, size: int) -> Font:
        return ImageFont.load_default(size=self.px(size))

    def box(self, left: float, top: float, right: float, bottom: float, fill: Colour) -> None:
        self.draw.rectangle(
            (self.px(left), self.px(top), self.px(right), self.px(bottom)), fill=fill
        )

    def lines(self, text: str, size: int, width: float, most: int = 4) -> list[str]:
        return _wrapped(self.draw, text, self.font(size), self.px(width))[:most]

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: int,
        fill: Colour = BLACK,
        bold: bool = False,
        width: float = WIDTH - 2 * MARGIN,
        most: int = 4,
        centred: bool = False,
    ) -> float:
        """Wrapped text from (x, y); returns the y under it. Bold is drawn with a stroke."""
        font = self.font(size)
        stroke = max(1, self.px(size / 36)) if bold else 0
        for line in self.lines(text, size, width, most):
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


def _page(link: str, text: FlyerText, dpi: int) -> Image.Image:
    scale = dpi / BASE_DPI
    page = Image.new("RGB", (round(WIDTH * scale), round(HEIGHT * scale)), WHITE)
    pen = _Pen(page, scale)
    inner = WIDTH - 2 * MARGIN

    # The zone that invites, in a band across the top.
    pen.box(0, 0, WIDTH, HEADER, NAVY)
    pen.text(MARGIN, (HEADER - 40) / 2, text.header, 40, WHITE, bold=True, most=1)

    # What, when, where, who.
    y = HEADER + 70.0
    y = pen.text(MARGIN, y, text.kicker.upper(), 30, NAVY, bold=True, most=1)
    y = pen.text(MARGIN, y + 6, text.title, 72, BLACK, bold=True, most=3)
    pen.box(MARGIN, y + 24, MARGIN + 160, y + 32, NAVY)
    y += 70
    for label, value in text.facts:
        y = pen.text(MARGIN, y, label, 28, GREY, most=1)
        y = pen.text(MARGIN, y + 2, value, 44, BLACK, most=2) + 22

    # The lower part: the QR code and how to use it on a tinted panel, the link under them.
    top, bottom = y + 10, HEIGHT - FOOTER - 56
    pen.box(MARGIN - 36, top, WIDTH - MARGIN + 36, bottom, PANEL)
    link_top = bottom - 36 - 26 * 1.25
    code = _qr(link, pen.px(max(300, min(QR_MAX, link_top - top - 60))))
    side = code.width / scale  # a whole number of pixels per module: about the size asked
    page.paste(code, (pen.px(MARGIN), pen.px(top + (link_top - top - side) / 2)))
    column = MARGIN + side + 50
    width = inner - side - 50
    call_lines = len(pen.lines(text.call, 46, width, 3))
    how_lines = len(pen.lines(text.how, 34, width, 7))
    high = call_lines * 46 * 1.25 + 24 + how_lines * 34 * 1.25
    y = top + (link_top - top - high) / 2  # the column centred beside the code
    y = pen.text(column, y, text.call, 46, bold=True, width=width, most=3)
    pen.text(column, y + 24, text.how, 34, width=width, most=7)
    pen.text(MARGIN, link_top, text.link, 26, GREY, width=inner, most=1, centred=True)

    # Not for emergencies: the numbers to call, in a band across the bottom.
    pen.box(0, HEIGHT - FOOTER, WIDTH, HEIGHT, NAVY)
    high = len(pen.lines(text.emergency, 40, inner, 2)) * 50 + 10
    high += len(pen.lines(text.emergency_note, 28, inner, 2)) * 35
    y = pen.text(MARGIN, HEIGHT - (FOOTER + high) / 2, text.emergency, 40, WHITE, bold=True, most=2)
    pen.text(MARGIN, y + 10, text.emergency_note, 28, WHITE, most=2)
    return page


def _qr(link: str, side: int) -> Image.Image:
    """The link's QR code, quiet zone included, scaled to about `side` pixels."""
    small = Image.open(io.BytesIO(qr_png(link, scale=1))).convert("RGB")
    scale = max(1, side // small.width)
    return small.resize((small.width * scale, small.height * scale), Image.Resampling.NEAREST)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
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
