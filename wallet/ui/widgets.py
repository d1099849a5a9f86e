"""The widgets the windows and dialogs share, each built in one place.

Why: every label that may quote a stranger must be plain text, every error line must stay
readable after a light/dark switch, every input needs an object name (tests, style sheets) and
an accessible name (screen readers). Made here once, no dialog can forget one of them. Message
boxes (and `text_of`, which words what the core said) live in `wallet.ui.messages`; this module
makes the widgets that sit inside a window. It holds no words of its own except the two field
captions of `expectation_fields`, which keep the "VerifyQrWindow" context they were translated in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets

_Box = TypeVar("_Box", QtWidgets.QVBoxLayout, QtWidgets.QHBoxLayout)

# ----- labels ------------------------------------------------------------------------------------


def plain_label(
    text: str = "", object_name: str = "", accessible_name: str = ""
) -> QtWidgets.QLabel:
    """A wrapped label that never interprets its text as rich text (it may quote a file, a
    credential or an error)."""
    return _plain(QtWidgets.QLabel(text), object_name, accessible_name)


def _plain(label: QtWidgets.QLabel, object_name: str, accessible_name: str) -> QtWidgets.QLabel:
    """`label` named, wrapped and showing plain text only."""
    if object_name:
        label.setObjectName(object_name)
    if accessible_name:
        label.setAccessibleName(accessible_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def set_font(widget: QtWidgets.QWidget, *, scale: float = 1.0, bold: bool = False) -> None:
    """The widget's own font, scaled and/or bold (relative, so the person's font size rules)."""
    font = widget.font()
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    if bold:
        font.setBold(True)
    widget.setFont(font)


def _dark_window(palette: QtGui.QPalette) -> bool:
    """Whether the palette is a dark theme (light text on a dark window)."""
    return palette.color(QtGui.QPalette.ColorRole.Window).lightness() < 128


class ErrorLabel(QtWidgets.QLabel):
    """A dialog's line for what went wrong: plain text, bold error red that stays readable (a
    deep red on light themes, a light red on dark ones, following a switch), hidden until
    `say` shows it."""

    def __init__(self, object_name: str = "", accessible_name: str = "") -> None:
        super().__init__()
        _plain(self, object_name, accessible_name)
        set_font(self, bold=True)
        self._restyle()
        self.hide()

    def say(self, text: str) -> None:
        """Show `text` where the person is looking."""
        self.setText(text)
        self.show()

    def _restyle(self) -> None:
        # The colour goes into the palette, not a style sheet: a sheet fixes the whole palette,
        # so the label would never hear of a theme switch. Only the text role is set here; the
        # window colour it judges by stays inherited.
        palette = self.palette()
        colour = QtGui.QColor("#ff8a80" if _dark_window(palette) else "#b00020")
        if palette.color(QtGui.QPalette.ColorRole.WindowText) != colour:  # no change, no event
            palette.setColor(QtGui.QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        """Follow a light/dark switch of the system palette."""
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)


def centred_label(
    text: str = "", object_name: str = "", accessible_name: str = ""
) -> QtWidgets.QLabel:
    """A `plain_label` centred in its space: a line that stands alone (a welcome, a hint, a
    note under a picture) rather than beside others."""
    label = plain_label(text, object_name, accessible_name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def empty_state(text: str, object_name: str, accessible_name: str) -> QtWidgets.QLabel:
    """The large centred hint a view shows while it has nothing to show."""
    label = centred_label(text, object_name, accessible_name)
    label.setMargin(32)
    set_font(label, scale=1.2)
    return label


# ----- panes -------------------------------------------------------------------------------------


def column(
    object_name: str = "",
    margins: tuple[int, int, int, int] = (0, 0, 0, 0),
    spacing: int | None = None,
) -> tuple[QtWidgets.QWidget, QtWidgets.QVBoxLayout]:
    """A plain widget that lays out what is added to it top to bottom (a pane's body, one
    column of a dialog), with its margins (left, top, right, bottom) and, if given, its spacing
    (otherwise the style's)."""
    return _pane(QtWidgets.QVBoxLayout, object_name, margins, spacing)


def strip(
    object_name: str = "",
    margins: tuple[int, int, int, int] = (0, 0, 0, 0),
    spacing: int | None = None,
) -> tuple[QtWidgets.QWidget, QtWidgets.QHBoxLayout]:
    """A `column` laid out left to right instead (a header, a bar of buttons)."""
    return _pane(QtWidgets.QHBoxLayout, object_name, margins, spacing)


def _pane(
    kind: type[_Box],
    object_name: str,
    margins: tuple[int, int, int, int],
    spacing: int | None,
) -> tuple[QtWidgets.QWidget, _Box]:
    """A plain widget with a `kind` layout, named and spaced as `column` says."""
    widget = QtWidgets.QWidget()
    if object_name:
        widget.setObjectName(object_name)
    layout = kind(widget)
    layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    return widget, layout


# ----- inputs and buttons ------------------------------------------------------------------------


def line_edit(
    object_name: str, accessible_name: str, placeholder: str = "", *, clear_button: bool = False
) -> QtWidgets.QLineEdit:
    """A one-line text field with its names and the grey hint shown while it is empty."""
    line = QtWidgets.QLineEdit()
    line.setObjectName(object_name)
    line.setAccessibleName(accessible_name)
    if placeholder:
        line.setPlaceholderText(placeholder)
    if clear_button:
        line.setClearButtonEnabled(True)
    return line


def secret_field(accessible_name: str, object_name: str) -> QtWidgets.QLineEdit:
    """A passphrase field: what is typed shows as dots."""
    field = QtWidgets.QLineEdit()
    field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setObjectName(object_name)
    return field


def push_button(
    text: str, object_name: str, accessible_name: str, slot: Callable[[], Any] | None = None
) -> QtWidgets.QPushButton:
    """A named button; `slot` (if given) runs on a click, called without Qt's `checked`."""
    button = QtWidgets.QPushButton(text)
    button.setObjectName(object_name)
    button.setAccessibleName(accessible_name)
    if slot is not None:
        button.clicked.connect(lambda: slot())
    return button


def action_buttons(
    dialog: QtWidgets.QDialog, accept_text: str, on_accept: Callable[[], Any]
) -> tuple[QtWidgets.QDialogButtonBox, QtWidgets.QPushButton, QtWidgets.QPushButton]:
    """The dialog's own action, named for what it does and the default (Enter), beside Cancel.

    The action runs `on_accept`, which decides whether the dialog closes; Cancel rejects."""
    box = QtWidgets.QDialogButtonBox()
    accept = box.addButton(accept_text, QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setDefault(True)
    cancel = box.addButton(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(on_accept)
    box.rejected.connect(dialog.reject)
    return box, accept, cancel


def busy_bar(object_name: str, accessible_name: str, *, height: int) -> QtWidgets.QProgressBar:
    """A thin bar that moves while work of unknown length runs; hidden until then."""
    bar = QtWidgets.QProgressBar()
    if object_name:
        bar.setObjectName(object_name)
    bar.setAccessibleName(accessible_name)
    bar.setRange(0, 0)
    bar.setMaximumHeight(height)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def caption_grid(
    rows: list[tuple[str, QtWidgets.QLabel]], parent: QtWidgets.QWidget | None = None
) -> QtWidgets.QGridLayout:
    """Caption: value rows, as consent screens show who is asking and what would go: the
    captions top-aligned beside values that wrap, and the values selectable, so a learner can
    copy a host or a name to look it up."""
    grid = QtWidgets.QGridLayout(parent) if parent is not None else QtWidgets.QGridLayout()
    grid.setColumnStretch(1, 1)
    grid.setVerticalSpacing(8)
    top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    for row, (caption, value) in enumerate(rows):
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(QtWidgets.QLabel(caption), row, 0, top)
        grid.addWidget(value, row, 1)
    return grid


def tree_rows(tree: QtWidgets.QTreeWidget) -> list[tuple[str, str, str]]:
    """The top-level rows of a three-column result list as shown (tests and accessibility
    checks read them)."""
    rows = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        rows.append((item.text(0), item.text(1), item.text(2)))
    return rows


def expectation_fields(
    owner: QtWidgets.QWidget, prefix: str, names: tuple[str, str], hints: tuple[str, str]
) -> tuple[QtWidgets.QLineEdit, QtWidgets.QLineEdit, QtWidgets.QFormLayout]:
    """The challenge and domain inputs (the learner's copy of the employer's, or the
    employer's expectation) with their labels, ready to add."""
    lines = []
    form = QtWidgets.QFormLayout()
    texts = (
        QtCore.QCoreApplication.translate("VerifyQrWindow", "&Challenge:"),
        QtCore.QCoreApplication.translate("VerifyQrWindow", "&Domain:"),
    )
    for key, name, hint, text in zip(("challenge", "domain"), names, hints, texts, strict=True):
        line = line_edit(f"{prefix}_{key}", name, hint)
        line.setParent(owner)
        label = QtWidgets.QLabel(text, owner)
        label.setBuddy(line)
        form.addRow(label, line)
        lines.append(line)
    return lines[0], lines[1], form


# ----- sections of lines (what a presentation reveals, what was checked) ------------------------

Row = tuple[str, str, "QtGui.QColor | None"]  # label, value, the label's colour
Section = tuple[str, str, "QtGui.QColor | None", list[Row]]  # heading, note, note colour, rows


class ReadOnlyView(QtWidgets.QTextEdit):
    """A named, read-only text view for what the wallet read or checked: text that wraps
    instead of being cut off, filled by code through `insertText` (plain text, never parsed
    as markup, as it quotes credentials and reports)."""

    def __init__(self, name: str, accessible: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)

    @staticmethod
    def insert_heading(
        cursor: QtGui.QTextCursor,
        text: str,
        style: QtGui.QTextCharFormat,
        note: str = "",
        colour: QtGui.QColor | None = None,
    ) -> None:
        """A heading, then its note (a verdict, say) in the note's colour where one is given."""
        cursor.insertText(text, style)
        if note:
            noted = QtGui.QTextCharFormat(style)
            if colour is not None:
                noted.setForeground(colour)
            cursor.insertText("   " + note, noted)

    @staticmethod
    def table_format() -> QtGui.QTextTableFormat:
        """A borderless table as wide as the view, for label and value rows."""
        table_format = QtGui.QTextTableFormat()
        table_format.setBorder(0)
        table_format.setCellPadding(2)
        table_format.setCellSpacing(0)
        table_format.setWidth(QtGui.QTextLength(QtGui.QTextLength.Type.PercentageLength, 100))
        return table_format


class LinesView(ReadOnlyView):
    """Read-only sections of label and value."""

    def __init__(self, name: str, accessible: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(name, accessible, parent)
        self.sections: list[Section] = []

    def set_sections(self, sections: list[Section]) -> None:
        self.sections = list(sections)
        document = self.document()
        document.clear()
        cursor = QtGui.QTextCursor(document)
        base = QtGui.QTextCharFormat()
        heading = QtGui.QTextCharFormat()
        heading.setFontWeight(QtGui.QFont.Weight.Bold)
        heading.setFontPointSize(self.font().pointSizeF() * 1.08)
        table_format = self.table_format()
        table_format.setColumnWidthConstraints(
            [
                QtGui.QTextLength(QtGui.QTextLength.Type.PercentageLength, 38),
                QtGui.QTextLength(QtGui.QTextLength.Type.PercentageLength, 62),
            ]
        )
        spaced = QtGui.QTextBlockFormat()
        spaced.setTopMargin(self.fontMetrics().height() * 0.8)
        for n, (title, note, colour, rows) in enumerate(sections):
            if n:
                cursor.insertBlock(spaced)
            self.insert_heading(cursor, title, heading, note, colour)
            if rows:
                table = cursor.insertTable(len(rows), 2, table_format)
                for i, (label, value, label_colour) in enumerate(rows):
                    label_format = QtGui.QTextCharFormat(base)
                    if label_colour is not None:
                        label_format.setForeground(label_colour)
                    table.cellAt(i, 0).firstCursorPosition().insertText(label, label_format)
                    table.cellAt(i, 1).firstCursorPosition().insertText(value, base)
                cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
        self.moveCursor(QtGui.QTextCursor.MoveOperation.Start)

    def rows(self) -> list[tuple[str, str]]:
        """(heading, note) and (label, value) pairs in the order shown."""
        out: list[tuple[str, str]] = []
        for title, note, _colour, rows in self.sections:
            out.append((title, note))
            out += [(label, value) for label, value, _c in rows]
        return out


def fill_revealed(
    view: LinesView, revealed: list[tuple[str, list[tuple[str, str]]]], nothing: str
) -> None:
    """Show `revealed_of` output: a heading per credential, then its (label, value) lines."""
    view.set_sections(
        [
            (
                title,
                "",
                None,
                [(label, value, None) for label, value in rows] or [(nothing, "", None)],
            )
            for title, rows in revealed
        ]
    )


# What a window manager's frame takes around a window, at most, in pixels: borders either side,
# a title bar on top (not yet known when a window is sized, before it is first shown).
FRAME_ALLOWANCE = (16, 48)


def fitting_size(widget: QtWidgets.QWidget, wanted: tuple[int, int]) -> tuple[int, int]:
    """`wanted`, made no larger than the screen's free area (a 1024x600 netbook included),
    leaving room for the frame and title bar the window manager adds around it."""
    screen = widget.screen() or QtGui.QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    free = screen.availableGeometry()
    return (
        min(wanted[0], free.width() - FRAME_ALLOWANCE[0]),
        min(wanted[1], free.height() - FRAME_ALLOWANCE[1]),
    )
