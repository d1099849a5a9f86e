"""Plain message dialogs: the only way results and errors reach a person in the GUI.

Boxes open without blocking (`QDialog.open`), so no nested event loop runs inside a slot and
tests can read a box and close it like any other window. The widgets that sit inside windows
(labels, error lines, fields) are in `wallet.ui.widgets`.
"""

from __future__ import annotations

from typing import Any

from wallet.messages import Msg, render
from wallet.ui.qt import Qt, QtWidgets

Icon = QtWidgets.QMessageBox.Icon


def text_of(value: Msg | str | BaseException | Any) -> str:
    """What the core said, in the window's language: a message id rendered, an error's own
    message (`WalletError.msg`), an object carrying a `msg`; plain text (already translated,
    or not yet a message id) as it is; None as ""."""
    if value is None:
        return ""
    if isinstance(value, Msg | str):
        return render(value)
    msg = getattr(value, "msg", None)
    if isinstance(msg, Msg | str):
        return render(msg)
    return str(value)


# Parentless boxes are owned by Python: keep them alive until they close.
_open_boxes: list[QtWidgets.QMessageBox] = []


def capital(text: str) -> str:
    """`text` starting with a capital letter (core messages and places start small)."""
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A core message shown on its own: starting with a capital, ending with a full stop."""
    text = capital(text.strip())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def show_message(
    parent: QtWidgets.QWidget | None,
    title: str,
    text: str,
    *,
    icon: QtWidgets.QMessageBox.Icon = Icon.Information,
    details: str | None = None,
) -> QtWidgets.QMessageBox:
    """Show `text` as plain text (never rich text: it may quote a credential) and return the box."""
    if parent is None:
        active = QtWidgets.QApplication.activeWindow()
        parent = active if active is not None and active.isVisible() else None
    box = _plain_box(parent, icon, title, text)
    # Selectable, so a log path or an error can be copied into a bug report.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
    box.setAccessibleName(title)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _open_boxes.append(box)
        box.finished.connect(lambda _result, b=box: _forget(b))
    box.open()
    return box


def ask_yes_no(
    parent: QtWidgets.QWidget, title: str, text: str, object_name: str
) -> QtWidgets.QMessageBox:
    """A Yes/No question shown as plain text (it quotes strangers' words: addresses, issuer
    names), where No is the default and what Esc or closing answers; it opens without blocking
    and deletes itself once answered. Read the answer with `said_yes(box)` on `finished`."""
    box = _plain_box(parent, Icon.Question, title, text)
    box.setObjectName(object_name)
    box.setStandardButtons(
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No
    )
    no = box.button(QtWidgets.QMessageBox.StandardButton.No)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def _plain_box(
    parent: QtWidgets.QWidget | None, icon: QtWidgets.QMessageBox.Icon, title: str, text: str
) -> QtWidgets.QMessageBox:
    """A message box whose text is shown as the characters it holds, never as rich text."""
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def said_yes(box: QtWidgets.QMessageBox) -> bool:
    return box.clickedButton() is box.button(QtWidgets.QMessageBox.StandardButton.Yes)


def _forget(box: QtWidgets.QMessageBox) -> None:
    if box in _open_boxes:
        _open_boxes.remove(box)
