"""Qt item models over the wallet store: the list logic lives here, widgets stay thin."""

from __future__ import annotations

import re
from typing import Any

from wallet.credential import CLR2, OB2, OB3, SD_JWT_VC, VC
from wallet.store import Summary, WalletStore
from wallet.ui.qt import Qt, QtCore

FORMAT_LABELS: dict[str, str] = {
    OB3: "Open Badges 3.0",
    OB2: "Open Badges 2.0",
    CLR2: "CLR 2.0",
    VC: "Verifiable Credential",
    SD_JWT_VC: "SD-JWT VC",
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def format_label(fmt: str) -> str:
    """A person's name for a format code; unknown codes (from newer versions) show as they are."""
    return QtCore.QCoreApplication.translate("format", FORMAT_LABELS[fmt]) \
        if fmt in FORMAT_LABELS else fmt


def date_part(value: str | None) -> str:
    """The calendar date of an ISO 8601 timestamp; anything else is shown as the issuer wrote it."""
    if not value:
        return ""
    m = _DATE.match(value.strip())
    return m.group(0) if m else value.strip()


class CredentialListModel(QtCore.QAbstractTableModel):
    """The credentials of one wallet as a table, bundled CLR items indented under their bundle.

    Rows are read once from `store.summaries()` and again on `refresh()`; the store is never
    queried from `data()`, so painting never touches the database.
    """

    TITLE, ISSUER, ISSUED, FORMAT = range(4)
    IdRole = Qt.ItemDataRole.UserRole + 1  # the credential id of a row
    DepthRole = Qt.ItemDataRole.UserRole + 2  # 0 for top-level, 1 for an item inside a bundle
    TitleRole = Qt.ItemDataRole.UserRole + 3  # the bare title, without indentation marks

    CHILD_MARK = "\u2003\u21b3 "  # an em space and "↳ " before an item a bundle carries

    def __init__(self, store: WalletStore | None = None,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[tuple[Summary, int]] = []
        self._headers = [self.tr("Title"), self.tr("Issuer"), self.tr("Issued"),
                         self.tr("Format")]
        self._load()

    # ----- feeding -----------------------------------------------------------------------

    def set_store(self, store: WalletStore | None) -> None:
        """Show another wallet (or none, when locked)."""
        self.beginResetModel()
        self._store = store
        self._load()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the list after the wallet changed (an import, a delete)."""
        self.set_store(self._store)

    def _load(self) -> None:
        summaries = self._store.summaries() if self._store is not None else []
        self._rows = _nest(summaries)

    # ----- lookups -----------------------------------------------------------------------

    def credential_id(self, row: int) -> str | None:
        """Id of the credential shown in `row`, or None outside the table."""
        return self._rows[row][0].id if 0 <= row < len(self._rows) else None

    def row_of(self, credential_id: str) -> int:
        """Row showing `credential_id`, or -1."""
        for i, (s, _) in enumerate(self._rows):
            if s.id == credential_id:
                return i
        return -1

    def titles(self) -> list[str]:
        """Bare titles in display order (what a person reads down the Title column)."""
        return [s.title for s, _ in self._rows]

    # ----- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary, depth = self._rows[index.row()]
        col = index.column()
        if role == self.IdRole:
            return summary.id
        if role == self.DepthRole:
            return depth
        if role == self.TitleRole:
            return summary.title
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, depth, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.ISSUED and summary.issued:
                return summary.issued
            if col == self.TITLE:
                return summary.title
            if col == self.ISSUER and summary.issuer:
                return summary.issuer  # long names are elided in the column
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.TITLE and depth:
            return self.tr("{title} (inside a bundle)").format(title=summary.title)
        return None

    def _display(self, s: Summary, depth: int, col: int) -> str:
        if col == self.TITLE:
            return self.CHILD_MARK * depth + s.title
        if col == self.ISSUER:
            return s.issuer or "\u2014"
        if col == self.ISSUED:
            return date_part(s.issued) or "\u2014"
        if col == self.FORMAT:
            return format_label(s.format)
        return ""


def _nest(summaries: list[Summary]) -> list[tuple[Summary, int]]:
    """Order rows so each bundle is followed by what it carries, keeping the store's order.

    An item whose bundle is missing from the list is shown at the top level rather than lost.
    """
    ids = {s.id for s in summaries}
    children: dict[str, list[Summary]] = {}
    top: list[Summary] = []
    for s in summaries:
        if s.parent_id is not None and s.parent_id in ids and s.parent_id != s.id:
            children.setdefault(s.parent_id, []).append(s)
        else:
            top.append(s)
    out: list[tuple[Summary, int]] = []
    seen: set[str] = set()

    def visit(s: Summary, depth: int) -> None:
        if s.id in seen:  # a malformed file must not loop forever
            return
        seen.add(s.id)
        out.append((s, depth))
        for child in children.get(s.id, []):
            visit(child, depth + 1)

    for s in top:
        visit(s, 0)
    for s in summaries:  # anything left over sits in a parent cycle: show it flat
        if s.id not in seen:
            visit(s, 0)
    return out
