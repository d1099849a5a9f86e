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

The hand-over is the receive dialog's (`link_dialog`): `wallet.actions.responding.respond` runs
as one background op (`ops.run_op`) and calls `decide(asked)` on the worker thread; `Handover`
carries the question to the GUI thread and makes the worker wait for the learner's picks (or
None, a no). What the learner agreed to is exactly what the op then sends.

Ways in: the File menu (the first page takes the link), a pasted or dropped request link and a
QR picture holding one (`import_flow`; a picture only fills the first page: choosing a picture
is not choosing to contact the verifier), and `openid4vp://` (`haip-vp://`,
`eudi-openid4vp://`) launches, which `single_instance` hands to the running app.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast
from urllib.parse import parse_qsl, urlsplit

from wallet.store import WalletStore
from wallet.ui import icons, link_dialog, menus
from wallet.ui.link_dialog import CONSENT, LINK, RESULT, LinkActions, LinkDialog, StoreGetter
from wallet.ui.messages import text_of
from wallet.ui.models import verdict_label
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets
from wallet.ui.widgets import column, line_edit, plain_label, set_font
from wallet.ui.workers import Progress, Task

if TYPE_CHECKING:
    from wallet.actions.responding import Asked, Option, Picks, Responded, Wanted
    from wallet.ui.main_window import MainWindow

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


# ----- who asks, caption by caption ----------------------------------------------------------


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


def claim_lines(option: Option) -> list[str]:
    """What the option reveals in words a learner reads ("Given name", not `given_name`), in
    the window's language; the core's words where it gave them, else read from the paths."""
    if len(option.words) == len(option.shown):
        return [text_of(w) for w in option.words]
    from wallet.present.claim_words import claim_words

    return [text_of(claim_words(path)) for path in option.shown]


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
                + "".join(f"\n\u2022 {breakable(words)}" for words in claim_lines(option)),
                "option_reveals",
                self.tr("What the verifier would see"),
            )
            self.reveals.setToolTip(plain_tip("\n".join(option.shown)))  # the raw claim paths
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


def _fitting(window: QtWidgets.QWidget) -> tuple[int, int]:
    """The dialog's own size, or what the screen has room for (a 1024x600 netbook too): the
    consent screen scrolls rather than growing past it."""
    screen = window.screen() or QtGui.QGuiApplication.primaryScreen()
    width, height = DIALOG_SIZE
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - SCREEN_MARGIN[0])
        height = min(height, room.height() - SCREEN_MARGIN[1])
    return width, height


class RespondDialog(LinkDialog):
    """The link (when none was given), the wait while the request is read and checked, the
    consent screen, then the outcome. `ended` is emitted once its op is over (tests wait)."""

    # Closing lets the op go on: it tells the verifier no.
    STOP_ON_CLOSE = False

    def __init__(self, window: MainWindow, link: str = "", *, where: str = "") -> None:
        """`link` given without `where`: read it at once (a paste, a drop, a launch). With
        `where` (a QR picture) or without a link (the menu) the first page asks."""
        super().__init__(window, link, where, name="respond", min_width=420, size=_fitting(window))
        self.setWindowTitle(self.tr("Answer a verifier"))
        self.asked: Asked | None = None
        self.responded: Responded | None = None
        self.outcome: str | None = None
        self.rows: list[list[OptionRow]] = []  # per credential asked for, its options
        self._groups: list[QtWidgets.QButtonGroup] = []
        self._agreed = False  # Share was given: a failure now came after sending
        self._begin(link, where)

    # ----- pages -----------------------------------------------------------------------------

    def _build_pages(self, text: str, where: str) -> None:
        self._build_link_page(
            text,
            where,
            heading=self.tr("Answer a verifier's request"),
            intro=self.tr(
                "Paste the link an employer or another verifier gave you to ask for your "
                "credentials. It starts with openid4vp:// or https://."
            ),
            where_text=self.tr("{where} holds a verifier's request."),
            field=line_edit("request_link", self.tr("Request link"), "openid4vp://\u2026"),
            notes=(
                self.tr(
                    "Continue reads the request from {host} and checks who sent it. Nothing "
                    "from your wallet is shared before you agree."
                ),
                self.tr(
                    "Continue reads the request and checks who sent it. Nothing from your "
                    "wallet is shared before you agree."
                ),
            ),
        )
        self._build_reading_page(
            self.tr("Reading the request\u2026"),
            self.tr("Reading the request"),
            notes=(
                self.tr(
                    "Fetching the request from {host} and checking its signature. Nothing "
                    "from your wallet is sent yet."
                ),
                self.tr("Reading the request. Nothing from your wallet is sent yet."),
            ),
        )
        self._build_consent_page()
        self._build_result_page()

    def _add_buttons(self) -> None:
        self.open_button = self.buttons.addButton(
            self.tr("Open the Verifier's Page"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("respond_open_page")
        self.open_button.clicked.connect(self._open_page)
        self.open_button.hide()

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

        self.scroll = link_dialog.scroll_area("consent_scroll", body)
        layout.addWidget(self.scroll, 1)
        self.consent_note = self._note("", "consent_note")
        layout.addWidget(self.consent_note)

    def _build_result_page(self) -> None:
        layout = self._result_page(self.tr("Answering the verifier"))
        self.shared_value = plain_label("", "shared_credentials", self.tr("What was shared"))
        self.shared_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shared_value.hide()
        shared, shared_layout = column("result_body", (0, 8, 0, 0))
        shared_layout.addWidget(self.shared_value)
        shared_layout.addStretch(1)
        layout.addWidget(link_dialog.scroll_area("result_scroll", shared), 1)
        self.result_note = self._note("", "result_note")
        self.result_note.hide()
        layout.addWidget(self.result_note)

    # ----- moving between pages ----------------------------------------------------------------

    def _go_text(self, page: str) -> str | None:
        return self.tr("Share") if page == CONSENT else super()._go_text(page)

    def _cancel_text(self, page: str) -> str:
        # One button says Cancel, Decline on the consent screen, then Close once it is over.
        return self.tr("Decline") if page == CONSENT else super()._cancel_text(page)

    def _focus_of(
        self, page: str, over: bool
    ) -> tuple[QtWidgets.QPushButton | None, QtWidgets.QWidget | None]:
        # Sharing is never the default: Enter (like Escape) on the consent screen declines.
        if page == LINK or over:
            return super()._focus_of(page, over)
        return self.cancel_button, (self.cancel_button if page == CONSENT else None)

    def _host_of(self, text: str) -> str | None:
        return request_host(text)

    def _go_on(self, page: str) -> None:
        if page == CONSENT:
            self._share()

    def _link_problem(self, text: str) -> str | None:
        if not text:
            return self.tr("Paste the verifier's link first.")
        if not is_request(text):
            return self.tr(
                "This is not a verifier's request: such a link starts with openid4vp://."
            )
        return None

    def _cancel_clicked(self) -> None:
        if self.page() == CONSENT:
            self._decline()
        else:
            self.reject()

    # ----- the op --------------------------------------------------------------------------------

    @staticmethod
    def _work(
        store: WalletStore, link: str, handover: link_dialog.Handover, progress: Progress
    ) -> Responded:
        from wallet.actions.responding import respond

        return respond(
            store, link, decide=lambda asked: cast("Picks | None", handover.ask(asked, progress))
        )

    def _show_question(self, question: object) -> None:
        self.show_asked(cast("Asked", question))

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
        self._agreed = True
        self._send(
            handover,
            picks,
            self.tr("Sharing\u2026"),
            self.tr("Sending what you chose to {host}.").format(host=asked.host),
        )

    def _decline(self) -> None:
        """Decline: the worker tells the verifier no, and nothing else."""
        handover, asked = self.handover, self.asked
        if handover is None or asked is None:
            return
        self._send(
            handover,
            None,
            self.tr("Declining\u2026"),
            self.tr("Telling {host} that you said no.").format(host=asked.host),
        )

    def _done(self, task: Task, responded: Responded) -> None:
        if task is not self.task:
            return
        self.responded = responded
        if responded.declined and not self._sending:
            self.outcome = DECLINED
            self._end_unasked(task)
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
        said = {
            (o.credential_id, o.shown): claim_lines(o)
            for w in responded.asked.wanted
            for o in w.options
        }
        lines = [self.tr("What you shared:")]
        for credential_id, shown in responded.sent:
            title = breakable(titles.get(credential_id, credential_id))
            words = said.get((credential_id, shown), list(shown))  # in words, as it was asked
            lines.append(
                self.tr("\u2022 {title}: the whole credential").format(title=title)
                if shown == (WHOLE,)
                else self.tr("\u2022 {title}: {claims}").format(
                    title=title, claims=", ".join(breakable(w) for w in words)
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

    def busy_text(self) -> str:
        return self.tr("Finish or close the verifier's request that is open, then try again.")

    def _failed(self, task: Task, message: str) -> None:
        """One plain sentence: the request did not hold, the wallet cannot answer it, or the
        verifier did not take the answer (then it was sent, and the history says so)."""
        if task is self.task:
            self.outcome = REFUSED
            for widget in (self.shared_value, self.result_note, self.open_button):
                widget.hide()
            self._sending = False
        self._fail(
            task,
            message,
            self.tr("Sharing did not succeed") if self._agreed else self.tr("Nothing was shared"),
        )


# ----- the ways in -------------------------------------------------------------------------------


class RespondActions(LinkActions):
    """File → Answer a Verifier…, and what the import flow and the launcher hand over: one
    respond dialog at a time. `closed` when it closes (handed-over requests wait for it)."""

    MENU, ACTION, DIALOG = menus.RESPOND, "respond_action", RespondDialog
    open_request = LinkActions.open_link  # what the import flow and the launcher call


def install_respond_actions(window: MainWindow, store_getter: StoreGetter) -> RespondActions:
    """What `app.Session` calls: the menu command, and `window.responder` for requests."""
    actions = window.responder = RespondActions(window, store_getter)
    return actions
