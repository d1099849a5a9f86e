"""Every sentence the core says, as a message id with arguments, rendered in the reader's language.

The core never builds a finished sentence: it returns `M("expired on {day}", day=...)`, and the
front end renders it with `render()` in the language the person reads (the window's language,
or the CLI's locale). The id is the English template itself, as in gettext, so the English text
needs no catalogue and a missing translation falls back to readable English.

- Templates are string literals at the call (`tests/test_messages.py` collects them from the
  source and fails on any without a German translation, or whose placeholders differ).
- Arguments are data, never templates: text from a credential stays exactly as written (it is
  substituted, not parsed), a nested `Msg` is rendered in the same language, and dates are shown
  the way the reader's language writes them.
- Catalogues are JSON objects `{english: translation}` in `resources/messages/<lang>/*.json`,
  one file per area of the core; they are read once, on first use.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Union

from wallet.paths import resources

Arg = Union[str, int, float, "Msg", _dt.date]

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Msg:
    """A message id (its English template) and its arguments; `str()` gives the English."""

    text: str
    args: Mapping[str, Arg] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self, "en")

    def to_json(self) -> dict[str, Any]:
        """A form a verification memo can keep, so a stored report renders in any language."""
        return {"text": self.text, "args": {k: _arg_to_json(v) for k, v in self.args.items()}}

    @classmethod
    def from_json(cls, data: Any) -> Msg:
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return plain(str(data))
        raw = data.get("args")
        args: dict[str, Any] = raw if isinstance(raw, dict) else {}
        return cls(data["text"], {str(k): _arg_from_json(v) for k, v in args.items()})


def M(text: str, /, **args: Arg) -> Msg:  # noqa: N802 - short on purpose: it is on every message
    """A message from its English template (a literal, so the catalogue test finds it)."""
    return Msg(text, args)


_PLAIN = "{text}"


def plain(text: str) -> Msg:
    """Text that is not ours to translate (already translated by the window, or a stranger's
    words shown as they are): rendered unchanged in every language."""
    return Msg(_PLAIN, {"text": text})


def join(parts: list[Msg], separator: str = "; ") -> Msg:
    """Several messages shown as one line, each rendered in the reader's language."""
    if len(parts) == 1:
        return parts[0]
    names = [f"p{i}" for i in range(len(parts))]
    template = separator.join("{" + n + "}" for n in names)
    return Msg(template, dict(zip(names, parts, strict=True)))


def counted(count: int, one: Msg, many: Msg) -> list[Msg]:
    """The sentence for `count` things, to add to a paragraph: none for 0, `one` for 1, else
    `many` with its {count} filled in. Each number has a whole sentence of its own, so a
    translation can say it right (German changes more than a plural ending)."""
    if count <= 0:
        return []
    return [one if count == 1 else Msg(many.text, {**many.args, "count": count})]


def is_structural(text: str) -> bool:
    """Templates made only of placeholders and punctuation (plain(), join()): nothing to
    translate, so the catalogue test does not ask for them."""
    return not any(ch.isalpha() for ch in _literal_text(text))


def placeholders(text: str) -> set[str]:
    """The argument names a template uses."""
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name}


def _literal_text(text: str) -> str:
    return "".join(lit for lit, _, _, _ in _FORMATTER.parse(text))


# --- language --------------------------------------------------------------------------------

_language = "en"


def set_language(code: str) -> None:
    """The language `render()` uses when none is named (the window's, or the CLI's locale)."""
    global _language
    _language = code if code in available_languages() else "en"


def current_language() -> str:
    return _language


def messages_dir() -> Path:
    return resources() / "messages"


@cache
def available_languages() -> tuple[str, ...]:
    found = (
        sorted(p.name for p in messages_dir().iterdir() if p.is_dir())
        if messages_dir().is_dir()
        else []
    )
    return ("en", *[c for c in found if c != "en"])


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The CLI's language, read the way gettext reads it: LANGUAGE (a list), then LC_ALL,
    LC_MESSAGES, LANG. "C" and "POSIX" mean English."""
    env = os.environ if environ is None else environ
    have = available_languages()
    candidates: list[str] = []
    if env.get("LANGUAGE"):
        candidates += env["LANGUAGE"].split(":")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            candidates.append(env[name])
            break
    for value in candidates:
        code = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
        if code in ("c", "posix"):
            return "en"
        if code in have:
            return code
    return "en"


@cache
def catalogue(code: str) -> dict[str, str]:
    """English template -> translation, merged from the language's files."""
    merged: dict[str, str] = {}
    folder = messages_dir() / code
    if code == "en" or not folder.is_dir():
        return merged
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        merged.update({str(k): str(v) for k, v in data.items() if v})
    return merged


# --- rendering -------------------------------------------------------------------------------

_MONTHS = {
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
    "de": (
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    ).split(),
}


def format_day(day: _dt.date, code: str | None = None) -> str:
    """6 December 2026 / 6. Dezember 2026."""
    lang = code or _language
    month = _MONTHS.get(lang, _MONTHS["en"])[day.month - 1]
    if lang == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_moment(moment: _dt.datetime, code: str | None = None) -> str:
    """A date and time, in UTC so every reader sees the same moment: 6 December 2026, 18:00 UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(_dt.UTC)
    return f"{format_day(moment.date(), code)}, {moment:%H:%M} UTC"


def render(message: Msg | str, code: str | None = None) -> str:
    """The message in `code` (default: the current language), arguments filled in."""
    if isinstance(message, str):
        return message
    lang = code or _language
    template = catalogue(lang).get(message.text, message.text) if lang != "en" else message.text
    values = {name: _render_arg(value, lang) for name, value in message.args.items()}
    try:
        return template.format_map(_Missing(values))
    except (ValueError, IndexError, AttributeError):
        # A malformed translation must not hide the message: fall back to the English.
        return message.text.format_map(_Missing(values))


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render_arg(value: Arg, lang: str) -> str:
    if isinstance(value, Msg):
        return render(value, lang)
    if isinstance(value, _dt.datetime):
        return format_moment(value, lang)
    if isinstance(value, _dt.date):
        return format_day(value, lang)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if lang == "de" else f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        # Large counts grouped as the reader's language does (years and small numbers are not).
        grouped = f"{value:,}"
        return grouped.replace(",", ".") if lang == "de" else grouped
    return str(value)


def _arg_to_json(value: Arg) -> Any:
    if isinstance(value, Msg):
        return {"msg": value.to_json()}
    if isinstance(value, _dt.datetime):
        return {"moment": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"day": value.isoformat()}
    return value


def _arg_from_json(value: Any) -> Arg:
    if isinstance(value, dict):
        if "msg" in value:
            return Msg.from_json(value["msg"])
        try:
            if "moment" in value:
                return _dt.datetime.fromisoformat(str(value["moment"]))
            if "day" in value:
                return _dt.date.fromisoformat(str(value["day"]))
        except ValueError:
            return str(value)
        return str(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return str(value)
    return value
