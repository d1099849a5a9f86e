"""Small builders for stack tests: credentials as wallet.credential records, Held, stacks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wallet.credential import OB3, Alignment, Credential, Credits, Issuer, Level
from wallet.messages import Msg
from wallet.stacks.engine import Held
from wallet.stacks.model import Award, Requirement, Stack

AT = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)


def said(messages: list[Msg]) -> list[str]:
    """The engine's missing sentences as an English reader sees them."""
    return [str(m) for m in messages]


def reasons(excluded: dict[str, Msg]) -> dict[str, str]:
    """Why each credential does not count, in English."""
    return {cid: str(why) for cid, why in excluded.items()}


ISSUER = Issuer(id="did:example:poly", name="Demo Polytechnic")


def cred(
    title: str,
    *,
    ach: str | None = None,
    credits: float | None = None,
    unit: str = "NZQF credits",
    level: str | None = None,
    framework: str = "NZQF",
    issued: str = "2026-01-10T00:00:00Z",
    valid_until: str | None = None,
    aligned: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    outcomes: tuple[str, ...] = (),
    issuer: Issuer = ISSUER,
) -> Credential:
    return Credential(
        format=OB3,
        proof_form="data-integrity",
        title=title,
        issuer=issuer,
        issued=issued,
        valid_until=valid_until,
        achievement_id=ach or f"https://ex.test/ach/{title}",
        credits=Credits(credits, unit) if credits is not None else None,
        level=Level(level, framework) if level is not None else None,
        alignments=[Alignment(target_url=a, target_type="ceasn:Competency") for a in aligned],
        tags=list(tags),
        learning_outcomes=list(outcomes),
    )


def held(cid: str, c: Credential, verdict: str | None = "verified") -> Held:
    return Held(cid, c, verdict)


def ach(title: str, rid: str = "") -> Requirement:
    return Requirement(
        "achievement", id=rid or title, achievement_id=f"https://ex.test/ach/{title}", name=title
    )


def aligned(target: str, rid: str = "") -> Requirement:
    return Requirement("achievement", id=rid or target, alignment_target=target, label=target)


def group(
    kind: str, *children: Requirement, n: int | None = None, rid: str = "root", label: str = ""
) -> Requirement:
    return Requirement(kind, id=rid, children=list(children), n=n, label=label)


def credits(
    amount: float,
    *,
    unit: str = "NZQF credits",
    min_level: float | None = None,
    framework: str | None = "NZQF",
    floors: list[tuple[float, float]] = (),
    conversions: dict[str, float] | None = None,
    rid: str = "credits",
    field: str | None = None,
) -> Requirement:
    return Requirement(
        "credits",
        id=rid,
        credits=amount,
        unit=unit,
        min_level=min_level,
        framework=framework,
        floors=[{"credits": c, "min_level": lv} for c, lv in floors],
        conversions=conversions or {},
        field_of_study=field,
    )


def stack(
    root: Requirement,
    *,
    sid: str = "s",
    reuse: bool = False,
    expired: bool = False,
    name: str = "Test stack",
) -> Stack:
    return Stack(
        id=sid,
        name=name,
        award=Award(name=name),
        root=root,
        allow_reuse=reuse,
        allow_expired=expired,
    )


# ----- real signed credentials in a real wallet (the impostor tests) ---------------------------

CLINICAL = "Clinical Practice Level 5"
PUKEKO = "Pukeko Polytechnic"


def new_issuer_key() -> tuple[Any, str]:
    """A fresh Ed25519 key and its did:key: anyone can make one, an attacker too."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from wallet.proofs import keys

    key = Ed25519PrivateKey.generate()
    return key, keys.did_key_from_public_key(key.public_key())


def signed_credential(
    key: Any,
    *,
    title: str = CLINICAL,
    issuer_name: str = PUKEKO,
    achievement_id: str | None = None,
    credits: int = 15,
    valid_until: str | None = None,
) -> dict[str, Any]:
    """An OB 3.0 micro-credential validly signed (eddsa-rdfc-2022) by `key`'s did:key, with
    whatever issuer name and achievement its signer chose to write."""
    from issuers import nzqf_microcredential

    from wallet.proofs import keys, signing

    did = keys.did_key_from_public_key(key.public_key())
    cred = nzqf_microcredential()
    cred["@context"] = [*cred["@context"], "https://www.w3.org/ns/credentials/undefined-terms/v2"]
    cred["id"] = f"urn:uuid:{abs(hash((title, did, achievement_id))):032x}"[:45]
    cred["name"] = title
    cred["issuer"] = {"id": did, "type": ["Profile"], "name": issuer_name}
    if valid_until:
        cred["validUntil"] = valid_until
    achievement = cred["credentialSubject"]["achievement"]
    achievement["name"] = title
    achievement["creditsAvailable"] = credits
    if achievement_id:
        achievement["id"] = achievement_id
    del achievement["image"]
    return signing.sign_data_integrity(
        cred,
        key,
        keys.did_key_verification_method(key.public_key()),
        created="2025-03-14T00:00:00Z",
    )


def add_checked(store: Any, doc: dict[str, Any]) -> str:
    """Keep `doc` in the wallet and check it offline as the wallet does; its id."""
    import json

    from wallet.formats import parse
    from wallet.verify.verifier import context_for_store, verify_stored

    cid = store.credentials.add(parse(json.dumps(doc).encode("utf-8")), "test")
    verify_stored(store, cid, context_for_store(store))
    return cid


def save_stack(store: Any, definition: dict[str, Any]) -> None:
    """Keep a stack in our format, as `learner-wallet stack import` does."""
    import json

    from wallet.stacks.load import dump_stack, load_stack

    s = load_stack(json.dumps(definition).encode("utf-8"))
    store.stacks.save(s.id, s.name, s.source, json.dumps(dump_stack(s)).encode("utf-8"))


def clinical_stack(issuer: str, *, sid: str = "nursing") -> dict[str, Any]:
    """A stack asking for Pukeko Polytechnic's Clinical Practice Level 5, the issuer named by
    its identifier or by its name."""
    return {
        "format": "learner-wallet-stack/1",
        "id": sid,
        "name": "Nursing Certificate",
        "requirement": {
            "type": "all",
            "of": [{"type": "achievement", "id": "clinical", "name": CLINICAL, "issuer": issuer}],
        },
    }
