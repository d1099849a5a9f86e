"""Fixtures for the GUI tests: an offscreen Qt platform and small real wallet files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from wallet.credential import CLR2, DATA_INTEGRITY, OB3, Credential, Issuer  # noqa: E402
from wallet.store import WalletStore  # noqa: E402

from .samples import (  # noqa: E402
    PASSPHRASE,
    data_analysis,
    first_aid,
    message_boxes,
    parsed,
    statistics,
)


@dataclass
class WalletFile:
    path: Path
    ids: dict[str, str]  # title -> id


@pytest.fixture
def wallet_file(tmp_path: Path) -> WalletFile:
    """A closed wallet file holding three credentials, added straight through the store."""
    path = tmp_path / "maria.wallet"
    ids: dict[str, str] = {}
    with WalletStore.create(path, PASSPHRASE) as store:
        for cred, raw in (
            (data_analysis(), b'{"n": 1}'),
            (first_aid(), b'{"n": 2}'),
            (statistics(), b'{"n": 3}'),
        ):
            ids[cred.title] = store.credentials.add(parsed(cred, raw), "test")
    return WalletFile(path, ids)


@pytest.fixture
def store(wallet_file: WalletFile) -> Iterator[WalletStore]:
    """The wallet file opened; closed after the test (closing twice is harmless)."""
    s = WalletStore.open(wallet_file.path, PASSPHRASE)
    yield s
    s.close()


@pytest.fixture
def bundle_store(tmp_path: Path) -> Iterator[WalletStore]:
    """A wallet with one CLR bundle carrying two credentials, plus one loose badge."""
    s = WalletStore.create(tmp_path / "bundle.wallet", PASSPHRASE)
    clr = Credential(
        format=CLR2,
        proof_form=DATA_INTEGRITY,
        title="BSc transcript",
        issuer=Issuer(name="University of Somewhere"),
        issued="2024-07-01",
    )
    kids = [
        parsed(
            Credential(
                format=OB3,
                proof_form=DATA_INTEGRITY,
                title=t,
                issuer=Issuer(name="University of Somewhere"),
                issued=d,
            ),
            raw,
        )
        for t, d, raw in (
            ("Linear Algebra", "2022-01-10", b'{"k": 1}'),
            ("Databases", "2022-06-10", b'{"k": 2}'),
        )
    ]
    s.credentials.add(parsed(clr, b'{"clr": 1}', kids), "test")
    s.credentials.add(parsed(first_aid(), b'{"n": 2}'), "test")
    yield s
    s.close()


@pytest.fixture
def german(qapp: object) -> Iterator[None]:
    """The window in German (Qt's and the wallet's translators, and the core's messages) for
    one test; English again after it."""
    from wallet import messages
    from wallet.ui import i18n

    code, remove = i18n.install_translators("de")
    assert code == "de" and messages.current_language() == "de"
    try:
        yield
    finally:
        remove()


@pytest.fixture(autouse=True)
def _close_message_boxes(qapp: object) -> Iterator[None]:
    """No box left open leaks into the next test."""
    yield
    for box in message_boxes():
        box.close()
