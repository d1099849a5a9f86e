"""File → Answer a Verifier…: show credentials to an employer's verifier (OpenID4VP 1.0).

Why a consent screen: a verifier's request is a stranger's link, and answering it sends the
learner's credentials, signed with their key, to whoever asks. So the wallet first reads the
request and checks it against the verifier's client identifier (`wallet.respond.request`;
nothing from the wallet is sent for that), then shows who asks: the name it gives itself
(its own words, plain text), the identifier its signature proves and how, in plain words (a
certificate for a DNS name, a certificate fingerprint, a DID, or only the address the answer
goes to), its certificate chain (folded away), the host the answer goes to and whether it is
on the learner's trust list; why it asks (its own words); and, for each credential it asks for,
the learner's matching credentials to pick from, each with its issuer, its verdict and exactly
what the verifier would see: the claim paths, or "The whole credential (it cannot be shown in
part)". Only Share sends; Decline (the default, also Enter), Escape, closing and a lock tell
the verifier no and nothing else.

The hand-over is the receive dialog's: `wallet.actions.responding.respond` runs as one
background op (`ops.run_op`) and calls `decide(asked)` on the worker thread; `Handover`
carries the question to the GUI thread and makes the worker wait for the learner's picks (or
None, a no). What the learner agreed to is exactly what the op then sends.

Ways in: the File menu (the first page takes the link), a pasted or dropped request link and a
QR picture holding one (`import_flow`; a picture only fills the first page: choosing a picture
is not choosing to contact the verifier), and `openid4vp://` (`haip-vp://`,
`eudi-openid4vp://`) launches, which `single_instance` hands to the running app.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from wallet.store import WalletStore
from wallet.ui import icons, menus
from wallet.ui.crash import log_line
from wallet.ui.messages import Icon, capital, sentence, show_message
from wallet.ui.models import verdict_label
from wallet.ui.ops import run_op
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import (
    ErrorLabel,
    busy_bar,
    column,
    line_edit,
    plain_label,
    set_font,
)
from wallet.ui.workers import Progress, Task

if TYPE_CHECKING:
    from wallet.actions.responding import Asked, Option, Picks, Responded, Wanted
    from wallet.ui.main_window import MainWindow

StoreGetter = Callable[[], WalletStore | None]

POLL_S = 0.05  # how often a worker waiting for the learner looks whether its op was cancelled
# The dialog's pages, by name (tests read `page()`).
LINK, READING, CONSENT, RESULT = "link", "reading", "consent", "result"
# How the outcome ended (tests read `outcome`).
ACCEPTED, DECLINED, REFUSED = "accepted", "declined", "refused"
ZWSP = "\u200b"  # a break opportunity that shows nothing
_LONG_RUN = re.compile(r"\S{25,}")
RUN = 20  # characters between break opportunities in a long identifier
DIALOG_SIZE = (720, 640)  # what it asks for; smaller screens get what they have
SCREEN_MARGIN = (40, 70)  # room left on the screen for the frame, a panel and a title bar


# ----- what the ways in share (no heavy imports until called) --------------------------------


def is_request(text: str) -> bool:
    """Whether pasted, dropped, scanned or launched text is a verifier's request link (an
    `openid4vp://` link, or an https link carrying one): the one test every way in uses."""
    from wallet.respond.request import is_request_link

    return is_request_link(text)


def request_host(text: str) -> str | None:
    """The host reading this request contacts (where its signed request object is), or the
    host the answer goes to when the link holds the whole request; None when the link names
    neither."""
    try:
        params = dict(parse_qsl(urlsplit(text.strip()).query, max_num_fields=50))
        for name in ("request_uri", "response_uri"):
            if params.get(name):
                return urlsplit(params[name]).hostname or None
    except ValueError:
        return None
    return None


def breakable(text: str) -> str:
    """`text` with invisible break opportunities inside long unbroken runs (a DID, a hash, a
    URL), so a wrapped label breaks them instead of growing wider than the screen. Tests and
    tooltips use the text as given."""
    return _LONG_RUN.sub(
        lambda m: ZWSP.join(m.group(0)[i : i + RUN] for i in range(0, len(m.group(0)), RUN)),
        text,
    )


# ----- the worker's question -------------------------------------------------------------------


class Handover(QtCore.QObject):
    """The worker's question to the learner, asked on the GUI thread.

    `decide` runs on the worker: it emits `asked(question)` (delivered queued, on the GUI
    thread, where this object lives) and waits until `answer` is called, or until the op is
    cancelled, which is a no. `refuse` (closing, Escape, a lock) is a no too, also to a
    question not yet asked. The picks are only handed from one thread to the other here."""

    asked = Signal(object)  # Asked

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._answered = threading.Event()
        self._picks: Picks | None = None
        self._refused = False

    def decide(self, question: Asked, progress: Progress) -> Picks | None:
        with self._lock:
            if self._refused:
                return None
        self.asked.emit(question)
        while not self._answered.wait(POLL_S):
            if progress.cancelled:
                return None
        with self._lock:
            return None if self._refused or progress.cancelled else self._picks

    def answer(self, picks: Picks | None) -> None:
        """The learner's answer (GUI thread): the chosen credentials, or None for no. Only the
        first answer counts."""
        with self._lock:
            if self._answered.is_set() or self._refused:
                return
            self._picks = picks
            self._answered.set()

    def refuse(self) -> None:
        """Closing, Escape or a lock (GUI thread): no, now or when the question comes."""
        with self._lock:
            self._refused = True
            self._picks = None
            self._answered.set()


def _respond(store: WalletStore, link: str, handover: Handover, progress: Progress) -> Responded:
    """The op: the use case, asking the learner through `handover` (worker thread)."""
    from wallet.actions.responding import respond

    return respond(store, link, decide=lambda asked: handover.decide(asked, progress))


def _caption_rows(
    rows: list[tuple[str, list[QtWidgets.QWidget]]],
) -> QtWidgets.QGridLayout:
    """Caption: value rows as `widgets.caption_grid` makes them (captions at the top of their
    rows, values wrapped and selectable), with room for more than one widget beside a caption
    (a note, the folded certificate chain)."""
    grid = QtWidgets.QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setColumnStretch(1, 1)
    grid.setVerticalSpacing(6)
    top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    row = 0
    for caption, widgets in rows:
        grid.addWidget(QtWidgets.QLabel(caption), row, 0, top)
        for widget in widgets:
            if isinstance(widget, QtWidgets.QLabel):
                widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(widget, row, 1)
            else:
                grid.addWidget(widget, row, 1, top)
            row += 1
    return grid


# ----- one credential to pick ------------------------------------------------------------------


class OptionRow(QtWidgets.QWidget):
    """One of the learner's credentials that answers what the verifier asks for: a radio
    button (a check box where the verifier takes several), its title, issuer and verdict, and
    exactly what the verifier would see. A click anywhere on the row picks it."""

    def __init__(self, option: Option, button: QtWidgets.QAbstractButton) -> None:
        super().__init__()
        self.option = option
        self.button = button
        self.setObjectName("respond_option")
        button.setObjectName("respond_option_button")
        button.setAccessibleName(option.title)
        button.setToolTip(plain_tip(option.title))
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.addWidget(button, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.title = plain_label(breakable(option.title), "option_title", self.tr("Credential"))
        set_font(self.title, bold=True)
        grid.addWidget(self.title, 0, 1)

        meta = QtWidgets.QHBoxLayout()
        meta.setSpacing(8)
        verdict = option.verdict or icons.NOT_CHECKED
        self.verdict = plain_label(
            f"{icons.verdict_mark(verdict)} {verdict_label(verdict)}", "option_verdict"
        )
        self.verdict.setWordWrap(False)
        palette = self.verdict.palette()
        palette.setColor(
            QtGui.QPalette.ColorRole.WindowText, icons.verdict_colour(verdict, palette)
        )
        self.verdict.setPalette(palette)
        meta.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignTop)
        self.issuer = plain_label(
            self.tr("Issued by {issuer}").format(issuer=breakable(option.issuer))
            if option.issuer
            else self.tr("Issued by an issuer that gives no name"),
            "option_issuer",
            self.tr("Issuer"),
        )
        self.issuer.setToolTip(plain_tip(option.issuer or ""))
        meta.addWidget(self.issuer, 1)
        grid.addLayout(meta, 1, 1)

        if option.whole:
            self.reveals = plain_label(
                self.tr("The whole credential (it cannot be shown in part)"),
                "option_reveals",
                self.tr("What the verifier would see"),
            )
            set_font(self.reveals, bold=True)
        else:
            self.reveals = plain_label(
                self.tr("It would see:")
                + "".join(f"\n\u2022 {breakable(path)}" for path in option.shown),
                "option_reveals",
                self.tr("What the verifier would see"),
            )
        grid.addWidget(self.reveals, 2, 1)

    def revealed(self) -> str:
        """What the row says the verifier would see, as shown (tests)."""
        return self.reveals.text().replace(ZWSP, "")

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """The labels pass their clicks up: a click on the row is a click on its button."""
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.button.click()
        super().mouseReleaseEvent(event)


# ----- the dialog ------------------------------------------------------------------------------


class RespondDialog(QtWidgets.QDialog):
    """The link (when none was given), the wait while the request is read and checked, the
    consent screen, then the outcome. `ended` is emitted once its op is over (tests wait)."""

    ended = Signal()

    def __init__(self, window: MainWindow, link: str = "", *, where: str = "") -> None:
        """`link` given without `where`: read it at once (a paste, a drop, a launch). With
        `where` (a QR picture) or without a link (the menu) the first page asks."""
        super().__init__(window)
        self.main = window
        self.setObjectName("respond_dialog")
        self.setWindowTitle(self.tr("Answer a verifier"))
        self.task: Task | None = None
        self.handover: Handover | None = None
        self.link = ""
        self.host = ""
        self.asked: Asked | None = None
        self.responded: Responded | None = None
        self.outcome: str | None = None
        self.failure: str | None = None
        self.rows: list[list[OptionRow]] = []  # per credential asked for, its options
        self._groups: list[QtWidgets.QButtonGroup] = []
        self._sending = False  # Share or Decline was given: the op finishes on its own
        self._agreed = False  # Share was given: a failure now came after sending
        self._released = False  # the wallet is being locked: close whatever runs

        self.pages = QtWidgets.QStackedWidget()
        self._pages: dict[str, QtWidgets.QWidget] = {}
        self._build_link_page(link, where)
        self._build_reading_page()
        self._build_consent_page()
        self._build_result_page()

        self.buttons = QtWidgets.QDialogButtonBox()
        self.go_button = self.buttons.addButton(
            self.tr("Continue"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_button.setObjectName("respond_go")
        self.go_button.clicked.connect(self._go)
        self.open_button = self.buttons.addButton(
            self.tr("Open the Verifier's Page"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("respond_open_page")
        self.open_button.clicked.connect(self._open_page)
        self.open_button.hide()
        # One button says Cancel, Decline on the consent screen, then Close once it is over.
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("respond_cancel")
        self.cancel_button.clicked.connect(self._cancel_clicked)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._fit_to_screen()
        self.finished.connect(lambda _result: self._dispose_when_idle())

        if link.strip() and not where:
            self.start(link)
        else:
            self._show(LINK)

    def _fit_to_screen(self) -> None:
        """Its own size, or what the screen has room for (a 1024x600 netbook too): the
        consent screen scrolls rather than growing past it."""
        screen = self.main.screen() or QtGui.QGuiApplication.primaryScreen()
        width, height = DIALOG_SIZE
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - SCREEN_MARGIN[0])
            height = min(height, room.height() - SCREEN_MARGIN[1])
        self.resize(width, height)

    # ----- pages -----------------------------------------------------------------------------

    def _page(self, name: str) -> QtWidgets.QVBoxLayout:
        page = QtWidgets.QWidget()
        page.setObjectName(f"respond_{name}_page")
        layout = QtWidgets.QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(page)
        self._pages[name] = page
        return layout

    def _heading(self, text: str, name: str) -> QtWidgets.QLabel:
        label = plain_label(text, name)
        set_font(label, scale=1.2, bold=True)
        return label

    def _note(self, text: str, name: str) -> QtWidgets.QLabel:
        label = plain_label(text, name)
        label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        return label

    def _build_link_page(self, link: str, where: str) -> None:
        layout = self._page(LINK)
        layout.addWidget(self._heading(self.tr("Answer a verifier's request"), "link_title"))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Paste the link an employer or another verifier gave you to ask for your "
                    "credentials. It starts with openid4vp:// or https://."
                ),
                "link_intro",
            )
        )
        self.where_label = plain_label("", "link_where")
        if where:
            self.where_label.setText(
                self.tr("{where} holds a verifier's request.").format(where=capital(where))
            )
        self.where_label.setVisible(bool(where))
        layout.addWidget(self.where_label)
        self.link_field = line_edit("request_link", self.tr("Request link"), "openid4vp://\u2026")
        self.link_field.setText(link.strip())
        self.link_field.textChanged.connect(self._link_changed)
        layout.addWidget(self.link_field)
        self.link_error = ErrorLabel("link_error", self.tr("Problem with the link"))
        layout.addWidget(self.link_error)
        self.link_note = self._note("", "link_note")
        layout.addWidget(self.link_note)
        layout.addStretch(1)
        self._link_changed()

    def _build_reading_page(self) -> None:
        layout = self._page(READING)
        layout.addWidget(self._heading(self.tr("Reading the request\u2026"), "reading_title"))
        self.reading_text = plain_label("", "reading_text")
        layout.addWidget(self.reading_text)
        self.reading_bar = busy_bar("reading_busy", self.tr("Reading the request"), height=8)
        self.reading_bar.show()
        layout.addWidget(self.reading_bar)
        layout.addStretch(1)

    def _build_consent_page(self) -> None:
        """Who asks, why, and the choices, in a scroll area (a verifier may ask for several
        credentials, and the learner may hold several that fit); the note on what Share
        sends stays in sight below it."""
        layout = self._page(CONSENT)
        layout.addWidget(self._heading(self.tr("Share with this verifier?"), "consent_title"))

        body, self.body_layout = column("consent_body", spacing=10)
        self.name_value = plain_label("", "verifier_name", self.tr("Name the verifier gives"))
        set_font(self.name_value, bold=True)
        self.name_note = self._note(
            self.tr("In its own words: nothing proves this name."), "verifier_name_note"
        )
        self.client_value = plain_label("", "verifier_id", self.tr("What its signature proves"))
        self.chain_button = QtWidgets.QToolButton()
        self.chain_button.setObjectName("certificate_chain_toggle")
        self.chain_button.setCheckable(True)
        self.chain_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.chain_button.setArrowType(Qt.ArrowType.RightArrow)
        self.chain_button.setAutoRaise(True)
        self.chain_button.toggled.connect(self._chain_toggled)
        self.chain_value = plain_label("", "certificate_chain", self.tr("Its certificates"))
        self.chain_value.hide()
        self.host_value = plain_label("", "verifier_host", self.tr("Where the answer goes"))
        self.trust_value = plain_label("", "verifier_trust", self.tr("Your trust list"))
        self.purpose_value = plain_label("", "verifier_purpose", self.tr("Why it asks"))
        self.body_layout.addLayout(
            _caption_rows(
                [
                    (self.tr("Name it gives:"), [self.name_value, self.name_note]),
                    (
                        self.tr("Proven by:"),
                        [self.client_value, self.chain_button, self.chain_value],
                    ),
                    (self.tr("Answer goes to:"), [self.host_value]),
                    (self.tr("Trust list:"), [self.trust_value]),
                    (self.tr("Why it asks:"), [self.purpose_value]),
                ]
            )
        )

        self.asks_title = plain_label("", "asks_title")
        set_font(self.asks_title, bold=True)
        self.body_layout.addWidget(self.asks_title)
        self.choices_box, self.choices_layout = column("respond_choices", spacing=12)
        self.body_layout.addWidget(self.choices_box)
        self.body_layout.addStretch(1)

        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("consent_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.scroll = scroll
        layout.addWidget(scroll, 1)
        self.consent_note = self._note("", "consent_note")
        layout.addWidget(self.consent_note)

    def _build_result_page(self) -> None:
        layout = self._page(RESULT)
        self.result_title = self._heading("", "result_title")
        layout.addWidget(self.result_title)
        self.result_text = plain_label("", "result_text")
        layout.addWidget(self.result_text)
        self.result_bar = busy_bar("respond_busy", self.tr("Answering the verifier"), height=8)
        layout.addWidget(self.result_bar)
        self.shared_value = plain_label("", "shared_credentials", self.tr("What was shared"))
        self.shared_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shared_value.hide()
        shared, shared_layout = column("result_body", (0, 8, 0, 0))
        shared_layout.addWidget(self.shared_value)
        shared_layout.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("result_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(shared)
        layout.addWidget(scroll, 1)
        self.result_note = self._note("", "result_note")
        self.result_note.hide()
        layout.addWidget(self.result_note)

    # ----- moving between pages ----------------------------------------------------------------

    def page(self) -> str:
        """The page shown: link, reading, consent or result."""
        current = self.pages.currentWidget()
        return next(name for name, page in self._pages.items() if page is current)

    def _show(self, name: str) -> None:
        # Only the page shown counts for the dialog's size (the stack would take the largest).
        ignored, preferred = (
            QtWidgets.QSizePolicy.Policy.Ignored,
            QtWidgets.QSizePolicy.Policy.Preferred,
        )
        for key, page in self._pages.items():
            policy = preferred if key == name else ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(self._pages[name])
        self.go_button.setVisible(name in (LINK, CONSENT))
        self.go_button.setText(self.tr("Share") if name == CONSENT else self.tr("Continue"))
        over = name == RESULT and not self._sending
        self.cancel_button.setText(
            self.tr("Close")
            if over
            else self.tr("Decline")
            if name == CONSENT
            else self.tr("Cancel")
        )
        self.cancel_button.setEnabled(not (name == RESULT and self._sending))
        # Sharing is never the default: Enter (like Escape) on the consent screen declines.
        self.go_button.setDefault(name == LINK)
        self.cancel_button.setDefault(name != LINK)
        if name == LINK:
            self.link_field.setFocus()
        elif name == CONSENT:
            self.cancel_button.setFocus()
        elif name == RESULT and not self._sending:
            self.cancel_button.setFocus()

    def _link_changed(self) -> None:
        self.link_error.hide()
        text = self.link_field.text().strip()
        host = request_host(text) if text else None
        self.link_note.setText(
            self.tr(
                "Continue reads the request from {host} and checks who sent it. Nothing from "
                "your wallet is shared before you agree."
            ).format(host=host)
            if host
            else self.tr(
                "Continue reads the request and checks who sent it. Nothing from your wallet "
                "is shared before you agree."
            )
        )

    def _go(self) -> None:
        if self.page() == LINK:
            self._continue()
        elif self.page() == CONSENT:
            self._share()

    def _continue(self) -> None:
        """Continue on the first page: the link must be a request before anything is fetched."""
        text = self.link_field.text().strip()
        if not text:
            self.link_error.say(self.tr("Paste the verifier's link first."))
            return
        if not is_request(text):
            self.link_error.say(
                self.tr("This is not a verifier's request: such a link starts with openid4vp://.")
            )
            return
        self.start(text)

    # ----- the op --------------------------------------------------------------------------------

    def start(self, link: str) -> Task | None:
        """Read and check the request in the background; the consent screen comes when the
        worker asks. None when no wallet is open."""
        self.link = link.strip()
        self.host = request_host(self.link) or ""
        self.reading_text.setText(
            self.tr(
                "Fetching the request from {host} and checking its signature. Nothing from "
                "your wallet is sent yet."
            ).format(host=self.host)
            if self.host
            else self.tr("Reading the request. Nothing from your wallet is sent yet.")
        )
        handover = Handover(self)
        handover.asked.connect(lambda asked, h=handover: self._asked(h, asked))
        self.handover = handover
        mine: list[Task] = []
        link = self.link
        task = run_op(
            self.main,
            lambda store, progress: _respond(store, link, handover, progress),
            progress_text="",
            on_done=lambda responded: self._done(mine[0], responded),
            on_failed=lambda message: self._failed(mine[0], message),
            on_cancelled=lambda: self._cancelled(mine[0]),
            log=log_line,
        )
        if task is None:
            return None
        mine.append(task)
        self.task = task
        self._show(READING)
        return task

    def is_running(self) -> bool:
        return self.task is not None

    def _asked(self, handover: Handover, asked: Asked) -> None:
        """The worker asks (GUI thread): show who and what, or say no if nobody is here."""
        if handover is not self.handover or not self.isVisible() or self._released:
            handover.refuse()
            return
        self.show_asked(asked)

    def show_asked(self, asked: Asked) -> None:
        """The consent screen for `asked` (Share answers the waiting worker)."""
        self.asked = asked
        self.host = asked.host
        self.name_value.setText(
            breakable(asked.name) if asked.name else self.tr("(it gives no name)")
        )
        self.name_note.setVisible(bool(asked.name))
        self.client_value.setText(breakable(self.proven_by(asked)))
        self.client_value.setToolTip(plain_tip(asked.client_id))
        chain = asked.certificates
        self.chain_button.setVisible(bool(chain))
        self.chain_button.setChecked(False)
        self.chain_button.setText(self.tr("Its certificates ({count})").format(count=len(chain)))
        self.chain_value.setText(
            "\n".join(
                [
                    self.tr(
                        "As the verifier sent them, its own first. The wallet checked that each "
                        "was issued by the next, not who the last one is."
                    ),
                    *(f"{n}. {breakable(subject)}" for n, subject in enumerate(chain, 1)),
                ]
            )
        )
        self.host_value.setText(breakable(asked.host))
        self.trust_value.setText(
            self.tr("On your trust list.")
            if asked.trusted
            else self.tr("Not on your trust list. Share only if you know who this is.")
        )
        self.purpose_value.setText(
            "\n".join(
                self.tr("\u201c{text}\u201d").format(text=breakable(p)) for p in asked.purposes
            )
            if asked.purposes
            else self.tr("(it gives no reason)")
        )
        self._fill_choices(asked.wanted)
        self.consent_note.setText(
            self.tr(
                "Nothing has been shared yet. Share sends what you chose to {host}, signed with "
                "your wallet's key. Decline only tells it no."
            ).format(host=asked.host)
        )
        self._sending = self._agreed = False
        self._show(CONSENT)
        self.scroll.verticalScrollBar().setValue(0)
        self._picks_changed()

    def proven_by(self, asked: Asked) -> str:
        """What the verifier's signature proves about it, in plain words."""
        from wallet.respond.request import DID, REDIRECT_URI, X509_HASH, X509_SAN_DNS

        identifier = asked.client_id.split(":", 1)[1] if ":" in asked.client_id else ""
        if asked.prefix == X509_SAN_DNS:
            return self.tr("A certificate for {name} (x509_san_dns)").format(name=identifier)
        if asked.prefix == X509_HASH:
            return self.tr("A certificate with the fingerprint {hash} (x509_hash)").format(
                hash=identifier
            )
        if asked.prefix == DID:
            return self.tr("Its DID {did} (decentralized_identifier)").format(did=identifier)
        if asked.prefix == REDIRECT_URI:
            return self.tr(
                "Nothing: the request is not signed. It only names where the answer goes, "
                "{address} (redirect_uri)."
            ).format(address=identifier)
        return asked.client_id

    def _chain_toggled(self, shown: bool) -> None:
        self.chain_value.setVisible(shown)
        self.chain_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _fill_choices(self, wanted: tuple[Wanted, ...]) -> None:
        """One group per credential asked for: its matching credentials, the first picked."""
        while self.choices_layout.count():
            item = self.choices_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for group in self._groups:
            group.deleteLater()
        self._groups = []
        self.rows = []
        self.asks_title.setText(
            self.tr("It asks for one credential.")
            if len(wanted) == 1
            else self.tr("It asks for {count} credentials.").format(count=len(wanted))
        )
        for n, want in enumerate(wanted, 1):
            box, layout = column("respond_wanted", spacing=4)
            if len(wanted) > 1:
                heading = plain_label(
                    self.tr("Credential {n} of {count}").format(n=n, count=len(wanted)),
                    "wanted_title",
                )
                set_font(heading, bold=True)
                layout.addWidget(heading)
            layout.addWidget(
                self._note(
                    self.tr("Choose one or more:")
                    if want.multiple
                    else self.tr("Choose one:")
                    if len(want.options) > 1
                    else self.tr("Your credential that fits:")
                    if want.options
                    else self.tr("None of your credentials fits."),
                    "wanted_hint",
                )
            )
            group = QtWidgets.QButtonGroup(self)
            group.setExclusive(not want.multiple)
            self._groups.append(group)
            rows: list[OptionRow] = []
            for i, option in enumerate(want.options):
                button: QtWidgets.QAbstractButton = (
                    QtWidgets.QCheckBox() if want.multiple else QtWidgets.QRadioButton()
                )
                group.addButton(button)
                button.setChecked(i == 0)
                button.toggled.connect(lambda _on: self._picks_changed())
                row = OptionRow(option, button)
                rows.append(row)
                layout.addWidget(row)
            self.rows.append(rows)
            self.choices_layout.addWidget(box)

    def picks(self) -> Picks:
        """The credentials chosen for each credential asked for, as the use case takes them."""
        if self.asked is None:
            return {}
        return {
            want.query_id: [r.option.credential_id for r in rows if r.button.isChecked()]
            for want, rows in zip(self.asked.wanted, self.rows, strict=True)
        }

    def option_rows(self) -> list[OptionRow]:
        """Every credential offered for picking, in order (tests)."""
        return [row for rows in self.rows for row in rows]

    def _picks_changed(self) -> None:
        """Share needs a credential for everything asked for that the wallet has one for."""
        if self.page() == CONSENT and self.asked is not None:
            picks = self.picks()
            self.go_button.setEnabled(
                all(picks[w.query_id] for w in self.asked.wanted if w.options)
            )

    def _share(self) -> None:
        """Share: the worker sends exactly the picks."""
        handover, asked = self.handover, self.asked
        if handover is None or asked is None or not self.go_button.isEnabled():
            return
        picks = self.picks()
        self._sending = self._agreed = True
        self.result_title.setText(self.tr("Sharing\u2026"))
        self.result_text.setText(
            self.tr("Sending what you chose to {host}.").format(host=asked.host)
        )
        self.result_bar.show()
        self._show(RESULT)
        handover.answer(picks)

    def _decline(self) -> None:
        """Decline: the worker tells the verifier no, and nothing else."""
        handover, asked = self.handover, self.asked
        if handover is None or asked is None:
            return
        self._sending = True
        self.result_title.setText(self.tr("Declining\u2026"))
        self.result_text.setText(
            self.tr("Telling {host} that you said no.").format(host=asked.host)
        )
        self.result_bar.show()
        self._show(RESULT)
        handover.answer(None)

    def _cancel_clicked(self) -> None:
        if self.page() == CONSENT:
            self._decline()
        else:
            self.reject()

    def _done(self, task: Task, responded: Responded) -> None:
        if task is not self.task:
            return
        self.responded = responded
        if responded.declined and not self._sending:
            self.outcome = DECLINED
            self._ended(task)
            if self.isVisible():
                super().reject()  # closed or asked nobody: nothing was shared
            return
        if responded.declined:
            self.outcome = DECLINED
            self.result_title.setText(self.tr("Declined"))
            self.result_text.setText(
                self.tr("Nothing was shared. {host} was told that you said no.").format(
                    host=responded.asked.host
                )
            )
            self.shared_value.hide()
        else:
            self.outcome = ACCEPTED
            self.result_title.setText(self.tr("Shared"))
            self.result_text.setText(
                self.tr("{host} accepted what you shared.").format(host=responded.asked.host)
            )
            self.shared_value.setText(self._shared_lines(responded))
            self.shared_value.show()
            self.result_note.setText(
                self.tr("Your wallet keeps a note of what went to whom, and when.")
            )
            self.result_note.show()
            page = responded.redirect_uri
            self.open_button.setVisible(
                bool(page) and QtCore.QUrl(page).scheme().lower() in ("https", "http")
            )
            self.open_button.setToolTip(plain_tip(page or ""))
        self._sending = False
        self._show(RESULT)
        self._ended(task)

    def _shared_lines(self, responded: Responded) -> str:
        """What went, one credential a line: its title and exactly what it showed."""
        from wallet.actions.responding import WHOLE

        titles = {o.credential_id: o.title for w in responded.asked.wanted for o in w.options}
        lines = [self.tr("What you shared:")]
        for credential_id, shown in responded.sent:
            title = breakable(titles.get(credential_id, credential_id))
            lines.append(
                self.tr("\u2022 {title}: the whole credential").format(title=title)
                if shown == (WHOLE,)
                else self.tr("\u2022 {title}: {claims}").format(
                    title=title, claims=", ".join(breakable(s) for s in shown)
                )
            )
        return "\n".join(lines)

    def _open_page(self) -> None:
        """The verifier's next page (its answer named it) in the learner's browser, only when
        they ask for it, and only a web address."""
        page = self.responded.redirect_uri if self.responded is not None else None
        address = QtCore.QUrl(page or "")
        if page and address.scheme().lower() in ("https", "http"):
            QtGui.QDesktopServices.openUrl(address)

    def _failed(self, task: Task, message: str) -> None:
        """One plain sentence: the request did not hold, the wallet cannot answer it, or the
        verifier did not take the answer (then it was sent, and the history says so)."""
        if task is not self.task:
            return
        self.outcome = REFUSED
        self.failure = sentence(message)
        self.result_title.setText(
            self.tr("Sharing did not succeed") if self._agreed else self.tr("Nothing was shared")
        )
        self.result_text.setText(self.failure)
        for widget in (self.shared_value, self.result_note, self.open_button):
            widget.hide()
        self._sending = False
        self._show(RESULT)
        self._ended(task)

    def _cancelled(self, task: Task) -> None:
        """Stopped by a lock or a close: nothing more is shown."""
        if task is self.task:
            self._ended(task)

    def _ended(self, task: Task) -> None:
        if task is not self.task:
            return
        self.task = None
        self._sending = False
        self.result_bar.hide()
        if self.isVisible() and self.page() == RESULT:
            self._show(RESULT)  # Close instead of Cancel
        self.ended.emit()
        self._dispose_when_idle()

    # ----- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape or closing: a no to the verifier (it is told so, nothing else). Refused while
        the answer is being sent (it cannot be taken back half-way), unless the wallet is
        being locked."""
        if self._sending and self.task is not None and not self._released:
            return
        if self.handover is not None:
            self.handover.refuse()
        super().reject()

    def release(self) -> None:
        """The wallet is being locked: close, whatever runs (its late answer is dropped)."""
        self._released = True
        if self.handover is not None:
            self.handover.refuse()
        self.task = None  # the lock dropped its op: nothing it says arrives
        self.reject()

    def _dispose_when_idle(self) -> None:
        if not self.isVisible() and self.task is None:
            self.deleteLater()


# ----- the ways in -------------------------------------------------------------------------------


class RespondActions(QtCore.QObject):
    """File → Answer a Verifier…, and what the import flow and the launcher hand over: one
    respond dialog at a time. `closed` when it closes (handed-over requests wait for it)."""

    closed = Signal()

    def __init__(self, window: MainWindow, store_getter: StoreGetter | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.store_getter: StoreGetter = store_getter or (lambda: window.store)
        self.dialog: RespondDialog | None = None
        window.attach(menus.RESPOND, {"respond_action": self.open_dialog})
        window.responder = self
        window.locked.connect(self.forget)

    def is_busy(self) -> bool:
        """A respond dialog is open."""
        return self.dialog is not None

    def open_dialog(self) -> RespondDialog | None:
        """File → Answer a Verifier…: the first page takes the link."""
        return self._open("", "")

    def open_request(self, link: str, *, where: str = "") -> RespondDialog | None:
        """A request pasted, dropped or launched: read at once (the consent screen comes
        before anything from the wallet is sent). From a QR picture (`where` names it): the
        first page shows it and waits for Continue."""
        return self._open(link, where)

    def _open(self, link: str, where: str) -> RespondDialog | None:
        if self.store_getter() is None:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            if link:
                show_message(
                    self.dialog,
                    self.tr("Answer a verifier"),
                    self.tr("Finish or close the verifier's request that is open, then try again."),
                    icon=Icon.Information,
                )
            return None
        dialog = RespondDialog(self.window, link, where=where)
        dialog.finished.connect(lambda _result, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: RespondDialog) -> None:
        if dialog is self.dialog:
            self.dialog = None
            self.closed.emit()

    def forget(self) -> None:
        """The wallet was locked: the dialog goes, and with it any question to the learner."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.release()


def install_respond_actions(window: MainWindow, store_getter: StoreGetter) -> RespondActions:
    """What `app.Session` calls: File → Answer a Verifier… and the hand-over point for
    requests pasted, dropped, scanned or launched (`window.responder`)."""
    return RespondActions(window, store_getter)
