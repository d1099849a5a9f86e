"""View → History of Sharing…: the window shows what the learner showed to which verifier.

The history was only in the command line (`learner-wallet shared`); a learner in the window
could not see what they had disclosed to whom. Entries are made with the store's own API (as an
answer to a verifier keeps them); the dialog is opened the way a click does, through the menu
command's `QAction.trigger()`, and read back as a person reads it.
"""

from __future__ import annotations

from wallet.actions.responding import WHOLE
from wallet.store import WalletStore
from wallet.ui import i18n
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtWidgets
from wallet.ui.shares_dialog import SharesDialog

from .conftest import WalletFile

GONE = "0123456789abcdef"  # a credential id the wallet no longer holds
STRANGER = "<b>Harbour</b> Employer"  # a verifier's own name: shown as written, never bold


def shared_dialogs() -> list[SharesDialog]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, SharesDialog) and w.isVisible()
    ]


def open_history(qtbot, store: WalletStore) -> SharesDialog:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert window.shares_action.isVisible()
    window.shares_action.trigger()
    (dialog,) = shared_dialogs()
    qtbot.addWidget(dialog)
    return dialog


def share_two(store: WalletStore, wallet_file: WalletFile) -> None:
    """An older answer naming no one, then a newer one with a held and a deleted credential."""
    store.shares.add(
        nonce="n-1",
        client_id="redirect_uri:https://old.example/cb",
        verifier=None,
        host="old.example",
        purpose=None,
        credentials=[wallet_file.ids["Statistics I"]],
        revealed=[[WHOLE]],
    )
    store.shares.add(
        nonce="n-2",
        client_id="x509_san_dns:employer.example",
        verifier=STRANGER,
        host="employer.example",
        purpose="We check your first aid for the job.",
        credentials=[wallet_file.ids["First Aid at Work"], GONE],
        revealed=[["given_name", "address.street_address"], [WHOLE]],
    )


def test_the_menu_command_shows_who_saw_what(
    qtbot, store: WalletStore, wallet_file: WalletFile
) -> None:
    share_two(store, wallet_file)
    dialog = open_history(qtbot, store)
    assert dialog.empty.isHidden() and dialog.view.isVisible()
    rows = dialog.view.rows()
    text = "\n".join(f"{a}\t{b}" for a, b in rows)
    # Newest first, each headed by when (the reader's clock) and to whom.
    newer, older = store.shares.all()
    headings = [row for row in rows if row[0] == i18n.moment_text(newer.shared_at)]
    assert headings[0] == (i18n.moment_text(newer.shared_at), STRANGER)
    assert rows.index(headings[0]) < rows.index((i18n.moment_text(older.shared_at), "old.example"))
    assert ("Name it gave:", STRANGER) in rows
    assert ("Proven by:", "x509_san_dns:employer.example") in rows
    assert ("Answer went to:", "employer.example") in rows
    assert ("Why it asked:", "We check your first aid for the job.") in rows
    saw = rows.index(("What it saw:", ""))
    assert rows[saw + 1] == ("First Aid at Work", "Given name, Address \u203a Street address")
    assert (f"A credential since deleted ({GONE})", "The whole credential") in rows
    assert ("Statistics I", "The whole credential") in rows
    assert ("Name it gave:", "(it gave no name)") in rows
    assert ("Why it asked:", "(it gave no reason)") in rows
    assert "given_name" not in text


def test_a_strangers_markup_shows_as_written(
    qtbot, store: WalletStore, wallet_file: WalletFile
) -> None:
    share_two(store, wallet_file)
    dialog = open_history(qtbot, store)
    # The view is filled as plain text: the tags are characters on the screen, nothing is bold.
    assert STRANGER in dialog.view.toPlainText()
    assert "<b>" not in dialog.view.toHtml().replace("&lt;b&gt;", "")


def test_nothing_shared_says_so(qtbot, store: WalletStore) -> None:
    dialog = open_history(qtbot, store)
    assert dialog.view.isHidden()
    assert dialog.empty.isVisible()
    assert dialog.empty.text() == "Nothing has been shown to a verifier from this wallet."


def test_the_history_speaks_german(
    qtbot, german: None, store: WalletStore, wallet_file: WalletFile
) -> None:
    share_two(store, wallet_file)
    dialog = open_history(qtbot, store)
    assert dialog.windowTitle() == "Verlauf des Teilens"
    rows = dialog.view.rows()
    assert ("Angegebener Name:", STRANGER) in rows
    assert ("Belegt durch:", "x509_san_dns:employer.example") in rows
    assert ("First Aid at Work", "Vorname, Adresse \u203a Straße und Hausnummer") in rows
    assert (f"Ein inzwischen gelöschter Nachweis ({GONE})", "Der ganze Nachweis") in rows
    assert ("Angegebener Name:", "(gab keinen Namen an)") in rows


def test_german_empty_state(qtbot, german: None, store: WalletStore) -> None:
    dialog = open_history(qtbot, store)
    assert dialog.empty.text() == "Aus dieser Wallet wurde noch nichts einem Prüfer gezeigt."
