"""Careless and hostile issuers (issue 15's negative list), against oid4vc-ts behind
peer/issuers/ on 127.0.0.1.

What a learner would notice: an expired or replayed offer, a credential signed by a key that
is not the issuer's, a server that answers too slowly or sends the wallet to a private address:
each is one plain sentence, and the wallet is as it was. Nothing of the kind is ever shown as
verified, because it is never kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.receive.conftest import IssuerServer
from tests.receive.support import holder_did, listed, run_cli, yes
from wallet import cli
from wallet.actions.receiving import receive
from wallet.importer import FAILED
from wallet.receive import ReceiveError, oid4vci
from wallet.store import WalletStore

EXPIRED_OR_USED = (
    "learner-wallet: the issuer says this offer was already used or has expired; nothing was added"
)


@pytest.mark.parametrize("how", ["expired", "replayed"])
def test_an_expired_or_replayed_code_is_one_sentence_and_changes_nothing(
    issuer_server: IssuerServer,
    cli_wallet: Path,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    made = issuer_server.offer(expired=how == "expired")
    if how == "replayed":
        assert run_cli(cli_wallet, "receive", made["offer"], "--yes")[0] == cli.EXIT_OK
    before, key = listed(cli_wallet), holder_did(cli_wallet)
    capsys.readouterr()
    code, _ = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == cli.EXIT_ERROR
    assert capsys.readouterr().err.strip().splitlines() == [EXPIRED_OR_USED]
    assert listed(cli_wallet) == before and holder_did(cli_wallet) == key
    assert issuer_server.seen(made["id"])["credential_requests"] == (how == "replayed")


@pytest.mark.parametrize("signed_by", ["other_key", "other_issuer"])
def test_a_credential_not_signed_by_the_issuer_is_kept_out_and_never_verified(
    issuer_server: IssuerServer, wallet: WalletStore, signed_by: str
) -> None:
    made = issuer_server.offer(signed_by=signed_by)
    result = receive(wallet, made["offer"], confirm=yes)
    expected = {
        "other_key": "the signature on this credential does not check out; not added",
        "other_issuer": "this credential is signed by a key that is not the issuer's; not added",
    }[signed_by]
    assert [(r.status, r.message) for r in result] == [(FAILED, expected)]
    assert all(r.verdict != "verified" for r in result)
    assert wallet.credentials.summaries() == [] and not result.changes
    assert issuer_server.seen(made["id"])["issued"] == 1
    notes = issuer_server.seen(made["id"])["notifications"]
    assert [n["event"] for n in notes] == ["credential_failure"]


def test_cli_a_wrongly_signed_credential_is_one_line_and_the_wallet_stays_empty(
    issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    made = issuer_server.offer(signed_by="other_key")
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == cli.EXIT_ITEM_FAILED
    assert out.splitlines()[-1] == (
        "127.0.0.1: Data Analysis micro-credential: the signature on this credential does not "
        "check out; not added"
    )
    assert listed(cli_wallet) == []


def test_a_trickling_answer_is_cut_off_in_bounded_time(
    issuer_server: IssuerServer, wallet: WalletStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oid4vci, "TIMEOUT_S", 1.0)
    made = issuer_server.offer(issuer="slow")
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes)
    assert str(caught.value) == (
        "cannot fetch the issuer's metadata: the download took longer than 1 s; stopped"
    )
    assert issuer_server.seen(made["id"])["token_requests"] == 0


def test_a_credential_endpoint_that_never_answers_is_given_up_on(
    issuer_server: IssuerServer, wallet: WalletStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oid4vci, "TIMEOUT_S", 1.0)
    made = issuer_server.offer(stall_credential=True)
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, r.message) for r in result] == [
        (FAILED, "the credential request failed: no answer within 1 s")
    ]
    assert wallet.credentials.summaries() == [] and not result.changes


def test_metadata_redirecting_to_a_private_address_is_refused(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="redirector")
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes)
    assert str(caught.value) == (
        "cannot fetch the issuer's metadata: 169.254.169.254 points to a private address; "
        "not fetched"
    )
    assert issuer_server.seen(made["id"])["token_requests"] == 0


def test_an_offer_redirecting_to_a_private_address_is_refused(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="redirector", by="reference")
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes)
    assert str(caught.value) == (
        "cannot fetch the credential offer: 10.0.0.7 points to a private address; not fetched"
    )
    assert issuer_server.seen(made["id"])["offer_fetches"] == 1
    assert wallet.credentials.summaries() == []
