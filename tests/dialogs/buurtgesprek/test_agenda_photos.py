"""Photos residents sent with a concern: the meeting's officer can look at them, nobody else."""

from __future__ import annotations

from datetime import timedelta

from dialogs.engine.engine import Engine
from dialogs.engine.replies import StoredPhoto
from storage import audit, concerns
from storage.concerns import NewConcern
from storage.people import Role
from tests.dialogs import buurtgesprek_seed as seed
from tests.dialogs.conftest import Chat


async def test_the_officer_sees_a_photo_and_a_colleague_does_not(engine: Engine) -> None:
    officer = await seed.person(engine, 500, Role.OFFICER)
    meeting = await seed.meeting(engine, officer)
    author = await seed.person(engine, 900)
    await seed.concern(engine, meeting, author, "Zonder foto")
    async with engine.db.transaction() as conn:
        with_photo = await concerns.add(
            conn,
            NewConcern(
                meeting_id=meeting.id,
                author_id=author.id,
                problem="sluikstorten",
                description="Afval aan de <glasbol>",
                photo_file_id="AgADfoto9",
            ),
            engine.clock(),
        )
    chat = Chat(engine, 500, "Peeters")
    await chat.event_button_data(f"m:meeting_agenda:{meeting.id}")
    assert len(chat.labels) == 1 and chat.labels[0].startswith("📷 ")  # one photo, by number
    await chat.press(chat.labels[0])
    [photo] = [r for r in chat.replies if isinstance(r, StoredPhoto)]
    assert photo.file_id == "AgADfoto9" and "Afval aan de &lt;glasbol&gt;" in photo.caption_html
    async with engine.db.transaction() as conn:
        logged = await audit.since(conn, engine.clock() - timedelta(days=1))
    assert ("concern.photo", with_photo.id) in [(e.action, e.subject_id) for e in logged]

    colleague = Chat(engine, 501, "Claes")
    await seed.person(engine, 501, Role.OFFICER)
    await colleague.event_button_data(f"m:concern_photo:{with_photo.id}")
    assert not [r for r in colleague.replies if isinstance(r, StoredPhoto)]
    assert "Dat kan ik voor jou niet doen" in colleague.text
