"""A proof sheet: one printable A4 page with the code(s) of a presentation, labelled, what they
prove, until when, and how to check them. The codes must read back from the one picture (and
from the PDF as poppler renders it), in any order, and a missing code must be named."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from wallet.messages import render
from wallet.present import qr
from wallet.present.certificate import certificates_of
from wallet.present.presentation import check_presentation, make_vp
from wallet.present.sheet import SheetError, draw, sheet_of, write_sheet
from wallet.proofs import keys, signing
from wallet.verify.context import VerifyContext

RES = Path(__file__).resolve().parents[2] / "resources" / "demo"
NOW = dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)
A4_300_DPI = (2480, 3508)


def _learner() -> tuple[Ed25519PrivateKey, str]:
    d = json.loads((RES / "issuer-key.json").read_text("utf-8"))["learner"]
    return keys.private_key_from_jwk(d["privateJwk"]), d["did"]


def _micro() -> dict:
    return json.loads(
        (RES / "credentials" / "01-data-analysis-with-python.json").read_text("utf-8")
    )


@pytest.fixture(scope="module")
def week_vp() -> dict:
    key, did = _learner()
    return make_vp(
        [_micro()], key, did, challenge=None, domain=None, valid_minutes=7 * 24 * 60, now=NOW
    )


def test_the_sheet_says_what_the_codes_prove_until_when_and_how_to_check(week_vp) -> None:
    texts = qr.encode(week_vp)
    assert len(texts) == 2  # the demo micro-credential needs two codes
    sheet = sheet_of(week_vp, texts, made=NOW, language="en", zone=dt.UTC)
    assert sheet.labels == ["1 of 2", "2 of 2"]
    summary = render(certificates_of(week_vp)[0].summary, "en")
    assert sheet.proves == [summary] and summary.startswith("Awarded to")
    assert sheet.valid.startswith("Valid until 8 August 2026 at 09:00 (UTC).")
    # on the clock of where it is made, with the offset for a reader elsewhere
    auckland = dt.timezone(dt.timedelta(hours=12))
    there = sheet_of(week_vp, texts, made=NOW, language="en", zone=auckland)
    assert there.valid.startswith("Valid until 8 August 2026 at 21:00 (UTC+12:00).")
    how = " ".join(sheet.how)
    assert "learner-wallet check-qr SHEET.png" in how and "Verify a QR" in how
    assert "Scan all 2 codes, in any order" in sheet.text()


def test_the_sheet_in_german(week_vp) -> None:
    sheet = sheet_of(week_vp, qr.encode(week_vp), made=NOW, language="de", zone=dt.UTC)
    assert sheet.labels == ["1 von 2", "2 von 2"]
    assert sheet.proves[0].startswith("Verliehen an")
    assert sheet.valid.startswith("Gültig bis 8. August 2026 um 09:00 Uhr (UTC).")
    text = sheet.text()
    assert "learner-wallet check-qr SHEET.png" in text
    assert "Scannen Sie alle 2 Codes" in text
    for english in ("Valid until", "Scan all", "How to check", " of 2"):
        assert english not in text
    image = draw(sheet)  # umlauts and all: it draws, and the codes still read
    assert set(qr.read_qr_image(image)) == set(sheet.texts)


def test_every_code_reads_back_from_the_one_png_in_any_order(week_vp, tmp_path) -> None:
    texts = qr.encode(week_vp)
    out = write_sheet(sheet_of(week_vp, texts, made=NOW, language="en"), tmp_path / "s.png")
    with Image.open(out) as page:
        assert page.format == "PNG" and page.size == A4_300_DPI
        assert round(page.info["dpi"][0]) == 300
    read = qr.read_qr_image(out)
    assert sorted(read) == sorted(texts)
    assert qr.decode(list(reversed(read))) == week_vp
    report, verdict = check_presentation(qr.decode(read), VerifyContext(at=NOW))
    assert verdict in ("verified", "warning"), report.to_json()  # untrusted demo issuer: warning


def test_a_missing_code_is_named(week_vp, tmp_path) -> None:
    image = draw(sheet_of(week_vp, qr.encode(week_vp), made=NOW, language="en"))
    left = image.crop((0, 0, image.width // 2, image.height))  # code 1 only
    read = qr.read_qr_image(left)
    assert len(read) == 1
    with pytest.raises(qr.QrError) as e:
        qr.decode(read)
    assert "part 2 of 2 is missing" in e.value.message


def test_the_pdf_is_one_a4_page_whose_codes_read_back(week_vp, tmp_path) -> None:
    texts = qr.encode(week_vp)
    out = write_sheet(sheet_of(week_vp, texts, made=NOW, language="en"), tmp_path / "s.pdf")
    assert out.read_bytes().startswith(b"%PDF-")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    with Image.open(pages[0]) as page:
        assert page.size in ((1240, 1754), (1241, 1754), (1240, 1755))  # A4 at 150 dpi
    assert sorted(qr.read_qr_image(pages[0])) == sorted(texts)
    with pytest.raises(qr.QrError) as e:  # the PDF itself is no picture: say what to do
        qr.read_qr_image(out)
    assert e.value.message.startswith("this is a PDF, not a picture")


def test_a_stranger_s_words_are_one_plain_bounded_line(tmp_path) -> None:
    issuer = Ed25519PrivateKey.generate()
    issuer_did = keys.did_key_from_public_key(issuer.public_key())
    key, did = _learner()
    title = "<b>Brain</b>\nSurgery \u202eLAVE " + "very " * 300
    cred = signing.sign_data_integrity(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "name": title,
            "issuer": {"id": issuer_did, "name": "Uni\r\nversity <script>"},
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": did},
        },
        issuer,
        keys.did_key_verification_method(issuer.public_key()),
        created="2026-01-01T00:00:00Z",
    )
    vp = make_vp([cred], key, did, challenge=None, domain=None, valid_minutes=60, now=NOW)
    sheet = sheet_of(vp, qr.encode(vp), made=NOW, language="en")
    (said,) = sheet.proves
    assert "<b>Brain</b> Surgery" in said  # shown as written, never read as markup
    assert "\n" not in said and "\r" not in said and "\u202e" not in said
    assert len(said) <= 400
    assert set(qr.read_qr_image(draw(sheet))) == set(sheet.texts)


def test_more_codes_than_a_page_can_hold_is_a_plain_refusal(week_vp) -> None:
    texts = qr.encode({"noise": secrets.token_hex(20_000)})
    assert len(texts) > 12
    with pytest.raises(SheetError) as e:
        draw(sheet_of(week_vp, texts, made=NOW, language="en"))
    assert "one page" in e.value.message and str(len(texts)) in e.value.message


def test_the_verify_window_s_reading_takes_the_whole_set_from_the_one_sheet(
    week_vp, tmp_path
) -> None:
    """The window reads pictures through actions.checking.read_and_check: one sheet is a whole
    presentation; half a sheet keeps the code it holds and names the one still missing."""
    from wallet.actions import checking

    image = draw(sheet_of(week_vp, qr.encode(week_vp), made=NOW, language="en"))
    image.save(tmp_path / "sheet.png")
    whole = checking.read_and_check(
        None, [], checking.QrInput(paths=[str(tmp_path / "sheet.png")]), at=NOW
    )
    assert whole.check is not None and whole.check.presentation == week_vp
    assert whole.check.verdict != "failed", whole.check.report.to_json()
    image.crop((image.width // 2, 0, image.width, image.height)).save(tmp_path / "half.png")
    half = checking.read_and_check(
        None, [], checking.QrInput(paths=[str(tmp_path / "half.png")]), at=NOW
    )
    assert half.check is None and len(half.texts) == 1
    assert half.problem is not None and "part 1 of 2 is missing" in str(half.problem)
