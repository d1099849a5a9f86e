"""Selective disclosure: what the learner may hide in each credential, and the presentation.

Why: a learner shares only what an employer needs, and the wallet must be honest about what
each credential allows. Three modes, by how the issuer signed it:

* `sd-jwt`: an SD-JWT VC; any subset of its disclosable claims (at any depth) can be shown.
  Claims the issuer did not make disclosable are always visible.
* `ecdsa-sd`: a W3C credential with an ecdsa-sd-2023 *base* proof; a derived proof reveals
  the chosen JSON pointers plus the ones the issuer made mandatory. Every object on the way to
  a chosen value keeps its `id`, so revealing anything about the subject reveals the subject's
  id (usually the learner's DID): the note says so.
* `whole`: any other proof covers the whole credential; it is shared whole or not at all.

`disclosure_options` lists the fields a share dialog offers; `build_presentation` makes what
leaves the wallet. Live preview: the dialog calls `build_presentation` (or `presentation_text`
for the exact text) whenever the choice changes and shows the result. That is safe because
building has no side effects (it reads the stored credential, signs in memory, writes
nothing) and quick enough (an SD-JWT is a string operation; an ecdsa-sd-2023 derivation is a
JSON-LD canonicalization, well under a second for a badge; a VP adds one more). A dialog
should still run it off the GUI thread.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric import ed25519

from wallet.credential import HOSTED, SD_JWT, UNSIGNED
from wallet.errors import WalletError
from wallet.messages import M, Msg, join
from wallet.present.claim_words import claim_words
from wallet.present.presentation import (
    PresentationError,
    make_sd_jwt_presentation,
    make_vp,
    sd_jwt_claims,
)
from wallet.proofs import ecdsa_sd, sd_derive, signing
from wallet.store import StoredCredential

Mode = Literal["sd-jwt", "ecdsa-sd", "whole"]
SD_JWT_MODE: Mode = "sd-jwt"
ECDSA_SD_MODE: Mode = "ecdsa-sd"
WHOLE_MODE: Mode = "whole"
PREVIEW_CHARS = 80
DEFAULT_VALID_MINUTES = 10
SUBJECT = "credentialSubject"

# Names (lower case, letters and digits only) of values that identify the learner wherever
# they sit; `id`, `name` and `image` only directly on the subject.
_IDENTIFYING = frozenset(
    {
        "sub",
        "givenname",
        "familyname",
        "fullname",
        "birthdate",
        "dateofbirth",
        "birthday",
        "birthplace",
        "placeofbirth",
        "birthcountry",
        "email",
        "emailaddress",
        "phone",
        "phonenumber",
        "telephone",
        "address",
        "streetaddress",
        "postalcode",
        "studentid",
        "studentnumber",
        "learnerid",
        "identifier",
        "identityhash",
        "nationalid",
        "personalidentifier",
        "passportnumber",
        "ssn",
        "nationality",
        "nationalities",
        "gender",
        "sex",
        "picture",
        "photo",
        "portrait",
        "licensenumber",
        "cnf",
    }
)
_SUBJECT_ONLY = frozenset({"id", "name", "image"})
_MOST_LABELS = 8  # a note names at most this many fields, then says how many more


@dataclass(frozen=True)
class Field:
    """One value the learner may show (or must: `mandatory`), as a picker lists it.

    `path` is what `build_presentation` takes back: an SD-JWT claim path
    (`credentialSubject/achievement/name`, a top-level claim's name) or, for ecdsa-sd-2023, a
    JSON pointer (`/credentialSubject/achievement/name`). `label` is our words where we have
    them (rendered in the reader's language) and the credential's own names otherwise.
    """

    path: str
    label: Msg
    preview: str
    mandatory: bool
    identifying: bool


@dataclass(frozen=True)
class DisclosureOptions:
    """How a credential can be shared, the fields to pick from, and a sentence saying so."""

    mode: Mode
    fields: tuple[Field, ...]
    note: Msg


# ----- fields -----------------------------------------------------------------------------


def _tokens(path: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in path.strip("/").split("/") if t]


def _subject_relative(tokens: list[str], flat: bool) -> list[str] | None:
    """The tokens below the credential's subject, or None when the path is not about it."""
    if tokens[:1] == [SUBJECT]:
        rest = tokens[1:]
        return rest[1:] if rest[:1] and rest[0].isdigit() else rest
    return tokens if flat else None


def _identifying(tokens: list[str], flat: bool) -> bool:
    """Whether the value names or numbers the learner (flat: SD-JWT claims at the top level
    describe the person, as in SD-JWT VCs)."""
    names = [_norm(t) for t in tokens if not t.isdigit()]
    if any(n in _IDENTIFYING for n in names):
        return True
    below = _subject_relative(tokens, flat)
    return below is not None and len(below) == 1 and _norm(below[0]) in _SUBJECT_ONLY


def _norm(token: str) -> str:
    return "".join(ch for ch in token.lower() if ch.isalnum())


def _preview(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


_JWT_TIMES = ("iat", "nbf", "exp")  # JWT claims holding seconds since 1970


def _field(path: str, value: Any, mandatory: bool, flat: bool) -> Field:
    tokens = _tokens(path)
    if (
        tokens
        and tokens[-1] in _JWT_TIMES
        and isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value < 253402300800
    ):
        import datetime as _dt

        value = _dt.datetime.fromtimestamp(value, _dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    label = claim_words(tokens)  # our words translated, the credential's spaced as written
    return Field(path, label, _preview(value), mandatory, _identifying(tokens, flat))


def _labels(fields: list[Field]) -> Msg:
    """The fields' labels as one list for a note (the first few, then how many more)."""
    names = [f.label for f in fields]
    listed = join(names[:_MOST_LABELS], ", ")
    if len(names) > _MOST_LABELS:
        return M("{labels} and {count} more", labels=listed, count=len(names) - _MOST_LABELS)
    return listed


# ----- options ----------------------------------------------------------------------------


def _sd_jwt_text(stored: StoredCredential) -> str:
    return stored.payload.decode("ascii", "replace").strip()


def _json_payload(stored: StoredCredential) -> dict[str, Any] | None:
    try:
        doc = json.loads(stored.payload)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def _sd_base(stored: StoredCredential) -> dict[str, Any] | None:
    """The credential when it carries an ecdsa-sd-2023 base proof to derive from."""
    doc = _json_payload(stored)
    if doc is None:
        return None
    try:
        sd_derive.find_base_proof(doc)
    except ecdsa_sd.SdError:
        return None
    return doc


def mode_of(stored: StoredCredential) -> Mode:
    """How the credential can be shared (cheap: no field listing)."""
    if stored.credential.proof_form == SD_JWT:
        return SD_JWT_MODE
    return ECDSA_SD_MODE if _sd_base(stored) is not None else WHOLE_MODE


def _sd_jwt_options(stored: StoredCredential) -> DisclosureOptions:
    claims = sd_jwt_claims(_sd_jwt_text(stored))
    flat = not any(c.path.startswith(SUBJECT + "/") for c in claims)  # SD-JWT VC, not VC-shaped
    fields = [_field(c.path, c.value, c.disclosure is None, flat) for c in claims]
    shown = [f for f in fields if f.mandatory]
    if not shown:
        note = M("Every claim is optional: only what you choose is shown.")
        return DisclosureOptions(SD_JWT_MODE, tuple(fields), note)
    sentences = [
        M(
            "Always visible (the issuer did not make them optional): {labels}."
            " Everything else is shown only if you choose it.",
            labels=_labels(shown),
        )
    ]
    who = [f for f in shown if f.identifying]
    if len(who) == 1:
        sentences.append(M("Of these, {labels} identifies you.", labels=_labels(who)))
    elif who:
        sentences.append(M("Of these, {labels} identify you.", labels=_labels(who)))
    return DisclosureOptions(SD_JWT_MODE, tuple(fields), join(sentences, " "))


def _subject_ids(doc: dict[str, Any]) -> list[str]:
    subjects = doc.get(SUBJECT)
    return [
        s["id"]
        for s in (subjects if isinstance(subjects, list) else [subjects])
        if isinstance(s, dict) and isinstance(s.get("id"), str) and not s["id"].startswith("_:")
    ]


def _ecdsa_sd_options(doc: dict[str, Any]) -> DisclosureOptions:
    mandatory = sd_derive.mandatory_pointers(doc)
    optional = sd_derive.disclosable_pointers(doc)
    ids = _subject_ids(doc)
    about_subject = any(_subject_relative(_tokens(p), False) is not None for p in mandatory)
    pointers = [(p, True) for p in mandatory] + [(p, False) for p in optional]
    if isinstance(doc.get(SUBJECT), dict) and ids and not about_subject:
        pointers.append((f"/{SUBJECT}/id", False))  # to show it alone, for holder binding
    values = ecdsa_sd.values_at([p for p, _ in pointers], ecdsa_sd.unsecured(doc))
    fields = [_field(p, v, m, False) for (p, m), v in zip(pointers, values, strict=True)]
    shown = [f for f in fields if f.mandatory]
    sentences = [
        M(
            "Always shown (the issuer requires them): {labels}. Choose what else to show;"
            " everything you leave out is removed before sharing.",
            labels=_labels(shown),
        )
        if shown
        else M(
            "The issuer requires nothing: Choose what else to show; everything you leave out"
            " is removed before sharing."
        )
    ]
    if ids and about_subject:
        sentences.append(
            M(
                "The issuer requires details about you, so your identifier ({id})"
                " is always shared with them.",
                id=ids[0],
            )
        )
    elif ids:
        sentences.append(
            M(
                "Showing anything about you (the credential's subject) also shows your"
                " identifier ({id}): this kind of credential cannot hide it separately.",
                id=ids[0],
            )
        )
    return DisclosureOptions(ECDSA_SD_MODE, tuple(fields), join(sentences, " "))


def _whole_note(stored: StoredCredential) -> Msg:
    form = stored.credential.proof_form
    if form in (UNSIGNED, HOSTED):
        return M(
            "This credential is shared as it is, whole or not at all: the wallet cannot"
            " show only part of it."
        )
    doc = _json_payload(stored)
    proofs = doc.get("proof") if doc else None
    if any(
        isinstance(p, dict) and p.get("cryptosuite") == ecdsa_sd.CRYPTOSUITE
        for p in (proofs if isinstance(proofs, list) else [proofs])
    ):
        return M(
            "This credential is already a selective disclosure made from another one; it"
            " can only be shared as it is, whole or not at all."
        )
    return M(
        "The issuer's signature covers the whole credential, so it is shared whole or not"
        " at all: hiding any part of it would break the signature."
    )


def disclosure_options(stored: StoredCredential) -> DisclosureOptions:
    """What the learner may choose to show of `stored`, and a plain sentence about it."""
    mode = mode_of(stored)
    try:
        if mode == SD_JWT_MODE:
            return _sd_jwt_options(stored)
        if mode == ECDSA_SD_MODE:
            doc = _sd_base(stored)
            assert doc is not None
            return _ecdsa_sd_options(doc)
    except WalletError as e:
        raise PresentationError(
            M(
                "“{title}” cannot be shared in part: {problem}",
                title=stored.credential.title,
                problem=e.msg,
            )
        ) from e
    return DisclosureOptions(WHOLE_MODE, (), _whole_note(stored))


# ----- presentations ----------------------------------------------------------------------


def _pointer(path: str) -> str:
    """A JSON pointer from a pointer or from the slash path SD-JWT fields use."""
    return path if path.startswith("/") else "/" + path


def _derived(stored: StoredCredential, paths: list[str] | None) -> dict[str, Any]:
    """The ecdsa-sd-2023 disclosure of the chosen pointers (None: all the learner may show)."""
    doc = _sd_base(stored)
    assert doc is not None
    required = set(sd_derive.mandatory_pointers(doc))
    if paths is None:
        chosen = sd_derive.disclosable_pointers(doc)
    else:
        chosen = []
        for p in map(_pointer, paths):
            if p not in required and p not in chosen:
                chosen.append(p)
    try:
        return sd_derive.derive_disclosure(doc, chosen)
    except ecdsa_sd.SdError as e:
        raise PresentationError(
            M("“{title}”: {problem}", title=stored.credential.title, problem=e.msg)
        ) from e


def _whole(stored: StoredCredential, paths: list[str] | None) -> dict[str, Any] | str:
    if paths:
        raise PresentationError(
            M(
                "“{title}” cannot be shown in part: the issuer's signature covers the whole"
                " credential, so it is shown whole or not at all.",
                title=stored.credential.title,
            )
        )
    doc = _json_payload(stored)
    if doc is not None:
        return doc
    return stored.payload.decode("utf-8", "replace").strip()


def build_presentation(
    items: list[tuple[StoredCredential, list[str] | None]],
    holder_key: ed25519.Ed25519PrivateKey,
    holder_did: str,
    *,
    challenge: str | None = None,
    domain: str | None = None,
    valid_minutes: int = DEFAULT_VALID_MINUTES,
    now: _dt.datetime | None = None,
    cryptosuite: str | None = None,
) -> dict[str, Any] | str:
    """Exactly what leaves the wallet: an SD-JWT presentation (str) or a signed VP (dict).

    Each item is a credential and the `Field.path`s chosen for it (None: everything the
    learner may show; for a whole credential, None or an empty list). One SD-JWT credential
    gives an SD-JWT presentation, key-bound when the issuer bound it (`domain` is the
    audience, `challenge` the nonce); anything else gives a VC 2.0 presentation signed by the
    holder, with an ecdsa-sd-2023 credential replaced by its derived disclosure (signed
    with `cryptosuite`, see `make_vp`). No side effects: safe to call for a live preview.
    """
    if not items:
        raise PresentationError(M("choose at least one credential to share"))
    now = now or _dt.datetime.now(_dt.UTC)
    modes = [mode_of(stored) for stored, _ in items]
    if SD_JWT_MODE in modes:
        if len(items) != 1:
            title = items[modes.index(SD_JWT_MODE)][0].credential.title
            raise PresentationError(
                M(
                    "“{title}” is an SD-JWT credential: it must be shared on its own,"
                    " in a presentation of its own",
                    title=title,
                )
            )
        stored, paths = items[0]
        text = _sd_jwt_text(stored)
        if paths is None:
            paths = [c.path for c in sd_jwt_claims(text) if c.disclosure is not None]
        return make_sd_jwt_presentation(
            text,
            paths,
            holder_key,
            aud=domain or "verifier",
            nonce=challenge or "",
            now=now,
            valid_minutes=valid_minutes,
        )
    credentials: list[dict[str, Any] | str] = []
    for (stored, paths), mode in zip(items, modes, strict=True):
        credentials.append(
            _derived(stored, paths) if mode == ECDSA_SD_MODE else _whole(stored, paths)
        )
    return make_vp(
        credentials,
        holder_key,
        holder_did,
        challenge=challenge,
        domain=domain,
        valid_minutes=valid_minutes,
        now=now,
        cryptosuite=cryptosuite or signing.EDDSA_RDFC_2022,
    )


def presentation_text(presentation: dict[str, Any] | str) -> str:
    """The presentation as text, as `present --json` writes it and a preview shows it."""
    if isinstance(presentation, str):
        return presentation
    return json.dumps(presentation, ensure_ascii=False, indent=1)
