"""Restoring a backup with the learner's yes to its trust list checks the wallet's OWN
credentials of the issuers it made trusted (or registry-listed) again, at once.

Before, only the credentials the backup added were checked: one already in the wallet from an
issuer the restore just trusted kept its stored "issuer not on your trust list" warning until the
learner pressed Check now. The demo issuer's SD-JWT credential has no status list, so trusting
its issuer turns its offline verdict from warning to verified.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wallet import backup, cli, demo, formats, paths
from wallet.actions import backups, verifying
from wallet.store import RegistryEntry, WalletStore

WALLET_PW = "this laptop's passphrase"
BACKUP_PW = "backup passphrase, long enough"
FAST = {"log_n": 10}  # not a test of the KDF
SD_JWT = paths.resources() / "demo" / "credentials" / "10-health-safety-induction.sd-jwt"
REGISTRY = "https://registry.example/issuers.json"


@pytest.fixture
def wallet(tmp_path: Path) -> tuple[Path, str]:
    """A wallet holding the demo issuer's credential, checked while the issuer is not
    trusted: (its path, the credential's id)."""
    path = tmp_path / "here.lwallet"
    with WalletStore.create(path, WALLET_PW) as store:
        cid = store.credentials.add(formats.parse(SD_JWT.read_bytes()), SD_JWT.name)
        assert verifying.verify_credentials(store).verdicts == {cid: "warning"}
    return path, cid


def _backup(tmp_path: Path, *, trust: bool = False, registry: bool = False) -> Path:
    """A backup of another wallet that trusts the demo issuer, or subscribes to a registry
    listing it; it holds no credentials, so none of the restore's checks is of one it adds."""
    did, name = demo.demo_issuer()
    out = tmp_path / f"other-{trust}-{registry}.lwbackup"
    with WalletStore.create(tmp_path / f"other-{trust}-{registry}.lwallet", WALLET_PW) as other:
        if trust:
            other.trust.add(did, name, source="user")
        if registry:
            other.registries.save(REGISTRY, "Demo Consortium", [RegistryEntry(did, name)])
        backup.write_backup(other, out, BACKUP_PW, **FAST)
    return out


@pytest.fixture
def opened(wallet: tuple[Path, str]) -> Iterator[WalletStore]:
    with WalletStore.open(wallet[0], WALLET_PW) as store:
        yield store


def test_the_yes_checks_the_wallets_own_credentials_of_the_issuers_it_trusted(
    opened: WalletStore, wallet: tuple[Path, str], tmp_path: Path
) -> None:
    cid = wallet[1]
    restored = backups.restore_backup(
        opened, _backup(tmp_path, trust=True), BACKUP_PW, accept_trust=True
    )
    assert restored.trusted_issuers == 1 and restored.new_ids == []
    assert opened.checks.verdicts()[cid] == "verified"
    assert cid in restored.changes.updated  # the window re-reads that row
    assert restored.changes.trust_changed


def test_asked_and_answered_yes_the_same(
    opened: WalletStore, wallet: tuple[Path, str], tmp_path: Path
) -> None:
    """The CLI's way: the backup read first, the learner asked with the issuers offered."""
    checked = backups.read_backup(_backup(tmp_path, trust=True), BACKUP_PW)
    restored = backups.restore_backup(opened, checked, accept_trust=lambda offered: True)
    assert opened.checks.verdicts()[wallet[1]] == "verified"
    assert wallet[1] in restored.changes.updated


def test_the_yes_checks_the_credentials_of_a_subscribed_registrys_issuers(
    opened: WalletStore, wallet: tuple[Path, str], tmp_path: Path
) -> None:
    cid = wallet[1]
    restored = backups.restore_backup(
        opened, _backup(tmp_path, registry=True), BACKUP_PW, accept_trust=True
    )
    assert restored.registries == 1 and restored.trusted_issuers == 0
    assert opened.checks.verdicts()[cid] == "verified"
    assert cid in restored.changes.updated


@pytest.mark.parametrize("answer", [False, lambda offered: False])
def test_without_the_yes_nothing_is_judged_differently(
    opened: WalletStore, wallet: tuple[Path, str], tmp_path: Path, answer: object
) -> None:
    restored = backups.restore_backup(
        opened,
        backups.read_backup(_backup(tmp_path, trust=True, registry=True), BACKUP_PW),
        accept_trust=answer,  # type: ignore[arg-type]
    )
    assert restored.offered_issuers == [demo.demo_issuer()]
    assert opened.checks.verdicts()[wallet[1]] == "warning"
    assert restored.changes.updated == ()


def _cli(wallet: Path, pass_file: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--wallet", str(wallet), "--passphrase-file", str(pass_file), *args], out=out)
    return code, out.getvalue()


@pytest.mark.parametrize("yes", [True, False])
def test_the_cli_restore_shows_the_new_verdict_at_once(
    wallet: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    yes: bool,
) -> None:
    path, cid = wallet
    monkeypatch.setenv(cli.BACKUP_PASSPHRASE_ENV, BACKUP_PW)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(WALLET_PW)
    flags = ["--accept-trust"] if yes else []
    code, text = _cli(path, pass_file, "restore", *flags, str(_backup(tmp_path, trust=True)))
    assert code == 0, capsys.readouterr().err
    assert ("1 trusted issuer added" in text) is yes
    with WalletStore.open(path, WALLET_PW) as store:
        assert store.checks.verdicts()[cid] == ("verified" if yes else "warning")


def test_the_windows_yes_shows_the_new_verdict_at_once(
    qtbot: Any, wallet: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Restore from Backup…, the trust question answered yes: the row of the credential
    already in the wallet says verified without Check now."""
    from wallet.ui import backup_actions
    from wallet.ui.app import Session
    from wallet.ui.qt import QtWidgets

    path, cid = wallet
    out = _backup(tmp_path, trust=True)
    monkeypatch.setattr(backup_actions, "ask_open_path", lambda _parent: out)
    monkeypatch.setattr(backup_actions, "ask_passphrase", lambda _parent, confirm: BACKUP_PW)
    session = Session(path)
    session.start(WALLET_PW)
    try:
        window = session.window
        assert window is not None and window.model.verdict(cid) == "warning"
        actions = window.backup_actions
        assert actions is not None
        with qtbot.waitSignal(actions.done, timeout=20000):
            actions.restore()
        qtbot.waitUntil(lambda: actions.trust_box is not None and actions.trust_box.isVisible())
        assert actions.trust_box is not None
        actions.trust_box.button(QtWidgets.QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: window.store is not None and bool(window.store.trust.issuers()))
        qtbot.waitUntil(lambda: not window.ops)
        assert window.model.verdict(cid) == "verified"
    finally:
        session.shutdown()
