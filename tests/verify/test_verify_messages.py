"""Verification messages reach the reader in their language: fresh, memoized, and with dates
written the way the reader's language writes them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tests import issuers
from wallet.formats import parse
from wallet.messages import plain, render
from wallet.proofs import keys
from wallet.verify.context import STATUS_LIST, MemoryCache, VerifyContext
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import PASS, PROOF, UNKNOWN, Check
from wallet.verify.status import check_status
from wallet.verify.verifier import verify_parsed


def _signed_by_did_key() -> bytes:
    credential = issuers.nzqf_microcredential()
    credential["issuer"]["id"] = keys.did_key_from_public_key(issuers.ed25519_key().public_key())
    return issuers.sign_vc_jwt(credential, issuers.ed25519_key()).encode("ascii")


def test_a_memoized_proof_answer_is_shown_in_the_readers_language() -> None:
    parsed = parse(_signed_by_did_key())
    memo = MemoryCache()
    ctx = VerifyContext(online=False, cache=memo, memo=memo)

    first = verify_parsed(parsed, ctx, "badge.jwt").check(PROOF)
    again = verify_parsed(parsed, ctx, "badge.jwt").check(PROOF)  # from the memo

    assert first is not None and again is not None and first.status == PASS
    assert render(first.msg, "de") == "EdDSA-Signatur gültig (did:key)"
    assert render(again.msg, "de") == render(first.msg, "de")


def test_a_status_list_date_is_written_the_readers_way() -> None:
    url = "https://issuer.example/status/1"
    listed = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "id": url,
        "issuer": "did:example:issuer",
        "validUntil": "2026-06-30T18:00:00Z",
        "credentialSubject": {"type": "BitstringStatusList", "encodedList": "u"},
    }
    cache = MemoryCache()
    cache.cache_put(STATUS_LIST, url, json.dumps(listed).encode(), "2026-06-01T00:00:00Z")
    document = {
        "issuer": "did:example:issuer",
        "credentialStatus": {
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "3",
            "statusListCredential": url,
        },
    }
    ctx = VerifyContext(online=False, cache=cache, at=dt.datetime(2026, 8, 1, tzinfo=dt.UTC))

    def accept(doc: dict[str, Any], _ctx: VerifyContext) -> ProofOutcome:
        """The list's own proof, taken as good: this test is about its dates."""
        return ProofOutcome([Check(PROOF, PASS, plain("signed"))], document=doc)

    got = check_status(document, ctx, issuer_id="did:example:issuer", verify_list=accept)

    assert got.status == UNKNOWN
    assert render(got.msg, "en") == (
        "status list expired on 30 June 2026, 18:00 UTC; status unknown since then"
    )
    assert render(got.msg, "de") == (
        "Statusliste am 30. Juni 2026, 18:00 UTC abgelaufen; Status seitdem unbekannt"
    )
