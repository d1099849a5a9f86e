"""Verify a QR: an employer reads a learner's presentation QR code(s) and checks them offline.

Why a window of its own: the person checking is often not the learner, and what they need is
a verdict they can trust in plain words (who signed, for whom, whether it is fresh and answers
their challenge) plus exactly what was revealed, never a traceback. Codes come from image files
(several parts at once or one by one, or all of them on one proof sheet), the clipboard (an
image, or the code's text from a phone's scanner app) or a screenshot of the screen; a
presentation or a credential can also come whole, as a file (JSON, JWT, SD-JWT, a baked badge)
or pasted text (`checking.read_and_check_any`). Reading, reassembling and verifying run in a
background `Task`; "Copy as JSON" gives the same object `learner-wallet check-qr --json`
prints.

With a wallet open, its trusted issuers and cached status lists are used too (read only): the
verdict then matches what the wallet itself would say about those issuers. Without one (the
start screen's "Check a credential", `learner-wallet verifier`) the window says plainly that
no issuer can be confirmed here; nothing is fetched either way, and no wallet file is made.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wallet.actions import checking
from wallet.actions.checking import (  # noqa: F401 - the window's names for them, kept
    MAX_IMAGE_BYTES,
    CredentialCheck,
    QrCheck,
    QrInput,
    ReadOutcome,
    context_for,
    flatten,
    read_texts,
    revealed_in_vp,
)
from wallet.messages import Msg, is_structural, join, plain, render
from wallet.present.certificate import Certificate, Line, certificate_of, certificates_of
from wallet.store import WalletStore
from wallet.ui import icons
from wallet.ui.detail_view import CHECK_LABELS, STATUS_MARKS, VERDICT_SENTENCES
from wallet.ui.i18n import moment_text
from wallet.ui.import_flow import png_bytes
from wallet.ui.messages import text_of
from wallet.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import (
    LinesView,
    ReadOnlyView,
    Row,
    Section,
    busy_bar,
    expectation_fields,
    fill_revealed,
    fitting_size,
    plain_label,
    push_button,
    set_font,
)
from wallet.ui.workers import Progress, Task
from wallet.verify.report import (
    FAIL,
    HOLDER,
    PASS,
    PROOF,
    SKIP,
    TRUST,
    UNKNOWN,
    WARN,
    Check,
    Report,
)

StoreGetter = Callable[[], WalletStore | None]

IMAGE_FILTERS = "Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)"
OPEN_FILTERS = QT_TRANSLATE_NOOP(
    "VerifyQrWindow",
    "QR code pictures and credentials (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.json *.jsonld "
    "*.jwt *.jws *.sd-jwt *.txt *.svg);;All files (*)",
)
# Our own words in the revealed lines (wallet.actions.checking), marked here for translation.
_REVEALED_WORDS = (
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Issuer"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Subject identifier (the learner)"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Issued at"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Valid from"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Expires"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Credential type"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Holder key (the learner)"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Revocation status"),
    QT_TRANSLATE_NOOP("VerifyQrWindow", "Credential ID"),
)


def _t(text: Msg | str) -> str:
    """Our own words in the revealed content, translated (safe on a worker thread): the core's
    message id rendered, or its English looked up in our catalogue."""
    if isinstance(text, Msg):
        return render(text)
    return QtCore.QCoreApplication.translate("VerifyQrWindow", text)


def revealed_of(presentation: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """`checking.revealed_of` in the person's language (the share dialog previews with it)."""
    return checking.revealed_of(presentation, tr=_t)


# ----- the certificate: what a presentation proves, in words -----------------------------------

CertificateItem = tuple[Certificate, str, "QtGui.QColor | None"]  # certificate, note, its colour


class CertificateView(ReadOnlyView):
    """What each presented credential proves: its title (and verdict), the one-sentence
    summary, then labelled lines (`wallet.present.certificate`).

    Every text goes in through `insertText`: a credential's words are plain text, never
    markup. The share dialog previews with it, so the learner sees what the employer reads.
    A narrow view puts each label above its value instead of beside it, so neither column
    is squeezed into breaking words."""

    NARROW = 400  # px of width below which labels go above their values

    def __init__(self, name: str, accessible: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(name, accessible, parent)
        self.items: list[CertificateItem] = []
        # Said on the "Trusted issuer" line instead of "no, not on your list" when there is no
        # list to be on (no wallet open).
        self.unconfirmed_trust: str | None = None
        self._rows: list[tuple[str, str]] = []
        self._narrow: bool | None = None
        self._redraw = False

    def set_certificates(self, items: list[CertificateItem]) -> None:
        """Show these certificates, in the reader's language (`wallet.messages.render`)."""
        self.items = list(items)
        self._draw()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if (self.width() < self.NARROW) != self._narrow and not self._redraw:
            # Later, not inside a resize that drawing itself may cause (a scroll bar appears).
            self._redraw = True
            QtCore.QTimer.singleShot(0, self, self._draw)

    def _draw(self) -> None:
        self._redraw = True  # a resize while drawing waits for the next turn
        try:
            self._fill()
        finally:
            self._redraw = False

    def _fill(self) -> None:
        self._narrow = self.width() < self.NARROW  # the widget's: a scroll bar does not flip it
        self._rows = []
        document = self.document()
        document.clear()
        cursor = QtGui.QTextCursor(document)
        size = self.font().pointSizeF()
        line_height = self.fontMetrics().height()
        title_format = QtGui.QTextCharFormat()
        title_format.setFontWeight(QtGui.QFont.Weight.Bold)
        title_format.setFontPointSize(size * 1.15)
        base = QtGui.QTextCharFormat()
        label_format = QtGui.QTextCharFormat()
        label_format.setForeground(_muted(self.palette()))
        secondary = QtGui.QTextCharFormat(label_format)
        secondary.setFontPointSize(size * 0.9)
        spaced = QtGui.QTextBlockFormat()
        spaced.setTopMargin(line_height * 1.2)
        summary_block = QtGui.QTextBlockFormat()
        summary_block.setTopMargin(line_height * 0.3)
        summary_block.setBottomMargin(line_height * 0.3)
        label_block = QtGui.QTextBlockFormat()
        label_block.setTopMargin(line_height * 0.35)
        value_block = QtGui.QTextBlockFormat()
        value_block.setLeftMargin(line_height * 0.5)
        table_format = self.table_format()
        for n, (cert, note, colour) in enumerate(self.items):
            if n:
                cursor.insertBlock(spaced)
            title = render(cert.title)
            self.insert_heading(cursor, title, title_format, note, colour)
            self._rows.append((title, note))
            summary = render(cert.summary)
            cursor.insertBlock(summary_block)
            cursor.insertText(summary, base)
            self._rows.append(("", summary))
            lines = [
                (render(line.label) if line.label is not None else "", self._value(line), line)
                for line in cert.lines()
            ]
            self._rows += [(label, value) for label, value, _line in lines]
            if self._narrow:
                for i, (label, value, line) in enumerate(lines):
                    if label:
                        cursor.insertBlock(label_block)
                        cursor.insertText(label, label_format)
                    listed = not label or (i + 1 < len(lines) and not lines[i + 1][0])
                    cursor.insertBlock(value_block)
                    cursor.insertText(
                        f"\u2022 {value}" if listed else value,
                        secondary if line.secondary else base,
                    )
            elif lines:
                table = cursor.insertTable(len(lines), 2, table_format)
                for i, (label, value, line) in enumerate(lines):
                    table.cellAt(i, 0).firstCursorPosition().insertText(label, label_format)
                    table.cellAt(i, 1).firstCursorPosition().insertText(
                        value, secondary if line.secondary else base
                    )
                cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
        self.moveCursor(QtGui.QTextCursor.MoveOperation.Start)

    def _value(self, line: Line) -> str:
        if (
            self.unconfirmed_trust is not None
            and line.label is not None
            and line.label.text == "Trusted issuer"  # the message id of that line
        ):
            return self.unconfirmed_trust
        return render(line.value)

    def rows(self) -> list[tuple[str, str]]:
        """(title, note), ("", summary) and (label, value) pairs as shown, in order; a list's
        later items have an empty label."""
        return list(self._rows)

    def text(self) -> str:
        """The certificates as "label: value" lines (tests; a screen reader's summary)."""
        return "\n".join(
            f"{label}: {value}" if label and value else label or value
            for label, value in self._rows
        )


def _muted(palette: QtGui.QPalette) -> QtGui.QColor:
    """Text colour for labels: between text and background, still easy to read in light
    and dark themes (70% of the text colour)."""
    text = palette.color(QtGui.QPalette.ColorRole.Text)
    base = palette.color(QtGui.QPalette.ColorRole.Base)
    return QtGui.QColor(
        *(
            round(t * 0.7 + b * 0.3)
            for t, b in zip(text.getRgb()[:3], base.getRgb()[:3], strict=True)
        )
    )


def technical_sections(
    certificates: list[Certificate], revealed: list[tuple[str, list[tuple[str, str]]]]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per credential, its identifiers and dates as written, then every revealed field: what
    "Technical details" shows (the certificates and `revealed_of` list the same credentials
    in the same order)."""
    if len(certificates) != len(revealed):
        return revealed
    return [
        (title, [(render(label), value) for label, value in cert.technical] + rows)
        for cert, (title, rows) in zip(certificates, revealed, strict=True)
    ]


def disclosure_toggle(text: str, object_name: str) -> QtWidgets.QToolButton:
    """A flat button with an arrow that shows or hides what follows it."""
    button = QtWidgets.QToolButton()
    button.setObjectName(object_name)
    button.setAccessibleName(text)
    button.setText(text)
    button.setCheckable(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setArrowType(Qt.ArrowType.RightArrow)
    button.setAutoRaise(True)
    return button


# ----- the window ----------------------------------------------------------------------------


class VerifyQrWindow(QtWidgets.QWidget):
    """Tools → Verify a QR…: read presentation QR codes and show the offline verdict.

    Without `store_getter` there is no wallet behind it (the start screen's "Check a
    credential", `learner-wallet verifier`): titled "Check a credential", it says that no
    trusted issuers are set up here."""

    closed = Signal()  # the window was closed (the start screen comes back, or the app ends)
    checked = Signal()  # a check finished: its result or its problem is on the screen

    def __init__(
        self, parent: QtWidgets.QWidget | None = None, *, store_getter: StoreGetter | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("verify_qr_window")
        title = (
            self.tr("Verify a QR code")
            if store_getter is not None
            else self.tr("Check a credential")
        )
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.store_getter = store_getter
        self.texts: list[str] = []
        self.result: QrCheck | None = None
        self.credential_checks: list[CredentialCheck] = []
        self.task: Task | None = None
        self._checked_with: tuple[str | None, str | None] = (None, None)
        self._whole: QrInput | None = None  # a presentation given whole, checked again on edits
        self._source: QrInput | None = None  # what the running check reads
        self._with_wallet = store_getter is not None
        self._build()
        self.resize(*fitting_size(self, (1000, 720)))

    # ----- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.open_button = push_button(
            self.tr("Open file\u2026"),
            "open_images",
            self.tr("Open QR code pictures or credential files"),
            self.open_interactively,
        )
        self.paste_button = push_button(
            self.tr("Paste"),
            "paste_qr",
            self.tr("Paste a QR code picture, its text, or a credential"),
            self.paste,
        )
        self.screenshot_button = push_button(
            self.tr("Take screenshot"),
            "screenshot_qr",
            self.tr("Read a QR code shown on the screen"),
            self.take_screenshot,
        )
        self.clear_button = push_button(
            self.tr("Start over"), "clear_qr", self.tr("Forget the codes read so far"), self.clear
        )
        self.paste_shortcut = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Paste, self)
        self.paste_shortcut.activated.connect(self.paste)

        self.challenge, self.domain, form = expectation_fields(
            self,
            "expected",
            (self.tr("Expected challenge"), self.tr("Expected domain")),
            (
                self.tr("the code you gave the learner (optional)"),
                self.tr("who it must be for, e.g. hr.example (optional)"),
            ),
        )
        for line in (self.challenge, self.domain):
            line.editingFinished.connect(self._expectations_changed)

        inputs = QtWidgets.QHBoxLayout()
        for b in (self.open_button, self.paste_button, self.screenshot_button):
            inputs.addWidget(b)
        inputs.addStretch(1)
        inputs.addWidget(self.clear_button)

        self.status = plain_label(
            self.tr(
                "Open a picture of a presentation QR code or proof sheet, or a credential file; "
                "paste one (Ctrl+V); or show a code on the screen and take a screenshot. "
                "Everything is checked on this computer."
            ),
            "qr_status",
            self.tr("What happened"),
        )
        self.no_wallet_note = plain_label(
            self.tr(
                "No trusted issuers are set up here: the issuer is named but not confirmed. "
                "Nothing is fetched from the internet, so what needs the issuer's website "
                "(a revocation list, a hosted badge) shows as not checked."
            ),
            "no_wallet_note",
            self.tr("Without a wallet"),
        )
        self.no_wallet_note.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.no_wallet_note.setVisible(not self._with_wallet)
        self.busy = busy_bar("", self.tr("Checking"), height=8)

        self.verdict = plain_label("", "qr_verdict", self.tr("Overall verdict"))
        set_font(self.verdict, scale=1.5, bold=True)
        self.verdict.hide()

        self.checks = LinesView("qr_checks", self.tr("Checks"))
        self.certificate = CertificateView(
            "qr_certificate", self.tr("What the presentation proves")
        )
        self.revealed = LinesView("qr_revealed", self.tr("What the presentation reveals"))
        self.revealed.hide()
        self.technical_toggle = disclosure_toggle(self.tr("Technical details"), "qr_technical")
        self.technical_toggle.setToolTip(
            self.tr("Identifiers, dates as written and every field the presentation reveals")
        )
        self.technical_toggle.toggled.connect(self._toggle_technical)

        certificate_box = QtWidgets.QGroupBox(self.tr("What it proves"))
        certificate_box.setObjectName("qr_certificate_box")
        certificate_layout = QtWidgets.QVBoxLayout(certificate_box)
        certificate_layout.addWidget(self.certificate, 3)
        certificate_layout.addWidget(self.technical_toggle)
        certificate_layout.addWidget(self.revealed, 2)
        checks_box = QtWidgets.QGroupBox(self.tr("Checks"))
        QtWidgets.QVBoxLayout(checks_box).addWidget(self.checks)
        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(certificate_box)
        self.splitter.addWidget(checks_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([540, 440])

        self.copy_button = push_button(
            self.tr("Copy as JSON"),
            "copy_json",
            self.tr("Copy the verification result as JSON"),
            self.copy_json,
        )
        self.copy_button.setEnabled(False)
        self.close_button = push_button(
            self.tr("Close"), "close_verify_qr", self.tr("Close this window"), self.close
        )
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(inputs)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.no_wallet_note)
        layout.addWidget(self.busy)
        layout.addWidget(self.verdict)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    # ----- ways in ---------------------------------------------------------------------------

    def choose_images(self) -> list[str]:
        """Ask for QR pictures or credential files (a seam tests replace; the dialog is Qt's)."""
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self,
            self.tr("Open QR code pictures or credential files"),
            "",
            self.tr(OPEN_FILTERS),
        )
        return paths

    def open_interactively(self) -> Task | None:
        paths = self.choose_images()
        return self.read(QrInput(paths=list(paths))) if paths else None

    def open_files(self, paths: list[str | Path]) -> Task | None:
        """Read and verify these files: pictures of QR codes (the parts of one presentation),
        or credentials and presentations given whole."""
        return self.read(QrInput(paths=[str(p) for p in paths]))

    def paste(self) -> Task | None:
        """Ctrl+V: an image holding the code(s), the text a scanner app read from them, or a
        credential or presentation's own text (JSON, JWT, SD-JWT)."""
        mime = QtGui.QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            data = png_bytes(mime.imageData())
            if data:
                return self.read(QrInput(images=[data]))
        if mime is not None and mime.hasUrls() and all(u.isLocalFile() for u in mime.urls()):
            return self.read(QrInput(paths=[u.toLocalFile() for u in mime.urls()]))
        text = mime.text() if mime is not None and mime.hasText() else ""
        if text.strip():
            return self.read(QrInput(texts=[text]))  # QR text keeps its spaces
        self._say(
            self.tr(
                "The clipboard holds no picture and no text. Copy the QR code's "
                "image, the text your phone read from it, or a credential, first."
            )
        )
        return None

    def take_screenshot(self) -> Task | None:
        """Look for codes on the whole screen (e.g. a code shown in a video call)."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        pixmap = screen.grabWindow(0) if screen is not None else QtGui.QPixmap()
        data = png_bytes(pixmap.toImage()) if not pixmap.isNull() else b""
        if not data:
            self._say(self.tr("No QR code was found: the screen could not be captured."))
            return None
        return self.read(QrInput(images=[data]))

    # ----- running ---------------------------------------------------------------------------

    def expectations(self) -> tuple[str | None, str | None]:
        return self.challenge.text().strip() or None, self.domain.text().strip() or None

    def read(self, source: QrInput) -> Task | None:
        """Read the codes, reassemble and verify them in the background."""
        if self.task is not None and self.task.is_running():
            self._say(self.tr("Still checking the last codes; wait a moment."))
            return None
        challenge, domain = self.expectations()
        held = list(self.texts)
        store = self.store_getter() if self.store_getter is not None else None
        other: WalletStore | None = None
        if store is not None:
            try:
                other = store.another_connection()
            except Exception:  # locked meanwhile: check without the wallet's trust list
                other = None

        self._with_wallet = other is not None
        self.no_wallet_note.setVisible(not self._with_wallet)
        self._whole = None

        def work(_progress: Progress) -> ReadOutcome:
            try:
                return checking.read_and_check_any(
                    other, held, source, challenge=challenge, domain=domain, tr=_t
                )
            finally:
                if other is not None:
                    other.close()

        # No Qt parent, and bound-method slots: closing the window while a check runs neither
        # deletes the task under its thread nor calls into a deleted window.
        task = Task(work)
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        self._checked_with = (challenge, domain)
        self.task = task
        self._source = source
        self.busy.show()
        self.status.setText(self.tr("Reading and checking\u2026"))
        return task.start()

    def _expectations_changed(self) -> None:
        """A challenge typed after the codes were read: check the same codes again (or the
        presentation that was given whole)."""
        if self.expectations() == self._checked_with:
            return  # focus left the field without a change
        if self.result is None or (self.task and self.task.is_running()):
            return
        if self.texts:
            texts, self.texts = self.texts, []
            self.read(QrInput(texts=texts))
        elif self._whole is not None:
            self.read(self._whole)

    def _done(self, outcome: ReadOutcome) -> None:
        if self.sender() is not self.task:
            return
        self.busy.hide()
        self.texts = list(outcome.texts)
        if outcome.credentials:
            self.show_credentials(list(outcome.credentials))
        elif outcome.check is None:
            self.status.setText(
                self.tr(
                    "{count} code(s) read, but the presentation is not "
                    "complete yet: {why}. Add the other code(s)."
                ).format(count=len(self.texts), why=text_of(outcome.problem))
            )
        else:
            self.show_result(outcome.check)
            if not outcome.check.texts:
                self._whole = self._source  # given whole: checked again when expectations change
        self.checked.emit()

    def _failed(self, message: str) -> None:
        if self.sender() is not self.task:
            return
        self.busy.hide()
        text = message[:1].upper() + message[1:]
        self.status.setText(text if text.endswith(".") else text + ".")
        self.checked.emit()

    def clear(self) -> None:
        self.texts = []
        self.result = None
        self.credential_checks = []
        self._whole = None
        self.checks.set_sections([])
        self.certificate.set_certificates([])
        self.revealed.set_sections([])
        self.verdict.hide()
        self.copy_button.setEnabled(False)
        self.status.setText(self.tr("Codes forgotten. Open, paste or capture the next one."))

    # ----- showing ---------------------------------------------------------------------------

    def show_result(self, check: QrCheck) -> None:
        """The verdict in words, every check, and the revealed content."""
        self.result = check
        self.credential_checks = []
        self._show_verdict(check.verdict, self._verdict_sentence(check.verdict))
        at = moment_text(check.report.as_of or check.report.checked_at) or "\u2013"
        if check.texts:
            status = self.tr("Read {parts} QR code(s); checked offline at {at}.").format(
                parts=len(check.texts), at=at
            )
        else:
            status = self.tr("Checked the presentation offline at {at}.").format(at=at)
        self.status.setText(status + self._judged_against())
        self.copy_button.setEnabled(True)
        self._fill_checks(check)
        certificates = certificates_of(check.presentation, check.report)
        self._fill_certificates(certificates, check.revealed)

    def show_credentials(self, checks: list[CredentialCheck]) -> None:
        """Credentials given on their own: each one's verdict, checks and certificate. Nothing
        shows who handed them over, and the status line says so."""
        self.result = None
        self.credential_checks = list(checks)
        verdict = self.shown_verdict() or icons.UNKNOWN
        self._show_verdict(verdict, self._credential_sentence(verdict, len(checks)))
        first = checks[0]
        at = moment_text(first.report.as_of or first.report.checked_at) or "\u2013"
        if len(checks) > 1:
            status = self.tr("Checked {count} credentials offline at {at}.").format(
                count=len(checks), at=at
            )
        elif first.source:
            status = self.tr("Checked {name} offline at {at}.").format(name=first.source, at=at)
        else:
            status = self.tr("Checked the pasted credential offline at {at}.").format(at=at)
        status += " " + self.tr(
            "A credential on its own does not show who is handing it to you: ask the learner "
            "for a presentation QR code to know that it is theirs."
        )
        self.status.setText(status + self._judged_against())
        self.copy_button.setEnabled(True)
        sections: list[Section] = []
        for c in checks:
            sections += self._credential_sections(c.report, c.parsed.credential.title)
        self.checks.set_sections(sections)
        certificates = [certificate_of(c.parsed, report=c.report) for c in checks]
        self._fill_certificates(certificates, [row for c in checks for row in c.revealed])

    def shown_verdict(self) -> str | None:
        """The verdict on the screen: the presentation's, or the worst of the credentials'."""
        if self.result is not None:
            return self.result.verdict
        verdicts = {c.verdict for c in self.credential_checks}
        for verdict in (icons.FAILED, icons.UNKNOWN, icons.WARNING, icons.VERIFIED):
            if verdict in verdicts:
                return verdict
        return None

    def _show_verdict(self, verdict: str, sentence: str) -> None:
        self.verdict.setText(
            self.tr("{mark} {sentence}").format(mark=icons.verdict_mark(verdict), sentence=sentence)
        )
        self.verdict.setStyleSheet(f"color: {icons.verdict_colour(verdict).name()}")
        self.verdict.show()

    def _judged_against(self) -> str:
        if not self._with_wallet:
            return ""
        return " " + self.tr(
            "Issuers were judged against this wallet's trusted issuers and its cached status lists."
        )

    def _fill_certificates(
        self, certificates: list[Certificate], revealed: checking.Revealed
    ) -> None:
        self.certificate.unconfirmed_trust = None if self._with_wallet else self._unconfirmed()
        self.certificate.set_certificates(
            [
                (
                    cert,
                    f"{icons.verdict_mark(cert.verdict)} {self._verdict_word(cert.verdict)}"
                    if cert.verdict
                    else "",
                    icons.verdict_colour(cert.verdict) if cert.verdict else None,
                )
                for cert in certificates
            ]
        )
        fill_revealed(
            self.revealed,
            technical_sections(certificates, revealed),
            self.tr("(nothing readable)"),
        )

    def _unconfirmed(self) -> str:
        return self.tr("not confirmed: no trusted issuers are set up here")

    def _toggle_technical(self, shown: bool) -> None:
        self.revealed.setVisible(shown)
        self.technical_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def certificate_text(self) -> str:
        """The certificates as shown, one "label: value" line each (tests, screen readers)."""
        return self.certificate.text()

    def _verdict_sentence(self, verdict: str) -> str:
        sentences = {
            icons.VERIFIED: self.tr(
                "Verified: authentic, presented by the learner it was issued to"
            ),
            icons.WARNING: self.tr("Authentic, with a warning (see the checks below)"),
            icons.FAILED: self.tr("Failed: do not rely on this presentation"),
            icons.UNKNOWN: self.tr("Could not be checked"),
        }
        return sentences.get(
            verdict,
            QtCore.QCoreApplication.translate(
                "DetailView", VERDICT_SENTENCES.get(verdict, "Could not be checked")
            ),
        )

    def _credential_sentence(self, verdict: str, count: int) -> str:
        if count > 1:
            sentences = {
                icons.VERIFIED: self.tr("Verified: all of them authentic and unchanged"),
                icons.WARNING: self.tr("Authentic, with a warning (see the checks below)"),
                icons.FAILED: self.tr("Failed: do not rely on the ones marked failed"),
                icons.UNKNOWN: self.tr("Not all of them could be checked"),
            }
        else:
            sentences = {
                icons.VERIFIED: self.tr("Verified: authentic and unchanged since it was issued"),
                icons.WARNING: self.tr("Authentic, with a warning (see the checks below)"),
                icons.FAILED: self.tr("Failed: do not rely on this credential"),
                icons.UNKNOWN: self.tr("Could not be checked"),
            }
        return sentences.get(verdict, self.tr("Could not be checked"))

    def _row(self, label: str, check: Check) -> Row:
        colour = icons.verdict_colour(
            {PASS: icons.VERIFIED, FAIL: icons.FAILED, WARN: icons.WARNING}.get(
                check.status, icons.UNKNOWN
            )
        )
        text = render(check.msg)
        if check.id == TRUST and check.status != PASS and not self._with_wallet:
            text = self._unconfirmed()  # there is no list the issuer could be on
        return f"{STATUS_MARKS.get(check.status, '?')} {label}", text, colour

    def _fill_checks(self, check: QrCheck) -> None:
        report = check.report
        if isinstance(check.presentation, str):
            rows = [
                self._row(self._check_label(c.id, sd_jwt=True), c)
                for c in sorted(report.checks, key=_check_order)
            ]
        else:
            rows = [
                self._row(label, c)
                for label, c in self._presentation_rows(report, check.presentation)
            ]
        sections: list[Section] = [(self.tr("The presentation"), "", None, rows)]
        for n in report.nested:
            sections += self._credential_sections(n, n.source.rsplit(" \u203a ", 1)[-1])
        self.checks.set_sections(sections)

    def _credential_sections(self, report: Report, title: str) -> list[Section]:
        """One credential's checks under its title and verdict, then those of each credential
        it carries (a CLR's)."""
        sections: list[Section] = [
            (
                self.tr("Credential: {title}").format(title=title),
                f"{icons.verdict_mark(report.verdict)} {self._verdict_word(report.verdict)}",
                icons.verdict_colour(report.verdict),
                [
                    self._row(self._check_label(c.id), c)
                    for c in sorted(report.checks, key=_check_order)
                ],
            )
        ]
        for child in report.nested:
            sections += self._credential_sections(child, child.source.rsplit(" \u203a ", 1)[-1])
        return sections

    def _presentation_rows(self, report: Report, vp: dict[str, Any]) -> list[tuple[str, Check]]:
        """The holder check split for reading: signature, binding, freshness, challenge.

        `verify_presentation` joins its holder problems with "; "; each goes to the row it is
        about, and a row with no problem says what passed (or that no challenge was asked)."""
        challenge, _domain = self.expectations()
        labels = {
            "binding": self.tr("Bound to the credential subject"),
            "freshness": self.tr("Freshness"),
            "challenge": self.tr("Challenge and domain"),
        }
        proof = report.check(PROOF) or Check(PROOF, UNKNOWN, plain(self.tr("not checked")))
        holder = report.check(HOLDER)
        signed = vp.get("proof") if isinstance(vp.get("proof"), dict) else {}
        rows: list[tuple[str, Check]] = [(self.tr("Holder's signature"), proof)]
        if holder is None or holder.status == SKIP:
            why = holder.msg if holder is not None else plain(self.tr("not checked"))
            return rows + [(label, Check(HOLDER, SKIP, why)) for label in labels.values()]
        found: dict[str, list[Msg]] = {key: [] for key in labels}
        for problem in _problems(holder.msg) if holder.status == FAIL else []:
            english = str(problem)  # sorted by the English words, whatever the reader's
            if "challenge" in english or "made for" in english:
                found["challenge"].append(problem)
            elif "issued to" in english or "no credential" in english:
                found["binding"].append(problem)
            else:
                found["freshness"].append(problem)
        made_for = (
            self.tr("; made for {domain}").format(domain=signed["domain"])
            if signed.get("domain")
            else ""
        )
        passed = {
            "binding": self.tr("presented by the learner the credentials were issued to"),
            "freshness": self.tr("made {created}, valid until {expires}").format(
                created=_when(signed.get("created")), expires=_when(signed.get("expires"))
            ),
            "challenge": (
                self.tr("answers your challenge \u201c{challenge}\u201d").format(
                    challenge=challenge
                )
                if challenge
                else self.tr(
                    "no challenge was given to compare: anyone holding these codes could show "
                    "them again until they expire"
                )
            )
            + made_for,
        }
        for key, label in labels.items():
            if found[key]:
                rows.append((label, Check(HOLDER, FAIL, join(found[key]))))
            else:
                status = WARN if key == "challenge" and not challenge else PASS
                rows.append((label, Check(HOLDER, status, plain(passed[key]))))
        return rows

    def _verdict_word(self, verdict: str) -> str:
        return QtCore.QCoreApplication.translate(
            "DetailView", VERDICT_SENTENCES.get(verdict, "Could not be checked")
        )

    def _check_label(self, check_id: str, *, sd_jwt: bool = False) -> str:
        labels = {
            PROOF: self.tr("Issuer's signature"),
            "issuer": self.tr("Key belongs to the issuer"),
            "validity": self.tr("Validity dates"),
            "status": self.tr("Revocation status"),
            "trust": self.tr("Trusted issuer"),
            "schema": self.tr("Open Badges 3.0 fields"),
            "context": self.tr("Vocabulary"),
            HOLDER: self.tr("Holder binding, freshness and challenge")
            if sd_jwt
            else self.tr("Holder binding"),
        }
        return labels.get(
            check_id,
            QtCore.QCoreApplication.translate("DetailView", CHECK_LABELS.get(check_id, check_id)),
        )

    def copy_json(self) -> str:
        """Copy the check-qr --json object (a credential's `verify --json` object, a list of
        them for several); returns the text copied."""
        if self.result is not None:
            data: Any = self.result.to_json()
        elif len(self.credential_checks) == 1:
            data = self.credential_checks[0].to_json()
        elif self.credential_checks:
            data = [c.to_json() for c in self.credential_checks]
        else:
            return ""
        text = json.dumps(data, ensure_ascii=False, indent=1)
        QtGui.QGuiApplication.clipboard().setText(text)
        self.status.setText(self.tr("The result was copied as JSON."))
        return text

    def check_texts_shown(self) -> list[tuple[str, str]]:
        """Every (check, result) row as shown, for tests and screen readers' summaries."""
        return self.checks.rows()

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if self.task is not None:
            self.task.cancel()
        super().closeEvent(event)
        self.closed.emit()


def _problems(msg: Msg) -> list[Msg]:
    """The problems a check lists one after another (`wallet.messages.join`, or "; " in text
    that is not a message id yet), each on its own."""
    names = list(msg.args)
    if (
        names
        and is_structural(msg.text)
        and msg.text == "; ".join("{" + n + "}" for n in names)
        and all(isinstance(msg.args[n], Msg) for n in names)
    ):
        return [a for n in names if isinstance(a := msg.args[n], Msg)]
    if msg == plain(str(msg)):
        return [plain(part) for part in str(msg).split("; ")]
    return [msg]


def _when(value: Any) -> str:
    """A proof's ISO time as the reader's locale writes it ("?" when absent)."""
    return moment_text(value) if isinstance(value, str) and value else "?"


def _check_order(c: Check) -> int:
    order = [PROOF, "issuer", HOLDER, "validity", "status", "trust", "schema", "context"]
    return order.index(c.id) if c.id in order else len(order)


def open_verify_window(
    parent: QtWidgets.QWidget | None, store_getter: StoreGetter | None = None
) -> VerifyQrWindow:
    """Show the (one) verifier window of `parent`, making it when needed."""
    existing = parent.findChild(VerifyQrWindow) if parent is not None else None
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    window = VerifyQrWindow(parent, store_getter=store_getter)
    window.show()
    return window
