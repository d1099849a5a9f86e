"""An employer's check of a learner's presentation QR code(s): the CLI's `check-qr` and the
window's Verify a QR both read, reassemble and verify through here, so they give the same
report, verdict and revealed lines, under the same size cap and (with a wallet) trust list."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypedDict, Unpack

from wallet.actions.changes import NOTHING, Changes
from wallet.credential import Parsed
from wallet.errors import WalletError
from wallet.formats.common import humanize
from wallet.messages import M, Msg
from wallet.store import WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.report import Report

Translate = Callable[[str], str]
Revealed = list[tuple[str, list[tuple[str, str]]]]

MAX_IMAGE_BYTES = 32 * 1024 * 1024  # an image file larger than this is no picture of a QR code
# Digest bookkeeping of an SD-JWT: never anything the learner revealed.
_SD_BOOKKEEPING = {"_sd", "_sd_alg"}
# JWT claims, in words (the window translates them); times are shown as dates.
CLAIM_LABELS = {
    "iss": "Issuer",
    "sub": "Subject identifier (the learner)",
    "iat": "Issued at",
    "nbf": "Valid from",
    "exp": "Expires",
    "vct": "Credential type",
    "cnf": "Holder key (the learner)",
    "status": "Revocation status",
    "jti": "Credential ID",
}
_TIME_CLAIMS = {"iat", "nbf", "exp"}


def _same(text: str) -> str:
    return text


class _Checked(Protocol):
    """What `_ReadOnly.to_json` needs of a check (a field or a property)."""

    @property
    def report(self) -> Report: ...

    @property
    def verdict(self) -> str: ...


class _ReadOnly:
    """What every check here shares: it reads the wallet's trust list and cache, never writes,
    and its JSON is the report with the verdict (as `check-qr --json` and `verify --json`
    print it, and the window copies it)."""

    @property
    def changes(self) -> Changes:
        return NOTHING

    def to_json(self: _Checked) -> dict[str, Any]:
        return self.report.to_json() | {"verdict": self.verdict}


@dataclass(frozen=True)
class QrCheck(_ReadOnly):
    """One presentation read from QR codes and verified offline: the codes, the presentation
    (a VP dict or an SD-JWT presentation str), its report and verdict, and what it reveals
    per credential (name, [(label, value)])."""

    texts: list[str]
    presentation: Any
    report: Report
    verdict: str
    revealed: Revealed = field(default_factory=list)


@dataclass
class QrInput:
    """Where QR codes come from: image files, image bytes (clipboard, screenshot), or texts."""

    paths: list[str] = field(default_factory=list)
    images: list[bytes] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReadOutcome:
    """What a read gave: the QR texts now held, and a check when they made a presentation,
    else the reason (missing parts keep the texts, so the next image can complete it)."""

    texts: list[str]
    check: QrCheck | None = None
    problem: Msg | None = None
    credentials: tuple[CredentialCheck, ...] = ()  # credentials given whole (files, text)


def read_texts(source: QrInput) -> list[str]:
    """Every QR text in the input's images (files over MAX_IMAGE_BYTES refused), plus its
    pasted texts; raises WalletError (QrError)."""
    from wallet.present import qr

    texts = [t for t in (s.strip("\r\n") for s in source.texts) if t]
    for path in source.paths:
        try:
            size = Path(path).stat().st_size
        except OSError as e:
            raise qr.QrError(
                M(
                    "cannot read {path}: {problem}",
                    path=Path(path).name,
                    problem=str(e.strerror or e),
                )
            ) from None
        if size > MAX_IMAGE_BYTES:
            raise qr.QrError(
                M("{file} is too large to be a picture of a QR code", file=Path(path).name)
            )
        texts += qr.read_qr_image(path)
    for data in source.images:
        texts += qr.read_qr_image(data)
    return texts


def context_for(store: WalletStore | None, at: _dt.datetime | None = None) -> VerifyContext:
    """A read-only offline context: the wallet's trust list and cache when one is given."""
    at = at or _dt.datetime.now(_dt.UTC)
    if store is None:
        return VerifyContext(at=at)
    return VerifyContext(
        at=at,
        cache=store.checks,
        trusted_issuers=frozenset(store.trust.issuers()),
        listed_issuers=store.registries.listings(),  # subscribed issuer registries' copies
    )


class Expected(TypedDict, total=False):
    """How every check here is asked for: the challenge and domain the verifier gave (None:
    none), the moment to judge at (None: now), and `tr` translating our own words in the
    revealed lines (default: English)."""

    challenge: str | None
    domain: str | None
    at: _dt.datetime | None
    tr: Translate


def _checked(
    store: WalletStore | None, texts: list[str], presentation: Any, expected: Expected
) -> QrCheck:
    """One presentation checked, whether it came as QR codes (`texts`) or whole."""
    from wallet.present.presentation import check_presentation

    report, verdict = check_presentation(
        presentation,
        context_for(store, expected.get("at")),
        challenge=expected.get("challenge"),
        domain=expected.get("domain"),
    )
    revealed = revealed_of(presentation, tr=expected.get("tr", _same))
    return QrCheck(texts, presentation, report, verdict, revealed)


def check_qr_texts(
    store: WalletStore | None, texts: Sequence[str], **expected: Unpack[Expected]
) -> QrCheck:
    """Reassemble the codes and verify the presentation offline as of `at` (now), against the
    wallet's trusted issuers and cached status lists when a `store` is given (read only).
    Raises QrError for codes that make no presentation. `tr` translates our own words in the
    revealed lines."""
    from wallet.present import qr

    return _checked(store, list(texts), qr.decode(list(texts)), expected)


def read_and_check(
    store: WalletStore | None, held: list[str], source: QrInput, **expected: Unpack[Expected]
) -> ReadOutcome:
    """Add the input's codes to those already held and verify when they are complete.

    Codes of another presentation replace the held ones (a new learner at the desk)."""
    from wallet.present import qr

    new = read_texts(source)
    if not new:
        raise qr.QrError(M("no QR code was found in the picture"))
    combined = held + [t for t in new if t not in held]
    try:
        return ReadOutcome(combined, check_qr_texts(store, combined, **expected))
    except qr.QrError as e:
        if held and "different presentations" in str(e):
            return read_and_check(store, [], source, **expected)
        if "missing" in str(e):
            return ReadOutcome(combined, problem=e.msg)
        raise


# ----- what a presentation reveals, as lines ---------------------------------------------------


def flatten(
    value: Any, prefix: str = "", *, claims: bool = False, tr: Translate = _same
) -> list[tuple[str, str]]:
    """(label, value) lines for a JSON value: nested keys joined with " › ". With `claims`,
    the top level is a JWT's claims: registered ones are named in words, times as dates."""
    rows: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("@context", "type", "proof"):
                continue
            label = humanize(str(k)) or str(k)
            if claims and k in CLAIM_LABELS:
                label = tr(CLAIM_LABELS[k])
                if k in _TIME_CLAIMS and isinstance(v, int | float) and 0 < v < 2**33:
                    v = _dt.datetime.fromtimestamp(v, _dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            rows += flatten(v, f"{prefix} \u203a {label}" if prefix else label, tr=tr)
    elif isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            rows.append((prefix, ", ".join(str(v) for v in value)))
        else:
            for n, v in enumerate(value, 1):
                rows += flatten(v, f"{prefix} {n}" if prefix else str(n), tr=tr)
    elif value is not None:
        rows.append((prefix, str(value)))
    return rows


def revealed_of(presentation: Any, *, tr: Translate = _same) -> Revealed:
    """What a presentation shows, per credential: its name and (label, value) lines.

    The share dialog previews with this and the verifier shows the same, so the learner sees
    what the employer will see. An SD-JWT shows the claims its disclosures reveal (read, not
    verified: verification is the report's business)."""
    from wallet.proofs import jose

    if isinstance(presentation, str):
        try:
            document = jose.sd_jwt_processed(presentation)[1]
        except WalletError:
            return [("SD-JWT", [])]
        ach = document.get("achievement")
        name = ach.get("name") if isinstance(ach, dict) else None
        shown = {k: v for k, v in document.items() if k not in _SD_BOOKKEEPING}
        return [(name if isinstance(name, str) else "SD-JWT", flatten(shown, claims=True, tr=tr))]
    if not isinstance(presentation, dict):
        return []
    return revealed_in_vp(presentation, tr=tr)


def revealed_in_vp(vp: dict[str, Any], *, tr: Translate = _same) -> Revealed:
    """Per credential in a VP: its name and what it says about the subject, as lines."""
    from wallet.proofs import jose

    items = vp.get("verifiableCredential")
    items = items if isinstance(items, list) else [items] if items is not None else []
    out: Revealed = []
    for n, item in enumerate(items, 1):
        doc: Any = item
        if (
            isinstance(item, dict)
            and isinstance(item.get("id"), str)
            and str(item["id"]).startswith("data:")
            and "," in item["id"]
        ):
            token = item["id"].split(",", 1)[1]
            try:
                doc = (
                    jose.sd_jwt_processed(token)[1]
                    if "~" in token
                    else jose.decode_compact_json(token)[1]
                )
            except Exception:  # shown as unreadable; the report says why it failed
                doc = {}
            if isinstance(doc, dict) and isinstance(doc.get("vc"), dict):
                doc = doc["vc"]
        if not isinstance(doc, dict):
            out.append((f"#{n}", []))
            continue
        subject = doc.get("credentialSubject")
        name = doc.get("name")
        if not isinstance(name, str):
            ach = (subject if isinstance(subject, dict) else doc).get("achievement")
            name = ach.get("name") if isinstance(ach, dict) else None
        if subject is None and isinstance(item, dict) and "~" in str(item.get("id")):
            # an SD-JWT VC: its claims are what it says
            out.append(
                (
                    name if isinstance(name, str) else f"#{n}",
                    flatten(
                        {k: v for k, v in doc.items() if k not in _SD_BOOKKEEPING},
                        claims=True,
                        tr=tr,
                    ),
                )
            )
            continue
        if subject is None:
            subject = {k: v for k, v in doc.items() if k not in _SD_BOOKKEEPING}
        issuer = doc.get("issuer")
        issuer_name = issuer.get("name") if isinstance(issuer, dict) else issuer
        rows = [(tr("Issuer"), str(issuer_name))] if issuer_name else []
        for key in ("validFrom", "issuanceDate", "validUntil", "expirationDate"):
            if isinstance(doc.get(key), str):
                rows.append((humanize(key), doc[key]))
        rows += [
            (tr("Subject identifier (the learner)") if label == "Id" else label, value)
            for label, value in flatten(subject, tr=tr)
        ]
        out.append((name if isinstance(name, str) else f"#{n}", rows))
    return out


# ----- credentials and presentations given whole (the verifier with no wallet) -----------------


@dataclass(frozen=True)
class CredentialCheck(_ReadOnly):
    """One credential given on its own (a file or pasted text, not inside a presentation),
    verified offline: where it came from, the credential as the wallet reads it, its report
    and what it says. Nothing ties it to whoever hands it over: only a presentation does."""

    source: str
    parsed: Parsed
    report: Report
    revealed: Revealed = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return self.report.verdict


def check_credential(
    store: WalletStore | None,
    data: bytes,
    source: str,
    *,
    at: _dt.datetime | None = None,
    tr: Translate = _same,
) -> CredentialCheck:
    """Verify one credential's bytes (JSON, JWT, SD-JWT, a baked PNG or SVG) offline as of
    `at`, against the wallet's trust list and cache when a `store` is given (read only);
    raises FormatError when they hold no credential."""
    from wallet import formats
    from wallet.verify.verifier import verify_parsed

    parsed = formats.parse(data, name=source)
    report = verify_parsed(parsed, context_for(store, at), source or "credential")
    return CredentialCheck(source, parsed, report, revealed_in_credential(parsed, tr=tr))


def revealed_in_credential(parsed: Parsed, *, tr: Translate = _same) -> Revealed:
    """What a credential given whole says, as lines (the same reading as a presented one)."""
    from wallet.proofs import jose

    payload = parsed.payload.strip()
    item: Any
    if payload[:1] == b"{":
        try:
            item = jose.load_json_bytes(payload)
        except WalletError:
            return [(parsed.credential.title, [])]
    else:
        item = {"id": "data:application/jwt," + payload.decode("ascii", "replace")}
    return revealed_in_vp({"verifiableCredential": [item]}, tr=tr)


def whole_presentation(data: bytes) -> dict[str, Any] | str | None:
    """The presentation these bytes hold whole (a VerifiablePresentation's JSON, or an SD-JWT
    with its key-binding JWT), else None: they may still be a credential."""
    from wallet.proofs import jose

    body = data.strip().lstrip(b"\xef\xbb\xbf")
    if body[:1] == b"{":
        try:
            doc = jose.load_json_bytes(body)
        except WalletError:
            return None
        types = doc.get("type") if isinstance(doc, dict) else None
        types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        return doc if isinstance(doc, dict) and "VerifiablePresentation" in types else None
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        return None
    key_binding = text.rsplit("~", 1)[-1] if "~" in text else ""
    if key_binding.count(".") == 2 and not any(c.isspace() for c in text):
        return text  # an SD-JWT as issued ends with "~"; a presented one with its KB-JWT
    return None


def check_whole_presentation(
    store: WalletStore | None, presentation: dict[str, Any] | str, **expected: Unpack[Expected]
) -> QrCheck:
    """A presentation given whole (a file, pasted text) checked as its QR codes would be."""
    return _checked(store, [], presentation, expected)


_PICTURE, _QR_TEXT, _DOCUMENT = "picture", "qr text", "document"
# Files named as pictures are pictures of codes (a damaged one is then said to be unreadable).
_PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff"}


def _kind_of(data: bytes, name: str = "") -> str:
    """A picture (of QR codes), LW2 QR text, or a document (a credential or presentation)."""
    from wallet.formats.baked import PNG_SIGNATURE, unbake_png
    from wallet.present import qr

    if data.startswith(PNG_SIGNATURE):
        try:
            unbake_png(data)
        except WalletError:
            return _PICTURE  # no badge baked in: a picture of codes (or a damaged one)
        return _DOCUMENT
    if Path(name).suffix.lower() in _PICTURE_SUFFIXES:
        return _PICTURE
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _PICTURE
    if "\0" in text:
        return _PICTURE
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and all(line.startswith(qr.PREFIX) for line in lines):
        return _QR_TEXT
    return _DOCUMENT


def _read_whole(path: str) -> bytes:
    from wallet.present import qr

    name = Path(path).name
    try:
        size = Path(path).stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise qr.QrError(
                M("{file} is too large to be a credential or a picture of a QR code", file=name)
            )
        return Path(path).read_bytes()
    except OSError as e:
        raise qr.QrError(
            M("cannot read {path}: {problem}", path=name, problem=str(e.strerror or e))
        ) from None


def read_and_check_any(
    store: WalletStore | None, held: list[str], source: QrInput, **expected: Unpack[Expected]
) -> ReadOutcome:
    """Everything the verifier takes: pictures of QR codes (parts one by one, or several on
    one proof sheet) and QR texts go through `read_and_check` (parts held until complete);
    a presentation given whole (file or pasted text) is checked as one; credential files
    (JSON, JWT, SD-JWT, baked PNG or SVG) and a pasted credential are each verified on their
    own (`ReadOutcome.credentials`). Pasted text that is not QR text is one document."""
    from wallet.errors import FormatError
    from wallet.present import qr

    codes = QrInput(images=list(source.images))
    documents: list[tuple[str, bytes]] = []
    for path in source.paths:
        data = _read_whole(path)
        kind = _kind_of(data, Path(path).name)
        if kind == _PICTURE:
            codes.images.append(data)
        elif kind == _QR_TEXT:
            codes.texts += [t for t in data.decode("utf-8").splitlines() if t.strip()]
        else:
            documents.append((Path(path).name, data))
    for text in source.texts:
        data = text.encode("utf-8")
        if _kind_of(data) == _QR_TEXT:
            codes.texts += [t for t in text.splitlines() if t.strip()]
        else:
            documents.append(("", data))
    if not documents:
        return read_and_check(store, held, codes, **expected)
    if codes.images or codes.texts:
        raise qr.QrError(M("open pictures of QR codes and credential files one at a time"))
    for name, data in documents:
        whole = whole_presentation(data)
        if whole is None:
            continue
        if len(documents) > 1:
            raise qr.QrError(M("{file} is a presentation: open it on its own", file=name))
        return ReadOutcome([], check=check_whole_presentation(store, whole, **expected))
    checked: list[CredentialCheck] = []
    for name, data in documents:
        try:
            checked.append(
                check_credential(
                    store, data, name, at=expected.get("at"), tr=expected.get("tr", _same)
                )
            )
        except FormatError as e:
            if name:
                raise FormatError(
                    M("{file} is not a credential: {problem}", file=name, problem=e.msg)
                ) from None
            raise FormatError(
                M("the pasted text is not a credential: {problem}", problem=e.msg)
            ) from None
    return ReadOutcome([], credentials=tuple(checked))
