"""What the receive and the respond dialogs share: a stranger's link, a background op that asks
the learner on the GUI thread before anything is sent, and the ending.

Both go the same way. The first page takes the link (from the File menu, or filled from a QR
picture: choosing a picture is not choosing to contact whoever made it); a link pasted, dropped
or launched is read at once. A page waits while the link is read; the use case, running as one
background op (`ops.run_op`, on a connection of its own), asks its questions through a
`Handover`, which brings each to the GUI thread and makes the worker wait for the learner's
answer; the dialog shows its consent page(s) and, once answered, the result page, busy until
the op is over. One button says Cancel, then Close. Cancel, Escape, closing and a lock are a no
to the question asked and to any still to come.

`LinkDialog` is that machinery; `LinkActions` installs the File-menu action and is the
hand-over point for links from the import flow and the launcher (one dialog at a time). Each
dialog keeps what is its own: its words, its consent and result pages, the use case it runs and
what it does with the outcome. Nothing heavy is imported here (the window imports this at start).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from wallet.store import WalletStore
from wallet.ui.crash import log_line
from wallet.ui.messages import Icon, capital, sentence, show_message
from wallet.ui.ops import run_op
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import ErrorLabel, busy_bar, plain_label, set_font
from wallet.ui.workers import Progress, Task

if TYPE_CHECKING:
    from wallet.ui.main_window import MainWindow

StoreGetter = Callable[[], WalletStore | None]

POLL_S = 0.05  # how often a worker waiting for the learner looks whether its op was cancelled
# The pages every link dialog has, by name (tests read `page()`).
LINK, READING, CONSENT, RESULT = "link", "reading", "consent", "result"


# ----- the worker's questions ------------------------------------------------------------------


class Handover(QtCore.QObject):
    """A worker's questions to the learner, asked on the GUI thread.

    `ask` runs on the worker: it emits `asked(question)` (delivered queued, on the GUI thread,
    where this object lives) and waits until `answer` is called, or until the op is cancelled,
    which is a no. A use case may ask more than once: each question waits for its own answer,
    and `refuse` (Cancel, Escape, closing, a lock) is a no to the one asked and to any still to
    come. The answer is only handed from one thread to the other here."""

    asked = Signal(object)  # the use case's question

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._answered = threading.Event()
        self._answer: object = None
        self._refused = False

    def ask(self, question: object, progress: Progress) -> object:
        """The learner's answer to `question` (worker thread); None is a no."""
        with self._lock:
            if self._refused:
                return None
            self._answered.clear()
            self._answer = None
        self.asked.emit(question)
        while not self._answered.wait(POLL_S):
            if progress.cancelled:
                return None
        with self._lock:
            return None if self._refused or progress.cancelled else self._answer

    def answer(self, value: object) -> None:
        """The learner's answer to the question asked (GUI thread), None for no. Only the first
        answer counts."""
        with self._lock:
            if self._answered.is_set() or self._refused:
                return
            self._answer = value
            self._answered.set()

    def refuse(self) -> None:
        """Cancel, Escape, closing or a lock (GUI thread): no, now and to every later question."""
        with self._lock:
            self._refused = True
            self._answer = None
            self._answered.set()


def scroll_area(name: str, body: QtWidgets.QWidget) -> QtWidgets.QScrollArea:
    """A frameless area that scrolls `body` up and down (never sideways: its labels wrap), so a
    page with a stranger's long text still fits a small screen."""
    scroll = QtWidgets.QScrollArea()
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    return scroll


def _about(host: str | None, notes: tuple[str, str]) -> str:
    """The first of `notes` ("... {host} ...") with the host it names, or the second, which
    names none, when the host is not known."""
    about_host, about_none = notes
    return about_host.format(host=host) if host else about_none


# ----- the dialog ------------------------------------------------------------------------------


class LinkDialog(QtWidgets.QDialog):
    """The link page, the reading page, the dialog's own consent page(s) and its result page,
    with the op behind them. A dialog builds its pages in `_build_pages` (with the helpers
    below for what they share), says what its use case is (`_work`) and what to do with each
    question (`_show_question`) and outcome (`_done`, `_failed`), then calls `_begin`.
    `ended` is emitted once its op is over (tests wait for it)."""

    ended = Signal()
    # Closing cancels the op too (nothing more is fetched); otherwise the op goes on to its end
    # with the no (a verifier is told it).
    STOP_ON_CLOSE: ClassVar[bool] = True

    def __init__(
        self,
        window: MainWindow,
        text: str,
        where: str,
        *,
        name: str,
        min_width: int,
        size: tuple[int, int],
        go_default: bool = False,
    ) -> None:
        """`name` prefixes the object names ("receive": receive_dialog, receive_go, ...).
        `go_default`: the go button is the default from the start (the button box then hands
        its focus on to it)."""
        super().__init__(window)
        self.main = window
        self._name = name
        self.setObjectName(f"{name}_dialog")
        self.task: Task | None = None
        self.handover: Handover | None = None
        self.link = ""  # the link being read
        self.host = ""  # the host the wallet talks to for it
        self.failure: str | None = None
        self._sending = False  # an answer was given: the op acts on it
        self._stoppable = False  # while sending: Cancel may stop it all the same
        self._released = False  # the wallet is being locked: close whatever runs

        self.pages = QtWidgets.QStackedWidget()
        self._pages: dict[str, QtWidgets.QWidget] = {}
        self._build_pages(text, where)

        self.buttons = QtWidgets.QDialogButtonBox()
        self.go_button = self.buttons.addButton(
            self.tr("Continue"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_button.setObjectName(f"{name}_go")
        self.go_button.setDefault(go_default)
        self.go_button.clicked.connect(self._go)
        self._add_buttons()
        # One button says Cancel, then Close once it is over (a box whose buttons are all
        # hidden for a moment would lose its height).
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName(f"{name}_cancel")
        self.cancel_button.clicked.connect(self._cancel_clicked)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min_width)
        self.resize(*size)
        self.finished.connect(lambda _result: self._dispose_when_idle())

    def _begin(self, text: str, where: str) -> None:
        """`text` given without `where`: read it at once (a paste, a drop, a launch). With
        `where` (a QR picture) or without a text (the menu) the first page asks."""
        if text.strip() and not where:
            self.start(text)
        else:
            self._show(LINK)

    # ----- what a dialog says for itself ---------------------------------------------------------

    def _build_pages(self, text: str, where: str) -> None:
        """Every page, in order: `_build_link_page`, `_build_reading_page`, its own."""
        raise NotImplementedError

    def _add_buttons(self) -> None:
        """Buttons of its own, between the go and the Cancel button."""

    def _host_of(self, text: str) -> str | None:
        """The host reading the link `text` contacts; None when it names none."""
        raise NotImplementedError

    def _link_problem(self, text: str) -> str | None:
        """Why Continue cannot read `text` (empty too), in a sentence; None when it can."""
        raise NotImplementedError

    def _handover(self) -> Handover:
        """A new hand-over for the op (with any signals of its own connected)."""
        return Handover(self)

    @staticmethod
    def _work(store: WalletStore, link: str, handover: Handover, progress: Progress) -> object:
        """The op: the use case, asking the learner through `handover` (worker thread)."""
        raise NotImplementedError

    def _show_question(self, question: object) -> None:
        """The page for the worker's question (its answer goes to the waiting worker)."""
        raise NotImplementedError

    def _done(self, task: Task, result: object) -> None:
        """The op is over: the result page (or, nobody having been asked, closing)."""
        raise NotImplementedError

    def _failed(self, task: Task, message: str) -> None:
        """The op failed with `message`: usually `_fail` with the dialog's own heading."""
        raise NotImplementedError

    def busy_text(self) -> str:
        """What a link handed over while this dialog is open is told (it is not opened)."""
        raise NotImplementedError

    def _go_on(self, page: str) -> None:
        """The go button on a page after the link page."""

    def _go_text(self, page: str) -> str | None:
        """The go button's text on `page`; None hides it."""
        return self.tr("Continue") if page == LINK else None

    def _cancel_text(self, page: str) -> str:
        """The Cancel button's text on `page` while nothing is over."""
        return self.tr("Cancel")

    def _focus_of(
        self, page: str, over: bool
    ) -> tuple[QtWidgets.QPushButton | None, QtWidgets.QWidget | None]:
        """The default button (Enter) on `page` and what takes the focus (None: as it was)."""
        if page == LINK:
            return self.go_button, self.link_field
        if over:
            return self.cancel_button, self.cancel_button
        return None, None

    # ----- pages ---------------------------------------------------------------------------------

    def _page(self, name: str) -> QtWidgets.QVBoxLayout:
        page = QtWidgets.QWidget()
        page.setObjectName(f"{self._name}_{name}_page")
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

    def _build_link_page(
        self,
        text: str,
        where: str,
        *,
        heading: str,
        intro: str,
        where_text: str,
        field: QtWidgets.QLineEdit,
        notes: tuple[str, str],
    ) -> None:
        """The first page: `field` takes the link; `where_text` ("{where} holds ...") says
        which picture it came from; `notes` what Continue does (see `_about`)."""
        self._link_notes = notes
        layout = self._page(LINK)
        layout.addWidget(self._heading(heading, "link_title"))
        layout.addWidget(plain_label(intro, "link_intro"))
        self.where_label = plain_label("", "link_where")
        if where:
            self.where_label.setText(where_text.format(where=capital(where)))
        self.where_label.setVisible(bool(where))
        layout.addWidget(self.where_label)
        self.link_field = field
        self.link_field.setText(text.strip())
        self.link_field.textChanged.connect(self._link_changed)
        layout.addWidget(self.link_field)
        self.link_error = ErrorLabel("link_error", self.tr("Problem with the link"))
        layout.addWidget(self.link_error)
        self.link_note = self._note("", "link_note")
        layout.addWidget(self.link_note)
        layout.addStretch(1)
        self._link_changed()

    def _build_reading_page(self, heading: str, busy: str, notes: tuple[str, str]) -> None:
        """The wait while the link is read; `busy` names the bar, `notes` say what happens
        meanwhile (see `_about`)."""
        self._reading_notes = notes
        layout = self._page(READING)
        layout.addWidget(self._heading(heading, "reading_title"))
        self.reading_text = plain_label("", "reading_text")
        layout.addWidget(self.reading_text)
        self.reading_bar = busy_bar("reading_busy", busy, height=8)
        self.reading_bar.show()
        layout.addWidget(self.reading_bar)
        layout.addStretch(1)

    def _result_page(self, busy: str) -> QtWidgets.QVBoxLayout:
        """The result page's heading, sentence and busy bar (`busy` names it); the dialog adds
        the rest to the layout returned."""
        layout = self._page(RESULT)
        self.result_title = self._heading("", "result_title")
        layout.addWidget(self.result_title)
        self.result_text = plain_label("", "result_text")
        layout.addWidget(self.result_text)
        self.result_bar = busy_bar(f"{self._name}_busy", busy, height=8)
        layout.addWidget(self.result_bar)
        return layout

    # ----- moving between pages ----------------------------------------------------------------

    def page(self) -> str:
        """The name of the page shown (link, reading, consent, result, or one of its own)."""
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
        go = self._go_text(name)
        self.go_button.setVisible(go is not None)
        self.go_button.setText(go or self.tr("Continue"))
        over = name == RESULT and not self._sending
        self.cancel_button.setText(self.tr("Close") if over else self._cancel_text(name))
        self.cancel_button.setEnabled(not self._sending or self._stoppable)
        default, focus = self._focus_of(name, over)
        self.go_button.setDefault(default is self.go_button)
        if default is self.cancel_button:
            self.cancel_button.setDefault(True)
        if focus is not None:
            focus.setFocus()

    def _link_changed(self) -> None:
        self.link_error.hide()
        text = self.link_field.text()
        host = self._host_of(text) if text.strip() else None
        self.link_note.setText(_about(host, self._link_notes))

    def _go(self) -> None:
        if self.page() == LINK:
            self._continue()
        else:
            self._go_on(self.page())

    def _continue(self) -> None:
        """Continue on the first page: the link must be one this dialog reads before anything
        is fetched."""
        text = self.link_field.text().strip()
        problem = self._link_problem(text)
        if problem is not None:
            self.link_error.say(problem)
            return
        self.start(text)

    def _cancel_clicked(self) -> None:
        self.reject()

    # ----- the op --------------------------------------------------------------------------------

    def start(self, text: str) -> Task | None:
        """Read the link in the background; the consent page comes when the worker asks. None
        when no wallet is open."""
        self.link = text.strip()
        self.host = self._host_of(self.link) or ""
        self.reading_text.setText(_about(self.host, self._reading_notes))
        handover = self._handover()
        handover.asked.connect(lambda question, h=handover: self._asked(h, question))
        self.handover = handover
        mine: list[Task] = []
        link, work = self.link, self._work
        task = run_op(
            self.main,
            lambda store, progress: work(store, link, handover, progress),
            progress_text="",
            on_done=lambda result: self._done(mine[0], result),
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

    def _asked(self, handover: Handover, question: object) -> None:
        """The worker asks (GUI thread): show who and what, or say no if nobody is here."""
        if handover is not self.handover or not self.isVisible() or self._released:
            handover.refuse()
            return
        self._show_question(question)

    def _send(
        self, handover: Handover, answer: object, title: str, text: str, *, stoppable: bool = False
    ) -> None:
        """The learner answered: the result page, busy, while the worker acts on `answer`.
        `stoppable`: Cancel may still stop it (a sign-in being waited for)."""
        self._sending = True
        self._stoppable = stoppable
        self.result_title.setText(title)
        self.result_text.setText(text)
        self.result_bar.show()
        self._show(RESULT)
        handover.answer(answer)

    def _end_unasked(self, task: Task) -> None:
        """The op ended with a no that was not given on the consent page (the dialog was
        closed, or nobody was asked): nothing was sent, and the dialog goes."""
        self._ended(task)
        if self.isVisible():
            super().reject()

    def _fail(self, task: Task, message: str, title: str) -> None:
        """One plain sentence under `title` on the result page."""
        if task is not self.task:
            return
        self.failure = sentence(message)
        self.result_title.setText(title)
        self.result_text.setText(self.failure)
        self._show(RESULT)
        self._ended(task)

    def _cancelled(self, task: Task) -> None:
        """Stopped (by Cancel or a lock)."""
        if task is self.task:
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
        """Cancel, Escape or closing: a no. Refused while an answer is being acted on (it
        cannot be taken back half-way), unless Cancel may stop it or the wallet is being
        locked."""
        if self._sending and not (self._stoppable or self._released):
            return
        if self.handover is not None:
            self.handover.refuse()
        if self.STOP_ON_CLOSE and self.task is not None:
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


class LinkActions(QtCore.QObject):
    """A File-menu action that opens a link dialog, and the hand-over point for links the
    import flow and the launcher pass on: one dialog at a time. `closed` when it closes
    (handed-over links wait for it). A subclass names its menu owner (`MENU`), its action's
    object name (`ACTION`) and its dialog (`DIALOG`)."""

    closed = Signal()
    MENU: ClassVar[str]
    ACTION: ClassVar[str]
    DIALOG: ClassVar[type[LinkDialog]]

    def __init__(self, window: MainWindow, store_getter: StoreGetter | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.store_getter: StoreGetter = store_getter or (lambda: window.store)
        self.dialog: LinkDialog | None = None
        window.attach(self.MENU, {self.ACTION: self.open_dialog})
        window.locked.connect(self.forget)

    def is_busy(self) -> bool:
        """A dialog is open."""
        return self.dialog is not None

    def open_dialog(self) -> LinkDialog | None:
        """The menu action: the first page takes the link."""
        return self._open("", "")

    def open_link(self, text: str, *, where: str = "") -> LinkDialog | None:
        """A link pasted, dropped or launched: read at once (the consent page comes before
        anything that answers it is sent). From a QR picture (`where` names it): the first
        page shows it and waits for Continue."""
        return self._open(text, where)

    def _open(self, text: str, where: str) -> LinkDialog | None:
        if self.store_getter() is None:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            if text:
                show_message(
                    self.dialog,
                    self.dialog.windowTitle(),
                    self.dialog.busy_text(),
                    icon=Icon.Information,
                )
            return None
        dialog = self.DIALOG(self.window, text, where=where)
        dialog.finished.connect(lambda _result, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: LinkDialog) -> None:
        if dialog is self.dialog:
            self.dialog = None
            self.closed.emit()

    def forget(self) -> None:
        """The wallet was locked: the dialog goes, and with it any question to the learner."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.release()
