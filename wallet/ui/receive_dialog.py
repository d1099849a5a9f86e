"""File → Receive from an Issuer…: a credential straight from the issuer that offers it.

Why a consent screen: an offer link is a stranger's text, and redeeming it sends the issuer the
offer's code and a proof made with the learner's key. So the wallet first reads the offer and
the issuer's metadata (nothing secret is sent for those), then shows the name the issuer gives
itself (plain text), the host the wallet really talks to, whether the issuer is on the
learner's trust list (in plain words) and what it offers, with a masked field for the
transaction code when the offer needs one. Only Receive lets the use case go on; what arrives is
imported and checked like any file, each line shows its verdict, and the list gains just those
rows (the op's change set).

The hand-over: `wallet.actions.receiving.receive` runs as one background op (`ops.run_op`, on
a connection of its own) and calls `confirm(offered)` on the worker thread. `Handover` carries
that question to the GUI thread (a queued signal) and makes the worker wait for the learner's
answer; Cancel, closing the dialog or a lock is a no, so nothing is sent. One op from offer to
credential: what the learner agreed to is exactly what the wallet then talks to.

A VC-API exchange may ask a second question once the learner agreed to take part: to see some of
their credentials first (QueryByExample). The same hand-over brings it to its own page: the host,
the exchange's own words (plain text) and the titles of exactly the credentials that would be
shown. Only "Show them" sends them; "Don't show" (the default, also Enter), Escape, closing and
a lock send nothing more, and nothing is received.

Ways in: the File menu (the first page takes the link), a pasted or dropped offer link and a QR
picture holding one (`import_flow`; a picture only fills the first page: choosing a picture is
not choosing to contact its issuer), and `openid-credential-offer://` launches, which
`single_instance` hands to the running app like files.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wallet.store import WalletStore
from wallet.ui import icons, menus
from wallet.ui.crash import log_line
from wallet.ui.messages import Icon, capital, sentence, show_message, text_of
from wallet.ui.ops import run_op
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.result_list import ResultList
from wallet.ui.widgets import (
    ErrorLabel,
    busy_bar,
    caption_grid,
    line_edit,
    plain_label,
    set_font,
)
from wallet.ui.workers import Progress, Task

if TYPE_CHECKING:
    from wallet.actions.exchanging import Asked
    from wallet.actions.receiving import Offered, Received
    from wallet.importer import ItemResult
    from wallet.ui.main_window import MainWindow

StoreGetter = Callable[[], WalletStore | None]

POLL_S = 0.05  # how often a worker waiting for the learner looks whether its op was cancelled
LOGO_SIZE = 48
MAX_LISTED = 6  # offered credentials named on the consent screen; the rest are counted
# The dialog's pages, by name (tests read `page()`).
LINK, READING, CONSENT, SHARE, RESULT = "link", "reading", "consent", "share", "result"


# ----- what the ways in share (no heavy imports until called) --------------------------------


def is_offer(text: str) -> bool:
    """Whether pasted, dropped, scanned or launched text is an issuer's credential offer or an
    exchange link (DCC request, interaction URL): the one test every way in uses."""
    from wallet.receive import links

    return links.kind(text) is not None


def offer_host(text: str) -> str | None:
    """The host the wallet first connects to for this offer (the issuer's, or the host holding
    an offer given by reference); None when the text is not a readable offer."""
    from wallet.receive import ReceiveError, links
    from wallet.receive.offer import parse_offer_link

    try:
        if links.kind(text) == links.EXCHANGE:
            target = links.parse_link(text)
            address = (
                target.request_url
                if isinstance(target, links.DccRequest)
                else target.url
                if isinstance(target, links.Interaction)
                else target.vcapi or target.offer
            )
        else:
            link = parse_offer_link(text)
            address = link.offer.credential_issuer if link.offer is not None else link.offer_uri
    except ReceiveError:
        return None
    try:
        return urlsplit(address or "").hostname
    except ValueError:
        return None


# ----- the worker's questions ------------------------------------------------------------------


class Handover(QtCore.QObject):
    """The worker's questions to the learner, asked on the GUI thread.

    `confirm` runs on the worker: it emits `asked(question)` (delivered queued, on the GUI
    thread, where this object lives) and waits until `answer` is called, or until the op is
    cancelled, which is a no. An exchange may ask twice (take part at all, then show
    credentials): each question waits for its own answer, and `refuse` (Cancel, closing, a
    lock) is a no to the one asked and to any still to come. `arrived(result)` carries each
    result line to the GUI thread. The transaction code stays here only between the answer
    and the token request."""

    asked = Signal(object)  # Offered or Asked
    arrived = Signal(object)  # ItemResult
    browse = Signal(str)  # the issuer's sign-in page, for the learner's browser

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._answered = threading.Event()
        self._yes = False
        self._refused = False
        self._code: str | None = None

    def confirm(self, question: Offered | Asked, progress: Progress) -> bool:
        with self._lock:
            if self._refused:
                return False
            self._answered.clear()
            self._yes = False
        self.asked.emit(question)
        while not self._answered.wait(POLL_S):
            if progress.cancelled:
                return False
        with self._lock:
            return self._yes and not self._refused and not progress.cancelled

    def tx_code(self, _offered: Offered) -> str | None:
        code, self._code = self._code, None
        return code

    def open_browser(self, url: str) -> None:
        """The use case wants the issuer's sign-in page shown (worker thread): the GUI thread
        opens it."""
        self.browse.emit(url)

    def answer(self, yes: bool, code: str | None = None) -> None:
        """The learner's answer to the question asked (GUI thread); only the first counts."""
        with self._lock:
            if self._answered.is_set() or self._refused:
                return
            self._yes = yes
            self._code = code if yes else None
            self._answered.set()

    def refuse(self) -> None:
        """Cancel, closing or a lock (GUI thread): no, now and to every later question."""
        with self._lock:
            self._refused = True
            self._yes = False
            self._code = None
            self._answered.set()


def _receive(store: WalletStore, text: str, handover: Handover, progress: Progress) -> Received:
    """The op: the use case, asking the learner through `handover` (worker thread)."""
    from wallet.actions.exchanging import receive_exchange

    return receive_exchange(
        store,
        text,
        confirm=lambda question: handover.confirm(question, progress),
        ask_tx_code=handover.tx_code,
        progress=handover.arrived.emit,
        log=log_line,
        open_browser=handover.open_browser,
        cancelled=lambda: progress.cancelled,
    )


# ----- the dialog ------------------------------------------------------------------------------


class ReceiveDialog(QtWidgets.QDialog):
    """The link (when none was given), the wait while the offer is read, the consent screen,
    the question whether to show credentials (when an exchange asks), then the result lines.
    `ended` is emitted once its op is over (tests wait for it)."""

    ended = Signal()

    def __init__(
        self,
        window: MainWindow,
        offer_text: str = "",
        *,
        where: str = "",
    ) -> None:
        """`offer_text` given without `where`: read it at once (a paste, a drop, a launch).
        With `where` (a QR picture) or without a text (the menu) the first page asks."""
        super().__init__(window)
        self.main = window
        self.setObjectName("receive_dialog")
        self.setWindowTitle(self.tr("Receive from an issuer"))
        self.task: Task | None = None
        self.handover: Handover | None = None
        self.offer_text = ""
        self.host = ""
        self.offered: Offered | None = None
        self.asking: Asked | None = None  # what an exchange asks to see, while it asks
        self.received: Received | None = None
        self.failure: str | None = None
        self.results: list[ItemResult] = []
        self._sending = False
        self._stoppable = False  # while sending: Cancel may stop it (a sign-in being waited for)
        self._released = False  # the wallet is being locked: close whatever runs

        self.pages = QtWidgets.QStackedWidget()
        self._pages: dict[str, QtWidgets.QWidget] = {}
        self._build_link_page(offer_text, where)
        self._build_reading_page()
        self._build_consent_page()
        self._build_share_page()
        self._build_result_page()

        self.buttons = QtWidgets.QDialogButtonBox()
        self.go_button = self.buttons.addButton(
            self.tr("Continue"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_button.setObjectName("receive_go")
        self.go_button.setDefault(True)
        self.go_button.clicked.connect(self._go)
        # One button says Cancel, then Close once it is over (a box whose buttons are all
        # hidden for a moment would lose its height).
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("receive_cancel")
        self.cancel_button.clicked.connect(self.reject)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.resize(600, 400)  # fits a 1024x600 screen with room to spare
        self.finished.connect(lambda _result: self._dispose_when_idle())

        if offer_text.strip() and not where:
            self.start(offer_text)
        else:
            self._show(LINK)

    # ----- pages -----------------------------------------------------------------------------

    def _page(self, name: str) -> tuple[QtWidgets.QWidget, QtWidgets.QVBoxLayout]:
        page = QtWidgets.QWidget()
        page.setObjectName(f"receive_{name}_page")
        layout = QtWidgets.QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(page)
        self._pages[name] = page
        return page, layout

    def _heading(self, text: str, name: str) -> QtWidgets.QLabel:
        label = plain_label(text, name)
        set_font(label, scale=1.2, bold=True)
        return label

    def _note(self, text: str, name: str) -> QtWidgets.QLabel:
        label = plain_label(text, name)
        label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        return label

    def _build_link_page(self, offer_text: str, where: str) -> None:
        _page, layout = self._page(LINK)
        layout.addWidget(
            self._heading(self.tr("Receive a credential from an issuer"), "link_title")
        )
        layout.addWidget(
            plain_label(
                self.tr(
                    "Paste the link your school or issuer gave you for adding the credential "
                    "to a wallet. It starts with openid-credential-offer:// or https://."
                ),
                "link_intro",
            )
        )
        self.where_label = plain_label("", "link_where")
        if where:
            self.where_label.setText(
                self.tr("{where} holds a credential offer.").format(where=capital(where))
            )
        self.where_label.setVisible(bool(where))
        layout.addWidget(self.where_label)
        self.link_field = line_edit(
            "offer_link", self.tr("Offer link"), "openid-credential-offer://\u2026"
        )
        self.link_field.setText(offer_text.strip())
        self.link_field.textChanged.connect(self._link_changed)
        layout.addWidget(self.link_field)
        self.link_error = ErrorLabel("link_error", self.tr("Problem with the link"))
        layout.addWidget(self.link_error)
        self.link_note = self._note("", "link_note")
        layout.addWidget(self.link_note)
        layout.addStretch(1)
        self._link_changed()

    def _build_reading_page(self) -> None:
        _page, layout = self._page(READING)
        layout.addWidget(self._heading(self.tr("Reading the offer\u2026"), "reading_title"))
        self.reading_text = plain_label("", "reading_text")
        layout.addWidget(self.reading_text)
        self.reading_bar = busy_bar("reading_busy", self.tr("Reading the offer"), height=8)
        self.reading_bar.show()
        layout.addWidget(self.reading_bar)
        layout.addStretch(1)

    def _build_consent_page(self) -> None:
        _page, layout = self._page(CONSENT)
        top = QtWidgets.QHBoxLayout()
        self.logo = QtWidgets.QLabel()
        self.logo.setObjectName("issuer_logo")
        self.logo.setFixedSize(LOGO_SIZE, LOGO_SIZE)
        self.logo.hide()
        top.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._heading(self.tr("Receive from this issuer?"), "consent_title"), 1)
        layout.addLayout(top)

        # A grid rather than a form: captions at the top of their rows, and wrapped values
        # given the whole width (a form layout cuts wrapped labels off).
        self.name_value = plain_label("", "issuer_name", self.tr("Name the issuer gives"))
        set_font(self.name_value, bold=True)
        self.host_value = plain_label("", "issuer_host", self.tr("Host the wallet connects to"))
        self.trust_value = plain_label("", "issuer_trust", self.tr("Your trust list"))
        self.offered_value = plain_label("", "offered_credentials", self.tr("What is offered"))
        grid = caption_grid(
            [
                (self.tr("Name it gives:"), self.name_value),
                (self.tr("Connects to:"), self.host_value),
                (self.tr("Trust list:"), self.trust_value),
                (self.tr("Offers:"), self.offered_value),
            ]
        )

        self.code_label = QtWidgets.QLabel(self.tr("&Transaction code:"))
        self.code_field = line_edit("tx_code", self.tr("Transaction code"))
        self.code_field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.code_field.textChanged.connect(self._code_changed)
        self.code_label.setBuddy(self.code_field)
        self.code_hint = plain_label("", "tx_code_hint")
        self.code_said = plain_label("", "tx_code_description", self.tr("What the issuer says"))
        grid.addWidget(self.code_label, 4, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.code_field, 4, 1)
        grid.addWidget(self.code_hint, 5, 1)
        grid.addWidget(self.code_said, 6, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.consent_note = self._note("", "consent_note")
        layout.addWidget(self.consent_note)

    def _build_share_page(self) -> None:
        """The exchange's question: who asks, exactly what would go, and its own words. What
        would go comes before the stranger's text, which cannot push it out of sight; all in a
        scroll area, as an exchange may give many reasons (each cut short by the core)."""
        _page, layout = self._page(SHARE)
        layout.addWidget(self._heading(self.tr("Show your credentials?"), "share_title"))
        self.share_intro = plain_label("", "share_intro")
        layout.addWidget(self.share_intro)

        body = QtWidgets.QWidget()
        self.share_host = plain_label("", "share_host", self.tr("Host the wallet connects to"))
        self.share_reasons = plain_label("", "share_reasons", self.tr("What the exchange says"))
        self.share_titles = plain_label("", "share_credentials", self.tr("What would be shown"))
        set_font(self.share_titles, bold=True)
        grid = caption_grid(
            [
                (self.tr("Connects to:"), self.share_host),
                (self.tr("Would show:"), self.share_titles),
                (self.tr("It says:"), self.share_reasons),
            ],
            body,
        )
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setRowStretch(3, 1)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("share_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.share_note = self._note(
            self.tr(
                "Nothing has been shown yet. Show them sends exactly these credentials, signed "
                "with your wallet's key. Don't show sends nothing more, and nothing is received."
            ),
            "share_note",
        )
        layout.addWidget(self.share_note)

    def _build_result_page(self) -> None:
        _page, layout = self._page(RESULT)
        self.result_title = self._heading("", "result_title")
        layout.addWidget(self.result_title)
        self.result_text = plain_label("", "result_text")
        layout.addWidget(self.result_text)
        self.result_bar = busy_bar("receive_busy", self.tr("Receiving"), height=8)
        layout.addWidget(self.result_bar)
        self.table = ResultList(
            "receive_result_list", self.tr("What the issuer gave"), show_source=False
        )
        self.table.credential_activated.connect(self.main.select_credential)
        layout.addWidget(self.table, 1)
        self.hint = self._note(self.tr("Double-click a credential to show it in the list."), "hint")
        self.hint.hide()
        layout.addWidget(self.hint)
        layout.addStretch(0)  # takes the room while there is no list (a failure)

    # ----- moving between pages ----------------------------------------------------------------

    def page(self) -> str:
        """The page shown: link, reading, consent, share or result."""
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
        self.go_button.setVisible(name in (LINK, CONSENT, SHARE))
        self.go_button.setText(
            self.tr("Receive")
            if name == CONSENT
            else self.tr("Show them")
            if name == SHARE
            else self.tr("Continue")
        )
        over = name == RESULT and not self._sending
        self.cancel_button.setText(
            self.tr("Close")
            if over
            else self.tr("Don't show")
            if name == SHARE
            else self.tr("Cancel")
        )
        self.cancel_button.setEnabled(not self._sending or self._stoppable)
        # Showing credentials is never the default: Enter (like Escape) is "Don't show".
        self.go_button.setDefault(name in (LINK, CONSENT))
        if name == LINK:
            self.link_field.setFocus()
        elif name == CONSENT:
            (self.code_field if not self.code_field.isHidden() else self.go_button).setFocus()
        elif name == SHARE:
            self.cancel_button.setDefault(True)
            self.cancel_button.setFocus()
        elif name == RESULT and not self._sending:
            self.cancel_button.setDefault(True)
            self.cancel_button.setFocus()

    def _link_changed(self) -> None:
        self.link_error.hide()
        host = offer_host(self.link_field.text()) if self.link_field.text().strip() else None
        self.link_note.setText(
            self.tr(
                "Continue connects to {host} to read what it offers. Nothing that redeems the "
                "offer is sent before you agree."
            ).format(host=host)
            if host
            else self.tr(
                "Continue connects to the issuer to read what it offers. Nothing that redeems "
                "the offer is sent before you agree."
            )
        )

    def _go(self) -> None:
        if self.page() == LINK:
            self._continue()
        elif self.page() == CONSENT:
            self._agree()
        elif self.page() == SHARE:
            self._share()

    def _continue(self) -> None:
        """Continue on the first page: the link must be an offer before anything is fetched."""
        from wallet.receive import ReceiveError
        from wallet.receive.offer import parse_offer_link

        text = self.link_field.text().strip()
        if not text:
            self.link_error.say(self.tr("Paste the issuer's link first."))
            return
        try:
            parse_offer_link(text)
        except ReceiveError as e:
            self.link_error.say(sentence(text_of(e)))
            return
        self.start(text)

    # ----- the op --------------------------------------------------------------------------------

    def start(self, text: str) -> Task | None:
        """Read the offer and the issuer's metadata in the background; the consent screen
        comes when the worker asks. None when no wallet is open."""
        self.offer_text = text.strip()
        self.host = offer_host(self.offer_text) or ""
        self.reading_text.setText(
            self.tr(
                "Asking {host} who it is and what it offers. Nothing that redeems the offer is "
                "sent yet."
            ).format(host=self.host)
            if self.host
            else self.tr("Reading what the link holds.")
        )
        handover = Handover(self)
        handover.asked.connect(lambda offered, h=handover: self._asked(h, offered))
        handover.arrived.connect(lambda result, h=handover: self._arrived(h, result))
        handover.browse.connect(lambda url, h=handover: self._browse(h, url))
        self.handover = handover
        mine: list[Task] = []
        text = self.offer_text
        task = run_op(
            self.main,
            lambda store, progress: _receive(store, text, handover, progress),
            progress_text="",
            on_done=lambda received: self._done(mine[0], received),
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

    def _asked(self, handover: Handover, question: Offered | Asked) -> None:
        """The worker asks (GUI thread): show who and what, or say no if nobody is here."""
        from wallet.actions.exchanging import Asked

        if handover is not self.handover or not self.isVisible() or self._released:
            handover.refuse()
            return
        if isinstance(question, Asked):
            self.show_asked(question)
        else:
            self.show_offer(question)

    def show_asked(self, asked: Asked) -> None:
        """The exchange's question whether to show credentials ("Show them" answers the
        waiting worker). Nothing is being sent meanwhile, so Cancel and Escape work again."""
        self.asking = asked
        self._sending = self._stoppable = False
        self.result_bar.hide()
        self.share_intro.setText(
            self.tr(
                "Before it gives you anything, the exchange at {host} asks to see credentials "
                "from your wallet."
            ).format(host=asked.host)
        )
        self.share_host.setText(asked.host)
        self.share_reasons.setText(
            "\n".join(self.tr("\u201c{text}\u201d").format(text=r) for r in asked.reasons)
            if asked.reasons
            else self.tr("(it gives no reason)")
        )
        self.share_titles.setText(
            "\n".join(asked.credentials)
            if asked.credentials
            else self.tr("None of your credentials: only a proof that this wallet holds its key")
        )
        self._show(SHARE)

    def show_offer(self, offered: Offered) -> None:
        """The consent screen for `offered` (its Receive answers the waiting worker)."""
        self.offered = offered
        self.host = offered.host
        self.name_value.setText(offered.name if offered.name else self.tr("(it gives no name)"))
        self.name_value.setToolTip(plain_tip(offered.issuer_id))
        self.host_value.setText(offered.host)
        self.host_value.setToolTip(plain_tip(offered.issuer_id))
        self.trust_value.setText(
            self.tr("On your list of trusted issuers.")
            if offered.trusted
            else self.tr(
                "Not on your list of trusted issuers. What it gives you is marked with a "
                "warning until you trust it."
            )
        )
        if offered.signed_by:
            self.trust_value.setText(
                self.trust_value.text()
                + "\n"
                + self.tr("Its details are signed by {did}.").format(did=offered.signed_by)
            )
        names = list(offered.credentials[:MAX_LISTED])
        if len(offered.credentials) > MAX_LISTED:
            names.append(
                self.tr("and {count} more").format(count=len(offered.credentials) - MAX_LISTED)
            )
        self.offered_value.setText("\n".join(names))
        self._show_logo(offered.logo)
        self.consent_note.setText(
            self.tr(
                "Nothing has been sent to the issuer yet. Receive opens the issuer's sign-in "
                "page in your web browser; once you have signed in there, the wallet asks the "
                "issuer for what it offers, bound to your wallet's key, and checks it like any "
                "import."
            )
            if offered.sign_in
            else self.tr(
                "Nothing has been sent to the issuer yet. Receive sends it the offer's code "
                "and a proof made with your wallet's key, and adds what it gives you to "
                "your wallet, checked like any import."
            )
        )
        code = None if offered.sign_in else offered.tx_code
        for widget in (self.code_label, self.code_field, self.code_hint):
            widget.setVisible(code is not None)
        self.code_said.setVisible(code is not None and bool(code.description))
        if code is not None:
            self.code_field.clear()
            numeric = code.input_mode == "numeric"
            self.code_field.setValidator(
                QtGui.QRegularExpressionValidator(QtCore.QRegularExpression(r"[0-9]*"), self)
                if numeric
                else None
            )
            self.code_field.setInputMethodHints(
                Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
                if numeric
                else Qt.InputMethodHint.ImhSensitiveData
            )
            self.code_field.setMaxLength(code.length or 64)
            if code.length and numeric:
                hint = self.tr(
                    "The issuer sent you this code separately, for example by e-mail or text "
                    "message: {length} digits."
                ).format(length=code.length)
            elif code.length:
                hint = self.tr(
                    "The issuer sent you this code separately, for example by e-mail or text "
                    "message: {length} characters."
                ).format(length=code.length)
            else:
                hint = self.tr(
                    "The issuer sent you this code separately, for example by e-mail or text "
                    "message."
                )
            self.code_hint.setText(hint)
            self.code_said.setText(
                self.tr("The issuer says: \u201c{text}\u201d").format(text=code.description)
                if code.description
                else ""
            )
        self._show(CONSENT)
        self._code_changed()

    def _show_logo(self, logo: str | None) -> None:
        """The issuer's logo only when the metadata carries it as a data: URI: a logo at an
        address is never fetched (that would tell its server the offer was opened)."""
        image = icons.badge_image(logo, None, LOGO_SIZE) if logo else None
        if image is None:
            self.logo.hide()
            return
        self.logo.setPixmap(QtGui.QPixmap.fromImage(image))
        self.logo.show()

    def _code_changed(self) -> None:
        if self.page() == CONSENT:
            needed = (
                self.offered is not None
                and self.offered.tx_code is not None
                and not self.offered.sign_in
            )
            self.go_button.setEnabled(not needed or bool(self.code_field.text().strip()))

    def _agree(self) -> None:
        """Receive: the worker goes on, with the code typed (read once, then cleared)."""
        handover = self.handover
        if handover is None or self.offered is None or not self.go_button.isEnabled():
            return
        code = self.code_field.text().strip() if self.offered.tx_code is not None else None
        self.code_field.clear()
        self._sending = True
        self._stoppable = self.offered.sign_in
        self.result_title.setText(self.tr("Receiving\u2026"))
        self.result_text.setText(
            self.tr("Opening the issuer's sign-in page in your web browser.")
            if self.offered.sign_in
            else self.tr("Asking {host} for what it offers.").format(host=self.host)
        )
        self.result_bar.show()
        self.table.clear()
        self.table.hide()
        self._show(RESULT)
        handover.answer(True, code or None)

    def _share(self) -> None:
        """Show them: the worker sends the presentation and receives what the exchange gives."""
        handover, asked = self.handover, self.asking
        if handover is None or asked is None:
            return
        self.asking = None
        self._sending = True
        self._stoppable = False
        self.result_title.setText(self.tr("Receiving\u2026"))
        self.result_text.setText(
            self.tr("Showing your credentials to {host} and asking it for what it gives.").format(
                host=asked.host
            )
        )
        self.result_bar.show()
        self._show(RESULT)
        handover.answer(True)

    def _arrived(self, handover: Handover, result: ItemResult) -> None:
        if handover is self.handover:
            self.results.append(result)
            self._add_line(result)
            self.table.show()

    def _browse(self, handover: Handover, url: str) -> None:
        """Show the issuer's sign-in page in the learner's browser (only a web address: the
        issuer chose it). The worker waits for the sign-in, or for Cancel."""
        address = QtCore.QUrl(url)
        if (
            handover is not self.handover
            or not self.isVisible()
            or address.scheme().lower() not in ("https", "http")
        ):
            return
        self.result_text.setText(
            self.tr(
                "Sign in on the issuer's page in your web browser. The wallet waits for the "
                "issuer's answer; Cancel stops waiting."
            )
        )
        QtGui.QDesktopServices.openUrl(address)

    def _add_line(self, result: ItemResult) -> None:
        self.table.add(result)

    def lines(self) -> list[tuple[str, str, str]]:
        """The result lines as shown (tests, accessibility checks)."""
        return self.table.lines()

    def _done(self, task: Task, received: Received) -> None:
        if task is not self.task:
            return
        self.received = received
        if received.declined:
            self._ended(task)
            if self.isVisible() and not self._sending:
                super().reject()  # nobody was asked (closed meanwhile): nothing was sent
            return
        self._show_results(list(received.results))
        self._ended(task)

    def _show_results(self, results: list[ItemResult]) -> None:
        """The result page once the op is over: a summary, one line per credential."""
        from wallet.actions.receiving import PENDING
        from wallet.importer import DUPLICATE, FAILED, IMPORTED

        self.results = results
        self.table.clear()
        for result in self.results:
            self._add_line(result)
        counts = {
            s: sum(1 for r in self.results if r.status == s)
            for s in (IMPORTED, DUPLICATE, PENDING, FAILED)
        }
        if counts[IMPORTED] and counts[IMPORTED] == len(self.results):
            title = self.tr("Received")
        elif counts[IMPORTED] or counts[DUPLICATE]:
            title = self.tr("Received in part")
        elif counts[PENDING]:
            title = self.tr("Coming later")
        else:
            title = self.tr("Nothing was added")
        self.result_title.setText(title)
        self.result_text.setText(
            self.tr(
                "{added} added to your wallet, {pending} to come later, {duplicate} already "
                "there, {failed} not added."
            ).format(
                added=counts[IMPORTED],
                pending=counts[PENDING],
                duplicate=counts[DUPLICATE],
                failed=counts[FAILED],
            )
            if counts[PENDING]
            else self.tr(
                "{added} added to your wallet, {duplicate} already there, {failed} not added."
            ).format(added=counts[IMPORTED], duplicate=counts[DUPLICATE], failed=counts[FAILED])
        )
        self.table.setVisible(bool(self.results))
        self.hint.setVisible(any(r.id for r in self.results))
        new = [r.id for r in self.results if r.status == IMPORTED and r.id]
        if new:
            self.main.select_credential(new[0])

    def _failed(self, task: Task, message: str) -> None:
        """One plain sentence; the wallet keeps what it had (the list shows any line that
        went in before a failure part-way)."""
        if task is not self.task:
            return
        self.failure = sentence(message)
        if self.results and self.main.store is not None:
            from wallet.actions.importing import changes_of

            self.main.apply_changes(changes_of(self.main.store, self.results))
        self.result_title.setText(self.tr("Nothing was received"))
        self.result_text.setText(self.failure)
        self.table.setVisible(bool(self.results))
        self._show(RESULT)
        self._ended(task)

    def _cancelled(self, task: Task) -> None:
        """Stopped (Cancel while waiting for a sign-in, or a lock): whatever arrived before
        stays in the wallet, and the list shows it."""
        if task is not self.task:
            return
        if self.results and self.main.store is not None:
            from wallet.actions.importing import changes_of

            self.main.apply_changes(changes_of(self.main.store, self.results))
        self._ended(task)

    def _ended(self, task: Task) -> None:
        if task is not self.task:
            return
        self.task = None
        self._sending = self._stoppable = False
        self.result_bar.hide()
        if self.isVisible() and self.page() == RESULT:
            self._show(RESULT)  # Close instead of Cancel
        self.ended.emit()
        self._dispose_when_idle()

    # ----- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc or closing: a no to the issuer. Refused while the wallet is being given
        the credentials (stopping half-way would leave it unsure what went in), unless it is
        still waiting for a sign-in or the wallet is being locked."""
        if self._sending and not (self._stoppable or self._released):
            return
        if self.handover is not None:
            self.handover.refuse()
        if self.task is not None:
            self.task.cancel()
        super().reject()

    def release(self) -> None:
        """The wallet is being locked: close, whatever runs (its late answer is dropped)."""
        self._released = True
        self.task = None  # the lock dropped its op: nothing it says arrives
        self.reject()

    def _dispose_when_idle(self) -> None:
        if not self.isVisible() and self.task is None:
            self.deleteLater()


# ----- the ways in -------------------------------------------------------------------------------


class ReceiveActions(QtCore.QObject):
    """File → Receive from an Issuer…, and what the import flow and the launcher hand over:
    one receive dialog at a time. `closed` when it closes (handed-over offers wait for it)."""

    closed = Signal()

    def __init__(self, window: MainWindow, store_getter: StoreGetter | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.store_getter: StoreGetter = store_getter or (lambda: window.store)
        self.dialog: ReceiveDialog | None = None
        window.attach(menus.RECEIVE, {"receive_action": self.open_dialog})
        window.receiver = self
        window.locked.connect(self.forget)

    def is_busy(self) -> bool:
        """A receive dialog is open."""
        return self.dialog is not None

    def open_dialog(self) -> ReceiveDialog | None:
        """File → Receive from an Issuer…: the first page takes the link."""
        return self._open("", "")

    def open_offer(self, text: str, *, where: str = "") -> ReceiveDialog | None:
        """An offer pasted, dropped or launched: read at once (the consent screen comes
        before anything that redeems it is sent). From a QR picture (`where` names it): the
        first page shows it and waits for Continue."""
        return self._open(text, where)

    def _open(self, text: str, where: str) -> ReceiveDialog | None:
        if self.store_getter() is None:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            if text:
                show_message(
                    self.dialog,
                    self.tr("Receive from an issuer"),
                    self.tr("Finish or cancel the receive that is open, then try again."),
                    icon=Icon.Information,
                )
            return None
        dialog = ReceiveDialog(self.window, text, where=where)
        dialog.finished.connect(lambda _result, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: ReceiveDialog) -> None:
        if dialog is self.dialog:
            self.dialog = None
            self.closed.emit()

    def forget(self) -> None:
        """The wallet was locked: the dialog goes, and with it any question to the learner."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.release()


def install_receive_actions(window: MainWindow, store_getter: StoreGetter) -> ReceiveActions:
    """What `app.Session` calls: File → Receive from an Issuer… and the hand-over point for
    offers pasted, dropped, scanned or launched (`window.receiver`)."""
    return ReceiveActions(window, store_getter)
