"""What encryption costs on import: 10,000 credentials into SQLCipher and into plain SQLite.

Both stores run the same import code (parse + one atomic store transaction per credential;
no signature checks), interleaved in chunks so that a noisy shared machine slows both alike.
Target (issue 2): encrypted at most 1.3x slower than plain; 10,000 imports in under 20 s.

Last line: {"encrypted_per_s", "plain_per_s", "ratio"} with ratio = plain_per_s / encrypted_per_s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from wallet.importer import IMPORTED, import_item
from wallet.sources import Item
from wallet.store import WalletStore

LEVELS = [("NZQF", "4"), ("NZQF", "5"), ("EQF", "6"), ("EQF", "5")]


def generated_credential(i: int) -> bytes:
    """A realistic, unsigned OB 3.0 micro-credential of about 2.5 KB, unique per i."""
    framework, level = LEVELS[i % len(LEVELS)]
    doc = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:bench-{i:08d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": f"did:web:issuer{i % 37}.example",
            "type": ["Profile"],
            "name": f"Bench Institute {i % 37}",
        },
        "validFrom": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00Z",
        "name": f"Micro-credential {i}: Applied Topic {i % 97}",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": f"https://issuer{i % 37}.example/achievements/{i % 500}",
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": f"Applied Topic {i % 97}, unit {i}",
                "description": "Learners analyse real data sets, build models and explain "
                "their findings to a non-specialist audience. " * 3,
                "criteria": {
                    "narrative": "Pass a supervised practical assessment and a reflective report."
                },
                "creditsAvailable": 5 + (i % 8) * 5,
                "fieldOfStudy": "Information technology",
                "tag": ["data", "python", f"topic-{i % 97}"],
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": f"{framework} level {level}",
                        "targetUrl": f"https://frameworks.example/{framework}/{level}",
                        "targetFramework": framework,
                        "targetCode": level,
                    }
                ],
                "resultDescription": [
                    {
                        "id": f"urn:uuid:rd-{i}-{k}",
                        "type": ["ResultDescription"],
                        "name": f"Learning outcome {k}: explain concept {k} in context",
                        "resultType": "LetterGrade",
                    }
                    for k in range(4)
                ],
            },
        },
    }
    return json.dumps(doc, indent=1).encode()


def run(count: int, chunk: int) -> dict[str, float]:
    items = [generated_credential(i) for i in range(count)]
    with tempfile.TemporaryDirectory() as tmp:
        stores = {
            "encrypted": WalletStore.create(Path(tmp) / "enc.lwallet", "bench passphrase"),
            "plain": WalletStore.create(Path(tmp) / "plain.db", "unused", encrypted=False),
        }
        spent = {name: 0.0 for name in stores}
        for start in range(0, count, chunk):
            batch = items[start : start + chunk]
            order = list(stores) if (start // chunk) % 2 == 0 else list(reversed(stores))
            for name in order:
                store = stores[name]
                t0 = time.perf_counter()
                for j, data in enumerate(batch):
                    r = import_item(store, Item(f"gen-{start + j}.json", data))
                    if r.status != IMPORTED:
                        raise SystemExit(f"bench import failed: {r.line()}")
                spent[name] += time.perf_counter() - t0
        for store in stores.values():
            assert store.credentials.count() == count
            store.close()
    enc = count / spent["encrypted"]
    plain = count / spent["plain"]
    print(f"imported {count} credentials into each store, in chunks of {chunk}, interleaved")
    print(f"encrypted (SQLCipher): {spent['encrypted']:.2f} s  {enc:,.0f}/s")
    print(f"plain (SQLite):        {spent['plain']:.2f} s  {plain:,.0f}/s")
    print(
        f"encryption costs {plain / enc:.2f}x (target <= 1.3x); "
        f"10,000 encrypted imports would take {10_000 / enc:.1f} s (target < 20 s)"
    )
    return {
        "encrypted_per_s": round(enc, 1),
        "plain_per_s": round(plain, 1),
        "ratio": round(plain / enc, 3),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--chunk", type=int, default=500)
    args = ap.parse_args()
    figures = run(args.count, args.chunk)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
