"""What import, the image guard, backups and the self-test tell a person reads in German when
the person reads German (issue 14), and stays the same English otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wallet import backup, formats, selftest
from wallet.errors import FormatError
from wallet.images import UnsupportedImage, open_image, sanitize_svg
from wallet.importer import FAILED, IMPORTED, ItemResult
from wallet.messages import M, render
from wallet.sources import Failure, SourceError, fetch_url, read_sources

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'


def _format_error(data: bytes, name: str = "") -> FormatError:
    with pytest.raises(FormatError) as caught:
        formats.parse(data, name=name)
    return caught.value


def test_a_file_that_is_no_credential_is_refused_in_german() -> None:
    assert render(_format_error(b"").msg, "de") == "leere Datei"
    pdf = _format_error(b"%PDF-1.7 ...")
    assert render(pdf.msg, "de") == "ein PDF-Dokument, kein Nachweis"
    assert pdf.message == "a PDF document, not a credential"  # the English is unchanged
    unknown = _format_error(b"eggs, milk", name="shopping.txt")
    assert render(unknown.msg, "de") == (
        "unbekanntes Format (shopping.txt): weder JSON noch ein JWT, ein SD-JWT, ein PNG oder "
        "ein SVG"
    )


def test_a_link_instead_of_a_badge_says_where_it_was_found_in_german() -> None:
    link = _format_error(b"https://issuer.example/assertions/1")
    assert isinstance(link, formats.LinkOnly) and link.url == "https://issuer.example/assertions/1"
    assert render(link.msg, "de") == (
        "die Datei enthält nur einen Link zu ihrem Badge (https://issuer.example/assertions/1); "
        "importieren Sie diese Adresse, um es abzurufen"
    )
    assert str(link).startswith("the file carries only a link to its badge")


def test_a_bad_item_in_a_clr_bundle_is_named_with_its_reason_in_german() -> None:
    clr = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": "did:web:college.example",
        "name": "Transcript",
        "credentialSubject": {"verifiableCredential": [42]},
    }
    caught = _format_error(json.dumps(clr).encode())
    assert render(caught.msg, "de") == (
        "CLR-Eintrag 1: ein verschachtelter Nachweis ist weder ein Objekt noch ein JWT"
    )
    assert caught.message == "CLR item 1: a nested credential is neither an object nor a JWT"


def test_import_result_lines_read_in_german() -> None:
    failed = ItemResult("shopping.txt", FAILED, _format_error(b"eggs", "shopping.txt").msg)
    assert render(failed.line(), "de").startswith("shopping.txt: unbekanntes Format (shopping")
    done = ItemResult("badge.json", IMPORTED, M("imported"), "ab12", "Data Analysis", "verified")
    assert render(done.line(), "de") == "importiert ab12  Data Analysis  (badge.json): VERIFIED"
    assert str(done.line()) == "imported ab12  Data Analysis  (badge.json): VERIFIED"
    # Scripts reading `import --json` keep the English words.
    assert done.to_dict()["message"] == "imported" and failed.to_dict()["status"] == FAILED


def test_a_source_that_cannot_be_read_says_why_in_german(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (got,) = list(read_sources([str(tmp_path / "empty")]))
    assert isinstance(got, Failure)
    assert render(got.msg, "de") == "der Ordner enthält keine Dateien"
    assert got.problem == "folder holds no files"
    with pytest.raises(SourceError) as refused:
        fetch_url("http://issuer.example/badge.json")
    assert render(refused.value.msg, "de") == (
        "unverschlüsseltes http ist nur zu diesem Computer (127.0.0.1) erlaubt; verwenden Sie https"
    )


def test_the_image_guard_speaks_german() -> None:
    with pytest.raises(UnsupportedImage) as refused:
        open_image(b"%!PS-Adobe-3.0 EPSF-3.0\n")
    assert render(refused.value.msg, "de") == "kein Bild im Format PNG, JPEG, GIF oder WebP"
    cleaned = sanitize_svg(f'{SVG_OPEN}<script>alert(1)</script><g onclick="x"/></svg>'.encode())
    assert [render(what, "de") for what in cleaned.removed] == ["ein Skript", "ein Event-Handler"]
    assert [str(what) for what in cleaned.removed] == ["a script", "an event handler"]


def test_a_restore_summary_reads_in_german() -> None:
    summary = backup.RestoreSummary(
        credentials=2,
        offered_issuers=[("did:web:mill.example", "Diploma Mill")],
        verdicts={"a": "verified", "b": "failed"},
    )
    german = render(summary.line(), "de")
    assert "Erneut offline geprüft: 1 verifiziert, 1 fehlgeschlagen." in german
    assert (
        "Die Sicherung vertraut 1 Aussteller, der nicht zu Ihren vertrauenswürdigen Ausstellern "
        "hinzugefügt wurde: Diploma Mill <did:web:mill.example>." in german
    )
    english = str(summary.line())
    assert "Checked again offline: 1 verified, 1 failed." in english
    assert "The backup trusts 1 issuer that was not added" in english


def test_a_file_that_is_no_backup_is_refused_in_german() -> None:
    with pytest.raises(backup.BackupError) as refused:
        backup.decode(b"not a backup at all, just some bytes for the header", "passphrase")
    assert render(refused.value.msg, "de") == "dies ist keine Sicherungsdatei von Learner Wallet"


def test_a_self_test_line_reads_in_german() -> None:
    with pytest.raises(selftest.CheckFailed) as failed:
        selftest.check_qt(None)
    line = selftest.Outcome("qt", False, failed.value.msg, 0.0).line()
    assert render(line, "de") == (
        "qt: FEHLGESCHLAGEN: keine Qt-Prüfung übergeben "
        "(starten Sie sie als `learner-wallet self-test`)"
    )
    assert str(line) == "qt: FAILED: no Qt check was given (run it as `learner-wallet self-test`)"
