"""Interface text: message keys looked up in the gettext catalog, filled in safely.

Code names a message by key (`t("welcome.body")`); the words live in `locales/`. Values
filled into a message are HTML-escaped unless marked `Html`, so user text can never break
or inject markup.
"""

from __future__ import annotations

import datetime as dt
import gettext
import html
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal


class Html(str):
    """Text that is already valid HTML and must not be escaped again."""

    __slots__ = ()


def N_(key: str) -> str:
    """Marks a message key for extraction where it is looked up later."""
    return key


def language_name(code: str) -> str:
    """A language named in itself, as people look for it in a list: "Français", "English"."""
    try:
        name = Locale.parse(code).get_language_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def language_in_itself(code: str) -> str:
    """A language named in itself as a sentence in it writes it: "je vous parle en français",
    "ik spreek Nederlands"."""
    try:
        return Locale.parse(code).get_language_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code


def escape(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)


class Texts:
    def __init__(self, translations: gettext.NullTranslations, locale: str, timezone: str) -> None:
        self._translations = translations
        self.locale = Locale.parse(locale)
        self.language: str = self.locale.language
        self.timezone = ZoneInfo(timezone)

    def t(self, key: str, **values: object) -> Html:
        """The message for `key`, with `{name}` fields filled in and escaped."""
        return self._fill(self._translations.gettext(key), values)

    def catalog_text(self, key: str) -> str | None:
        """The catalog's own text for `key`, or None when it has none (gettext gives the key)."""
        text = self._translations.gettext(key)
        return None if text == key else text

    def plain(self, key: str, **values: object) -> str:
        """The message for `key` filled in without escaping, for a terminal rather than HTML."""
        return self._translations.gettext(key).format_map(values)

    def tn(self, key: str, count: int, **values: object) -> Html:
        """The form of `key` for `count` (one contactpersoon, two contactpersonen).

        The catalog gives such a key a plural entry (`msgid_plural` the same key) with one
        text per plural form of the language; `{count}` is filled in.
        """
        text = self._translations.ngettext(key, key, count)
        return self._fill(text, {"count": self.number(count), **values})

    def plain_n(self, key: str, count: int, **values: object) -> str:
        """`tn` without escaping, for a terminal."""
        text = self._translations.ngettext(key, key, count)
        return text.format_map({"count": self.number(count), **values})

    def _fill(self, text: str, values: dict[str, object]) -> Html:
        if not values:
            return Html(text)
        return Html(text.format_map({k: escape(v) for k, v in values.items()}))

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.timezone)

    def date(self, day: date | datetime, style: str = "long") -> str:
        if isinstance(day, datetime):
            day = self.local(day).date()
        return format_date(day, format=style, locale=self.locale)

    # Below the methods named `date` and `datetime`, those names mean the methods, not the types.
    def weekday_date(self, day: dt.date | dt.datetime) -> str:
        if isinstance(day, datetime):
            day = self.local(day).date()
        return format_date(day, format="EEEE d MMMM y", locale=self.locale)

    def datetime(self, moment: datetime, style: str = "medium") -> str:
        return format_datetime(moment, format=style, tzinfo=self.timezone, locale=self.locale)

    def time(self, moment: dt.datetime) -> str:
        return format_time(moment, format="short", tzinfo=self.timezone, locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)
