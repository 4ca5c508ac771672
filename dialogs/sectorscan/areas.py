"""The zone's wijken as a contact is given one: chosen from those the zone knows, never made
by a typing slip.

A wijk exists as soon as something names it (an officer, a contact, a meeting), and every
name shows in /wijk, /zone and the export; so a new name comes only after a confirmation (in
the contact form) or an explicit `--new-areas` (in the import), and a known wijk typed in
other capitals or spacing is the known one.
"""

from __future__ import annotations

import aiosqlite

from storage import analysis

OTHER = "andere"  # the option of the contact form that asks for a name


def name_key(name: str) -> str:
    """A name as compared: capitals and spaces do not count."""
    return "".join(name.casefold().split())


def known(name: str, areas: list[str]) -> str | None:
    """The wijk of the zone this name means, in the zone's spelling, if it is one."""
    key = name_key(name)
    return next((area for area in areas if name_key(area) == key), None)


def looks_like_a_name(name: str) -> bool:
    """A wijk is named with letters: a phone number or a postcode alone is not a wijk."""
    return sum(c.isalpha() for c in name) >= 2


async def zone_areas(conn: aiosqlite.Connection, officer_id: int) -> list[str]:
    """Every wijk of the zone, the officer's own (his, his contacts', his meetings') first."""
    own = await analysis.areas(conn, officer_id)
    others = [area for area in await analysis.areas(conn) if area not in own]
    return own + others
