"""A meeting's agenda: concerns grouped by problem, ranked by the residents behind them.

A group's weight is the number of different residents who raised or supported any of its
concerns, so one resident who writes three concerns, or supports what he wrote, counts
once. A concern the officer merged into another is listed under it and adds its residents.
The same agenda is shown as Telegram messages and as a CSV file, built from one model.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

import aiosqlite

from dialogs.buurtgesprek.meeting_text import title, when
from dialogs.engine.limits import MESSAGE_LIMIT, split_html, visible_length
from dialogs.engine.texts import Html, Texts
from dialogs.sectorscan.problem_list import Problems
from storage import concerns as concern_store
from storage.concerns import Concern, Support
from storage.meetings import Meeting

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Voice = tuple[str, int]  # ("p", person id); an erased author or supporter counts on its own


@dataclass(frozen=True, slots=True)
class Item:
    number: int
    concern: Concern
    merged: tuple[Item, ...]
    voices: int  # residents who raised or supported it, merged concerns included
    supports: int


@dataclass(frozen=True, slots=True)
class Group:
    rank: int
    problem: str
    items: tuple[Item, ...]
    voices: int

    @property
    def concerns(self) -> int:
        return sum(1 + len(item.merged) for item in self.items)


@dataclass(frozen=True, slots=True)
class Agenda:
    meeting: Meeting
    groups: tuple[Group, ...]
    concerns: int
    authors: int  # different residents who wrote a concern
    supports: int
    residents: int  # different residents who wrote or supported

    def item(self, concern_id: int) -> Item | None:
        for group in self.groups:
            for item in group.items:
                for one in (item, *item.merged):
                    if one.concern.id == concern_id:
                        return one
        return None

    def group_of(self, problem: str) -> Group | None:
        return next((g for g in self.groups if g.problem == problem), None)


def build(
    meeting: Meeting, concerns: list[Concern], supports: list[Support], problems: Problems
) -> Agenda:
    by_concern: dict[int, list[Support]] = {}
    for support in supports:
        by_concern.setdefault(support.concern_id, []).append(support)
    children: dict[int, list[Concern]] = {}
    for concern in concerns:
        if concern.merged_into is not None:
            children.setdefault(concern.merged_into, []).append(concern)
    known = {c.id for c in concerns}
    tops = [c for c in concerns if c.merged_into is None or c.merged_into not in known]

    def voices(concern: Concern) -> set[Voice]:
        found = {_author(concern)}
        found |= {_supporter(s) for s in by_concern.get(concern.id, [])}
        return found

    grouped: dict[str, list[tuple[Concern, set[Voice], int]]] = {}
    for top in tops:
        family = [top, *children.get(top.id, [])]
        heard = set().union(*(voices(c) for c in family))
        count = sum(len(by_concern.get(c.id, [])) for c in family)
        grouped.setdefault(top.problem, []).append((top, heard, count))

    ranked = sorted(
        grouped.items(),
        key=lambda entry: (
            -len(set().union(*(heard for _, heard, _ in entry[1]))),
            -len(entry[1]),
            problems.position(entry[0]),
        ),
    )
    groups = []
    number = 0
    for rank, (problem, entries) in enumerate(ranked, start=1):
        items = []
        for top, heard, count in sorted(entries, key=lambda e: (-len(e[1]), e[0].id)):
            number += 1
            first = number
            merged = []
            for child in children.get(top.id, []):
                number += 1
                child_count = len(by_concern.get(child.id, []))
                merged.append(Item(number, child, (), len(voices(child)), child_count))
            items.append(Item(first, top, tuple(merged), len(heard), count))
        heard_here = set().union(*(heard for _, heard, _ in entries))
        groups.append(Group(rank, problem, tuple(items), len(heard_here)))
    authors = {_author(c) for c in concerns}
    everyone = authors | {_supporter(s) for s in supports}
    return Agenda(meeting, tuple(groups), len(concerns), len(authors), len(supports), len(everyone))


async def load(conn: aiosqlite.Connection, meeting: Meeting, problems: Problems) -> Agenda:
    """The agenda of a meeting as it stands now."""
    found = await concern_store.list_for_meeting(conn, meeting.id)
    supports = await concern_store.supports_for_meeting(conn, meeting.id)
    return build(meeting, found, supports, problems)


def _author(concern: Concern) -> Voice:
    return ("p", concern.author_id) if concern.author_id is not None else ("c", concern.id)


def _supporter(support: Support) -> Voice:
    return ("p", support.person_id) if support.person_id is not None else ("s", support.id)


# -- as Telegram messages ------------------------------------------------------------------


def messages(texts: Texts, agenda: Agenda, problems: Problems) -> list[Html]:
    """The agenda as messages under Telegram's limit, split only between whole lines."""
    meeting = agenda.meeting
    header = [
        texts.t("agenda.title", title=title(texts, meeting)),
        texts.t("agenda.when", when=when(texts, meeting), place=meeting.place),
        texts.t(
            "agenda.totals",
            concerns=agenda.concerns,
            authors=texts.plain_n("count.residents", agenda.authors),
            supports=agenda.supports,
            residents=agenda.residents,
            groups=len(agenda.groups),
        ),
    ]
    blocks: list[tuple[str, str]] = [("\n".join(header), "")]
    if not agenda.groups:
        blocks.append((texts.t("agenda.empty"), ""))
    for group in agenda.groups:
        label = problems.label(texts, group.problem)
        heading = texts.t(
            "agenda.group",
            rank=group.rank,
            problem=label,
            voices=group.voices,
            concerns=group.concerns,
        )
        again = texts.t("agenda.group_continued", rank=group.rank, problem=label)
        blocks.append(("\n" + heading, again))
        for item in group.items:
            blocks.append((_item(texts, item, top=True), again))
            blocks += [(_item(texts, child, top=False), again) for child in item.merged]
    return [Html(text) for text in _packed(blocks, MESSAGE_LIMIT)]


def _item(texts: Texts, item: Item, *, top: bool) -> str:
    concern = item.concern
    description = concern.description
    text = description if description is not None else texts.t("agenda.erased")
    if top:
        lines = [texts.t("agenda.item", number=item.number, text=text, voices=item.voices)]
    else:
        lines = [texts.t("agenda.merged_item", number=item.number, text=text)]
    if concern.place:
        lines.append(texts.t("agenda.place", place=concern.place))
    if concern.latitude is not None and concern.longitude is not None:
        lines.append(
            texts.t(
                "agenda.location",
                latitude=f"{concern.latitude:.5f}",
                longitude=f"{concern.longitude:.5f}",
            )
        )
    if concern.photo_file_id:
        lines.append(texts.t("agenda.photo"))
    if concern.solution:
        lines.append(texts.t("agenda.solution", solution=concern.solution))
    return "\n".join(lines)


def _packed(blocks: Iterable[tuple[str, str]], limit: int) -> list[str]:
    """Blocks joined by newlines into texts that Telegram measures at most `limit` long.

    A block that starts a new text is preceded by its continuation heading (the second of
    the pair), so a group split over two messages says so. A block is split only when it is
    longer than a whole message (a resident may write that much), by the splitter every
    message uses, so every text stays valid HTML.
    """
    texts: list[str] = []
    current, size = "", 0
    for block, continued in blocks:
        length = visible_length(block)
        if current and size + 1 + length <= limit:
            current, size = f"{current}\n{block}", size + 1 + length
            continue
        if current:
            texts.append(current)
            block = f"{continued}\n{block.lstrip()}" if continued else block.lstrip()
        *full, current = split_html(block, limit)
        texts += full
        size = visible_length(current)
    if current:
        texts.append(current)
    return texts


# -- as a CSV file -------------------------------------------------------------------------


def csv_file(texts: Texts, agenda: Agenda, problems: Problems) -> bytes:
    """One row per concern, in the order of the messages; for Excel in Belgium: UTF-8 with a
    byte order mark, semicolons, and no cell that a spreadsheet would run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([c.strip() for c in texts.plain("agenda.csv_columns").split(";")])
    yes = texts.plain("form.yes")
    for group in agenda.groups:
        label = problems.label(texts, group.problem)
        for item in group.items:
            for one, into in [(item, None), *((child, item.number) for child in item.merged)]:
                concern = one.concern
                writer.writerow(
                    (
                        group.rank,
                        _safe(label),
                        group.voices,
                        one.number,
                        _safe(concern.description or ""),
                        "" if into else one.voices,
                        "" if into else one.supports,
                        _safe(concern.place or ""),
                        "" if concern.latitude is None else f"{concern.latitude:.5f}",
                        "" if concern.longitude is None else f"{concern.longitude:.5f}",
                        yes if concern.photo_file_id else "",
                        _safe(concern.solution or ""),
                        into or "",
                        texts.local(concern.created_at).strftime("%Y-%m-%d %H:%M"),
                    )
                )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    """Residents' text that a spreadsheet would read as a formula is kept as text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_name(texts: Texts, meeting: Meeting) -> str:
    return texts.plain("agenda.csv_name", date=texts.local(meeting.starts_at).date().isoformat())
