"""Open every top-level window and dialog on the demo wallet and say whether it fits the screen.

Run in its own process (the test's QApplication already exists and has its own screen):

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python tests/ui/fit_check.py LANG

Prints one JSON object: {name: {"size": [w, h], "outside": [what lies off the screen]}}
(the main window's also gives its table's width and its Title column's).
A window fits when its frame and every visible button and line edit lie inside the screen's
available area; a control inside a scroll area counts as reachable when the scroll area does.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wallet import demo  # noqa: E402
from wallet.ui.qt import QtCore, QtWidgets  # noqa: E402


def _global_rect(widget: QtWidgets.QWidget) -> QtCore.QRect:
    return QtCore.QRect(widget.mapToGlobal(QtCore.QPoint(0, 0)), widget.size())


def _reachable_through(widget: QtWidgets.QWidget) -> QtWidgets.QWidget:
    """The outermost scroll area holding `widget` (scrolling reaches it), else the widget."""
    shown = widget
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QtWidgets.QAbstractScrollArea) and not isinstance(
            parent, (QtWidgets.QLineEdit, QtWidgets.QAbstractSpinBox)
        ):
            shown = parent
        parent = parent.parentWidget()
    return shown


def _name(widget: QtWidgets.QWidget) -> str:
    text = widget.text() if isinstance(widget, (QtWidgets.QAbstractButton,)) else ""
    return f"{type(widget).__name__}:{widget.objectName() or text or '?'}"


def outside(window: QtWidgets.QWidget) -> list[str]:
    """What of `window` lies off the screen's available area (empty when all of it fits)."""
    screen = window.screen()
    room = screen.availableGeometry()
    problems: list[str] = []
    frame = window.frameGeometry()
    if not room.contains(frame):
        problems.append(f"frame {frame.getRect()} not inside {room.getRect()}")
    visible = room.intersected(_global_rect(window))
    controls: list[QtWidgets.QWidget] = [
        *window.findChildren(QtWidgets.QAbstractButton),
        *window.findChildren(QtWidgets.QLineEdit),
    ]
    for control in controls:
        if not control.isVisible() or control.window() is not window:
            continue
        holder = _reachable_through(control)
        rect = _global_rect(holder)
        if not visible.contains(rect):
            problems.append(f"{_name(control)} at {rect.getRect()} off {visible.getRect()}")
    return problems


def main() -> None:
    lang = sys.argv[1] if len(sys.argv) > 1 else "en"
    app = QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("Learner Wallet")
    from wallet import messages
    from wallet.actions.shares import shared_history
    from wallet.importer import DUPLICATE, FAILED, IMPORTED, ItemResult
    from wallet.store import WalletStore
    from wallet.ui import i18n
    from wallet.ui.backup_actions import BackupPassphraseDialog
    from wallet.ui.export_dialog import ExportDialog
    from wallet.ui.goal_dialog import GoalDialog
    from wallet.ui.import_flow import ImportResultDialog
    from wallet.ui.lock import ChangePassphraseDialog
    from wallet.ui.main_window import MainWindow
    from wallet.ui.models import CredentialListModel
    from wallet.ui.receive_dialog import ReceiveDialog
    from wallet.ui.respond_dialog import RespondDialog
    from wallet.ui.settings import SettingsDialog
    from wallet.ui.share_dialog import ShareDialog
    from wallet.ui.shares_dialog import SharesDialog
    from wallet.ui.trust_dialog import TrustDialog
    from wallet.ui.unlock import UnlockDialog
    from wallet.ui.verify_qr_window import VerifyQrWindow

    i18n.install_translators(lang)
    messages.set_language(lang)
    tmp = Path(tempfile.mkdtemp())
    path = demo.fresh_demo_wallet(tmp / "demo.lwallet")
    store = WalletStore.open(path, demo.DEMO_PASSPHRASE)
    window = MainWindow(store, demo=True)
    summaries = store.credentials.summaries()
    ids = [s.id for s in summaries]
    titles = {s.id: s.title for s in summaries}
    issuers = {s.id: s.issuer for s in summaries}
    report: dict[str, dict[str, object]] = {}

    def check(name: str, make: Callable[[], QtWidgets.QWidget]) -> None:
        try:
            shown = make()
            if not shown.isVisible():
                shown.show()
            for _ in range(3):
                app.processEvents()
            report[name] = {
                "size": [shown.frameGeometry().width(), shown.frameGeometry().height()],
                "outside": outside(shown),
            }
            if shown is not window:
                shown.hide()
                shown.deleteLater()
        except Exception as e:  # a window that cannot open is a failure too, named
            report[name] = {"size": [0, 0], "outside": [f"could not open: {e!r}"]}
        app.processEvents()

    check("main window", lambda: window)
    window.list_views.setCurrentWidget(window.table)
    app.processEvents()
    report["main window"]["table"] = {
        "width": window.table.viewport().width(),
        "title": window.table.horizontalHeader().sectionSize(CredentialListModel.TITLE),
    }

    def delete_confirmation() -> QtWidgets.QWidget:
        window.table.selectAll()
        box = window.delete_selected()
        assert box is not None
        return box

    check("delete confirmation", delete_confirmation)
    window.table.clearSelection()
    check("welcome (create)", lambda: UnlockDialog(tmp / "new.lwallet"))
    check("unlock", lambda: UnlockDialog(path))
    check("settings", lambda: SettingsDialog(store, window))
    check("change passphrase", lambda: ChangePassphraseDialog(store, window))
    check("backup passphrase", lambda: BackupPassphraseDialog(window, confirm=True))
    check("restore passphrase", lambda: BackupPassphraseDialog(window, confirm=False))
    check("share (one)", lambda: ShareDialog(store, ids[:1], window))
    check("share (all)", lambda: ShareDialog(store, ids, window))
    check("verify (wallet)", lambda: VerifyQrWindow(window, store_getter=lambda: store))
    check("verify (no wallet)", lambda: VerifyQrWindow())
    check("receive", lambda: ReceiveDialog(window))
    check("respond", lambda: RespondDialog(window))
    check("respond (consent)", lambda: _consent(RespondDialog(window), summaries))
    check("export", lambda: ExportDialog(store, ids[:2], window))
    check("goal", lambda: GoalDialog(titles, window, issuers=issuers))

    results = [
        ItemResult(
            f"/home/learner/Downloads/badge-{n}.json",
            status,
            messages.plain("Read from the file."),
            cid,
            titles[cid],
            "verified",
        )
        for n, (cid, status) in enumerate(
            zip(ids, [IMPORTED, DUPLICATE, FAILED] * len(ids), strict=False)
        )
    ]
    check("import results", lambda: ImportResultDialog(results, parent=window))
    check("trust", lambda: TrustDialog(store.credentials.get(ids[0]).credential, window))
    store.shares.add(  # a long verifier id and several claims: the widest a history gets
        nonce="fit-check",
        client_id="decentralized_identifier:did:jwk:" + "eyJrdHkiOiJFQyIsImNydiI6IlAtMjU2In0" * 4,
        verifier="Harbour Logistics \u2014 Careers and Graduate Recruitment",
        host="careers.harbour-logistics.example",
        purpose="We check your induction and your data skills for the analyst role.",
        credentials=ids[:3],
        revealed=[["given_name", "family_name", "address/street_address"], ["*"], ["*"]],
    )
    check("history of sharing", lambda: SharesDialog(shared_history(store), window))
    print(json.dumps(report, indent=1))
    window.close()
    store.close()


def _consent(dialog: QtWidgets.QWidget, summaries: list[Any]) -> QtWidgets.QWidget:
    """The respond dialog's consent page, the longest it shows: two requests, three options."""
    from wallet.actions.responding import Asked, Option, Wanted

    first, second, third = summaries[:3]
    asked = Asked(
        client_id="x509_san_dns:careers.harbour-logistics.example",
        prefix="x509_san_dns",
        name="Harbour Logistics \u2014 Careers",
        host="careers.harbour-logistics.example",
        certificates=(
            "CN=careers.harbour-logistics.example,O=Harbour Logistics Ltd,C=NZ",
            "CN=Harbour Logistics Issuing CA 2,O=Harbour Logistics Ltd,C=NZ",
        ),
        trusted=False,
        purposes=("We check your induction and your data skills for the analyst role.",),
        wanted=(
            Wanted(
                "safety",
                "dc+sd-jwt",
                (Option(first.id, first.title, first.issuer, "verified", ("given_name",), False),),
                False,
            ),
            Wanted(
                "skills",
                "ldp_vc",
                (
                    Option(second.id, second.title, second.issuer, "verified", (), True),
                    Option(third.id, third.title, third.issuer, "warning", (), True),
                ),
                False,
            ),
        ),
    )
    dialog.show()
    dialog.show_asked(asked)  # type: ignore[attr-defined]
    return dialog


if __name__ == "__main__":
    main()
