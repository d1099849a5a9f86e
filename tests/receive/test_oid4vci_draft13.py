"""Receiving from an issuer that still speaks OpenID4VCI Draft 13 (walt.id v1 and LearnCard
deployments do), against the `drafter` issuer of peer/issuers/ on 127.0.0.1: oid4vc-ts checks
the key proof; the harness gives Draft 13's shape (no nonce endpoint, the nonce in the token
answer, `display` atop each configuration) and refuses a request in the newer shape.

What a learner would notice: such an issuer's credential arrives like any other, bound to the
wallet's key, with its verdict; from the command line too.
"""

from __future__ import annotations

from pathlib import Path

from tests.receive.conftest import IssuerServer
from tests.receive.support import holder_did, listed, run_cli, shown, yes
from wallet.actions.receiving import receive
from wallet.importer import IMPORTED
from wallet.store import WalletStore


def test_a_draft_13_issuer_gives_its_credential_bound_to_the_wallet(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="drafter")
    result = receive(wallet, made["offer"], confirm=yes)
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    assert result.offered.credentials == ("Data Analysis micro-credential",)
    record = wallet.credentials.get(result.results[0].id or "")
    assert record.credential.subject_id == wallet.keys.default()
    seen = issuer_server.seen(made["id"])
    # Named by format and type, with the nonce the token answer gave (no nonce endpoint).
    assert seen["credential_requests_by"] == ["format"]
    assert seen["proof_nonces"][0] is not None


def test_a_draft_13_sd_jwt_is_asked_for_by_its_vct(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="drafter", configurations=["degree_sd_jwt"])
    result = receive(wallet, made["offer"], confirm=yes)
    assert [r.status for r in result] == [IMPORTED]
    assert issuer_server.seen(made["id"])["credential_requests_by"] == ["format"]


def test_the_command_line_receives_from_a_draft_13_issuer_by_reference(
    issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    made = issuer_server.offer(issuer="drafter", by="reference", tx_code="4711")
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--tx-code", "4711", "--yes")
    assert code == 0, out
    (row,) = listed(cli_wallet)
    assert row["verdict"] == "warning"  # signature and issuer key good; issuer not trusted
    assert shown(cli_wallet, row["id"])["subject_id"] == holder_did(cli_wallet)
