"""File → Receive from an Issuer…: a credential straight from the issuer that offers it.

Why a consent screen: an offer link is a stranger's text, and redeeming it sends the issuer the
offer's code and a proof made with the learner's key. So the wallet first reads the offer and
the issuer's metadata (nothing secret is sent for those), then shows the name the issuer gives
itself (plain text), the host the wallet really talks to, whether the issuer is on the
learner's trust list (in plain words) and what it offers, with a masked field for the
transaction code when the offer needs one. Only Receive lets the use case go on; what arrives is
imported and checked like any file, each line shows its verdict, and the list gains just those
rows (the op's change set).

The hand-over (`link_dialog`, which the respond dialog shares): `wallet.actions.receiving.receive`
runs as one background op (`ops.run_op`, on a connection of its own) and calls
`confirm(offered)` on the worker thread. `ReceiveHandover` carries that question to the GUI
thread (a queued signal) and makes the worker wait for the learner's answer; Cancel, closing the
dialog or a lock is a no, so nothing is sent. One op from offer to credential: what the learner
agreed to is exactly what the wallet then talks to.

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

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wallet.store import WalletStore
from wallet.ui import icons, link_dialog, menus
from wallet.ui.crash import log_line
from wallet.ui.link_dialog import CONSENT, LinkActions, LinkDialog, StoreGetter
from wallet.ui.link_dialog import LINK as LINK  # the pages, named from here as before
from wallet.ui.link_dialog import READING as READING
from wallet.ui.link_dialog import RESULT as RESULT
from wallet.ui.messages import sentence, text_of
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.result_list import ResultList
from wallet.ui.widgets import caption_grid, line_edit, plain_label, set_font
from wallet.ui.workers import Progress, Task

if TYPE_CHECKING:
    from wallet.actions.exchanging import Asked
    from wallet.actions.receiving import Offered, Received
    from wallet.importer import ItemResult
    from wallet.ui.main_window import MainWindow

LOGO_SIZE = 48
MAX_LISTED = 6  # offered credentials named on the consent screen; the rest are counted
# The dialog's own page, by name (tests read `page()`), beside link_dialog's.
SHARE = "share"


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


class ReceiveHandover(link_dialog.Handover):
    """The hand-over (`link_dialog.Handover`), with what receiving adds: `confirm` asks whether
    to take part (an Offered) or, in an exchange, whether to show credentials (an Asked); a yes
    carries the transaction code typed ("" for none), which stays here only between the answer
    and the token request. `arrived(result)` carries each result line to the GUI thread, and
    `browse(url)` the issuer's sign-in page."""

    arrived = Signal(object)  # ItemResult
    browse = Signal(str)  # the issuer's sign-in page, for the learner's browser

    def confirm(self, question: Offered | Asked, progress: Progress) -> bool:
        return self.ask(question, progress) is not None

    def tx_code(self, _offered: Offered) -> str | None:
        """The code typed with the yes, handed over once."""
        with self._lock:
            code, self._answer = self._answer, None
        return code if isinstance(code, str) and code else None

    def open_browser(self, url: str) -> None:
        """The use case wants the issuer's sign-in page shown (worker thread): the GUI thread
        opens it."""
        self.browse.emit(url)


# ----- the dialog ------------------------------------------------------------------------------


class ReceiveDialog(LinkDialog):
    """The link (when none was given), the wait while the offer is read, the consent screen,
    the question whether to show credentials (when an exchange asks), then the result lines.
    `ended` is emitted once its op is over (tests wait for it)."""

    def __init__(
        self,
        window: MainWindow,
        offer_text: str = "",
        *,
        where: str = "",
    ) -> None:
        """`offer_text` given without `where`: read it at once (a paste, a drop, a launch).
        With `where` (a QR picture) or without a text (the menu) the first page asks."""
        super().__init__(
            window,
            offer_text,
            where,
            name="receive",
            min_width=460,
            size=(600, 400),  # fits a 1024x600 screen with room to spare
            go_default=True,
        )
        self.setWindowTitle(self.tr("Receive from an issuer"))
        self.offered: Offered | None = None
        self.asking: Asked | None = None  # what an exchange asks to see, while it asks
        self.received: Received | None = None
        self.results: list[ItemResult] = []
        self._begin(offer_text, where)

    # ----- pages -----------------------------------------------------------------------------

    def _build_pages(self, text: str, where: str) -> None:
        self._build_link_page(
            text,
            where,
            heading=self.tr("Receive a credential from an issuer"),
            intro=self.tr(
                "Paste the link your school or issuer gave you for adding the credential "
                "to a wallet. It starts with openid-credential-offer:// or https://."
            ),
            where_text=self.tr("{where} holds a credential offer."),
            field=line_edit(
                "offer_link", self.tr("Offer link"), "openid-credential-offer://\u2026"
            ),
            notes=(
                self.tr(
                    "Continue connects to {host} to read what it offers. Nothing that redeems "
                    "the offer is sent before you agree."
                ),
                self.tr(
                    "Continue connects to the issuer to read what it offers. Nothing that "
                    "redeems the offer is sent before you agree."
                ),
            ),
        )
        self._build_reading_page(
            self.tr("Reading the offer\u2026"),
            self.tr("Reading the offer"),
            notes=(
                self.tr(
                    "Asking {host} who it is and what it offers. Nothing that redeems the offer "
                    "is sent yet."
                ),
                self.tr("Reading what the link holds."),
            ),
        )
        self._build_consent_page()
        self._build_share_page()
        self._build_result_page()

    def _build_consent_page(self) -> None:
        layout = self._page(CONSENT)
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
        layout = self._page(SHARE)
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
        layout.addWidget(link_dialog.scroll_area("share_scroll", body), 1)
        self.share_note = self._note(
            self.tr(
                "Nothing has been shown yet. Show them sends exactly these credentials, signed "
                "with your wallet's key. Don't show sends nothing more, and nothing is received."
            ),
            "share_note",
        )
        layout.addWidget(self.share_note)

    def _build_result_page(self) -> None:
        layout = self._result_page(self.tr("Receiving"))
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

    def _go_text(self, page: str) -> str | None:
        if page == CONSENT:
            return self.tr("Receive")
        if page == SHARE:
            return self.tr("Show them")
        return super()._go_text(page)

    def _cancel_text(self, page: str) -> str:
        return self.tr("Don't show") if page == SHARE else super()._cancel_text(page)

    def _focus_of(
        self, page: str, over: bool
    ) -> tuple[QtWidgets.QPushButton | None, QtWidgets.QWidget | None]:
        # Showing credentials is never the default: Enter (like Escape) is "Don't show".
        if page == CONSENT:
            return self.go_button, (
                self.code_field if not self.code_field.isHidden() else self.go_button
            )
        if page == SHARE:
            return self.cancel_button, self.cancel_button
        return super()._focus_of(page, over)

    def _host_of(self, text: str) -> str | None:
        return offer_host(text)

    def _go_on(self, page: str) -> None:
        if page == CONSENT:
            self._agree()
        elif page == SHARE:
            self._share()

    def _link_problem(self, text: str) -> str | None:
        from wallet.receive import ReceiveError
        from wallet.receive.offer import parse_offer_link

        if not text:
            return self.tr("Paste the issuer's link first.")
        try:
            parse_offer_link(text)
        except ReceiveError as e:
            return sentence(text_of(e))
        return None

    # ----- the op --------------------------------------------------------------------------------

    def _handover(self) -> ReceiveHandover:
        handover = ReceiveHandover(self)
        handover.arrived.connect(lambda result, h=handover: self._arrived(h, result))
        handover.browse.connect(lambda url, h=handover: self._browse(h, url))
        return handover

    @staticmethod
    def _work(
        store: WalletStore, link: str, handover: ReceiveHandover, progress: Progress
    ) -> Received:
        from wallet.actions.exchanging import receive_exchange

        return receive_exchange(
            store,
            link,
            confirm=lambda question: handover.confirm(question, progress),
            ask_tx_code=handover.tx_code,
            progress=handover.arrived.emit,
            log=log_line,
            open_browser=handover.open_browser,
            cancelled=lambda: progress.cancelled,
        )

    def _show_question(self, question: object) -> None:
        from wallet.actions.exchanging import Asked

        if isinstance(question, Asked):
            self.show_asked(question)
        else:
            self.show_offer(question)  # an Offered

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
        self.table.clear()
        self.table.hide()
        self._send(
            handover,
            code or "",
            self.tr("Receiving\u2026"),
            self.tr("Opening the issuer's sign-in page in your web browser.")
            if self.offered.sign_in
            else self.tr("Asking {host} for what it offers.").format(host=self.host),
            stoppable=self.offered.sign_in,
        )

    def _share(self) -> None:
        """Show them: the worker sends the presentation and receives what the exchange gives."""
        handover, asked = self.handover, self.asking
        if handover is None or asked is None:
            return
        self.asking = None
        self._send(
            handover,
            "",
            self.tr("Receiving\u2026"),
            self.tr("Showing your credentials to {host} and asking it for what it gives.").format(
                host=asked.host
            ),
        )

    def _arrived(self, handover: link_dialog.Handover, result: ItemResult) -> None:
        if handover is self.handover:
            self.results.append(result)
            self._add_line(result)
            self.table.show()

    def _browse(self, handover: link_dialog.Handover, url: str) -> None:
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
            self._end_unasked(task)
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
        if task is self.task:
            self._keep_arrived()
            self.table.setVisible(bool(self.results))
        self._fail(task, message, self.tr("Nothing was received"))

    def _cancelled(self, task: Task) -> None:
        """Stopped (Cancel while waiting for a sign-in, or a lock): whatever arrived before
        stays in the wallet, and the list shows it."""
        if task is self.task:
            self._keep_arrived()
        super()._cancelled(task)

    def busy_text(self) -> str:
        return self.tr("Finish or cancel the receive that is open, then try again.")

    def _keep_arrived(self) -> None:
        """The lines that went in before the op stopped: the list gains them."""
        if self.results and self.main.store is not None:
            from wallet.actions.importing import changes_of

            self.main.apply_changes(changes_of(self.main.store, self.results))


# ----- the ways in -------------------------------------------------------------------------------


class ReceiveActions(LinkActions):
    """File → Receive from an Issuer…, and what the import flow and the launcher hand over:
    one receive dialog at a time. `closed` when it closes (handed-over offers wait for it)."""

    MENU, ACTION, DIALOG = menus.RECEIVE, "receive_action", ReceiveDialog
    open_offer = LinkActions.open_link  # what the import flow and the launcher call


def install_receive_actions(window: MainWindow, store_getter: StoreGetter) -> ReceiveActions:
    """What `app.Session` calls: the menu command, and `window.receiver` for offers."""
    actions = window.receiver = ReceiveActions(window, store_getter)
    return actions
