"""What Qt makes of a text it may render as HTML: shared by the plain-text UI test and the
`tooltip_text` fuzz target (issue 13 item 9)."""

from __future__ import annotations

import functools
import os
from typing import Any


@functools.cache
def _app() -> Any:
    """An application when none runs yet (fuzz workers), off screen: layout needs fonts. A
    QApplication, not a bare QGuiApplication: a test run after the probe in the same process
    may make widgets, and Qt aborts a process whose only application cannot hold them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from wallet.ui.qt import QtGui, QtWidgets

    return QtGui.QGuiApplication.instance() or QtWidgets.QApplication([])


def rich_effects(text: str) -> tuple[str, list[str]]:
    """What a person sees when Qt renders `text` as HTML, and every effect beyond plain
    characters (an image asked for, a table, a link, a list, a colour or weight)."""
    from wallet.ui.qt import QtGui

    _app()

    class Probe(QtGui.QTextDocument):
        """Records every resource (image) the HTML asks for and loads none."""

        def __init__(self) -> None:
            super().__init__()
            self.requested: list[str] = []

        def loadResource(self, kind: int, url: Any) -> Any:  # noqa: N802 (Qt's name)
            self.requested.append(url.toString())
            return None

    doc = Probe()
    doc.setHtml(text)
    doc.size()  # lay it out: images are asked for here
    effects = [f"loads {url}" for url in doc.requested]
    if doc.rootFrame().childFrames():
        effects.append("a table")
    block = doc.begin()
    while block.isValid():
        if block.textList() is not None:
            effects.append("a list")
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                effects.append("an image")
            elif fmt.isAnchor():
                effects.append("a link")
            elif fmt.properties():
                effects.append(f"formatting {fmt.properties()}")
            it += 1
        block = block.next()
    return doc.toPlainText(), effects


def _as_read(text: str) -> str:
    """Text as a reader compares it: Qt's plain-text form turns line and paragraph separators
    into newlines and no-break spaces into spaces, and drops NUL."""
    for old, new in (
        ("\r", "\n"),
        ("\u2028", "\n"),
        ("\u2029", "\n"),
        ("\u00a0", " "),
        ("\x00", ""),
    ):
        text = text.replace(old, new)
    return text


def rich_problem(text: str) -> str | None:
    """Why `plain_tip(text)` would not show exactly `text` as a tooltip; None when it does."""
    from wallet.ui.plaintext import plain_tip
    from wallet.ui.qt import QtGui

    _app()
    tip = plain_tip(text)
    if not QtGui.Qt.mightBeRichText(tip):
        return None if tip == text else f"changed to {tip[:80]!r}"
    shown, effects = rich_effects(tip)
    if effects:
        return "renders " + ", ".join(effects)
    # Line breaks at the very end show nothing, and Qt's plain-text form drops the last one.
    if _as_read(shown).rstrip("\n") != _as_read(text).rstrip("\n"):
        return f"shows {shown[:80]!r}"
    return None
