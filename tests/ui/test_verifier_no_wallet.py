"""The verifier an employer uses with no wallet at all (issue 16): opened from the start screen
or launched on its own (`learner-wallet verifier`, the "Learner Wallet Verifier" desktop
entry), it checks proof sheets, QR codes, pasted text and credential files offline, says
plainly that no trusted issuers are set up, and never creates or touches a wallet file."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from wallet import paths
from wallet.paths import resources
from wallet.present import qr
from wallet.present.presentation import make_vp
from wallet.proofs import keys
from wallet.ui import app as app_module
from wallet.ui.app import Session
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets
from wallet.ui.unlock import UnlockDialog
from wallet.ui.verify_qr_window import VerifyQrWindow

from .samples import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
DEMO = resources() / "demo"
CREDENTIALS = DEMO / "credentials"
MICRO = CREDENTIALS / "01-data-analysis-with-python.json"
NO_TRUST = "No trusted issuers are set up here: the issuer is named but not confirmed"


def learner() -> tuple[object, str]:
    data = json.loads((DEMO / "issuer-key.json").read_text("utf-8"))["learner"]
    return keys.private_key_from_jwk(data["privateJwk"]), data["did"]


def demo_presentation() -> dict:
    key, did = learner()
    micro = json.loads(MICRO.read_text("utf-8"))
    return make_vp([micro], key, did, challenge=None, domain=None, now=dt.datetime.now(dt.UTC))


def proof_sheet(folder: Path, presentation: object | None = None) -> Path:
    """One PNG with every code of a presentation side by side, as a saved proof sheet has."""
    codes = []
    for text in qr.encode(presentation or demo_presentation()):
        out = io.BytesIO()
        qr.make_qr_png(text, out)
        codes.append(Image.open(io.BytesIO(out.getvalue())).convert("RGB"))
    assert len(codes) >= 2, "the demo micro-credential needs several codes"
    gap = 40
    sheet = Image.new(
        "RGB",
        (
            sum(c.width for c in codes) + gap * (len(codes) + 1),
            max(c.height for c in codes) + 2 * gap,
        ),
        "white",
    )
    x = gap
    for code in codes:
        sheet.paste(code, (x, gap))
        x += code.width + gap
    path = folder / "proof-sheet.png"
    sheet.save(path)
    return path


def visible(kind: type) -> list:
    return [
        w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
    ]


def written_files() -> list[Path]:
    """Every file in the per-user folders (the test's own XDG folders), logs left out."""
    logs = paths.log_dir()
    found = []
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = Path(os.environ[var])
        if folder.exists():
            found += [p for p in folder.rglob("*") if p.is_file() and not p.is_relative_to(logs)]
    return found


def wait(qtbot, w: VerifyQrWindow, task) -> None:
    assert task is not None, w.status.text()
    qtbot.waitUntil(lambda: not task.is_running() and not w.busy.isVisible(), timeout=30_000)


@pytest.fixture
def verifier(qtbot) -> VerifyQrWindow:
    """The window as the verifier launch makes it: no wallet behind it."""
    w = VerifyQrWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def trust_row(w: VerifyQrWindow, label: str = "Trusted issuer") -> str:
    return next(v for k, v in w.check_texts_shown() if k.endswith(label))


# ----- launched on its own ---------------------------------------------------------------------


def run_verifier_with_steps(steps: list[Callable[[], None]], **kwargs) -> tuple[int, list[str]]:
    """run_verifier, doing `steps` from inside its event loop (97: a step failed, 99: hung)."""
    failures: list[str] = []
    pending = list(steps)

    def next_step() -> None:
        if not pending:
            return
        try:
            pending.pop(0)()
        except Exception as e:  # reported after the loop, where pytest can show it
            failures.append(f"{type(e).__name__}: {e}")
            QtWidgets.QApplication.exit(97)
            return
        QtCore.QTimer.singleShot(20, next_step)

    watchdog = QtCore.QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: QtWidgets.QApplication.exit(99))
    watchdog.start(60_000)
    QtCore.QTimer.singleShot(20, next_step)
    try:
        code = app_module.run_verifier(**kwargs)
    finally:
        watchdog.stop()
    return code, failures


def test_launched_with_no_wallet_it_verifies_a_proof_sheet_png(qtbot, tmp_path) -> None:
    sheet = proof_sheet(tmp_path)
    seen: dict[str, object] = {}

    def check() -> None:
        (w,) = visible(VerifyQrWindow)
        qtbot.waitUntil(lambda: w.result is not None, timeout=30_000)
        seen["title"] = w.windowTitle()
        seen["verdict"] = w.result.verdict
        seen["verdict text"] = w.verdict.text()
        seen["note"] = w.no_wallet_note.text() if w.no_wallet_note.isVisible() else ""
        seen["trust"] = trust_row(w)
        seen["certificate"] = w.certificate_text()
        seen["status"] = w.status.text()
        w.close()

    code, failures = run_verifier_with_steps([check], files=[str(sheet)], log_dir=tmp_path / "log")
    assert failures == [] and code == 0
    assert seen["title"] == "Check a credential"
    # Both codes were read from one picture and the presentation checks out, but nothing
    # can confirm the issuer here: a warning, never "verified", never "failed".
    assert "Read 2 QR code(s)" in seen["status"]
    assert seen["verdict"] == "warning", seen
    assert "Verified" not in seen["verdict text"]
    assert NO_TRUST in seen["note"]
    assert "not confirmed" in seen["trust"] and "your list" not in seen["trust"]
    assert "Awarded to Aroha Demo-Learner by Demo Polytechnic" in seen["certificate"]
    assert "Trusted issuer: not confirmed" in seen["certificate"]
    assert not paths.default_wallet().exists()
    assert written_files() == []


def test_the_verifier_command_writes_nothing_but_a_screenshot(tmp_path) -> None:
    """`learner-wallet verifier FILE --screenshot PNG` in an empty home: the check is drawn,
    and the only file anywhere is the picture asked for (a log at most)."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(tmp_path / "runtime"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    (tmp_path / "runtime").mkdir(mode=0o700)
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "wallet.cli", "verifier", str(MICRO), "--screenshot", str(shot)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"window drawn into {shot}" in done.stdout
    with Image.open(shot) as image:
        assert image.size[0] >= 800
    left = [p for p in home.rglob("*") if p.is_file() and "log" not in p.parts[-2].lower()]
    assert left == [], left
    assert not list(home.rglob("*.lwallet"))


# ----- from the start screen -------------------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True], ids=["first start", "unlock"])
def test_start_screen_offers_a_check_without_a_wallet(qtbot, tmp_path, existing) -> None:
    path = tmp_path / "wallet.lwallet"
    if existing:
        from wallet.store import WalletStore

        WalletStore.create(path, PASSPHRASE).close()
    before = path.read_bytes() if existing else None
    session = Session(path)
    try:
        session.start(None)
        dialog = session.dialog
        assert isinstance(dialog, UnlockDialog) and dialog.isVisible()
        button = dialog.check_button
        assert button.text() == "Check a credential (no wallet needed)"
        assert button.isVisible() and button.accessibleName()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        (verifier,) = visible(VerifyQrWindow)
        assert not dialog.isVisible()
        assert verifier.store_getter is None and verifier.no_wallet_note.isVisible()
        assert NO_TRUST in verifier.no_wallet_note.text()
        wait(qtbot, verifier, verifier.open_files([MICRO]))
        assert verifier.credential_checks and verifier.shown_verdict() == "warning"
        assert path.exists() == existing
        assert (path.read_bytes() if existing else None) == before
        # Closing it goes back to the start screen, where the learner can still open a wallet.
        verifier.close()
        assert session.dialog is not None and session.dialog.isVisible()
        assert visible(VerifyQrWindow) == []
    finally:
        session.shutdown()
    assert path.exists() == existing


# ----- what it takes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "verdict"),
    [
        ("01-data-analysis-with-python.json", "Data Analysis with Python", "warning"),
        ("09-digital-literacy-vc.jwt", None, "warning"),
        ("10-health-safety-induction.sd-jwt", None, "warning"),
        ("11-campus-sustainability-week-baked.png", None, "warning"),
        ("08-peer-mentor-ob2-signed.jws", None, "unknown"),
    ],
)
def test_a_credential_file_shows_its_verdict_and_certificate(
    qtbot, verifier, name, title, verdict
) -> None:
    from wallet import formats

    path = CREDENTIALS / name
    title = title or formats.parse(path.read_bytes(), name=name).credential.title
    wait(qtbot, verifier, verifier.open_files([path]))
    assert verifier.result is None, "a credential file is not a presentation"
    (checked,) = verifier.credential_checks
    assert checked.verdict == verdict == verifier.shown_verdict()
    assert verifier.verdict.isVisible() and "Verified" not in verifier.verdict.text()
    rows = dict(verifier.certificate.rows())
    assert title in rows, rows
    assert "Demo Polytechnic" in verifier.certificate_text()
    assert any(k.startswith("Credential: ") for k, _v in verifier.check_texts_shown())
    assert "not confirmed" in trust_row(verifier)
    # A file does not show who hands it over: the window says so.
    assert "does not show who" in verifier.status.text()
    assert json.loads(verifier.copy_json())["verdict"] == verdict


def test_a_tampered_credential_file_still_fails(qtbot, verifier, tmp_path) -> None:
    doc = json.loads(MICRO.read_text("utf-8"))
    doc["credentialSubject"]["achievement"]["name"] = "Brain Surgery"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(doc), "utf-8")
    wait(qtbot, verifier, verifier.open_files([forged]))
    assert verifier.shown_verdict() == "failed"
    assert "Failed" in verifier.verdict.text()


def test_pasted_credential_presentation_and_qr_text(qtbot, verifier) -> None:
    clipboard = QtGui.QGuiApplication.clipboard()
    clipboard.setText(MICRO.read_text("utf-8"))  # a credential's JSON, many lines
    wait(qtbot, verifier, verifier.paste())
    assert verifier.shown_verdict() == "warning" and len(verifier.credential_checks) == 1
    clipboard.setText((CREDENTIALS / "09-digital-literacy-vc.jwt").read_text("utf-8"))
    wait(qtbot, verifier, verifier.paste())
    assert verifier.shown_verdict() == "warning" and len(verifier.credential_checks) == 1
    vp = demo_presentation()
    clipboard.setText(json.dumps(vp, indent=2))  # a presentation's JSON
    wait(qtbot, verifier, verifier.paste())
    assert verifier.result is not None and verifier.result.verdict == "warning"
    assert not verifier.credential_checks
    assert "Aroha Demo-Learner" in verifier.certificate_text()
    verifier.clear()
    clipboard.setText("\n".join(qr.encode(vp)))  # what a phone's scanner read
    wait(qtbot, verifier, verifier.paste())
    assert verifier.result is not None and verifier.result.verdict == "warning"
    verifier.clear()
    clipboard.setText("hello, employer")
    wait(qtbot, verifier, verifier.paste())
    assert verifier.shown_verdict() is None
    assert verifier.status.text().startswith("The pasted text is not a credential: unknown format")
    assert written_files() == []


def test_with_a_wallet_the_note_stays_away(qtbot, store) -> None:
    w = VerifyQrWindow(store_getter=lambda: store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.windowTitle() == "Verify a QR code"
    assert not w.no_wallet_note.isVisible()
    wait(qtbot, w, w.open_files([MICRO]))
    assert not w.no_wallet_note.isVisible()
    assert "your list of trusted issuers" in trust_row(w)


def test_tools_verify_a_qr_opens_it_with_the_wallet(qtbot, store) -> None:
    from wallet.ui.main_window import MainWindow
    from wallet.ui.present_actions import install_present_actions

    window = MainWindow(store)
    qtbot.addWidget(window)
    install_present_actions(window, lambda: window.store)
    window.show()
    window.verify_qr_action.trigger()
    (w,) = visible(VerifyQrWindow)
    assert w.store_getter is not None and not w.no_wallet_note.isVisible()
    w.close()


def test_a_presentation_file_is_checked_as_a_presentation(qtbot, verifier, tmp_path) -> None:
    saved = tmp_path / "presentation.json"
    saved.write_text(json.dumps(demo_presentation()), "utf-8")
    wait(qtbot, verifier, verifier.open_files([saved]))
    assert verifier.result is not None and verifier.result.verdict == "warning"
    assert verifier.status.text().startswith("Checked the presentation offline at ")
    assert any(k == "The presentation" for k, _v in verifier.check_texts_shown())
    # A challenge typed afterwards checks the same file again, against it.
    verifier.challenge.setText("asked-for")
    verifier.challenge.editingFinished.emit()
    wait(qtbot, verifier, verifier.task)
    assert verifier.result is not None and verifier.result.verdict == "failed"


def test_pictures_and_credential_files_together_are_refused_plainly(
    qtbot, verifier, tmp_path
) -> None:
    wait(qtbot, verifier, verifier.open_files([proof_sheet(tmp_path), MICRO]))
    assert verifier.shown_verdict() is None
    assert verifier.status.text() == (
        "Open pictures of QR codes and credential files one at a time."
    )


def test_without_a_wallet_it_speaks_german(qtbot, tmp_path) -> None:
    """The start screen's choice and the verifier with no wallet, in German: no core English
    anywhere, and the note and the issuer's line in German too."""
    from tests.message_ids import english_fragments
    from wallet.ui import i18n

    from .test_german_window import Seen

    code, remove = i18n.install_translators("de")
    try:
        assert code == "de"
        dialog = UnlockDialog(tmp_path / "none.lwallet")
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.check_button.text() == "Nachweis prüfen (ohne Wallet)"
        w = VerifyQrWindow()
        qtbot.addWidget(w)
        w.show()
        assert w.windowTitle() == "Nachweis prüfen"
        wait(qtbot, w, w.open_files([proof_sheet(tmp_path)]))
        assert w.result is not None
        assert "Hier sind keine vertrauenswürdigen Aussteller eingerichtet" in (
            w.no_wallet_note.text()
        )
        assert (
            trust_row(w, "Vertrauenswürdiger Aussteller")
            == "nicht bestätigt: Hier sind keine vertrauenswürdigen Aussteller eingerichtet"
        )
        seen = Seen()
        seen.read(dialog, "start screen")
        seen.read(w, "verifier")
        wait(qtbot, w, w.open_files([MICRO]))
        assert "wurde offline geprüft" in w.status.text()
        seen.read(w, "verifier, a credential")
        seen.assert_no_core_english(english_fragments("de"))
    finally:
        remove()
