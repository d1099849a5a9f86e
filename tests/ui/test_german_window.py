"""Issue 14: the German window shows no English sentence from the core.

With the German catalogues installed (the window's Qt catalogue, and the core's messages through
`i18n.install_translators`), the demo wallet is opened and every place where the window shows
what the core said is read back as a person sees it: the detail pane of credentials with each
verdict, the stacks view, the share dialog, the Verify a QR window with a checked presentation,
and an import's result list. Every visible text (labels, buttons, line edits, group titles, text
views, item views' cells and their tooltips) is searched for the English of the core's message
ids: for each template, its longest literal piece of three words or more (tests/message_ids.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.message_ids import english_fragments
from wallet import demo, formats
from wallet.actions.checking import QrInput
from wallet.importer import import_text
from wallet.store import WalletStore
from wallet.ui.import_flow import ImportController
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import Qt, QtCore, QtWidgets
from wallet.ui.share_dialog import ShareDialog
from wallet.ui.verify_qr_window import VerifyQrWindow
from wallet.verify.verifier import context_for_store, verify_stored

from .samples import PASSPHRASE, message_boxes
from .test_import_flow import drop, wait_for_results
from .test_share_dialog import sd_credential

# An Open Badges 2.0 assertion its issuer hosts: offline, nobody can say whether it holds.
HOSTED_ASSERTION = {
    "@context": "https://w3id.org/openbadges/v2",
    "type": "Assertion",
    "id": "https://badges.example.org/assertions/42",
    "recipient": {"type": "email", "hashed": False, "identity": "aroha@example.org"},
    "badge": {
        "type": "BadgeClass",
        "id": "https://badges.example.org/badges/kayak",
        "name": "Sea Kayak Leader",
        "description": "Leads a group on open water.",
        "image": "https://badges.example.org/badges/kayak.png",
        "criteria": {"narrative": "Led three trips."},
        "issuer": {
            "type": "Issuer",
            "id": "https://badges.example.org/issuer",
            "name": "Harbour Paddlers",
        },
    },
    "verification": {"type": "HostedBadge"},
    "issuedOn": "2024-03-01T00:00:00Z",
}

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    *(Qt.ItemDataRole.UserRole + n for n in range(8)),  # texts a delegate paints
)


# ----- reading the window as a person sees it ---------------------------------------------------


def _model_texts(
    model: QtCore.QAbstractItemModel, parent: QtCore.QModelIndex | None = None
) -> Iterator[str]:
    parent = parent or QtCore.QModelIndex()
    flat = isinstance(model, QtCore.QAbstractListModel)  # one column, no children
    for row in range(model.rowCount(parent)):
        for column in range(1 if flat else model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in ROLES:
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    yield value
        first = model.index(row, 0, parent)
        if not flat and model.hasChildren(first):
            yield from _model_texts(model, first)


def visible_texts(root: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text `root` and its visible widgets show, tooltips included."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QtWidgets.QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        texts = [w.toolTip()]
        if w.isWindow():
            texts.append(w.windowTitle())
        if isinstance(w, QtWidgets.QLabel | QtWidgets.QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QtWidgets.QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, QtWidgets.QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QtWidgets.QTextEdit | QtWidgets.QPlainTextEdit):
            texts.append(w.toPlainText())
        if (
            isinstance(w, QtWidgets.QAbstractItemView)
            and not isinstance(w, QtWidgets.QHeaderView)  # it shows its view's model again
            and w.model() is not None
        ):
            texts += list(_model_texts(w.model()))
        where = w.objectName() or type(w).__name__
        out += [(where, t) for t in texts if t]
    return out


@pytest.fixture(scope="module")
def fragments() -> dict[str, str]:
    found = english_fragments("de")
    # the walk of the source found the messages (an empty set would pass everything)
    assert "is not on your list of trusted issuers" in found
    assert len(found) > 100
    return found


def core_english(texts: list[tuple[str, str]], fragments: dict[str, str]) -> list[str]:
    """Each place a visible text holds the English of a core message."""
    folded = [(f.casefold(), f, t) for f, t in fragments.items()]
    found = []
    for where, text in texts:
        low = text.casefold()
        for needle, fragment, template in folded:
            if needle in low:
                found.append(f"{where}: {fragment!r} (from {template!r}) in {text[:200]!r}")
    return found


class Seen:
    """Every text read in one test, then one assertion over all of them."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []

    def read(self, root: QtWidgets.QWidget, what: str) -> list[tuple[str, str]]:
        got = [(f"{what} \u203a {where}", text) for where, text in visible_texts(root)]
        got += [
            (f"{what} \u203a message box", text)
            for box in message_boxes()
            for _where, text in visible_texts(box)
        ]
        self.texts += got
        return got

    def joined(self) -> str:
        return "\n".join(text for _where, text in self.texts)

    def assert_no_core_english(self, fragments: dict[str, str]) -> None:
        found = core_english(self.texts, fragments)
        assert not found, f"{len(found)} English sentence(s) from the core:\n" + "\n".join(found)


# ----- the wallet ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_wallet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo wallet (verified, expired and revoked credentials, stacks, the learner's key),
    plus a hosted badge that cannot be checked offline and an ecdsa-sd-2023 credential."""
    path = demo.fresh_demo_wallet(tmp_path_factory.mktemp("german") / "demo.lwallet")
    with WalletStore.open(path, demo.DEMO_PASSPHRASE) as store:
        hosted = import_text(store, json.dumps(HOSTED_ASSERTION), "hosted.json")
        assert hosted.id is not None, hosted.message
        sd = store.credentials.add(formats.parse(json.dumps(sd_credential()).encode()), "sd.json")
        ctx = context_for_store(store)
        for cid in (hosted.id, sd):
            verify_stored(store, cid, ctx)
    return path


@pytest.fixture
def store(demo_wallet: Path) -> Iterator[WalletStore]:
    s = WalletStore.open(demo_wallet, demo.DEMO_PASSPHRASE)
    yield s
    s.close()


@pytest.fixture
def window(qtbot, store: WalletStore) -> MainWindow:
    w = MainWindow(store, demo=True)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def show_each_verdict(qtbot, window: MainWindow, store: WalletStore, seen: Seen) -> set[str]:
    """Select one credential of every verdict and read the detail pane; the verdicts shown."""
    verdicts = store.checks.verdicts()
    titles = {s.id: s.title for s in store.credentials.summaries()}
    by_verdict: dict[str, list[str]] = {}
    for cid, verdict in verdicts.items():
        if cid in titles and verdict is not None:
            by_verdict.setdefault(verdict, []).append(cid)
    for verdict, ids in sorted(by_verdict.items()):
        for cid in sorted(ids)[:3]:
            assert window.select_credential(cid)
            qtbot.waitUntil(lambda c=cid: window.panel.current_id == c, timeout=10_000)
            qtbot.waitUntil(lambda: bool(window.panel.value_text("checks")), timeout=10_000)
            window.panel.checks_toggle.setChecked(True)  # the folded checks are read too
            seen.read(window.panel, f"detail of {titles[cid]!r} ({verdict})")
    return set(by_verdict)


# ----- the tests ----------------------------------------------------------------------------------


def test_the_detail_pane_in_english_shows_sentences_the_test_recognises(
    qtbot, window, store, fragments
) -> None:
    """The search is not blind: the same panes in English hold the core's English."""
    seen = Seen()
    show_each_verdict(qtbot, window, store, seen)
    assert core_english(seen.texts, fragments)


def test_the_detail_pane_speaks_german_for_every_verdict(
    qtbot, german, window, store, fragments
) -> None:
    seen = Seen()
    verdicts = show_each_verdict(qtbot, window, store, seen)
    assert verdicts == {"verified", "warning", "failed", "unknown"}
    text = seen.joined()
    assert "Verifiziert" in text  # the window's own words are German
    assert "abgelaufen am" in text  # and so are the core's (the expired credential)
    seen.assert_no_core_english(fragments)


def test_the_stacks_view_speaks_german(qtbot, german, window, fragments) -> None:
    seen = Seen()
    window.show_stacks_action.trigger()
    view = window.stacks_view
    assert view is not None
    qtbot.waitUntil(lambda: len(view.rows()) == 3, timeout=30_000)
    for row in range(view.list.count()):
        view.list.setCurrentRow(row)
        assert view.tree_lines()
        seen.read(view, f"stack {view.list.item(row).text()!r}")
    assert "Fehlt: " in seen.joined()  # the window's words around the core's
    seen.assert_no_core_english(fragments)


def test_the_share_dialog_speaks_german(qtbot, german, store, fragments) -> None:
    """Notes for a whole credential and an ecdsa-sd-2023 one shared together, then an SD-JWT
    (shared alone); the fields to pick, the preview, the QR code's details."""
    titles = {s.title: s.id for s in store.credentials.summaries()}
    seen = Seen()
    for ids in (
        [titles["Data Analysis with Python"], titles["Sensors L5"]],
        [titles["Workshop Health and Safety Induction"]],
    ):
        dialog = ShareDialog(store, ids)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(dialog.is_settled, timeout=60_000)
        assert dialog.built is not None, dialog.message.text()
        assert all(p.note.text() for p in dialog.pickers)
        seen.read(dialog, f"share dialog for {len(ids)}")
        dialog.close()
    seen.assert_no_core_english(fragments)


def test_the_verify_qr_window_speaks_german(qtbot, german, store, fragments) -> None:
    """A presentation of a verified and an expired credential, checked against a challenge the
    learner did not answer: every kind of row the window has."""
    titles = {s.title: s.id for s in store.credentials.summaries()}
    dialog = ShareDialog(
        store, [titles["Data Analysis with Python"], titles["First Aid Refresher (2024)"]]
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_settled, timeout=60_000)
    assert dialog.built is not None, dialog.message.text()
    verifier = VerifyQrWindow(store_getter=lambda: store)
    qtbot.addWidget(verifier)
    verifier.show()
    verifier.challenge.setText("a-challenge-the-learner-never-saw")
    task = verifier.read(QrInput(texts=list(dialog.built.texts)))
    assert task is not None
    qtbot.waitUntil(lambda: verifier.result is not None, timeout=60_000)
    seen = Seen()
    seen.read(verifier, "verify window")
    assert verifier.check_texts_shown()
    seen.assert_no_core_english(fragments)


def test_import_results_speak_german(qtbot, german, tmp_path, fragments) -> None:
    """Imported, already there, and failed lines (not JSON, not a credential, an empty file)."""
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    stranger = tmp_path / "shopping.json"
    stranger.write_text('{"apples": 3}')
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    files = [*demo.demo_credential_files()[:2], broken, stranger, empty]
    with WalletStore.create(tmp_path / "new.lwallet", PASSPHRASE) as new_store:
        window = MainWindow(new_store)
        qtbot.addWidget(window)
        controller = ImportController(window, lambda: window.store)
        window.show()
        qtbot.waitExposed(window)
        seen = Seen()
        shown: list[str] = []
        for round_ in range(2):  # the second time, the demo files are already there
            before = controller.result_dialog
            mime = QtCore.QMimeData()
            mime.setUrls([QtCore.QUrl.fromLocalFile(str(p)) for p in files])
            assert drop(window, mime)
            qtbot.waitUntil(lambda b=before: controller.result_dialog is not b, timeout=30_000)
            dialog = wait_for_results(qtbot, controller)
            assert len(dialog.lines()) == len(files)
            shown += [line[0] for line in dialog.lines()]
            seen.read(dialog, f"import results, round {round_ + 1}")
            qtbot.waitUntil(lambda: controller.verify_task is None, timeout=30_000)
        controller.forget()
        window.close()
    assert {"Schon vorhanden", "Nicht hinzugefügt"} <= set(shown)
    assert any(line.endswith("Noch nicht geprüft") for line in shown), shown
    seen.assert_no_core_english(fragments)
