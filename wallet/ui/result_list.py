"""The list of what an import or a receive brought in: one line per credential or source.

Why one widget: the import results and the receive dialog answer the same question ("did it
go in, and can I trust it?") and must answer it in the same words: the verdict of each
credential that went in, "Already there" for one the wallet had, and for one kept out the
plain sentence why. Double-clicking a line that went in shows that credential.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wallet.sources import display_name
from wallet.ui import icons
from wallet.ui.messages import sentence, text_of
from wallet.ui.models import verdict_label
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtWidgets, Signal
from wallet.ui.widgets import tree_rows

if TYPE_CHECKING:
    from wallet.importer import ItemResult


class ResultList(QtWidgets.QTreeWidget):
    """Result, credential (or source), details; `show_source` puts where an imported
    credential came from in its details (an import of many files), else "Added to your
    wallet" (a receive, where the source is the issuer already named above)."""

    credential_activated = Signal(str)

    def __init__(self, object_name: str, accessible_name: str, *, show_source: bool) -> None:
        super().__init__()
        self.show_source = show_source
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setHeaderLabels([self.tr("Result"), self.tr("Credential"), self.tr("Details")])
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnWidth(1, 240)
        self.itemActivated.connect(self._activated)

    def add(self, result: ItemResult) -> None:
        """One line for `result`: everything from the credential or the issuer is plain text
        (item texts and tooltips are never rich text here)."""
        # Imported when first needed: they bring the parsers and the protocol stack, which the
        # window does not load at start.
        from wallet.actions.receiving import PENDING
        from wallet.importer import DUPLICATE, FAILED, IMPORTED

        title = result.title or display_name(result.source)
        if result.status == IMPORTED:
            verdict = result.verdict or icons.NOT_CHECKED
            status = f"{icons.verdict_mark(verdict)} {verdict_label(verdict)}"
            detail = (
                self.tr("Added from {source}").format(source=display_name(result.source))
                if self.show_source
                else self.tr("Added to your wallet")
            )
        elif result.status == DUPLICATE:
            status, detail = self.tr("Already there"), self.tr("Already in your wallet")
        elif result.status == PENDING:
            status, detail = self.tr("Later"), sentence(text_of(result.msg))
        else:
            status, detail = self.tr("Not added"), sentence(text_of(result.msg))
        item = QtWidgets.QTreeWidgetItem([status, title, detail])
        if result.status == IMPORTED:
            item.setForeground(0, icons.verdict_colour(result.verdict, self.palette()))
        elif result.status == FAILED:
            item.setForeground(0, icons.verdict_colour(icons.FAILED, self.palette()))
        item.setData(0, Qt.ItemDataRole.UserRole, result.id if result.status != FAILED else None)
        item.setData(1, Qt.ItemDataRole.UserRole, result.status == IMPORTED)  # takes a verdict
        item.setToolTip(1, plain_tip(result.source))
        item.setToolTip(2, plain_tip(detail))
        self.addTopLevelItem(item)

    def set_verdicts(self, verdicts: dict[str, str]) -> None:
        """Show the verdicts a check finished after the lines were added (the window imports
        first and checks in the background)."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            verdict = verdicts.get(item.data(0, Qt.ItemDataRole.UserRole) or "")
            if verdict is not None and item.data(1, Qt.ItemDataRole.UserRole):
                item.setText(0, f"{icons.verdict_mark(verdict)} {verdict_label(verdict)}")
                item.setForeground(0, icons.verdict_colour(verdict, self.palette()))

    def lines(self) -> list[tuple[str, str, str]]:
        """The lines as shown (tests, accessibility checks)."""
        return tree_rows(self)

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        cid = item.data(0, Qt.ItemDataRole.UserRole)
        if cid:
            self.credential_activated.emit(cid)
