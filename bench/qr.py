"""QR size of each demo credential: our LW2 encoding against plain JSON and the old LW1.

Each demo credential is presented as the wallet presents it: a one-credential
VerifiablePresentation signed by the demo learner's holder key (eddsa-rdfc-2022, with a UUID
challenge and a domain; JWT and SD-JWT credentials enveloped). Baked images are skipped (their
credential is one of the others). For each: the presentation's compact JSON bytes, the LW1
payload (CBOR + raw DEFLATE, as first shipped in tests), the LW2 payload (tables, tags, blobs,
DEFLATE with the preset dictionary), the LW2 text length, and the codes and QR versions (ECC M).

Target (issue 6): a one-credential presentation of a typical micro-credential fits one QR
code at version <= 25, ECC M (about 958 payload bytes after the `LW2:` header).
Last line: {"payload_bytes", "json_bytes", "qr_version", "ecc", "codes"} for the largest
credential ("qr_version" is the largest version among its codes).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from pathlib import Path

import cbor2

from wallet.present import qr
from wallet.present.presentation import make_vp
from wallet.proofs import keys

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
NOW = dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)


def _presentation(path: Path) -> dict:
    learner = json.loads((DEMO / "issuer-key.json").read_text("utf-8"))["learner"]
    key = keys.private_key_from_jwk(learner["privateJwk"])
    text = path.read_text("utf-8").strip()
    cred = json.loads(text) if path.suffix == ".json" else text
    return make_vp(
        [cred],
        key,
        learner["did"],
        challenge="6f1c2b7e-3d4a-4c8e-9b1f-0a2d3e4f5a6b",
        domain="https://hr.example",
        now=NOW,
    )


def _lw1_payload(presentation: dict) -> int:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return len(packer.compress(cbor2.dumps([1, presentation])) + packer.flush())


def main() -> None:
    rows = []
    print(f"{'credential':44} {'json':>6} {'LW1':>6} {'LW2':>6} {'text':>6} codes  versions")
    for path in sorted((DEMO / "credentials").iterdir()):
        if path.suffix not in (".json", ".jwt", ".jws", ".sd-jwt"):
            continue
        pres = _presentation(path)
        plain = json.dumps(pres, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        payload = qr.to_payload(pres)
        texts = qr.encode(pres)
        versions = [qr.qr_version(t) for t in texts]
        assert qr.decode(texts) == pres
        rows.append((path.name, len(plain), len(payload), versions))
        print(
            f"{path.name:44} {len(plain):6} {_lw1_payload(pres):6} {len(payload):6} "
            f"{sum(len(t) for t in texts):6} {len(texts):5}  {versions}"
        )
    print(
        f"one v{qr.MAX_VERSION}-M code carries {qr._max_chunk(f'{qr.PREFIX}:00000000:')} "
        "payload bytes"
    )
    name, plain_len, payload_len, versions = max(rows, key=lambda r: r[1])
    print(f"largest: {name}")
    print(
        json.dumps(
            {
                "payload_bytes": payload_len,
                "json_bytes": plain_len,
                "qr_version": max(versions),
                "ecc": "M",
                "codes": len(versions),
            }
        )
    )


if __name__ == "__main__":
    main()
