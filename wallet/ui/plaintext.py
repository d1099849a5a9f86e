"""Text written by strangers, shown as the characters they wrote and never as rich text.

Qt renders a tooltip (and a QLabel or QMessageBox in its default format) as HTML whenever
`Qt.mightBeRichText` thinks the text looks like HTML. A credential's title `<img src=...>` would
then load a file on hover, a `<table>` could freeze the window and coloured markup could fake a
verdict. Tooltips have no plain-text switch, so every tooltip that may quote a credential, a
stack, a file name or a report goes through `plain_tip`; labels set `Qt.TextFormat.PlainText`.
"""

from __future__ import annotations

import html

from wallet.ui.qt import QtGui


def plain_tip(text: str) -> str:
    """`text` as a tooltip that shows exactly its characters: unchanged when Qt would show it
    as plain text anyway, else escaped inside a paragraph that keeps spaces and line breaks."""
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
