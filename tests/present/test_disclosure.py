"""Selective disclosure (issue 6): what each credential lets the learner hide, and proof that
hidden values never leave the wallet, in the presentation nor in its QR codes.

Every credential here is signed in the test with fresh keys: SD-JWT VCs (flat, nested and
array claims, bound to the holder's key) with `wallet.proofs.jose`, ecdsa-sd-2023 base proofs with
`wallet.proofs.sd_derive`, a whole-proof VC-JWT with `wallet.proofs.jose`.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet import cli, formats
from wallet.messages import plain, render
from wallet.present import qr
from wallet.present.disclosure import (
    ECDSA_SD_MODE,
    SD_JWT_MODE,
    WHOLE_MODE,
    Field,
    _labels,
    build_presentation,
    disclosure_options,
    presentation_text,
)
from wallet.present.presentation import PresentationError, overall_verdict, verify_presentation
from wallet.proofs import jose, keys, sd_derive
from wallet.store import StoredCredential, WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.jose_proofs import verify_sd_jwt
from wallet.verify.report import FAIL, FAILED, HOLDER, PASS, PROOF

NOW = dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)
SOON = NOW + dt.timedelta(minutes=3)
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
SD_ISSUER = ec.generate_private_key(ec.SECP256R1())
SD_ISSUER_DID = keys.did_key_from_public_key(SD_ISSUER.public_key())
MANDATORY = ["/issuer", "/validFrom", "/credentialSubject/achievement/name"]

# What the learner keeps hidden in these tests; none of it may leave the wallet.
SECRETS = {
    "student_id": "STU-2026-4471",
    "license": "LIC-31-KAHU-0099",
    "narrative": "Mapped the stormwater drains behind the Porirua campus",
    "term": "Semester 1, 2026",
}
SD_SECRETS = {
    "birthdate": "2001-02-03",
    "email": "kahu.learner@example.org",
    "description": "Inspects scaffolds before every shift.",
    "nz": "NZ-citizen",
}


@pytest.fixture
def store(tmp_path: Path):
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as s:
        yield s


def _holder(store: WalletStore) -> tuple[Ed25519PrivateKey, str]:
    did = store.keys.default() or store.keys.create("Phone")
    return store.keys.private_key(did), did


def _add(store: WalletStore, data: bytes | str) -> StoredCredential:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return store.credentials.get(store.credentials.add(formats.parse(raw), "test"))


def _ecdsa_sd_credential(subject: str, mandatory: list[str] = MANDATORY) -> dict[str, Any]:
    """An OB 3.0 micro-credential with an ecdsa-sd-2023 base proof, issued to `subject`."""
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2", OB3_CONTEXT],
        "id": "urn:uuid:7d2c5a10-4e8b-4f0a-9a61-0c3b1e2f4d55",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Micro-credential: Urban Water Systems",
        "issuer": {"id": SD_ISSUER_DID, "type": ["Profile"], "name": "Whitireia Test Institute"},
        "validFrom": "2026-07-01T00:00:00Z",
        "credentialSubject": {
            "id": subject,
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": SECRETS["student_id"],
                    "identityType": "studentId",
                    "hashed": False,
                }
            ],
            "creditsEarned": 10,
            "licenseNumber": SECRETS["license"],
            "term": SECRETS["term"],
            "narrative": SECRETS["narrative"],
            "achievement": {
                "id": "https://institute.example/achievements/water-l4",
                "type": ["Achievement"],
                "name": "Urban Water Systems",
                "description": "Plans and maintains small stormwater systems.",
                "criteria": {"narrative": "Pass the field assessment."},
                "achievementType": "MicroCredential",
            },
        },
    }
    vm = keys.did_key_verification_method(SD_ISSUER.public_key())
    return sd_derive.sign_sd_base(
        document, SD_ISSUER, vm, mandatory, created="2026-07-01T00:00:00Z"
    )


def _sd_jwt(holder: Ed25519PrivateKey) -> tuple[str, str]:
    """An SD-JWT VC bound to `holder` (cnf) with flat, nested and array-element disclosures;
    returns it and the issuer's DID."""
    issuer = Ed25519PrivateKey.generate()
    vm = keys.did_key_verification_method(issuer.public_key())
    disclosures: list[str] = []

    def hide(value: list[Any]) -> str:
        d = jose.make_disclosure([jose.random_salt(), *value])
        disclosures.append(d)
        return jose.disclosure_digest(d)

    achievement = {
        "id": "https://institute.example/achievements/scaffold",
        "name": "Scaffold Safety",
        "_sd": [hide(["description", SD_SECRETS["description"]])],
    }
    claims = {
        "iss": keys.did_key_from_public_key(issuer.public_key()),
        "iat": 1785000000,
        "vct": "https://institute.example/credentials/scaffold-safety",
        "cnf": {"jwk": keys.public_key_to_jwk(holder.public_key())},
        "_sd_alg": "sha-256",
        "_sd": sorted(
            [
                hide(["given_name", "Kahu"]),
                hide(["birthdate", SD_SECRETS["birthdate"]]),
                hide(["email", SD_SECRETS["email"]]),
                hide(["achievement", achievement]),
            ]
        ),
        "nationalities": [{"...": hide(["NZ-permanent"])}, {"...": hide([SD_SECRETS["nz"]])}],
    }
    jwt = jose.sign_compact({"typ": "dc+sd-jwt", "kid": vm}, json.dumps(claims).encode(), issuer)
    return "~".join([jwt, *disclosures]) + "~", claims["iss"]


def _vc_jwt(subject: str) -> str:
    """A VC-JWT: one signature over the whole credential."""
    issuer = Ed25519PrivateKey.generate()
    did = keys.did_key_from_public_key(issuer.public_key())
    claims = {
        "iss": did,
        "sub": subject,
        "nbf": 1782864000,
        "vc": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "issuer": did,
            "issuanceDate": "2026-07-01T00:00:00Z",
            "credentialSubject": {"id": subject},
        },
    }
    vm = keys.did_key_verification_method(issuer.public_key())
    return jose.sign_compact({"typ": "JWT", "kid": vm}, json.dumps(claims).encode(), issuer)


def _ctx() -> VerifyContext:
    return VerifyContext(at=SOON)


def _through_qr_png(presentation: Any, folder: Path) -> Any:
    """Out through real QR images and back, as an employer's phone reads them."""
    texts: list[str] = []
    for i, part in enumerate(qr.encode(presentation)):
        path = folder / f"part{i}.png"
        qr.make_qr_png(part, path)
        texts += qr.read_qr_image(path)
    return qr.decode(texts)


def _absent(secrets: list[str], presentation: Any, folder: Path) -> None:
    """None of `secrets` is in the text that leaves the wallet, its QR texts or what an
    employer decodes from them (JSON-escaped forms included)."""
    text = presentation_text(presentation)
    decoded = _through_qr_png(presentation, folder)
    assert decoded == presentation
    seen = [
        text,
        json.dumps(decoded),
        json.dumps(decoded, ensure_ascii=False),
        *qr.encode(presentation),
    ]
    if isinstance(decoded, str):  # the disclosures travel base64url-encoded: decode them
        seen += [
            json.dumps(jose.decode_disclosure(d), ensure_ascii=False)
            for d in jose.split_sd_jwt(decoded)[1]
        ]
    for secret in secrets:
        for s in seen:
            assert secret not in s and json.dumps(secret)[1:-1] not in s, secret


# ----- SD-JWT -------------------------------------------------------------------------------


def test_sd_jwt_options_list_every_claim_and_what_is_always_visible(store) -> None:
    key, _ = _holder(store)
    text, _ = _sd_jwt(key)
    options = disclosure_options(_add(store, text))
    assert options.mode == SD_JWT_MODE
    by_path = {f.path: f for f in options.fields}
    optional = {p for p, f in by_path.items() if not f.mandatory}
    assert optional == {
        "given_name",
        "birthdate",
        "email",
        "achievement",
        "achievement/description",
        "nationalities/0",
        "nationalities/1",
    }
    assert {p for p, f in by_path.items() if f.mandatory} >= {"iss", "iat", "vct", "cnf"}
    assert "achievement/name" not in by_path  # shown with its disclosable parent, not alone
    assert by_path["birthdate"].identifying and by_path["email"].identifying
    assert by_path["given_name"].identifying and by_path["cnf"].identifying
    assert not by_path["achievement/description"].identifying
    assert str(by_path["achievement/description"].label) == "Achievement › Description"
    assert by_path["birthdate"].preview == SD_SECRETS["birthdate"]
    assert by_path["achievement"].preview.startswith('{"id": "https://institute.example/')
    assert all(len(f.preview) <= 80 for f in options.fields)
    assert "Always visible" in str(options.note) and "Credential type" in str(options.note)


def test_the_sd_jwt_note_reads_in_german_with_our_labels_translated(store) -> None:
    key, _ = _holder(store)
    text, _ = _sd_jwt(key)
    options = disclosure_options(_add(store, text))
    assert str(options.note) == (
        "Always visible (the issuer did not make them optional): Issuer, Issued at, Credential"
        " type, Your holder key. Everything else is shown only if you choose it. Of these, Your"
        " holder key identifies you."
    )
    assert render(options.note, "de") == (
        "Immer sichtbar (der Aussteller hat sie nicht optional gemacht): Aussteller, Ausgestellt"
        " am, Art des Nachweises, Ihr Inhaberschlüssel. Alles andere wird nur gezeigt, wenn Sie"
        " es auswählen. Davon identifiziert Sie Ihr Inhaberschlüssel."
    )
    by_path = {f.path: f for f in options.fields}
    assert render(by_path["vct"].label, "de") == "Art des Nachweises"
    # the credential's own names are shown as the issuer wrote them, in every language;
    # well-known person claims (here the EU PID's nationalities) get our words
    assert render(by_path["achievement/description"].label, "de") == "Achievement › Description"
    assert render(by_path["nationalities/1"].label, "de") == "Staatsangehörigkeiten 2"


def test_several_always_visible_identifiers_are_named_together(store) -> None:
    key, did = _holder(store)
    issuer = Ed25519PrivateKey.generate()
    email = jose.make_disclosure([jose.random_salt(), "email", SD_SECRETS["email"]])
    claims = {
        "iss": keys.did_key_from_public_key(issuer.public_key()),
        "sub": did,
        "cnf": {"jwk": keys.public_key_to_jwk(key.public_key())},
        "_sd_alg": "sha-256",
        "_sd": [jose.disclosure_digest(email)],
    }
    vm = keys.did_key_verification_method(issuer.public_key())
    jwt = jose.sign_compact({"typ": "dc+sd-jwt", "kid": vm}, json.dumps(claims).encode(), issuer)
    options = disclosure_options(_add(store, f"{jwt}~{email}~"))
    assert str(options.note).endswith(" Of these, Your identifier, Your holder key identify you.")
    assert render(options.note, "de").endswith(
        " Davon identifizieren Sie Ihre Kennung, Ihr Inhaberschlüssel."
    )


def test_a_long_list_of_labels_says_how_many_more() -> None:
    fields = [Field(f"c{n}", plain(f"Claim {n}"), "", True, False) for n in range(1, 11)]
    listed = _labels(fields)
    assert str(listed) == (
        "Claim 1, Claim 2, Claim 3, Claim 4, Claim 5, Claim 6, Claim 7, Claim 8 and 2 more"
    )
    assert render(listed, "de").endswith("Claim 8 und 2 weitere")


def test_sd_jwt_presentation_shows_only_the_chosen_claims_and_binds_the_holder(
    store, tmp_path
) -> None:
    key, did = _holder(store)
    text, _ = _sd_jwt(key)
    stored = _add(store, text)
    out = build_presentation(
        [(stored, ["given_name", "achievement/name", "nationalities/0"])],
        key,
        did,
        challenge="n-77",
        domain="https://hr.example",
        now=NOW,
    )
    assert isinstance(out, str) and jose.split_sd_jwt(out)[2] is not None  # KB-JWT attached
    _absent(list(SD_SECRETS.values()), out, tmp_path)
    result = verify_sd_jwt(out, _ctx(), audience="https://hr.example", nonce="n-77")
    checks = {c.id: c for c in result.checks}
    assert checks[PROOF].status == PASS and checks[HOLDER].status == PASS, result.checks
    doc = result.document
    assert doc["given_name"] == "Kahu" and doc["nationalities"] == ["NZ-permanent"]
    # the parent object came along (its name is always visible in it), its hidden child not
    assert doc["achievement"]["name"] == "Scaffold Safety"
    assert "description" not in doc["achievement"]
    assert "birthdate" not in doc and "email" not in doc
    # always-visible claims are there without being asked for
    assert doc["vct"].endswith("scaffold-safety") and "cnf" in doc
    replay = verify_sd_jwt(out, _ctx(), audience="https://hr.example", nonce="other")
    assert {c.id: c for c in replay.checks}[HOLDER].status == FAIL


def test_sd_jwt_parent_path_takes_what_is_inside_and_none_takes_everything(store) -> None:
    key, did = _holder(store)
    text, _ = _sd_jwt(key)
    stored = _add(store, text)
    out = build_presentation([(stored, ["/achievement"])], key, did, now=NOW)
    doc = verify_sd_jwt(out, _ctx(), audience="verifier", nonce="").document
    assert doc["achievement"]["description"] == SD_SECRETS["description"]
    assert "given_name" not in doc and "nationalities" in doc and doc["nationalities"] == []
    whole = verify_sd_jwt(
        build_presentation([(stored, None)], key, did, now=NOW),
        _ctx(),
        audience="verifier",
        nonce="",
    ).document
    assert whole["email"] == SD_SECRETS["email"] and len(whole["nationalities"]) == 2
    nothing = verify_sd_jwt(
        build_presentation([(stored, [])], key, did, now=NOW), _ctx(), audience="verifier", nonce=""
    ).document
    assert "given_name" not in nothing and "achievement" not in nothing
    with pytest.raises(PresentationError, match="no disclosable claim named shoe_size"):
        build_presentation([(stored, ["shoe_size"])], key, did, now=NOW)


def test_sd_jwt_bound_to_another_key_cannot_be_presented(store) -> None:
    key, did = _holder(store)
    text, _ = _sd_jwt(Ed25519PrivateKey.generate())  # issued to someone else's key
    with pytest.raises(PresentationError, match="another holder key"):
        build_presentation([(_add(store, text), ["given_name"])], key, did, now=NOW)


def test_sd_jwt_must_be_shared_on_its_own(store) -> None:
    key, did = _holder(store)
    sd_jwt = _add(store, _sd_jwt(key)[0])
    other = _add(store, json.dumps(_ecdsa_sd_credential(did)))
    with pytest.raises(PresentationError, match="must be shared on its own"):
        build_presentation([(other, None), (sd_jwt, None)], key, did, now=NOW)


# ----- ecdsa-sd-2023 ------------------------------------------------------------------------


def test_ecdsa_sd_options_mandatory_identifying_and_the_identifier_note(store) -> None:
    _, did = _holder(store)
    options = disclosure_options(_add(store, json.dumps(_ecdsa_sd_credential(did))))
    assert options.mode == ECDSA_SD_MODE
    by_path = {f.path: f for f in options.fields}
    assert [p for p, f in by_path.items() if f.mandatory] == MANDATORY
    assert str(by_path["/credentialSubject/achievement/name"].label) == "Achievement › Name"
    assert by_path["/credentialSubject/achievement/name"].preview == "Urban Water Systems"
    for path in (
        "/credentialSubject/narrative",
        "/credentialSubject/creditsEarned",
        "/credentialSubject/identifier/0/identityHash",
        "/name",
    ):
        assert not by_path[path].mandatory, path
    assert by_path["/credentialSubject/identifier/0/identityHash"].identifying
    assert by_path["/credentialSubject/licenseNumber"].identifying
    assert not by_path["/credentialSubject/narrative"].identifying
    assert not by_path["/name"].identifying  # the credential's name, not the learner's
    # the issuer mandates a value about the subject: the learner's DID always goes with it
    assert did in str(options.note) and "always shared" in str(options.note)
    assert "Achievement › Name" in str(options.note)
    assert render(options.note, "de") == (
        "Wird immer gezeigt (der Aussteller verlangt es): Issuer, Valid From, Achievement › Name."
        " Wählen Sie, was Sie sonst noch zeigen möchten; alles, was Sie weglassen, wird vor dem"
        " Teilen entfernt. Der Aussteller verlangt Angaben über Sie, daher wird Ihre Kennung"
        f" ({did}) immer mit ihnen geteilt."
    )


def test_ecdsa_sd_note_warns_that_any_subject_field_reveals_the_identifier(store) -> None:
    _, did = _holder(store)
    doc = _ecdsa_sd_credential(did, mandatory=["/issuer", "/validFrom"])
    options = disclosure_options(_add(store, json.dumps(doc)))
    assert "Showing anything about you" in str(options.note) and did in str(options.note)
    assert render(options.note, "de").endswith(
        f"wird auch Ihre Kennung ({did}) gezeigt: Diese Art von Nachweis kann sie nicht getrennt"
        " verbergen."
    )
    subject_id = {f.path: f for f in options.fields}["/credentialSubject/id"]
    assert subject_id.identifying and not subject_id.mandatory and subject_id.preview == did


def test_ecdsa_sd_vp_hides_unchosen_fields_round_trips_qr_png_and_verifies(store, tmp_path) -> None:
    key, did = _holder(store)
    stored = _add(store, json.dumps(_ecdsa_sd_credential(did)))
    vp = build_presentation(
        [
            (
                stored,
                [
                    "/credentialSubject/creditsEarned",
                    "credentialSubject/achievement/criteria/narrative",
                ],
            )
        ],
        key,
        did,
        challenge="job-1",
        domain="hr.example",
        now=NOW,
    )
    assert isinstance(vp, dict) and vp["holder"] == did
    _absent(list(SECRETS.values()), vp, tmp_path)
    derived = vp["verifiableCredential"][0]
    base_value = json.loads(stored.payload)["proof"]["proofValue"]
    assert base_value not in presentation_text(vp)  # the HMAC key and all signatures stay home
    assert derived["proof"]["proofValue"].startswith("u2V0B")  # a derived proof, not the base
    subject = derived["credentialSubject"]
    assert subject["creditsEarned"] == 10 and subject["id"] == did
    assert subject["achievement"]["name"] == "Urban Water Systems"  # mandatory
    assert subject["achievement"]["criteria"] == {"narrative": "Pass the field assessment."}
    assert derived["validFrom"] == "2026-07-01T00:00:00Z" and "name" not in derived
    assert "description" not in subject["achievement"]

    back = _through_qr_png(vp, tmp_path)
    report = verify_presentation(back, challenge="job-1", domain="hr.example", at=SOON, ctx=_ctx())
    assert report.check(PROOF).status == PASS and report.check(HOLDER).status == PASS, (
        report.to_json()
    )
    (nested,) = report.nested
    assert nested.check(PROOF).status == PASS, nested.to_json()
    assert "selectively disclosed proof valid" in nested.check(PROOF).message
    assert overall_verdict(report) != FAILED


def test_ecdsa_sd_defaults_and_mandatory_only(store) -> None:
    key, did = _holder(store)
    stored = _add(store, json.dumps(_ecdsa_sd_credential(did)))
    everything = build_presentation([(stored, None)], key, did, now=NOW)
    subject = everything["verifiableCredential"][0]["credentialSubject"]
    assert subject["narrative"] == SECRETS["narrative"] and subject["licenseNumber"]
    minimal = build_presentation([(stored, [*MANDATORY])], key, did, now=NOW)
    subject = minimal["verifiableCredential"][0]["credentialSubject"]
    assert set(subject) == {"id", "type", "achievement"}
    for vp in (everything, minimal):
        report = verify_presentation(vp, challenge=None, at=SOON, ctx=_ctx())
        assert report.nested[0].check(PROOF).status == PASS
    with pytest.raises(PresentationError, match="does not match"):
        build_presentation([(stored, ["/credentialSubject/shoeSize"])], key, did, now=NOW)


def test_tampered_derived_value_fails_even_when_the_holder_signs_it(store) -> None:
    key, did = _holder(store)
    stored = _add(store, json.dumps(_ecdsa_sd_credential(did)))
    vp = build_presentation(
        [(stored, ["/credentialSubject/creditsEarned"])], key, did, challenge="c", now=NOW
    )
    changed = copy.deepcopy(vp)
    changed["verifiableCredential"][0]["credentialSubject"]["creditsEarned"] = 120
    report = verify_presentation(changed, challenge="c", at=SOON, ctx=_ctx())
    assert report.check(PROOF).status == FAIL  # the holder's signature no longer matches
    from wallet.present.presentation import make_vp

    resigned = make_vp(
        changed["verifiableCredential"], key, did, challenge="c", domain=None, now=NOW
    )
    report = verify_presentation(resigned, challenge="c", at=SOON, ctx=_ctx())
    assert report.check(PROOF).status == PASS
    assert report.nested[0].check(PROOF).status == FAIL
    assert overall_verdict(report) == FAILED


def test_derived_credential_presented_by_another_holder_fails_binding(store) -> None:
    key, did = _holder(store)
    thief = store.keys.create("Someone else")
    stored = _add(store, json.dumps(_ecdsa_sd_credential(did)))
    vp = build_presentation(
        [(stored, ["/credentialSubject/creditsEarned"])],
        store.keys.private_key(thief),
        thief,
        challenge="c",
        now=NOW,
    )
    report = verify_presentation(vp, challenge="c", at=SOON, ctx=_ctx())
    assert report.check(PROOF).status == PASS
    assert report.check(HOLDER).status == FAIL
    assert "someone other than the learner" in report.check(HOLDER).message


# ----- whole credentials --------------------------------------------------------------------


def test_whole_credential_has_no_fields_and_says_so(store) -> None:
    key, did = _holder(store)
    stored = _add(store, _vc_jwt(did))
    options = disclosure_options(stored)
    assert options.mode == WHOLE_MODE and options.fields == ()
    assert "whole or not at all" in str(options.note) and "signature" in str(options.note)
    with pytest.raises(PresentationError, match="shown whole or not at all"):
        build_presentation([(stored, ["credentialSubject/id"])], key, did, now=NOW)
    vp = build_presentation([(stored, None)], key, did, challenge="c", now=NOW)
    assert vp["verifiableCredential"][0]["type"] == "EnvelopedVerifiableCredential"
    report = verify_presentation(vp, challenge="c", at=SOON, ctx=_ctx())
    assert report.check(HOLDER).status == PASS and report.nested[0].check(PROOF).status == PASS


def test_a_derived_credential_is_itself_whole(store) -> None:
    _, did = _holder(store)
    derived = sd_derive.derive_disclosure(_ecdsa_sd_credential(did), ["/name"])
    options = disclosure_options(_add(store, json.dumps(derived)))
    assert options.mode == WHOLE_MODE and "already a selective disclosure" in str(options.note)


def test_mixed_vp_derives_and_keeps_whole_ones_whole(store) -> None:
    key, did = _holder(store)
    sd = _add(store, json.dumps(_ecdsa_sd_credential(did)))
    whole = _add(store, _vc_jwt(did))
    vp = build_presentation(
        [(sd, ["/credentialSubject/creditsEarned"]), (whole, None)],
        key,
        did,
        challenge="c",
        now=NOW,
    )
    assert len(vp["verifiableCredential"]) == 2
    report = verify_presentation(vp, challenge="c", at=SOON, ctx=_ctx())
    assert [n.check(PROOF).status for n in report.nested] == [PASS, PASS]


def test_building_has_no_side_effects(store) -> None:
    """A live preview calls build_presentation on every change: it must write nothing."""
    key, did = _holder(store)
    stored = _add(store, json.dumps(_ecdsa_sd_credential(did)))
    before = (store.keys.all(), [s.id for s in store.credentials.summaries()], stored.payload)
    first = build_presentation([(stored, ["/name"])], key, did, challenge="c", now=NOW)
    second = build_presentation([(stored, ["/name"])], key, did, challenge="c", now=NOW)
    assert first == second  # deterministic for the same choice and time
    assert (
        store.keys.all(),
        [s.id for s in store.credentials.summaries()],
        store.credentials.get(stored.id).payload,
    ) == before


# ----- command line -------------------------------------------------------------------------


def test_cli_present_reveal_ecdsa_sd_then_check_qr(tmp_path, capsys) -> None:
    wallet, passfile = tmp_path / "w.lwallet", tmp_path / "pass.txt"
    passfile.write_text("correct horse battery\n")

    def run(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        code = cli.main(
            ["--wallet", str(wallet), "--passphrase-file", str(passfile), *args], out=out
        )
        return code, out.getvalue()

    assert run("init")[0] == 0
    with WalletStore.open(wallet, "correct horse battery") as s:
        did = s.keys.create("Phone")
    cred_file, jwt_file = tmp_path / "water.json", tmp_path / "whole.jwt"
    cred_file.write_text(json.dumps(_ecdsa_sd_credential(did)), encoding="utf-8")
    jwt_file.write_text(_vc_jwt(did), encoding="utf-8")
    assert run("import", str(cred_file), str(jwt_file))[0] == 0
    rows = [json.loads(line) for line in run("list", "--json")[1].splitlines()]
    sd_id = next(r["id"] for r in rows if r["title"] == "Urban Water Systems")
    whole_id = next(r["id"] for r in rows if r["id"] != sd_id)

    png, out_json = tmp_path / "proof.png", tmp_path / "proof.json"
    code, text = run(
        "present",
        sd_id,
        "--reveal",
        "/credentialSubject/creditsEarned",
        "credentialSubject/achievement/description",
        "--challenge",
        "job-7",
        "--qr",
        str(png),
        "--json",
        str(out_json),
    )
    assert code == 0 and "QR version" in text, capsys.readouterr().err
    written = out_json.read_text(encoding="utf-8")
    for secret in SECRETS.values():
        assert secret not in written
    subject = json.loads(written)["verifiableCredential"][0]["credentialSubject"]
    assert subject["creditsEarned"] == 10 and "description" in subject["achievement"]
    images = sorted(str(p) for p in tmp_path.glob("proof*.png"))
    decoded = qr.decode([t for image in images for t in qr.read_qr_image(image)])
    assert decoded == json.loads(written)

    out = io.StringIO()
    assert cli.main(["check-qr", *images, "--challenge", "job-7", "--json"], out=out) == 0
    report = json.loads(out.getvalue())
    assert {c["id"]: c["status"] for c in report["checks"]} == {
        "proof": "pass",
        "context": "pass",
        "holder": "pass",
    }
    first = report["nested"][0]["checks"][0]
    assert (first["id"], first["status"]) == ("proof", "pass")
    assert "selectively disclosed" in first["message"]

    code, _ = run("present", whole_id, "--reveal", "credentialSubject/id", "--qr", str(png))
    assert code == 2 and "shown whole or not at all" in capsys.readouterr().err
    code, _ = run("present", sd_id, whole_id, "--reveal", "/name", "--qr", str(png))
    assert code == 2 and "one credential" in capsys.readouterr().err


def test_hiding_the_subject_id_is_reported_as_unbound(store) -> None:
    """When the issuer mandates nothing about the subject, the learner may hide their DID;
    the employer is then told nothing ties the credential to the person presenting it."""
    key, did = _holder(store)
    doc = _ecdsa_sd_credential(did, mandatory=["/issuer", "/validFrom"])
    stored = _add(store, json.dumps(doc))
    hidden = build_presentation([(stored, ["/name"])], key, did, challenge="c", now=NOW)
    assert "credentialSubject" not in hidden["verifiableCredential"][0]
    report = verify_presentation(hidden, challenge="c", at=SOON, ctx=_ctx())
    assert report.check(PROOF).status == PASS and report.nested[0].check(PROOF).status == PASS
    holder = report.check(HOLDER)
    assert holder.status == "warn" and "nothing ties it to the person" in holder.message
    bound = build_presentation(
        [(stored, ["/name", "/credentialSubject/id"])], key, did, challenge="c", now=NOW
    )
    assert bound["verifiableCredential"][0]["credentialSubject"]["id"] == did
    report = verify_presentation(bound, challenge="c", at=SOON, ctx=_ctx())
    assert report.check(HOLDER).status == PASS and report.nested[0].check(PROOF).status == PASS


def test_jwt_times_in_the_picker_read_as_dates() -> None:
    """The learner sees "Issued at 2026-07-16 00:00 UTC", not seconds since 1970."""
    from wallet.present.disclosure import _field

    assert _field("iat", 1784160000, True, True).preview == "2026-07-16 00:00 UTC"
    assert _field("exp", "soon", True, True).preview == "soon"  # not a number: as it is
    assert _field("credits", 1784160000, False, True).preview == "1784160000"
