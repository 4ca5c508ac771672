"""The officer's summary of a scan: how safe, which problems, and above all what changed."""

from __future__ import annotations

from dialogs.engine.menu import forward_button
from dialogs.engine.replies import Keyboard
from dialogs.engine.texts import N_, Html, Texts
from dialogs.engine.turn import Turn
from dialogs.forms.model import Form
from storage.contacts import Contact
from storage.scans import FilledBy, Scan, Trend

# Worse and new first: what needs the officer's attention leads.
TREND_ORDER = (Trend.WORSE, Trend.NEW, Trend.UNCHANGED, Trend.IMPROVED, Trend.SOLVED)
TREND_LINE = {
    Trend.WORSE: N_("summary.worse"),
    Trend.NEW: N_("summary.new"),
    Trend.UNCHANGED: N_("summary.unchanged"),
    Trend.IMPROVED: N_("summary.improved"),
    Trend.SOLVED: N_("summary.solved"),
}
FILLED_BY = {FilledBy.CONTACT: N_("summary.by_contact"), FilledBy.OFFICER: N_("summary.by_officer")}


def scan_summary(
    texts: Texts, form: Form, contact: Contact, scan: Scan, previous: Scan | None
) -> Html:
    t = texts.t
    labels = _labels(form)
    lines = [
        t("summary.title", organisation=contact.organisation, name=contact.name),
        t("summary.when", date=texts.date(scan.visited_on), by=t(FILLED_BY[scan.filled_by])),
        "",
        t(
            "summary.feeling",
            feeling=labels.get(scan.feeling or "", "-"),
            before=_before(texts, labels.get(previous.feeling or "", "-") if previous else None),
        ),
        t(
            "summary.evolution",
            evolution=labels.get(scan.answers.get("evolutie") or "", "-"),
            before=_before(
                texts, labels.get(previous.answers.get("evolutie") or "") if previous else None
            ),
        ),
        t("summary.avoidance", avoidance=_avoidance(texts, labels, scan.answers.get("mijding"))),
        t(
            "summary.mark",
            mark=scan.mark if scan.mark is not None else "-",
            before=_before(texts, previous.mark if previous and previous.mark else None),
        ),
    ]
    if scan.priority:
        lines.append(t("summary.priority", problem=labels.get(scan.priority, scan.priority)))
    lines.append("")
    if previous is None:
        lines.append(t("summary.first"))
    else:
        lines.append(t("summary.changes", date=texts.date(previous.visited_on)))
        by_trend: dict[Trend, list[str]] = {trend: [] for trend in TREND_ORDER}
        for problem, trend in scan.trends.items():
            by_trend[trend].append(_problem(texts, labels, problem, scan.problems.get(problem)))
        for trend in TREND_ORDER:
            if by_trend[trend]:
                lines.append(t(TREND_LINE[trend], problems=Html(", ".join(by_trend[trend]))))
        if not scan.trends:
            lines.append(t("summary.no_changes"))
    lines.append("")
    named = [_problem(texts, labels, p, severity) for p, severity in scan.problems.items()]
    lines.append(t("summary.problems", problems=Html(", ".join(named)) if named else "-"))
    remark = scan.answers.get("opmerking")
    if remark:
        lines.append(t("summary.remark", remark=remark))
    if scan.answers.get("bellen"):
        lines.append(t("summary.call", phone=contact.phone or "-"))
    return Html("\n".join(lines))


def forward_remark(turn: Turn, scan: Scan) -> Keyboard:
    """A remark can be passed on to the interventiedienst or the recherche."""
    if scan.answers.get("opmerking") and (turn.zone.group_interventie or turn.zone.group_recherche):
        return ((forward_button(turn, "s", scan.id),),)
    return ()


def _avoidance(texts: Texts, labels: dict[str, str], chosen: list[str] | None) -> str:
    """What the contact avoids: the options chosen, "none of these", or "-" when skipped."""
    if chosen is None:
        return "-"
    return ", ".join(labels.get(option, option) for option in chosen) or texts.plain(
        "summary.avoidance_none"
    )


def _labels(form: Form) -> dict[str, str]:
    """Labels of every option id in the form: problems, severities, feelings."""
    return {o.id: o.label for q in form.questions for o in q.options}


def _problem(texts: Texts, labels: dict[str, str], problem: str, severity: str | None) -> str:
    label = labels.get(problem, problem)
    if severity is None:
        return texts.t("summary.problem", problem=label)
    return texts.t(
        "summary.problem_severity", problem=label, severity=labels.get(severity, severity)
    )


def _before(texts: Texts, value: object | None) -> Html:
    return texts.t("summary.before", value=value) if value is not None else Html("")
