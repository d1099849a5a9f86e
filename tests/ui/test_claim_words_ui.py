"""Issue 16 leftover: the consent screen says in words what each credential would reveal
("Given name", not the issuer's `given_name`), with the raw claim paths as a plain tooltip
for the technically minded; the history of shares keeps the raw paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.respond.test_oid4vp import VCT, Learner
from wallet.actions.responding import Asked, Wanted, option_of
from wallet.messages import render
from wallet.respond import dcql
from wallet.store import WalletStore
from wallet.ui.app import Session
from wallet.ui.respond_dialog import RespondDialog

from .samples import PASSPHRASE, opened

QUERY = dcql.CredentialQuery(
    "pid", dcql.DC_SD_JWT, vct_values=(VCT,), claims=(dcql.ClaimQuery(("given_name",)),)
)


@pytest.fixture
def wallet(tmp_path: Path) -> Path:
    path = tmp_path / "aroha.wallet"
    with WalletStore.create(path, PASSPHRASE) as store:
        Learner(store).sd_jwt()
    return path


@pytest.fixture
def session(wallet: Path) -> Iterator[Session]:
    yield from opened(wallet)


def test_the_core_names_what_an_sd_jwt_would_reveal_in_words(wallet: Path) -> None:
    with WalletStore.open(wallet, PASSPHRASE) as store:
        credentials = [store.credentials.get(s.id) for s in store.credentials.summaries()]
    (match,) = dcql.match(QUERY, credentials)
    option = option_of(match, "verified")
    assert option.shown == ("given_name", "family_name")  # the data: raw, as the history keeps
    assert [render(w, "en") for w in option.words] == ["Given name", "Family name"]
    assert [render(w, "de") for w in option.words] == ["Vorname", "Nachname"]


def test_the_consent_list_shows_given_name_in_words(qtbot, session: Session) -> None:
    window = session.window
    assert window is not None and window.store is not None
    store = window.store
    credentials = [store.credentials.get(s.id) for s in store.credentials.summaries()]
    (match,) = dcql.match(QUERY, credentials)
    asked = Asked(
        "x509_hash:Ab3-hash",
        "x509_hash",
        "Hiring Desk",
        "hr.example",
        ("CN=hr.example",),
        False,
        ("For your application.",),
        (Wanted("pid", dcql.DC_SD_JWT, (option_of(match, None),), False),),
    )
    dialog = RespondDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_asked(asked)
    (row,) = dialog.option_rows()
    assert row.revealed() == "It would see:\n\u2022 Given name\n\u2022 Family name"
    assert "given_name" not in row.revealed()
    assert row.reveals.toolTip() == "given_name\nfamily_name"  # the raw paths, plain
    dialog.close()


def test_the_share_picker_shows_words_with_the_raw_path_as_tooltip(qtbot, tmp_path: Path) -> None:
    from wallet import formats
    from wallet.proofs import keys

    from .test_share_dialog import DEMO, learner, open_dialog

    with WalletStore.create(tmp_path / "learner.wallet", PASSPHRASE) as store:
        store.keys.add(keys.private_key_from_jwk(learner()["privateJwk"]), "Aroha")
        sd_jwt = next(DEMO.glob("credentials/10-*.sd-jwt")).read_bytes()
        cid = store.credentials.add(formats.parse(sd_jwt), "test")
        dialog = open_dialog(qtbot, store, [cid])
        given = dialog.pickers[0].item_for("given_name")
        assert given is not None
        assert given.text(0) == "Given name (identifies you)"
        assert given.toolTip(0) == "given_name"  # the claim as the issuer named it
        dialog.close()
