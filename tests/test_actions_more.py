"""Issue 14, "Use cases, once", continued: checking an employer's QR codes, verifying stored
credentials, backing up and restoring, each on a real wallet, and the command line and the
window reaching the same function for each."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_actions import Recorder
from tests.ui.samples import PASSPHRASE
from tests.ui.test_verify_qr_window import issue_to, learner, qr_pngs, vp_of
from wallet import cli, formats
from wallet.actions import backups, checking, verifying
from wallet.errors import NotFound, WalletError
from wallet.paths import resources
from wallet.present import qr
from wallet.store import WalletStore

DEMO = resources() / "demo" / "credentials"
FILES = (
    "01-data-analysis-with-python.json",
    "03-cloud-security-fundamentals.json",
    "04-te-reo-maori-in-the-workplace.json",
)
BACKUP_PW = "a long backup passphrase"


@pytest.fixture
def wallet_path(tmp_path: Path) -> Path:
    """A wallet file holding three signed demo credentials."""
    path = tmp_path / "real.wallet"
    with WalletStore.create(path, PASSPHRASE) as store:
        for name in FILES:
            store.credentials.add(formats.parse((DEMO / name).read_bytes()), name)
    return path


@pytest.fixture
def store(wallet_path: Path) -> Iterator[WalletStore]:
    with WalletStore.open(wallet_path, PASSPHRASE) as s:
        yield s


@pytest.fixture
def run_cli(wallet_path: Path, tmp_path: Path) -> Callable[..., tuple[int, str]]:
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n")

    def run(*args: str, wallet: Path | None = wallet_path) -> tuple[int, str]:
        out = io.StringIO()
        where = ["--wallet", str(wallet), "--passphrase-file", str(pw)] if wallet else []
        return cli.main([*where, *args], out=out), out.getvalue()

    return run


@pytest.fixture
def presentation() -> tuple[dict[str, Any], str]:
    """A presentation by the demo learner of a credential from a fresh issuer (its DID)."""
    cred, issuer = issue_to(learner()[1])
    return vp_of(cred, challenge="job-1"), issuer


# ----- checking an employer's QR codes ---------------------------------------------------------


def test_check_qr_texts_without_and_with_a_trust_list(
    presentation: tuple[dict[str, Any], str], store: WalletStore
) -> None:
    vp, issuer = presentation
    texts = qr.encode(vp)
    alone = checking.check_qr_texts(None, texts, challenge="job-1")
    assert alone.verdict == "warning" and alone.texts == list(texts)
    assert alone.revealed[0][0] == "Forklift Safety"
    assert ("Skill", "Forklift operation") in alone.revealed[0][1]
    assert alone.to_json()["verdict"] == "warning"
    with pytest.raises(dataclasses.FrozenInstanceError):
        alone.verdict = "verified"  # type: ignore[misc]

    store.trust.add(issuer, "Forklift school", source="test")
    trusted = checking.check_qr_texts(store, texts, challenge="job-1")
    assert trusted.verdict == "verified"
    wrong = checking.check_qr_texts(store, texts, challenge="job-2")
    assert wrong.verdict == "failed"
    assert checking.check_qr_texts(None, texts, tr=str.upper).revealed[0][1][0][0] == "ISSUER"


def test_read_and_check_keeps_parts_and_caps_image_size(
    presentation: tuple[dict[str, Any], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vp, _issuer = presentation
    texts = qr.encode(vp)
    whole = checking.read_and_check(None, [], checking.QrInput(texts=texts), challenge="job-1")
    assert whole.check is not None and whole.check.verdict == "warning"
    images = qr_pngs(vp, tmp_path)
    read = checking.read_texts(checking.QrInput(paths=[str(p) for p in images]))
    assert read == texts
    monkeypatch.setattr(checking, "MAX_IMAGE_BYTES", 10)
    with pytest.raises(WalletError, match="too large"):
        checking.read_texts(checking.QrInput(paths=[str(images[0])]))


def test_cli_check_qr_gets_the_windows_trust_list_and_size_cap(
    presentation: tuple[dict[str, Any], str],
    run_cli: Callable[..., tuple[int, str]],
    wallet_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vp, issuer = presentation
    images = [str(p) for p in qr_pngs(vp, tmp_path)]
    code, text = run_cli("check-qr", *images, "--challenge", "job-1", wallet=None)
    assert code == 0 and "Overall: WARNING" in text
    with WalletStore.open(wallet_path, PASSPHRASE) as s:
        s.trust.add(issuer, "Forklift school", source="test")
    code, text = run_cli("check-qr", *images, "--challenge", "job-1")
    assert code == 0 and "Overall: VERIFIED" in text
    monkeypatch.setattr(checking, "MAX_IMAGE_BYTES", 10)
    assert run_cli("check-qr", *images, wallet=None) == (cli.EXIT_ERROR, "")


def test_checking_qr_codes_from_cli_and_window(
    presentation: tuple[dict[str, Any], str],
    run_cli: Callable[..., tuple[int, str]],
    store: WalletStore,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wallet.ui.verify_qr_window import VerifyQrWindow

    vp, _issuer = presentation
    images = qr_pngs(vp, tmp_path)
    checked = Recorder(monkeypatch, checking, "check_qr_texts")
    assert run_cli("check-qr", *map(str, images), "--challenge", "job-1")[0] == 0
    window = VerifyQrWindow(store_getter=lambda: store)
    qtbot.addWidget(window)
    window.challenge.setText("job-1")
    task = window.open_files(images)
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running() and window.result is not None, timeout=20_000)
    assert checked.calls == [(qr.encode(vp),), (qr.encode(vp),)]
    assert window.result is not None and window.result.verdict == "warning"


# ----- verifying stored credentials ------------------------------------------------------------


def test_verify_credentials_keeps_every_report(store: WalletStore) -> None:
    ids = [s.id for s in store.credentials.summaries()]
    heard: list[str] = []
    result = verifying.verify_credentials(store, each=lambda cid, _report: heard.append(cid))
    assert list(result.verdicts) == ids == heard
    assert set(result.verdicts.values()) <= {"verified", "warning"}
    for cid in ids:
        saved = store.checks.last_report(cid)
        assert saved is not None and result.reports[cid].verdict == result.verdicts[cid]
    one = verifying.verify_credentials(store, [ids[0][:8]])
    assert list(one.verdicts) == [ids[0]]
    later = verifying.verify_credentials(store, [ids[0]], at=dt.datetime(2200, 1, 1, tzinfo=dt.UTC))
    assert later.reports[ids[0]].as_of.startswith("2200-01-01")
    with pytest.raises(NotFound):
        verifying.verify_credentials(store, [ids[0], "ffffffffffff"])


def test_verifying_from_cli_and_window(
    run_cli: Callable[..., tuple[int, str]],
    wallet_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wallet.ui.main_window import MainWindow

    with WalletStore.open(wallet_path, PASSPHRASE) as s:
        cid = s.credentials.summaries()[0].id
    verified = Recorder(monkeypatch, verifying, "verify_credentials")
    code, text = run_cli("verify", cid)
    assert code == 0 and text.count("\n") > 1
    window = MainWindow(WalletStore.open(wallet_path, PASSPHRASE))
    qtbot.addWidget(window)
    assert window.select_credential(cid)
    task = window.check_selected(False)
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    assert len(verified.calls) == 2
    assert list(verified.calls[1][0]) == [cid] and list(verified.calls[0][0]) == [cid]


# ----- backing up and restoring -----------------------------------------------------------------


def test_back_up_and_restore(store: WalletStore, tmp_path: Path) -> None:
    store.trust.add("did:key:z6MkBackupFriend", "Friend", "user")
    out = tmp_path / "w.lwbackup"
    done = backups.back_up(store, out, BACKUP_PW, log_n=10)
    assert done == backups.BackedUp(out, 3) and out.exists()
    with pytest.raises(WalletError):
        backups.back_up(store, out, BACKUP_PW, log_n=10)

    with WalletStore.create(tmp_path / "new.wallet", PASSPHRASE) as other:
        with pytest.raises(WalletError):
            backups.restore_backup(other, out, "not the passphrase")
        assert other.credentials.count() == 0
        asked: list[Any] = []
        summary = backups.restore_backup(
            other, out, BACKUP_PW, accept_trust=lambda offered: asked.append(offered) or False
        )
        assert [offer.issuers for offer in asked] == [[("did:key:z6MkBackupFriend", "Friend")]]
        assert other.credentials.count() == 3 and len(summary.verdicts) == 3
        assert other.trust.issuers() == {}
        again = backups.restore_backup(
            other, backups.read_backup(out, BACKUP_PW), accept_trust=True
        )
        assert other.trust.issuers() == {"did:key:z6MkBackupFriend": "Friend"}
        assert again.verdicts == {}


def test_backing_up_and_restoring_from_cli_and_window(
    run_cli: Callable[..., tuple[int, str]],
    wallet_path: Path,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    from wallet.ui import backup_actions
    from wallet.ui.app import Session

    monkeypatch.setenv(cli.BACKUP_PASSPHRASE_ENV, BACKUP_PW)
    backed = Recorder(monkeypatch, backups, "back_up")
    restored = Recorder(monkeypatch, backups, "restore_backup")
    cli_out, window_out = tmp_path / "cli.lwbackup", tmp_path / "window.lwbackup"
    assert run_cli("backup", str(cli_out)) == (0, f"backed up 3 credentials into {cli_out}\n")
    code, text = run_cli("restore", str(cli_out), wallet=tmp_path / "fresh.wallet")
    assert code == 0 and "3 credentials added" in text

    session = Session(wallet_path)
    session.start(PASSPHRASE)
    request.addfinalizer(session.shutdown)
    assert session.window is not None
    actions = session.window.backup_actions
    monkeypatch.setattr(backup_actions, "ask_save_path", lambda _parent: window_out)
    monkeypatch.setattr(backup_actions, "ask_open_path", lambda _parent: cli_out)
    monkeypatch.setattr(backup_actions, "ask_passphrase", lambda _parent, confirm: BACKUP_PW)
    monkeypatch.setattr(backup_actions, "show_message", lambda *a, **k: None)
    with qtbot.waitSignal(actions.done, timeout=30_000) as done:
        assert actions.back_up() is not None
    assert done.args[0].startswith("Backed up 3 credentials")
    qtbot.waitUntil(lambda: not actions._running(), timeout=10_000)
    with qtbot.waitSignal(actions.done, timeout=30_000) as done:
        assert actions.restore() is not None
    assert "0 credentials added (3 already there)" in done.args[0]

    assert [call[0] for call in backed.calls] == [cli_out, window_out]
    assert len(restored.calls) == 2 and restored.calls[1] == (cli_out, BACKUP_PW)
