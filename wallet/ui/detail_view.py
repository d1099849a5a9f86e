"""The detail view: everything one credential says, its last verification in plain words, the
EU micro-credential elements, and the learner's own tags and collections.

It only shows and asks: the window reads the store, runs checks and saves tags. Every text
that came from a credential or a report is set as plain text (never rich text or links).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from wallet.credential import BAKED_PNG, BAKED_SVG, Credential, Credits, Level
from wallet.messages import Msg, render
from wallet.store import credential_kind
from wallet.ui import icons
from wallet.ui.i18n import day_text
from wallet.ui.messages import text_of
from wallet.ui.models import format_label, kind_label, number_text, status_text
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import (
    busy_bar,
    column,
    line_edit,
    plain_label,
    push_button,
    set_font,
    strip,
)
from wallet.verify.checks import ELEMENT_LABELS, ELEMENTS, eu_elements
from wallet.verify.explain import issuer_unconfirmed, reason
from wallet.verify.report import Report

PROOF_FORM_LABELS = {
    "hosted": QT_TRANSLATE_NOOP("DetailView", "Hosted by the issuer (no signature)"),
    "jws": QT_TRANSLATE_NOOP("DetailView", "Signed (JWS)"),
    "data-integrity": QT_TRANSLATE_NOOP("DetailView", "Signed (Data Integrity proof)"),
    "jwt": QT_TRANSLATE_NOOP("DetailView", "Signed (JWT)"),
    "sd-jwt": QT_TRANSLATE_NOOP("DetailView", "Signed, selective disclosure (SD-JWT)"),
    "jades": QT_TRANSLATE_NOOP("DetailView", "Sealed (JAdES electronic seal)"),
    "none": QT_TRANSLATE_NOOP("DetailView", "Not signed"),
    "blockcerts": QT_TRANSLATE_NOOP(
        "DetailView", "Blockcerts (Merkle proof anchored in a blockchain)"
    ),
}

CHECK_LABELS = {
    "proof": QT_TRANSLATE_NOOP("DetailView", "Signature"),
    "issuer": QT_TRANSLATE_NOOP("DetailView", "Issuer's key"),
    "holder": QT_TRANSLATE_NOOP("DetailView", "Holder binding"),
    "validity": QT_TRANSLATE_NOOP("DetailView", "Dates"),
    "status": QT_TRANSLATE_NOOP("DetailView", "Revocation"),
    "schema": QT_TRANSLATE_NOOP("DetailView", "Open Badges 3.0 fields"),
    "trust": QT_TRANSLATE_NOOP("DetailView", "Trusted issuer"),
    "context": QT_TRANSLATE_NOOP("DetailView", "Vocabulary"),
}

VERDICT_SENTENCES = {
    icons.VERIFIED: QT_TRANSLATE_NOOP("DetailView", "Verified"),
    icons.WARNING: QT_TRANSLATE_NOOP("DetailView", "Authentic, with a warning"),
    icons.FAILED: QT_TRANSLATE_NOOP("DetailView", "Failed"),
    icons.UNKNOWN: QT_TRANSLATE_NOOP("DetailView", "Could not be checked"),
}

# Authentic, and only the issuer is not on the trust list: no warning sign for that alone;
# the words (models.status_text) are the list's and the cards' too.

STATUS_MARKS = {"pass": "\u2713", "warn": "!", "fail": "\u2717", "unknown": "?", "skip": "\u2013"}
STATUS_VERDICT = {
    "pass": icons.VERIFIED,
    "warn": icons.WARNING,
    "fail": icons.FAILED,
    "unknown": icons.UNKNOWN,
    "skip": icons.NOT_CHECKED,
}


def learner_id_text(value: str | None) -> str:
    """The learner's identifier as the pane shows it: an Open Badge that names its learner by
    a salted hash (`sha256$…`) says so in words, since the hash means nothing to a reader."""
    if not value:
        return ""
    if value.split("$", 1)[0].lower() in ("sha256", "sha512", "md5") and "$" in value:
        return QtCore.QCoreApplication.translate(
            "DetailView",
            "kept private: the badge holds only a hash of the learner's e-mail or other identity",
        )
    return value


def credits_text(credits: Credits | None) -> str:
    """`value unit`, without a pointless `.0` ("5 ECTS", "7.5 ECTS")."""
    if credits is None:
        return ""
    return f"{number_text(credits.value)} {credits.unit}".strip()


def level_text(level: Level | None) -> str:
    """`framework value` ("EQF 6")."""
    if level is None:
        return ""
    return f"{level.framework} {level.value}".strip()


translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name


def _tr(text: Msg | str) -> str:
    """A label from one of the tables above (marked with QT_TRANSLATE_NOOP for lupdate), or
    the core's own message id for it, rendered."""
    if isinstance(text, Msg):
        return render(text)
    return QtCore.QCoreApplication.translate("DetailView", text)


def _description(c: Credential) -> str:
    """The credential's description; for a badge whose details are only linked, where they
    are, in the reader's language."""
    from wallet.formats.ob2 import shown_description

    said = shown_description(c)
    return render(said) if said is not None else ""


def checked_ago(checked_at: str | None, now: _dt.datetime | None = None) -> str:
    """ "Checked 3 minutes ago" / "Not checked yet": when the shown report was made."""
    if not checked_at:
        return translate("DetailView", "Not checked yet")
    try:
        when = _dt.datetime.fromisoformat(checked_at.replace("Z", "+00:00"))
    except ValueError:
        return translate("DetailView", "Checked {when}").format(when=checked_at)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    seconds = int(((now or _dt.datetime.now(_dt.UTC)) - when).total_seconds())
    if seconds < 60:
        return translate("DetailView", "Checked just now")
    for size, one, many in (
        (86400 * 365, "Checked a year ago", "Checked {n} years ago"),
        (86400 * 30, "Checked a month ago", "Checked {n} months ago"),
        (86400, "Checked yesterday", "Checked {n} days ago"),
        (3600, "Checked an hour ago", "Checked {n} hours ago"),
        (60, "Checked a minute ago", "Checked {n} minutes ago"),
    ):
        n = seconds // size
        if n >= 1:
            return _tr(one) if n == 1 else _tr(many).format(n=n)
    return translate("DetailView", "Checked just now")


def elements_summary(present: int, total: int = len(ELEMENTS)) -> str:
    """The one-line reading of the EU checklist."""
    if present == total:
        return translate(
            "DetailView", "All {total} elements: a micro-credential in the EU sense"
        ).format(total=total)
    return translate("DetailView", "{n} of {total}: a badge").format(n=present, total=total)


@dataclass
class Shown:
    """What the window hands the view for one credential."""

    id: str
    credential: Credential
    bundled: int = 0
    in_bundle: bool = False
    tags: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    image_uri: str | None = None
    baked: bytes | None = None
    report: Report | None = None
    checked_at: str | None = None
    source: str = ""


class _FormHolder(QtWidgets.QWidget):
    """The record's captions beside their values, or above them when the pane is narrow: at
    1024x600 a long caption ("Zugangsvoraussetzungen") beside a description would leave it one
    word per line."""

    NARROW = 480  # below this width, every caption goes above its value

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        form = self.layout()
        if isinstance(form, QtWidgets.QFormLayout):
            wanted = (
                QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows
                if event.size().width() < self.NARROW
                else QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows
            )
            if form.rowWrapPolicy() != wanted:
                form.setRowWrapPolicy(wanted)
        super().resizeEvent(event)


class DetailView(QtWidgets.QScrollArea):
    """Read-only view of one credential; every value is plain, selectable text.

    Rows without a value are hidden rather than shown empty. `check_requested(online)` asks
    the window to verify the shown credential; `tags_edited(tags)` hands over new tags;
    `trust_requested()` asks the window to offer trusting the shown credential's issuer.
    """

    check_requested = Signal(bool)
    tags_edited = Signal(list)
    trust_requested = Signal()

    FIELDS = (
        "achievement_type",
        "description",
        "criteria",
        "learning_outcomes",
        "credits",
        "level",
        "assessment",
        "participation",
        "quality_assurance",
        "grade",
        "entry_requirements",
        "volume_of_learning",
        "alignments",
        "issuer",
        "issuer_id",
        "issuer_url",
        "country",
        "recipient",
        "recipient_id",
        "issued",
        "valid_from",
        "valid_until",
        "format",
        "proof",
        "bundle",
        "source",
    )

    ONE_LINE = ("issuer_id", "issuer_url", "recipient_id", "source")  # long unbroken tokens

    IMAGE_SIZE = 88

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Credential details"))
        self.setMinimumWidth(340)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        # Everything wraps to the width; ids and addresses scroll inside their own line.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.current_id: str | None = None
        self._shown: Shown | None = None

        body, layout = column("detail_body", margins=(18, 14, 18, 18), spacing=6)

        self.placeholder = self._label("placeholder", self.tr("No credential selected"))
        self.placeholder.setText(self.tr("Select a credential to see its details."))

        # Header: the badge picture beside the title and what kind of thing it is.
        self.header, head = strip(spacing=14)
        self.image = QtWidgets.QLabel()
        self.image.setObjectName("badge_image")
        self.image.setAccessibleName(self.tr("Badge image"))
        self.image.setFixedSize(self.IMAGE_SIZE, self.IMAGE_SIZE)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head.addWidget(self.image, 0, Qt.AlignmentFlag.AlignTop)
        titles = QtWidgets.QVBoxLayout()
        titles.setSpacing(2)
        self.title = self._label("title", self.tr("Title"))
        set_font(self.title, scale=1.35, bold=True)
        self.kind = self._label("kind", self.tr("Type"))
        titles.addWidget(self.title)
        titles.addWidget(self.kind)
        titles.addStretch(1)
        head.addLayout(titles, 1)

        layout.addWidget(self.placeholder)
        layout.addWidget(self.header)
        layout.addWidget(self._build_actions())
        layout.addSpacing(6)
        layout.addWidget(self._build_verification())
        layout.addWidget(self._build_fields())
        layout.addWidget(self._build_elements())
        layout.addWidget(self._build_own())
        layout.addStretch(1)
        self.body = body
        self.setWidget(body)
        self.clear()

    # ----- building ------------------------------------------------------------------------

    def _label(self, name: str, accessible: str = "") -> QtWidgets.QLabel:
        label = plain_label("", name, accessible)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Ignored width: a long word never widens the view past the window (it is cut instead).
        label.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Minimum
        )
        return label

    def _line(self, name: str) -> QtWidgets.QLineEdit:
        """A read-only, frameless line for an id or address: it cannot wrap, so it scrolls
        (and copies exactly, with no break characters inserted)."""
        line = QtWidgets.QLineEdit()
        line.setObjectName(name)
        line.setReadOnly(True)
        line.setFrame(False)
        line.setStyleSheet("QLineEdit { background: transparent; padding: 0; }")
        line.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Fixed)
        return line

    def _section(self, name: str, title: str) -> tuple[QtWidgets.QGroupBox, QtWidgets.QVBoxLayout]:
        box = QtWidgets.QGroupBox(title)
        box.setObjectName(name)
        box.setAccessibleName(title)
        box.setFlat(True)
        inner = QtWidgets.QVBoxLayout(box)
        inner.setContentsMargins(0, 6, 0, 6)
        inner.setSpacing(4)
        return box, inner

    def _build_actions(self) -> QtWidgets.QWidget:
        """Share, Export and Delete for the shown credential, where the learner looks at it.
        The window wires them to its own commands and hides one whose command is hidden."""
        self.actions_bar, bar = strip("detail_actions", (0, 4, 0, 0), spacing=8)
        self.actions_bar.setAccessibleName(self.tr("Actions for this credential"))
        self.share_button = push_button(
            self.tr("Share\u2026"), "detail_share", self.tr("Share this credential")
        )
        self.export_button = push_button(
            self.tr("Export\u2026"), "detail_export", self.tr("Export this credential")
        )
        self.delete_button = push_button(
            self.tr("Delete\u2026"), "detail_delete", self.tr("Delete this credential")
        )
        for button in (self.share_button, self.export_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        return self.actions_bar

    def _build_verification(self) -> QtWidgets.QGroupBox:
        box, inner = self._section("verification", self.tr("Verification"))
        self.verification_box = box
        self.verdict = self._label("verdict", self.tr("Verdict"))
        set_font(self.verdict, scale=1.15, bold=True)
        # Reason first: why (or that it is fine) in one sentence, then what to do about it.
        self.reason = self._label("reason", self.tr("What the check found"))
        self.advice = self._label("advice", self.tr("What you can do"))
        self.trust_button = push_button(
            self.tr("Trust this issuer\u2026"),
            "trust_issuer",
            self.tr("Trust this issuer"),
            self.trust_requested.emit,
        )
        self.trust_button.setToolTip(
            self.tr("See who the issuer is and how that is confirmed, then decide")
        )
        trust_row = QtWidgets.QHBoxLayout()
        trust_row.addWidget(self.trust_button)
        trust_row.addStretch(1)
        self.checked = self._label("checked_at", self.tr("Time of the last check"))
        # The technical checks fold away below the reason: collapsed for every credential.
        self.checks_section, fold = column("checks_section", spacing=2)
        self.checks_toggle = QtWidgets.QToolButton()
        self.checks_toggle.setObjectName("checks_toggle")
        self.checks_toggle.setText(self.tr("Checks"))
        self.checks_toggle.setAccessibleName(self.tr("Show or hide the technical checks"))
        self.checks_toggle.setCheckable(True)
        self.checks_toggle.setAutoRaise(True)
        self.checks_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.checks_toggle.toggled.connect(self._fold_checks)
        self.checks_body, body_layout = column(margins=(16, 0, 0, 0), spacing=4)
        self.checks = self._label("checks", self.tr("Checks"))
        self.nested = self._label("nested", self.tr("Credentials in the bundle"))
        body_layout.addWidget(self.checks)
        body_layout.addWidget(self.nested)
        fold.addWidget(self.checks_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        fold.addWidget(self.checks_body)
        self._fold_checks(False)
        buttons = QtWidgets.QHBoxLayout()
        buttons.setSpacing(8)
        self.check_button = push_button(
            self.tr("Check now"),
            "check_now",
            self.tr("Check now, offline"),
            lambda: self.check_requested.emit(False),
        )
        self.check_button.setToolTip(
            self.tr("Verify with what the wallet holds; nothing is fetched")
        )
        self.online_button = push_button(
            self.tr("Check online now"),
            "check_online",
            self.tr("Check online now"),
            lambda: self.check_requested.emit(True),
        )
        self.online_button.setToolTip(self.tr("Also fetch revocation lists and issuer keys"))
        self.busy = busy_bar("checking", self.tr("Checking"), height=12)
        self.busy.setMaximumWidth(90)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.online_button)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        self.note = self._label("check_note", self.tr("About the check"))
        for w in (self.verdict, self.reason, self.advice):
            inner.addWidget(w)
        inner.addLayout(trust_row)
        inner.addWidget(self.checked)
        inner.addWidget(self.checks_section)
        inner.addLayout(buttons)
        inner.addWidget(self.note)
        return box

    def _build_fields(self) -> QtWidgets.QWidget:
        captions = {
            "achievement_type": self.tr("Achievement type"),
            "description": self.tr("Description"),
            "criteria": self.tr("Criteria"),
            "learning_outcomes": self.tr("Learning outcomes"),
            "credits": self.tr("Credits"),
            "level": self.tr("Level"),
            "assessment": self.tr("Assessment"),
            "participation": self.tr("Participation"),
            "quality_assurance": self.tr("Quality assurance"),
            "grade": self.tr("Grade"),
            "entry_requirements": self.tr("Entry requirements"),
            "volume_of_learning": self.tr("Volume of learning"),
            "alignments": self.tr("Alignments"),
            "issuer": self.tr("Issuer"),
            "issuer_id": self.tr("Issuer id"),
            "issuer_url": self.tr("Issuer web site"),
            "country": self.tr("Issuer's country"),
            "recipient": self.tr("Awarded to"),
            "recipient_id": self.tr("Learner id"),
            "issued": self.tr("Issued"),
            "valid_from": self.tr("Valid from"),
            "valid_until": self.tr("Valid until"),
            "format": self.tr("Format"),
            "proof": self.tr("Secured by"),
            "bundle": self.tr("Bundle"),
            "source": self.tr("Imported from"),
        }
        holder = _FormHolder()
        self.form = QtWidgets.QFormLayout(holder)
        self.form.setContentsMargins(0, 4, 0, 4)
        self.form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
        )
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(7)
        self._values: dict[str, QtWidgets.QLabel | QtWidgets.QLineEdit] = {}
        for name in self.FIELDS:
            value = self._line(name) if name in self.ONE_LINE else self._label(name)
            value.setAccessibleName(captions[name])
            caption = QtWidgets.QLabel(captions[name])
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            caption.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
            set_font(caption, bold=True)
            caption.setBuddy(value)
            self.form.addRow(caption, value)
            self._values[name] = value
        return holder

    def _build_elements(self) -> QtWidgets.QGroupBox:
        box, inner = self._section("eu_elements", self.tr("EU micro-credential elements"))
        self.elements_summary = self._label("elements_summary", self.tr("EU elements summary"))
        set_font(self.elements_summary, bold=True)
        self.elements = self._label("elements", self.tr("EU elements checklist"))
        inner.addWidget(self.elements_summary)
        inner.addWidget(self.elements)
        return box

    def _build_own(self) -> QtWidgets.QGroupBox:
        box, inner = self._section("own", self.tr("Your tags and collections"))
        self.tags_edit = line_edit(
            "tags",
            self.tr("Your tags, separated by commas"),
            self.tr("Add tags, separated by commas"),
            clear_button=True,
        )
        self.tags_edit.editingFinished.connect(self._tags_finished)
        self.issuer_tags = self._label("issuer_tags", self.tr("Keywords from the issuer"))
        row = QtWidgets.QHBoxLayout()
        self.collections_label = self._label(
            "collections", self.tr("Collections of this credential")
        )
        self.collections_button = QtWidgets.QToolButton()
        self.collections_button.setObjectName("collections_button")
        self.collections_button.setText(self.tr("Collections"))
        self.collections_button.setAccessibleName(self.tr("Add to or remove from collections"))
        self.collections_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        row.addWidget(self.collections_label, 1)
        row.addWidget(self.collections_button, 0, Qt.AlignmentFlag.AlignTop)
        inner.addWidget(self.tags_edit)
        inner.addWidget(self.issuer_tags)
        inner.addLayout(row)
        return box

    # ----- showing -------------------------------------------------------------------------

    def clear(self, message: Msg | str | None = None) -> None:
        """Show the placeholder (or `message`, e.g. why a credential could not be read)."""
        self.current_id = None
        self._shown = None
        self.placeholder.setText(
            text_of(message) or self.tr("Select a credential to see its details.")
        )
        self.placeholder.show()
        for w in (
            self.header,
            self.actions_bar,
            self.verification_box,
            self.form.parentWidget(),
            self.elements.parentWidget(),
            self.tags_edit.parentWidget(),
        ):
            w.hide()
        self.title.clear()
        for i, name in enumerate(self.FIELDS):
            self._values[name].clear()
            self.form.setRowVisible(i, False)
        self.set_busy(False)

    def show_credential(
        self, credential: Credential, *, bundled: int = 0, in_bundle: bool = False
    ) -> None:
        """Fill the view from a bare record (no report, tags or collections)."""
        self.show_item(Shown(id="", credential=credential, bundled=bundled, in_bundle=in_bundle))

    def show_item(self, item: Shown) -> None:
        """Fill the view; the scroll position goes back to the top for another credential."""
        same = self.current_id == item.id and bool(item.id)
        self.current_id = item.id or None
        self._shown = item
        c = item.credential
        self.placeholder.hide()
        self.header.show()
        self.title.setText(c.title)
        self.kind.setText(f"{kind_label(credential_kind(c))} \u00b7 {format_label(c.format)}")
        self.image.setPixmap(
            icons.badge_pixmap(item.image_uri, item.baked, credential_kind(c), self.IMAGE_SIZE - 8)
        )
        for name, text in self._values_of(item).items():
            i = self.FIELDS.index(name)
            widget = self._values[name]
            widget.setText(text)
            if isinstance(widget, QtWidgets.QLineEdit):
                widget.setCursorPosition(0)
                widget.setToolTip(plain_tip(text))
            self.form.setRowVisible(i, bool(text))
        self.form.parentWidget().show()
        self._show_report(item.report, item.checked_at)
        self.verification_box.setVisible(bool(item.id))
        self.actions_bar.setVisible(bool(item.id))  # a stored credential, not a bare record
        present = eu_elements(c)
        yes, no = "\u2713", "\u2014"
        lines = [f"{yes if present[k] else no} {_tr(ELEMENT_LABELS[k])}" for k in ELEMENTS]
        self.elements.setText("\n".join(lines))
        self.elements_summary.setText(elements_summary(sum(present.values()), len(ELEMENTS)))
        self.elements.parentWidget().show()
        self.tags_edit.parentWidget().setVisible(bool(item.id))
        if not self.tags_edit.hasFocus() or not same:
            self.tags_edit.setText(", ".join(item.tags))
        self.issuer_tags.setText(
            self.tr("Keywords from the issuer: {tags}").format(tags=", ".join(c.tags))
            if c.tags
            else ""
        )
        self.issuer_tags.setVisible(bool(c.tags))
        self.collections_label.setText(
            self.tr("In collections: {names}").format(names=", ".join(item.collections))
            if item.collections
            else self.tr("Not in any collection")
        )
        if not same:
            self.note.clear()
            self.note.hide()
            self._fold_checks(False)  # the checks fold away again for another credential
            self.verticalScrollBar().setValue(0)

    def _values_of(self, item: Shown) -> dict[str, str]:
        c = item.credential
        alignments = []
        for a in c.alignments:
            name = a.target_name or a.target_code or a.target_url or ""
            extra = " \u00b7 ".join(
                x for x in (a.target_framework, a.target_code if a.target_name else None) if x
            )
            line = f"{name} ({extra})" if extra else name
            if a.target_url and a.target_url != name:
                line += f"\n   {a.target_url}"
            if line:
                alignments.append(f"\u2022 {line}")
        bundle = ""
        if item.bundled:
            bundle = self.tr("Carries {n} credential(s), listed under it").format(n=item.bundled)
        elif item.in_bundle:
            bundle = self.tr("Part of a CLR bundle")
        proof = _tr(PROOF_FORM_LABELS.get(c.proof_form, c.proof_form))
        if c.baked in (BAKED_PNG, BAKED_SVG):
            proof += self.tr(", baked into a {kind} image").format(kind=c.baked.upper())
        from wallet.export.portfolio import type_words  # the portfolio's words for types

        kind = type_words(c.achievement_type)
        return {
            "achievement_type": render(kind) if kind is not None else "",
            "description": _description(c),
            "criteria": c.criteria or "",
            "learning_outcomes": "\n".join(f"\u2022 {o}" for o in c.learning_outcomes if o),
            "credits": credits_text(c.credits),
            "level": level_text(c.level),
            "assessment": c.assessment or "",
            "participation": c.participation or "",
            "quality_assurance": c.quality_assurance or "",
            "grade": c.grade or "",
            "entry_requirements": c.entry_requirements or "",
            "volume_of_learning": credits_text(c.volume_of_learning),
            "alignments": "\n".join(alignments),
            "issuer": c.issuer.name or c.issuer.id or "",
            "issuer_id": c.issuer.id if c.issuer.name else "",
            "issuer_url": c.issuer.url or "",
            "country": c.issuer.country or "",
            "recipient": c.subject_name or "",
            "recipient_id": learner_id_text(c.subject_id),
            "issued": day_text(c.issued),
            "valid_from": day_text(c.valid_from),
            "valid_until": day_text(c.valid_until),
            "format": format_label(c.format),
            "proof": proof,
            "bundle": bundle,
            "source": item.source,
        }

    def _show_report(self, report: Report | None, checked_at: str | None) -> None:
        if report is None:
            self.verdict.setText(self.tr("Not checked yet"))
            self.verdict.setStyleSheet(f"color: {icons.verdict_colour(None).name()}")
            self.checked.setText(self.tr("Press \u201cCheck now\u201d to verify it."))
            for w in (self.reason, self.advice, self.trust_button, self.checks_section):
                w.hide()
            self.checks.clear()
            self.nested.hide()
            return
        verdict = report.verdict
        unconfirmed = issuer_unconfirmed(report)
        if unconfirmed:
            self.verdict.setText(status_text(verdict, unconfirmed=True))
            self.verdict.setStyleSheet("")  # the text's own colour: nothing to warn about
        else:
            self.verdict.setText(
                f"{icons.verdict_mark(verdict)} "
                f"{_tr(VERDICT_SENTENCES.get(verdict, 'Could not be checked'))}"
            )
            self.verdict.setStyleSheet(f"color: {icons.verdict_colour(verdict).name()}")
        issuer = self._shown.credential.issuer if self._shown is not None else None
        what, todo = reason(report, issuer.name or issuer.id if issuer is not None else None)
        self.reason.setText(render(what))
        self.reason.show()
        self.advice.setText(render(todo) if todo is not None else "")
        self.advice.setVisible(todo is not None)
        self.trust_button.setVisible(bool(issuer is not None and issuer.id) and _trustable(report))
        self.checks_section.show()
        self.checked.setText(checked_ago(checked_at or report.checked_at))
        order = list(CHECK_LABELS)
        lines = []
        for check in sorted(
            report.checks, key=lambda c: order.index(c.id) if c.id in order else len(order)
        ):
            label = _tr(CHECK_LABELS.get(check.id, check.id))
            lines.append(f"{STATUS_MARKS.get(check.status, '?')} {label}: {render(check.msg)}")
        self.checks.setText("\n".join(lines))
        if report.nested:
            counts: dict[str, int] = {}
            for n in report.nested:
                counts[n.verdict] = counts.get(n.verdict, 0) + 1
            parts = [
                f"{counts[v]} {_tr(VERDICT_SENTENCES[v]).lower()}"
                for v in VERDICT_SENTENCES
                if v in counts
            ]
            self.nested.setText(
                self.tr("Credentials in the bundle: {parts}").format(parts=", ".join(parts))
            )
            self.nested.show()
        else:
            self.nested.hide()

    def _fold_checks(self, expanded: bool) -> None:
        self.checks_body.setVisible(expanded)
        self.checks_toggle.setArrowType(
            Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow
        )
        if self.checks_toggle.isChecked() != expanded:
            self.checks_toggle.setChecked(expanded)

    def show_report(self, report: Report | None, checked_at: str | None = None) -> None:
        """Replace the verification section after a check, leaving the rest as it is."""
        if self._shown is not None:
            self._shown.report = report
            self._shown.checked_at = checked_at
        self._show_report(report, checked_at)

    def shown_item(self) -> Shown | None:
        """What the view shows now (None for the placeholder)."""
        return self._shown

    def set_busy(self, busy: bool) -> None:
        """While a check runs: a busy bar, and the buttons wait."""
        self.busy.setVisible(busy)
        self.check_button.setEnabled(not busy)
        self.online_button.setEnabled(not busy)

    def set_note(self, text: Msg | str) -> None:
        """A line under the buttons (online checks are off, a check failed): the window's own
        words, or the core's message rendered in the window's language."""
        shown = text_of(text)
        self.note.setText(shown)
        self.note.setVisible(bool(shown))

    def _tags_finished(self) -> None:
        if self.current_id is None or self._shown is None:
            return
        tags = [t.strip() for t in self.tags_edit.text().split(",") if t.strip()]
        if sorted(set(tags)) != sorted(set(self._shown.tags)):
            self._shown.tags = sorted(set(tags))
            self.tags_edited.emit(tags)

    # ----- reading back (tests, accessibility checks) --------------------------------------

    def value_text(self, name: str) -> str:
        """Text of one field as shown ('' when hidden); also title, placeholder, verdict,
        checked_at, checks, elements, elements_summary, note."""
        widgets = {
            "title": self.title,
            "placeholder": self.placeholder,
            "verdict": self.verdict,
            "checked_at": self.checked,
            "checks": self.checks,
            "elements": self.elements,
            "elements_summary": self.elements_summary,
            "note": self.note,
            "kind": self.kind,
            "collections": self.collections_label,
        }
        if name in ("checks", "nested"):  # folded away is still there: read while shown
            w = self.checks if name == "checks" else self.nested
            in_pane = self.checks_section.isVisibleTo(self.body)
            return w.text() if in_pane and (name == "checks" or not w.isHidden()) else ""
        if name in ("reason", "advice"):
            w = self.reason if name == "reason" else self.advice
            return w.text() if w.isVisibleTo(self.body) else ""
        if name in widgets:
            w = widgets[name]
            return w.text() if w.isVisibleTo(self.body) else ""
        return self._values[name].text()


def _trustable(report: Report) -> bool:
    """Signed by the issuer it names, whose identifier is not on the learner's trust list:
    only an authentic credential is a reason to offer trusting its issuer."""
    trust, proof, issuer = (report.check(i) for i in ("trust", "proof", "issuer"))
    return (
        trust is not None
        and trust.status != "pass"
        and proof is not None
        and proof.status == "pass"
        and issuer is not None
        and issuer.status == "pass"
    )
