"""The detail view in the real main window: fields, the real verifier's report, background
checks, the online-checks setting, tags and collections kept in the wallet file."""

from __future__ import annotations

import base64
import datetime as _dt
import json
import threading
from pathlib import Path

import pytest

import wallet.verify.verifier as verifier
from wallet import demo, paths
from wallet.credential import DATA_INTEGRITY, OB3, Credential, Issuer
from wallet.importer import import_sources
from wallet.store import LocalImage, WalletStore
from wallet.ui import icons
from wallet.ui.detail_view import checked_ago, elements_summary
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore, QtGui
from wallet.verify.context import STATUS_LIST, iso

from .samples import PASSPHRASE, parsed

DEMO = demo.demo_credential_files()


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A wallet holding the signed demo credentials (demo issuer trusted) and a tampered copy."""
    path = tmp_path / "demo.lwallet"
    doc = json.loads(DEMO[0].read_text("utf-8"))
    doc["credentialSubject"]["achievement"]["name"] = "Data Analysis with Python (tampered)"
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(doc), "utf-8")
    with WalletStore.create(path, PASSPHRASE) as store:
        did, name = demo.demo_issuer()
        store.trust.add(did, name, source="demo")
        results = import_sources(store, [str(p) for p in DEMO] + [str(tampered)])
        assert all(r.status == "imported" for r in results)
        # The demo issuer's status list, as if fetched on an earlier online check.
        data = (paths.resources() / "demo" / "status-list.json").read_bytes()
        now = iso(_dt.datetime.now(_dt.UTC))
        store.checks.cache_put(STATUS_LIST, json.loads(data)["id"], data, now)
        assert store.checks.verdicts() == {}  # nothing checked yet
    return path


def open_window(qtbot, path: Path) -> MainWindow:
    w = MainWindow(WalletStore.open(path, PASSPHRASE))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def select(w: MainWindow, title: str) -> str:
    row = w.model.titles().index(title)
    cid = w.model.credential_id(row)
    assert cid is not None and w.select_credential(cid)
    return cid


def check(qtbot, w: MainWindow, online: bool = False) -> None:
    button = w.detail.online_button if online else w.detail.check_button
    qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)
    assert w.check_task is not None
    qtbot.waitUntil(lambda: not w.detail.busy.isVisibleTo(w.detail), timeout=30_000)


def test_fields_of_a_micro_credential(qtbot, demo_path) -> None:
    w = open_window(qtbot, demo_path)
    select(w, "Data Analysis with Python")
    d = w.detail
    assert d.value_text("title") == "Data Analysis with Python"
    assert d.value_text("kind") == "Micro-credential \u00b7 Open Badges 3.0"
    assert d.value_text("credits") == "15 NZQF credits" and d.value_text("level") == "NZQF 5"
    assert d.value_text("learning_outcomes").startswith("\u2022 ")
    assert d.value_text("criteria") and d.value_text("description")
    assert d.value_text("issuer").startswith("Demo Polytechnic")
    assert d.value_text("issuer_id").startswith("did:key:")
    assert d.value_text("country") == "NZ"
    assert d.value_text("recipient") and d.value_text("issued")
    assert d.value_text("proof") == "Signed (Data Integrity proof)"
    assert d.value_text("elements_summary") == "All 11 elements: a micro-credential in the EU sense"
    assert d.value_text("elements").count("\u2713") == 11
    assert d.value_text("verdict") == "Not checked yet"
    assert d.value_text("checked_at") != ""
    assert d.value_text("achievement_type") == "Micro-credential"  # not "MicroCredential"
    w.close()


def test_a_hashed_learner_identity_is_said_in_words() -> None:
    """An Open Badge names its learner by a salted hash of their e-mail: the pane says so
    instead of showing `sha256$…` as if it were an id."""
    from wallet.ui.detail_view import learner_id_text

    assert learner_id_text("sha256$c0ffee") == (
        "kept private: the badge holds only a hash of the learner's e-mail or other identity"
    )
    assert learner_id_text("did:key:z6Mk") == "did:key:z6Mk"
    assert learner_id_text(None) == ""


def test_a_badge_lacks_eu_elements(qtbot, demo_path) -> None:
    w = open_window(qtbot, demo_path)
    select(w, "Open Day Volunteer")
    summary = w.detail.value_text("elements_summary")
    assert summary.endswith("of 11: a badge") and not summary.startswith("11")
    assert "\u2014 " in w.detail.value_text("elements")
    w.close()


def test_check_now_runs_the_real_verifier_in_the_background(qtbot, demo_path, monkeypatch) -> None:
    threads: list[threading.Thread] = []
    real = verifier.verify_stored

    def spy(store, cid, ctx):
        threads.append(threading.current_thread())
        assert not ctx.online
        return real(store, cid, ctx)

    monkeypatch.setattr(verifier, "verify_stored", spy)
    w = open_window(qtbot, demo_path)
    cid = select(w, "Data Analysis with Python")
    assert w.model.index(w.model.row_of(cid), w.model.STATUS).data() == "Not checked yet"
    qtbot.mouseClick(w.detail.check_button, QtCore.Qt.MouseButton.LeftButton)
    # Until the worker's result arrives the view shows it is busy and waits.
    assert w.detail.busy.isVisibleTo(w.detail) and not w.detail.check_button.isEnabled()
    qtbot.waitUntil(lambda: w.detail.value_text("verdict") != "Not checked yet", timeout=30_000)
    assert threads and threads[0] is not threading.main_thread()
    assert w.detail.value_text("verdict") == "\u2713 Verified"
    assert w.detail.value_text("checked_at") == "Checked just now"
    checks = w.detail.value_text("checks").splitlines()
    assert checks[0].startswith("\u2713 Signature: ")
    assert any(line.startswith("\u2713 Trusted issuer: ") for line in checks)
    assert w.detail.check_button.isEnabled() and not w.detail.busy.isVisibleTo(w.detail)
    row = w.model.row_of(cid)
    assert w.model.index(row, w.model.STATUS).data() == "\u2713 Verified"
    assert w.model.index(row, w.model.STATUS).data(
        QtCore.Qt.ItemDataRole.ForegroundRole
    ).color() == icons.verdict_colour("verified")
    w.close()
    with WalletStore.open(demo_path, PASSPHRASE) as again:  # the report was kept
        assert again.checks.last_report(cid).verdict == "verified"


@pytest.mark.parametrize(
    ("title", "verdict", "failing"),
    [
        ("First Aid Refresher (2024)", "! Authentic, with a warning", "! Dates: "),
        ("Library Induction", "\u2717 Failed", "\u2717 Revocation: "),
        ("Data Analysis with Python (tampered)", "\u2717 Failed", "\u2717 Signature: "),
    ],
)
def test_warnings_and_failures_in_plain_words(qtbot, demo_path, title, verdict, failing) -> None:
    w = open_window(qtbot, demo_path)
    select(w, title)
    check(qtbot, w)
    assert w.detail.value_text("verdict") == verdict
    assert any(line.startswith(failing) for line in w.detail.value_text("checks").splitlines())
    w.close()


def test_online_check_runs_in_the_background(qtbot, demo_path, monkeypatch) -> None:
    seen: list[bool] = []
    real = verifier.verify_stored
    monkeypatch.setattr(
        verifier, "verify_stored", lambda s, c, ctx: (seen.append(ctx.online), real(s, c, ctx))[1]
    )
    w = open_window(qtbot, demo_path)
    select(w, "Cloud Security Fundamentals")
    qtbot.mouseClick(w.detail.online_button, QtCore.Qt.MouseButton.LeftButton)
    assert w.detail.busy.isVisibleTo(w.detail)
    assert w.detail.value_text("note") == "Checking online\u2026"
    qtbot.waitUntil(lambda: not w.detail.busy.isVisibleTo(w.detail), timeout=30_000)
    assert seen == [True]
    assert w.detail.value_text("verdict") != "Not checked yet"
    w.close()


def test_with_online_checks_off_it_says_so_and_fetches_nothing(
    qtbot, demo_path, monkeypatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(verifier, "verify_stored", lambda *a: calls.append(a))
    with WalletStore.open(demo_path, PASSPHRASE) as store:
        store.settings.set("online_checks", "off")
    w = open_window(qtbot, demo_path)
    select(w, "Cloud Security Fundamentals")
    qtbot.mouseClick(w.detail.online_button, QtCore.Qt.MouseButton.LeftButton)
    assert w.check_task is None and calls == []
    assert "Online checks are turned off" in w.detail.value_text("note")
    assert w.detail.value_text("verdict") == "Not checked yet"
    w.close()


def test_tags_edited_in_the_detail_view_are_kept(qtbot, demo_path) -> None:
    w = open_window(qtbot, demo_path)
    cid = select(w, "Peer Mentor")
    w.detail.tags_edit.setFocus()
    w.detail.tags_edit.clear()
    qtbot.keyClicks(w.detail.tags_edit, "mentoring, cv")
    qtbot.keyClick(w.detail.tags_edit, QtCore.Qt.Key.Key_Return)
    assert w.store.credentials.get(cid).tags == ["cv", "mentoring"]
    combo = w.filter_bar.tag_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Any tag", "cv", "mentoring"]
    w.search_field.setText("mentori")  # own tags are searchable
    assert w.model.titles() == ["Peer Mentor"]
    w.close()
    with WalletStore.open(demo_path, PASSPHRASE) as again:
        assert again.credentials.get(cid).tags == ["cv", "mentoring"]
        assert again.credentials.search("mentoring") == [cid]


def test_collections_from_the_menus_are_kept(qtbot, demo_path, monkeypatch) -> None:
    w = open_window(qtbot, demo_path)
    cid = select(w, "Peer Mentor")
    other = select(w, "Open Day Volunteer")
    monkeypatch.setattr(w, "ask_text", lambda *a, **k: "Job applications")
    menu = w.collections_menu_for(cid)
    new = [a for a in menu.actions() if a.text() == "New collection\u2026"]
    new[0].trigger()
    assert [c.name for c in w.store.tags.collections_of(cid)] == ["Job applications"]
    menu = w.collections_menu_for(other)
    job = next(a for a in menu.actions() if a.text() == "Job applications")
    assert job.isCheckable() and not job.isChecked()
    job.trigger()  # checks it: the second credential joins
    assert w.detail.value_text("collections") == "In collections: Job applications"
    bar = w.filter_bar
    assert bar.choose(bar.collection_combo, w.store.tags.collections()[0].id)
    assert sorted(w.model.titles()) == ["Open Day Volunteer", "Peer Mentor"]
    # Rename and delete act on the collection chosen in the filter bar.
    monkeypatch.setattr(w, "ask_text", lambda *a, **k: "Applications 2026")
    w.rename_collection_action.trigger()
    assert bar.collection_combo.currentText() == "Applications 2026"
    w.close()
    with WalletStore.open(demo_path, PASSPHRASE) as again:
        assert [(c.name, c.count) for c in again.tags.collections()] == [("Applications 2026", 2)]
    w = open_window(qtbot, demo_path)
    monkeypatch.setattr(w, "ask_choice", lambda *a, **k: "Applications 2026")
    w.delete_collection_action.trigger()
    assert w.store.tags.collections() == [] and w.model.total() == 12
    w.close()


def test_images_only_from_data_uris_never_from_addresses(qtbot, tmp_path) -> None:
    image = QtGui.QImage(40, 30, QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtGui.QColor("#ff0000"))
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(bytes(buffer.data())).decode()
    with WalletStore.create(tmp_path / "img.lwallet", PASSPHRASE) as store:
        inline = store.credentials.add(
            parsed(
                Credential(
                    format=OB3,
                    proof_form=DATA_INTEGRITY,
                    title="Inline",
                    image=uri,
                    issuer=Issuer(name="X"),
                ),
                b'{"a": 1}',
            ),
            "t",
        )
        remote = store.credentials.add(
            parsed(
                Credential(
                    format=OB3,
                    proof_form=DATA_INTEGRITY,
                    title="Remote",
                    image="https://tracker.example/b.png",
                    issuer=Issuer(name="X"),
                ),
                b'{"a": 2}',
            ),
            "t",
        )
        assert store.credentials.local_image(remote) == LocalImage(None, None)
        assert store.credentials.local_image(inline).data_uri == uri
    decoded = icons.badge_image(uri, None, 64)
    assert decoded is not None and decoded.pixelColor(5, 5) == QtGui.QColor("#ff0000")
    assert icons.badge_image("data:image/svg+xml,<svg/>", None, 64) is None  # never SVG
    assert icons.badge_image("data:image/png;base64,!!!", None, 64) is None
    huge = "data:image/png;base64," + "A" * (icons.MAX_URI_CHARS + 4)
    assert icons.decode_data_uri(huge) is None
    w = open_window(qtbot, tmp_path / "img.lwallet")
    pixmaps = {
        t: w.model.index(w.model.titles().index(t), 0)
        .data(QtCore.Qt.ItemDataRole.DecorationRole)
        .toImage()
        for t in ("Inline", "Remote")
    }
    assert pixmaps["Inline"].pixelColor(
        pixmaps["Inline"].width() // 2, pixmaps["Inline"].height() // 2
    ) == QtGui.QColor("#ff0000")
    assert pixmaps["Remote"] == icons.placeholder("badge", 28).toImage()
    w.close()


def test_checked_ago_and_elements_summary_words() -> None:
    now = _dt.datetime(2026, 5, 1, 12, 0, tzinfo=_dt.UTC)
    assert checked_ago(None, now) == "Not checked yet"
    assert checked_ago("2026-05-01T11:59:30Z", now) == "Checked just now"
    assert checked_ago("2026-05-01T11:57:00Z", now) == "Checked 3 minutes ago"
    assert checked_ago("2026-05-01T10:00:00Z", now) == "Checked 2 hours ago"
    assert checked_ago("2026-04-30T11:00:00Z", now) == "Checked yesterday"
    assert elements_summary(11) == "All 11 elements: a micro-credential in the EU sense"
    assert elements_summary(4) == "4 of 11: a badge"


def test_a_collection_name_with_an_ampersand_is_shown_as_written(
    qtbot, demo_path, monkeypatch
) -> None:
    """'R&D' in a menu: the & is the learner's text, not a keyboard shortcut marker."""
    w = open_window(qtbot, demo_path)
    cid = select(w, "Peer Mentor")
    monkeypatch.setattr(w, "ask_text", lambda *a, **k: "R&D team")
    menu = w.collections_menu_for(cid)
    next(a for a in menu.actions() if a.text() == "New collection\u2026").trigger()
    menu = w.collections_menu_for(cid)
    [action] = [a for a in menu.actions() if a.isCheckable()]
    assert action.text() == "R&&D team"  # Qt shows "&&" as one "&"
    assert action.iconText() == "R&D team"
    w.close()


@pytest.mark.parametrize("language", ["en", "de"])
def test_values_keep_most_of_a_narrow_pane(qtbot, demo_path, language) -> None:
    """At 1024x600 the pane is narrow and German captions are long ("Zugangsvoraussetzungen"):
    a description squeezed into a column of one word per line beside its caption cannot be
    read, so there the captions go above their values."""
    from wallet import messages
    from wallet.ui import i18n

    _code, remove = i18n.install_translators(language)
    messages.set_language(language)
    try:
        w = open_window(qtbot, demo_path)
        w.resize(1024, 600)
        select(w, "Data Analysis with Python")
        qtbot.wait(50)
        d = w.detail
        description = d._values["description"]
        holder = d.form.parentWidget()
        assert description.isVisible()
        assert description.width() >= holder.width() * 0.6, (description.width(), holder.width())
        w.resize(1366, 768)
        qtbot.wait(50)
        assert description.width() >= holder.width() * 0.4
        w.close()
    finally:
        remove()
        messages.set_language("en")
