"""QR size of each demo credential: our LW1 encoding against the plain JSON or text.

JSON credentials are wrapped in a VerifiablePresentation (as the wallet would show them); JWT,
JWS and SD-JWT files are presented as their text. Baked images are skipped (their credential
is one of the others). For each: plain bytes and the QR version (ECC M) they would need in
byte mode, our payload bytes (CBOR + DEFLATE), our text length and the codes it becomes.

Target (issue 6): a one-credential presentation of a typical micro-credential fits one QR
code at version <= 25, ECC M.
Last line: {"payload_bytes", "json_bytes", "qr_version", "ecc"} for the largest credential
("qr_version" is the largest version among its codes; "codes" says how many).
"""

from __future__ import annotations

import json
from pathlib import Path

from wallet.present import qr

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo" / "credentials"


def _presentation(path: Path) -> object:
    if path.suffix == ".json":
        return {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "verifiableCredential": [json.loads(path.read_text("utf-8"))],
        }
    return path.read_text("utf-8").strip()


def _plain(presentation: object) -> bytes:
    if isinstance(presentation, str):
        return presentation.encode("utf-8")
    return json.dumps(presentation, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _plain_version(data: bytes) -> str:
    try:
        return str(qr.qr_version(data.decode("utf-8")))
    except qr.QrError:
        return ">40"


def main() -> None:
    rows = []
    print(f"{'credential':44} {'plain':>6} {'v(M)':>5} {'ours':>6} {'text':>6} codes  versions")
    for path in sorted(DEMO.iterdir()):
        if path.suffix not in (".json", ".jwt", ".jws", ".sd-jwt"):
            continue
        pres = _presentation(path)
        plain = _plain(pres)
        payload = qr.to_payload(pres)
        texts = qr.encode(pres)
        versions = [qr.qr_version(t) for t in texts]
        assert qr.decode(texts) == pres
        rows.append((path.name, len(plain), len(payload), versions))
        print(f"{path.name:44} {len(plain):6} {_plain_version(plain):>5} {len(payload):6} "
              f"{sum(len(t) for t in texts):6} {len(texts):5}  {versions}")
    name, plain_len, payload_len, versions = max(rows, key=lambda r: r[1])
    print(f"largest: {name}")
    print(json.dumps({"payload_bytes": payload_len, "json_bytes": plain_len,
                      "qr_version": max(versions), "ecc": "M", "codes": len(versions)}))


if __name__ == "__main__":
    main()
