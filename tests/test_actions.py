"""Issue 14, "Use cases, once": each use case in wallet/actions/ on a real wallet, and the
command line and the window reaching the same function for it."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.samples import PASSPHRASE, data_analysis, first_aid, parsed
from wallet import cli
from wallet.actions import credentials as credential_actions
from wallet.actions import passphrase as passphrase_actions
from wallet.actions import stacks as stack_actions
from wallet.actions import trust as trust_actions
from wallet.credential import CLR2, DATA_INTEGRITY, OB3, Credential, Issuer
from wallet.errors import NotFound, WalletError, WrongPassphrase
from wallet.paths import resources
from wallet.store import WalletStore

STACK_FILE = sorted((resources() / "demo" / "stacks").glob("*.json"))[0]
ISSUER = "did:web:issuer.example"
OTHER = "https://badges.example/issuer"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WalletStore]:
    """A wallet with one CLR bundle carrying two credentials, plus two loose ones."""
    s = WalletStore.create(tmp_path / "actions.wallet", PASSPHRASE)
    kids = [
        parsed(
            Credential(format=OB3, proof_form=DATA_INTEGRITY, title=t, issuer=Issuer(name="U")),
            raw,
        )
        for t, raw in (("Linear Algebra", b'{"k": 1}'), ("Databases", b'{"k": 2}'))
    ]
    clr = Credential(format=CLR2, proof_form=DATA_INTEGRITY, title="BSc", issuer=Issuer(name="U"))
    s.credentials.add(parsed(clr, b'{"clr": 1}', kids), "test")
    s.credentials.add(parsed(first_aid(), b'{"n": 2}'), "test")
    s.credentials.add(parsed(data_analysis(), b'{"n": 3}'), "test")
    yield s
    s.close()


def ids_by_title(store: WalletStore) -> dict[str, str]:
    return {s.title: s.id for s in store.credentials.summaries()}


# ----- each use case on a real wallet ---------------------------------------------------------


def test_results_are_frozen() -> None:
    changed = trust_actions.TrustChanged(trusted=(ISSUER,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.trusted = ()  # type: ignore[misc]


def test_trust_and_distrust(store: WalletStore) -> None:
    assert trust_actions.trust_issuer(store, ISSUER, "Issuer") == trust_actions.TrustChanged(
        trusted=(ISSUER,)
    )
    assert store.trust.issuers() == {ISSUER: "Issuer"}

    assert trust_actions.distrust_issuer(store, OTHER) == trust_actions.TrustChanged()
    assert trust_actions.distrust_issuer(store, ISSUER).removed == (ISSUER,)
    assert store.trust.issuers() == {}

    listed = trust_actions.trust_issuers(store, [(ISSUER, None), (OTHER, "Other")], source="x")
    assert listed.trusted == (ISSUER, OTHER) and listed.removed == ()
    assert store.trust.issuers() == {ISSUER: None, OTHER: "Other"}


def test_set_trusted_changes_only_what_differs(store: WalletStore) -> None:
    trust_actions.trust_issuers(store, [(ISSUER, "Issuer"), (OTHER, "Other")], source="user")
    third = "did:key:z6Mkthird"
    changed = trust_actions.set_trusted(store, {ISSUER: "Issuer", OTHER: "Renamed", third: None})
    assert changed == trust_actions.TrustChanged(trusted=(OTHER, third), removed=())
    changed = trust_actions.set_trusted(store, {third: None})
    assert changed == trust_actions.TrustChanged(trusted=(), removed=(ISSUER, OTHER))
    assert store.trust.issuers() == {third: None}


def test_delete_credentials_reports_what_went(store: WalletStore) -> None:
    ids = ids_by_title(store)
    deleted = credential_actions.delete_credentials(store, [ids["BSc"], ids["First Aid at Work"]])
    assert sorted(deleted.removed) == sorted(
        ids[t] for t in ("BSc", "Linear Algebra", "Databases", "First Aid at Work")
    )
    assert set(ids_by_title(store)) == {data_analysis().title}
    with pytest.raises(NotFound):
        credential_actions.delete_credentials(store, [ids["BSc"]])


def test_keep_import_and_remove_a_stack(store: WalletStore) -> None:
    from wallet.stacks.load import load_stack

    data = STACK_FILE.read_bytes()
    stack_id, name = json.loads(data)["id"], json.loads(data)["name"]
    kept = stack_actions.import_stack(store, data)
    assert kept == stack_actions.StackKept(stack_id, name, "own", replaced=False)
    again = stack_actions.keep_stack(store, load_stack(data), source="demo")
    assert again.replaced and again.source == "demo"
    assert [(s.id, s.source) for s in store.stacks.all()] == [(stack_id, "demo")]

    assert stack_actions.remove_stack(store, stack_id) == stack_actions.StackRemoved(stack_id)
    assert store.stacks.all() == []
    with pytest.raises(NotFound):
        stack_actions.remove_stack(store, stack_id)
    with pytest.raises(WalletError):
        stack_actions.import_stack(store, b'{"not": "a stack"}')
    assert store.stacks.all() == []


def test_change_passphrase(store: WalletStore) -> None:
    with pytest.raises(WrongPassphrase):
        passphrase_actions.check_passphrase(store, "not it")
    passphrase_actions.check_passphrase(store, PASSPHRASE)
    changed = passphrase_actions.change_passphrase(store, "new secret words")
    assert changed == passphrase_actions.PassphraseChanged(store.path)
    with pytest.raises(WrongPassphrase):
        WalletStore.open(store.path, PASSPHRASE)
    with WalletStore.open(store.path, "new secret words") as again:
        assert again.credentials.count() == 5


# ----- the command line and the window reach the same function --------------------------------


class Recorder:
    """Wraps one action function: records which front end called it, then calls it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.calls: list[tuple[Any, ...]] = []
        real: Callable[..., Any] = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(args[1:])
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)


@pytest.fixture
def cli_wallet(tmp_path: Path) -> Callable[..., tuple[int, str]]:
    path, pw = tmp_path / "cli.wallet", tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n")
    WalletStore.create(path, PASSPHRASE).close()

    def run(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        code = cli.main(["--wallet", str(path), "--passphrase-file", str(pw), *args], out=out)
        return code, out.getvalue()

    return run


@pytest.fixture
def session(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    from wallet.ui.app import Session

    path = tmp_path / "window.wallet"
    WalletStore.create(path, PASSPHRASE).close()
    s = Session(path)
    s.start(PASSPHRASE)
    assert s.window is not None
    try:
        yield s
    finally:
        s.shutdown()


def settings_dialog(session: Any) -> Any:
    from wallet.ui.settings import SettingsDialog

    assert session.settings_action is not None
    session.settings_action.trigger()
    dialog = session.window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_trusting_from_cli_and_window(
    cli_wallet: Callable[..., tuple[int, str]], session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusted = Recorder(monkeypatch, trust_actions, "trust_issuer")
    assert cli_wallet("trust", "add", ISSUER, "--name", "Issuer") == (0, "trusting Issuer\n")
    dialog = settings_dialog(session)
    dialog.new_issuer.setText(ISSUER)
    dialog.save()
    assert trusted.calls == [(ISSUER, "Issuer"), (ISSUER, None)]
    assert session.window.store.trust.issuers() == {ISSUER: None}


def test_distrusting_from_cli_and_window(
    cli_wallet: Callable[..., tuple[int, str]], session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_wallet("trust", "add", ISSUER)
    trust_actions.trust_issuer(session.window.store, ISSUER)
    removed = Recorder(monkeypatch, trust_actions, "distrust_issuer")
    assert cli_wallet("trust", "remove", ISSUER) == (0, f"no longer trusting {ISSUER}\n")
    dialog = settings_dialog(session)
    dialog.issuers.item(0).setSelected(True)
    dialog.remove_selected_issuers()
    dialog.save()
    assert removed.calls == [(ISSUER,), (ISSUER,)]
    assert session.window.store.trust.issuers() == {}


def test_importing_a_stack_from_cli_and_window(
    cli_wallet: Callable[..., tuple[int, str]],
    session: Any,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:
    from wallet.ui.qt import QtWidgets

    imported = Recorder(monkeypatch, stack_actions, "import_stack")
    code, text = cli_wallet("stack", "import", str(STACK_FILE))
    assert code == 0 and text.startswith("imported stack ")
    monkeypatch.setattr(
        QtWidgets.QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(STACK_FILE), "")),
    )
    session.window.import_stack_action.trigger()
    qtbot.waitUntil(lambda: len(imported.calls) == 2)  # kept by an op, off the GUI thread
    qtbot.waitUntil(lambda: not session.window.ops)
    assert [s.id for s in session.window.store.stacks.all()] == [
        json.loads(STACK_FILE.read_text())["id"]
    ]


def test_removing_a_stack_from_cli(
    cli_wallet: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window has no command to remove a stack yet: the CLI's goes through the use case."""
    cli_wallet("stack", "import", str(STACK_FILE))
    stack_id = json.loads(STACK_FILE.read_text())["id"]
    removed = Recorder(monkeypatch, stack_actions, "remove_stack")
    assert cli_wallet("stack", "remove", stack_id) == (0, f"removed stack {stack_id}\n")
    assert removed.calls == [(stack_id,)]


def test_changing_the_passphrase_from_cli_and_window(
    cli_wallet: Callable[..., tuple[int, str]], session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wallet.ui.lock import ChangePassphraseDialog

    changed = Recorder(monkeypatch, passphrase_actions, "change_passphrase")
    monkeypatch.setenv(cli.NEW_PASSPHRASE_ENV, "new secret words")
    assert cli_wallet("passwd") == (0, "passphrase changed\n")
    assert session.change_passphrase_action is not None
    session.change_passphrase_action.trigger()
    dialog = session.window.findChild(ChangePassphraseDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText("other secret words")
    dialog.confirmation.setText("other secret words")
    assert dialog.try_change()
    assert changed.calls == [("new secret words",), ("other secret words",)]
