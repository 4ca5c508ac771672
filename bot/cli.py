"""The `wijkbot` command: run the bot, chat with it in a terminal, invite the first people."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import timedelta
from pathlib import Path

import locales
from bot import backup_cli, event_loop, heap
from bot.app import build_application
from bot.audit_cli import print_audit
from bot.cli_dates import HELP as HELP_DATE
from bot.cli_dates import cli_date
from bot.contacts_cli import import_contacts
from bot.logs import setup_logging
from bot.metrics import Metrics, outbox_of
from bot.polling import polling
from bot.reminders_cli import dry_run
from bot.runtime import open_runtime, texts_factory, utc_now
from bot.settings import Settings, SettingsError, load_settings
from bot.shutdown import until_signalled
from bot.wijk_cli import COMMANDS as WIJK_COMMANDS
from bot.wijk_cli import add_commands as add_wijk_commands
from bot.wijk_cli import run as run_wijk_command
from dialogs.engine.texts import Texts
from dialogs.forms.dutch_dates import moment_text
from dialogs.forms.model import FormError
from storage import invites
from storage.db_lock import DatabaseInUse
from storage.people import Role


def _cli_texts() -> Texts:
    # Before the settings are known, messages use the source language and Brussels time.
    return Texts(locales.translations(locales.SOURCE_LANGUAGE), "nl_BE", "Europe/Brussels")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wijkbot", description="wijkbot")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot on Telegram (needs WIJKBOT_TELEGRAM_TOKEN)")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="take updates by webhook (WIJKBOT_WEBHOOK_URL, _LISTEN, _SECRET) instead of polling",
    )
    console = commands.add_parser("console", help="chat with the bot in this terminal, offline")
    console.add_argument("--user", type=int, default=1001, help="your Telegram user id")
    console.add_argument("--name", default="Console", help="your name")
    console.add_argument(
        "--files",
        type=Path,
        default=Path("wijkbot-bestanden"),
        help="folder for the files and pictures the bot sends you (default: wijkbot-bestanden)",
    )
    invite = commands.add_parser("invite", help="print a one-time invite link")
    invite.add_argument("role", choices=["officer", "admin"])
    invite.add_argument("--name", required=True)
    invite.add_argument("--area")
    contacts = commands.add_parser("contacts", help="manage an officer's contacts")
    contact_commands = contacts.add_subparsers(dest="action", required=True)
    importing = contact_commands.add_parser(
        "import", help="import contacts from a CSV file: naam,organisatie,rol,wijk,telefoon,straat"
    )
    importing.add_argument("file", type=Path)
    importing.add_argument("--officer", type=int, required=True, help="the officer's Telegram id")
    importing.add_argument(
        "--dry-run", action="store_true", help="say what the import would do, change nothing"
    )
    importing.add_argument(
        "--new-areas", action="store_true", help="take in rows whose wijk the zone does not know"
    )
    audit = commands.add_parser("audit", help="print the audit log")
    audit.add_argument("--since", type=cli_date, required=True, help=HELP_DATE)
    reminders = commands.add_parser("reminders", help="show who would get which reminder")
    reminders.add_argument(
        "--dry-run", action="store_true", required=True, help="print only, send nothing"
    )
    reminders.add_argument("--date", type=cli_date, help=f"{HELP_DATE} (default: today)")
    add_wijk_commands(commands)
    backup_cli.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    t = _cli_texts().plain
    try:
        settings = load_settings()
    except SettingsError as error:
        print(t("cli.setting_invalid", problem=str(error)), file=sys.stderr)
        return 2
    try:
        if args.command == "run":
            return event_loop.run(_run(settings, webhook=args.webhook))
        if args.command == "console":
            from bot.console import Player, run_console  # pulls in the stand-in server

            setup_logging(None, logging.WARNING)
            player = Player(args.user, args.name)
            return event_loop.run(run_console(settings, player, args.files))
        if args.command in WIJK_COMMANDS:
            return run_wijk_command(settings, args)
        if args.command in backup_cli.COMMANDS:
            return backup_cli.run(settings, args)
        if args.command == "reminders":
            return event_loop.run(dry_run(settings, args.date))
        if args.command == "audit":
            return event_loop.run(print_audit(settings, args.since))
        if args.command == "contacts":
            return event_loop.run(
                import_contacts(
                    settings,
                    args.file,
                    args.officer,
                    dry_run=args.dry_run,
                    new_areas=args.new_areas,
                )
            )
        return event_loop.run(_invite(settings, Role(args.role), args.name, args.area))
    except FormError as error:
        print(t("cli.form_invalid", problem=str(error)), file=sys.stderr)
        return 2
    except DatabaseInUse:
        print(t("cli.database_in_use", database=settings.database), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _run(settings: Settings, *, webhook: bool = False) -> int:
    t = _cli_texts().plain
    if settings.telegram_token is None:
        print(t("cli.token_missing"), file=sys.stderr)
        return 2
    if webhook and (missing := settings.webhook_missing()) is not None:
        print(t("cli.webhook_setting_missing", setting=missing), file=sys.stderr)
        return 2
    # aiohttp's server, needed only by a running bot
    from bot.health import serving_health
    from bot.webhook import Webhook, serving_webhook

    token = settings.telegram_token.get_secret_value()
    setup_logging(token, json_lines=settings.log_format == "json")
    runtime = await open_runtime(settings)
    metrics = Metrics(outbox=outbox_of(runtime.db, runtime.engine.clock))
    try:
        application = build_application(
            runtime, token=token, base_url=settings.telegram_api_url, metrics=metrics
        )
        heap.settle()
        if webhook:
            assert settings.webhook_url is not None and settings.webhook_secret is not None
            secret = settings.webhook_secret.get_secret_value()
            hook = Webhook(settings.webhook_url, secret, settings.webhook_address)
            # WIJKBOT_HEALTH_LISTEN, when set apart, still answers: a container's check asks it.
            apart = settings.health_address if settings.health_address != hook.address else None
            async with (
                serving_health(runtime.db, metrics, apart),
                serving_webhook(application, hook, runtime.db, metrics),
            ):
                await until_signalled()
        else:
            # Health outside polling: it answers until the last update in hand is done.
            async with (
                serving_health(runtime.db, metrics, settings.health_address),
                polling(application),
            ):
                await until_signalled()
    finally:
        await runtime.close()
    return 0


async def _invite(settings: Settings, role: Role, name: str, area: str | None) -> int:
    texts = texts_factory(settings)(settings.language)
    runtime = await open_runtime(settings)
    now = utc_now()
    try:
        async with runtime.db.transaction() as conn:
            invite, token = await invites.create(
                conn,
                role=role,
                now=now,
                expires_at=now + timedelta(days=settings.invite_days),
                name=name,
                area=area,
            )
    finally:
        await runtime.close()
    until = moment_text(texts, invite.expires_at)  # to the minute: seconds mean nothing here
    print(texts.plain("cli.invite_made", name=name, date=until))
    username = await _bot_username(settings)
    if username:
        print(texts.plain("cli.invite_link", username=username, token=token))
    print(texts.plain("cli.invite_console", token=token))
    return 0


async def _bot_username(settings: Settings) -> str | None:
    """The bot's username: the setting, else Telegram's answer when a token is set."""
    if settings.bot_username or settings.telegram_token is None:
        return settings.bot_username
    from telegram import Bot
    from telegram.error import TelegramError

    bot = Bot(settings.telegram_token.get_secret_value(), base_url=settings.telegram_api_url)
    try:
        async with bot:
            return bot.username
    except TelegramError:
        return None


if __name__ == "__main__":
    sys.exit(main())
