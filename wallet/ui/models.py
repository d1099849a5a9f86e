"""Qt item models over the wallet store: the list logic lives here, widgets stay thin.

The list model holds every credential's summary (a few columns, never the whole record) and
shows the rows that pass the search and the filters, in the chosen order. Search asks the
store's full-text index for an id set; the other filters compare summary fields in memory.
Narrowing 10,000 rows is one list comprehension and one model reset, well inside a frame.
What an operation changed (`apply`) comes in as rows inserted, removed and changed, not as a
reset: the view keeps its selection and scroll position.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from itertools import compress
from typing import Any

from wallet.actions.changes import Changes
from wallet.credential import CLR2, OB2, OB3, SD_JWT_VC, VC
from wallet.errors import WalletError
from wallet.store import BADGE, BUNDLE, MICRO_CREDENTIAL, ListSnapshot, Summary, WalletStore
from wallet.store.credentials import search_key
from wallet.ui import i18n, icons
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets
from wallet.verify.explain import issuer_unconfirmed
from wallet.verify.report import Report

# QT_TRANSLATE_NOOP marks the words for pyside6-lupdate; they are translated when shown.
FORMAT_LABELS: dict[str, str] = {
    OB3: QT_TRANSLATE_NOOP("format", "Open Badges 3.0"),
    OB2: QT_TRANSLATE_NOOP("format", "Open Badges 2.0"),
    CLR2: QT_TRANSLATE_NOOP("format", "CLR 2.0"),
    VC: QT_TRANSLATE_NOOP("format", "Verifiable Credential"),
    SD_JWT_VC: QT_TRANSLATE_NOOP("format", "SD-JWT VC"),
}

KIND_LABELS: dict[str, str] = {
    MICRO_CREDENTIAL: QT_TRANSLATE_NOOP("kind", "Micro-credential"),
    BADGE: QT_TRANSLATE_NOOP("kind", "Badge"),
    BUNDLE: QT_TRANSLATE_NOOP("kind", "CLR bundle"),
}

# The verdict in the list's own words (short), and in the detail view's (a sentence's start).
VERDICT_LABELS: dict[str, str] = {
    icons.VERIFIED: QT_TRANSLATE_NOOP("verdict", "Verified"),
    icons.WARNING: QT_TRANSLATE_NOOP("verdict", "Warning"),
    icons.FAILED: QT_TRANSLATE_NOOP("verdict", "Failed"),
    icons.UNKNOWN: QT_TRANSLATE_NOOP("verdict", "Unknown"),
    icons.NOT_CHECKED: QT_TRANSLATE_NOOP("verdict", "Not checked yet"),
}
VERDICT_ORDER = (icons.VERIFIED, icons.WARNING, icons.UNKNOWN, icons.FAILED, icons.NOT_CHECKED)

# Authentic, and only the issuer is not on the trust list (wallet.verify.explain): no warning
# sign for that alone. The detail pane's words (its catalogue context), said the same in the
# table and on the cards through `status_text`.
UNCONFIRMED = QT_TRANSLATE_NOOP("DetailView", "Authentic \u00b7 issuer not confirmed")
UNCONFIRMED_MARK = "\u25cb"  # a neutral ring, not the yellow "!"

_YEAR = re.compile(r"^\d{4}")


def format_label(fmt: str) -> str:
    """A person's name for a format code; unknown codes (from newer versions) show as they are."""
    return (
        QtCore.QCoreApplication.translate("format", FORMAT_LABELS[fmt])
        if fmt in FORMAT_LABELS
        else fmt
    )


def kind_label(kind: str) -> str:
    """Micro-credential / Badge / CLR bundle."""
    return QtCore.QCoreApplication.translate("kind", KIND_LABELS.get(kind, KIND_LABELS[BADGE]))


def verdict_label(verdict: str | None) -> str:
    """The short word for a verdict in the list ("Not checked yet" when never checked)."""
    key = verdict if verdict in VERDICT_LABELS else icons.NOT_CHECKED
    return QtCore.QCoreApplication.translate("verdict", VERDICT_LABELS[key])


def status_text(verdict: str | None, *, unconfirmed: bool = False, mark: bool = True) -> str:
    """A credential's verification as the list, the cards and the detail pane's heading say
    it: "✓ Verified", "! Warning", "○ Authentic · issuer not confirmed" when the issuer's
    confirmation is all that is missing (`unconfirmed`), plain "Not checked yet". `mark`
    False leaves the sign out (what a screen reader says)."""
    if unconfirmed:
        words = QtCore.QCoreApplication.translate("DetailView", UNCONFIRMED)
        return f"{UNCONFIRMED_MARK} {words}" if mark else words
    label = verdict_label(verdict)
    if not mark or (verdict or icons.NOT_CHECKED) == icons.NOT_CHECKED:
        return label
    return f"{icons.verdict_mark(verdict)} {label}"


def status_width(metrics: QtGui.QFontMetrics, height: int) -> int:
    """The narrowest width in which every verification status reads whole when it may wrap
    onto as many lines as `height` (a list row's) holds: "○ Authentic · issuer not
    confirmed" takes two lines rather than a third of a narrow table."""
    texts = [status_text(v) for v in VERDICT_LABELS] + [status_text(None, unconfirmed=True)]
    flags = int(Qt.TextFlag.TextWordWrap)
    width = max(metrics.horizontalAdvance(w) for t in texts for w in t.split())
    widest = max(metrics.horizontalAdvance(t) for t in texts)
    while width < widest and any(
        metrics.boundingRect(QtCore.QRect(0, 0, width, 10_000), flags, t).height() > height
        for t in texts
    ):
        width += 4
    return width


class WrappedStatusDelegate(QtWidgets.QStyledItemDelegate):
    """The Verification column's cells wrap (the table's other cells do not): a status too
    long for one line ("○ Authentic · issuer not confirmed") takes two, see `status_width`."""

    def initStyleOption(  # noqa: N802 (Qt's name)
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.features |= QtWidgets.QStyleOptionViewItem.ViewItemFeature.WrapText


def year_of(value: str | None) -> str | None:
    m = _YEAR.match((value or "").strip())
    return m.group(0) if m else None


def number_text(value: float) -> str:
    """15, 7.5: no pointless `.0`."""
    return f"{value:g}"


def credits_level_text(s: Summary) -> str:
    """ "15 NZQF credits · NZQF 5" (either part alone when the other is missing)."""
    parts = []
    if s.credits_value is not None:
        parts.append(f"{number_text(s.credits_value)} {s.credits_unit or ''}".strip())
    if s.level_value:
        parts.append(f"{s.level_framework or ''} {s.level_value}".strip())
    return " \u00b7 ".join(parts)


@dataclass(frozen=True)
class Filters:
    """What the learner narrowed the list to; None (or "") means "any"."""

    text: str = ""
    issuer: str | None = None
    kind: str | None = None
    year: str | None = None
    verdict: str | None = None  # a verdict, or icons.NOT_CHECKED for never checked
    tag: str | None = None
    collection: int | None = None

    def active(self) -> bool:
        return bool(self.text.strip()) or any(
            v is not None
            for v in (self.issuer, self.kind, self.year, self.verdict, self.tag, self.collection)
        )


Row = tuple[Summary, int]  # a summary and its depth (0, or 1 inside a bundle)


class CredentialListModel(QtCore.QAbstractTableModel):
    """The credentials of one wallet as a table, bundled CLR items indented under their bundle.

    Summaries are read once from `store.credentials.summaries()` (and again on `refresh()`);
    details are read only for a selected row. `data()` never queries the store, except to
    decode the image of a row being painted that has one (cached, a few dozen at most).
    """

    TITLE, ISSUER, ISSUED, CREDITS, KIND, STATUS = range(6)
    IdRole = Qt.ItemDataRole.UserRole + 1  # the credential id of a row
    DepthRole = Qt.ItemDataRole.UserRole + 2  # 0 for top-level, 1 for an item inside a bundle
    TitleRole = Qt.ItemDataRole.UserRole + 3  # the bare title, without indentation marks
    VerdictRole = Qt.ItemDataRole.UserRole + 4  # the stored verdict, "" when never checked
    KindRole = Qt.ItemDataRole.UserRole + 5  # micro / badge / clr
    CardImageRole = Qt.ItemDataRole.UserRole + 6  # the badge image at CARD_IMAGE_SIZE (cards)
    StatusTextRole = Qt.ItemDataRole.UserRole + 7  # "✓ Verified", "○ Authentic · issuer not…"
    UnconfirmedRole = Qt.ItemDataRole.UserRole + 8  # authentic; only the issuer unconfirmed

    CHILD_MARK = "\u2003\u21b3 "  # an em space and "↳ " before an item a bundle carries
    ICON_SIZE = 28
    CARD_IMAGE_SIZE = 72  # the badge wall's pictures (wallet.ui.card_view)
    IMAGE_CACHE = 256  # decoded row images kept (a few screens' worth)

    def __init__(
        self,
        store: WalletStore | None = None,
        parent: QtCore.QObject | None = None,
        *,
        preloaded: ListSnapshot | None = None,
        sort: tuple[int, Qt.SortOrder] | None = None,
    ) -> None:
        """`preloaded` is this store's list already read, e.g. on the thread that opened the
        wallet, so start-up does not read it twice; it may be only the first screen of rows
        (`partial`: `complete()` then reads the rest). `sort` is the order the view will ask
        for, applied now so the rows are ordered once, not twice."""
        super().__init__(parent)
        self._store = store
        self._all: list[Summary] = []
        self._total = 0  # credentials in the wallet (more than _all while partial)
        self._ordered: list[Row] = []  # every row, nested and sorted
        self._rows: list[Row] = []  # the rows shown (filtered)
        self._row_of: dict[str, int] | None = None
        self._verdicts: dict[str, str] = {}
        self._unconfirmed: dict[str, bool] = {}  # warnings read so far: only the issuer?
        self._filters = Filters()
        self._search_keys: set[int] | None = None  # store.search_keys of the search text
        self._ordered_keys: list[int] | None = None  # search_key of each _ordered row
        self._member_ids: set[str] | None = None  # of the chosen tag / collection
        self._sort: tuple[int, Qt.SortOrder] | None = sort
        self._ordered_by: tuple[int, Qt.SortOrder] | None = None  # what _ordered reflects
        self._images: OrderedDict[tuple[str, int], QtGui.QPixmap] = OrderedDict()
        self._headers = [
            self.tr("Title"),
            self.tr("Issuer"),
            self.tr("Issued"),
            self.tr("Credits \u00b7 level"),
            self.tr("Type"),
            self.tr("Verification"),
        ]
        self._load(preloaded)

    # ----- feeding -----------------------------------------------------------------------

    def set_store(
        self, store: WalletStore | None, *, preloaded: ListSnapshot | None = None
    ) -> None:
        """Show another wallet (or none, when locked). Filters are kept; ids are re-read
        (unless `preloaded` holds this store's list, read just now by the opening thread)."""
        self.beginResetModel()
        self._store = store
        self._load(preloaded)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the list after the wallet changed (an import, a delete, new tags)."""
        self.set_store(self._store)

    @property
    def partial(self) -> bool:
        """True while only the first screen of a larger list is loaded (see `complete`)."""
        return len(self._all) < self._total

    def complete(self) -> bool:
        """Read the whole list if only its first screen is loaded; True if it read."""
        if not self.partial or self._store is None:
            return False
        self.refresh()
        return True

    def _load(self, preloaded: ListSnapshot | None = None) -> None:
        store = self._store
        if store is not None and preloaded is not None:
            self._all = list(preloaded.summaries)
            self._verdicts = dict(preloaded.verdicts)
            self._total = max(preloaded.total, len(self._all))
        else:
            self._all = store.credentials.summaries() if store is not None else []
            self._verdicts = store.checks.verdicts() if store is not None else {}
            self._total = len(self._all)
        self._images.clear()
        self._unconfirmed.clear()
        self._search_keys = self._member_ids = None
        if store is not None and self._filters.text.strip():
            self._search_keys = store.credentials.search_keys(self._filters.text)
        if store is not None:
            self._member_ids = self._members(self._filters)
        self._order()
        self._apply()

    def _members(self, f: Filters) -> set[str] | None:
        if self._store is None or (f.tag is None and f.collection is None):
            return None
        ids: set[str] | None = None
        if f.tag is not None:
            ids = self._store.tags.tagged(f.tag)
        if f.collection is not None:
            members = self._store.tags.collection_members(f.collection)
            ids = members if ids is None else ids & members
        return ids

    # ----- filtering and sorting -----------------------------------------------------------

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_search(self, text: str) -> None:
        """Narrow to credentials matching every word of `text` (as a prefix); "" shows all."""
        if text == self._filters.text:
            return
        self._filters = replace(self._filters, text=text)
        store = self._store
        self._search_keys = (
            store.credentials.search_keys(text) if store is not None and text.strip() else None
        )
        self._reset_rows()

    def set_filters(self, filters: Filters) -> None:
        """Apply every filter at once (the search text too)."""
        old = self._filters
        self._filters = filters
        if filters.text != old.text:
            store = self._store
            self._search_keys = (
                store.credentials.search_keys(filters.text)
                if store is not None and filters.text.strip()
                else None
            )
        if (filters.tag, filters.collection) != (old.tag, old.collection):
            self._member_ids = self._members(filters)
        self._reset_rows()

    def members_changed(self) -> None:
        """Tags or collections changed in the store: re-read the chosen one's members."""
        self._member_ids = self._members(self._filters)
        if self._filters.text.strip() and self._store is not None:
            # tags are searched
            self._search_keys = self._store.credentials.search_keys(self._filters.text)
        self._reset_rows()

    def _reset_rows(self) -> None:
        self.beginResetModel()
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        f = self._filters
        rows = self._ordered
        if self._search_keys is not None:
            if self._ordered_keys is None:
                self._ordered_keys = [search_key(r[0].id) for r in self._ordered]
            # In C, not a Python loop: this runs on every keystroke over every row.
            rows = list(compress(rows, map(self._search_keys.__contains__, self._ordered_keys)))
        if self._member_ids is not None:
            ids = self._member_ids
            rows = [r for r in rows if r[0].id in ids]
        if f.issuer is not None:
            rows = [r for r in rows if (r[0].issuer or "") == f.issuer]
        if f.kind is not None:
            rows = [r for r in rows if r[0].kind == f.kind]
        if f.year is not None:
            rows = [r for r in rows if year_of(r[0].issued) == f.year]
        if f.verdict is not None:
            verdicts = self._verdicts
            rows = [r for r in rows if verdicts.get(r[0].id, icons.NOT_CHECKED) == f.verdict]
        self._rows = rows
        self._row_of = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Clickable headers: sort bundles with what they carry kept right under them."""
        if (column, order) == self._ordered_by:
            return  # already in this order (the view asks again when sorting is enabled)
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = [r[0].id for r in self._rows]
        persistent = self.persistentIndexList()
        self._order()
        self._apply()
        new_row = self.rows_by_id()
        self.changePersistentIndexList(
            persistent,
            [
                self.index(new_row.get(old[i.row()], -1), i.column())
                if 0 <= i.row() < len(old) and old[i.row()] in new_row
                else QtCore.QModelIndex()
                for i in persistent
            ],
        )
        self.layoutChanged.emit()

    def _order(self) -> None:
        summaries = self._all
        if self._sort is not None:
            column, order = self._sort
            key = self._sort_key(column)
            if key is not None:
                # Each key computed once (10,000 rows: this is on the start-up path).
                keyed = [(k, s) for s in summaries if (k := key(s)) is not None]
                missing = (
                    [s for s in summaries if key(s) is None] if len(keyed) < len(summaries) else []
                )  # always last
                keyed.sort(key=_first, reverse=order == Qt.SortOrder.DescendingOrder)
                summaries = [s for _k, s in keyed] + missing
        self._ordered = _nest(summaries)
        self._ordered_keys = None
        self._ordered_by = self._sort

    def _sort_key(self, column: int) -> Any:
        if column == self.TITLE:
            return lambda s: s.title.casefold()
        if column == self.ISSUER:
            return lambda s: s.issuer.casefold() if s.issuer else None
        if column == self.ISSUED:
            return lambda s: s.issued or None
        if column == self.CREDITS:
            return lambda s: s.credits_value
        if column == self.KIND:
            return lambda s: s.kind
        if column == self.STATUS:
            verdicts = self._verdicts
            return lambda s: (
                VERDICT_ORDER.index(verdicts.get(s.id, icons.NOT_CHECKED))
                if verdicts.get(s.id, icons.NOT_CHECKED) in VERDICT_ORDER
                else len(VERDICT_ORDER)
            )
        return None

    # ----- verdicts ------------------------------------------------------------------------

    def verdict(self, credential_id: str) -> str:
        return self._verdicts.get(credential_id, icons.NOT_CHECKED)

    def issuer_unconfirmed(self, credential_id: str) -> bool:
        """A warning whose only cause is an issuer not on the trust list (the detail pane's
        "Authentic · issuer not confirmed"). The stored verdict cannot tell, so the report is
        read, once, for a warning row that is shown; every other verdict is answered at once."""
        if self._verdicts.get(credential_id) != icons.WARNING or self._store is None:
            return False
        known = self._unconfirmed.get(credential_id)
        if known is None:
            known = self._unconfirmed[credential_id] = _only_issuer_unconfirmed(
                self._store, credential_id
            )
        return known

    def status_text(self, credential_id: str, *, mark: bool = True) -> str:
        """The Verification column's words for a credential (see `status_text`)."""
        return status_text(
            self._verdicts.get(credential_id),
            unconfirmed=self.issuer_unconfirmed(credential_id),
            mark=mark,
        )

    # ----- what an operation changed -------------------------------------------------------

    # Runs of rows inserted or removed at one place; past this many, one reset is cheaper.
    MAX_RUNS = 64

    def apply(self, changes: Changes) -> None:
        """Show what an operation changed (wallet.actions.changes): rows inserted for added
        credentials (reading only their list rows and verdicts), removed for removed ones,
        re-read for updated ones, each as its own signal, so the view keeps its selection and
        scroll position. Only `everything` (a restore) reads the whole list again."""
        store = self._store
        if store is None or not changes.credentials_changed:
            return
        if changes.everything:
            self.refresh()
            return
        gone = set(changes.removed)
        wanted = [cid for cid in (*changes.added, *changes.updated) if cid not in gone]
        fresh = store.credentials.summaries_of(wanted) if wanted else []
        by_id = {s.id: s for s in fresh}
        gone |= {cid for cid in changes.updated if cid not in by_id}  # deleted meanwhile
        verdicts = store.checks.verdicts_of(list(by_id)) if by_id else {}
        waiting = dict(by_id)
        kept = [waiting.pop(s.id, s) for s in self._all if s.id not in gone]
        self._all = kept + list(waiting.values())
        self._total = store.credentials.count()
        for cid in gone | set(by_id):
            for size in (self.ICON_SIZE, self.CARD_IMAGE_SIZE):
                self._images.pop((cid, size), None)
            self._verdicts.pop(cid, None)
            self._unconfirmed.pop(cid, None)
        self._verdicts.update(verdicts)
        if by_id:  # the new or changed rows may match the search or the chosen tag now
            if self._filters.text.strip():
                self._search_keys = store.credentials.search_keys(self._filters.text)
            if self._member_ids is not None:
                self._member_ids = self._members(self._filters)
        shown = self._rows
        self._order()
        self._apply()
        wanted_rows, self._rows, self._row_of = self._rows, shown, None
        self._show_rows(wanted_rows, set(by_id))

    def _show_rows(self, rows: list[Row], changed: set[str]) -> None:
        """Go from the rows shown to `rows` by removing, moving and inserting rows (a reset
        only when that would take more than MAX_RUNS steps); rows of `changed` ids, and rows
        shown differently (a bundle came in above them), signal dataChanged."""
        root = QtCore.QModelIndex()
        after = {r[0].id for r in rows}
        before = {r[0].id for r in self._rows}
        if (
            _runs([r[0].id not in after for r in self._rows])
            + _runs([r[0].id not in before for r in rows])
            > self.MAX_RUNS
        ):
            self.beginResetModel()
            self._rows, self._row_of = rows, None
            self.endResetModel()
            return
        # 1. Rows no longer shown, from the bottom up so the row numbers above stay true.
        end = len(self._rows) - 1
        while end >= 0:
            if self._rows[end][0].id in after:
                end -= 1
                continue
            start = end
            while start > 0 and self._rows[start - 1][0].id not in after:
                start -= 1
            self.beginRemoveRows(root, start, end)
            self._rows, self._row_of = self._rows[:start] + self._rows[end + 1 :], None
            self.endRemoveRows()
            end = start - 1
        # 2. The rows that stay, in their new order (a verdict sort may move a checked one).
        old = {r[0].id: r for r in self._rows}
        staying = [r for r in rows if r[0].id in old]
        differ = {r[0].id for r in staying if old[r[0].id] != r}
        if [r[0].id for r in staying] != [r[0].id for r in self._rows]:
            self.layoutAboutToBeChanged.emit()
            ids = [r[0].id for r in self._rows]
            persistent = self.persistentIndexList()
            self._rows, self._row_of = staying, None
            new_row = self.rows_by_id()
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(new_row[ids[i.row()]], i.column())
                    if 0 <= i.row() < len(ids)
                    else QtCore.QModelIndex()
                    for i in persistent
                ],
            )
            self.layoutChanged.emit()
        else:
            self._rows, self._row_of = staying, None
        # 3. New rows, from the top down: each run goes where `rows` has it.
        at = 0
        while at < len(rows):
            if rows[at][0].id in old:
                at += 1
                continue
            start = at
            while at < len(rows) and rows[at][0].id not in old:
                at += 1
            self.beginInsertRows(root, start, at - 1)
            self._rows = self._rows[:start] + rows[start:at] + self._rows[start:]
            self._row_of = None
            self.endInsertRows()
        # 4. Rows still shown whose content changed.
        row_of = self.rows_by_id()
        numbers = sorted(row_of[cid] for cid in (changed & set(old)) | differ if cid in row_of)
        last_column = self.columnCount() - 1
        for first, last in _spans(numbers):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))

    # ----- lookups -----------------------------------------------------------------------

    def credential_id(self, row: int) -> str | None:
        """Id of the credential shown in `row`, or None outside the table."""
        return self._rows[row][0].id if 0 <= row < len(self._rows) else None

    def rows_by_id(self) -> dict[str, int]:
        if self._row_of is None:
            self._row_of = {s.id: i for i, (s, _) in enumerate(self._rows)}
        return self._row_of

    def row_of(self, credential_id: str) -> int:
        """Row showing `credential_id`, or -1 (also when filtered out)."""
        return self.rows_by_id().get(credential_id, -1)

    def titles(self) -> list[str]:
        """Bare titles in display order (what a person reads down the Title column)."""
        return [s.title for s, _ in self._rows]

    def total(self) -> int:
        """Credentials in the wallet, whatever the filters show (and however much is loaded)."""
        return self._total

    def summary(self, credential_id: str) -> Summary | None:
        row = self.row_of(credential_id)
        if row >= 0:
            return self._rows[row][0]
        return next((s for s in self._all if s.id == credential_id), None)

    def issuers(self) -> list[str]:
        """Every issuer name, once, alphabetically (for the issuer filter)."""
        return sorted({s.issuer for s in self._all if s.issuer}, key=str.casefold)

    def years(self) -> list[str]:
        """Years of issue present, newest first (for the date filter). Dates are distinct
        far less often than rows, so each distinct one is parsed once."""
        dates = {s.issued for s in self._all}
        return sorted({y for d in dates if (y := year_of(d))}, reverse=True)

    # ----- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks ~10 roles per cell on every repaint (font, alignment, size hint...):
        # the ones this model never answers leave at once (a keystroke repaints ~150 cells).
        if role not in _ANSWERED_ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows) or not index.isValid():
            return None
        summary, depth = self._rows[row]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, depth, col)
        if role == self.IdRole:
            return summary.id
        if role == self.DepthRole:
            return depth
        if role == self.TitleRole:
            return summary.title
        if role == self.VerdictRole:
            return self._verdicts.get(summary.id, icons.NOT_CHECKED)
        if role == self.KindRole:
            return summary.kind
        if role == Qt.ItemDataRole.DecorationRole and col == self.TITLE:
            return self._image(summary, self.ICON_SIZE)
        if role == self.CardImageRole:
            return self._image(summary, self.CARD_IMAGE_SIZE)
        if role == self.StatusTextRole:
            return self.status_text(summary.id)
        if role == self.UnconfirmedRole:
            return self.issuer_unconfirmed(summary.id)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            if self.issuer_unconfirmed(summary.id):
                return None  # the text's own colour: nothing to warn about
            return QtGui.QBrush(icons.verdict_colour(self._verdicts.get(summary.id)))
        if role == Qt.ItemDataRole.ToolTipRole:  # the issuer's words: never rich text
            if col == self.ISSUED and summary.issued:
                return plain_tip(summary.issued)
            if col == self.TITLE:
                return plain_tip(summary.title)
            if col == self.ISSUER and summary.issuer:
                return plain_tip(summary.issuer)  # long names are elided in the column
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == self.TITLE and depth:
                return self.tr("{title} (inside a bundle)").format(title=summary.title)
            if col == self.STATUS:
                return self.status_text(summary.id, mark=False)
        return None

    def _display(self, s: Summary, depth: int, col: int) -> str:
        if col == self.TITLE:
            return self.CHILD_MARK * depth + s.title
        if col == self.ISSUER:
            return s.issuer or "\u2014"
        if col == self.ISSUED:
            return i18n.short_day_text(s.issued) or "\u2014"
        if col == self.CREDITS:
            return credits_level_text(s)
        if col == self.KIND:
            return kind_label(s.kind)
        if col == self.STATUS:
            return self.status_text(s.id)
        return ""

    def _image(self, s: Summary, size: int) -> QtGui.QPixmap:
        if not s.has_image or self._store is None:
            return icons.placeholder(s.kind, size)
        key = (s.id, size)
        pm = self._images.get(key)
        if pm is None:
            image = self._store.credentials.local_image(s.id)
            pm = icons.badge_pixmap(image.data_uri, image.baked, s.kind, size)
            self._images[key] = pm
            if len(self._images) > self.IMAGE_CACHE:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(key)
        return pm


_ANSWERED_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        CredentialListModel.IdRole,
        CredentialListModel.DepthRole,
        CredentialListModel.TitleRole,
        CredentialListModel.VerdictRole,
        CredentialListModel.KindRole,
        CredentialListModel.StatusTextRole,
        CredentialListModel.UnconfirmedRole,
        CredentialListModel.CardImageRole,
    )
)


def _first(pair: tuple[Any, Summary]) -> Any:
    return pair[0]


def _runs(flags: list[bool]) -> int:
    """How many runs of True there are in `flags`."""
    return sum(1 for i, f in enumerate(flags) if f and (i == 0 or not flags[i - 1]))


def _spans(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive ones."""
    spans: list[tuple[int, int]] = []
    for n in numbers:
        if spans and spans[-1][1] == n - 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return spans


def _nest(summaries: list[Summary]) -> list[Row]:
    """Order rows so each bundle is followed by what it carries, keeping the given order.

    An item whose bundle is missing from the list is shown at the top level rather than lost.
    """
    if all(s.parent_id is None for s in summaries):  # the common case: nothing bundled
        return [(s, 0) for s in summaries]
    ids = {s.id for s in summaries}
    children: dict[str, list[Summary]] = {}
    top: list[Summary] = []
    for s in summaries:
        if s.parent_id is not None and s.parent_id in ids and s.parent_id != s.id:
            children.setdefault(s.parent_id, []).append(s)
        else:
            top.append(s)
    if not children:
        return [(s, 0) for s in top]
    out: list[Row] = []
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


def _only_issuer_unconfirmed(store: WalletStore, credential_id: str) -> bool:
    """Whether the kept report of a credential says it is authentic and only its issuer is
    unconfirmed (False when there is no readable report)."""
    try:
        last = store.checks.last_report(credential_id)
        report = Report.from_json(json.loads(last.report)) if last is not None else None
    except (WalletError, ValueError, KeyError, TypeError):
        return False
    return issuer_unconfirmed(report)
