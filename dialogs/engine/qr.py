"""QR code pictures of links, to show on a phone or print on paper."""

from __future__ import annotations

import io

import segno


def qr_png(link: str, scale: int = 10) -> bytes:
    """A PNG of the link as a QR code; scale 10 gives about 400 px, easy to scan off a screen."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
