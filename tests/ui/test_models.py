"""CredentialListModel: what the list shows, read back through the Qt model API."""

from __future__ import annotations

from wallet.credential import CLR2, OB2, OB3, SD_JWT_VC, VC
from wallet.store import WalletStore
from wallet.ui.i18n import short_day_text
from wallet.ui.models import CredentialListModel, format_label
from wallet.ui.qt import Qt, QtCore

DISPLAY = Qt.ItemDataRole.DisplayRole


def column(model: CredentialListModel, col: int) -> list[str]:
    return [model.data(model.index(r, col), DISPLAY) for r in range(model.rowCount())]


def test_lists_every_credential_with_its_columns(store: WalletStore) -> None:
    model = CredentialListModel(store)
    assert model.columnCount() == 6
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Title",
        "Issuer",
        "Issued",
        "Credits \u00b7 level",
        "Type",
        "Verification",
    ]
    # newest first, as the store orders them
    assert column(model, model.TITLE) == [
        "Data Analysis with Python",
        "First Aid at Work",
        "Statistics I",
    ]
    assert column(model, model.ISSUER) == [
        "Open University of Example",
        "Red Cross Training",
        "University of Somewhere",
    ]
    assert column(model, model.ISSUED) == [
        short_day_text(day) for day in ("2024-05-01", "2023-11-12", "2022-02-01")
    ]
    assert column(model, model.CREDITS) == ["5 ECTS \u00b7 EQF 6", "7.5 hours", ""]
    assert column(model, model.KIND) == ["Micro-credential", "Badge", "Badge"]
    assert column(model, model.STATUS) == ["Not checked yet"] * 3
    assert (
        model.data(model.index(0, model.ISSUED), Qt.ItemDataRole.ToolTipRole)
        == "2024-05-01T10:00:00Z"
    )
    assert (
        model.data(model.index(1, model.ISSUER), Qt.ItemDataRole.ToolTipRole)
        == "Red Cross Training"
    )


def test_ids_and_rows_round_trip(store: WalletStore) -> None:
    model = CredentialListModel(store)
    for row in range(model.rowCount()):
        cid = model.credential_id(row)
        assert cid is not None and model.row_of(cid) == row
        assert model.data(model.index(row, 2), model.IdRole) == cid
        assert store.credentials.get(cid).credential.title == model.titles()[row]
    assert model.credential_id(99) is None
    assert model.row_of("0000000000000000") == -1
    assert model.data(model.index(99, 0), DISPLAY) is None


def test_bundle_items_follow_their_bundle_indented(bundle_store: WalletStore) -> None:
    model = CredentialListModel(bundle_store)
    titles = model.titles()
    assert set(titles) == {"BSc transcript", "Linear Algebra", "Databases", "First Aid at Work"}
    b = titles.index("BSc transcript")
    assert sorted(titles[b + 1 : b + 3]) == ["Databases", "Linear Algebra"]
    depths = [model.data(model.index(r, 0), model.DepthRole) for r in range(len(titles))]
    assert depths[b] == 0 and depths[b + 1] == depths[b + 2] == 1
    shown = model.data(model.index(b + 1, 0), DISPLAY)
    assert shown.endswith(titles[b + 1]) and shown != titles[b + 1]  # marked as inside
    assert "inside a bundle" in model.data(
        model.index(b + 1, 0), Qt.ItemDataRole.AccessibleTextRole
    )
    assert model.data(model.index(b, 0), DISPLAY) == "BSc transcript"


def test_refresh_and_empty(store: WalletStore) -> None:
    model = CredentialListModel(None)
    assert model.rowCount() == 0
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.set_store(store)
    model.refresh()
    assert resets == [3, 3]


def test_format_labels_and_dates() -> None:
    assert [format_label(f) for f in (OB3, OB2, CLR2, VC, SD_JWT_VC)] == [
        "Open Badges 3.0",
        "Open Badges 2.0",
        "CLR 2.0",
        "Verifiable Credential",
        "SD-JWT VC",
    ]
    assert format_label("future-format") == "future-format"
    german, american = QtCore.QLocale("de_DE"), QtCore.QLocale("en_US")
    # The day as written (not moved to another time zone), in the reader's numeric form.
    assert short_day_text("2024-05-01T23:30:00+02:00", german) == "01.05.2024"
    assert short_day_text("2024-05-01", american) == "5/1/2024"
    assert short_day_text(None, german) == ""
    assert short_day_text("spring 2024", german) == "spring 2024"
