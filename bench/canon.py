"""RDFC-1.0 canonicalization: pyld against pyoxigraph on the same OB 3.0 credentials, one run.

Why: canonicalization is the slow part of verifying an *-rdfc-* proof. pyoxigraph is compiled
(Rust) but has no document-loader hook, so its JSON-LD input has the offline contexts inlined
(wallet.proofs.canon.inline_contexts). Both backends canonicalize the same credentials,
interleaved in rounds so that a noisy machine slows both alike; each result is checked equal to
pyld's before timing counts. A third figure, "expanded_pyoxigraph_ms", times pyoxigraph on the
JSON-LD expanded form (what verification holds after the safe-mode check), for reference, and
"verify_path_ms" times what verification actually runs on that expanded form
(`canon.canonicalize_expanded`: pyld's RDF conversion without a second expansion, then pyld's
RDFC-1.0), checked equal to pyld's result. pyoxigraph is not on the verification path: from
Python its RDFC-1.0 costs more than pyld's here, and it labels tied blank nodes differently on
one 1EdTech vector (see wallet.proofs.canon.canonicalize_expanded).

Last line: {"pyld_ms", "pyoxigraph_ms", "ratio", "verify_path_ms"} (total milliseconds per
backend; ratio = pyld_ms / pyoxigraph_ms, above 1 when pyoxigraph is faster).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from wallet.proofs import canon

ROOT = Path(__file__).resolve().parents[1]
LEVELS = [("NZQF", "4"), ("NZQF", "5"), ("EQF", "6"), ("EQF", "5")]


def credentials(n: int) -> list[dict[str, Any]]:
    """The demo issuer's OB 3.0 micro-credentials (proofs removed), varied to n documents."""
    demo = sorted((ROOT / "resources" / "demo" / "credentials").glob("0[1-4]*.json"))
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in demo]
    out = []
    for i in range(n):
        doc = json.loads(json.dumps(bases[i % len(bases)]))
        doc.pop("proof", None)
        doc["id"] = f"urn:uuid:00000000-0000-4000-8000-{i:012d}"
        framework, level = LEVELS[i % len(LEVELS)]
        doc["name"] = f"{doc.get('name', 'Badge')} #{i} ({framework} {level})"
        out.append(doc)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="credentials per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    docs = credentials(args.n)
    expected = [canon.canonicalize(d, backend=canon.PYLD) for d in docs]  # also warms caches
    mismatches = sum(
        canon.canonicalize(d, backend=canon.PYOXIGRAPH) != e
        for d, e in zip(docs, expected, strict=True)
    )
    expanded = [canon.expand_safe(d) for d in docs]
    mismatches_verify = sum(
        canon.canonicalize_expanded(x) != e for x, e in zip(expanded, expected, strict=True)
    )
    totals = {"pyld": 0.0, "pyoxigraph": 0.0, "expanded_pyoxigraph": 0.0, "verify_path": 0.0}
    for _ in range(args.rounds):
        for name, backend, inputs in (
            ("pyld", canon.PYLD, docs),
            ("pyoxigraph", canon.PYOXIGRAPH, docs),
            ("expanded_pyoxigraph", canon.PYOXIGRAPH, expanded),
            ("verify_path", None, expanded),
        ):
            start = time.perf_counter()
            for d in inputs:
                if backend is None:
                    canon.canonicalize_expanded(d)
                else:
                    canon.canonicalize(d, backend=backend)
            totals[name] += (time.perf_counter() - start) * 1000
    count = args.n * args.rounds
    print(
        f"{count} canonicalizations per backend; pyoxigraph differs from pyld on "
        f"{mismatches} of {len(docs)} credentials; the verification path on "
        f"{mismatches_verify}"
    )
    for name, ms in totals.items():
        print(f"  {name:20s} {ms:9.1f} ms total, {ms / count:7.2f} ms per credential")
    print(
        json.dumps(
            {
                "pyld_ms": round(totals["pyld"], 1),
                "pyoxigraph_ms": round(totals["pyoxigraph"], 1),
                "ratio": round(totals["pyld"] / totals["pyoxigraph"], 2),
                "verify_path_ms": round(totals["verify_path"], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
