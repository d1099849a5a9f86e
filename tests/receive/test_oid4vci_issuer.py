"""Receiving from a real OpenID4VCI 1.0 issuer (oid4vc-ts behind peer/issuers/, on 127.0.0.1).

What a learner would notice: the credential arrives in the wallet with a verdict and bound to
their own holder key, by value and by reference, with and without a transaction code; a wrong
or reused code, an issuer pretending to be another, or an endless answer each give one plain
sentence and leave the wallet as it was; nothing secret is sent before they say yes, and the
codes never reach a log.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.receive.conftest import IssuerServer
from tests.receive.support import holder_did, listed, run_cli, yes
from wallet import cli
from wallet.actions.receiving import Offered, Received, receive
from wallet.importer import IMPORTED
from wallet.proofs import jose, keys
from wallet.receive import ReceiveError
from wallet.store import WalletStore

# --- the whole way through the command line ---------------------------------------------


def test_cli_receives_by_value_with_a_tx_code_bound_to_the_holder_key(
    issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    made = issuer_server.offer(tx_code="493817")
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", "493817", "--yes")
    assert code == cli.EXIT_OK, out
    assert "Issuer: Harbour Test University, at 127.0.0.1" in out
    assert "not on your list of trusted issuers" in out
    assert "offers: Data Analysis micro-credential" in out
    rows = listed(cli_wallet)
    assert len(rows) == 1
    assert rows[0]["title"] == "Data Analysis micro-credential"
    assert rows[0]["verdict"] == "warning"  # signature and issuer key good; issuer not trusted
    code, shown = run_cli(cli_wallet, "show", rows[0]["id"], "--json")
    record = json.loads(shown)
    assert record["subject_id"] == holder_did(cli_wallet)
    assert record["subject_id"].startswith("did:key:z6Mk")
    assert record["issuer"]["id"] == made["issuer_did"]
    assert issuer_server.seen(made["id"])["issued"] == 1


def test_cli_receives_by_reference_without_a_tx_code(
    issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    made = issuer_server.offer(by="reference")
    assert "credential_offer_uri=" in made["offer"]
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == cli.EXIT_OK, out
    seen = issuer_server.seen(made["id"])
    assert seen["offer_fetches"] == 1 and seen["issued"] == 1
    rows = listed(cli_wallet)
    assert [r["verdict"] for r in rows] == ["warning"]


def test_cli_wrong_tx_code_is_one_sentence_and_changes_nothing(
    issuer_server: IssuerServer, cli_wallet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = issuer_server.offer(tx_code="493817")
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", "111111", "--yes")
    assert code == cli.EXIT_ERROR
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [
        "learner-wallet: the issuer did not accept the transaction code, or the offer was "
        "already used or has expired; nothing was added"
    ]
    assert listed(cli_wallet) == []
    assert holder_did(cli_wallet) is None  # not even a holder key was made
    assert issuer_server.seen(made["id"])["credential_requests"] == 0


def test_a_replayed_offer_is_refused_and_the_wallet_keeps_what_it_had(
    issuer_server: IssuerServer, cli_wallet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = issuer_server.offer()
    assert run_cli(cli_wallet, "receive", made["offer"], "--yes")[0] == cli.EXIT_OK
    before = listed(cli_wallet)
    code, _ = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    assert code == cli.EXIT_ERROR
    assert "this offer was already used or has expired" in capsys.readouterr().err
    assert listed(cli_wallet) == before


def test_cli_without_a_terminal_or_yes_sends_nothing(
    issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    made = issuer_server.offer()
    code, out = run_cli(cli_wallet, "receive", made["offer"])
    assert code == cli.EXIT_ITEM_FAILED
    assert "nothing was sent to the issuer" in out
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    assert listed(cli_wallet) == []


def test_codes_and_tokens_never_reach_the_output_or_the_logs(
    issuer_server: IssuerServer,
    cli_wallet: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    made = issuer_server.offer(tx_code="730214")
    pre_code = made["offer"].split("pre-authorized_code%22%3A%22", 1)[1].split("%22", 1)[0]
    assert len(pre_code) > 20
    _, out_ok = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", "730214", "--yes")
    other = issuer_server.offer(tx_code="730214")
    _, out_bad = run_cli(cli_wallet, "receive", other["offer"], "--tx-code", "999999", "--yes")
    written = out_ok + out_bad + capsys.readouterr().err
    for folder in tmp_path.parent.rglob("*"):
        if folder.is_file() and folder.suffix == ".log":
            written += folder.read_text(errors="replace")
    assert "730214" not in written and "999999" not in written
    assert pre_code not in written


# --- the use case -------------------------------------------------------------------------


def test_the_learner_sees_the_issuer_and_a_no_sends_nothing(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(tx_code="1234")
    asked: list[Offered] = []

    def no(offered: Offered) -> bool:
        asked.append(offered)
        return False

    result = receive(wallet, made["offer"], tx_code="1234", confirm=no)
    assert result.declined and not result.changes
    (offered,) = asked
    assert offered.name == "Harbour Test University"
    assert offered.host == "127.0.0.1"
    assert offered.issuer_id == made["credential_issuer"]
    assert offered.trusted is False
    assert offered.credentials == ("Data Analysis micro-credential",)
    assert offered.tx_code is not None and offered.tx_code.length == 4
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    assert wallet.credentials.summaries() == []

    wallet.trust.add(made["credential_issuer"], "Harbour Test University")
    receive(wallet, made["offer"], tx_code="1234", confirm=no)
    assert asked[-1].trusted is True


def test_a_rejected_nonce_is_fetched_fresh_and_retried_once(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(reject_nonce_once=True)
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [IMPORTED]
    seen = issuer_server.seen(made["id"])
    assert seen["credential_requests"] == 2 and seen["issued"] == 1
    first, second = seen["proof_nonces"]
    assert first and second and first != second
    assert result.changes.added == (result.results[0].id,)


def test_sd_jwt_credential_is_bound_to_the_holder_key_by_cnf(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(configurations=["degree_jwt", "degree_sd_jwt"])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [IMPORTED, IMPORTED]
    assert all(r.verdict == "warning" for r in result)
    holder = wallet.keys.default()
    assert holder is not None
    sd_jwt = next(wallet.credentials.get(r.id) for r in result if r.source.endswith("(SD-JWT)"))
    token = sd_jwt.original.decode()  # the bytes as the issuer sent them
    assert token.count("~") == 4
    _, claims = jose.decode_compact_json(token.split("~", 1)[0])
    assert claims["cnf"]["jwk"] == keys.public_key_to_jwk(keys.public_key_from_did(holder))


@pytest.mark.parametrize("configuration", ["degree_jwt", "degree_sd_jwt"])
def test_a_credential_bound_to_another_key_is_kept_out(
    issuer_server: IssuerServer, wallet: WalletStore, configuration: str
) -> None:
    made = issuer_server.offer(bind_to_other_key=True, configurations=[configuration])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, r.message) for r in result] == [
        ("failed", "the issuer bound this credential to another key than the wallet's; not added")
    ]
    assert issuer_server.seen(made["id"])["issued"] == 1
    assert wallet.credentials.summaries() == [] and not result.changes


def test_metadata_naming_another_issuer_is_refused_before_anything_is_sent(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="liar")
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes)
    assert str(caught.value) == (
        f"the issuer's metadata says it is {issuer_server.base}/university, not "
        f"{made['credential_issuer']} as the offer says; nothing was sent"
    )
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    assert wallet.credentials.summaries() == []


def test_an_endless_metadata_answer_is_cut_off(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="huge")
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes)
    assert str(caught.value) == (
        "cannot fetch the issuer's metadata: download is over the 1 MiB limit"
    )
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    assert wallet.credentials.summaries() == []


def test_a_missing_tx_code_is_asked_for_and_without_one_nothing_is_sent(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(tx_code="5555")
    with pytest.raises(ReceiveError, match="needs the transaction code"):
        receive(wallet, made["offer"], confirm=yes)
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    result: Received = receive(wallet, made["offer"], confirm=yes, ask_tx_code=lambda o: "5555")
    assert [r.status for r in result] == [IMPORTED]
