"""Revocation and suspension against real signed lists served from 127.0.0.1.

The status lists here are signed by the tests (eddsa-rdfc-2022 through wallet.proofs.signing,
did:key issuers) and fetched over HTTP from tests/verify/statusserver.py; the list's proof is
checked by a small verifier built from wallet.proofs.signing and wallet.verify.methods (the
orchestrator injects the full Data Integrity verifier in the app).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import gzip
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from wallet.messages import plain
from wallet.proofs import keys, signing
from wallet.sources import fetch_url
from wallet.verify import status as st
from wallet.verify.context import KEY_DOCUMENT, STATUS_LIST, MemoryCache, VerifyContext
from wallet.verify.methods import KeyInvalid, KeyUnavailable, issuer_check, resolve
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import FAIL, PASS, PROOF, SKIP, STATUS, UNKNOWN, Check

try:  # tests/verify as a package, or (without __init__.py) on sys.path itself
    from .statusserver import StatusServer
except ImportError:
    from statusserver import StatusServer  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
VC2 = ["https://www.w3.org/ns/credentials/v2"]
VC1_SL2021 = [
    "https://www.w3.org/2018/credentials/v1",
    "https://w3id.org/vc/status-list/2021/v1",
    "https://w3id.org/security/data-integrity/v2",
]
CREATED = "2026-03-01T00:00:00Z"


# --- issuers, lists, credentials ---------------------------------------------------------------


class Issuer:
    def __init__(self, seed: int) -> None:
        self.key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
        self.did = keys.did_key_from_public_key(self.key.public_key())
        self.vm = keys.did_key_verification_method(self.key.public_key())

    def sign(self, doc: dict[str, Any]) -> dict[str, Any]:
        return signing.sign_data_integrity(doc, self.key, self.vm, created=CREATED)


ISSUER = Issuer(7)
OTHER = Issuer(9)


def bitstring(
    set_bits: dict[int, int] | set[int] = frozenset(), *, bits: int = 131_072, size: int = 1
) -> bytes:
    """A raw list; `set_bits` maps index -> value (or is a set of indexes with value 1)."""
    values = dict.fromkeys(set_bits, 1) if isinstance(set_bits, (set, frozenset)) else set_bits
    out = bytearray(bits // 8)
    for index, value in values.items():
        for k in range(size):  # most significant bit of the entry first
            if value >> (size - 1 - k) & 1:
                pos = index * size + k
                out[pos // 8] |= 0x80 >> (pos % 8)
    return bytes(out)


def multibase_gzip(raw: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(gzip.compress(raw, mtime=0)).decode().rstrip("=")


def list_credential(
    url: str,
    encoded: str,
    *,
    issuer: Issuer = ISSUER,
    purpose: Any = "revocation",
    valid_from: str = "2026-01-01T00:00:00Z",
    valid_until: str | None = None,
    sign: bool = True,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": VC2,
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded,
        },
    }
    if valid_until:
        doc["validUntil"] = valid_until
    return issuer.sign(doc) if sign else doc


def entry(url: str, index: int, purpose: str = "revocation", **extra: Any) -> dict[str, Any]:
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
        **extra,
    }


def credential(
    status: Any = None,
    *,
    issuer: str = ISSUER.did,
    cred_id: str = "urn:uuid:0b5e1c1e-0000-4000-8000-000000000001",
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": VC2,
        "id": cred_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Test Issuer"},
        "validFrom": "2026-02-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    }
    if status is not None:
        doc["credentialStatus"] = status
    return doc


def verify_list(doc: dict[str, Any], ctx: VerifyContext) -> ProofOutcome:
    """Stand-in for the full Data Integrity verifier: signature + key belongs to list issuer."""
    proof = doc.get("proof")
    method = proof.get("verificationMethod", "") if isinstance(proof, dict) else ""
    try:
        resolved = resolve(method, ctx)
    except KeyUnavailable as e:
        return ProofOutcome([Check(PROOF, UNKNOWN, e.msg)])
    except KeyInvalid as e:
        return ProofOutcome([Check(PROOF, FAIL, e.msg)])
    if not signing.verify_data_integrity_signature(doc, resolved.key, loader=ctx.loader):
        return ProofOutcome([Check(PROOF, FAIL, plain("the signature does not match the content"))])
    issuer = doc.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    return ProofOutcome(
        [Check(PROOF, PASS, plain("signature valid")), issuer_check(issuer_id, resolved)],
        document=doc,
        issuer_id=issuer_id,
    )


def check(
    doc: dict[str, Any],
    ctx: VerifyContext,
    issuer_id: str | None = ISSUER.did,
    verifier: st.VerifyList = verify_list,
) -> Check:
    got = st.check_status(doc, ctx, issuer_id=issuer_id, verify_list=verifier)
    assert got.id == STATUS
    return got


def as_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode()


@pytest.fixture
def server() -> Iterator[StatusServer]:
    with StatusServer() as s:
        yield s


def serve_list(server: StatusServer, path: str = "/status/1", **kw: Any) -> tuple[str, dict]:
    url = server.url(path)
    raw = kw.pop("raw", None) or bitstring({3, 42})
    doc = list_credential(url, multibase_gzip(raw), **kw)
    server.routes[path] = as_bytes(doc)
    return url, doc


# --- the acceptance path: online, offline later, server failing --------------------------------


def test_online_check_revoked_and_not_then_offline_from_cache_then_refresh_fails(
    server: StatusServer,
) -> None:
    url, _ = serve_list(server)
    cache = MemoryCache()
    online = VerifyContext(online=True, cache=cache)

    revoked = check(credential(entry(url, 42)), online)
    assert revoked.status == FAIL
    assert revoked.message.startswith("revoked by the issuer (list checked on ")
    good = check(credential(entry(url, 41)), online)
    assert good.status == PASS, good.message
    assert good.message.startswith("not revoked (list fetched on ")
    assert server.hits["/status/1"] == 2
    assert cache.cache_get(STATUS_LIST, url) is not None

    # ten days later, offline: the cached list answers, and says how old it is; no request
    later = VerifyContext(
        online=False, cache=cache, at=dt.datetime.now(dt.UTC) + dt.timedelta(days=10, minutes=1)
    )
    good_later = check(credential(entry(url, 41)), later)
    assert good_later.status == PASS
    assert "as of the list cached on" in good_later.message
    assert "10 days ago" in good_later.message
    assert check(credential(entry(url, 3)), later).status == FAIL
    assert server.hits["/status/1"] == 2

    # the server breaks: a good credential stays good (from the cache), with a note
    server.fail_with = 500
    refreshed = check(credential(entry(url, 41)), online)
    assert refreshed.status == PASS
    assert "refreshing it failed" in refreshed.message and "500" in refreshed.message
    still_revoked = check(credential(entry(url, 42)), online)
    assert still_revoked.status == FAIL and "refreshing it failed" in still_revoked.message
    assert server.hits["/status/1"] == 4


def test_offline_check_never_touches_the_network(
    server: StatusServer, block_all_sockets: list[object]
) -> None:
    url = server.url("/status/1")
    got = check(credential(entry(url, 1)), VerifyContext(online=False))
    assert got.status == UNKNOWN
    assert got.msg == st.NOT_CHECKED_YET
    assert block_all_sockets == []
    assert server.requests == 0


def test_server_error_with_nothing_cached_is_unknown(server: StatusServer) -> None:
    url, _ = serve_list(server)
    server.fail_with = 503
    got = check(credential(entry(url, 41)), VerifyContext(online=True))
    assert got.status == UNKNOWN
    assert got.message.startswith("could not be checked") and "503" in got.message


def test_missing_list_is_unknown(server: StatusServer) -> None:
    got = check(credential(entry(server.url("/nothing"), 1)), VerifyContext(online=True))
    assert got.status == UNKNOWN and "404" in got.message


def test_hanging_server_times_out_and_the_cache_answers(server: StatusServer) -> None:
    url, _ = serve_list(server)
    cache = MemoryCache()
    quick = VerifyContext(online=True, cache=cache, fetcher=lambda u: fetch_url(u, timeout=0.3))
    assert check(credential(entry(url, 41)), quick).status == PASS
    server.hang_seconds = 1.5
    got = check(credential(entry(url, 41)), quick)
    assert got.status == PASS
    assert "refreshing it failed" in got.message and "no answer" in got.message
    fresh = VerifyContext(online=True, fetcher=lambda u: fetch_url(u, timeout=0.3))
    assert check(credential(entry(url, 41)), fresh).status == UNKNOWN


# --- whose list, is it intact, is it current ---------------------------------------------------


def test_list_signed_by_another_issuer_fails(server: StatusServer) -> None:
    url, _ = serve_list(server, issuer=OTHER)
    got = check(credential(entry(url, 41)), VerifyContext(online=True))
    assert got.status == FAIL
    assert got.message.startswith("the status list is not the issuer's")


def test_list_naming_the_issuer_but_signed_by_another_key_fails(server: StatusServer) -> None:
    url = server.url("/status/1")
    doc = list_credential(url, multibase_gzip(bitstring()), sign=False)  # issuer: ISSUER
    server.routes["/status/1"] = as_bytes(OTHER.sign(doc))
    got = check(credential(entry(url, 41)), VerifyContext(online=True))
    assert got.status == FAIL and "not the issuer's" in got.message


def test_tampered_list_is_unknown_and_never_replaces_a_good_cached_copy(
    server: StatusServer,
) -> None:
    url, doc = serve_list(server)
    cache = MemoryCache()
    online = VerifyContext(online=True, cache=cache)
    assert check(credential(entry(url, 41)), online).status == PASS
    good_bytes = cache.cache_get(STATUS_LIST, url).data

    tampered = copy.deepcopy(doc)  # someone sets bit 41 after the issuer signed
    tampered["credentialSubject"]["encodedList"] = multibase_gzip(bitstring({3, 41, 42}))
    server.routes["/status/1"] = as_bytes(tampered)

    got = check(credential(entry(url, 41)), online)
    assert got.status == PASS, got.message  # from the good copy, with a note
    assert "not usable" in got.message and "did not verify" in got.message
    assert cache.cache_get(STATUS_LIST, url).data == good_bytes

    # with no good copy to fall back on: unknown, in words (the credential is not blamed)
    alone = check(credential(entry(url, 41)), VerifyContext(online=True))
    assert alone.status == UNKNOWN
    assert "did not verify" in alone.message and "signature is broken" in alone.message


def test_list_whose_signature_cannot_be_checked_is_unknown(server: StatusServer) -> None:
    url, _ = serve_list(server)

    def cannot(doc: dict[str, Any], ctx: VerifyContext) -> ProofOutcome:
        return ProofOutcome([Check(PROOF, UNKNOWN, plain("the key is not cached"))])

    got = check(credential(entry(url, 42)), VerifyContext(online=True), verifier=cannot)
    assert got.status == UNKNOWN and "the key is not cached" in got.message


def test_expired_and_not_yet_valid_lists_are_unknown(server: StatusServer) -> None:
    url, _ = serve_list(server, valid_until="2026-06-30T00:00:00Z")
    ctx = VerifyContext(online=True, at=dt.datetime(2026, 8, 1, tzinfo=dt.UTC))
    got = check(credential(entry(url, 42)), ctx)
    assert got.status == UNKNOWN
    assert got.message.startswith("status list expired on 30 June 2026, 00:00 UTC")

    url2, _ = serve_list(server, "/status/2", valid_from="2027-01-01T00:00:00Z")
    early = check(credential(entry(url2, 42)), ctx)
    assert early.status == UNKNOWN and "only valid from 1 January 2027, 00:00 UTC" in early.message


def test_purpose_the_list_is_not_for_is_unknown(server: StatusServer) -> None:
    url, _ = serve_list(server)  # a revocation list
    got = check(credential(entry(url, 42, "suspension")), VerifyContext(online=True))
    assert got.status == UNKNOWN and "for suspension" in got.message


# --- suspension, several entries, messages -----------------------------------------------------


def test_suspension_and_revocation_entries_together(server: StatusServer) -> None:
    rev_url, _ = serve_list(server, "/rev", raw=bitstring({5}))
    sus_url, _ = serve_list(server, "/sus", raw=bitstring({6}), purpose="suspension")
    ctx = VerifyContext(online=True)
    suspended = check(credential([entry(rev_url, 6), entry(sus_url, 6, "suspension")]), ctx)
    assert suspended.status == FAIL
    assert suspended.message.startswith("suspended by the issuer")
    assert "not revoked" in suspended.message
    fine = check(credential([entry(rev_url, 7), entry(sus_url, 7, "suspension")]), ctx)
    assert fine.status == PASS and "not suspended" in fine.message
    both = check(credential([entry(rev_url, 5), entry(sus_url, 7, "suspension")]), ctx)
    assert both.status == FAIL and both.message.startswith("revoked by the issuer")


def test_list_for_several_purposes_is_fetched_once(server: StatusServer) -> None:
    url, _ = serve_list(server, purpose=["revocation", "suspension"])
    got = check(
        credential([entry(url, 41), entry(url, 42, "suspension")]), VerifyContext(online=True)
    )
    assert got.status == FAIL and got.message.startswith("suspended")
    assert "not revoked" in got.message
    assert server.hits["/status/1"] == 1


def test_list_served_at_another_address_is_unknown(server: StatusServer) -> None:
    url, doc = serve_list(server)  # the issuer's list for /status/1, copied to /status/9
    server.routes["/status/9"] = as_bytes(doc)
    got = check(credential(entry(server.url("/status/9"), 42)), VerifyContext(online=True))
    assert got.status == UNKNOWN and "says it is" in got.message


def test_status_size_two_with_messages(server: StatusServer) -> None:
    raw = bitstring({10: 2, 11: 1}, bits=131_072 * 2, size=2)
    url, _ = serve_list(server, raw=raw, purpose="message")
    messages = [
        {"status": "0x0", "message": "pending"},
        {"status": "0x1", "message": "accepted"},
        {"status": "0x2", "message": "under review"},
        {"status": "0x3", "message": "x"},
    ]
    ctx = VerifyContext(online=True)
    got = check(credential(entry(url, 10, "message", statusSize=2, statusMessage=messages)), ctx)
    assert got.status == SKIP  # information, not a verdict
    assert "under review" in got.message
    other = check(credential(entry(url, 11, "message", statusSize=2, statusMessage=messages)), ctx)
    assert "accepted" in other.message and "under review" not in other.message


def test_unreadable_message_list_does_not_make_status_unknown(server: StatusServer) -> None:
    url, _ = serve_list(server, purpose="revocation")
    msg = entry(server.url("/missing"), 1, "message")
    got = check(credential([entry(url, 41), msg]), VerifyContext(online=True))
    assert got.status == PASS
    assert "status message could not be read" in got.message


# --- StatusList2021 ----------------------------------------------------------------------------


def test_status_list_2021_with_plain_base64(server: StatusServer) -> None:
    url = server.url("/sl2021")
    encoded = base64.b64encode(gzip.compress(bitstring({12}), mtime=0)).decode()  # no prefix
    doc = ISSUER.sign(
        {
            "@context": VC1_SL2021,
            "id": url,
            "type": ["VerifiableCredential", "StatusList2021Credential"],
            "issuer": ISSUER.did,
            "issuanceDate": "2026-01-01T00:00:00Z",
            "credentialSubject": {
                "id": f"{url}#list",
                "type": "StatusList2021",
                "statusPurpose": "revocation",
                "encodedList": encoded,
            },
        }
    )
    server.routes["/sl2021"] = as_bytes(doc)

    def sl_entry(index: int) -> dict[str, Any]:
        return {
            "id": f"{url}#{index}",
            "type": "StatusList2021Entry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": url,
        }

    ctx = VerifyContext(online=True)
    assert check(credential(sl_entry(12)), ctx).status == FAIL
    assert check(credential(sl_entry(13)), ctx).status == PASS
    # a Bitstring entry pointing at a StatusList2021 credential is not accepted as one
    wrong = check(credential(entry(url, 12)), ctx)
    assert wrong.status == UNKNOWN and "BitstringStatusListCredential" in wrong.message


# --- 1EdTech Revocation List (OB 3.0) and OB 2.0 revocationList ---------------------------------


def test_1edtech_revocation_list(server: StatusServer) -> None:
    url = server.url("/revocations")
    server.routes["/revocations"] = as_bytes(
        {
            "id": url,
            "issuer": ISSUER.did,
            "revokedCredentials": [
                {"id": "urn:uuid:revoked-1", "revocationReason": "issued in error"},
                {"id": "urn:uuid:reinstated-2", "revoked": False},
                "urn:uuid:plain-3",
            ],
        }
    )
    status = {"id": url, "type": "1EdTechRevocationList"}
    ctx = VerifyContext(online=True)
    revoked = check(credential(status, cred_id="urn:uuid:revoked-1"), ctx)
    assert revoked.status == FAIL
    assert revoked.message.startswith("revoked by the issuer: issued in error (list checked on")
    assert check(credential(status, cred_id="urn:uuid:reinstated-2"), ctx).status == PASS
    assert check(credential(status, cred_id="urn:uuid:plain-3"), ctx).status == FAIL
    fine = check(credential(status, cred_id="urn:uuid:fine-4"), ctx)
    assert fine.status == PASS and fine.message.startswith("not revoked (list fetched on")

    server.routes["/theirs"] = as_bytes({"issuer": OTHER.did, "revokedCredentials": []})
    theirs = check(
        credential(
            {"id": server.url("/theirs"), "type": "1EdTechRevocationList"},
            cred_id="urn:uuid:fine-4",
        ),
        ctx,
    )
    assert theirs.status == FAIL and "not the issuer's" in theirs.message


def ob2_assertion(
    profile: Any, assertion_id: str = "https://issuer.example/assertions/1", **extra: Any
) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": assertion_id,
        "recipient": {"type": "email", "identity": "a@example.org"},
        "badge": {"type": "BadgeClass", "id": "https://issuer.example/badge", "issuer": profile},
        "issuedOn": "2026-01-01T00:00:00Z",
        "verification": {"type": "SignedBadge"},
        **extra,
    }


def test_ob2_revocation_list_from_embedded_or_cached_profile(server: StatusServer) -> None:
    rl_url = server.url("/ob2/revocations")
    issuer_url = "https://issuer.example/profile"
    server.routes["/ob2/revocations"] = as_bytes(
        {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "RevocationList",
            "id": rl_url,
            "issuer": issuer_url,
            "revokedAssertions": [
                "https://issuer.example/assertions/9",
                {"uid": "abc-7", "revocationReason": "plagiarism"},
            ],
        }
    )
    profile = {"type": "Profile", "id": issuer_url, "name": "OB2 Issuer", "revocationList": rl_url}
    ctx = VerifyContext(online=True)

    by_id = check(ob2_assertion(profile, "https://issuer.example/assertions/9"), ctx, issuer_url)
    assert by_id.status == FAIL
    by_uid = check(ob2_assertion(profile, "urn:x:other", uid="abc-7"), ctx, issuer_url)
    assert by_uid.status == FAIL and "plagiarism" in by_uid.message
    fine = check(ob2_assertion(profile), ctx, issuer_url)
    assert fine.status == PASS and "not revoked" in fine.message

    # profile only by URL: unknown until a cached copy exists, then used
    by_url = ob2_assertion(issuer_url, "https://issuer.example/assertions/9")
    not_at_hand = check(by_url, ctx, issuer_url)
    assert not_at_hand.status == UNKNOWN and "profile" in not_at_hand.message
    ctx.cache.cache_put(KEY_DOCUMENT, issuer_url, as_bytes(profile), "2026-03-01T00:00:00Z")
    assert check(by_url, ctx, issuer_url).status == FAIL

    no_list = check(ob2_assertion({"type": "Profile", "id": issuer_url}), ctx, issuer_url)
    assert no_list.status == SKIP and no_list.msg == st.NO_LIST

    hosted = check(
        ob2_assertion(profile, revoked=True, revocationReason="withdrawn"), ctx, issuer_url
    )
    assert hosted.status == FAIL and "withdrawn" in hosted.message


# --- hostile and malformed lists ---------------------------------------------------------------


def test_gzip_bomb_is_refused(server: StatusServer) -> None:
    bomb = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9, mtime=0)
    assert len(bomb) < 100_000
    encoded = "u" + base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    with pytest.raises(st.StatusListError, match="decompression bomb"):
        st.decode_encoded_list(encoded)
    url = server.url("/bomb")
    server.routes["/bomb"] = as_bytes(list_credential(url, encoded))
    got = check(credential(entry(url, 1)), VerifyContext(online=True))
    assert got.status == UNKNOWN and "decompression bomb" in got.message


def test_inflation_stops_at_the_cap_instead_of_inflating_everything() -> None:
    bomb = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9, mtime=0)
    tracemalloc.start()
    try:
        with pytest.raises(st.StatusListError, match="decompression bomb"):
            st.inflate_gzip(bomb, cap=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # memory bounded by the cap, not by the 64 MiB payload


def test_index_out_of_range_and_bad_index(server: StatusServer) -> None:
    url, _ = serve_list(server)
    ctx = VerifyContext(online=True)
    out = check(credential(entry(url, 131_072)), ctx)
    assert out.status == UNKNOWN and "outside the status list" in out.message
    assert check(credential(entry(url, 131_071)), ctx).status == PASS  # the last entry is fine
    bad = entry(url, 1)
    bad["statusListIndex"] = "-1"
    assert check(credential(bad), ctx).status == UNKNOWN
    bad["statusListIndex"] = "9" * 40
    assert check(credential(bad), ctx).status == UNKNOWN


def test_list_shorter_than_the_minimum_is_unknown(server: StatusServer) -> None:
    url, _ = serve_list(server, raw=bitstring({3}, bits=8 * 1024))
    got = check(credential(entry(url, 3)), VerifyContext(online=True))
    assert got.status == UNKNOWN and "too short" in got.message


def test_list_that_is_not_json_is_unknown(server: StatusServer) -> None:
    server.routes["/html"] = b"<html>maintenance</html>"
    got = check(credential(entry(server.url("/html"), 1)), VerifyContext(online=True))
    assert got.status == UNKNOWN and "not JSON" in got.message


def test_bit_order_index_zero_is_the_left_most_bit() -> None:
    assert st.read_status(bytes([0x80, 0x00]), 0) == 1
    assert st.read_status(bytes([0x80, 0x00]), 1) == 0
    assert st.read_status(bytes([0x01, 0x00]), 7) == 1
    assert st.read_status(bytes([0x00, 0x40]), 9) == 1
    assert st.read_status(bytes([0b0110_0000]), 0, size=2) == 1
    assert st.read_status(bytes([0b0110_0000]), 1, size=2) == 2
    with pytest.raises(st.StatusListError, match="outside"):
        st.read_status(bytes(2), 16)


def test_decoding_accepts_both_forms_and_several_gzip_members() -> None:
    raw = bitstring({1})
    compressed = gzip.compress(raw, mtime=0)
    assert st.decode_encoded_list(multibase_gzip(raw)) == raw
    assert st.decode_encoded_list(base64.b64encode(compressed).decode()) == raw
    assert st.decode_encoded_list(base64.urlsafe_b64encode(compressed).decode()) == raw
    two = base64.b64encode(gzip.compress(b"\x01", mtime=0) + gzip.compress(b"\x02", mtime=0))
    assert st.decode_encoded_list(two.decode()) == b"\x01\x02"
    with pytest.raises(st.StatusListError, match="not GZIP"):
        st.decode_encoded_list("u" + base64.urlsafe_b64encode(raw[:100]).decode())
    with pytest.raises(st.StatusListError, match="cut short"):
        st.decode_encoded_list(base64.b64encode(compressed[:-20]).decode())


# --- no status, unknown methods ----------------------------------------------------------------


def test_no_credential_status_is_skipped() -> None:
    got = check(credential(), VerifyContext(online=True))
    assert got.status == SKIP and got.msg == st.NO_LIST


def test_unknown_status_method_is_unknown() -> None:
    got = check(
        credential({"id": "https://x.example/s", "type": "SomeNewStatus2030"}),
        VerifyContext(online=True),
    )
    assert got.status == UNKNOWN and "SomeNewStatus2030" in got.message


# --- the demo issuer's data --------------------------------------------------------------------


def test_demo_revoked_credential_fails_and_another_passes() -> None:
    status_list = (DEMO / "status-list.json").read_bytes()
    demo_url = json.loads(status_list)["id"]
    asked: list[str] = []

    def demo_fetcher(url: str) -> bytes:  # the demo URL is not served anywhere: map it locally
        asked.append(url)
        if url != demo_url:
            raise AssertionError(f"unexpected fetch {url}")
        return status_list

    ctx = VerifyContext(online=True, fetcher=demo_fetcher)
    revoked = json.loads((DEMO / "credentials" / "07-library-induction-revoked.json").read_text())
    assert revoked["credentialStatus"]["statusListCredential"] == demo_url
    issuer = revoked["issuer"]["id"] if isinstance(revoked["issuer"], dict) else revoked["issuer"]
    got = check(revoked, ctx, issuer)
    assert got.status == FAIL and got.message.startswith("revoked by the issuer"), got.message

    # another demo credential on the same list, at an index that is not set: not revoked
    other = json.loads((DEMO / "credentials" / "01-data-analysis-with-python.json").read_text())
    assert other["credentialStatus"]["statusListCredential"] == demo_url
    assert check(other, ctx, issuer).status == PASS
    assert asked == [demo_url, demo_url]
