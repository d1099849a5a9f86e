"""The Stacks page: how far the learner's credentials go towards larger awards.

Left, one row per stack (pathway or own goal): its name, the award, and a progress bar, the
closest first. Right, the chosen stack's requirement tree: every node ticked when met or saying
what is missing, the credentials that count under it. Opening a counted credential is the
window's job (`credential_activated`); so is saving a new goal (`goal_created`).

The view never evaluates anything: it shows `StackResult` objects the stacks engine made. Text
that came from a stack file or a credential (names, titles, missing sentences) is only ever set
on plain-text items, never rendered as rich text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wallet.messages import Msg
from wallet.stacks import model  # the requirement kinds, read as model.ALL, model.CREDITS, ...
from wallet.stacks.model import Award, NodeResult, Requirement, StackResult
from wallet.stacks.progress import percent, progress_sentence
from wallet.ui import icons
from wallet.ui.goal_dialog import GoalDialog
from wallet.ui.messages import text_of
from wallet.ui.models import number_text
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import column, empty_state, plain_label, push_button, set_font

CHECK = "\u2713"
OPEN = "\u25cb"  # a hollow circle: not met yet (not a failure)
WARN = "!"
CROSS = "\u2717"
# reason codes (wallet.stacks.engine) of credentials that wait only for their issuer to be
# confirmed: they would count once the learner trusts it
_WAITING = frozenset({"issuer-unnamed", "issuer-unconfirmed", "issuer-unconfirmed-check"})

# Progress colours (light theme, dark theme): strong enough on a white row, soft enough on a
# dark one; "met" is the verified green the rest of the wallet uses.
_BAR_OPEN = ("#2f5fd0", "#8fb0ff")
_BAR_MET = ("#1b7a2f", "#6fdc8c")


translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name


def _dark_pick(pair: tuple[str, str], palette: QtGui.QPalette | None = None) -> QtGui.QColor:
    return QtGui.QColor(pair[1] if icons.is_dark(palette) else pair[0])


def level_text(level: str | float | None, framework: str | None) -> str:
    """ "NZQF level 5", "Level 5", "" — a framework without a level says nothing useful."""
    if level in (None, ""):
        return ""
    shown = number_text(level) if isinstance(level, float | int) else str(level)
    if framework:
        return translate("StacksView", "{framework} level {level}").format(
            framework=framework, level=shown
        )
    return translate("StacksView", "Level {level}").format(level=shown)


def award_text(award: Award, stack_name: str = "") -> str:
    """One line about the award: its name (when it differs from the stack's), credits, level,
    awarding body; parts without a value are left out."""
    parts: list[str] = []
    if award.name and award.name.strip() != stack_name.strip():
        parts.append(award.name)
    if award.credits:
        unit = award.credit_unit or translate("StacksView", "credits")
        parts.append(f"{number_text(award.credits)} {unit}")
    level = level_text(award.level, award.framework)
    if level:
        parts.append(level)
    elif award.framework:
        parts.append(award.framework)
    if award.awarding_body:
        parts.append(award.awarding_body)
    return " \u00b7 ".join(parts)


def requirement_label(req: Requirement) -> str:
    """What a node asks for, in words: its own label when the stack gives one."""
    if req.label:
        return req.label
    if req.kind == model.ALL:
        return translate("StacksView", "All of these")
    if req.kind == model.ANY:
        return translate("StacksView", "Any one of these")
    if req.kind == model.N_OF:
        return translate("StacksView", "{n} of these").format(n=req.n if req.n is not None else 1)
    if req.kind == model.CREDITS:
        unit = req.unit or translate("StacksView", "credits")
        text = f"{number_text(req.credits or 0)} {unit}"
        level = level_text(req.min_level, req.framework)
        if level:
            text = translate("StacksView", "{credits} at {level} or above").format(
                credits=text, level=level
            )
        where = req.field_of_study or req.skill
        return (
            translate("StacksView", "{credits}, in {field}").format(credits=text, field=where)
            if where
            else text
        )
    if req.kind == model.ACHIEVEMENT:
        what = (
            req.name
            or req.alignment_target
            or req.achievement_id
            or translate("StacksView", "An achievement")
        )
        return (
            translate("StacksView", "{what} from {issuer}").format(what=what, issuer=req.issuer)
            if req.issuer
            else what
        )
    if req.kind == model.FIELD:
        if req.field_of_study:
            one, many = (
                translate("StacksView", "A credential in {field}"),
                translate("StacksView", "{n} credentials in {field}"),
            )
        elif req.skill:
            one, many = (
                translate("StacksView", "A credential with the skill {skill}"),
                translate("StacksView", "{n} credentials with the skill {skill}"),
            )
        else:
            return translate("StacksView", "Credentials in a field")
        count = req.count or 1
        return (one if count == 1 else many).format(
            n=count, field=req.field_of_study, skill=req.skill
        )
    if req.kind == model.STACK:
        return translate("StacksView", "The stack {id}").format(id=req.stack_id or "?")
    return req.kind


def credits_progress(node: NodeResult) -> str:
    """ "25 of 40 NZQF credits"; once met, "45 NZQF credits (40 needed)"."""
    req = node.requirement
    unit = req.unit or translate("StacksView", "credits")
    earned, needed = node.credits_earned, req.credits or 0
    if node.satisfied and earned > needed:
        return translate("StacksView", "{earned} {unit} ({needed} needed)").format(
            earned=number_text(earned), unit=unit, needed=number_text(needed)
        )
    return translate("StacksView", "{earned} of {needed} {unit}").format(
        earned=number_text(earned), needed=number_text(needed), unit=unit
    )


def node_status(node: NodeResult) -> str:
    """The second column of a node: how much of it is done."""
    req = node.requirement
    mark = CHECK if node.satisfied else OPEN
    if not node.satisfied and node.progress_if_confirmed is not None:  # never shown as met
        if req.kind == model.CREDITS:
            more = number_text((node.credits_if_confirmed or 0) - node.credits_earned)
            return f"{WARN} " + translate(
                "StacksView", "{progress}; {more} more rest on issuers you have not confirmed"
            ).format(progress=credits_progress(node), more=more)
        if node.satisfied_if_confirmed:
            return f"{WARN} " + translate(
                "StacksView", "Not yet: rests on an issuer you have not confirmed"
            )
    if req.kind == model.CREDITS:
        return f"{mark} {credits_progress(node)}"
    if node.satisfied:
        return f"{mark} " + translate("StacksView", "Done")
    done = sum(1 for c in node.children if c.satisfied)
    if req.kind == model.ALL and node.children:
        return f"{mark} " + translate("StacksView", "{done} of {total} done").format(
            done=done, total=len(node.children)
        )
    if req.kind == model.N_OF:
        return f"{mark} " + translate("StacksView", "{done} of {n} done").format(
            done=done, n=req.n or 1
        )
    if req.kind == model.ACHIEVEMENT:
        return f"{mark} " + translate("StacksView", "Not yet earned")
    if node.progress > 0:
        return f"{mark} " + translate("StacksView", "{pct}% done").format(
            pct=percent(node.progress)
        )
    return f"{mark} " + translate("StacksView", "Not yet")


def _below(node: NodeResult) -> tuple[set[str], set[str]]:
    """Credential ids and missing sentences (as shown) anywhere under `node` (not its own), so
    a parent that repeats its children's never shows them twice."""
    counted: set[str] = set()
    missing: set[str] = set()
    for child in node.children:
        counted.update(child.counted)
        missing.update(text_of(m) for m in child.missing)
        more_counted, more_missing = _below(child)
        counted |= more_counted
        missing |= more_missing
    return counted, missing


def _excluded_below(node: NodeResult) -> set[str]:
    """Excluded credential ids anywhere under `node` (not its own)."""
    out: set[str] = set()
    for child in node.children:
        out.update(child.excluded)
        out |= _excluded_below(child)
    return out


# ----- the list of stacks ----------------------------------------------------------------------


class StackRow:
    """Data roles of a row in the stack list (read by the delegate and by tests)."""

    INDEX = Qt.ItemDataRole.UserRole  # position in the view's results
    AWARD = Qt.ItemDataRole.UserRole + 1
    PROGRESS = Qt.ItemDataRole.UserRole + 2  # 0..1
    SATISFIED = Qt.ItemDataRole.UserRole + 3
    STATUS = Qt.ItemDataRole.UserRole + 4  # "62%" / "✓ Satisfied"


class StackRowDelegate(QtWidgets.QStyledItemDelegate):
    """Paints a stack as three lines: name and percent, award, progress bar.

    Drawn rather than built from widgets so selection colours, focus and keyboard movement are
    the list's own; colours come from the palette (and two fixed pairs that read on light and
    dark), never a fixed black or white.
    """

    PAD = 10
    BAR = 8

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> QtCore.QSize:
        line = option.fontMetrics.height()
        return QtCore.QSize(240, self.PAD * 2 + line * 2 + 8 + self.BAR + 2)

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QtWidgets.QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QtWidgets.QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_role = (
            QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        )
        text = pal.color(text_role)
        dim = QtGui.QColor(text)
        dim.setAlphaF(0.72)
        satisfied = bool(index.data(StackRow.SATISFIED))
        progress = float(index.data(StackRow.PROGRESS) or 0.0)
        met = _dark_pick(_BAR_MET, pal)

        rect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        line = opt.fontMetrics.height()
        painter.save()
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)

        bold = QtGui.QFont(opt.font)
        bold.setBold(True)
        status = str(index.data(StackRow.STATUS) or "")
        bold_metrics = QtGui.QFontMetrics(bold)
        status_width = bold_metrics.horizontalAdvance(status) + 8
        painter.setFont(bold)
        painter.setPen(met if satisfied and not selected else text)
        status_rect = QtCore.QRect(rect.right() - status_width, rect.top(), status_width, line)
        painter.drawText(
            status_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, status
        )
        painter.setPen(text)
        name_rect = QtCore.QRect(rect.left(), rect.top(), rect.width() - status_width - 6, line)
        name = bold_metrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            name_rect.width(),
        )
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )

        painter.setFont(opt.font)
        painter.setPen(dim)
        award_rect = QtCore.QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        award = opt.fontMetrics.elidedText(
            str(index.data(StackRow.AWARD) or ""), Qt.TextElideMode.ElideRight, award_rect.width()
        )
        painter.drawText(
            award_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, award
        )

        bar = QtCore.QRectF(rect.left(), rect.top() + 2 * line + 8, rect.width(), self.BAR)
        track = QtGui.QColor(text)
        track.setAlphaF(0.16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, self.BAR / 2, self.BAR / 2)
        fraction = max(0.0, min(1.0, progress))
        if fraction > 0:
            fill = QtCore.QRectF(bar)
            fill.setWidth(max(self.BAR, bar.width() * fraction))
            colour = met if satisfied else _dark_pick(_BAR_OPEN, pal)
            if selected:  # on the selection colour, the bar stays visible with an outline
                painter.setPen(QtGui.QPen(pal.color(QtGui.QPalette.ColorRole.HighlightedText), 1))
            painter.setBrush(colour)
            painter.drawRoundedRect(fill, self.BAR / 2, self.BAR / 2)
        painter.restore()


class RoomyRowDelegate(QtWidgets.QStyledItemDelegate):
    """The tree's rows with a little air: a dense tree of units and badges is hard to follow
    line by line (and to hit with a double-click)."""

    EXTRA = 6

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> QtCore.QSize:
        hint = super().sizeHint(option, index)
        return QtCore.QSize(hint.width(), hint.height() + self.EXTRA)


# ----- the view --------------------------------------------------------------------------------


class StacksView(QtWidgets.QWidget):
    """Stacks and their progress; the chosen one's requirement tree.

    `set_results(results, titles)` replaces what is shown (`titles`: credential id → title, also
    the checklist a new goal picks from). Activating a counted credential (double-click,
    Enter) emits `credential_activated(id)`; a goal made with "New goal…" comes out as
    `goal_created(definition)`.
    """

    credential_activated = Signal(str)
    goal_created = Signal(dict)

    IdRole = Qt.ItemDataRole.UserRole  # on tree rows: the credential id (counted rows only)
    KindRole = Qt.ItemDataRole.UserRole + 1  # "node" / "credential" / "missing"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stacks_view")
        self.setAccessibleName(self.tr("Stacks"))
        self._results: list[StackResult] = []
        self._titles: dict[str, str] = {}
        self._credits: dict[str, str] = {}
        self._issuers: dict[str, str] = {}
        self.goal_dialog: GoalDialog | None = None

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        bar = QtWidgets.QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 8)
        heading = QtWidgets.QLabel(self.tr("Stacks and goals"))
        heading.setObjectName("stacks_heading")
        heading.setAccessibleName(self.tr("Stacks and goals"))
        set_font(heading, scale=1.15, bold=True)
        self.new_goal_button = push_button(
            self.tr("New goal\u2026"), "new_goal", self.tr("New goal"), self.open_goal_dialog
        )
        self.new_goal_button.setToolTip(
            self.tr("Set your own goal: a credit total or particular credentials")
        )
        bar.addWidget(heading)
        bar.addStretch(1)
        bar.addWidget(self.new_goal_button)
        layout.addLayout(bar)

        self.empty = empty_state(
            self.tr(
                "No stacks yet. Import a pathway (File \u2192 Import Stack\u2026) "
                "or build your own goal."
            ),
            "stacks_empty",
            self.tr("No stacks yet"),
        )

        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("stack_list")
        self.list.setAccessibleName(self.tr("Stacks, closest to complete first"))
        self.list.setItemDelegate(StackRowDelegate(self.list))
        self.list.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMinimumWidth(280)
        self.list.currentRowChanged.connect(self._show_current)

        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 760])

        self.pages = QtWidgets.QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.splitter)
        layout.addWidget(self.pages, 1)
        self._render()

    def _build_detail(self) -> QtWidgets.QWidget:
        detail, box = column("stack_detail", margins=(14, 10, 12, 10), spacing=4)
        self.title = self._plain("stack_title", self.tr("Stack name"))
        set_font(self.title, scale=1.3, bold=True)
        self.award = self._plain("stack_award", self.tr("Award"))
        self.award.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.summary = self._plain("stack_summary", self.tr("Progress"))
        set_font(self.summary, bold=True)
        # how the percentage comes about (the core's sentence, as `learner-wallet stacks`)
        self.how = self._plain("stack_how", self.tr("How the percentage comes about"))

        self.tree = QtWidgets.QTreeWidget()
        self.tree.setObjectName("requirement_tree")
        self.tree.setAccessibleName(self.tr("Requirements"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Requirement"), self.tr("Progress")])
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(RoomyRowDelegate(self.tree))
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setAccessibleName(self.tr("Requirement tree columns"))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.resizeSection(
            1,
            self.fontMetrics().horizontalAdvance("\u25cb 125 of 240 NZQF credits (40 needed)") + 24,
        )
        self.tree.itemActivated.connect(self._activated)
        self.tree.viewport().installEventFilter(self)

        self.hint = self._plain("stack_hint", self.tr("How to open a credential"))
        self.hint.setText(
            self.tr("Double-click a credential, or select it and press Enter, to open it.")
        )
        self.hint.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)

        box.addWidget(self.title)
        box.addWidget(self.award)
        box.addWidget(self.summary)
        box.addWidget(self.how)
        box.addSpacing(6)
        box.addWidget(self.tree, 1)
        box.addWidget(self.hint)
        return detail

    def _plain(self, name: str, accessible: str) -> QtWidgets.QLabel:
        label = plain_label("", name, accessible)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Minimum
        )
        return label

    # ----- showing ----------------------------------------------------------------------------

    def set_results(
        self,
        results: list[StackResult],
        titles: Mapping[str, str],
        *,
        credits: Mapping[str, str] | None = None,
        issuers: Mapping[str, str] | None = None,
    ) -> None:
        """Show these stacks, closest to complete first; the selection stays on the same
        stack when it is still there.

        `titles`: credential id → title for every credential the wallet holds (counted ones
        are named by it; a new goal picks from it). Optional: `credits`, credential id → its
        credits as text ("15 NZQF credits"), shown as "counts 15 NZQF credits" (a result does
        not say what each credential added); `issuers`, credential id → issuer name, for goals.
        """
        keep = self.current_stack_id()  # read before the results it indexes are replaced
        self._results = sorted(
            results,
            key=lambda r: (-r.progress, not r.satisfied, r.stack.name.casefold(), r.stack.id),
        )
        self._titles = dict(titles)
        self._credits = dict(credits or {})
        self._issuers = dict(issuers or {})
        self._render(keep)

    def _render(self, current: str | None = None) -> None:
        """Rebuild the list and the tree; `current`: the stack to keep selected."""
        self.list.blockSignals(True)
        self.list.clear()
        select = 0
        for i, result in enumerate(self._results):
            item = QtWidgets.QListWidgetItem(result.stack.name)
            award = award_text(result.stack.award, result.stack.name)
            status = (
                f"{CHECK} " + self.tr("Satisfied")
                if result.satisfied
                else f"{percent(result.progress)}%"
            )
            if not result.satisfied and result.rests_on_unconfirmed:
                status = self.tr("{pct}% \u00b7 {mark} unconfirmed").format(
                    pct=percent(result.progress), mark=WARN
                )
            item.setData(StackRow.INDEX, i)
            item.setData(StackRow.AWARD, award)
            item.setData(StackRow.PROGRESS, float(result.progress))
            item.setData(StackRow.SATISFIED, bool(result.satisfied))
            item.setData(StackRow.STATUS, status)
            spoken = (
                self.tr("satisfied")
                if result.satisfied
                else self.tr("{pct} percent").format(pct=percent(result.progress))
            )
            if not result.satisfied and result.rests_on_unconfirmed:
                spoken += ", " + self.tr("more rests on issuers you have not confirmed")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                ", ".join(p for p in (result.stack.name, award, spoken) if p),
            )
            item.setToolTip(plain_tip(award or result.stack.name))
            self.list.addItem(item)
            if result.stack.id == current:
                select = i
        self.list.blockSignals(False)
        self.pages.setCurrentWidget(self.splitter if self._results else self.empty)
        if self._results:
            self.list.setCurrentRow(select)
        self._show_current(self.list.currentRow())

    def _show_current(self, row: int) -> None:
        self.tree.clear()
        if not 0 <= row < len(self._results):
            for label in (self.title, self.award, self.summary, self.how):
                label.clear()
            return
        result = self._results[row]
        self.title.setText(result.stack.name)
        award = award_text(result.stack.award, result.stack.name)
        self.award.setText(award)
        self.award.setVisible(bool(award))
        open_count = self._open_leaves(result.root)
        if result.satisfied:
            self.summary.setText(f"{CHECK} " + self.tr("Satisfied: every requirement is met."))
            colour = _dark_pick(_BAR_MET, self.palette())
        else:
            text = (
                self.tr("{pct}% of the way; 1 requirement still open.")
                if open_count == 1
                else self.tr("{pct}% of the way; {n} requirements still open.")
            )
            self.summary.setText(
                " ".join(
                    t
                    for t in (
                        text.format(pct=percent(result.progress), n=open_count),
                        self.unconfirmed_text(result),
                    )
                    if t
                )
            )
            colour = self.palette().color(QtGui.QPalette.ColorRole.WindowText)
        pal = self.summary.palette()
        pal.setColor(QtGui.QPalette.ColorRole.WindowText, colour)
        self.summary.setPalette(pal)
        how = progress_sentence(result)
        self.how.setText(text_of(how) if how is not None else "")
        self.how.setVisible(how is not None)
        self._add_node(self.tree.invisibleRootItem(), result.root)
        self.tree.expandAll()
        it = QtWidgets.QTreeWidgetItemIterator(self.tree)
        while (item := it.value()) is not None:  # spanning holds only once rows are in place
            if item.data(0, self.KindRole) == "reason":
                item.setFirstColumnSpanned(True)
            it += 1
        self._fit_reasons()

    def _fit_reasons(self) -> None:
        """Make each reason row tall enough for its wrapped lines: the tree measures a row as
        one line, so a reason naming a long issuer id would be cut off where it matters."""
        metrics = self.tree.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        it = QtWidgets.QTreeWidgetItemIterator(self.tree)
        while (item := it.value()) is not None:
            if item.data(0, self.KindRole) == "reason":
                depth, up = 1, item.parent()
                while up is not None:
                    depth, up = depth + 1, up.parent()
                width = max(
                    self.tree.viewport().width() - self.tree.indentation() * depth - 12, 120
                )
                height = metrics.boundingRect(
                    QtCore.QRect(0, 0, width, 10_000), flags, item.text(0)
                ).height()
                item.setSizeHint(0, QtCore.QSize(width, height + RoomyRowDelegate.EXTRA))
            it += 1

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        """The tree's viewport changed width: its reason rows wrap to a new number of lines."""
        if (
            event.type() == QtCore.QEvent.Type.Resize
            and hasattr(self, "tree")
            and watched is self.tree.viewport()
        ):
            self._fit_reasons()
        return super().eventFilter(watched, event)

    def unconfirmed_text(self, result: StackResult) -> str:
        """What rests on issuers the learner has not confirmed ("" when nothing does)."""
        if result.satisfied or not result.rests_on_unconfirmed:
            return ""
        met, total, more = result.requirement_counts()
        if more == 1:
            text = self.tr(
                "{met} of {total} requirements met; 1 more rests on an issuer you "
                "have not confirmed."
            )
        elif more:
            text = self.tr(
                "{met} of {total} requirements met; {more} more rest on issuers "
                "you have not confirmed."
            )
        else:
            text = self.tr(
                "{pct}% once you confirm the issuers some of your credentials come from."
            )
        return text.format(
            met=met, total=total, more=more, pct=percent(result.root.progress_if_confirmed or 0.0)
        )

    def reason_text(self, why: Msg | str) -> str:
        """Why a credential does not count, in the learner's language: the engine's `Reason`
        is a message id (with its code), rendered like every message of the core; plain text
        is shown as it is."""
        return text_of(why)

    def _open_leaves(self, node: NodeResult) -> int:
        """Unmet requirements with nothing more specific under them."""
        if node.satisfied:
            return 0
        if not node.children:
            return 1
        return sum(self._open_leaves(c) for c in node.children) or 1

    def _colour(self, pair: tuple[str, str]) -> QtGui.QBrush:
        return QtGui.QBrush(_dark_pick(pair, self.palette()))

    def _add_node(self, parent: QtWidgets.QTreeWidgetItem, node: NodeResult) -> None:
        label = requirement_label(node.requirement)
        status = node_status(node)
        item = QtWidgets.QTreeWidgetItem(
            parent, [f"{CHECK if node.satisfied else OPEN} {label}", status]
        )
        item.setData(0, self.KindRole, "node")
        item.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            f"{label}: " + (self.tr("met") if node.satisfied else self.tr("not met")),
        )
        item.setToolTip(0, plain_tip(label))
        item.setToolTip(1, plain_tip(status))
        if node.satisfied:
            item.setForeground(1, self._colour(_BAR_MET))
        bold = item.font(0)
        bold.setBold(True)
        if node.children:
            item.setFont(0, bold)

        for child in node.children:
            self._add_node(item, child)

        counted_below, missing_below = _below(node)
        single = (
            node.requirement.kind == model.CREDITS
            and len(node.counted) == 1
            and node.credits_earned
        )
        for cid in node.counted:
            if cid in counted_below:
                continue
            self._add_credential(item, node, cid, single=bool(single))
        excluded_below = _excluded_below(node)
        for cid, why in node.excluded.items():
            if cid not in excluded_below:
                self._add_excluded(item, cid, why)
        for missing in node.missing:
            sentence = text_of(missing)
            if sentence in missing_below:
                continue
            missing_text = self.tr("Missing: {what}").format(what=sentence)
            row = QtWidgets.QTreeWidgetItem(item, [missing_text, ""])
            row.setData(0, self.KindRole, "missing")
            row.setData(0, Qt.ItemDataRole.AccessibleTextRole, missing_text)
            row.setToolTip(0, plain_tip(sentence))
            italic = row.font(0)
            italic.setItalic(True)
            row.setFont(0, italic)
            row.setForeground(0, QtGui.QBrush(icons.verdict_colour(icons.WARNING, self.palette())))
            row.setFirstColumnSpanned(True)

    def _add_credential(
        self, parent: QtWidgets.QTreeWidgetItem, node: NodeResult, cid: str, *, single: bool
    ) -> None:
        title = self._titles.get(cid) or self.tr("Credential {id}").format(id=cid)
        if cid in self._credits and self._credits[cid]:
            counts = self.tr("counts {credits}").format(credits=self._credits[cid])
        elif single:
            counts = self.tr("counts {n} {unit}").format(
                n=number_text(node.credits_earned), unit=node.requirement.unit or self.tr("credits")
            )
        else:
            counts = self.tr("counts")
        unverified = cid in node.unverified
        if unverified:
            counts = f"{counts} \u00b7 {WARN} " + self.tr("not yet verified")
        row = QtWidgets.QTreeWidgetItem(parent, [title, counts])
        row.setData(0, self.IdRole, cid)
        row.setData(0, self.KindRole, "credential")
        row.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{title}, {counts}; press Enter to open").format(title=title, counts=counts),
        )
        row.setToolTip(
            0, plain_tip(self.tr("{title}\nDouble-click to open it.").format(title=title))
        )
        font = row.font(0)
        font.setUnderline(True)  # it opens, like a link, but is plain text
        row.setFont(0, font)
        row.setForeground(0, self._colour(("#1a56b8", "#8fb8ff")))
        if unverified:
            row.setForeground(1, QtGui.QBrush(icons.verdict_colour(icons.WARNING, self.palette())))
            row.setToolTip(
                1,
                self.tr(
                    "This credential counts, but has not been verified yet. "
                    "Check it to be sure it holds."
                ),
            )

    def _add_excluded(self, parent: QtWidgets.QTreeWidgetItem, cid: str, why: Msg | str) -> None:
        """A credential that matches but may not count (revoked, expired, ...): shown so the
        learner is not left wondering why a badge they hold is ignored; it opens like the
        others, to see the details. One that waits only for its issuer to be confirmed is
        marked as waiting ("!"), not struck out."""
        title = self._titles.get(cid) or self.tr("Credential {id}").format(id=cid)
        waiting = getattr(why, "code", "") in _WAITING
        status = (
            self.tr("does not count yet: {why}") if waiting else self.tr("does not count: {why}")
        ).format(why=self.reason_text(why))
        short = self.tr("waits for its issuer") if waiting else self.tr("does not count")
        row = QtWidgets.QTreeWidgetItem(parent, [title, f"{WARN if waiting else CROSS} {short}"])
        row.setData(0, self.IdRole, cid)
        row.setData(0, self.KindRole, "unconfirmed" if waiting else "excluded")
        row.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{title}, {status}; press Enter to open").format(title=title, status=status),
        )
        row.setToolTip(1, plain_tip(status))
        font = row.font(0)
        font.setStrikeOut(not waiting)
        row.setFont(0, font)
        colour = QtGui.QBrush(
            icons.verdict_colour(icons.WARNING if waiting else icons.FAILED, self.palette())
        )
        row.setForeground(1, colour)
        # The whole reason on a line of its own, across both columns: in the narrow progress
        # column it would be cut off just where it names the issuer.
        because = QtWidgets.QTreeWidgetItem(row, [f"\u21b3 {status}"])
        because.setData(0, self.KindRole, "reason")
        because.setToolTip(0, plain_tip(status))
        because.setForeground(0, colour)
        because.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        cid = item.data(0, self.IdRole)
        if cid:
            self.credential_activated.emit(str(cid))

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        """A light/dark switch redraws, so the fixed colour pairs follow the theme."""
        if event.type() in (
            QtCore.QEvent.Type.PaletteChange,
            QtCore.QEvent.Type.ApplicationPaletteChange,
        ) and hasattr(self, "tree"):
            self._render(self.current_stack_id())
        super().changeEvent(event)

    # ----- goals ------------------------------------------------------------------------------

    def open_goal_dialog(self) -> GoalDialog:
        """Open "New goal" without blocking (so no nested event loop runs in a slot); a goal
        made there is re-emitted as `goal_created`."""
        dialog = GoalDialog(self._titles, self, issuers=self._issuers)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.goal_created.connect(self.goal_created)
        self.goal_dialog = dialog
        dialog.open()
        return dialog

    # ----- reading back (tests, accessibility checks) -----------------------------------------

    def current_stack_id(self) -> str | None:
        row = self.list.currentRow() if hasattr(self, "list") else -1
        return self._results[row].stack.id if 0 <= row < len(self._results) else None

    def select_stack(self, stack_id: str) -> None:
        for i, result in enumerate(self._results):
            if result.stack.id == stack_id:
                self.list.setCurrentRow(i)
                return
        raise KeyError(stack_id)

    def rows(self) -> list[dict[str, Any]]:
        """The stack list as shown: name, award, progress, satisfied, status, per row."""
        out = []
        for r in range(self.list.count()):
            item = self.list.item(r)
            out.append(
                {
                    "name": item.text(),
                    "award": item.data(StackRow.AWARD),
                    "progress": item.data(StackRow.PROGRESS),
                    "satisfied": item.data(StackRow.SATISFIED),
                    "status": item.data(StackRow.STATUS),
                }
            )
        return out

    def tree_lines(self) -> list[tuple[int, str, str, str]]:
        """The requirement tree flattened: (depth, kind, first column, second column)."""
        lines: list[tuple[int, str, str, str]] = []

        def walk(item: QtWidgets.QTreeWidgetItem, depth: int) -> None:
            for i in range(item.childCount()):
                child = item.child(i)
                lines.append(
                    (depth, str(child.data(0, self.KindRole)), child.text(0), child.text(1))
                )
                walk(child, depth + 1)

        walk(self.tree.invisibleRootItem(), 0)
        return lines

    def find_credential_item(self, cid: str) -> QtWidgets.QTreeWidgetItem | None:
        it = QtWidgets.QTreeWidgetItemIterator(self.tree)
        while it.value() is not None:
            if it.value().data(0, self.IdRole) == cid:
                return it.value()
            it += 1
        return None
