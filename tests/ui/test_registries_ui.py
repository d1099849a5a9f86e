"""Settings → Trusted issuers → Issuer registries, driven through the real dialogs of the real
window: Add… subscribes (fetched from a loopback server in the background) and the list and
the detail pane show the issuer's credentials as verified at once; Refresh keeps the last good
copy when the registry is down; Remove makes them unconfirmed again; a document that is not a
registry is refused and said why. The trust dialog says which registry lists an issuer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_registries import Site, registry, serving
from wallet import demo
from wallet.actions import registries
from wallet.actions import trust as trust_actions
from wallet.actions.verifying import verify_credentials
from wallet.store import WalletStore
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore, QtWidgets
from wallet.ui.settings import RegistriesSection, SettingsDialog
from wallet.ui.trust_dialog import TrustDialog, offer_trust

LEFT = QtCore.Qt.MouseButton.LeftButton
VERIFIED = "\u2713 Verified"
UNCONFIRMED = "\u25cb Authentic \u00b7 issuer not confirmed"


@pytest.fixture
def untrusting_demo(tmp_path: Path) -> Path:
    """The demo wallet as a new learner has it: nobody on the trust list, every report kept."""
    path = demo.fresh_demo_wallet(tmp_path / "demo.wallet")
    with WalletStore.open(path, demo.DEMO_PASSPHRASE) as store:
        for issuer_id in list(store.trust.issuers()):
            trust_actions.distrust_issuer(store, issuer_id)
        verify_credentials(store)
    return path


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


def open_window(qtbot, path: Path) -> MainWindow:
    w = MainWindow(WalletStore.open(path, demo.DEMO_PASSPHRASE))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def select(w: MainWindow, title: str) -> str:
    cid = w.model.credential_id(w.model.titles().index(title))
    assert cid is not None and w.select_credential(cid)
    return cid


def status_in_list(w: MainWindow, cid: str) -> str:
    return w.model.index(w.model.row_of(cid), w.model.STATUS).data()


def open_settings(qtbot, w: MainWindow) -> RegistriesSection:
    assert w.store is not None
    dialog = SettingsDialog(w.store, w)
    dialog.changed.connect(w.apply_changes)
    dialog.open()
    qtbot.waitExposed(dialog)
    section = dialog.registries
    assert section.isVisibleTo(dialog) and section.add_button.isEnabled()
    return section


def add_through_dialog(qtbot, section: RegistriesSection, url: str) -> None:
    """Add…, type the address into the question it asks, OK; wait for the op to end."""
    qtbot.mouseClick(section.add_button, LEFT)
    asked = section.url_dialog
    assert isinstance(asked, QtWidgets.QInputDialog) and asked.isVisible()
    line = asked.findChild(QtWidgets.QLineEdit)
    assert line is not None
    qtbot.keyClicks(line, url)
    asked.accept()
    wait_done(qtbot, section)


def wait_done(qtbot, section: RegistriesSection) -> None:
    qtbot.waitUntil(lambda: section.task is None, timeout=30_000)


def rows(section: RegistriesSection) -> list[str]:
    return [section.list.item(i).text() for i in range(section.list.count())]


def test_adding_refreshing_and_removing_a_registry_in_settings(
    qtbot, untrusting_demo: Path, site: Site
) -> None:
    did, _name = demo.demo_issuer()
    url = site.publish("/registry.json", registry(did, name="Demo Consortium"))
    w = open_window(qtbot, untrusting_demo)
    cid = select(w, "Data Analysis with Python")
    assert w.detail.value_text("verdict") == UNCONFIRMED

    section = open_settings(qtbot, w)
    assert rows(section) == [] and not section.refresh_button.isEnabled()
    add_through_dialog(qtbot, section, url)
    assert not section.error.isVisible()
    (row,) = rows(section)
    assert row.startswith("Demo Consortium \u2014 1 issuer, fetched ")
    assert section.status.text() == "Subscribed to Demo Consortium."
    # The window re-read the rows the op checked again: no reload, no Save needed.
    assert status_in_list(w, cid) == VERIFIED
    assert w.detail.value_text("verdict") == VERIFIED
    assert w.store is not None and did not in w.store.trust.issuers()  # known, not trusted

    site.publish("/registry.json", b"gateway down", status=502)
    qtbot.mouseClick(section.refresh_button, LEFT)
    wait_done(qtbot, section)
    assert section.status.text() == (
        "1 of 1 registries could not be refreshed; their last copy is kept."
    )
    (row,) = rows(section)
    assert "1 issuer, fetched" in row and "the last refresh failed" in row and "502" in row
    assert status_in_list(w, cid) == VERIFIED

    section.list.item(0).setSelected(True)
    assert section.remove_button.isEnabled()
    qtbot.mouseClick(section.remove_button, LEFT)
    wait_done(qtbot, section)
    assert rows(section) == [] and section.status.text() == "Unsubscribed from Demo Consortium."
    assert status_in_list(w, cid) == UNCONFIRMED
    assert w.detail.value_text("verdict") == UNCONFIRMED


def test_closing_settings_while_a_refresh_runs_still_updates_the_window(
    qtbot, untrusting_demo: Path, site: Site
) -> None:
    did, _name = demo.demo_issuer()
    url = site.publish("/registry.json", registry(did, name="Demo Consortium"))
    w = open_window(qtbot, untrusting_demo)
    cid = select(w, "Data Analysis with Python")
    section = open_settings(qtbot, w)
    add_through_dialog(qtbot, section, url)
    assert status_in_list(w, cid) == VERIFIED

    site.publish("/registry.json", registry("did:web:someone-else.example"))
    site.go.clear()  # the registry answers only once Settings is gone
    qtbot.mouseClick(section.refresh_button, LEFT)
    assert section.task is not None and not section.refresh_button.isEnabled()
    dialog = section.window()
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: w.findChild(SettingsDialog) is None)
    site.go.set()
    qtbot.waitUntil(lambda: not w.ops, timeout=30_000)
    assert status_in_list(w, cid) == UNCONFIRMED  # no longer listed: checked again, shown


def test_a_document_that_is_not_a_registry_is_refused_and_said_why(
    qtbot, untrusting_demo: Path, site: Site
) -> None:
    url = site.publish("/not-a-registry.json", {"issuers": ["did:web:uni.example"]})
    w = open_window(qtbot, untrusting_demo)
    section = open_settings(qtbot, w)
    add_through_dialog(qtbot, section, url)
    assert section.error.isVisible()
    assert section.error.text() == (
        'this is not an issuer registry: it has no "registry" object listing issuers'
    )
    assert rows(section) == [] and section.status.text() == ""
    assert w.store is not None and registries.subscriptions(w.store) == []


def test_the_trust_dialog_says_which_registry_lists_the_issuer(
    qtbot, untrusting_demo: Path, site: Site
) -> None:
    did, _name = demo.demo_issuer()
    url = site.publish("/registry.json", registry(did))
    with WalletStore.open(untrusting_demo, demo.DEMO_PASSPHRASE) as store:
        registries.subscribe(store, url, "Demo Consortium")
        (sub,) = registries.subscriptions(store)
        day = registries.fetched_on(sub)
    w = open_window(qtbot, untrusting_demo)
    select(w, "Data Analysis with Python")
    dialog = offer_trust(w)
    assert isinstance(dialog, TrustDialog) and dialog.registry is not None
    assert dialog.registry.text() == (
        "Listed as \u201cIssuer 1\u201d (Wellington, NZ) in Demo Consortium's issuer registry, "
        f"fetched {day:%-d %B %Y}."
    )
    dialog.reject()


def test_without_a_registry_the_trust_dialog_has_no_registry_line(
    qtbot, untrusting_demo: Path
) -> None:
    w = open_window(qtbot, untrusting_demo)
    select(w, "Data Analysis with Python")
    dialog = offer_trust(w)
    assert isinstance(dialog, TrustDialog) and dialog.registry is None
    assert dialog.findChild(QtWidgets.QLabel, "trust_registry") is None
    dialog.reject()
