"""`learner-wallet list --json` names every credential's issuer (issue 18).

Many credentials name their issuer by a bare DID or URL, with no profile object and so no name.
A script reading `list --json` used to get `"issuer": null` for them; it now gets the DID or URL
(and `issuer_id` for every credential that has one, next to the name where there is one).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet import cli
from wallet.proofs import jose

DID = "did:web:pukeko-polytechnic.example.nz"
URL = "https://badges.example.org/issuers/7"


def vc_jwt(title: str, issuer: Any) -> bytes:
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"urn:example:{title.replace(' ', '-')}",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2026-03-02T00:00:00Z",
        "name": title,
        "credentialSubject": {"id": "did:example:aroha"},
    }
    key = Ed25519PrivateKey.generate()
    return jose.sign_compact({"typ": "vc+jwt"}, json.dumps(credential).encode(), key).encode()


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    pw = tmp_path / "pass.txt"
    pw.write_text("correct horse battery\n")
    wallet = tmp_path / "w.lwallet"
    code = cli.main(["--wallet", str(wallet), "--passphrase-file", str(pw), *args], out=out)
    return code, out.getvalue()


def test_list_json_gives_a_bare_did_or_url_issuer_and_the_name_where_there_is_one(
    tmp_path: Path,
) -> None:
    files = tmp_path / "in"
    files.mkdir()
    (files / "did.jwt").write_bytes(vc_jwt("Soil Science", DID))
    (files / "url.jwt").write_bytes(vc_jwt("Pruning", URL))
    (files / "named.jwt").write_bytes(
        vc_jwt("Composting", {"id": DID, "type": ["Profile"], "name": "Pukeko Polytechnic"})
    )
    (files / "nameless.jwt").write_bytes(vc_jwt("Grafting", {"type": ["Profile"]}))
    assert run(tmp_path, "init")[0] == 0
    assert run(tmp_path, "import", str(files))[0] == 0

    code, text = run(tmp_path, "list", "--json")
    assert code == 0
    rows = {r["title"]: r for r in map(json.loads, text.splitlines())}
    assert (rows["Soil Science"]["issuer"], rows["Soil Science"]["issuer_id"]) == (DID, DID)
    assert (rows["Pruning"]["issuer"], rows["Pruning"]["issuer_id"]) == (URL, URL)
    named = rows["Composting"]
    assert (named["issuer"], named["issuer_id"]) == ("Pukeko Polytechnic", DID)
    assert (rows["Grafting"]["issuer"], rows["Grafting"]["issuer_id"]) == (None, None)
