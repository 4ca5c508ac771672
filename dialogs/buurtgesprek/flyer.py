"""The printable invitation of a meeting: an A4 page with who invites, when, where, until when
concerns come in, the QR code to send them, and the emergency numbers.

A zone that offers two languages or more prints its first two side by side, the default one
first, so one flyer in a letterbox reaches every resident. The page is laid out in pixels at
150 dots per inch and drawn at any resolution: 150 for the picture on a phone, 300 for the
PDF that goes to the printer (see flyer_page.py and flyer_pen.py).
"""

from __future__ import annotations

import io
from functools import partial

from dialogs.buurtgesprek import meeting_text
from dialogs.buurtgesprek.flyer_page import FlyerText, page
from dialogs.buurtgesprek.flyer_pen import BASE_DPI, PRINT_DPI
from dialogs.buurtgesprek.meeting_text import title
from dialogs.engine.file_names import with_suffix
from dialogs.engine.replies import Deferred, File, Picture
from dialogs.engine.texts import Html, Texts
from dialogs.engine.turn import Turn
from storage import people
from storage.meetings import Meeting

__all__ = [
    "FlyerText",
    "flyer_pdf",
    "flyer_png",
    "printed_languages",
    "send_flyer",
    "send_flyer_of",
    "zone_header",
]
PRINTED_LANGUAGES = 2  # side by side on one A4 page


async def send_flyer(turn: Turn, meeting: Meeting, link: str) -> None:
    """The flyer as a picture to look at and as an A4 PDF to print."""
    name = title(turn.texts, meeting)
    officer = await people.get(turn.conn, meeting.officer_id)
    officer_name = officer.name if officer is not None else ""
    texts = tuple(
        flyer_text(language, turn.zone.name, meeting, officer_name, link)
        for language in printed_languages(turn)
    )
    caption = turn.t("meeting.flyer_caption", title=name)
    filename = turn.label(
        "meeting.flyer_name", date=turn.texts.local(meeting.starts_at).date().isoformat()
    )
    send_flyer_of(turn, link, texts, caption, filename, turn.t("meeting.flyer_print"))


def send_flyer_of(
    turn: Turn,
    link: str,
    texts: tuple[FlyerText, ...],
    caption: Html,
    filename: str,
    printable: Html,
) -> None:
    """Any flyer (a meeting's, a BIN's) as a picture and as an A4 PDF, in its languages,
    both named after `filename` (the PDF's name): "bin-centrum.png" and "bin-centrum.pdf"."""
    # Drawn after the transaction, in a worker thread: the PDF at 300 dpi takes a moment.
    picture_name, pdf_name = with_suffix(filename, ".png"), with_suffix(filename, ".pdf")
    turn.replies.append(Deferred(partial(_picture, link, texts, caption, picture_name)))
    turn.replies.append(Deferred(partial(_printable, link, texts, pdf_name, printable)))


def printed_languages(turn: Turn) -> list[Texts]:
    """The languages a flyer is printed in: the zone's first two, the default first."""
    return [turn.texts_of(language) for language in turn.zone.languages[:PRINTED_LANGUAGES]]


def zone_header(texts: Texts, zone: str) -> str:
    """The top of a flyer: the zone that invites."""
    if zone:
        return texts.plain("meeting.flyer_zone", zone=zone)
    return texts.plain("meeting.flyer_zone_unnamed")


def _picture(link: str, texts: tuple[FlyerText, ...], caption: str, filename: str) -> Picture:
    return Picture(flyer_png(link, *texts), caption, filename=filename)


def _printable(link: str, texts: tuple[FlyerText, ...], filename: str, caption: str) -> File:
    return File(flyer_pdf(link, *texts), filename, caption)


def flyer_text(texts: Texts, zone: str, meeting: Meeting, officer: str, link: str) -> FlyerText:
    """Every word of the meeting's flyer in one language: the zone, the meeting, the officer,
    the numbers."""
    plain = texts.plain
    facts = [
        (plain("meeting.flyer_when"), meeting_text.when(texts, meeting)),
        (plain("meeting.flyer_where"), meeting.place),
    ]
    if officer:
        facts.append((plain("meeting.flyer_officer"), officer))
    return FlyerText(
        header=zone_header(texts, zone),
        kicker=plain("meeting.flyer_kicker"),
        title=title(texts, meeting),
        facts=tuple(facts),
        call=plain("meeting.flyer_call"),
        how=plain(
            "meeting.flyer_how",
            until=meeting_text.deadline_plain(texts, meeting.intake_until),
        ),
        link=plain("meeting.flyer_hint", link=link),
        emergency=plain("meeting.flyer_emergency"),
        emergency_note=plain("meeting.flyer_emergency_note"),
    )


def flyer_png(link: str, *texts: FlyerText) -> bytes:
    """The flyer as a picture, with its print size (150 dpi, so A4) in the file."""
    buffer = io.BytesIO()
    page(link, texts, BASE_DPI).save(buffer, format="PNG", optimize=True, dpi=(BASE_DPI, BASE_DPI))
    return buffer.getvalue()


def flyer_pdf(link: str, *texts: FlyerText) -> bytes:
    """The flyer as a one-page A4 PDF at 300 dpi, sharp enough for any office printer."""
    buffer = io.BytesIO()
    name = " / ".join(text.title for text in texts)
    page(link, texts, PRINT_DPI).save(
        buffer, format="PDF", resolution=float(PRINT_DPI), quality=92, title=name
    )
    return buffer.getvalue()
