"""The Share dialog on a real wallet: an ecdsa-sd-2023 credential issued in the test to the demo
learner, the demo SD-JWT and a whole-proof demo micro-credential; the learner's key signs.
What the picker offers, the preview, and the QR codes (decoded back through zxing-cpp) must all
agree about what is revealed."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from wallet import formats
from wallet.paths import resources
from wallet.present import qr
from wallet.present.presentation import overall_verdict, verify_presentation
from wallet.proofs import jose, keys, sd_derive
from wallet.store import WalletStore
from wallet.ui.i18n import day_text
from wallet.ui.qt import Qt, QtGui, QtWidgets
from wallet.ui.share_dialog import ShareDialog
from wallet.verify.context import VerifyContext
from wallet.verify.jose_proofs import verify_sd_jwt

from .samples import PASSPHRASE

DEMO = resources() / "demo"
SECRET_NARRATIVE = "Built a soil-moisture sensor for the kura garden"
ISSUER_KEY = ec.derive_private_key(0x5EED_0B30_2026_0001, ec.SECP256R1())
ISSUER_DID = keys.did_key_from_public_key(ISSUER_KEY.public_key())


def learner() -> dict[str, Any]:
    return json.loads((DEMO / "issuer-key.json").read_text("utf-8"))["learner"]


def sd_credential() -> dict[str, Any]:
    """An OB 3.0 credential with an ecdsa-sd-2023 base proof, issued to the demo learner."""
    doc = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:6a0d2f1c-1e1b-4a51-9c1e-7d0a52c1b001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Sensors for Environmental Monitoring",
        "issuer": {"id": ISSUER_DID, "type": ["Profile"], "name": "Test Polytechnic"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": learner()["did"],
            "type": ["AchievementSubject"],
            "creditsEarned": 15,
            "narrative": SECRET_NARRATIVE,
            "achievement": {
                "id": "https://poly.example/a/sensors",
                "type": ["Achievement"],
                "name": "Sensors L5",
                "description": "Builds sensors.",
                "criteria": {"narrative": "Pass the project."},
            },
        },
    }
    return sd_derive.sign_sd_base(
        doc,
        ISSUER_KEY,
        keys.did_key_verification_method(ISSUER_KEY.public_key()),
        ["/issuer", "/validFrom", "/credentialSubject/achievement/name"],
    )


@pytest.fixture(scope="module")
def base_credential() -> dict[str, Any]:
    return sd_credential()


@pytest.fixture
def share_store(tmp_path: Path, base_credential) -> Iterator[tuple[WalletStore, dict[str, str]]]:
    store = WalletStore.create(tmp_path / "learner.wallet", PASSPHRASE)
    store.keys.add(keys.private_key_from_jwk(learner()["privateJwk"]), "Aroha")
    ids = {
        "ecdsa": store.credentials.add(formats.parse(json.dumps(base_credential).encode()), "test"),
        "sd-jwt": store.credentials.add(
            formats.parse(next(DEMO.glob("credentials/10-*.sd-jwt")).read_bytes()), "test"
        ),
        "whole": store.credentials.add(
            formats.parse(next(DEMO.glob("credentials/01-*.json")).read_bytes()), "test"
        ),
    }
    yield store, ids
    store.close()


def open_dialog(qtbot, store: WalletStore, ids: list[str]) -> ShareDialog:
    dialog = ShareDialog(store, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: ShareDialog) -> None:
    qtbot.waitUntil(dialog.is_settled, timeout=30_000)


def ctx() -> VerifyContext:
    return VerifyContext(at=dt.datetime.now(dt.UTC), trusted_issuers=frozenset({ISSUER_DID}))


def revealed_claims(presentation: Any) -> dict[str, Any]:
    """The claims an SD-JWT presentation discloses (read without verifying)."""
    assert isinstance(presentation, str)
    return jose.sd_jwt_processed(presentation)[1]


def decoded(dialog: ShareDialog) -> Any:
    assert dialog.built is not None, dialog.message.text()
    return qr.decode(dialog.built.texts)


def test_ecdsa_sd_picker_mandatory_checked_and_locked(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["ecdsa"]])
    picker = dialog.pickers[0]
    assert picker.mode == "ecdsa-sd" and picker.note.isVisible()
    assert "Always shown" in picker.note.text() and learner()["did"] in picker.note.text()
    by_path = {str(i.data(0, picker.PATH)): i for i in picker.items()}
    assert set(by_path) >= {
        "/issuer",
        "/validFrom",
        "/credentialSubject/achievement/name",
        "/credentialSubject/narrative",
        "/credentialSubject/creditsEarned",
    }
    for path in ("/issuer", "/validFrom", "/credentialSubject/achievement/name"):
        item = by_path[path]
        assert item.checkState(0) == Qt.CheckState.Checked
        assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    narrative = by_path["/credentialSubject/narrative"]
    assert narrative.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert narrative.text(1) == SECRET_NARRATIVE
    # revealing anything about the subject reveals the learner's identifier: said up front
    assert dialog.identity.isVisible() and learner()["did"] in dialog.identity.text()


def test_unchecking_removes_the_value_from_preview_and_qr(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["ecdsa"]])
    assert SECRET_NARRATIVE in dialog.preview_text()
    vp = decoded(dialog)
    assert SECRET_NARRATIVE in json.dumps(vp)
    dialog.pickers[0].set_checked("/credentialSubject/narrative", False)
    settle(qtbot, dialog)
    assert SECRET_NARRATIVE not in dialog.preview_text()
    assert "Sensors L5" in dialog.preview_text()  # mandatory stays
    assert SECRET_NARRATIVE not in dialog.raw.toPlainText()
    vp = decoded(dialog)
    assert SECRET_NARRATIVE not in json.dumps(vp)
    report = verify_presentation(vp, challenge=None, at=dt.datetime.now(dt.UTC), ctx=ctx())
    assert overall_verdict(report) == "verified", report.to_json()


def test_sd_jwt_any_subset_and_identity_warning(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["sd-jwt"]])
    picker = dialog.pickers[0]
    assert picker.mode == "sd-jwt"
    given = picker.item_for("given_name")
    assert given is not None and given.checkState(0) == Qt.CheckState.Unchecked
    assert "identifies you" in given.text(0)
    assert "Aroha" not in dialog.preview_text()
    assert "given_name" not in revealed_claims(decoded(dialog))
    # the issuer made the subject's DID always visible: the dialog says so before sharing
    assert dialog.identity.isVisible() and "identifier" in dialog.identity.text()
    # the certificate the employer reads says the name is not revealed
    certificate = dict(dialog.certificate.rows())
    assert certificate["Awarded to"].startswith("name not revealed")
    assert certificate["Date awarded"] == "16 July 2026"
    picker.set_checked("given_name", True)
    settle(qtbot, dialog)
    assert "Given name: Aroha" in dialog.preview_text()
    assert dict(dialog.certificate.rows())["Awarded to"] == "Aroha"
    assert (
        dialog.certificate_text().splitlines()[1].startswith("Awarded to Aroha by Demo Polytechnic")
    )
    assert "Given name" in dialog.identity.text()
    assert revealed_claims(decoded(dialog))["given_name"] == "Aroha"
    assert "completion_date" in revealed_claims(decoded(dialog))
    picker.set_checked("completion_date", False)
    settle(qtbot, dialog)
    assert "2026-07-15" not in dialog.preview_text()
    claims = revealed_claims(decoded(dialog))
    assert "completion_date" not in claims and "email" not in claims
    out = verify_sd_jwt(decoded(dialog), ctx())
    assert out.checks[0].status == "pass" and out.document["given_name"] == "Aroha"


def test_picker_shows_jwt_times_as_days_in_the_readers_locale(qtbot, share_store) -> None:
    """Issue 16: the picker listed "Issued at 2026-07-16 00:00 UTC" (once "1784160000")."""
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["sd-jwt"]])
    picker = dialog.pickers[0]
    issued = picker.item_for("iat")
    assert issued is not None
    assert issued.text(1) == day_text(dt.date(2026, 7, 16))
    assert "UTC" not in issued.text(1) and "2026-07-16" not in issued.text(1)
    completed = picker.item_for("completion_date")
    assert completed is not None and completed.text(1) == day_text(dt.date(2026, 7, 15))


def test_preview_is_a_certificate_with_the_fields_behind_technical_details(
    qtbot, share_store
) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["whole"]])
    shown = dialog.certificate_text()
    assert "Data Analysis with Python (15 NZQF credits, NZQF level 5)." in shown
    assert "Grade: A-" in shown and "Level: NZQF level 5" in shown
    for raw in ("urn:uuid:", "ext:QualificationsFrameworkLevel", "2026-02-20T00:00:00Z"):
        assert raw not in shown, raw
    assert dialog.certificate.isVisible()
    assert not dialog.preview.isVisible() and not dialog.raw_toggle.isVisible()
    assert "Result 2 \u203a Value: A-" in dialog.preview_text()  # kept for the specialist
    dialog.technical_toggle.click()
    assert dialog.preview.isVisible() and dialog.raw_toggle.isVisible()
    assert not dialog.raw.isVisible()
    dialog.raw_toggle.click()
    assert dialog.raw.isVisible()


def test_whole_credential_shows_note_and_no_boxes(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["whole"]])
    picker = dialog.pickers[0]
    assert picker.mode == "whole" and picker.tree is None
    assert picker.note.isVisible() and "whole or not at all" in picker.note.text()
    assert picker.findChildren(QtWidgets.QTreeWidget) == []
    # an OB 3.0 micro-credential needs two codes: paging
    assert dialog.built is not None and len(dialog.built.texts) == 2
    assert dialog.page_label.text() == "Code 1 of 2" and dialog.next_button.isVisible()
    first = dialog.qr_view.pixmap().toImage()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.page_label.text() == "Code 2 of 2" and not dialog.next_button.isEnabled()
    assert dialog.qr_view.pixmap().toImage() != first
    assert dialog.qr_view.pixmap().width() >= 360
    # the whole credential carries the learner's DID: said before sharing
    assert dialog.identity.isVisible() and learner()["did"] in dialog.identity.text()


def test_challenge_and_domain_are_signed_in(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["ecdsa"]])
    dialog.challenge.setText("job-42")
    dialog.domain.setText("hr.example")
    settle(qtbot, dialog)
    vp = decoded(dialog)
    assert vp["proof"]["challenge"] == "job-42" and vp["proof"]["domain"] == "hr.example"
    good = verify_presentation(
        vp, challenge="job-42", domain="hr.example", at=dt.datetime.now(dt.UTC), ctx=ctx()
    )
    assert overall_verdict(good) == "verified"


def test_save_svg_decodes_to_a_verified_presentation(qtbot, share_store, tmp_path) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["ecdsa"]])
    dialog.choose_save_path = lambda kind: str(tmp_path / f"share.{kind}")  # type: ignore
    qtbot.mouseClick(dialog.save_svg_button, Qt.MouseButton.LeftButton)
    assert "Saved" in dialog.message.text()
    texts = []
    for n, svg in enumerate(sorted(tmp_path.glob("share*.svg"))):
        assert svg.read_bytes().lstrip().startswith(b"<?xml") and b"<path" in svg.read_bytes()
        image = QtGui.QImage(str(svg))  # Qt's SVG reader draws it; zxing reads the drawing
        assert not image.isNull()
        paper = QtGui.QImage(
            image.width() * 2, image.height() * 2, QtGui.QImage.Format.Format_RGB32
        )
        paper.fill(QtGui.QColor("white"))  # the SVG has no background of its own
        painter = QtGui.QPainter(paper)
        painter.drawImage(paper.rect(), image)
        painter.end()
        drawn = tmp_path / f"svg-drawn-{n}.png"
        paper.save(str(drawn))
        texts += qr.read_qr_image(drawn)
    vp = qr.decode(texts)
    assert len(texts) == len(dialog.built.texts)
    assert vp["verifiableCredential"] == decoded(dialog)["verifiableCredential"]
    assert (
        overall_verdict(
            verify_presentation(vp, challenge=None, at=dt.datetime.now(dt.UTC), ctx=ctx())
        )
        == "verified"
    )
    # several codes are saved as name-1, name-2
    whole = open_dialog(qtbot, store, [ids["whole"]])
    written = whole.save(tmp_path / "micro.svg", "svg")
    assert [p.name for p in written] == ["micro-1.svg", "micro-2.svg"]


def _span(vp: dict[str, Any]) -> dt.timedelta:
    """How long a presentation was signed to be valid for."""
    created = dt.datetime.fromisoformat(vp["proof"]["created"].replace("Z", "+00:00"))
    return dt.datetime.fromisoformat(vp["proof"]["expires"].replace("Z", "+00:00")) - created


def test_save_writes_a_proof_sheet_valid_for_a_week(qtbot, share_store, tmp_path) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["whole"]])  # two codes
    assert _span(decoded(dialog)) == dt.timedelta(minutes=10)  # shown live: 10 minutes
    info = dialog.qr_info.text()
    assert "10 minutes" in info and "7 days" in info, info  # says which applies
    dialog.choose_save_path = lambda kind: str(tmp_path / "proof.png")  # type: ignore
    qtbot.mouseClick(dialog.save_sheet_button, Qt.MouseButton.LeftButton)
    assert "Saved" in dialog.message.text(), dialog.message.text()
    texts = qr.read_qr_image(tmp_path / "proof.png")
    assert len(texts) == 2  # both codes on the one page
    vp = qr.decode(texts)
    assert _span(vp) == dt.timedelta(days=7)  # a saved code: a week
    assert vp["verifiableCredential"] == decoded(dialog)["verifiableCredential"]
    report = verify_presentation(
        vp, challenge=None, at=dt.datetime.now(dt.UTC) + dt.timedelta(days=6), ctx=ctx()
    )
    assert overall_verdict(report) != "failed", report.to_json()

    written = dialog.save(tmp_path / "proof", "pdf")  # the suffix is added
    assert [p.name for p in written] == ["proof.pdf"]
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(written[0]), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    (page,) = sorted(tmp_path.glob("page*.png"))
    assert sorted(qr.read_qr_image(page)) == sorted(texts)


def test_a_chosen_validity_applies_on_screen_and_saved(qtbot, share_store, tmp_path) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["whole"]])
    choice = dialog.valid_for
    minutes = [choice.itemData(i) for i in range(choice.count())]
    assert minutes[0] is None  # automatic: 10 minutes live, 7 days saved
    assert {10, 60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60} <= set(minutes)
    choice.setCurrentIndex(minutes.index(24 * 60))
    settle(qtbot, dialog)
    assert _span(decoded(dialog)) == dt.timedelta(days=1)
    assert "7 days" not in dialog.qr_info.text() and "Valid until" in dialog.qr_info.text()
    (sheet,) = dialog.save(tmp_path / "day.png", "png")
    assert _span(qr.decode(qr.read_qr_image(sheet))) == dt.timedelta(days=1)


def test_play_shows_the_codes_one_after_another(qtbot, share_store) -> None:
    store, ids = share_store
    single = open_dialog(qtbot, store, [ids["sd-jwt"]])
    assert len(single.built.texts) == 1 and not single.play_button.isVisible()
    dialog = open_dialog(qtbot, store, [ids["whole"]])
    assert dialog.play_button.isVisible() and not dialog.play_timer.isActive()
    assert dialog.page == 0
    qtbot.mouseClick(dialog.play_button, Qt.MouseButton.LeftButton)
    assert dialog.play_button.isChecked() and dialog.play_timer.isActive()
    assert 1000 <= dialog.play_timer.interval() <= 2000
    dialog.play_timer.timeout.emit()  # what the timer does every ~1.5 s
    assert dialog.page == 1 and dialog.page_label.text() == "Code 2 of 2"
    dialog.play_timer.timeout.emit()
    assert dialog.page == 0  # round again
    # Previous and Next still work by hand
    assert dialog.next_button.isVisible() and dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.page == 1
    qtbot.mouseClick(dialog.play_button, Qt.MouseButton.LeftButton)
    assert not dialog.play_button.isChecked() and not dialog.play_timer.isActive()


def test_impossible_choice_is_a_plain_message(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["sd-jwt"], ids["whole"]])
    assert dialog.built is None
    assert dialog.message.text().startswith("Cannot share this:")
    assert "on its own" in dialog.message.text() and "Traceback" not in dialog.message.text()
    assert not dialog.save_sheet_button.isEnabled() and not dialog.qr_view.has_code()


def test_every_control_has_an_accessible_name(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = open_dialog(qtbot, store, [ids["ecdsa"], ids["whole"]])
    for widget in dialog.findChildren(QtWidgets.QWidget):
        if isinstance(
            widget,
            QtWidgets.QAbstractButton
            | QtWidgets.QLineEdit
            | QtWidgets.QAbstractItemView
            | QtWidgets.QPlainTextEdit
            | QtWidgets.QProgressBar
            | QtWidgets.QGroupBox,
        ):
            if isinstance(widget.parent(), QtWidgets.QAbstractItemView | QtWidgets.QScrollBar):
                continue
            assert widget.accessibleName(), widget.objectName() or type(widget).__name__


def test_menu_actions_open_share_and_verify(qtbot, share_store) -> None:
    from wallet.ui.main_window import MainWindow
    from wallet.ui.present_actions import install_present_actions
    from wallet.ui.verify_qr_window import VerifyQrWindow

    store, ids = share_store
    window = MainWindow(store)
    qtbot.addWidget(window)
    install_present_actions(window, lambda: window.store)
    window.show()
    qtbot.waitExposed(window)
    share = window.findChild(QtGui.QAction, "share_action")
    verify = window.findChild(QtGui.QAction, "verify_qr_action")
    assert share is not None and verify is not None
    assert share.shortcut().toString() == "Ctrl+Shift+S"
    menus = {a.menu().objectName(): a.menu() for a in window.menuBar().actions() if a.menu()}
    assert share in menus["file_menu"].actions() and verify in menus["tools_menu"].actions()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Tools") == titles.index("&Help") - 1
    window.table.clearSelection()
    window.table.setCurrentIndex(window.model.index(-1, 0))
    assert not share.isEnabled()
    assert window.select_credential(ids["ecdsa"])
    assert share.isEnabled()
    share.trigger()
    dialog = window.findChild(ShareDialog)
    assert dialog is not None and dialog.isVisible()
    assert [p.stored.id for p in dialog.pickers] == [ids["ecdsa"]]
    settle(qtbot, dialog)
    dialog.close()
    verify.trigger()
    verifier = window.findChild(VerifyQrWindow)
    assert verifier is not None and verifier.isVisible()
    verify.trigger()  # the same window again, not a second one
    assert len(window.findChildren(VerifyQrWindow)) == 1
    verifier.close()
    window.lock()
    assert not share.isEnabled()


def test_closing_while_building_is_harmless(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = ShareDialog(store, [ids["whole"]])
    dialog.show()
    task = dialog.rebuild()
    assert task is not None
    dialog.close()
    dialog.deleteLater()
    qtbot.wait(10)
    assert task.wait(30)
    qtbot.wait(50)  # its late signals find no dialog and go nowhere
