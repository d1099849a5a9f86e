"""The badge wall: the credential list as cards (picture, title, issuer, date, credits and
level, verdict), and the drop area an empty wallet shows instead of an empty list.

The cards are a second view over the window's own list model and selection model, so search,
filters, sort order and the selection (several cards) are the table's; nothing is read here
that the model does not already hold. Pictures come from the credential itself through the
model (`CardImageRole`): never fetched.
"""

from __future__ import annotations

from collections.abc import Callable

from wallet.ui import icons
from wallet.ui.models import CredentialListModel
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import centred_label, push_button, set_font

Model = CredentialListModel

CARD_WIDTH = 200
PAD = 10
GAP = 4
TITLE_LINES = 2
STATUS_LINES = 2  # "○ Authentic · issuer not confirmed" wraps; it is never cut


def _lines(text: str, font: QtGui.QFont, width: int, most: int) -> list[str]:
    """`text` wrapped at words into at most `most` lines of `width` pixels; only the last
    line is cut (with "…"), so a long title still shows its first two lines whole."""
    layout = QtGui.QTextLayout(text, font)
    option = QtGui.QTextOption()
    option.setWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    out: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(out) == most - 1:
            rest = text[start:].strip()
            out.append(
                QtGui.QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
            )
            break
        out.append(text[start : start + length].strip())
    layout.endLayout()
    return out or [""]


class CardDelegate(QtWidgets.QStyledItemDelegate):
    """Draws one credential as a card; every line of it comes from the model's own roles."""

    def _fonts(self, option: QtWidgets.QStyleOptionViewItem) -> tuple[QtGui.QFont, QtGui.QFont]:
        title = QtGui.QFont(option.font)
        title.setBold(True)
        return title, QtGui.QFont(option.font)

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> QtCore.QSize:
        title, small = self._fonts(option)
        tl = QtGui.QFontMetrics(title).lineSpacing()
        sl = QtGui.QFontMetrics(small).lineSpacing()
        lines = 3 + STATUS_LINES  # issuer, date, credits; the status
        height = PAD + Model.CARD_IMAGE_SIZE + 8 + TITLE_LINES * tl + GAP + lines * sl + PAD
        return QtCore.QSize(CARD_WIDTH, height)

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        painter.save()
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        rect = QtCore.QRect(option.rect).adjusted(3, 3, -3, -3)
        palette = option.palette
        selected = bool(option.state & QtWidgets.QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QtWidgets.QStyle.StateFlag.State_HasFocus)
        base = palette.color(QtGui.QPalette.ColorRole.Base)
        highlight = palette.color(QtGui.QPalette.ColorRole.Highlight)
        fill = QtGui.QColor(highlight) if selected else base
        if selected:
            fill.setAlpha(60)
        painter.setBrush(fill)
        border = highlight if selected or focused else palette.color(QtGui.QPalette.ColorRole.Mid)
        painter.setPen(QtGui.QPen(border, 2 if selected or focused else 1))
        painter.drawRoundedRect(QtCore.QRectF(rect), 8, 8)

        text_colour = palette.color(QtGui.QPalette.ColorRole.Text)
        muted = palette.color(QtGui.QPalette.ColorRole.PlaceholderText)
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        width = inner.width()
        y = inner.top()
        pm = index.data(Model.CardImageRole)
        size = Model.CARD_IMAGE_SIZE
        if isinstance(pm, QtGui.QPixmap) and not pm.isNull():
            shown = pm.deviceIndependentSize().toSize()
            x = inner.left() + (width - shown.width()) // 2
            painter.drawPixmap(x, y + (size - shown.height()) // 2, pm)
        y += size + 8

        title_font, small = self._fonts(option)
        title_lines = _lines(str(index.data(Model.TitleRole) or ""), title_font, width, TITLE_LINES)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        tl = QtGui.QFontMetrics(title_font).lineSpacing()
        for line in title_lines:
            painter.drawText(
                QtCore.QRect(inner.left(), y, width, tl),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                line,
            )
            y += tl
        y += (TITLE_LINES - len(title_lines)) * tl + GAP

        painter.setFont(small)
        metrics = QtGui.QFontMetrics(small)
        sl = metrics.lineSpacing()
        for col in (Model.ISSUER, Model.ISSUED, Model.CREDITS):
            text = str(index.siblingAtColumn(col).data() or "")
            painter.setPen(text_colour if col == Model.ISSUER else muted)
            painter.drawText(
                QtCore.QRect(inner.left(), y, width, sl),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
            )
            y += sl

        verdict = str(index.data(Model.VerdictRole) or "")
        status = str(index.data(Model.StatusTextRole) or "")  # the table's words, the same
        bold = QtGui.QFont(small)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(
            text_colour  # authentic, only the issuer unconfirmed: nothing to warn about
            if index.data(Model.UnconfirmedRole)
            else icons.verdict_colour(verdict, palette)
        )
        for line in _lines(status, bold, width, STATUS_LINES):
            painter.drawText(
                QtCore.QRect(inner.left(), y, width, sl),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                line,
            )
            y += sl
        painter.restore()


class CardView(QtWidgets.QListView):
    """The badge wall over the window's model. Give it the table's selection model
    (`setSelectionModel`) so both views select the same credentials."""

    opened = Signal(str)  # Enter (or a double-click) on a card: its credential id

    def __init__(self, model: CredentialListModel, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("credential_cards")
        self.setAccessibleName(self.tr("Credential cards"))
        self.setModel(model)
        self.setModelColumn(Model.TITLE)
        self.setViewMode(QtWidgets.QListView.ViewMode.IconMode)
        self.setFlow(QtWidgets.QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QtWidgets.QListView.ResizeMode.Adjust)
        self.setMovement(QtWidgets.QListView.Movement.Static)
        self.setUniformItemSizes(True)  # one size for all: fast at 10,000 credentials
        self.setSpacing(6)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setMouseTracking(True)
        self.setItemDelegate(CardDelegate(self))
        self.activated.connect(self._open)
        self.doubleClicked.connect(self._open)

    def selectionCommand(  # noqa: N802 (Qt's name)
        self, index: QtCore.QModelIndex, event: QtCore.QEvent | None = None
    ) -> QtCore.QItemSelectionModel.SelectionFlag:
        """Whole rows, as the table selects them: the window reads selected rows."""
        flags = super().selectionCommand(index, event)
        if flags & QtCore.QItemSelectionModel.SelectionFlag.NoUpdate:
            return flags
        return flags | QtCore.QItemSelectionModel.SelectionFlag.Rows

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter opens the current card (Qt leaves it to the platform's style otherwise)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _open(self, index: QtCore.QModelIndex) -> None:
        cid = index.data(Model.IdRole) if index.isValid() else None
        if cid:
            self.opened.emit(str(cid))


class DropArea(QtWidgets.QFrame):
    """What an empty wallet shows: a welcome line and the three ways in. Files dropped here go
    the window's own drop path (the window accepts drops; this frame lets them through)."""

    def __init__(
        self,
        buttons: list[tuple[QtGui.QAction, str, str, str]],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        """`buttons`: (window action, button text, object name, accessible name); each button
        triggers its action and is shown only while the action is."""
        super().__init__(parent)
        self.setObjectName("empty_state")
        self.setAccessibleName(self.tr("No credentials yet"))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(14)
        layout.addStretch(1)
        self.welcome = centred_label(
            self.tr("Your wallet is empty. Drop badge files here, or bring them in:"),
            "welcome_line",
            self.tr("Welcome"),
        )
        set_font(self.welcome, scale=1.2)
        layout.addWidget(self.welcome)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for action, text, name, accessible in buttons:
            button = push_button(text, name, accessible, _trigger(action))
            button.setMinimumHeight(36)
            follow = lambda b=button, a=action: b.setVisible(a.isVisible())  # noqa: E731
            action.changed.connect(follow)
            follow()
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.hint = centred_label(
            self.tr("Badge images (PNG, SVG), JSON and JWT files, and ZIP folders of them."),
            "drop_hint",
            self.tr("What can be dropped"),
        )
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.setStyleSheet(
            "QFrame#empty_state { border: 2px dashed palette(mid); border-radius: 12px;"
            " margin: 16px; }"
        )

    def text(self) -> str:
        """The welcome line (what the old one-line empty state returned)."""
        return self.welcome.text()


def _trigger(action: QtGui.QAction) -> Callable[[], None]:
    return lambda: action.trigger()
