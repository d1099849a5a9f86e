"""Secrets (issue 9): the passphrase and holder private keys never reach logs, crash reports or
backups in the clear, and locking leaves nothing decrypted on screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from wallet import backup, cli
from wallet.store import WalletStore
from wallet.store.credentials import Credentials
from wallet.store.keys import HolderKeys
from wallet.ui.qt import QtWidgets

PASSPHRASE = "tr0ub4dor & a very particular phrase"


def _wallet_with_key(path: Path) -> bytes:
    """A wallet holding one credential and a holder key; returns the raw private key."""
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    from tests.reliability.crash_harness import credential_bytes
    from wallet import formats

    with WalletStore.create(path, PASSPHRASE) as store:
        parsed = formats.parse(credential_bytes(1, "secret"), name="one.json")
        store.credentials.add(parsed, "one.json")
        did = store.keys.create("Me")
        raw = store.keys.private_key(did).private_bytes(
            Encoding.Raw, PrivateFormat.Raw, NoEncryption()
        )
    return raw


def test_an_internal_error_log_holds_no_passphrase_or_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wallet = tmp_path / "w.lwallet"
    raw = _wallet_with_key(wallet)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE)

    def boom(self: Credentials) -> list:
        keys = HolderKeys(self._db)
        key = keys.private_key(keys.default())  # a key object in the frame
        raise RuntimeError(f"a bug while listing ({type(key).__name__})")

    monkeypatch.setattr(Credentials, "summaries", boom)
    code = cli.main(
        ["--wallet", str(wallet), "--passphrase-file", str(secret), "list"], out=io.StringIO()
    )
    err = capsys.readouterr().err
    assert code != 0 and "internal error (RuntimeError)" in err and "details in" in err
    log = Path(err.split("details in ")[1].strip())
    text = log.read_bytes()
    assert b"a bug while listing" in text  # the check below can fail: this is the log
    assert PASSPHRASE.encode() not in text and raw not in text and raw.hex().encode() not in text
    assert PASSPHRASE not in err


def test_a_backup_holds_the_key_only_encrypted(tmp_path: Path) -> None:
    wallet = tmp_path / "w.lwallet"
    raw = _wallet_with_key(wallet)
    out = tmp_path / "b.lwbackup"
    with WalletStore.open(wallet, PASSPHRASE) as store:
        backup.write_backup(store, out, "backup passphrase!", log_n=10)
    data = out.read_bytes()
    assert raw not in data and raw.hex().encode() not in data
    assert PASSPHRASE.encode() not in data and b"backup passphrase!" not in data
    doc = backup.read_backup(out, "backup passphrase!")
    assert doc["holder_keys"][0]["private_key"] == raw  # it is in there, encrypted


def _texts(widget: QtWidgets.QWidget) -> list[str]:
    out = [widget.windowTitle()]
    for w in widget.findChildren(QtWidgets.QWidget):
        for getter in ("text", "toPlainText", "placeholderText", "toolTip"):
            fn = getattr(w, getter, None)
            if callable(fn):
                try:
                    value = fn()
                except TypeError:
                    continue
                if isinstance(value, str):
                    out.append(value)
        if isinstance(w, QtWidgets.QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
    return out


def test_locking_leaves_no_credential_text_on_screen(qtbot, tmp_path: Path) -> None:
    from wallet.ui.app import Session

    wallet = tmp_path / "w.lwallet"
    _wallet_with_key(wallet)
    with WalletStore.open(wallet, PASSPHRASE) as store:
        summary = store.credentials.summaries()[0]
    session = Session(wallet)
    try:
        session.start(PASSPHRASE)
        window = session.window
        assert window is not None
        window.select_credential(summary.id)
        shown = "\n".join(_texts(window))
        assert summary.title in shown and (summary.issuer or "") in shown  # the probe works
        window.lock()
        left = "\n".join(_texts(window))
        assert summary.title not in left
        assert (summary.issuer or "\x00") not in left
    finally:
        session.shutdown()
