"""What verifying costs: 1,000 signed OB 3.0 micro-credentials, ours cold and warm, and the peer.

The credentials (about 3 KB each, unique content, one did:key issuer, eddsa-rdfc-2022 by our
signer) are written to a temporary folder. Then, in the same run:

- cold: a fresh Python process (no canonicalization, context or memo caches from earlier work)
  verifies every file once. The verifier's modules are imported before the clock starts, as
  the peer's are (Node loads its static imports before its timer starts); importing runs no
  verification and fills no cache, and its time is printed on its own line.
- warm: the same process checks every credential again, starting from what the wallet holds
  after import (the parsed record, so parsing is not repeated; store I/O is not measured). This
  uses the cheap path the wallet has for unchanged content: the orchestrator
  (`wallet.verify.verifier.verify_parsed`) memoizes proof outcomes by content SHA-256, so only
  dates, status, schema and trust are evaluated again.
- peer: Digital Bazaar's verifier (`node peer/bench.mjs`, one pass in a fresh Node process) on
  the same files, when node and peer/node_modules are present.

Targets (issue: verify benchmark): cold at least 2x the JavaScript verifier's rate; warm at least
5,000 credentials/s. The figures are printed as measured, whichever way they fall.

Last line: {"cold_per_s", "warm_per_s", "peer_per_s", "ratio_vs_peer"} with
ratio_vs_peer = cold_per_s / peer_per_s (null, like peer_per_s, without Node and the peer).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT / "peer"
CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://www.w3.org/ns/credentials/undefined-terms/v2",
]
TOPICS = [
    "Data Analysis",
    "Sustainable Construction",
    "Cloud Security",
    "Te Reo Māori",
    "First Aid",
    "Project Management",
    "Welding Practice",
    "Early Childhood Literacy",
    "Digital Marketing",
    "Water Quality Testing",
    "Aged Care Support",
    "Cyber Hygiene",
]
LEVELS = [("NZQF", "4"), ("NZQF", "5"), ("EQF", "6"), ("EQF", "5"), ("NZQF", "3")]
GRADES = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C"]


def _seed_key(label: str) -> Any:
    """A deterministic Ed25519 key: the same files every run, so runs compare."""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519.Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"bench/verify {label}".encode()).digest()
    )


def unsigned_credential(i: int, issuer_did: str) -> dict[str, Any]:
    """An OB 3.0 micro-credential unique per i, about 3 KB once signed."""
    from wallet.proofs import keys

    topic = TOPICS[i % len(TOPICS)]
    framework, level = LEVELS[i % len(LEVELS)]
    learner = keys.did_key_from_public_key(_seed_key(f"learner {i % 250}").public_key())
    slug = f"{topic.lower().replace(' ', '-')}-{i % 40}"
    return {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:5be1c0de-{i % 65536:04x}-4{i % 4096:03x}-8000-{i:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{topic} {i % 40}",
        "issuer": {
            "id": issuer_did,
            "type": ["Profile"],
            "name": "Bench Polytechnic (BENCHMARK ISSUER)",
            "url": "https://bench-polytechnic.example",
        },
        "validFrom": f"2026-{1 + i % 6:02d}-{1 + i % 28:02d}T00:00:00Z",
        "credentialSubject": {
            "id": learner,
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": ["IdentityObject"],
                    "identityHash": f"Learner {i % 250}",
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": f"https://bench-polytechnic.example/achievements/{slug}",
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": f"{topic} {i % 40}",
                "description": f"Apply {topic.lower()} in real workplace settings, unit {i}; "
                "plan, carry out and review a supervised project.",
                "criteria": {
                    "narrative": "Complete every learning activity and pass the "
                    "summative assessment (portfolio and oral review)."
                },
                "creditsAvailable": 5 + (i % 4) * 5,
                "fieldOfStudy": topic,
                "inLanguage": "en-NZ",
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": f"{framework} level {level}",
                        "targetFramework": framework,
                        "targetCode": level,
                        "targetType": "ext:QualificationsFrameworkLevel",
                        "targetUrl": f"https://frameworks.example/{framework}/{level}",
                    }
                ],
                "resultDescription": [
                    {
                        "id": f"urn:uuid:0e5d0000-0000-4000-8000-{i:08d}0001",
                        "type": ["ResultDescription"],
                        "name": "Final grade",
                        "resultType": "LetterGrade",
                        "allowedValue": GRADES,
                    }
                ],
                "microCredentialExtension": {
                    "type": ["MicroCredentialExtension"],
                    "creditUnit": "ECTS" if framework == "EQF" else "NZQF credits",
                    "learningOutcomes": [
                        f"Outcome {k}: explain and apply {topic.lower()} concept {k} ({i})"
                        for k in range(1, 4)
                    ],
                    "assessment": "Portfolio and oral review",
                    "participation": ["online", "blended", "in person"][i % 3],
                    "notionalLearningHours": 50 + (i % 4) * 50,
                },
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": f"urn:uuid:0e5d0000-0000-4000-8000-{i:08d}0001",
                    "value": GRADES[i % len(GRADES)],
                }
            ],
        },
    }


def _sign_range(args: tuple[str, int, int]) -> int:
    """Sign items [start, stop) into folder (runs in a worker process)."""
    from wallet.proofs import keys, signing

    folder, start, stop = args
    issuer = _seed_key("issuer")
    did = keys.did_key_from_public_key(issuer.public_key())
    vm = keys.did_key_verification_method(issuer.public_key())
    for i in range(start, stop):
        doc = signing.sign_data_integrity(
            unsigned_credential(i, did), issuer, vm, created="2026-07-01T00:00:00Z"
        )
        Path(folder, f"cred-{i:05d}.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return stop - start


def generate(folder: Path, count: int) -> None:
    """Write `count` signed credentials; signing is not measured, so it uses every core."""
    step = 50
    jobs = [(str(folder), s, min(s + step, count)) for s in range(0, count, step)]
    with ProcessPoolExecutor() as pool:
        done = sum(pool.map(_sign_range, jobs))
    assert done == count


# --- the measuring process ----------------------------------------------------------------


def _verifier() -> tuple[str, Any, Any]:
    """(description, prepare: bytes -> held form, check: held form -> bool).

    `prepare` is what importing does once (parse the file into what the wallet stores);
    `check` is a verification of that held form. Cold runs both per file, as a first check of
    an imported file does; warm runs `check` alone on the held forms, as re-checking a stored,
    unchanged credential does (the store keeps the parsed record; store I/O is not measured).
    """
    import datetime as dt

    from wallet.formats import parse
    from wallet.verify.context import MemoryCache, VerifyContext
    from wallet.verify.report import PASS, PROOF
    from wallet.verify.verifier import verify_parsed

    memo = MemoryCache()
    ctx = VerifyContext(at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC), cache=memo, memo=memo)

    def full(parsed: Any) -> bool:
        report = verify_parsed(parsed, ctx, "bench")
        proof = report.check(PROOF)
        return proof is not None and proof.status == PASS

    return (
        "orchestrator verify_parsed (proof, issuer and safe-mode context via "
        "wallet.verify.dataintegrity; dates, status, schema, trust); warm = its proof memo "
        "keyed by content SHA-256",
        lambda data: parse(data, "bench.json"),
        full,
    )


def _import_verifier_code() -> None:
    """Import the modules verification loads on first use (code only: nothing runs, nothing
    is cached), so the cold figure, like the peer's, does not include loading code."""
    import importlib

    for name in ("wallet.verify.dataintegrity", "wallet.verify.status", "jsonschema"):
        importlib.import_module(name)


def measure(folder: Path) -> dict[str, Any]:
    """Run in a fresh process: cold pass then warm pass over every file in folder."""
    blobs = [p.read_bytes() for p in sorted(folder.glob("*.json"))]
    t0 = time.perf_counter()
    how, prepare, check = _verifier()
    _import_verifier_code()
    figures: dict[str, Any] = {
        "how": how,
        "count": len(blobs),
        "import_seconds": time.perf_counter() - t0,
    }
    held: list[Any] = []
    t0 = time.perf_counter()
    ok = 0
    for data in blobs:
        item = prepare(data)
        held.append(item)
        ok += bool(check(item))
    spent = time.perf_counter() - t0
    figures["cold"] = {"seconds": spent, "per_s": len(blobs) / spent, "verified": ok}
    t0 = time.perf_counter()
    ok = sum(1 for item in held if check(item))
    spent = time.perf_counter() - t0
    figures["warm"] = {"seconds": spent, "per_s": len(blobs) / spent, "verified": ok}
    return figures


def run_ours(folder: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        raise SystemExit(f"measuring process failed:\n{proc.stderr}")
    return json.loads(proc.stdout.splitlines()[-1])


def run_peer(folder: Path) -> dict[str, Any] | None:
    """The peer's figures, or None (with the reason printed) when it cannot run here."""
    node = shutil.which("node")
    if node is None:
        print("peer: node is not on PATH; no JavaScript figure")
        return None
    if not (PEER / "node_modules").is_dir():
        print("peer: peer/node_modules missing (npm ci --prefix peer); no JavaScript figure")
        return None
    proc = subprocess.run(
        [node, str(PEER / "bench.mjs"), str(folder)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PEER,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"peer bench failed (exit {proc.returncode}):\n{proc.stderr}")
    return json.loads(lines[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="write the credentials here and keep them")
    ap.add_argument("--no-peer", action="store_true", help="skip the JavaScript verifier")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the fresh process
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-verify-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        generate(folder, args.count)
        files = sorted(folder.glob("*.json"))
        sizes = [p.stat().st_size for p in files]
        print(
            f"signed {len(files)} credentials (eddsa-rdfc-2022, did:key issuer), "
            f"{min(sizes)}-{max(sizes)} bytes, mean {sum(sizes) / len(sizes):,.0f}, "
            f"in {time.perf_counter() - t0:.1f} s (not measured)"
        )
        ours = run_ours(folder)
        peer = None if args.no_peer else run_peer(folder)

    print(f"ours: {ours['how']}")
    print(
        f"ours: loading the verifier's code took {ours['import_seconds']:.2f} s before the "
        "clock started (not in the cold figure; the peer's module loading is not in its "
        "figure either)"
    )
    failed = False
    for name in ("cold", "warm"):
        f = ours[name]
        print(
            f"ours {name}: {f['verified']}/{ours['count']} verified, {f['seconds']:.2f} s, "
            f"{f['per_s']:,.1f}/s"
        )
        failed |= f["verified"] != ours["count"]
    cold, warm = ours["cold"]["per_s"], ours["warm"]["per_s"]
    peer_per_s = ratio = None
    if peer is not None:
        peer_per_s = peer["per_s"]
        ratio = cold / peer_per_s
        print(
            f"peer (Digital Bazaar, Node {_node_version()}): {peer['verified']}/"
            f"{peer['count']} verified, {peer['seconds']:.2f} s, {peer_per_s:,.1f}/s"
        )
        failed |= peer["verified"] != peer["count"]
        print(f"cold vs peer: {ratio:.2f}x (target >= 2x): {'met' if ratio >= 2 else 'NOT met'}")
    print(f"warm: {warm:,.0f}/s (target >= 5,000/s): {'met' if warm >= 5000 else 'NOT met'}")
    if failed:
        print("WARNING: not every credential verified; the rates do not compare like for like")
    print(
        json.dumps(
            {
                "cold_per_s": round(cold, 1),
                "warm_per_s": round(warm, 1),
                "peer_per_s": None if peer_per_s is None else round(peer_per_s, 1),
                "ratio_vs_peer": None if ratio is None else round(ratio, 3),
            }
        )
    )
    return 1 if failed else 0


def _node_version() -> str:
    try:
        out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
        return out.stdout.strip()
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
