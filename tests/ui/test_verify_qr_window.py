"""The "Verify a QR" window: real presentations signed in the test, drawn as QR PNGs, read back
through zxing-cpp and verified offline in the background, as an employer would."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from wallet.paths import resources
from wallet.present import qr
from wallet.present.presentation import make_vp
from wallet.proofs import keys, signing
from wallet.store import WalletStore
from wallet.ui.qt import QtGui, QtWidgets
from wallet.ui.verify_qr_window import VerifyQrWindow

from .samples import PASSPHRASE

DEMO = resources() / "demo"


def learner() -> tuple[Ed25519PrivateKey, str]:
    data = json.loads((DEMO / "issuer-key.json").read_text("utf-8"))["learner"]
    return keys.private_key_from_jwk(data["privateJwk"]), data["did"]


def issue_to(subject: str) -> tuple[dict, str]:
    """A credential from a fresh did:key issuer to `subject` (no status list: checkable
    offline in full)."""
    issuer = Ed25519PrivateKey.generate()
    did = keys.did_key_from_public_key(issuer.public_key())
    cred = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/undefined-terms/v2",
        ],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "name": "Forklift Safety",
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": subject, "skill": "Forklift operation"},
    }
    signed = signing.sign_data_integrity(
        cred,
        issuer,
        keys.did_key_verification_method(issuer.public_key()),
        created="2026-01-01T00:00:00Z",
    )
    return signed, did


def qr_pngs(presentation: object, folder: Path, stem: str = "code") -> list[Path]:
    paths = []
    for n, text in enumerate(qr.encode(presentation), 1):
        path = folder / f"{stem}-{n}.png"
        qr.make_qr_png(text, path)
        paths.append(path)
    return paths


@pytest.fixture
def trusting_store(tmp_path: Path) -> Iterator[tuple[WalletStore, dict, str]]:
    """A wallet that trusts the issuer of a credential issued to the demo learner."""
    _, did = learner()
    cred, issuer = issue_to(did)
    store = WalletStore.create(tmp_path / "employer.wallet", PASSPHRASE)
    store.trust.add(issuer, "Test issuer", source="test")
    yield store, cred, issuer
    store.close()


@pytest.fixture
def window(qtbot, trusting_store) -> VerifyQrWindow:
    store = trusting_store[0]
    w = VerifyQrWindow(store_getter=lambda: store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def wait(qtbot, w: VerifyQrWindow, task) -> None:
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running() and not w.busy.isVisible(), timeout=20_000)


def vp_of(
    cred: dict, *, key=None, did=None, challenge: str | None = "c-1", domain: str | None = None
) -> dict:
    k, d = learner()
    return make_vp(
        [cred], key or k, did or d, challenge=challenge, domain=domain, now=dt.datetime.now(dt.UTC)
    )


def test_valid_presentation_verified_with_checks_and_content(
    qtbot, window, trusting_store, tmp_path
) -> None:
    _, cred, _ = trusting_store
    window.challenge.setText("c-1")
    wait(qtbot, window, window.open_files(qr_pngs(vp_of(cred), tmp_path)))
    assert window.result is not None and window.result.verdict == "verified", (
        window.result.to_json() if window.result else window.status.text()
    )
    assert window.verdict.isVisible() and "Verified" in window.verdict.text()
    rows = dict(window.check_texts_shown())
    assert any(
        k.endswith("Holder's signature") and "signed by the holder" in v for k, v in rows.items()
    )
    assert any(k.endswith("Challenge and domain") and "c-1" in v for k, v in rows.items())
    assert any(k.startswith("\u2713 Bound to the credential subject") for k in rows)
    assert any(k.startswith("\u2713 Freshness") for k in rows)
    assert any(k.startswith("\u2713 Issuer's signature") for k in rows)
    assert any("Credential: Forklift Safety" in k for k in rows)
    # what it proves comes first, in words; the raw fields wait behind "Technical details"
    certificate = dict(window.certificate.rows())
    assert certificate["Forklift Safety"].endswith("Verified")
    assert certificate[""] == (
        "Awarded to a learner whose name is not shown by an issuer that gives no name "
        "on 1 January 2026: Forklift Safety."
    )
    assert certificate["Trusted issuer"] == "yes, on your list of trusted issuers"
    assert certificate["Date awarded"] == "1 January 2026"
    assert "2026-01-01T" not in window.certificate_text()
    assert window.certificate.isVisible() and not window.revealed.isVisible()
    values = dict(window.revealed.rows())
    assert "Forklift Safety" in values
    assert values.get("Skill") == "Forklift operation"
    assert values.get("Valid From") == "2026-01-01T00:00:00Z"
    window.technical_toggle.click()
    assert window.revealed.isVisible()
    # Copy as JSON: the object `check-qr --json` prints
    text = window.copy_json()
    data = json.loads(text)
    assert data["verdict"] == "verified" and data["format"] == "vp" and data["nested"]
    assert json.loads(QtGui.QGuiApplication.clipboard().text()) == data


def test_parts_opened_one_by_one_are_put_together(qtbot, window, tmp_path) -> None:
    micro = json.loads(
        (DEMO / "credentials" / "01-data-analysis-with-python.json").read_text("utf-8")
    )  # an OB 3.0 micro-credential needs two codes
    paths = qr_pngs(vp_of(micro), tmp_path)
    assert len(paths) >= 2
    wait(qtbot, window, window.open_files(paths[:1]))
    assert window.result is None and "missing" in window.status.text()
    wait(qtbot, window, window.open_files(paths[1:]))
    assert window.result is not None and window.result.verdict in ("verified", "warning")
    assert f"Read {len(paths)} QR code(s)" in window.status.text()
    # the employer reads a certificate: grade, credits and level in words, not field paths
    shown = window.certificate_text()
    assert (
        "Awarded to Aroha Demo-Learner by Demo Polytechnic (DEMO ISSUER \u2014 not a real "
        "institution) on 20 February 2026: Data Analysis with Python (15 NZQF credits, "
        "NZQF level 5)."
    ) in shown
    assert "Grade: A-" in shown and "Credits: 15 NZQF credits" in shown
    assert "Learning outcomes: Import, clean and reshape tabular data with pandas" in shown
    for raw in ("urn:uuid:", "ext:QualificationsFrameworkLevel", "2026-02-20T00:00:00Z", "\u203a"):
        assert raw not in shown, raw
    # ... which the technical details keep, as written
    technical = dict(window.revealed.rows())
    assert technical["Credential ID"].startswith("urn:uuid:")
    assert technical["Issued (as written)"] == "2026-02-20T00:00:00Z"
    assert technical["Result 2 \u203a Value"] == "A-"
    window.clear()
    assert window.certificate.rows() == []


def test_other_holder_fails_with_the_reason(qtbot, window, trusting_store, tmp_path) -> None:
    _, cred, _ = trusting_store
    thief = Ed25519PrivateKey.generate()
    vp = vp_of(cred, key=thief, did=keys.did_key_from_public_key(thief.public_key()))
    wait(qtbot, window, window.open_files(qr_pngs(vp, tmp_path)))
    assert window.result is not None and window.result.verdict == "failed"
    assert "Failed" in window.verdict.text()
    rows = dict(window.check_texts_shown())
    binding = next(v for k, v in rows.items() if "Bound to the credential subject" in k)
    assert "someone other than the learner" in binding
    assert next(k for k in rows if "Bound to" in k).startswith("\u2717")


def test_tampered_presentation_fails(qtbot, window, trusting_store, tmp_path) -> None:
    _, cred, _ = trusting_store
    vp = vp_of(cred)
    vp["verifiableCredential"][0]["credentialSubject"]["skill"] = "Brain surgery"
    wait(qtbot, window, window.open_files(qr_pngs(vp, tmp_path)))
    assert window.result is not None and window.result.verdict == "failed"
    shown = " ".join(v for _k, v in window.check_texts_shown())
    assert "does not match" in shown


def test_wrong_challenge_fails_and_names_it(qtbot, window, trusting_store, tmp_path) -> None:
    _, cred, _ = trusting_store
    window.challenge.setText("the-one-I-asked-for")
    wait(qtbot, window, window.open_files(qr_pngs(vp_of(cred, challenge="old"), tmp_path)))
    assert window.result is not None and window.result.verdict == "failed"
    rows = dict(window.check_texts_shown())
    challenge = next(v for k, v in rows.items() if "Challenge and domain" in k)
    assert "another challenge" in challenge
    assert json.loads(window.copy_json())["verdict"] == "failed"


def test_picture_without_a_code_gets_a_plain_message(qtbot, window, tmp_path) -> None:
    path = tmp_path / "cat.png"
    Image.new("RGB", (200, 200), "white").save(path)
    wait(qtbot, window, window.open_files([path]))
    assert window.result is None and not window.verdict.isVisible()
    assert window.status.text() == "No QR code was found in the picture."
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("hello")
    wait(qtbot, window, window.open_files([not_an_image]))
    assert "cannot be read" in window.status.text() and "Traceback" not in window.status.text()


def test_paste_text_and_image_and_screenshot(qtbot, window, trusting_store, tmp_path) -> None:
    _, cred, _ = trusting_store
    texts = qr.encode(vp_of(cred))
    QtGui.QGuiApplication.clipboard().setText("\n".join(texts))
    wait(qtbot, window, window.paste())
    assert window.result is not None and window.result.verdict in ("verified", "warning")
    window.clear()
    assert window.result is None and not window.copy_button.isEnabled()
    path = qr_pngs(vp_of(cred), tmp_path)[0]
    QtGui.QGuiApplication.clipboard().setImage(QtGui.QImage(str(path)))
    wait(qtbot, window, window.paste())
    assert window.result is not None
    window.clear()
    task = window.take_screenshot()  # offscreen: a blank screen
    if task is not None:
        wait(qtbot, window, task)
    assert "No QR code was found" in window.status.text()


def test_every_control_has_an_accessible_name(window) -> None:
    for widget in window.findChildren(QtWidgets.QWidget):
        if isinstance(
            widget,
            QtWidgets.QAbstractButton
            | QtWidgets.QLineEdit
            | QtWidgets.QAbstractItemView
            | QtWidgets.QProgressBar,
        ):
            if isinstance(widget.parent(), QtWidgets.QAbstractItemView):
                continue
            assert widget.accessibleName(), widget.objectName() or type(widget).__name__
