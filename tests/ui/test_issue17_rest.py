"""Issue 17, the remaining window defects: the stack percentage explained, the share dialog on
narrow screens, the list's status for an unconfirmed issuer, the German filters at 1024x600,
and list dates under a C/POSIX locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stacks.helpers import AT, ach, cred, credits, group, held, stack
from wallet import demo, messages
from wallet.actions import trust as trust_actions
from wallet.actions.verifying import verify_credentials
from wallet.stacks.engine import evaluate
from wallet.stacks.progress import progress_sentence
from wallet.store import WalletStore
from wallet.ui import i18n
from wallet.ui.filter_bar import FilterBar
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import Qt, QtCore, QtWidgets
from wallet.ui.stacks_view import StacksView

from . import test_share_dialog as sharing

# the share dialog tests' wallet (a credential with selective disclosure), reused as fixtures
base_credential = sharing.base_credential
share_store = sharing.share_store

# ----- 1. the stack percentage, explained where it is shown ----------------------------------


def _certificate_result():
    s = stack(
        group("all", credits(40, min_level=4, floors=[(15, 5)]), ach("Data Analysis")),
        reuse=True,
    )
    hs = [
        held("dap", cred("Data Analysis", credits=15, level="5")),
        held("b", cred("B", credits=10, level="4")),
    ]
    return evaluate(s, hs, at=AT)


def test_stack_view_says_how_the_percentage_comes_about(qtbot) -> None:
    view = StacksView()
    qtbot.addWidget(view)
    result = _certificate_result()
    view.set_results([result], {"dap": "Data Analysis", "b": "B"})
    view.show()
    assert view.summary.text().startswith("81% of the way")
    assert view.how.isVisible()
    assert view.how.text() == (
        "81% is the average of its 2 requirements: 40 NZQF credits at level 4 or above: 63% "
        "(25 of 40 NZQF credits); Data Analysis: 100% (done)."
    )
    assert view.how.text() == str(progress_sentence(result))  # the CLI's words


def test_stack_view_says_it_in_german(qtbot) -> None:
    messages.set_language("de")
    try:
        view = StacksView()
        qtbot.addWidget(view)
        view.set_results([_certificate_result()], {})
        assert view.how.text().startswith("81 % ist der Durchschnitt seiner 2 Anforderungen")
    finally:
        messages.set_language("en")


def test_a_met_stack_has_nothing_to_explain(qtbot) -> None:
    view = StacksView()
    qtbot.addWidget(view)
    met = evaluate(stack(ach("A")), [held("a", cred("A"))], at=AT)
    view.set_results([met], {})
    view.show()
    assert not view.how.isVisible() and view.how.text() == ""


# ----- 4. the German filter combos read whole at 1024x600 ------------------------------------


def _shown_text_room(combo: QtWidgets.QComboBox) -> int:
    """The width the combo gives its current text (its edit field), as the style draws it."""
    option = QtWidgets.QStyleOptionComboBox()
    combo.initStyleOption(option)
    return (
        combo.style()
        .subControlRect(
            QtWidgets.QStyle.ComplexControl.CC_ComboBox,
            option,
            QtWidgets.QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        .width()
    )


def test_german_filters_are_not_cut_in_a_1024_pixel_window(qtbot, german) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.populate(["Demo Polytechnic (DEMO ISSUER — not a real institution)"], ["2026"], [], [])
    bar.resize(1008, bar.sizeHint().height())  # the main window's width on a 1024 screen
    bar.show()
    qtbot.waitExposed(bar)
    assert bar.status_combo.currentText() == "Jedes Prüfergebnis"  # the German is installed
    for combo in bar.combos:
        text = combo.currentText()
        assert combo.fontMetrics().horizontalAdvance(text) <= _shown_text_room(combo), text
    assert bar.search_field.width() >= bar.search_field.minimumWidth()
    assert bar.minimumSizeHint().width() <= 1008  # and the bar still fits the window


# ----- 5. list dates under a C/POSIX locale ---------------------------------------------------

_LIST_DATE = """
import sys
sys.path.insert(0, {root!r})
from wallet.ui.qt import QtWidgets
app = QtWidgets.QApplication(sys.argv[:1])
from wallet.store import WalletStore
from wallet.ui import i18n
print(i18n.short_day_text("2026-08-21T09:00:00Z"))
"""


def _list_date(locale: str) -> str:
    """How the list writes 21 August 2026 in a fresh process under this system locale."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"} | {
        "LANG": locale,
        "LC_ALL": locale,
        "QT_QPA_PLATFORM": "offscreen",
    }
    code = _LIST_DATE.format(root=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("locale", ["C", "POSIX", "C.UTF-8"])
def test_c_locale_lists_iso_dates(locale: str) -> None:
    assert _list_date(locale) == "2026-08-21"


def test_a_real_locale_keeps_its_short_date() -> None:
    assert _list_date("en_US.UTF-8") == "8/21/2026"


def test_short_day_text_with_the_c_locale_given() -> None:
    c = QtCore.QLocale.c()
    assert i18n.short_day_text("2026-08-21", c) == "2026-08-21"
    assert i18n.short_day_text("2026-08-21", QtCore.QLocale("de_DE")) == "21.08.2026"
    assert i18n.short_day_text("spring 2024", c) == "spring 2024"  # an issuer's words as given


# ----- 3. the list says what the detail pane says of an unconfirmed issuer -------------------


@pytest.fixture
def untrusting_demo(tmp_path: Path) -> Path:
    """The demo wallet as a new learner has it: nobody on the trust list, every report kept."""
    path = demo.fresh_demo_wallet(tmp_path / "demo.wallet")
    with WalletStore.open(path, demo.DEMO_PASSPHRASE) as store:
        for issuer_id in list(store.trust.issuers()):
            trust_actions.distrust_issuer(store, issuer_id)
        verify_credentials(store)
    return path


def test_table_and_cards_say_authentic_issuer_not_confirmed(qtbot, untrusting_demo) -> None:
    w = MainWindow(WalletStore.open(untrusting_demo, demo.DEMO_PASSPHRASE))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    model = w.model
    by_title = {t: model.credential_id(i) for i, t in enumerate(model.titles())}
    unconfirmed = by_title["Data Analysis with Python"]
    assert w.select_credential(unconfirmed)
    pane = w.detail.value_text("verdict")
    assert pane == "\u25cb Authentic \u00b7 issuer not confirmed"

    index = model.index(model.row_of(unconfirmed), model.STATUS)
    assert index.data() == pane  # the table's Verification column
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Authentic \u00b7 issuer not confirmed"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None  # no warning colour
    assert index.data(model.StatusTextRole) == pane  # what a card prints under its title
    # More is wrong than the issuer (it also expired): still a warning, in the list too.
    expired = by_title["First Aid Refresher (2024)"]
    assert model.index(model.row_of(expired), model.STATUS).data() == "! Warning"
    w.close()


# ----- 2. the share dialog stacks its parts when it is narrow ---------------------------------


def _top_left(widget: QtWidgets.QWidget) -> QtCore.QPoint:
    return widget.mapTo(widget.window(), QtCore.QPoint(0, 0))


def test_share_dialog_puts_the_qr_below_the_rest_when_narrow(qtbot, share_store) -> None:
    store, ids = share_store
    dialog = sharing.open_dialog(qtbot, store, [ids["ecdsa"]])
    fields, preview, qr = dialog.panes

    dialog.resize(1240, 720)  # a wide screen: side by side, the QR on the right
    qtbot.waitUntil(lambda: _top_left(qr).x() > _top_left(preview).x() > _top_left(fields).x())
    assert _top_left(qr).y() == _top_left(fields).y()

    dialog.resize(1008, 552)  # a 1024x600 screen: what to show and the preview, QR below
    qtbot.waitUntil(lambda: _top_left(qr).y() >= _top_left(fields).y() + fields.height())
    assert _top_left(fields).y() == _top_left(preview).y() > 0  # what to show comes first
    assert _top_left(preview).x() > _top_left(fields).x()
    assert qr.width() > preview.width()  # the QR pane has the whole width
    # scrolled to, the whole code shows: the QR fits the visible part of the dialog
    dialog.scroll_to_code()
    area = dialog.narrow_area.viewport()
    shown = QtCore.QRect(area.mapTo(dialog, QtCore.QPoint(0, 0)), area.size())
    code = QtCore.QRect(dialog.qr_view.mapTo(dialog, QtCore.QPoint(0, 0)), dialog.qr_view.size())
    assert shown.contains(code)
    for button in (dialog.save_sheet_button, dialog.save_svg_button, dialog.renew_button):
        assert button.isVisible()

    dialog.resize(1240, 720)  # and back
    qtbot.waitUntil(lambda: _top_left(qr).y() == _top_left(fields).y())
