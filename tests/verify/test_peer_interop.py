"""Interop with an independent Data Integrity implementation (Digital Bazaar's, in peer/).

Why: test vectors prove we reproduce published bytes, but only credentials made by software we
did not write show that our verifier accepts what issuers in the wild produce, and only their
verifier accepting ours shows that employers using it will accept what our demo issuer signs.
Both directions run here on OB 3.0 micro-credentials made by the test, plus a tamper check on
both sides and the shipped demo credentials.

The peer is a Node project (`peer/`); npm installs it in a setup step (`npm ci --prefix peer`),
never inside pytest. Without Node or `peer/node_modules` these tests FAIL with that command in
the message: a missing peer must not pass silently as "skipped". The peer's document loader
serves only resources/contexts and did:key, so nothing here touches the network either.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from wallet.proofs import keys, signing
from wallet.verify.context import VerifyContext
from wallet.verify.dataintegrity import verify_data_integrity
from wallet.verify.report import CONTEXT, ISSUER, PASS, PROOF

ROOT = Path(__file__).resolve().parents[2]
PEER = ROOT / "peer"
DEMO = ROOT / "resources" / "demo"
SETUP_HINT = "run `npm ci --prefix peer` (Node 20+) before the tests"
# a fixed "now" so date checks in the peer do not depend on the machine's clock: after every
# demo credential's validFrom (the latest is 2026-07-01), after the expired one's validUntil
NOW = "2026-09-01T00:00:00+00:00"

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://www.w3.org/ns/credentials/undefined-terms/v2",
]


# --- the peer ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    """Path of `node`, with the peer's packages installed; fails (never skips) otherwise."""
    exe = shutil.which("node")
    if exe is None:
        pytest.fail(f"node is not on PATH; the interop tests need Node 20+: {SETUP_HINT}")
    if not (PEER / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        pytest.fail(f"peer/node_modules is missing or incomplete: {SETUP_HINT}")
    return exe


def run_peer(node: str, script: str, *args: str) -> list[dict[str, Any]]:
    """Run a peer script and return its JSON lines (stderr shown when it says nothing)."""
    proc = subprocess.run(
        [node, str(PEER / script), *args],
        cwd=PEER,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"node {script} printed nothing (exit {proc.returncode}): {proc.stderr}")
    return lines


def peer_verify(node: str, *files: Path, now: str = NOW) -> dict[str, dict[str, Any]]:
    """File name → the peer's verdict line."""
    lines = run_peer(node, "verify.mjs", "--now", now, *map(str, files))
    return {Path(line["file"]).name: line for line in lines}


def peer_sign(
    node: str, key_file: Path, out: Path, *files: Path, entry: str = "ed25519"
) -> dict[str, Path]:
    """Sign with the peer; file name → signed file. Any signing error fails the test."""
    lines = run_peer(
        node,
        "sign.mjs",
        "--key",
        str(key_file),
        "--entry",
        entry,
        "--created",
        "2026-03-01T09:30:00Z",
        "--out",
        str(out),
        *map(str, files),
    )
    errors = [line for line in lines if "error" in line]
    assert not errors, errors
    return {Path(line["file"]).name: Path(line["out"]) for line in lines}


# --- our side ------------------------------------------------------------------------------


def our_outcome(document: dict[str, Any]) -> tuple[bool, dict[str, str], str]:
    """Our verifier (wallet.verify.dataintegrity) on one credential, offline, at NOW.

    Returns (proof passed, check id → status, every check's message for assertion output).
    """
    ctx = VerifyContext(at=dt.datetime.fromisoformat(NOW))
    outcome = verify_data_integrity(document, ctx)
    statuses = {c.id: c.status for c in outcome.checks}
    why = "; ".join(f"{c.id}={c.status}: {c.message}" for c in outcome.checks)
    return statuses.get(PROOF) == PASS, statuses, why


def our_proof_passes(document: dict[str, Any]) -> bool:
    return our_outcome(document)[0]


# --- test data -----------------------------------------------------------------------------


def _key(label: str) -> ed25519.Ed25519PrivateKey:
    """A deterministic test key (not the demo key: interop must not hinge on one key)."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"peer-interop {label}".encode()).digest()
    )


ISSUER_KEY = _key("issuer")
ISSUER_DID = keys.did_key_from_public_key(ISSUER_KEY.public_key())
ISSUER_VM = keys.did_key_verification_method(ISSUER_KEY.public_key())
# A P-256 issuer for the ECDSA suites (its own DID: the issuer must be the key's controller)
P256_KEY = ec.derive_private_key(
    int.from_bytes(hashlib.sha256(b"peer-interop p256 issuer").digest(), "big")
    % (2**256 - 2**224 - 2**96 - 2**64 - 1),
    ec.SECP256R1(),
)
P256_DID = keys.did_key_from_public_key(P256_KEY.public_key())
P256_VM = keys.did_key_verification_method(P256_KEY.public_key())
LEARNER_DID = keys.did_key_from_public_key(_key("learner").public_key())


def micro_credential(n: int, title: str, issuer_did: str = ISSUER_DID) -> dict[str, Any]:
    """An unsigned OB 3.0 micro-credential (the shape of the demo ones, different content)."""
    slug = title.lower().replace(" ", "-")
    return {
        "@context": list(OB3_CONTEXT),
        "id": f"urn:uuid:7d1c3a52-0000-4000-8000-{n:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {
            "id": issuer_did,
            "type": ["Profile"],
            "name": "Interop Test Institute (TEST ISSUER)",
            "url": "https://interop-test.example",
        },
        "validFrom": "2026-03-01T00:00:00Z",
        "credentialSubject": {
            "id": LEARNER_DID,
            "type": ["AchievementSubject"],
            "achievement": {
                "id": f"https://interop-test.example/achievements/{slug}",
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": title,
                "description": f"{title}: a short course, assessed by a practical project.",
                "criteria": {"narrative": "Pass the project assessment; Māori macrons kept."},
                "creditsAvailable": 5 + n,
                "fieldOfStudy": "Interoperability",
                "inLanguage": "en-NZ",
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": f"NZQF Level {3 + n % 4}",
                        "targetFramework": "New Zealand Qualifications and Credentials Framework",
                        "targetCode": str(3 + n % 4),
                        "targetType": "ext:QualificationsFrameworkLevel",
                        "targetUrl": "https://www.nzqa.govt.nz/",
                    }
                ],
                "microCredentialExtension": {
                    "type": ["MicroCredentialExtension"],
                    "creditUnit": "NZQF credits",
                    "learningOutcomes": [f"Outcome {i} of {title}" for i in range(1, 4)],
                    "notionalLearningHours": 50 + 10 * n,
                },
            },
            "result": [
                {
                    "type": ["Result"],
                    "status": "Completed",
                }
            ],
        },
    }


def tamper(document: dict[str, Any]) -> dict[str, Any]:
    """The same credential with more credits claimed than were signed."""
    changed = copy.deepcopy(document)
    changed["credentialSubject"]["achievement"]["creditsAvailable"] += 100
    return changed


def write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    """The issuer key in the shape peer/sign.mjs reads (that of resources/demo/issuer-key.json)."""

    def entry(private: Any, did: str, vm: str) -> dict[str, str]:
        return {
            "did": did,
            "verificationMethod": vm,
            "publicKeyMultibase": keys.public_key_to_multikey(private.public_key()),
            "secretKeyMultibase": keys.private_key_to_multibase(private),
        }

    return write(
        tmp_path / "key.json",
        {
            "ed25519": entry(ISSUER_KEY, ISSUER_DID, ISSUER_VM),
            "p256": entry(P256_KEY, P256_DID, P256_VM),
        },
    )


# --- peer signs, we verify -------------------------------------------------------------------

# key-file entry → (suite the peer signs with, issuer DID, verification method)
PEER_SUITES = {
    "ed25519": (signing.EDDSA_RDFC_2022, ISSUER_DID, ISSUER_VM),
    "p256": (signing.ECDSA_RDFC_2019, P256_DID, P256_VM),
}


@pytest.mark.parametrize("entry", sorted(PEER_SUITES))
def test_peer_signed_credentials_verify_with_ours(
    node: str, key_file: Path, tmp_path: Path, entry: str
) -> None:
    suite, did, vm = PEER_SUITES[entry]
    titles = ["Peer Signed Welding Basics", "Kaitiakitanga in Practice", "Spreadsheet Modelling"]
    unsigned = [
        write(tmp_path / f"u{n}.json", micro_credential(n, t, did)) for n, t in enumerate(titles)
    ]
    signed = peer_sign(node, key_file, tmp_path / "signed", *unsigned, entry=entry)
    assert len(signed) == len(titles)
    for name, path in signed.items():
        doc = json.loads(path.read_text(encoding="utf-8"))
        proof = doc["proof"]
        # really the peer's work, with the suite and key we asked for
        assert proof["type"] == "DataIntegrityProof"
        assert proof["cryptosuite"] == suite
        assert proof["verificationMethod"] == vm
        assert proof["created"] == "2026-03-01T09:30:00Z"
        ok, statuses, why = our_outcome(doc)
        assert ok, f"{name}: our verifier rejects the peer's {suite} proof: {why}"
        # the key is the issuer's (did:key) and every term is defined (safe mode)
        assert statuses[ISSUER] == PASS, why
        assert statuses[CONTEXT] == PASS, why
    # and the peer agrees with itself, so a failure above is ours, not a broken peer
    verdicts = peer_verify(node, *signed.values())
    assert all(v["verified"] for v in verdicts.values()), verdicts


# --- we sign, peer verifies ------------------------------------------------------------------

# our suite → (private key, issuer DID, verification method)
OUR_SUITES = {
    signing.EDDSA_RDFC_2022: (ISSUER_KEY, ISSUER_DID, ISSUER_VM),
    signing.EDDSA_JCS_2022: (ISSUER_KEY, ISSUER_DID, ISSUER_VM),
    signing.ECDSA_RDFC_2019: (P256_KEY, P256_DID, P256_VM),
    signing.ECDSA_JCS_2019: (P256_KEY, P256_DID, P256_VM),
}


def our_signed(n: int, title: str, suite: str = signing.EDDSA_RDFC_2022) -> dict[str, Any]:
    private, did, vm = OUR_SUITES[suite]
    return signing.sign_data_integrity(
        micro_credential(n, title, did),
        private,
        vm,
        cryptosuite=suite,
        created="2026-03-01T10:00:00Z",
    )


@pytest.mark.parametrize("suite", sorted(OUR_SUITES))
def test_our_signed_credentials_verify_in_peer(node: str, tmp_path: Path, suite: str) -> None:
    files = []
    for n, title in enumerate(["Ours Signed Carpentry", "Te Reo Māori Basics"]):
        doc = our_signed(n, title, suite)
        assert doc["proof"]["cryptosuite"] == suite
        assert our_proof_passes(doc)
        files.append(write(tmp_path / f"ours-{n}.json", doc))
    verdicts = peer_verify(node, *files)
    assert set(verdicts) == {f.name for f in files}
    for name, verdict in verdicts.items():
        assert verdict["verified"] is True, f"{name}: the peer rejects our {suite} proof: {verdict}"
        assert verdict["proofVerified"] is True
        assert verdict["error"] is None


# --- tampered: both sides say no -------------------------------------------------------------


@pytest.mark.parametrize("signer", ["peer", "ours"])
def test_tampered_credential_fails_on_both_sides(
    node: str, key_file: Path, tmp_path: Path, signer: str
) -> None:
    if signer == "peer":
        path = peer_sign(
            node,
            key_file,
            tmp_path / "signed",
            write(tmp_path / "t.json", micro_credential(7, "Tamper Target")),
        )
        signed = json.loads(path["t.json"].read_text(encoding="utf-8"))
    else:
        signed = our_signed(7, "Tamper Target")
    # the untouched credential passes on both sides: the failures below are the tampering
    assert our_proof_passes(signed)
    good = write(tmp_path / "good.json", signed)
    bad_doc = tamper(signed)
    bad = write(tmp_path / "bad.json", bad_doc)
    forged_sig = copy.deepcopy(signed)
    value = forged_sig["proof"]["proofValue"]
    forged_sig["proof"]["proofValue"] = value[:-2] + ("11" if value[-2:] != "11" else "22")
    forged = write(tmp_path / "forged.json", forged_sig)

    ok, _statuses, why = our_outcome(bad_doc)
    assert not ok, f"our verifier accepted a tampered credential: {why}"
    assert not our_proof_passes(forged_sig)

    verdicts = peer_verify(node, good, bad, forged)
    assert verdicts["good.json"]["verified"] is True, verdicts["good.json"]
    for name in ("bad.json", "forged.json"):
        assert verdicts[name]["verified"] is False, verdicts[name]
        assert verdicts[name]["proofVerified"] is False, verdicts[name]
        assert verdicts[name]["error"]


# --- the demo credentials in the peer -------------------------------------------------------


def _demo_data_integrity_documents(tmp_path: Path) -> dict[str, Path]:
    """Every demo credential carrying a Data Integrity proof, as JSON files to hand the peer."""
    from wallet.formats.baked import unbake_png

    found: dict[str, Path] = {}
    for path in sorted((DEMO / "credentials").iterdir()):
        if path.suffix == ".json":
            doc = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".png":
            doc = json.loads(unbake_png(path.read_bytes()).text)
        else:
            continue  # JWS, VC-JWT, SD-JWT: not Data Integrity
        if isinstance(doc, dict) and "proof" in doc:
            found[path.name] = write(tmp_path / f"{path.stem}.json", doc)
    status = DEMO / "status-list.json"
    found[status.name] = write(tmp_path / status.name, json.loads(status.read_text("utf-8")))
    return found


def test_demo_credentials_verify_in_peer(node: str, tmp_path: Path) -> None:
    docs = _demo_data_integrity_documents(tmp_path)
    # 7 JSON credentials, the baked PNG and the status list: the demo set, not a subset
    assert len(docs) == 9, sorted(docs)
    verdicts = peer_verify(node, *docs.values())
    assert len(verdicts) == len(docs)
    for name, verdict in verdicts.items():
        assert verdict["proofVerified"] is True, f"{name}: {verdict}"
        if "expired" in name:
            # the proof is good; the peer's date check sees validUntil 2025-06-01 in the past
            assert verdict["verified"] is False
            assert "validUntil" in verdict["error"]
        else:
            assert verdict["verified"] is True, f"{name}: {verdict}"


def test_peer_never_fetches_unknown_contexts(node: str, key_file: Path, tmp_path: Path) -> None:
    """A context we do not ship fails in the peer as it does in the wallet, with no fetch."""
    doc = our_signed(9, "Unknown Context")
    doc["@context"].append("https://unshipped-context.example/v1")
    verdict = peer_verify(node, write(tmp_path / "unknown.json", doc))["unknown.json"]
    assert verdict["verified"] is False
    assert "offline loader" in verdict["error"]
    assert "https://unshipped-context.example/v1" in verdict["error"]
