"""Translations: which language the window speaks, and loading it before any window exists.

Every string in `wallet.ui` goes through Qt's `tr` (or `QCoreApplication.translate` outside a
class), so `pyside6-lupdate` finds them (`scripts/update_translations.sh`). The compiled
catalogues live in `resources/translations/learner-wallet_<lang>.qm`. The chosen language is a
per-computer preference, not a wallet setting (the unlock dialog speaks it before any wallet is
open), so it lives in the platform's config folder through QSettings; empty means "follow the
system". It is applied on the next start: strings are translated when widgets are built.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path

import platformdirs

from wallet import messages
from wallet.paths import resources
from wallet.ui.qt import QtCore

DOMAIN = "learner-wallet"
LANGUAGE_KEY = "language"
SETTINGS_FILE = "learner-wallet.ini"

# Languages offered in Settings, each named in itself. "" follows the system locale.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "de": "Deutsch"}

# Strings other modules translate from a variable, named here so lupdate extracts them.
_EXTRACT_ONLY = (
    QtCore.QT_TRANSLATE_NOOP("format", "Open Badges 3.0"),
    QtCore.QT_TRANSLATE_NOOP("format", "Open Badges 2.0"),
    QtCore.QT_TRANSLATE_NOOP("format", "CLR 2.0"),
    QtCore.QT_TRANSLATE_NOOP("format", "Verifiable Credential"),
    QtCore.QT_TRANSLATE_NOOP("format", "SD-JWT VC"),
    QtCore.QT_TRANSLATE_NOOP(
        "MainWindow", "Credentials (*.json *.jsonld *.jwt *.txt *.png *.svg *.zip);;All files (*)"
    ),
    # crash.py calls translate() through an alias that lupdate does not follow.
    QtCore.QT_TRANSLATE_NOOP("crash", "Learner Wallet"),
    QtCore.QT_TRANSLATE_NOOP("crash", "Something went wrong; details were written to {path}"),
    QtCore.QT_TRANSLATE_NOOP(
        "crash",
        "Something went wrong, and the details could not be written to a log file ({reason}).",
    ),
)

# Installed translators, kept referenced so Python does not collect them while installed.
_installed: list[QtCore.QTranslator] = []


def translations_dir() -> Path:
    return resources() / "translations"


def settings_path() -> Path:
    """The per-user preferences file (e.g. ~/.config/learner-wallet/learner-wallet.ini)."""
    return Path(platformdirs.user_config_dir("learner-wallet", appauthor=False)) / SETTINGS_FILE


def app_settings() -> QtCore.QSettings:
    """This computer's preferences for the app (not the wallet's settings, which are inside
    the encrypted file). An INI file in the platform's config folder on every platform."""
    return QtCore.QSettings(str(settings_path()), QtCore.QSettings.Format.IniFormat)


def language_setting() -> str:
    """The chosen language code, or "" to follow the system."""
    value = app_settings().value(LANGUAGE_KEY, "")
    return str(value or "")


def set_language_setting(code: str) -> None:
    """Remember the language for the next start ("" = follow the system)."""
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, code)
    settings.sync()


def available_languages() -> list[str]:
    """English (the source) and every language with a compiled catalogue."""
    found = sorted(p.stem.split("_", 1)[1] for p in translations_dir().glob(f"{DOMAIN}_*.qm"))
    return ["en"] + [code for code in found if code != "en"]


def resolve_language(chosen: str | None = None, system: QtCore.QLocale | None = None) -> str:
    """The language to show: the chosen one if we have it, else the system's, else English."""
    have = available_languages()
    if chosen and chosen in have:
        return chosen
    locale = system or QtCore.QLocale.system()
    for name in [locale.name(), *locale.uiLanguages()]:
        code = name.replace("-", "_").split("_", 1)[0].lower()
        if code in have:
            return code
    return "en"


def install_translators(language: str | None = None) -> tuple[str, Callable[[], None]]:
    """Install our catalogue (and Qt's own, for standard buttons) for `language`, or for the
    saved preference / system locale when None. Returns the language used and a function that
    removes the translators again (tests, and run_app on a reused QApplication)."""
    app = QtCore.QCoreApplication.instance()
    code = resolve_language(language_setting() if language is None else language)
    added: list[QtCore.QTranslator] = []
    if app is not None and code != "en":
        ours = QtCore.QTranslator(app)
        if ours.load(f"{DOMAIN}_{code}", str(translations_dir())):
            app.installTranslator(ours)
            added.append(ours)
        qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
        qt_own = QtCore.QTranslator(app)
        if qt_own.load(f"qtbase_{code}", qt_dir):
            app.installTranslator(qt_own)
            added.append(qt_own)
    _installed.extend(added)
    # The core's messages (wallet.messages) are rendered in the same language as the window.
    messages.set_language(code)

    def remove() -> None:
        for translator in added:
            if app is not None:
                app.removeTranslator(translator)
            if translator in _installed:
                _installed.remove(translator)
        messages.set_language("en")

    return code, remove


# --- dates in the reader's locale ------------------------------------------------------------

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_WEEKDAY = re.compile(r"[\s,\u060c]*dddd[\s,\u060c]*")  # the weekday and its separator


def window_locale() -> QtCore.QLocale:
    """The locale the window writes dates and times in: the system's when it is in the window's
    language (so de_AT or en_GB keep their own order), else that language's usual one."""
    code = messages.current_language()
    system = QtCore.QLocale.system()
    if system.name().split("_", 1)[0].lower() == code:
        return system
    return QtCore.QLocale(code)


def _iso_day(value: str) -> _dt.date | None:
    m = _ISO_DAY.match(value)
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        return None


def short_day_text(value: str | None, locale: QtCore.QLocale | None = None) -> str:
    """A day in the locale's numeric form with the whole year ("21.08.2026", "8/21/2026"), for
    a list column; an issuer's own words ("spring 2024") are shown as written. Under the C or
    POSIX locale (LANG=C: no country chosen) it is ISO 8601, "2026-08-21", which nobody
    misreads, rather than the American order that locale would otherwise fall back to."""
    text = (value or "").strip()
    day = _iso_day(text)
    if day is None:
        return text
    if (locale or QtCore.QLocale.system()).language() == QtCore.QLocale.Language.C:
        return day.isoformat()
    loc = locale or window_locale()
    fmt = loc.dateFormat(QtCore.QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return loc.toString(QtCore.QDate(day.year, day.month, day.day), fmt)


def day_text(value: str | _dt.date | None, locale: QtCore.QLocale | None = None) -> str:
    """A calendar day as the reader writes it ("1 May 2024", "May 1, 2024", "1. Mai 2024"):
    the locale's long date without the weekday. A value that is not an ISO date (an issuer's
    "spring 2024") is shown as written."""
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.date):
        day: _dt.date | None = value
    else:
        m = _ISO_DAY.match(value)
        try:
            day = _dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None
        except ValueError:
            day = None
        if day is None:
            return value.strip()
    assert day is not None
    loc = locale or window_locale()
    fmt = _WEEKDAY.sub(" ", loc.dateFormat(QtCore.QLocale.FormatType.LongFormat)).strip(" ,")
    return loc.toString(QtCore.QDate(day.year, day.month, day.day), fmt)


def moment_text(value: str | _dt.datetime | None, locale: QtCore.QLocale | None = None) -> str:
    """A moment (an ISO timestamp) as the reader's clock shows it: the day as in `day_text`,
    then the local time in the locale's short form. Anything unreadable is shown as given."""
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.datetime):
        when = value
    else:
        try:
            when = _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    local = when.astimezone()
    loc = locale or window_locale()
    return f"{day_text(local.date(), loc)}, {time_text(local.time(), loc)}"


def time_text(value: _dt.time, locale: QtCore.QLocale | None = None) -> str:
    """A time of day in the locale's short form ("18:05", "6:05 PM")."""
    loc = locale or window_locale()
    return loc.toString(
        QtCore.QTime(value.hour, value.minute, value.second), QtCore.QLocale.FormatType.ShortFormat
    )
