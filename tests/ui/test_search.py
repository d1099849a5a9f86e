"""Search and filters in the real main window over a 1,000-credential wallet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wallet.credential import CLR2, DATA_INTEGRITY, OB3, Credential, Credits, Issuer, Level
from wallet.store import WalletStore
from wallet.ui.i18n import short_day_text
from wallet.ui.main_window import MainWindow
from wallet.ui.models import CredentialListModel
from wallet.ui.qt import Qt, QtCore, QtWidgets

from .samples import PASSPHRASE, parsed

ISSUERS = ["Open University of Example", "Red Cross Training", "Ōtautahi Polytechnic"]
SUBJECTS = ["Welding", "Statistics", "Te Reo", "Carpentry", "Nursing"]


def credential(i: int) -> Credential:
    micro = i % 3 == 0
    return Credential(
        format=OB3,
        proof_form=DATA_INTEGRITY,
        title=f"{SUBJECTS[i % 5]} unit {i}",
        description=f"Module number {i}.",
        issuer=Issuer(name=ISSUERS[i % 3]),
        issued=f"{2020 + i % 4}-03-{1 + i % 28:02d}",
        credits=Credits(5 + i % 4, "NZQF credits") if micro else None,
        level=Level(str(3 + i % 3), "NZQF") if micro else None,
        learning_outcomes=[f"Outcome about {'safety' if i % 7 == 0 else 'practice'}"],
    )


@pytest.fixture(scope="module")
def big_wallet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.lwallet"
    with WalletStore.create(path, PASSPHRASE) as store:
        store.credentials.add_many(
            (parsed(credential(i), f'{{"i": {i}}}'.encode()), "gen") for i in range(1000)
        )
        kids = [
            parsed(
                Credential(
                    format=OB3,
                    proof_form=DATA_INTEGRITY,
                    title=f"Course {k}",
                    issuer=Issuer(name="University of Somewhere"),
                    issued="2019-01-01",
                ),
                f'{{"k": {k}}}'.encode(),
            )
            for k in range(2)
        ]
        store.credentials.add(
            parsed(
                Credential(
                    format=CLR2,
                    proof_form=DATA_INTEGRITY,
                    title="Transcript bundle",
                    issuer=Issuer(name="University of Somewhere"),
                    issued="2019-06-01",
                ),
                b'{"clr": 1}',
                kids,
            ),
            "clr",
        )
    return path


@pytest.fixture
def window(qtbot, big_wallet: Path, tmp_path: Path):
    path = tmp_path / "copy.lwallet"
    shutil.copy(big_wallet, path)
    store = WalletStore.open(path, PASSPHRASE)
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def shown_titles(w: MainWindow) -> list[str]:
    model = w.table.model()
    return [model.index(r, 0).data(CredentialListModel.TitleRole) for r in range(model.rowCount())]


def test_typing_narrows_on_every_keystroke(qtbot, window: MainWindow) -> None:
    assert len(shown_titles(window)) == 1003
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    counts = []
    for ch in "stat":
        qtbot.keyClick(window.search_field, ch)
        counts.append(len(shown_titles(window)))
    assert counts[0] > counts[-1] == 200  # "s" also matches "safety", "Somewhere"...
    assert all(t.startswith("Statistics unit") for t in shown_titles(window))
    qtbot.keyClicks(window.search_field, " 12")  # a second word, a prefix too: 12, 120-129...
    expected = {f"Statistics unit {i}" for i in range(1, 1000, 5) if str(i).startswith("12")}
    assert set(shown_titles(window)) == expected
    assert window.count_label.text() == f"{len(expected)} of 1,003 credentials"
    # Issuer names, outcomes and descriptions are searched too; diacritics fold.
    window.search_field.setText("otautahi")
    assert len(shown_titles(window)) == 333
    window.search_field.setText("safety")
    assert len(shown_titles(window)) == len(range(0, 1000, 7))
    window.search_field.setText("course")
    assert set(shown_titles(window)) == {"Course 0", "Course 1"}
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == "" and len(shown_titles(window)) == 1003


def test_selection_survives_narrowing_and_leaves_when_filtered_out(qtbot, window) -> None:
    row = shown_titles(window).index("Statistics unit 1")
    window.table.setCurrentIndex(window.table.model().index(row, 0))
    assert window.detail.value_text("title") == "Statistics unit 1"
    window.search_field.setText("statis")
    assert window.selected_id() is not None
    assert window.detail.value_text("title") == "Statistics unit 1"
    window.search_field.setText("welding")
    assert window.detail.value_text("title") == ""
    assert window.detail.value_text("placeholder")


@pytest.mark.parametrize(
    ("combo", "value", "expected"),
    [
        ("issuer_combo", "Red Cross Training", 333),
        ("kind_combo", "micro", 334),
        ("kind_combo", "clr", 1),
        ("kind_combo", "badge", 1000 - 334 + 2),
        ("year_combo", "2021", 250),
        ("status_combo", "", 1003),
    ],
)
def test_each_filter(qtbot, window, combo: str, value: str, expected: int) -> None:
    box: QtWidgets.QComboBox = getattr(window.filter_bar, combo)
    index = box.findData(value)
    assert index > 0, [box.itemText(i) for i in range(box.count())]
    box.setCurrentIndex(index)
    assert window.table.model().rowCount() == expected
    assert window.filter_bar.clear_button.isEnabled()
    window.filter_bar.reset()
    assert window.table.model().rowCount() == 1003


def test_filters_combine_with_search(qtbot, window) -> None:
    bar = window.filter_bar
    bar.choose(bar.issuer_combo, "Red Cross Training")
    bar.choose(bar.year_combo, "2021")
    rows = shown_titles(window)
    assert rows and all(int(t.rsplit(" ", 1)[1]) % 3 == 1 for t in rows)
    assert all(int(t.rsplit(" ", 1)[1]) % 4 == 1 for t in rows)
    window.search_field.setText("nursing")
    assert {t.split(" ")[0] for t in shown_titles(window)} == {"Nursing"}
    assert len(shown_titles(window)) == len(
        [i for i in range(1000) if i % 3 == 1 and i % 4 == 1 and i % 5 == 4]
    )


def test_verification_filter_and_column(qtbot, window) -> None:
    store = window.store
    first, second = window.model.credential_id(0), window.model.credential_id(1)
    store.checks.save_report(first, "2026-01-01T00:00:00Z", "failed", b"{}")
    store.checks.save_report(second, "2026-01-01T00:00:00Z", "verified", b"{}")
    window.refresh()
    bar = window.filter_bar
    bar.choose(bar.status_combo, "failed")
    assert [window.model.credential_id(r) for r in range(window.model.rowCount())] == [first]
    status = window.model.index(0, CredentialListModel.STATUS).data()
    assert status == "\u2717 Failed"
    bar.choose(bar.status_combo, "")  # never checked
    assert window.model.rowCount() == 1001


def test_tag_and_collection_filters(qtbot, window) -> None:
    store = window.store
    a, b = window.model.credential_id(3), window.model.credential_id(4)
    store.tags.set_tags(a, ["portfolio"])
    coll = store.tags.create_collection("Job applications")
    store.tags.add_to_collection(coll, a)
    store.tags.add_to_collection(coll, b)
    window.refresh()
    bar = window.filter_bar
    assert bar.choose(bar.tag_combo, "portfolio")
    assert window.model.rowCount() == 1 and window.model.credential_id(0) == a
    bar.choose(bar.tag_combo, None)
    assert bar.choose(bar.collection_combo, coll)
    assert {window.model.credential_id(r) for r in range(window.model.rowCount())} == {a, b}


def test_header_click_sorts_and_keeps_bundles_together(qtbot, window) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(CredentialListModel.TITLE) + 10
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, header.height() // 2)
    )
    titles = shown_titles(window)
    column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
    assert column == CredentialListModel.TITLE
    top = [t for t in titles if not t.startswith("Course ")]
    keys = [t.casefold() for t in top]
    assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
    b = titles.index("Transcript bundle")
    assert set(titles[b + 1 : b + 3]) == {"Course 0", "Course 1"}  # carried items follow
    window.table.sortByColumn(CredentialListModel.ISSUED, Qt.SortOrder.AscendingOrder)
    model = window.table.model()
    issued = [
        window.store.credentials.get(model.credential_id(r)).credential.issued or ""
        for r in range(model.rowCount())
    ]
    assert issued[0] in ("2019-01-01", "2019-06-01")
    assert issued[3:] == sorted(issued[3:])
    # and each row shows its own date, in the reader's way
    shown = [model.index(r, CredentialListModel.ISSUED).data() for r in range(model.rowCount())]
    assert shown == [short_day_text(day) or "\u2014" for day in issued]
