"""The command line speaks the learner's locale: a German LANG gives German sentences from the
core and from the CLI itself, and LANG=C gives the English ones, for the same commands."""

from __future__ import annotations

import io
import re
import shutil
import string
from pathlib import Path

import pytest

from tests.test_messages import _message_ids
from wallet import cli, messages

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo" / "credentials"
CURRENT = DEMO / "01-data-analysis-with-python.json"
EXPIRED = DEMO / "06-first-aid-refresher-expired.json"  # expired on 1 June 2025


pytestmark = pytest.mark.usefixtures("keep_language")  # cli.main sets the language


@pytest.fixture
def wallet(tmp_path: Path) -> dict[str, Path]:
    pw = tmp_path / "pass.txt"
    pw.write_text("correct horse battery\n")
    files = tmp_path / "incoming"
    files.mkdir()
    for source in (CURRENT, EXPIRED):
        shutil.copy(source, files / source.name)
    return {"wallet": tmp_path / "w.lwallet", "pass": pw, "files": files}


def run(
    wallet: dict[str, Path],
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
) -> tuple[int, str]:
    """One command under `LANG=lang` (nothing else naming a language); (exit code, what it
    printed on stdout and stderr)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    out = io.StringIO()
    code = cli.main(
        ["--wallet", str(wallet["wallet"]), "--passphrase-file", str(wallet["pass"]), *args],
        out=out,
    )
    return code, out.getvalue() + capsys.readouterr().err


def session(
    wallet: dict[str, Path],
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> str:
    """What a learner sees: a new wallet, an import, a check of what went in, a stack, and a
    command asked wrongly."""
    said = []
    for args in (
        ("init",),
        ("import", str(wallet["files"])),
        ("verify", "--all"),
        ("stack", "import", str(DEMO.parent / "stacks" / "eqf6-cloud-and-data.json")),
        ("stacks",),
        ("verify",),  # nothing named: a usage error
        ("export", "--format", "html", str(wallet["files"] / "out.html")),  # nothing chosen
    ):
        code, text = run(wallet, lang, monkeypatch, capsys, *args)
        assert code in (0, 2), (args, text)
        said.append(text)
    return "".join(said)


def english_sentences() -> set[str]:
    """The words of every core message template (three words or more between placeholders),
    except those its German translation keeps as they are (commands, technical names)."""
    german = messages.catalogue("de")
    found = set()
    for template in _message_ids():
        kept = german.get(template, "")
        for literal, _field, _spec, _conv in string.Formatter().parse(template):
            text = literal.strip(" ,;:()")
            if len(re.findall(r"[A-Za-z]{2,}", text)) >= 3 and text not in kept:
                found.add(text)
    return found


def test_a_german_locale_gets_german_sentences_and_no_english_ones(
    wallet: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = session(wallet, "de_DE.UTF-8", monkeypatch, capsys)
    assert "Wallet " in text and "angelegt" in text
    assert "importiert " in text
    assert "steht nicht auf Ihrer Liste vertrauenswürdiger Aussteller" in text
    assert "abgelaufen am 1. Juni 2025" in text  # the date as German writes it
    assert "fehlt: 10 weitere ECTS auf EQF-Stufe 6 oder höher" in text
    assert "nennen Sie Dateien, URLs oder Nachweis-IDs zum Prüfen" in text
    assert "wählen Sie mit genau einem von --collection C" in text
    english = sorted(s for s in english_sentences() if s in text)
    assert english == [], english


def test_the_c_locale_gets_the_english_sentences(
    wallet: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = session(wallet, "C", monkeypatch, capsys)
    assert "created wallet " in text and "imported " in text
    assert "is not on your list of trusted issuers" in text
    assert "expired on 1 June 2025" in text
    assert "missing: 10 more ECTS at EQF level 6 or above" in text
    assert "name files, URLs or credential ids to verify, or use --all" in text
    assert "choose what to export with one of --collection C" in text
    assert "steht nicht" not in text and "Nachweis" not in text
    # the German test's detector finds English sentences where there are some
    assert len([s for s in english_sentences() if s in text]) >= 5
