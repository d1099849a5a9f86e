"""Blockcerts v2 (MerkleProof2017) and v3 (MerkleProof2019): the Merkle proof offline, the
anchoring transaction and the issuer's key online (then cached), and the same verdicts as the
Blockcerts project's own verifier, @blockcerts/cert-verifier-js (peer/blockcerts/).

The certificates, issuer profiles, revocation lists and transaction answers are the Blockcerts
project's test data (tests/data/blockcerts/SOURCE.md). Everything online is served from a
loopback web server (tests/verify/localweb.py): https://host/path is /host/path there, for the
wallet and for cert-verifier-js alike. Transactions are served as an Esplora explorer
(blockstream.info's API) answers them.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from wallet import cli, formats
from wallet.credential import HOSTED, OB2, UNSIGNED, VC
from wallet.export.portfolio import PortfolioItem, facts
from wallet.importer import import_text
from wallet.proofs import keys
from wallet.store import WalletStore
from wallet.verify import blockcerts
from wallet.verify import context as verify_context
from wallet.verify.context import MemoryCache, VerifyContext
from wallet.verify.report import Report
from wallet.verify.verifier import context_for_store, verify_parsed, verify_stored

from .localweb import LocalWeb, block_sockets

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "blockcerts"
PEER = ROOT / "peer" / "blockcerts"
SETUP_HINT = "run `npm ci --prefix peer/blockcerts` (Node 20+) before the tests"
AT = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)

V2_VALID = "testnet-valid-2.0.json"
V2_TAMPERED = "testnet-tampered-hashes-2.0.json"
V2_REVOKED_KEY = "testnet-revoked-key-2.0.json"
V2_REVOKED = "mainnet-revoked-2.0.json"
V3_VALID = "testnet-v3-did.json"
V3_TAMPERED = "testnet-v3--tampered.json"
V3_MOCK = "mocknet-vc-v2-validFrom-valid.json"
V3_ETHEREUM = "ethereum-sepolia-v3.json"

V2_TX = "d75b7a5bdb3d5244b753e6b84e987267cfa4ffa7a532a2ed49ad3848be1d82f8"
V3_TX = "140ee9382a5c84433b9c89a5d9fea26c47415838b5841deb0c36a8a4b9121f2e"
ION_DID = "did:ion:EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ"
V3_PROFILE = "https://www.blockcerts.org/samples/3.0/issuer-blockcerts.json"

# Where each issuer document lives, as the cert-verifier-js tests serve them.
DOCUMENTS = {
    "https://www.blockcerts.org/samples/2.0/issuer-testnet.json": "issuer-blockcerts-v2a.json",
    "https://www.blockcerts.org/samples/2.0-alpha/issuerTestnet.json": "issuer-blockcerts-v2a.json",
    "https://w3id.org/blockcerts/samples/2.0-alpha/revocationList.json": (
        "v2-testnet-revocation-list.json"
    ),
    "https://www.blockcerts.org/samples/2.0/revocation-list-testnet.json": (
        "v2-testnet-revocation-list.json"
    ),
    "https://www.blockcerts.org/samples/2.0-alpha/revocationList.json": (
        "v2-testnet-revocation-list.json"
    ),
    "https://blockcerts.learningmachine.com/issuer/5a4fe9931f607f0f3452a65e.json": (
        "v2-issuer-profile-5a4fe9931f607f0f3452a65e.json"
    ),
    "https://blockcerts.learningmachine.com/issuer/5a4fe9931f607f0f3452a65e/revocation.json": (
        "v2-revocation-list.json"
    ),
    V3_PROFILE: "v3.0-issuer-profile.json",
    "https://www.blockcerts.org/samples/3.0/revocation-list-blockcerts.json": (
        "v3-revocation-list.json"
    ),
}


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def esplora(txid: str, root: str, address: str, time: str, confirmed: bool = True) -> Any:
    """An Esplora explorer's answer for a transaction (the fields the wallet reads)."""
    moment = dt.datetime.fromisoformat(time.replace("Z", "+00:00"))
    return {
        "txid": txid,
        "vin": [{"prevout": {"scriptpubkey_address": address}}],
        "vout": [
            {"scriptpubkey": "76a914" + "00" * 20 + "88ac", "value": 2750},
            {"scriptpubkey": "6a20" + root, "scriptpubkey_type": "op_return", "value": 0},
        ],
        "status": {"confirmed": confirmed, "block_time": int(moment.timestamp())}
        if confirmed
        else {"confirmed": False},
    }


def tx_url(txid: str, network: str) -> str:
    return f"https://blockstream.info/{'' if network == 'mainnet' else 'testnet/'}api/tx/{txid}"


def publish_all(web: LocalWeb) -> None:
    """Every issuer document, DID document and transaction of the Blockcerts test data."""
    for url, name in DOCUMENTS.items():
        web.publish(url, load(name))
    did = load("did-ion-EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ.json")
    web.publish(f"https://dev.uniresolver.io/1.0/identifiers/{ION_DID}", {"didDocument": did})
    for txid, t in load("transactions.json").items():
        web.publish(
            tx_url(txid, t["network"]),
            esplora(txid, t["merkleRoot"], t["issuingAddress"], t["time"]),
        )


def ion_key() -> ec.EllipticCurvePublicKey:
    """The key the did:ion document publishes (what a trust list with keys would vouch for)."""
    jwk = load("did-ion-EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ.json")["verificationMethod"][
        0
    ]["publicKeyJwk"]
    x = int.from_bytes(keys.b64url_decode(jwk["x"]), "big")
    y = int.from_bytes(keys.b64url_decode(jwk["y"]), "big")
    return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256K1()).public_key()


def issuer_of(doc: dict[str, Any]) -> str:
    badge = doc.get("badge")
    issuer = badge["issuer"] if isinstance(badge, dict) else doc["issuer"]
    return str(issuer["id"] if isinstance(issuer, dict) else issuer)


def wallet_verify(doc: dict[str, Any], ctx: VerifyContext) -> Report:
    parsed = formats.parse(json.dumps(doc).encode("utf-8"), name="certificate.json")
    return verify_parsed(parsed, ctx, "certificate.json")


def online(web: LocalWeb, doc: dict[str, Any], cache: MemoryCache | None = None) -> VerifyContext:
    """An online check run over the loopback web, trusting the certificate's issuer (so that
    the verdict is about the certificate, not about the learner's trust list)."""
    ctx = web.context(cache or MemoryCache())
    ctx.at = AT
    ctx.trusted_issuers = frozenset({issuer_of(doc)})
    return ctx


def check(report: Report, check_id: str) -> Any:
    found = report.check(check_id)
    assert found is not None, [c.to_json() for c in report.checks]
    return found


# --- offline: the Merkle proof ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "txid"), [(V2_VALID, V2_TX), (V3_VALID, V3_TX)])
def test_offline_the_merkle_proof_is_checked_and_the_anchor_is_said_to_be_unchecked(
    name: str, txid: str
) -> None:
    report = wallet_verify(load(name), VerifyContext(at=AT))
    proof = check(report, "proof")
    assert proof.status == "unknown", proof.message
    assert "Merkle proof holds" in proof.message
    assert f"Bitcoin testnet transaction {txid} was not checked offline" in proof.message
    assert report.verdict == "unknown"
    assert all(c.status != "fail" for c in report.checks), [c.to_json() for c in report.checks]


@pytest.mark.parametrize("name", [V2_TAMPERED, V3_TAMPERED])
def test_the_blockcerts_tampered_certificates_fail_offline(name: str) -> None:
    report = wallet_verify(load(name), VerifyContext(at=AT))
    assert check(report, "proof").status == "fail"
    assert report.verdict == "failed"


@pytest.mark.parametrize("name", [V2_VALID, V3_VALID])
def test_a_changed_name_is_caught_by_the_merkle_proof_offline(name: str) -> None:
    doc = load(name)
    if "recipientProfile" in doc:
        doc["recipientProfile"]["name"] = "Someone Else"
    else:
        doc["credentialSubject"]["name"] = "Someone Else"
    proof = check(wallet_verify(doc, VerifyContext(at=AT)), "proof")
    assert proof.status == "fail"
    assert "changed after it was issued" in proof.message


def test_a_merkle_path_that_does_not_lead_to_the_root_fails() -> None:
    doc = load(V2_VALID)
    doc["signature"]["proof"] = [{"right": "00" * 32}]
    proof = check(wallet_verify(doc, VerifyContext(at=AT)), "proof")
    assert proof.status == "fail"
    assert "does not lead to its root" in proof.message


@pytest.mark.parametrize(
    "value",
    [
        "z" + "1" * (blockcerts.MAX_PROOF_VALUE + 1),  # too long to decode at all
        "zzzz0OIl",  # not base58btc
        "u" + "A" * 40,  # another multibase base
        "z" + keys.b58encode(b"\x9f" * 64),  # CBOR that never ends
        "z" + keys.b58encode(b"\x82\x01\x02"),  # CBOR, but not a Merkle proof
        "z" + keys.b58encode(b"\x99\x03\xe8" + b"\x01" * 1000),  # more CBOR items than allowed
    ],
)
def test_a_malformed_merkle_proof_2019_fails_without_unbounded_work(value: str) -> None:
    doc = load(V3_VALID)
    doc["proof"]["proofValue"] = value
    proof = check(wallet_verify(doc, VerifyContext(at=AT)), "proof")
    assert proof.status == "fail", proof.message
    assert "MerkleProof2019 proofValue" in proof.message


def test_the_proof_value_decodes_to_the_receipt_cert_verifier_js_reads() -> None:
    receipt = blockcerts.decode_proof_value(load(V3_VALID)["proof"]["proofValue"])
    assert receipt.target_hash == "eca54e560dd43cccd900fa4bb9221f144d4c451c24beeddfd82e31db842bced1"
    assert receipt.merkle_root == "68df661ae14f926878aabbe5ca33e46376e8bfb397c1364c2f1fa653ecd8b4b6"
    assert receipt.path == [
        ("left", "78e670a04db3cf419fff5fb1b11a420a34e5eeae14cc68476dcb84883b5cdb64")
    ]
    assert [(a.chain, a.network, a.txid) for a in receipt.anchors] == [
        ("bitcoin", "testnet", V3_TX)
    ]
    assert blockcerts.merkle_root_of(receipt) == receipt.merkle_root


def test_a_mock_chain_certificate_is_never_verified_even_online(web: LocalWeb) -> None:
    doc = load(V3_MOCK)
    publish_all(web)
    report = wallet_verify(doc, online(web, doc))
    proof = check(report, "proof")
    assert proof.status == "unknown"
    assert "Merkle proof holds" in proof.message and "mock blockchain" in proof.message
    assert report.verdict == "unknown"


def test_an_ethereum_anchor_is_said_to_be_unchecked(web: LocalWeb) -> None:
    doc = load(V3_ETHEREUM)
    report = wallet_verify(doc, online(web, doc))
    proof = check(report, "proof")
    assert proof.status == "unknown"
    assert "Merkle proof holds" in proof.message and "Bitcoin anchors only" in proof.message
    assert web.hits == []  # nothing was looked up


# --- online: the anchor and the issuer's key, then cached ----------------------------------------


def test_online_a_valid_v2_certificate_is_verified_and_then_verified_offline_from_the_cache(
    web: LocalWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = load(V2_VALID)
    publish_all(web)
    cache = MemoryCache()
    report = wallet_verify(doc, online(web, doc, cache))
    assert report.verdict == "verified", [c.to_json() for c in report.checks]
    proof, issuer = check(report, "proof"), check(report, "issuer")
    assert f"recorded in Bitcoin testnet transaction {V2_TX}" in proof.message
    assert "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj" in issuer.message
    assert check(report, "status").status == "pass"

    attempts = block_sockets(monkeypatch)
    offline = online(web, doc, cache)
    offline.online = False
    again = wallet_verify(doc, offline)
    assert again.verdict == "verified", [c.to_json() for c in again.checks]
    assert attempts == []


def test_a_v3_certificate_whose_issuer_key_is_a_did_the_wallet_cannot_resolve_is_unknown(
    web: LocalWeb,
) -> None:
    doc = load(V3_VALID)
    publish_all(web)
    report = wallet_verify(doc, online(web, doc))
    assert check(report, "proof").status == "pass"
    issuer = check(report, "issuer")
    assert issuer.status == "unknown" and "DID method ion" in issuer.message
    assert report.verdict == "unknown"


def test_a_v3_certificate_is_verified_when_its_did_key_is_vouched_for(web: LocalWeb) -> None:
    doc = load(V3_VALID)
    publish_all(web)
    ctx = online(web, doc)
    ctx.issuer_keys = {f"{ION_DID}#key-1": ion_key()}
    report = wallet_verify(doc, ctx)
    assert report.verdict == "verified", [c.to_json() for c in report.checks]
    assert "mgdWjvq4RYAAP5goUNagTRMx7Xw534S5am" in check(report, "issuer").message


def test_a_v3_transaction_sent_from_another_address_is_not_the_issuers(web: LocalWeb) -> None:
    doc = load(V3_VALID)
    web.publish(
        tx_url(V3_TX, "testnet"),
        esplora(
            V3_TX,
            "68df661ae14f926878aabbe5ca33e46376e8bfb397c1364c2f1fa653ecd8b4b6",
            "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj",
            "2022-04-05T18:45:30Z",
        ),
    )
    ctx = online(web, doc)
    ctx.issuer_keys = {f"{ION_DID}#key-1": ion_key()}
    report = wallet_verify(doc, ctx)
    issuer = check(report, "issuer")
    assert issuer.status == "fail" and "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj" in issuer.message
    assert report.verdict == "failed"


def test_a_transaction_recording_another_root_fails(web: LocalWeb) -> None:
    doc = load(V2_VALID)
    publish_all(web)
    web.publish(
        tx_url(V2_TX, "testnet"),
        esplora(V2_TX, "11" * 32, "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj", "2017-06-29T22:10:29Z"),
    )
    report = wallet_verify(doc, online(web, doc))
    proof = check(report, "proof")
    assert proof.status == "fail" and "does not record this certificate's Merkle root" in (
        proof.message
    )
    assert report.verdict == "failed"


def test_an_unconfirmed_transaction_leaves_the_certificate_unknown(web: LocalWeb) -> None:
    doc = load(V2_VALID)
    publish_all(web)
    web.publish(
        tx_url(V2_TX, "testnet"),
        esplora(
            V2_TX,
            "f029b45bb1a7b1f0b970f6de35344b73cccd16177b4c037acbc2541c7fc27078",
            "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj",
            "2017-06-29T22:10:29Z",
            confirmed=False,
        ),
    )
    report = wallet_verify(doc, online(web, doc))
    proof = check(report, "proof")
    assert proof.status == "unknown" and "not confirmed" in proof.message
    assert report.verdict == "unknown"


def test_a_key_the_issuer_had_revoked_before_the_transaction_fails(web: LocalWeb) -> None:
    doc = load(V2_REVOKED_KEY)
    publish_all(web)
    report = wallet_verify(doc, online(web, doc))
    issuer = check(report, "issuer")
    assert issuer.status == "fail"
    assert "revoked the key mkAvTwCYUyVk3rncFVCTJt1HUDsApVezhP" in issuer.message
    assert report.verdict == "failed"


def test_a_key_whose_revocation_date_cannot_be_read_is_not_taken_as_valid(web: LocalWeb) -> None:
    doc = load(V2_VALID)
    publish_all(web)
    profile = load("issuer-blockcerts-v2a.json")
    profile["publicKeys"][1]["revoked"] = "the first of May"
    web.publish("https://www.blockcerts.org/samples/2.0/issuer-testnet.json", profile)
    report = wallet_verify(doc, online(web, doc))
    issuer = check(report, "issuer")
    assert issuer.status == "unknown" and "the first of May" in issuer.message
    assert report.verdict == "unknown"


def test_a_certificate_on_the_issuers_revocation_list_is_revoked(web: LocalWeb) -> None:
    doc = load(V2_REVOKED)
    publish_all(web)
    report = wallet_verify(doc, online(web, doc))
    assert check(report, "proof").status == "pass"
    assert check(report, "issuer").status == "pass"
    status = check(report, "status")
    assert status.status == "fail"
    assert "Incorrect Issue Date. New credential to be issued." in status.message
    assert report.verdict == "failed"


def test_the_learners_explorer_setting_is_the_one_asked(tmp_path: Path, web: LocalWeb) -> None:
    doc = load(V2_VALID)
    publish_all(web)
    web.publish(
        f"https://explorer.example/testnet/tx/{V2_TX}",
        esplora(
            V2_TX,
            "f029b45bb1a7b1f0b970f6de35344b73cccd16177b4c037acbc2541c7fc27078",
            "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj",
            "2017-06-29T22:10:29Z",
        ),
    )
    with WalletStore.create(tmp_path / "w.lwallet", "correct horse") as store:
        store.settings.set(blockcerts.EXPLORER_SETTING, "https://explorer.example/{net}tx/{txid}")
        result = import_text(store, json.dumps(doc), "certificate.json")
        assert result.status == "imported", result.message
        ctx = context_for_store(store, at=AT, online=True)
        ctx.fetcher = web.fetch
        report = verify_stored(store, result.id, ctx)
    assert check(report, "proof").status == "pass", check(report, "proof").message
    assert f"/explorer.example/testnet/tx/{V2_TX}" in web.hits
    assert not any(hit.startswith("/blockstream.info/") for hit in web.hits)


def test_importing_a_blockcerts_certificate_checks_its_merkle_proof(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", "correct horse") as store:
        for name in (V2_VALID, V3_VALID):
            result = import_text(store, json.dumps(load(name)), name)
            assert result.status == "imported", result.message
            report = verify_stored(store, result.id, context_for_store(store, at=AT))
            assert report.verdict == "unknown"
            assert "Merkle proof holds" in check(report, "proof").message


def test_the_cli_asks_the_explorer_it_is_given_and_keeps_it_for_the_wallet(
    tmp_path: Path, web: LocalWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_all(web)
    web.publish(
        f"https://explorer.example/testnet/tx/{V2_TX}",
        esplora(
            V2_TX,
            "f029b45bb1a7b1f0b970f6de35344b73cccd16177b4c037acbc2541c7fc27078",
            "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj",
            "2017-06-29T22:10:29Z",
        ),
    )
    monkeypatch.setattr(verify_context, "_default_fetch", web.fetch)
    template = "https://explorer.example/{net}tx/{txid}"
    out = io.StringIO()
    code = cli.main(
        ["verify", str(DATA / V2_VALID), "--online", "--explorer", template, "--json"], out=out
    )
    proof = next(c for c in json.loads(out.getvalue())["checks"] if c["id"] == "proof")
    assert proof["status"] == "pass", proof
    assert f"/explorer.example/testnet/tx/{V2_TX}" in web.hits
    assert code == 0  # a warning (the issuer is not trusted), nothing failed

    wallet = tmp_path / "w.lwallet"
    monkeypatch.setenv(cli.PASSPHRASE_ENV, "correct horse battery staple")
    assert cli.main(["--wallet", str(wallet), "init"], out=io.StringIO()) == 0
    cli.main(["--wallet", str(wallet), "verify", "--all", "--explorer", template], out=out)
    with WalletStore.open(wallet, "correct horse battery staple") as store:
        assert store.settings.get(blockcerts.EXPLORER_SETTING) == template


@pytest.mark.parametrize("template", ["http://explorer.example/{txid}", "https://x.example/tx"])
def test_the_cli_refuses_an_explorer_it_could_not_use(template: str) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["verify", str(DATA / V2_VALID), "--explorer", template], out=io.StringIO())
    assert code != 0
    assert "blockchain explorer" in err.getvalue()


# --- what kind of credential it is (unchanged by checking it) ----------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "title", "issuer"),
    [
        (V3_VALID, VC, "Blockcerts Credential", "Hyland Innovation Team"),
        (V2_VALID, OB2, "Certificate of Accomplishment", "University of Learning"),
    ],
)
def test_a_blockcerts_certificate_is_read_as_a_credential(
    name: str, kind: str, title: str, issuer: str
) -> None:
    parsed = formats.parse((DATA / name).read_bytes(), name=name)
    assert parsed.credential.format == kind
    assert parsed.credential.title == title
    assert parsed.credential.issuer.name == issuer


def test_an_unknown_proof_type_that_is_not_blockcerts_keeps_its_own_message() -> None:
    doc = load(V3_VALID)
    doc["proof"]["type"] = "RsaSignature2018"
    proof = check(wallet_verify(doc, VerifyContext(at=AT)), "proof")
    assert proof.status == "unknown"
    assert "RsaSignature2018" in proof.message and "Merkle" not in proof.message


def test_an_open_badge_without_any_proof_is_still_judged_unsigned() -> None:
    doc = {k: v for k, v in load(V2_VALID).items() if k not in ("signature", "verification")}
    doc["verification"] = {"type": "SignedBadge"}  # claims to be signed, carries nothing
    proof = check(wallet_verify(doc, VerifyContext(at=AT)), "proof")
    assert proof.status == "fail" and "unsigned" in proof.message


def test_a_blockcerts_v2_certificate_is_recorded_as_blockcerts_not_unsigned() -> None:
    parsed = formats.parse((DATA / V2_VALID).read_bytes(), name=V2_VALID)
    assert parsed.credential.proof_form == "blockcerts"
    assert parsed.credential.proof_form != UNSIGNED
    # an Open Badge with no signature block stays hosted
    bare = {k: v for k, v in load(V2_VALID).items() if k not in ("signature", "verification")}
    assert formats.parse(json.dumps(bare).encode(), name="b.json").credential.proof_form == HOSTED


def test_the_portfolio_does_not_call_a_blockcerts_v2_certificate_unsigned() -> None:
    parsed = formats.parse((DATA / V2_VALID).read_bytes(), name=V2_VALID)
    item = PortfolioItem(
        id="c1",
        credential=parsed.credential,
        payload=parsed.payload,
        original=parsed.payload,
        media_type="application/json",
        kind="badge",
        verdict="unknown",
    )
    form = {str(label): str(text) for label, text in facts(item)}["Format"]
    assert "unsigned" not in form.lower() and "Blockcerts" in form, form


def test_the_detail_view_does_not_say_not_signed_for_a_blockcerts_v2_certificate(qtbot) -> None:
    from wallet.ui.detail_view import DetailView

    view = DetailView()
    qtbot.addWidget(view)
    view.show_credential(formats.parse((DATA / V2_VALID).read_bytes(), name=V2_VALID).credential)
    label = view.value_text("proof")
    assert "Not signed" not in label and "Blockcerts" in label, label


# --- interop: the same verdicts as cert-verifier-js ---------------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    """Path of `node`, with cert-verifier-js installed; fails (never skips) otherwise."""
    exe = shutil.which("node")
    if exe is None:
        pytest.fail(f"node is not on PATH; the interop tests need Node 20+: {SETUP_HINT}")
    if not (PEER / "node_modules" / "@blockcerts" / "cert-verifier-js").is_dir():
        pytest.fail(f"peer/blockcerts/node_modules is missing or incomplete: {SETUP_HINT}")
    return exe


def peer_verify(node: str, web: LocalWeb, doc: dict[str, Any]) -> dict[str, Any]:
    """cert-verifier-js's answer, every request it makes served by `web`."""
    proc = subprocess.run(
        [node, str(PEER / "verify.mjs")],
        cwd=PEER,
        input=json.dumps({"certificate": doc, "web": f"http://127.0.0.1:{web.port}"}),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"node verify.mjs printed nothing (exit {proc.returncode}): {proc.stderr}")
    answer: dict[str, Any] = lines[-1]
    return answer


PEER_VERDICT = {"success": "verified", "failure": "failed"}


@pytest.mark.parametrize(
    ("name", "verdict", "failing", "peer_says"),
    [
        (V2_VALID, "verified", (), "Verified"),
        (V2_TAMPERED, "failed", ("proof",), "Computed hash does not match remote hash"),
        (V2_REVOKED_KEY, "failed", ("issuer",), "issuing address was revoked by the issuer"),
        (V2_REVOKED, "failed", ("status",), "has been revoked by the issuer"),
        (V3_VALID, "verified", (), "Verified"),
        (V3_TAMPERED, "failed", ("proof", "context"), "Computed hash does not match remote hash"),
    ],
)
def test_the_wallet_and_cert_verifier_js_agree(
    node: str, web: LocalWeb, name: str, verdict: str, failing: tuple[str, ...], peer_says: str
) -> None:
    """The same verdict, for the same reason: the failing checks are the ones that correspond
    to cert-verifier-js's failing step (hash, issuing key, revocation); the v3 tampered
    certificate's changed id is also not an IRI, which the context check names."""
    doc = load(name)
    publish_all(web)
    peer = peer_verify(node, web, copy.deepcopy(doc))
    ctx = online(web, doc)
    ctx.issuer_keys = {f"{ION_DID}#key-1": ion_key()}  # the DID document, as the peer resolves it
    report = wallet_verify(doc, ctx)
    assert PEER_VERDICT.get(peer["status"]) == verdict, peer
    assert peer_says in json.dumps(peer["message"]), peer
    assert report.verdict == verdict, [c.to_json() for c in report.checks]
    failed = [c.id for c in report.checks if c.status == "fail"]
    assert tuple(failed) == failing, [c.to_json() for c in report.checks]
    if "proof" not in failing:  # the Merkle proof and its anchor were checked, not skipped
        assert check(report, "proof").status == "pass", check(report, "proof").message


def test_cert_verifier_js_accepts_a_mock_chain_which_the_wallet_never_verifies(
    node: str, web: LocalWeb
) -> None:
    """cert-verifier-js passes mock-chain certificates for issuers' development; a learner's
    wallet must not: a mock anchor proves nothing about who issued it."""
    doc = load(V3_MOCK)
    profile = load("issuer-blockcerts.json")
    del profile["proof"]  # as cert-verifier-js's own tests serve it (its proof has expired)
    web.publish(V3_PROFILE, profile)
    peer = peer_verify(node, web, copy.deepcopy(doc))
    assert peer["status"] == "success", peer
    report = wallet_verify(doc, online(web, doc))
    assert report.verdict == "unknown"
    assert "mock blockchain" in check(report, "proof").message
