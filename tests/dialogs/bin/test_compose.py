"""Writing a BIN-bericht: only to one's own wijken, previewed as sent, queued once per member."""

from __future__ import annotations

from dialogs.engine import events
from dialogs.engine.engine import Engine
from dialogs.engine.replies import Message, StoredPhoto
from dialogs.wijk.view import area_key
from storage import audit, bin_alerts, outbox, people
from storage.people import Role
from tests.dialogs.bin.bin_seed import ADMIN, OFFICER, OTHER_OFFICER, join, link_code, person
from tests.dialogs.conftest import Chat, plain
from tests.dialogs.engine.test_form_interrupt import flows_of


def to_members(chat: Chat) -> list[Message]:
    return [r for r in chat.replies if isinstance(r, Message) and r.to is not None]


async def write(officer: Chat, areas: list[str], text: str, answers: str = "Ja") -> None:
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("👀 Oproep om uit te kijken")
    for area in areas:
        label = next(label for label in officer.labels if area in label)
        await officer.press(label)
    await officer.press("Verder ➡️")
    await officer.send(text)
    await officer.press("Zonder foto")
    await officer.press(answers)


async def test_an_alert_reaches_each_member_of_its_wijken_once(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await person(engine, 505, Role.OFFICER, "Peeters bis", "Centrum")
    other = await person(engine, OTHER_OFFICER, Role.OFFICER, "Claes", "Haven")
    admin = await person(engine, ADMIN, Role.ADMIN, "Hoofd")
    centrum, haven = await link_code(officer, "Centrum"), await link_code(other, "Haven")
    both = await join(engine, 9001, centrum)
    await both.send(f"/start bin_{haven}")
    await both.press("✅ Ja, ik word lid")
    await join(engine, 9002, centrum)
    await join(engine, 9003, haven)
    await write(admin, ["Centrum", "Haven"], "Witte bestelwagen <1-ABC-123> & maat")
    assert "Witte bestelwagen <1-ABC-123> & maat" in admin.text  # the preview, as typed
    assert "gaat naar 3 leden" in admin.text
    assert "Ik heb iets gezien" in " ".join(
        plain(c.label)
        for r in admin.replies
        if isinstance(r, Message)
        for row in r.keyboard
        for c in row
    )
    await admin.press("📣 Versturen")
    sent = to_members(admin)
    assert sorted(m.to for m in sent if m.to) == [9001, 9002, 9003]
    assert all("&lt;1-ABC-123&gt; &amp; maat" in m.html for m in sent)
    async with engine.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
        rows = [await outbox.by_key(conn, f"bin.alert:{alert.id}:{m.to}") for m in sent]
        assert all(r is not None and r.bulk and r.batch == alert.batch for r in rows)
        log = await audit.since(conn, engine.clock().replace(year=2000))
    assert alert.recipients == 3 and alert.areas == ["Centrum", "Haven"]
    assert any(entry.action == "bin.alert" and entry.subject_id == alert.id for entry in log)


async def test_an_officer_sends_only_to_his_own_wijk(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    other = await person(engine, OTHER_OFFICER, Role.OFFICER, "Claes", "Haven")
    await join(engine, 9003, await link_code(other, "Haven"))
    await join(engine, 9004, await link_code(officer, "Centrum"))
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("⚠️ Waarschuwing")
    assert officer.labels == ["Centrum (1)", "Verder ➡️", "« Terug", "✖️ Stoppen"]
    # A forged button with this step's token naming the other officer's wijk.
    token = officer.data_of("Centrum (1)").split(":")[0]
    await officer.event_button_data(f"{token}:a:{area_key('Haven')}")
    assert "Dat kan ik voor jou niet doen" in officer.text
    await officer.press("Centrum (1)")
    await officer.press("Verder ➡️")
    await officer.send("Let op")
    await officer.press("Zonder foto")
    await officer.press("Nee")
    assert "gaat naar 1 lid" in officer.text
    await officer.press("📣 Versturen")
    # His wijk's member only, not the other wijk's.
    assert sorted(m.to for m in to_members(officer) if m.to) == [9004]


async def test_a_photo_goes_before_the_text_and_a_long_text_is_refused(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await join(engine, 9001, await link_code(officer, "Centrum"))
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("📰 Informatie")
    await officer.press("Centrum (1)")
    await officer.press("Verder ➡️")
    await officer.send("x" * 1001)
    assert "1.001 tekens" in officer.text and "hoogstens 1.000" in officer.text
    await officer.send("Info")
    await officer.event(events.Photo("photo-file-1"))
    await officer.press("Nee")
    assert any(isinstance(r, StoredPhoto) for r in officer.replies)
    await officer.press("📣 Versturen")
    photos = [r for r in officer.replies if isinstance(r, StoredPhoto) and r.to == 9001]
    assert [p.file_id for p in photos] == ["photo-file-1"]


async def test_only_warnings_go_as_paid_broadcasts_and_only_where_allowed(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await join(engine, 9001, await link_code(officer, "Centrum"))
    sent: dict[str, bool] = {}
    for allowed in (False, True):
        engine.zone.bin_paid_broadcast = allowed
        for kind in ("⚠️ Waarschuwing", "💡 Preventietip"):
            await officer.send("/bin")
            await officer.press("✉️ Nieuw BIN-bericht")
            await officer.press(kind)
            await officer.press("Centrum (1)")
            await officer.press("Verder ➡️")
            await officer.send(f"{kind} {allowed}")
            await officer.press("Zonder foto")
            await officer.press("Nee")
            await officer.press("📣 Versturen")
            (message,) = to_members(officer)
            sent[f"{kind} {allowed}"] = message.paid_broadcast
    assert sent == {
        "⚠️ Waarschuwing False": False,
        "💡 Preventietip False": False,
        "⚠️ Waarschuwing True": True,
        "💡 Preventietip True": False,
    }


async def test_a_paid_warning_and_its_photo_go_in_the_paid_lane(engine: Engine) -> None:
    engine.zone.bin_paid_broadcast = True
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await join(engine, 9001, await link_code(officer, "Centrum"))
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("⚠️ Waarschuwing")
    await officer.press("Centrum (1)")
    await officer.press("Verder ➡️")
    await officer.send("Uitkijken naar een grijze bestelwagen")
    await officer.event(events.Photo("photo-file-1"))
    await officer.press("Nee")
    await officer.press("📣 Versturen")
    photos = [r for r in officer.replies if isinstance(r, StoredPhoto) and r.to == 9001]
    assert [p.paid_broadcast for p in photos] == [True]
    async with engine.db.transaction() as conn:
        rows = await outbox.for_chat(conn, 9001)
    lanes = {row.cause: row.paid for row in rows if row.cause.startswith("bin.")}
    assert lanes == {"bin.photo": True, "bin.alert": True}


async def test_back_returns_a_step_and_stop_sends_nothing(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await join(engine, 9001, await link_code(officer, "Centrum"))
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("💡 Preventietip")
    await officer.press("« Terug")
    assert "Wat voor bericht is het?" in officer.text
    await officer.press("⚠️ Waarschuwing")
    await officer.press("Centrum (1)")
    await officer.press("Verder ➡️")
    await officer.send("Sluit je ramen")
    await officer.press("Zonder foto")
    await officer.press("Ja")
    assert "WAARSCHUWING".lower() in officer.text.lower()
    await officer.press("✖️ Stoppen")
    assert "niet verstuurd" in officer.text
    assert to_members(officer) == []
    async with engine.db.transaction() as conn:
        assert await bin_alerts.latest(conn) == []


async def test_next_is_there_from_the_start_and_asks_for_a_wijk_first(engine: Engine) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("📰 Informatie")
    # The text sends the officer to Verder: it is there before any wijk is ticked.
    assert "druk dan op Verder" in officer.text and "Verder ➡️" in officer.labels
    await officer.press("Verder ➡️")
    assert officer.text == "Vink eerst minstens één wijk aan."  # a pop-up; the step stays
    await officer.press("Centrum (0)")
    await officer.press("Verder ➡️")
    assert "Typ het bericht" in officer.text


async def test_typed_where_buttons_answer_says_what_to_do_and_keeps_them(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await join(engine, 9001, await link_code(officer, "Centrum"))
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.send("een waarschuwing")
    assert "Kies met de knoppen hieronder wat voor bericht" in officer.text
    await officer.press("⚠️ Waarschuwing")
    await officer.send("Centrum")
    assert "vink een of meer wijken aan en druk dan op Verder" in officer.text
    assert "Dat kan ik hier niet gebruiken" not in officer.text
    await officer.event(events.Unsupported("sticker"))
    assert "vink een of meer wijken aan" in officer.text
    await officer.press("Centrum (1)")  # the step's buttons, shown again, still work
    await officer.press("Verder ➡️")
    await officer.event(events.Unsupported("sticker"))
    assert "Typ hier de tekst van het bericht" in officer.text
    await officer.event(events.Photo("photo-file-1"))  # the photo comes a step later
    assert "in de volgende stap" in officer.text
    await officer.send("Let op")
    await officer.send("geen foto")
    assert "Stuur hier een foto via 📎, of druk op Zonder foto" in officer.text
    await officer.press("Zonder foto")
    await officer.send("ja")
    assert "Kies Ja of Nee" in officer.text and {"Ja", "Nee"} <= set(officer.labels)
    await officer.press("Ja")
    await officer.send("verstuur maar")
    assert "druk op Versturen, of op Terug" in officer.text
    await officer.press("📣 Versturen")
    async with engine.db.transaction() as conn:
        (alert,) = await bin_alerts.latest(conn)
    assert alert.text == "Let op" and alert.photo_file_id is None


async def write_text(officer: Chat, text: str, kind: str = "⚠️ Waarschuwing") -> None:
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press(kind)
    await officer.press(next(label for label in officer.labels if "Centrum" in label))
    await officer.press("Verder ➡️")
    await officer.send(text)


async def test_a_message_halfway_is_kept_for_later_and_continued_with_its_text(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await join(engine, 9001, await link_code(officer, "Centrum"))
    await write_text(officer, "Witte bestelwagen in de Kerkstraat")
    await officer.send("/help")  # replaces nothing, so asks nothing
    assert "je bent er nog mee bezig" not in officer.text
    await officer.send("/proef")
    assert "Nieuw BIN-bericht: je bent er nog mee bezig" in officer.text
    await officer.press("Bewaren, later verdergaan")
    assert "Nieuw BIN-bericht: bewaard voor later" in officer.text
    assert "Proefvragenlijst" in officer.text
    assert await flows_of(engine, OFFICER) == ("proef", ["bin_alert"])

    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("Stoppen, niet bewaren")  # the proef, asked about first
    assert "Je was nog bezig: Nieuw BIN-bericht" in officer.text
    assert "Wat voor bericht is het?" not in officer.text  # not begun anew
    await officer.press("Verdergaan")
    assert "Zo ziet je bericht er tot nu toe uit" in officer.text
    assert "Witte bestelwagen in de Kerkstraat" in officer.text
    assert "Wil je er een foto bij sturen" in officer.text  # the step he was at
    await officer.press("Zonder foto")
    await officer.press("Ja")
    assert "Witte bestelwagen in de Kerkstraat" in officer.text  # the preview
    assert "gaat naar 1 lid" in officer.text
    await officer.press("📣 Versturen")
    sent = to_members(officer)
    assert [m.to for m in sent] == [9001]
    assert "Witte bestelwagen in de Kerkstraat" in sent[0].html
    assert await flows_of(engine, OFFICER) == (None, [])


async def test_a_kept_message_can_start_over_or_go_and_its_old_buttons_are_stale(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await officer.send("/bin")
    await officer.press("✉️ Nieuw BIN-bericht")
    await officer.press("📰 Informatie")
    await officer.press("Centrum (0)")
    next_button = officer.data_of("Verder ➡️")
    await officer.send("/bin_new")  # while writing: offered, never begun anew unasked
    assert "Je was nog bezig: Nieuw BIN-bericht" in officer.text
    await officer.event_button_data(next_button)  # its "n" is no "start over"
    assert "Deze knop is niet meer geldig" in officer.text
    assert "Je was nog bezig: Nieuw BIN-bericht" in officer.text
    await officer.press("Verdergaan")
    assert "✅ Centrum (0)" in officer.labels  # the step with what he chose
    await officer.send("/bin_new")
    await officer.press("Opnieuw beginnen")
    assert "Wat voor bericht is het?" in officer.text
    assert await flows_of(engine, OFFICER) == ("bin_alert", [])
    await officer.press("👀 Oproep om uit te kijken")
    assert officer.labels[0] == "Centrum (0)"  # nothing ticked any more
    await officer.send("/bin_new")
    await officer.press("Wissen")
    assert "niet verstuurd" in officer.text
    assert await flows_of(engine, OFFICER) == (None, [])


async def test_a_kept_message_goes_only_to_the_wijken_its_writer_still_has(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await write_text(officer, "Let op")
    await officer.send("/bin_new")

    async def move_to(role: Role, area: str | None) -> None:
        async with engine.db.transaction() as conn:
            found = await people.by_telegram_id(conn, OFFICER)
            assert found is not None
            await people.set_role(conn, found.id, role, area, engine.clock())

    await move_to(Role.OFFICER, "Haven")
    await officer.press("Verdergaan")
    assert "Naar welke wijken gaat het?" in officer.text  # Centrum is no longer his
    assert officer.labels[0] == "Haven (0)" and "Let op" not in officer.text
    await officer.send("/bin_new")
    await move_to(Role.RESIDENT, None)
    await officer.send("/start")
    await officer.press("Verdergaan")
    assert "Dat kan ik voor jou niet doen" in officer.text
    assert await flows_of(engine, OFFICER) == (None, [])


async def test_the_photo_step_gives_the_vehicle_example_only_for_something_to_look_out_for(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    await join(engine, 9001, await link_code(officer, "Centrum"))
    for kind, example in (
        ("⚠️ Waarschuwing", True),
        ("📰 Informatie", False),
        ("💡 Preventietip", False),
    ):
        await write_text(officer, "Een bericht", kind)
        assert "Wil je er een foto bij sturen" in officer.text
        assert ("voertuig" in officer.text) is example, kind
        await officer.press("✖️ Stoppen")


async def test_a_wijk_without_members_is_offered_no_sending_but_where_members_come_from(
    engine: Engine,
) -> None:
    officer = await person(engine, OFFICER, Role.OFFICER, "Peeters", "Centrum")
    resident = await join(engine, 9001, await link_code(officer, "Centrum"))
    await write(officer, ["Centrum"], "Let op")
    assert "gaat naar 1 lid" in officer.text
    token = officer.data_of("📣 Versturen").split(":")[0]
    await resident.send("/bin")
    await resident.press("Uitschrijven: Centrum")  # the last member leaves meanwhile
    await officer.event_button_data(f"{token}:s")  # the "Versturen" of the preview before
    assert "Niemand zou dit bericht krijgen" in officer.text
    assert "/bin → 👥 Leden en link" in officer.text
    assert "📣 Versturen" not in officer.labels and "✖️ Stoppen" in officer.labels
    async with engine.db.transaction() as conn:
        assert await bin_alerts.latest(conn) == []  # nothing sent, nothing counted
