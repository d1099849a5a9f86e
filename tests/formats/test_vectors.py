"""Conformance over the public vectors in ../shared/vectors (1EdTech, W3C, IETF).

Needs the shared folder beside the repository. When it is absent this module says so with a
warning and collects no cases; the rest of the suite does not depend on it.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from wallet import formats
from wallet.credential import CLR2, DATA_INTEGRITY, JWT, OB3, SD_JWT, SD_JWT_VC, UNSIGNED, VC
from wallet.errors import FormatError
from wallet.proofs import jose

VECTORS = Path(__file__).resolve().parents[2] / ".." / "shared" / "vectors"

# file -> (format, proof_form, title, issuer name or id, number of CLR children)
EXPECTED = {
    "1edtech-validator/ob30/simple.json": (OB3, DATA_INTEGRITY, "Teamwork", "Example Corp", 0),
    "1edtech-validator/ob30/simple_v1.json": (OB3, DATA_INTEGRITY, "Teamwork", "Example Corp", 0),
    "1edtech-validator/ob30/simple-noproof.json": (
        OB3,
        UNSIGNED,
        "Example University Degree",
        "Example University",
        0,
    ),
    "1edtech-validator/ob30/simple.jwt": (
        OB3,
        JWT,
        "Example University Degree",
        "Example University",
        0,
    ),
    "1edtech-validator/ob30/simple-json.png": (OB3, DATA_INTEGRITY, "Teamwork", "Example Corp", 0),
    "1edtech-validator/ob30/simple-json.svg": (OB3, DATA_INTEGRITY, "Teamwork", "Example Corp", 0),
    "1edtech-validator/ob30/simple-jwt.png": (OB3, JWT, "Teamwork", "Example Corp", 0),
    "1edtech-validator/ob30/simple-jwt.svg": (OB3, JWT, "Teamwork", "Example Corp", 0),
    "1edtech-validator/ob30/complete.json": (
        OB3,
        DATA_INTEGRITY,
        "1EdTech University Degree",
        "1EdTech University",
        0,
    ),
    "1edtech-validator/ob30/endorsement-valid.json": (
        OB3,
        DATA_INTEGRITY,
        "Example endorsement",
        "State Department of Education",
        0,
    ),
    "1edtech-validator/ob30/derivedcredential.json": (
        OB3,
        DATA_INTEGRITY,
        "Teamwork",
        "Example Corp",
        0,
    ),
    "1edtech-validator/clr20/simple.json": (
        CLR2,
        DATA_INTEGRITY,
        "Sample Transcript",
        "Example University",
        1,
    ),
    "1edtech-validator/clr20/simple-noproof.json": (
        CLR2,
        UNSIGNED,
        "Sample Transcript",
        "Example University",
        1,
    ),
    "1edtech-validator/clr20/simple.jwt": (CLR2, JWT, "Sample Transcript", "Example University", 1),
    "1edtech-validator/clr20/complex.json": (
        CLR2,
        DATA_INTEGRITY,
        "Ellis Monday",
        "Western High School, RSD",
        6,
    ),
    "1edtech-validator/clr20/simple_v1.json": (
        CLR2,
        DATA_INTEGRITY,
        "Ellis Monday",
        "Western High School, RSD",
        6,
    ),
    "1edtech-ob-spec/ob30-ldp-test-vector/signed-credential.json": (
        OB3,
        DATA_INTEGRITY,
        "Teamwork",
        "Example Corp",
        0,
    ),
    "1edtech-ob-spec/clr20-ldp-test-vector/signed-credential.json": (
        CLR2,
        DATA_INTEGRITY,
        "Sample Transcript",
        "Example University",
        1,
    ),
    "w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json": (
        VC,
        DATA_INTEGRITY,
        "Alumni Credential",
        "https://vc.example/issuers/5678",
        0,
    ),
    "w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json": (
        VC,
        DATA_INTEGRITY,
        "Alumni Credential",
        "https://vc.example/issuers/5678",
        0,
    ),
    "w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json": (
        VC,
        DATA_INTEGRITY,
        "Employment Authorization Document",
        "did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76",
        0,
    ),
    "w3c-vc-di-ecdsa/ecdsa-sd-2023/prc/derivedRevealDocument.json": (
        VC,
        DATA_INTEGRITY,
        "Permanent Resident Card Credential",
        "did:key:zDnaeTHxNEBZoKaEo6PdA83fq98ebiFvo3X273Ydu4YmV96rg",
        0,
    ),
    "ietf-sd-jwt-vc/s2.3.1-issuance.txt": (
        SD_JWT_VC,
        SD_JWT,
        "Identity credential",
        "https://example.com/issuer",
        0,
    ),
    "ietf-sd-jwt-vc/sA.1-pid-issuance.txt": (
        SD_JWT_VC,
        SD_JWT,
        "urn:example:eudi:pid:aendgard:1",
        "Kingdom of Ændgard, Ministry of Interior",
        0,
    ),
    "ietf-sd-jwt/sA.3-sd-jwt-vc-pid-issuance.txt": (
        SD_JWT_VC,
        SD_JWT,
        "urn:eudi:pid:de:1",
        "DE",
        0,
    ),
    "ietf-sd-jwt/sA.4-w3c-vcdm-issuance.txt": (
        VC,
        SD_JWT,
        "COVID-19 Vaccination Certificate",
        "https://example.com/issuer",
        0,
    ),
}

# Files that are rightly refused, with the start of the message a person sees.
REFUSED = {
    "ietf-sd-jwt/s5.1-sd-jwt-issuance.txt": "not a credential: an SD-JWT with no credential",
    # read as SD-JWT JSON serialization; like the compact IETF examples, not a credential
    "ietf-sd-jwt/s8.2-json-flattened-issuance.json": "not a credential: an SD-JWT with no",
    "ietf-sd-jwt/s8.3-json-general-kb-presentation.json": "not a credential: an SD-JWT with no",
    "ietf-sd-jwt/s5.1-issuer-signed-jwt.txt": "not a credential: an SD-JWT with no credential",
    "ietf-sd-jwt/s5.2-sd-jwt-kb-presentation.txt": "not a credential: an SD-JWT with no",
    "ietf-sd-jwt/sA.1-simple-structured-presentation.txt": "not a credential: an SD-JWT",
    "ietf-sd-jwt/sA.2-complex-structured-presentation.txt": "not a credential: an SD-JWT",
    "ietf-sd-jwt/s8.2-json-flattened-kb-presentation.json": "not a credential: an SD-JWT",
    "w3c-vc-di-eddsa/keyPair.json": "not a credential: no recognised @context or type",
    "w3c-vc-di-eddsa/eddsa-jcs-2022/proofConfigJCS.json": "not a credential",
    "w3c-vc-di-ecdsa/employMandatory.json": "not a credential: a JSON list",
    "w3c-vc-di-eddsa/eddsa-jcs-2022/sigHexJCS.txt": "unknown format",
}

# SD-JWT presentation -> the processed payload the spec says a verifier obtains.
PROCESSED = {
    "ietf-sd-jwt-vc/s2.3.2-presentation-no-kb.txt": "ietf-sd-jwt-vc/s2.3.2-no-kb-processed-"
    "payload.json",
    "ietf-sd-jwt-vc/s2.3.2-kb-presentation.txt": "ietf-sd-jwt-vc/s2.3.2-kb-processed-payload.json",
    "ietf-sd-jwt-vc/sA.1-pid-kb-presentation.txt": "ietf-sd-jwt-vc/sA.1-processed-payload.json",
    "ietf-sd-jwt/sA.1-simple-structured-presentation.txt": "ietf-sd-jwt/sA.1-processed-"
    "payload.json",
    "ietf-sd-jwt/sA.2-complex-structured-presentation.txt": "ietf-sd-jwt/sA.2-processed-"
    "payload.json",
    "ietf-sd-jwt/sA.3-sd-jwt-vc-pid-kb-presentation.txt": "ietf-sd-jwt/sA.3-processed-payload.json",
    "ietf-sd-jwt/s5.2-sd-jwt-kb-presentation.txt": "ietf-sd-jwt/s5.2-processed-payload.json",
    "ietf-sd-jwt/sA.4-w3c-vcdm-kb-presentation.txt": "ietf-sd-jwt/sA.4-processed-payload.json",
}


def _all_files() -> list[str]:
    return sorted(
        str(p.relative_to(VECTORS))
        for p in VECTORS.rglob("*")
        if p.is_file() and p.suffix in (".json", ".txt", ".jwt", ".png", ".svg")
    )


if not VECTORS.is_dir():
    message = (
        f"public test vectors not found at {VECTORS.resolve()}: the conformance tests "
        "in tests/formats/test_vectors.py collect no cases"
    )
    print(message)
    warnings.warn(message, stacklevel=1)
else:

    @pytest.mark.vectors
    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_vector_reads_as_expected(name):
        fmt, proof, title, issuer, children = EXPECTED[name]
        data = (VECTORS / name).read_bytes()
        p = formats.parse(data, name)
        c = p.credential
        assert (c.format, c.proof_form, c.title) == (fmt, proof, title)
        assert issuer in (c.issuer.name, c.issuer.id)
        assert len(p.children) == children
        assert p.original == data
        if name.endswith((".png", ".svg")):
            assert c.baked == name[-3:]
            assert p.payload in data  # byte-exact, as it sits in the image

    @pytest.mark.vectors
    @pytest.mark.parametrize("name", sorted(REFUSED))
    def test_vector_refused_with_a_clear_message(name):
        with pytest.raises(FormatError) as err:
            formats.parse((VECTORS / name).read_bytes(), name)
        assert str(err.value).startswith(REFUSED[name])

    @pytest.mark.vectors
    @pytest.mark.parametrize("name", _all_files())
    def test_every_vector_file_parses_or_is_refused_plainly(name):
        try:
            formats.parse((VECTORS / name).read_bytes(), name)
        except FormatError as e:
            assert str(e) and "\n" not in str(e)

    @pytest.mark.vectors
    def test_every_verifiable_artifact_is_read_or_refused_on_purpose():
        listed = json.loads((VECTORS / "expected.json").read_text())["vectors"]
        for entry in listed:
            name = entry["file"]
            if name in REFUSED:
                continue
            p = formats.parse((VECTORS / name).read_bytes(), name)
            assert p.credential.title, name

    @pytest.mark.vectors
    @pytest.mark.parametrize("name", sorted(PROCESSED))
    def test_sd_jwt_processed_payload_matches_the_spec(name):
        from wallet.proofs.keys import public_key_from_jwk

        text = (VECTORS / name).read_text()
        _, processed = jose.sd_jwt_processed(text)
        assert processed == json.loads((VECTORS / PROCESSED[name]).read_text())
        issuer_key = public_key_from_jwk(
            json.loads((VECTORS / "ietf-sd-jwt/issuer-key.public.jwk.json").read_text())
        )
        assert jose.verify_compact(jose.split_sd_jwt(text)[0], issuer_key)

    @pytest.mark.vectors
    @pytest.mark.parametrize(
        "name",
        [
            "1edtech-validator/clr20/simple.jwt",
            "1edtech-validator/ob30/simple-jwt.png",
            "1edtech-validator/ob30/simple-jwt.svg",
        ],
    )
    def test_vc_jwt_signature_with_header_jwk(name):
        from wallet.proofs.keys import public_key_from_jwk

        token = formats.parse((VECTORS / name).read_bytes()).payload.decode()
        header = jose.decode_compact(token)[0]
        assert jose.verify_compact(token, public_key_from_jwk(header["jwk"]))

    @pytest.mark.vectors
    def test_baked_vector_payload_rebakes_identically():
        png = (VECTORS / "1edtech-validator/ob30/simple-json.png").read_bytes()
        p = formats.parse(png)
        rebaked = formats.bake_png(png, "openbadgecredential", p.payload)
        assert formats.parse(rebaked).payload == p.payload
        svg = (VECTORS / "1edtech-validator/ob30/simple-json.svg").read_bytes()
        s = formats.parse(svg)
        resvg = formats.bake_svg(svg, s.payload.decode())
        assert formats.parse(resvg).payload == s.payload
        assert json.loads(s.payload) == json.loads(p.payload) | {
            "proof": json.loads(s.payload)["proof"]
        }
