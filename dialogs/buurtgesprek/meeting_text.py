"""How a meeting reads: its title, kind, moment and place, for staff and residents alike."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from dialogs.engine.texts import N_, Html, Texts, escape
from dialogs.forms.dutch_dates import moment_text
from storage.actions import ActionStatus
from storage.meetings import Meeting, MeetingKind, MeetingStatus

KIND = {
    MeetingKind.INVENTORY: N_("meeting.kind.inventariserend"),
    MeetingKind.THEMATIC: N_("meeting.kind.thematisch"),
    MeetingKind.NETWORK: N_("meeting.kind.netwerk"),
    MeetingKind.REASSURING: N_("meeting.kind.geruststellend"),
    MeetingKind.MOBILISING: N_("meeting.kind.mobiliserend"),
}
KIND_ABOUT = {
    MeetingKind.INVENTORY: N_("meeting.kind_about.inventariserend"),
    MeetingKind.THEMATIC: N_("meeting.kind_about.thematisch"),
    MeetingKind.NETWORK: N_("meeting.kind_about.netwerk"),
    MeetingKind.REASSURING: N_("meeting.kind_about.geruststellend"),
    MeetingKind.MOBILISING: N_("meeting.kind_about.mobiliserend"),
}
STATUS = {
    MeetingStatus.PLANNED: N_("meeting.status.planned"),
    MeetingStatus.CANCELLED: N_("meeting.status.cancelled"),
    MeetingStatus.CLOSED: N_("meeting.status.closed"),
}
ACTION_STATUS = {
    ActionStatus.PLANNED: N_("action.status.planned"),
    ActionStatus.IN_PROGRESS: N_("action.status.in_progress"),
    ActionStatus.DONE: N_("action.status.done"),
    ActionStatus.NOT_FEASIBLE: N_("action.status.not_feasible"),
}
DEADLINE_DAYS = (1, 0, 2, 7)  # the choices when planning; the first is the default


def title(texts: Texts, meeting: Meeting) -> str:
    """Plain text: "Buurtgesprek Centrum", with the theme when there is one."""
    if meeting.theme:
        return texts.plain("meeting.title_theme", area=meeting.area, theme=meeting.theme)
    return texts.plain("meeting.title", area=meeting.area)


def when(texts: Texts, meeting: Meeting) -> str:
    return moment_text(texts, meeting.starts_at)


def intake_until(starts_at: datetime, days_before: int, texts: Texts) -> datetime:
    """The end of the intake: the start itself (0), or the end of the day `days_before`."""
    if days_before == 0:
        return starts_at
    last_day = texts.local(starts_at).date() - timedelta(days=days_before - 1)
    return datetime.combine(last_day, time(0), tzinfo=texts.timezone)


def deadline_days(meeting: Meeting, texts: Texts) -> int:
    """Which planning choice gives the meeting's intake end (the default for any other)."""
    for days in DEADLINE_DAYS:
        if intake_until(meeting.starts_at, days, texts) == meeting.intake_until:
            return days
    return DEADLINE_DAYS[0]


def deadline(texts: Texts, end: datetime) -> Html:
    """ "tot en met woensdag 11 maart", or "tot donderdag 12 maart 2026 om 19:30"."""
    return Html(escape(deadline_plain(texts, end)))


def deadline_plain(texts: Texts, end: datetime) -> str:
    """`deadline` as plain text, for a printed flyer."""
    local = texts.local(end)
    if local.time() == time(0):
        return texts.plain(
            "meeting.deadline_day", day=texts.weekday_date(local - timedelta(days=1))
        )
    return texts.plain("meeting.deadline_moment", moment=moment_text(texts, end))


def card(texts: Texts, meeting: Meeting) -> Html:
    """The meeting as a resident sees it when opening its link."""
    return texts.t(
        "meeting.card",
        title=title(texts, meeting),
        kind=texts.t(KIND[meeting.kind]),
        about=texts.t(KIND_ABOUT[meeting.kind]),
        when=when(texts, meeting),
        place=meeting.place,
    )
