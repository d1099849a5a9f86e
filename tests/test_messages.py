"""Every message id the core can produce has a German translation with the same placeholders,
and rendering keeps a stranger's text exactly as written."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from wallet import messages
from wallet.messages import M, Msg, join, plain, render

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "wallet"


def _core_files() -> list[Path]:
    return [p for p in sorted(CORE.rglob("*.py")) if "ui" not in p.relative_to(CORE).parts[:1]]


def _message_ids() -> dict[str, str]:
    """Template -> first place it is written, from every `M("...")` call in the core."""
    found: dict[str, str] = {}
    bad: list[str] = []
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name != "M":
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                bad.append(where)
                continue
            found.setdefault(first.value, where)
    assert not bad, f"M() needs a string literal (the message id) at: {bad}"
    return found


def test_the_core_has_message_ids() -> None:
    # The walk itself must find the messages (a broken walk would pass every test below).
    ids = _message_ids()
    assert "expired on {day}" in ids
    assert len(ids) > 100


def test_every_message_id_has_a_german_translation_with_the_same_placeholders() -> None:
    german = messages.catalogue("de")
    missing, mismatched = [], []
    for text, where in _message_ids().items():
        if messages.is_structural(text):
            continue
        if not german.get(text):
            missing.append(f"{where}: {text!r}")
        elif messages.placeholders(german[text]) != messages.placeholders(text):
            mismatched.append(f"{where}: {text!r} -> {german[text]!r}")
        elif german[text] == text:
            missing.append(f"{where}: {text!r} (translation equals the English)")
    assert not missing, "untranslated:\n" + "\n".join(missing)
    assert not mismatched, "placeholders differ:\n" + "\n".join(mismatched)


def test_the_german_catalogue_holds_no_stale_entries() -> None:
    ids = set(_message_ids())
    stale = sorted(set(messages.catalogue("de")) - ids)
    assert not stale, f"translations of messages the core no longer has: {stale}"


def test_render_in_german_fills_arguments_and_nested_messages() -> None:
    inner = M("expired on {day}", day=dt.date(2026, 12, 6))
    assert render(inner, "en") == "expired on 6 December 2026"
    assert render(inner, "de") == "abgelaufen am 6. Dezember 2026"
    outer = join([inner, M("valid, no end date")])
    assert render(outer, "de") == "abgelaufen am 6. Dezember 2026; gültig, ohne Enddatum"


def test_a_strangers_text_is_substituted_never_parsed() -> None:
    sneaky = "{day} {0} {__class__} }{"
    shown = render(M("{issuer} is on your list of trusted issuers", issuer=sneaky), "de")
    assert shown == f"{sneaky} steht auf Ihrer Liste vertrauenswürdiger Aussteller"
    assert render(plain(sneaky), "de") == sneaky


def test_a_message_survives_the_verification_memo_in_any_language() -> None:
    original = M(
        "not valid yet: valid from {day}",
        day=dt.date(2030, 1, 2),
    )
    restored = Msg.from_json(original.to_json())
    assert restored == original
    assert render(restored, "de") == "noch nicht gültig: gültig ab 2. Januar 2030"


def test_an_old_memo_message_stays_readable() -> None:
    assert render(Msg.from_json("expired on 1 May 2020"), "de") == "expired on 1 May 2020"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:de", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "de_AT", "LANG": "en_US"}, "de"),
        ({}, "en"),
    ],
)
def test_the_cli_language_follows_the_locale(env: dict[str, str], expected: str) -> None:
    assert messages.language_from_environment(env) == expected


def test_numbers_are_written_the_way_the_reader_writes_them() -> None:
    limit = M("the credential is too complex to check: more than {limit} values", limit=15000)
    assert "15,000" in render(limit, "en")
    assert "15.000" in render(limit, "de")
    # Small numbers and years are not grouped.
    assert render(M("{labels} and {count} more", labels="a", count=2026), "en") == "a and 2026 more"


def test_each_message_is_translated_in_one_place() -> None:
    # Two entries for one id would drift apart, and the merge would pick one silently.
    import json

    seen: dict[str, str] = {}
    twice = []
    for path in sorted((messages.messages_dir() / "de").glob("*.json")):
        for text in json.loads(path.read_text(encoding="utf-8")):
            if text in seen:
                twice.append(f"{text!r}: in {seen[text]} and {path.name}")
            seen.setdefault(text, path.name)
    assert not twice, "\n".join(twice)
