"""File → Export Portfolio… in a real main window: choose, export in the background, errors."""

from __future__ import annotations

import json
from pathlib import Path

from wallet.export.portfolio import NAME_SETTING
from wallet.store import WalletStore
from wallet.ui.export_dialog import ExportDialog, install_export_actions
from wallet.ui.qt import QtGui, QtWidgets


def run_export(qtbot, dialog: ExportDialog) -> str:
    """Click Export, wait for the background work, and return the message shown."""
    dialog.export_button.click()
    assert dialog.task is not None
    qtbot.waitUntil(
        lambda: not dialog.busy() and bool(dialog.findChildren(QtWidgets.QMessageBox)),
        timeout=60_000,
    )
    [box] = [b for b in dialog.findChildren(QtWidgets.QMessageBox) if b.isVisible()]
    text = box.text()
    box.close()
    return text


def test_menu_action_and_html_export_of_the_selection(
    qtbot, demo_store: WalletStore, tmp_path: Path
) -> None:
    from wallet.ui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    action = install_export_actions(window, lambda: window.store)
    window.show()
    qtbot.waitExposed(window)
    file_menu = window.menuBar().findChild(QtWidgets.QMenu, "file_menu")
    assert action in file_menu.actions()
    assert window.findChild(QtGui.QAction, "export_portfolio_action") is action
    assert action.shortcut().toString() == "Ctrl+Shift+E" and action.isEnabled()

    first = demo_store.credentials.summaries()[0]
    assert window.select_credential(first.id)
    action.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.selected_radio.isChecked() and "(1)" in dialog.selected_radio.text()
    assert dialog.stack_combo.count() == len(demo_store.stacks.all())
    out = tmp_path / "mine.html"
    dialog.name_edit.setText("Aroha")
    dialog.path_edit.setText(str(out))
    text = run_export(qtbot, dialog)
    assert "Exported 1 credential(s)" in text
    page = out.read_text("utf-8")
    assert first.title in page and "<h1>Aroha: portfolio</h1>" in page
    assert demo_store.settings.get(NAME_SETTING) == "Aroha"  # remembered for next time


def test_stack_to_pdf_and_collection_to_json(
    qtbot, demo_store: WalletStore, tmp_path: Path
) -> None:
    dialog = ExportDialog(demo_store, [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.selected_radio.isEnabled()  # nothing selected: not offered
    assert not dialog.collection_radio.isEnabled()  # no collections yet
    dialog.stack_radio.setChecked(True)
    dialog.stack_combo.setCurrentIndex(
        dialog.stack_combo.findData("demo-nzcert-applied-digital-skills-l5")
    )
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    assert dialog.path_edit.text().endswith("portfolio.pdf")
    out = tmp_path / "stack.pdf"
    dialog.path_edit.setText(str(out))
    assert "Exported 2 credential(s)" in run_export(qtbot, dialog)
    assert out.read_bytes().startswith(b"%PDF")

    cid = demo_store.tags.create_collection("Applications")
    for s in demo_store.credentials.summaries()[:3]:
        demo_store.tags.add_to_collection(cid, s.id)
    dialog = ExportDialog(demo_store, [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.collection_radio.isChecked()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    out = tmp_path / "vp.json"
    dialog.path_edit.setText(str(out))
    run_export(qtbot, dialog)
    assert len(json.loads(out.read_text("utf-8"))["verifiableCredential"]) == 3


def test_errors_are_plain_messages(qtbot, demo_store: WalletStore, tmp_path: Path) -> None:
    dialog = ExportDialog(demo_store, [s.id for s in demo_store.credentials.summaries()][:2])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("clr"))
    dialog.path_edit.setText(str(tmp_path / "records"))
    text = run_export(qtbot, dialog)
    assert text.startswith("Nothing was exported: none of the chosen credentials is a CLR")
    assert not (tmp_path / "records").exists()
    assert dialog.export_button.isEnabled()  # ready to try another choice


def test_export_everything_and_include_failed_and_unchecked(
    qtbot, demo_store: WalletStore, tmp_path: Path
) -> None:
    total = len([s for s in demo_store.credentials.summaries() if s.parent_id is None])
    dialog = ExportDialog(demo_store, [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.all_radio.isEnabled() and not dialog.include_check.isChecked()
    dialog.all_radio.setChecked(True)
    assert "every credential in the wallet" in dialog.summary_label.text()
    out = tmp_path / "all.html"
    dialog.path_edit.setText(str(out))
    said = run_export(qtbot, dialog)
    assert f"Exported {total - 2} credential(s)" in said
    assert "2 credentials that failed verification or are not checked were left out" in said
    assert "Failed: " not in out.read_text("utf-8")

    dialog.include_check.setChecked(True)
    assert f"Exported {total} credential(s)" in run_export(qtbot, dialog)
    page = out.read_text("utf-8")
    assert "Failed: " in page and "Not checked" in page
