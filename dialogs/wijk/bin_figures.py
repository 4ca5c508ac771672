"""The BIN and signal figures beside a wijk's or the zone's view: members per wijk, alerts
sent, answers received, and signals per problem. Counts only; never who."""

from __future__ import annotations

import aiosqlite

from dialogs.engine.texts import Html, Texts
from dialogs.wijk.report import Labels
from storage import bin_alerts, bin_answers, bin_members, signals

TOP_PROBLEMS = 8


async def bin_section(
    conn: aiosqlite.Connection, texts: Texts, labels: Labels, areas: list[str]
) -> Html:
    members = await bin_members.counts(conn, areas)
    alerts = await bin_alerts.count_for_areas(conn, areas)
    answers = await bin_answers.count_for_areas(conn, areas)
    lines = [texts.t("wijk.bin_title")]
    for area in areas:
        lines.append(
            texts.t(
                "wijk.bin_line",
                area=area,
                members=texts.tn("wijk.bin_members", members[area]),
                alerts=texts.tn("wijk.bin_alerts", alerts[area]),
                answers=texts.tn("wijk.bin_answers", answers[area]),
            )
        )
    per_problem = await signals.per_problem(conn, areas)
    if per_problem:
        lines.append(texts.t("wijk.signals_title"))
        lines += [
            texts.t("wijk.signals_line", problem=labels.problem(problem), count=texts.number(n))
            for problem, n in list(per_problem.items())[:TOP_PROBLEMS]
        ]
    else:
        lines.append(texts.t("wijk.signals_none"))
    return Html("\n".join(lines))
