"""Share…: the learner picks what to reveal, sees exactly that, and shows it as a QR code.

Why it is built this way: selective disclosure must be honest. What the picker offers comes
from `wallet.present.disclosure.disclosure_options` (any SD-JWT claim; ecdsa-sd-2023 fields
with the issuer's mandatory ones always shown; anything else whole or not at all, and the
dialog says so). The preview is not a guess from the checkboxes: it is read back from the very
presentation the QR codes carry, with the same reading the "Verify a QR" window uses, so the
learner sees what the employer will see. Where revealing something also reveals who the
learner is, the dialog says so before anything is shared.

Building (signing, ecdsa-sd-2023 derivation, QR encoding and drawing) runs in a background
`Task`; every change of the choice rebuilds after a short pause, and an impossible choice is a
plain sentence in the dialog.

How long a code stays valid is the learner's choice (10 minutes to 30 days). Left on automatic,
the code on screen is valid for 10 minutes (checked there and then) and a saved one (the proof
sheet, SVG) for 7 days (checked later): both are signed in the same background build, so saving
writes at once. A multi-part set can be played, one code after another, for a phone to scan.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wallet.actions.presenting import LIVE_MINUTES, SAVED_MINUTES, Presented
from wallet.errors import WalletError
from wallet.present.certificate import Certificate
from wallet.store import StoredCredential, WalletStore
from wallet.ui.i18n import day_text, moment_text, time_text
from wallet.ui.messages import text_of
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.verify_qr_window import (
    CertificateView,
    disclosure_toggle,
    fitting_size,
    revealed_of,
    technical_sections,
)
from wallet.ui.widgets import (
    LinesView,
    busy_bar,
    centred_label,
    column,
    expectation_fields,
    fill_revealed,
    plain_label,
    push_button,
    set_font,
)
from wallet.ui.workers import Task

QR_MIN_SIZE = 380  # px: a phone scans a version-25 code off a laptop screen at this size
# Narrower than this, the three panes would squeeze the field list and the preview: the QR goes
# below them instead (a 1024-pixel screen), the dialog scrolling between the two.
NARROW_WIDTH = 1100
_JWT_TIMES = ("iat", "nbf", "exp")
# A JWT time claim as `wallet.present.disclosure` previews it, and an ISO date or timestamp.
_TIME_PREVIEW = re.compile(r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2} UTC$")
_ISO_VALUE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$"
)
REBUILD_DELAY_MS = 250
PLAY_INTERVAL_MS = 1500  # long enough for a phone to find and read one code
WHOLE = "whole"


@dataclass
class Built:
    """One presentation as it would leave the wallet, and its QR codes."""

    presentation: Any
    texts: list[str]
    pngs: list[bytes]
    versions: list[int]
    revealed: list[tuple[str, list[tuple[str, str]]]]
    raw: str
    expires: str | None
    certificates: list[Certificate] = dataclasses.field(default_factory=list)
    minutes: int | None = None  # the learner's choice; None: automatic
    saved: Presented | None = None  # signed for saving (automatic), else None: this one

    def for_saving(self) -> tuple[Any, list[str]]:
        """The presentation and QR texts a saved file carries."""
        if self.saved is not None:
            return self.saved.presentation, list(self.saved.texts)
        return self.presentation, self.texts


def build(
    items: list[tuple[StoredCredential, list[str] | None]],
    key: Any,
    did: str,
    *,
    challenge: str | None,
    domain: str | None,
    minutes: int | None = None,
) -> Built:
    """Sign the presentation and draw its codes (runs in a worker thread: no Qt here).

    `minutes` is how long it stays valid; None (automatic) signs the code shown for
    LIVE_MINUTES and a second one, to save, for SAVED_MINUTES."""
    from wallet.actions import presenting
    from wallet.present import qr
    from wallet.present.certificate import certificates_of
    from wallet.proofs import keys

    holder = keys.Holder(key, did)
    presented = presenting.present(
        None,
        items,
        holder=holder,
        challenge=challenge,
        domain=domain,
        valid_minutes=minutes or LIVE_MINUTES,
    )
    saved = (
        presenting.present(
            None,
            items,
            holder=holder,
            challenge=challenge,
            domain=domain,
            valid_minutes=SAVED_MINUTES,
        )
        if minutes is None
        else None
    )
    texts = list(presented.texts)
    pngs: list[bytes] = []
    versions: list[int] = []
    for text in texts:
        out = io.BytesIO()
        versions.append(qr.make_qr_png(text, out, box=6))
        pngs.append(out.getvalue())
    return Built(
        presented.presentation,
        texts,
        pngs,
        versions,
        revealed_of(presented.presentation),
        presented.text,
        presented.expires,
        certificates_of(presented.presentation),
        minutes,
        saved,
    )


class CredentialPicker(QtWidgets.QGroupBox):
    """One credential's fields to show: mandatory ones checked and locked, the note above."""

    changed = Signal()

    PATH = Qt.ItemDataRole.UserRole

    def __init__(self, stored: StoredCredential, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(stored.credential.title or stored.id, parent)
        self.setObjectName(f"picker_{stored.id}")
        self.setAccessibleName(
            self.tr("What to show of {title}").format(title=stored.credential.title or stored.id)
        )
        self.stored = stored
        self.mode = WHOLE
        self.fields: tuple[Any, ...] = ()
        note = ""
        try:
            from wallet.present.disclosure import disclosure_options

            options = disclosure_options(stored)
            self.mode, self.fields = options.mode, options.fields
            note = text_of(options.note)
        except WalletError as e:
            note = text_of(e)
        layout = QtWidgets.QVBoxLayout(self)
        self.note = plain_label(
            note, "disclosure_note", self.tr("How this credential can be shared")
        )
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.note)
        self.tree: QtWidgets.QTreeWidget | None = None
        if self.mode != WHOLE and self.fields:
            self.tree = self._fields_tree()
            layout.addWidget(self.tree)

    def _fields_tree(self) -> QtWidgets.QTreeWidget:
        tree = QtWidgets.QTreeWidget()
        tree.setObjectName("disclosure_fields")
        tree.setAccessibleName(
            self.tr("Fields of {title} to show").format(
                title=self.stored.credential.title or self.stored.id
            )
        )
        tree.setHeaderLabels([self.tr("Show"), self.tr("Value")])
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.header().setStretchLastSection(True)
        for field in self.fields:
            label = text_of(field.label)  # our words translated, the credential's as written
            if field.identifying:
                label = self.tr("{label} (identifies you)").format(label=label)
            item = QtWidgets.QTreeWidgetItem([label, _preview_value(field.path, field.preview)])
            item.setData(0, self.PATH, field.path)
            item.setToolTip(0, plain_tip(field.path))  # the claim as the issuer named it
            item.setToolTip(1, plain_tip(field.preview))
            if field.mandatory:
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)  # shown, greyed, cannot change
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setToolTip(
                    0,
                    plain_tip(self.tr("Always shown: the issuer requires it") + "\n" + field.path),
                )
            else:
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                # What identifies the learner starts hidden; the rest starts shown.
                item.setCheckState(
                    0, Qt.CheckState.Unchecked if field.identifying else Qt.CheckState.Checked
                )
            tree.addTopLevelItem(item)
        tree.resizeColumnToContents(0)
        self._label_width = min(tree.columnWidth(0) + 12, 300)
        tree.setColumnWidth(0, self._label_width)
        tree.viewport().installEventFilter(self)
        # Every field in view at once (the pane scrolls when credentials are many), so no
        # choice hides below a second scroll bar.
        tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Narrow panes elide the values (each has its whole text as a tooltip) instead of
        # growing a scroll bar that would cover the last field.
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.header().setMinimumSectionSize(60)
        hint = tree.sizeHintForRow(0)
        row = hint if hint > 0 else tree.fontMetrics().height() + 4
        tree.setFixedHeight(
            row * len(self.fields) + tree.header().sizeHint().height() + 2 * tree.frameWidth() + 2
        )
        tree.itemChanged.connect(lambda *_: self.changed.emit())
        return tree

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """In a narrow pane the labels give up room, so some of every value stays in view."""
        if (
            self.tree is not None
            and watched is self.tree.viewport()
            and event.type() == QtCore.QEvent.Type.Resize
        ):
            room = self.tree.viewport().width()
            self.tree.setColumnWidth(0, max(60, min(self._label_width, int(room * 0.6))))
        return super().eventFilter(watched, event)

    def items(self) -> list[QtWidgets.QTreeWidgetItem]:
        if self.tree is None:
            return []
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def item_for(self, path: str) -> QtWidgets.QTreeWidgetItem | None:
        return next((i for i in self.items() if i.data(0, self.PATH) == path), None)

    def set_checked(self, path: str, shown: bool) -> None:
        """Tick or untick one optional field (what a click does)."""
        item = self.item_for(path)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(0, Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)

    def chosen_paths(self) -> list[str] | None:
        """The optional fields ticked (None: the credential goes whole)."""
        if self.tree is None:
            return None
        mandatory = {f.path for f in self.fields if f.mandatory}
        return [
            str(i.data(0, self.PATH))
            for i in self.items()
            if i.checkState(0) == Qt.CheckState.Checked and i.data(0, self.PATH) not in mandatory
        ]

    def identifying_shown(self) -> list[str]:
        """Labels of what will be shown that identifies the learner."""
        found: list[str] = []
        if self.tree is None:
            if self.stored.credential.subject_id:
                found.append(
                    self.tr("your identifier ({id})").format(id=self.stored.credential.subject_id)
                )
            return found
        shown = {f.path for f in self.fields if f.mandatory} | set(self.chosen_paths() or [])
        found += [text_of(f.label) for f in self.fields if f.path in shown and f.identifying]
        subject_id = self.stored.credential.subject_id
        about_subject = any(p.startswith("/credentialSubject") for p in shown)
        if (
            self.mode == "ecdsa-sd"
            and subject_id
            and about_subject
            and not any(
                f.identifying and f.path.endswith("/id") for f in self.fields if f.path in shown
            )
        ):
            found.append(self.tr("your identifier ({id})").format(id=subject_id))
        return found


class WrappedNote(QtWidgets.QTextEdit):
    """A read-only note as tall as its text that wraps anywhere, so a long identifier (a DID)
    breaks across lines instead of widening the pane past a small screen. Plain text only."""

    def __init__(self, object_name: str, accessible_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setWordWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Fixed
        )
        self.document().setDocumentMargin(6)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def setText(self, text: str) -> None:  # QLabel's name, so it reads like one
        self.setPlainText(text)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    def _fit(self, *_args: Any) -> None:
        margins = self.contentsMargins()
        height = int(self.document().size().height()) + margins.top() + margins.bottom()
        self.setFixedHeight(max(height, self.fontMetrics().height() + 12))

    def minimumSizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(80, super().minimumSizeHint().height())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class QrView(QtWidgets.QLabel):
    """A QR code drawn as large as the space allows, with crisp (unsmoothed) modules."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qr_image")
        self.setAccessibleName(self.tr("QR code"))
        self.setMinimumSize(QR_MIN_SIZE, QR_MIN_SIZE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding
        )
        self.setStyleSheet("QLabel#qr_image { background: white; }")
        self._source = QtGui.QPixmap()

    def minimumSizeHint(self) -> QtCore.QSize:
        """The least a phone can scan, whatever size the drawn code has now (a QLabel would
        hold on to its pixmap's size, so the pane could grow but never shrink back)."""
        return QtCore.QSize(QR_MIN_SIZE, QR_MIN_SIZE)

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(QR_MIN_SIZE, QR_MIN_SIZE)

    def set_png(self, data: bytes | None) -> None:
        self._source = QtGui.QPixmap()
        if data:
            self._source.loadFromData(data, "PNG")
        self._rescale()

    def has_code(self) -> bool:
        return not self._source.isNull()

    def _rescale(self) -> None:
        if self._source.isNull():
            self.clear()
            return
        side = max(min(self.width(), self.height()) - 8, 64)
        self.setPixmap(
            self._source.scaled(
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()


class ShareDialog(QtWidgets.QDialog):
    """Pick what to show of each credential, preview it, and show or save the QR code(s)."""

    def __init__(
        self, store: WalletStore, credential_ids: list[str], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("share_dialog")
        self.setWindowTitle(self.tr("Share credentials"))
        self.setAccessibleName(self.tr("Share credentials"))
        self.store = store
        self.built: Built | None = None
        self.page = 0
        self.task: Task | None = None
        self._pending = False
        self._awaiting = False
        self.problem = ""
        self.pickers: list[CredentialPicker] = []
        self._holder: tuple[Any, str] | None = None
        self._build_widgets()
        problems: list[str] = []
        for cid in credential_ids:
            try:
                picker = CredentialPicker(store.credentials.get(cid))
            except WalletError as e:
                problems.append(text_of(e))
                continue
            picker.changed.connect(self.schedule)
            self.pickers.append(picker)
            self.picker_layout.insertWidget(self.picker_layout.count() - 1, picker)
        try:
            from wallet.actions.presenting import holder_key

            holder = holder_key(store, self.tr("My holder key"))
            self._holder = (holder.key, holder.did)
        except WalletError as e:
            problems.append(self.tr("No holder key to sign with: {why}").format(why=text_of(e)))
        if not self.pickers:
            problems.append(self.tr("Select one or more credentials to share first."))
        self.resize(*fitting_size(self, (1240, 760)))
        if problems:
            self._show_problem(" ".join(problems))
        else:
            self.schedule()
            self._update_identity()

    # ----- building the window ---------------------------------------------------------------

    def _build_widgets(self) -> None:
        picker_box, self.picker_layout = column()
        self.picker_layout.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("picker_scroll")
        scroll.setAccessibleName(self.tr("What to show"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(picker_box)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)

        self.challenge, self.domain, form = expectation_fields(
            self,
            "share",
            (self.tr("Challenge from the employer"), self.tr("Domain of the employer")),
            (
                self.tr("the code the employer gave you (optional)"),
                self.tr("e.g. hr.example (optional)"),
            ),
        )
        for line in (self.challenge, self.domain):
            line.textChanged.connect(self.schedule)
            line.setToolTip(plain_tip(line.placeholderText()))  # whole, should a pane cut it
        self.valid_for = QtWidgets.QComboBox(self)
        self.valid_for.setObjectName("share_valid_for")
        self.valid_for.setAccessibleName(self.tr("How long the code stays valid"))
        self.valid_for.view().setAccessibleName(self.tr("How long the code stays valid"))
        for text, minutes in (
            (self.tr("Automatic: 10 minutes shown, 7 days saved"), None),
            (self.tr("10 minutes"), 10),
            (self.tr("1 hour"), 60),
            (self.tr("1 day"), 24 * 60),
            (self.tr("7 days"), 7 * 24 * 60),
            (self.tr("30 days"), 30 * 24 * 60),
        ):
            self.valid_for.addItem(text, minutes)
        self.valid_for.setToolTip(
            self.tr(
                "A code shown on screen is checked there and then; a saved proof sheet is"
                " checked later, so it lasts longer. After this time the check says it has"
                " expired."
            )
        )
        # Narrow panes may cut the longest choice rather than widen the dialog.
        self.valid_for.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.valid_for.setMinimumContentsLength(14)
        self.valid_for.currentIndexChanged.connect(self.schedule)
        valid_label = QtWidgets.QLabel(self.tr("&Valid for:"), self)
        valid_label.setBuddy(self.valid_for)
        form.addRow(valid_label, self.valid_for)

        self.identity = WrappedNote("identity_warning", self.tr("What identifies you"))
        self.identity.setStyleSheet(
            "#identity_warning { background: #fff3cd; color: #5c4400; border-radius: 3px; }"
        )
        self.identity.hide()

        left, left_layout = column()
        left_layout.addWidget(_heading(self.tr("What to show")))
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.identity)
        left_layout.addLayout(form)
        self.expectations_form = form

        self.certificate = CertificateView(
            "share_certificate", self.tr("What the presentation proves")
        )
        self.technical_toggle = disclosure_toggle(self.tr("Technical details"), "share_technical")
        self.technical_toggle.setToolTip(
            self.tr("Identifiers, dates as written and every field the employer will receive")
        )
        self.technical_toggle.toggled.connect(self._toggle_technical)
        self.preview = LinesView("share_preview", self.tr("What the employer will see"))
        self.preview.hide()
        self.raw_toggle = disclosure_toggle(
            self.tr("Show the presentation as sent (JSON)"), "raw_toggle"
        )
        self.raw_toggle.setAccessibleName(self.tr("Show the presentation as sent"))
        self.raw = QtWidgets.QPlainTextEdit()
        self.raw.setObjectName("share_raw")
        self.raw.setAccessibleName(self.tr("The presentation as sent"))
        self.raw.setReadOnly(True)
        self.raw.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.raw.hide()
        self.raw_toggle.hide()  # inside the technical details
        self.raw_toggle.toggled.connect(self._toggle_raw)
        middle, middle_layout = column()
        middle_layout.addWidget(_heading(self.tr("What the employer will see")))
        middle_layout.addWidget(self.certificate, 3)
        middle_layout.addWidget(self.technical_toggle)
        middle_layout.addWidget(self.preview, 2)
        middle_layout.addWidget(self.raw_toggle)
        middle_layout.addWidget(self.raw, 1)

        self.qr_view = QrView()
        self.prev_button = push_button(
            self.tr("\u25c0 Previous"),
            "qr_previous",
            self.tr("Previous QR code"),
            lambda: self._turn(-1),
        )
        self.next_button = push_button(
            self.tr("Next \u25b6"),
            "qr_next",
            self.tr("Next QR code"),
            lambda: self._turn(1),
        )
        self.page_label = QtWidgets.QLabel()
        self.page_label.setObjectName("qr_page")
        self.page_label.setAccessibleName(self.tr("Which QR code is shown"))
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.play_button = push_button(
            self.tr("Play"), "qr_play", self.tr("Show the codes one after another")
        )
        self.play_button.setCheckable(True)
        self.play_button.setIcon(
            self.style().standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MediaPlay)
        )
        self.play_button.setToolTip(
            self.tr("Show each code in turn, so a phone can scan them all without a click")
        )
        self.play_button.toggled.connect(self._play)
        self.play_timer = QtCore.QTimer(self)
        self.play_timer.setInterval(PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self._advance)
        paging = QtWidgets.QHBoxLayout()
        paging.addWidget(self.prev_button)
        paging.addWidget(self.page_label, 1)
        paging.addWidget(self.next_button)
        paging.addWidget(self.play_button)
        self.qr_info = centred_label("", "qr_info", self.tr("About the QR code"))
        self.busy = busy_bar("share_busy", self.tr("Making the QR code"), height=6)
        self.save_sheet_button = push_button(
            self.tr("Save proof sheet\u2026"),
            "save_sheet",
            self.tr("Save a proof sheet (PDF or PNG)"),
            lambda: self.save_interactively("sheet"),
        )
        self.save_sheet_button.setToolTip(
            self.tr(
                "One page to print or send: the codes, labelled, what they prove, until when"
                " and how to check them"
            )
        )
        self.save_svg_button = push_button(
            self.tr("Save SVG\u2026"),
            "save_svg",
            self.tr("Save the QR code as an SVG drawing"),
            lambda: self.save_interactively("svg"),
        )
        self.renew_button = push_button(
            self.tr("Make a fresh code"),
            "renew_qr",
            self.tr("Sign the presentation again, valid from now"),
            self.rebuild,
        )
        saving = QtWidgets.QHBoxLayout()
        saving.addWidget(self.save_sheet_button)
        saving.addWidget(self.save_svg_button)
        saving.addStretch(1)
        right, right_layout = column()
        right_layout.addWidget(_heading(self.tr("Show this to the employer")))
        right_layout.addWidget(self.busy)
        right_layout.addWidget(self.qr_view, 1)
        right_layout.addLayout(paging)
        right_layout.addWidget(self.qr_info)
        right_layout.addLayout(saving)

        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("share_splitter")
        for pane in (left, middle, right):
            self.splitter.addWidget(pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([400, 360, 460])
        self._panes_moved = False  # by the learner: then their sizes stay
        self.splitter.splitterMoved.connect(self._learner_moved_panes)

        # Narrow: what to show and the preview side by side, the QR pane below them, each a
        # screenful, in one scrolled column (`_arrange` moves the panes between the two).
        self.panes = (left, middle, right)
        self.narrow = False
        self.rest_splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.rest_splitter.setObjectName("share_rest_splitter")
        self.rest_splitter.setChildrenCollapsible(False)
        body = QtWidgets.QWidget()
        self.narrow_column = QtWidgets.QVBoxLayout(body)
        self.narrow_column.setContentsMargins(0, 0, 0, 0)
        self.narrow_column.addWidget(self.rest_splitter)
        self.narrow_area = QtWidgets.QScrollArea()
        self.narrow_area.setObjectName("share_narrow")
        self.narrow_area.setAccessibleName(self.tr("Share credentials"))
        self.narrow_area.setWidgetResizable(True)
        self.narrow_area.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.narrow_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.narrow_area.setWidget(body)
        self.arrangement = QtWidgets.QStackedWidget()
        self.arrangement.setObjectName("share_arrangement")
        self.arrangement.addWidget(self.splitter)
        self.arrangement.addWidget(self.narrow_area)

        self.message = plain_label("", "share_message", self.tr("Message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.setAccessibleName(self.tr("Dialog buttons"))
        close = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.arrangement, 1)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.renew_button)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REBUILD_DELAY_MS)
        self.timer.timeout.connect(self.rebuild)
        self._set_codes_enabled(False)

    # ----- building the presentation ---------------------------------------------------------

    def schedule(self) -> None:
        """A choice changed: rebuild after a short pause (typing does not sign each key)."""
        self._update_identity()
        if self._holder is not None and self.pickers:
            self.timer.start()

    def items(self) -> list[tuple[StoredCredential, list[str] | None]]:
        return [(p.stored, p.chosen_paths()) for p in self.pickers]

    def rebuild(self) -> Task | None:
        """Sign and draw the presentation for the current choice, in the background."""
        self.timer.stop()
        if self._holder is None or not self.pickers:
            return None
        if self.task is not None and self.task.is_running():
            self._pending = True
            return self.task
        key, did = self._holder
        items = self.items()
        challenge = self.challenge.text().strip() or None
        domain = self.domain.text().strip() or None
        chosen = self.valid_for.currentData()
        minutes = chosen if isinstance(chosen, int) else None
        # No Qt parent, and bound-method slots: closing the dialog while it builds neither
        # deletes the task under its thread nor calls into a deleted dialog.
        task = Task(
            lambda _p: build(items, key, did, challenge=challenge, domain=domain, minutes=minutes)
        )
        task.finished.connect(self._built)
        task.failed.connect(self._failed)
        self.task = task
        self._pending = False
        self._awaiting = True  # until its answer has reached this dialog
        self.busy.show()
        return task.start()

    def is_settled(self) -> bool:
        """Nothing waiting to be rebuilt (tests wait for this; so may a screenshot)."""
        return (
            not self.timer.isActive()
            and not self._pending
            and not (self.task is not None and self.task.is_running())
            and not self._awaiting  # a finished task's answer may still be on its way
            and not self.busy.isVisible()
        )

    def _after(self) -> bool:
        if self.sender() is not self.task:
            return False
        self._awaiting = False
        self.busy.hide()
        if self._pending:
            self.rebuild()
            return False
        return True

    def _built(self, built: Built) -> None:
        if not self._after():
            return
        self.built = built
        self.problem = ""
        self.message.setText("")
        self.certificate.set_certificates([(c, "", None) for c in built.certificates])
        fill_revealed(
            self.preview,
            technical_sections(built.certificates, built.revealed),
            self.tr("(nothing)"),
        )
        self.raw.setPlainText(built.raw)
        self.show_page(0)
        self._set_codes_enabled(True)
        if self.play_button.isChecked():
            self.play_timer.start()  # the new set from its first code

    def _failed(self, message: str) -> None:
        if self._after():
            self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        self.built = None
        self.problem = message
        self.message.setText(self.tr("Cannot share this: {why}").format(why=message))
        self.message.setStyleSheet("color: #a4161a;")
        self.certificate.set_certificates([])
        self.preview.set_sections([])
        self.raw.clear()
        self.qr_view.set_png(None)
        self.page_label.setText("")
        self.qr_info.setText("")
        self._set_codes_enabled(False)

    def _set_codes_enabled(self, enabled: bool) -> None:
        for button in (self.save_sheet_button, self.save_svg_button):
            button.setEnabled(enabled)
        count = len(self.built.texts) if self.built is not None and enabled else 0
        self.prev_button.setVisible(count > 1)
        self.next_button.setVisible(count > 1)
        self.play_button.setVisible(count > 1)
        if count <= 1:
            self.play_button.setChecked(False)

    # ----- showing ---------------------------------------------------------------------------

    def preview_text(self) -> str:
        """The readable preview as "label: value" lines, the certificate and then its
        technical details (tests; a screen reader summary)."""
        technical = "\n".join(
            f"{label}: {value}" if value else label for label, value in self.preview.rows()
        )
        return f"{self.certificate_text()}\n{technical}\n"

    def certificate_text(self) -> str:
        """What the employer reads first: the certificates as "label: value" lines."""
        return self.certificate.text()

    def show_page(self, page: int) -> None:
        """Show QR code `page` (0-based) of the sequence."""
        if self.built is None or not self.built.pngs:
            return
        count = len(self.built.pngs)
        self.page = max(0, min(page, count - 1))
        self.qr_view.set_png(self.built.pngs[self.page])
        self.qr_view.setAccessibleName(
            self.tr("QR code {n} of {count}").format(n=self.page + 1, count=count)
        )
        self.page_label.setText(
            self.tr("Code {n} of {count}").format(n=self.page + 1, count=count)
            if count > 1
            else self.tr("One code holds everything")
        )
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < count - 1)
        info = self.tr("QR version {version}, error correction M.").format(
            version=self.built.versions[self.page]
        )
        if count > 1:
            info += " " + self.tr("The employer scans all {count} codes, in any order.").format(
                count=count
            )
        self.qr_info.setText(f"{info} {self._validity_text()}")

    def _validity_text(self) -> str:
        """Until when the code shown is valid, and whether a saved one lasts longer."""
        assert self.built is not None
        if not self.built.expires:
            return self.tr(
                "This code does not expire: the issuer bound the credential to no key of yours."
            )
        when = _local_moment(self.built.expires)
        if self.built.minutes is None:
            return self.tr(
                "Valid until {time} (10 minutes, for showing now); a saved proof sheet is"
                " valid for 7 days."
            ).format(time=when)
        return self.tr("Valid until {time}, shown or saved.").format(time=when)

    def _turn(self, step: int) -> None:
        """Previous / Next by hand; a playing set then shows that code its full time."""
        self.show_page(self.page + step)
        if self.play_timer.isActive():
            self.play_timer.start()

    def _play(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setIcon(
            self.style().standardIcon(
                QtWidgets.QStyle.StandardPixmap.SP_MediaPause
                if playing
                else QtWidgets.QStyle.StandardPixmap.SP_MediaPlay
            )
        )
        if playing and self.built is not None and len(self.built.texts) > 1:
            self.play_timer.start()
        else:
            self.play_timer.stop()

    def _advance(self) -> None:
        """The next code of a playing set, round to the first after the last."""
        if self.built is None or len(self.built.texts) < 2:
            self.play_button.setChecked(False)
            return
        self.show_page((self.page + 1) % len(self.built.texts))

    def _toggle_technical(self, shown: bool) -> None:
        self.preview.setVisible(shown)
        self.raw_toggle.setVisible(shown)
        self.raw.setVisible(shown and self.raw_toggle.isChecked())
        self.technical_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def _toggle_raw(self, shown: bool) -> None:
        self.raw.setVisible(shown)
        self.raw_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _learner_moved_panes(self, *_args: Any) -> None:
        self._panes_moved = True

    def _size_panes(self) -> None:
        """Share the width out: the QR code what it needs, the preview about a third, what to
        show the rest."""
        handles = self.splitter.handleWidth() * (self.splitter.count() - 1)
        total = self.splitter.width() - handles
        least = [self.splitter.widget(i).minimumSizeHint().width() for i in range(3)]
        right = max(least[2], int(total * 0.36))
        middle = max(least[1], int(total * 0.29))
        left = max(least[0], total - right - middle)
        self.splitter.setSizes([left, middle, right])
        self._wrap_captions(left)

    def _wrap_captions(self, left: int) -> None:
        """A narrow pane puts the captions above the fields, so their hints are not cut."""
        self.expectations_form.setRowWrapPolicy(
            QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows
            if left < 420
            else QtWidgets.QFormLayout.RowWrapPolicy.DontWrapRows
        )

    def _arrange(self) -> None:
        """Side by side when the dialog is wide; narrower than NARROW_WIDTH, the QR pane goes
        below what to show and the preview (which keep the whole width between them), each
        part as tall as the visible area, so scrolling down shows the whole code."""
        narrow = self.width() < NARROW_WIDTH
        if narrow != self.narrow:
            self.narrow = narrow
            focused = self.focusWidget()  # moving panes moves the focus (and the scrolling)
            left, middle, right = self.panes
            if narrow:
                self.rest_splitter.addWidget(left)
                self.rest_splitter.addWidget(middle)
                self.narrow_column.addWidget(right)
                self.arrangement.setCurrentWidget(self.narrow_area)
            else:
                for pane in self.panes:
                    self.splitter.addWidget(pane)
                self.arrangement.setCurrentWidget(self.splitter)
            if focused is not None:
                focused.setFocus()
            self.narrow_area.verticalScrollBar().setValue(0)  # what to show comes first
        if not narrow:
            if not self._panes_moved:
                self._size_panes()
            return
        seen = self.narrow_area.viewport().height()
        for part in (self.rest_splitter, self.panes[2]):
            part.setMinimumHeight(max(seen, part.minimumSizeHint().height()))
        width = self.narrow_area.viewport().width() - self.rest_splitter.handleWidth()
        left = max(self.panes[0].minimumSizeHint().width(), int(width * 0.55))
        self.rest_splitter.setSizes([left, width - left])
        self._wrap_captions(left)

    def scroll_to_code(self) -> None:
        """Bring the QR pane into view (when it is below the rest, on a narrow screen)."""
        if self.narrow:
            self.narrow_area.ensureWidgetVisible(self.panes[2], 0, 0)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _update_identity(self) -> None:
        found: list[str] = []
        for picker in self.pickers:
            found += [x for x in picker.identifying_shown() if x not in found]
        if found:
            self.identity.setText(
                self.tr(
                    "Before you share: this tells the employer who you are. It shows {what}."
                ).format(what=", ".join(found))
            )
        self.identity.setVisible(bool(found))

    # ----- saving ----------------------------------------------------------------------------

    def choose_save_path(self, kind: str) -> str:
        """Ask where to save a "sheet" (PDF or PNG, by the filter chosen) or "svg" codes (a
        seam tests replace; the dialog itself is Qt's)."""
        pdf, png = self.tr("PDF documents (*.pdf)"), self.tr("PNG pictures (*.png)")
        if kind == "sheet":
            title, name, filters = self.tr("Save a proof sheet"), "proof-sheet.pdf", [pdf, png]
        else:
            title, name = self.tr("Save the QR code"), "presentation-qr.svg"
            filters = [self.tr("SVG drawings (*.svg)")]
        path, chosen = QtWidgets.QFileDialog.getSaveFileName(self, title, name, ";;".join(filters))
        if path and kind == "sheet" and Path(path).suffix.lower() not in (".pdf", ".png"):
            path += ".png" if chosen == png else ".pdf"
        return path

    def save_interactively(self, kind: str) -> list[Path]:
        path = self.choose_save_path(kind)
        if not path:
            return []
        if kind == "sheet":
            kind = "png" if Path(path).suffix.lower() == ".png" else "pdf"
        return self.save(path, kind)

    def save(self, path: str | Path, kind: str) -> list[Path]:
        """Write what is saved, valid as long as a saved code is (`Built.for_saving`): a proof
        sheet ("pdf" or "png"), or the code(s) as SVG ("svg"; several are name-1, name-2...)."""
        from wallet.present import qr, sheet

        if self.built is None:
            return []
        target = Path(path)
        if target.suffix.lower() != f".{kind}":
            target = target.with_name(target.name + f".{kind}")
        presentation, texts = self.built.for_saving()
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind in sheet.FORMATS:
                made = _dt.datetime.now(_dt.UTC)
                page = sheet.sheet_of(presentation, texts, made=made)
                paths = [sheet.write_sheet(page, target, kind)]
            else:
                paths = (
                    [target]
                    if len(texts) == 1
                    else [
                        target.with_name(f"{target.stem}-{n}{target.suffix}")
                        for n in range(1, len(texts) + 1)
                    ]
                )
                for text, out in zip(texts, paths, strict=True):
                    qr.make_qr_svg(text, out)
        except (OSError, WalletError) as e:
            why = e.strerror if isinstance(e, OSError) and e.strerror else text_of(e)
            self.message.setStyleSheet("color: #a4161a;")
            self.message.setText(
                self.tr("Could not save {path}: {why}").format(path=target, why=why)
            )
            return []
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.message.setStyleSheet("")
        self.message.setText(
            self.tr("Saved {files}.").format(files=", ".join(str(p) for p in paths))
        )
        return paths

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.timer.stop()
        self.play_timer.stop()
        super().closeEvent(event)


def _heading(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_font(label, scale=1.1, bold=True)
    return label


def _preview_value(path: str, preview: str) -> str:
    """A field's value as the picker lists it: a time or date as the reader's locale writes
    the day ("16 July 2026", not "1784160000" or "2026-07-16 00:00 UTC"); else as given."""
    if path.rsplit("/", 1)[-1] in _JWT_TIMES:
        if preview.isdigit() and len(preview) <= 11:  # seconds since 1970, as a JWT has them
            return day_text(_dt.datetime.fromtimestamp(int(preview), _dt.UTC).date())
        timed = _TIME_PREVIEW.match(preview)
        if timed is not None:
            return day_text(timed[1]) or preview
    day = _ISO_VALUE.match(preview)
    return (day_text(day[1]) or preview) if day is not None else preview


def _local_moment(stamp: str) -> str:
    """An ISO time as the learner's local clock shows it, in the locale's short form: the time
    alone today ("18:05", "6:05 PM"), with the day on another ("8 August 2026, 18:05"); else
    as given."""
    try:
        when = _dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    if when.date() == _dt.datetime.now().astimezone().date():
        return time_text(when.time())
    return moment_text(when)
