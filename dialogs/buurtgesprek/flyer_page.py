"""The flyer's A4 page: who invites, when, where, until when concerns come in, the QR code to
send them, and the emergency numbers; in one language, or in two side by side, the zone's
default language on the left."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from dialogs.buurtgesprek.flyer_pen import (
    BASE_DPI,
    BLACK,
    FOOTER,
    GREY,
    HEADER,
    HEIGHT,
    INNER,
    MARGIN,
    NAVY,
    PANEL,
    QR_MAX,
    WHITE,
    WIDTH,
    Pen,
    qr_side,
)

GUTTER = 56  # between the two languages' columns
COLUMN = (INNER - GUTTER) / 2


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


def page(link: str, texts: tuple[FlyerText, ...], dpi: int) -> Image.Image:
    scale = dpi / BASE_DPI
    drawn = Image.new("RGB", (round(WIDTH * scale), round(HEIGHT * scale)), WHITE)
    pen = Pen(drawn, scale)
    if len(texts) == 1:
        _one(pen, link, texts[0])
    else:
        _two(pen, link, texts[0], texts[1])
    return drawn


def _one(pen: Pen, link: str, text: FlyerText) -> None:
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
    # The link takes the lines it needs, two at most: a long link wraps whole onto the second.
    link_high = pen.height(text.link, 26, INNER, 2)
    link_top = bottom - 36 - link_high
    side = qr_side(link, max(300, min(QR_MAX, link_top - top - 60)), pen.scale)
    pen.qr(link, MARGIN, top + (link_top - top - side) / 2, side)
    column = MARGIN + side + 50
    width = INNER - side - 50
    high = pen.height(text.call, 46, width, 3, True) + 24 + pen.height(text.how, 34, width, 7)
    y = top + (link_top - top - high) / 2  # the column centred beside the code
    y = pen.text(column, y, text.call, 46, bold=True, width=width, most=3)
    pen.text(column, y + 24, text.how, 34, width=width, most=7)
    pen.text(MARGIN, link_top, text.link, 26, GREY, width=INNER, most=2, centred=True)

    # Not for emergencies: the numbers to call, in a band across the bottom.
    pen.box(0, HEIGHT - FOOTER, WIDTH, HEIGHT, NAVY)
    high = len(pen.lines(text.emergency, 40, INNER, 2, True)) * 50 + 10
    high += len(pen.lines(text.emergency_note, 28, INNER, 2)) * 35
    y = pen.text(MARGIN, HEIGHT - (FOOTER + high) / 2, text.emergency, 40, WHITE, bold=True, most=2)
    pen.text(MARGIN, y + 10, text.emergency_note, 28, WHITE, most=2)


def _two(pen: Pen, link: str, first: FlyerText, second: FlyerText) -> None:
    """Both languages side by side, each in its column; the QR code, shared, in the middle."""
    columns = ((MARGIN, first), (MARGIN + COLUMN + GUTTER, second))

    pen.box(0, 0, WIDTH, HEADER, NAVY)
    pen.text(MARGIN, 30, first.header, 32, WHITE, bold=True, most=1)
    pen.text(MARGIN, 30 + 32 * 1.25 + 6, second.header, 32, WHITE, most=1)

    bottoms = []
    for x, text in columns:
        y = HEADER + 50.0
        y = pen.text(x, y, text.kicker.upper(), 24, NAVY, bold=True, width=COLUMN, most=1)
        y = pen.text(x, y + 4, text.title, 46, BLACK, bold=True, width=COLUMN, most=4)
        pen.box(x, y + 16, x + 120, y + 22, NAVY)
        y += 48
        for label, value in text.facts:
            y = pen.text(x, y, label, 22, GREY, width=COLUMN, most=1)
            y = pen.text(x, y + 2, value, 30, BLACK, width=COLUMN, most=2) + 14
        bottoms.append(y)
    top = max(bottoms)
    rule = MARGIN + COLUMN + GUTTER / 2
    pen.box(rule - 1, HEADER + 50, rule + 1, top - 10, PANEL)

    # The panel: the QR code centred, each language's call and how under it, the links last.
    top += 10
    bottom = HEIGHT - FOOTER - 40
    pen.box(MARGIN - 36, top, WIDTH - MARGIN + 36, bottom, PANEL)
    words = max(
        pen.height(t.call, 34, COLUMN, 3, True) + 12 + pen.height(t.how, 26, COLUMN, 6)
        for _, t in columns
    )
    links = sum(pen.height(t.link, 20, INNER, 2) for _, t in columns)
    room = bottom - top - 40 - words - 24 - links - 20
    side = qr_side(link, max(220, min(QR_MAX, room)), pen.scale)
    y = top + 20
    pen.qr(link, (WIDTH - side) / 2, y, side)
    y += side + 20
    for x, text in columns:
        under = pen.text(x, y, text.call, 34, bold=True, width=COLUMN, most=3)
        pen.text(x, under + 12, text.how, 26, width=COLUMN, most=6)
    y += words + 24
    for _, text in columns:
        y = pen.text(MARGIN, y, text.link, 20, GREY, most=2, centred=True)

    # The numbers to call, in both languages, across the bottom.
    pen.box(0, HEIGHT - FOOTER, WIDTH, HEIGHT, NAVY)
    for x, text in columns:
        high = (
            pen.height(text.emergency, 28, COLUMN, 3, True)
            + 8
            + pen.height(text.emergency_note, 20, COLUMN, 3)
        )
        y = HEIGHT - (FOOTER + high) / 2
        y = pen.text(x, y, text.emergency, 28, WHITE, bold=True, width=COLUMN, most=3)
        pen.text(x, y + 8, text.emergency_note, 20, WHITE, width=COLUMN, most=3)
