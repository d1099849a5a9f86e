"""The search field and the compact row of filters above the credential list.

The bar only holds the choices; the window hands them to the list model. Search text goes out
on every keystroke (`search_changed`), the combo boxes together (`filters_changed`).
"""

from __future__ import annotations

from typing import Any

from wallet.store import BADGE, BUNDLE, MICRO_CREDENTIAL, Collection
from wallet.ui import icons
from wallet.ui.models import Filters, kind_label, verdict_label
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

ANY = "\x00any"  # the data of each combo's "any" entry (never None: PySide6 6.12 returns a
# None item datum with a missing reference, which crashes the interpreter later)


def _value(data: Any) -> Any:
    return None if data == ANY or data is None else data


class FilterBar(QtWidgets.QWidget):
    """Search plus issuer / type / year / verification / tag / collection filters."""

    search_changed = Signal(str)
    filters_changed = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_bar")
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)

        self.search_field = QtWidgets.QLineEdit()
        self.search_field.setObjectName("search")
        self.search_field.setAccessibleName(self.tr("Search credentials"))
        self.search_field.setPlaceholderText(
            self.tr("Search titles, issuers, skills, outcomes (Ctrl+F)")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(160)  # the bar fits a 1024-pixel screen, in German too
        self.search_field.textChanged.connect(self.search_changed)
        clear = QtGui.QAction(self.tr("Clear search"), self.search_field)
        clear.setShortcut(QtGui.QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search_field.clear)
        self.search_field.addAction(clear)
        layout.addWidget(self.search_field, 3)

        self.issuer_combo = self._combo("issuer_filter", self.tr("Filter by issuer"))
        self.kind_combo = self._combo("kind_filter", self.tr("Filter by type"))
        self.year_combo = self._combo("year_filter", self.tr("Filter by year of issue"))
        self.status_combo = self._combo("status_filter", self.tr("Filter by verification"))
        self.tag_combo = self._combo("tag_filter", self.tr("Filter by tag"))
        self.collection_combo = self._combo("collection_filter", self.tr("Filter by collection"))
        self.combos = [
            self.issuer_combo,
            self.kind_combo,
            self.year_combo,
            self.status_combo,
            self.tag_combo,
            self.collection_combo,
        ]
        for combo in self.combos:
            layout.addWidget(combo, 1)

        self.clear_button = QtWidgets.QToolButton()
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear search and filters"))
        self.clear_button.setToolTip(self.tr("Show every credential again"))
        self.clear_button.clicked.connect(self.reset)
        layout.addWidget(self.clear_button)

        self._fill(
            self.kind_combo,
            self.tr("All types"),
            [(kind_label(k), k) for k in (MICRO_CREDENTIAL, BADGE, BUNDLE)],
        )
        self._fill(
            self.status_combo,
            self.tr("Any verification"),
            [
                (verdict_label(v), v)
                for v in (
                    icons.VERIFIED,
                    icons.WARNING,
                    icons.FAILED,
                    icons.UNKNOWN,
                    icons.NOT_CHECKED,
                )
            ],
        )
        self.populate([], [], [], [])
        self.search_changed.connect(lambda _t: self._update_clear())
        self.filters_changed.connect(self._update_clear)
        self._update_clear()

    def _combo(self, name: str, accessible: str) -> QtWidgets.QComboBox:
        combo = QtWidgets.QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        return combo

    def _fill(
        self, combo: QtWidgets.QComboBox, any_text: str, items: list[tuple[str, Any]]
    ) -> None:
        """Replace a combo's choices, keeping the chosen one if it is still there."""
        keep = _value(combo.currentData())
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, ANY)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self._fit(combo)
        if keep is not None and index < 0:  # the chosen value is gone: the list widens
            self.filters_changed.emit()

    def _fit(self, combo: QtWidgets.QComboBox) -> None:
        """Never narrower than its "any" entry, so "Jedes Prüfergebnis" reads whole at 1024
        pixels (the search field gives way instead); the open list is as wide as its longest
        entry, up to a limit, so a long issuer name reads whole there."""
        metrics = combo.fontMetrics()
        option = QtWidgets.QStyleOptionComboBox()
        combo.initStyleOption(option)
        needed = combo.style().sizeFromContents(
            QtWidgets.QStyle.ContentsType.CT_ComboBox,
            option,
            QtCore.QSize(metrics.horizontalAdvance(combo.itemText(0)), metrics.height()),
            combo,
        )
        combo.setMinimumWidth(needed.width())
        longest = max(
            (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
            default=0,
        )
        combo.view().setMinimumWidth(min(longest + 2 * metrics.averageCharWidth() + 24, 480))

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        """Another font or style: the combos' room for their "any" entries is measured again."""
        if event.type() in (QtCore.QEvent.Type.FontChange, QtCore.QEvent.Type.StyleChange):
            for combo in getattr(self, "combos", []):
                self._fit(combo)
        super().changeEvent(event)

    def populate(
        self, issuers: list[str], years: list[str], tags: list[str], collections: list[Collection]
    ) -> None:
        """The choices the wallet offers now (after loading, imports, new tags)."""
        self._fill(self.issuer_combo, self.tr("All issuers"), [(i, i) for i in issuers])
        self._fill(self.year_combo, self.tr("Any year"), [(y, y) for y in years])
        self._fill(self.tag_combo, self.tr("Any tag"), [(t, t) for t in tags])
        self._fill(
            self.collection_combo, self.tr("Any collection"), [(c.name, c.id) for c in collections]
        )

    def filters(self) -> Filters:
        return Filters(
            text=self.search_field.text(),
            issuer=_value(self.issuer_combo.currentData()),
            kind=_value(self.kind_combo.currentData()),
            year=_value(self.year_combo.currentData()),
            verdict=_value(self.status_combo.currentData()),
            tag=_value(self.tag_combo.currentData()),
            collection=_value(self.collection_combo.currentData()),
        )

    def choose(self, combo: QtWidgets.QComboBox, value: Any) -> bool:
        """Pick `value` in `combo` (tests, and "show this collection"); False if absent."""
        index = combo.findData(ANY if value is None else value)
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def reset(self) -> None:
        """Back to every credential: search cleared, every filter on "any"."""
        changed = False
        for combo in self.combos:
            if combo.currentIndex() != 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
                changed = True
        self.search_field.clear()
        if changed:
            self.filters_changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(self.filters().active())

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
