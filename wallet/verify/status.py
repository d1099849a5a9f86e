"""Revocation and suspension: is the credential still what the issuer says it is?

Status lives outside the credential, in a list the issuer publishes and may change at any time,
so this check is the one place where "offline" and "now" meet. The rules:

- Offline is the default: a list is read from the cache an earlier online check filled, and the
  message says how old it is. With nothing cached the status is `unknown`, never `pass`.
- A failed refresh never makes a good credential bad: when fetching fails (no network, server
  error, timeout) or what was fetched cannot be used (broken signature, not JSON), the last good
  cached copy is used and kept, and the message says the refresh failed.
- A list counts only if it is the issuer's: a Bitstring / StatusList2021 list must carry a proof
  that the injected `verify_list` accepts, and must name the credential's issuer.
- Lists from strangers are hostile input: the GZIP inflation is capped (a 40 KB "bomb" would
  otherwise inflate to gigabytes) and every index is range-checked.

Formats: W3C Bitstring Status List v1.0 (`BitstringStatusListEntry`, statusPurpose revocation,
suspension, message/refresh as information, statusSize > 1 with statusMessage), the CCG
StatusList2021 it replaced (`StatusList2021Entry`), the 1EdTech Revocation List Status Method of
Open Badges 3.0 (`1EdTechRevocationList`: a JSON object whose `revokedCredentials` names revoked
credential ids), and the Open Badges 2.0 `revocationList` of an issuer Profile
(`revokedAssertions`: ids, or objects with `id`/`uid` and `revocationReason`).

Decision on a tampered list (its proof fails): status `unknown`, not `fail`. A broken signature
says the bytes were damaged or forged on the way; it says nothing about this credential, and
anyone who can corrupt a download must not be able to make a learner's credential look bad. A
list that verifies but is signed by someone other than the credential's issuer is `fail` ("the
status list is not the issuer's"): the issuer's own signed credential points at it, so the
issuer's revocation channel itself is wrong.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wallet.errors import FormatError, WalletError
from wallet.messages import Arg, M, Msg, join, plain
from wallet.proofs.jose import load_json_bytes
from wallet.verify.context import (
    HOSTED,
    KEY_DOCUMENT,
    STATUS_LIST,
    FetchRefused,
    VerifyContext,
    distinct,
    moment_of,
    problem_of,
)
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import CONTEXT, FAIL, ISSUER, PASS, PROOF, SKIP, STATUS, UNKNOWN, Check

VerifyList = Callable[[dict[str, Any], VerifyContext], ProofOutcome]

MIN_LIST_BITS = 131_072  # 16 KiB: the smallest list the Bitstring Status List spec allows
MAX_INFLATED_BYTES = 16 * 1024 * 1024  # 134 million entries; anything bigger is refused
MAX_ENCODED_CHARS = 24 * 1024 * 1024
MAX_STATUS_SIZE = 32  # bits per entry; the spec sets no limit, a sane one guards the reader

BITSTRING_ENTRY = "BitstringStatusListEntry"
STATUS_LIST_2021_ENTRY = "StatusList2021Entry"
EDTECH_REVOCATION_LIST = "1EdTechRevocationList"

NO_LIST = M("the issuer publishes no revocation list for this credential")
NOT_CHECKED_YET = M("not checked yet: an online check fetches the issuer's status list")

_GZIP_MAGIC = b"\x1f\x8b"
_SETTING_PURPOSES = ("revocation", "suspension")


class StatusListError(WalletError):
    """A status list that cannot be read (undecodable, too big, too short, index out of range)."""


# --- bitstrings --------------------------------------------------------------------------------


def inflate_gzip(data: bytes, cap: int = MAX_INFLATED_BYTES) -> bytes:
    """GZIP-decompress at most `cap` bytes; refuses more, so a decompression bomb costs nothing."""
    if data[:2] != _GZIP_MAGIC:
        raise StatusListError(M("the encoded list is not GZIP-compressed"))
    out = bytearray()
    rest = data
    while rest:  # a GZIP file may hold several members, one after another
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, cap - len(out) + 1)
        except zlib.error:
            raise StatusListError(M("the encoded list is damaged (not valid GZIP)")) from None
        if len(out) > cap:
            raise StatusListError(
                M(
                    "the encoded list inflates to over {size} MiB; refused as a decompression bomb",
                    size=cap // (1024 * 1024),
                )
            )
        if not inflater.eof:
            raise StatusListError(M("the encoded list is cut short (incomplete GZIP)"))
        rest = inflater.unused_data
    return bytes(out)


def decode_encoded_list(encoded: Any) -> bytes:
    """The bitstring of an `encodedList`: multibase base64url ('u') of GZIP, or bare base64.

    Bitstring Status List uses the multibase form; StatusList2021 lists carry base64 (url or
    standard alphabet, padded or not) without a prefix. GZIP always starts 0x1f 0x8b, which is
    "H4sI" in base64, so the two forms cannot be confused.
    """
    if not isinstance(encoded, str) or not encoded.strip():
        raise StatusListError(M("the status list has no encodedList"))
    text = "".join(encoded.split())
    if len(text) > MAX_ENCODED_CHARS:
        raise StatusListError(M("the encoded list is too long to be a status list"))
    body = text[1:] if text.startswith("u") else text
    body = body.replace("+", "-").replace("/", "_").rstrip("=")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise StatusListError(M("the encoded list is not base64")) from None
    return inflate_gzip(raw)


def read_status(bitstring: bytes, index: int, size: int = 1) -> int:
    """The value of entry `index` (`size` bits each); index 0 is the left-most bit of byte 0."""
    if index < 0 or size < 1:
        raise StatusListError(M("status index and size must not be negative"))
    start = index * size
    if start + size > len(bitstring) * 8:
        raise StatusListError(
            M(
                "the credential's status index {index} is outside the status list "
                "({count} entries)",
                index=index,
                count=len(bitstring) * 8 // size,
            )
        )
    value = 0
    for pos in range(start, start + size):
        value = (value << 1) | ((bitstring[pos >> 3] >> (7 - (pos & 7))) & 1)
    return value


# --- entry point -------------------------------------------------------------------------------


@dataclass
class _Result:
    status: str
    msg: Msg
    from_list: bool = False  # the answer came from a usable list (not a problem with the list)
    info: bool = False  # message/refresh purposes: said, but not judged
    problem: Msg | None = None  # for "could not be checked: <problem>": the problem alone


def _unchecked(problem: Msg) -> _Result:
    """Unknown: the list could not answer, for `problem`."""
    return _Result(UNKNOWN, M("could not be checked: {problem}", problem=problem), problem=problem)


@dataclass
class _Copy:
    data: bytes
    fetched_at: str
    fresh: bool  # fetched during this run
    refresh_error: Msg | None = None  # why an online refresh failed (then this is the cached copy)
    previous: tuple[bytes, str] | None = None  # the cached copy a fresh fetch replaced


def check_status(
    document: dict[str, Any], ctx: VerifyContext, *, issuer_id: str | None, verify_list: VerifyList
) -> Check:
    """The `status` check: revoked / suspended / not, and from how fresh a list.

    `document` is the credential as its proof covers it; `verify_list(list_doc, ctx)` verifies a
    status list credential's own proof (the orchestrator injects the full verifier).
    """
    if issuer_id is None:
        issuer_id = _issuer_of(document)
    fetched: dict[str, _Copy | _Result] = {}  # one request per list, however many entries
    entries = _status_entries(document)
    if not entries:
        if _is_ob2(document):
            return _as_check([_ob2_status(document, ctx, issuer_id, fetched)])
        return Check(STATUS, SKIP, NO_LIST)
    results = [
        _check_entry(entry, document, ctx, issuer_id, verify_list, fetched) for entry in entries
    ]
    return _as_check(results)


def _status_entries(document: dict[str, Any]) -> list[Any]:
    value = document.get("credentialStatus")
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _as_check(results: list[_Result]) -> Check:
    """One check from several entries: fail > unknown > pass; information is appended."""
    judged = [r for r in results if not r.info and r.status != SKIP]
    notes = [r.msg for r in results if r.info]
    if not judged:
        skipped = [r.msg for r in results if not r.info] or [NO_LIST]
        return Check(STATUS, SKIP, join(distinct(skipped + notes)))
    for status in (FAIL, UNKNOWN, PASS):
        picked = [r.msg for r in judged if r.status == status]
        if picked:
            others = [r.msg for r in judged if r.status != status]
            return Check(STATUS, status, join(distinct(picked + others + notes)))
    return Check(STATUS, UNKNOWN, join([r.msg for r in judged]))  # not reached


def _check_entry(
    entry: Any,
    document: dict[str, Any],
    ctx: VerifyContext,
    issuer_id: str | None,
    verify_list: VerifyList,
    fetched: dict[str, _Copy | _Result],
) -> _Result:
    if not isinstance(entry, dict):
        return _Result(UNKNOWN, M("the credential's status entry is malformed"))
    kind = _types(entry)
    if BITSTRING_ENTRY in kind or STATUS_LIST_2021_ENTRY in kind:
        bitstring = BITSTRING_ENTRY in kind
        url = entry.get("statusListCredential")

        def evaluate(data: bytes) -> _Result:
            return _evaluate_bitstring_list(
                data, entry, str(url).strip(), bitstring, ctx, issuer_id, verify_list
            )
    elif EDTECH_REVOCATION_LIST in kind:
        url = entry.get("id")

        def evaluate(data: bytes) -> _Result:
            return _evaluate_id_list(data, document, issuer_id, "revokedCredentials")
    elif kind:
        return _Result(
            UNKNOWN,
            M(
                "the credential's status uses a method the wallet does not know "
                "({method}), so revocation could not be checked",
                method=", ".join(kind),
            ),
        )
    else:
        return _Result(
            UNKNOWN,
            M(
                "the credential's status uses a method the wallet does not know "
                "(with no type), so revocation could not be checked"
            ),
        )
    if not isinstance(url, str) or not url.strip():
        return _Result(UNKNOWN, M("the credential's status entry names no status list"))
    result = _checked_against(url.strip(), ctx, evaluate, fetched)
    purpose = entry.get("statusPurpose")
    informational = isinstance(purpose, str) and purpose.strip().lower() not in _SETTING_PURPOSES
    if informational and not result.info:
        # a status message the wallet could not read does not make the status unknown
        return _Result(
            SKIP,
            M("the issuer's status message could not be read: {problem}", problem=_bare(result)),
            info=True,
        )
    return result


def _bare(result: _Result) -> Msg:
    """The result's words without "could not be checked: " (a cause inside another sentence)."""
    return result.problem or result.msg


# --- getting a list, with the cache as the fallback ---------------------------------------------


def _checked_against(
    url: str,
    ctx: VerifyContext,
    evaluate: Callable[[bytes], _Result],
    fetched: dict[str, _Copy | _Result],
) -> _Result:
    if url not in fetched:
        fetched[url] = _get_list(ctx, url)
    got = fetched[url]
    if isinstance(got, _Result):
        return got
    result = evaluate(got.data)
    if result.from_list:
        return _with_when(result, got, ctx)
    # The fresh copy is unusable: keep using (and keep cached) the last copy that was usable.
    if got.fresh and got.previous is not None:
        before = evaluate(got.previous[0])
        if before.from_list:
            ctx.cache.cache_put(STATUS_LIST, url, got.previous[0], got.previous[1])
            kept = _Copy(
                got.previous[0],
                got.previous[1],
                fresh=False,
                refresh_error=M(
                    "the list fetched just now was not usable: {problem}", problem=_bare(result)
                ),
            )
            return _with_when(before, kept, ctx)
    return result


def _get_list(ctx: VerifyContext, url: str) -> _Copy | _Result:
    previous = ctx.cached(STATUS_LIST, url)
    if not ctx.online:
        if previous is None:
            return _Result(UNKNOWN, NOT_CHECKED_YET)
        return _Copy(previous[0], previous[1], fresh=False)
    try:
        data, fetched_at = ctx.fetch(STATUS_LIST, url)
    except FetchRefused:
        return _Result(UNKNOWN, NOT_CHECKED_YET)
    except Exception as e:  # any fetcher failure (network, 5xx, timeout): the cache decides
        reason = _fetch_error(e)
        if previous is not None:
            return _Copy(previous[0], previous[1], fresh=False, refresh_error=reason)
        return _unchecked(
            M("the issuer's status list could not be fetched ({problem})", problem=reason)
        )
    return _Copy(data, fetched_at, fresh=True, previous=previous)


def _fetch_error(e: Exception) -> Msg:
    """Why fetching failed: the fetcher's words (a message id where it gives one)."""
    said = problem_of(e)
    text = str(said).strip()
    if isinstance(e, TimeoutError):
        return M("no answer in time: {problem}", problem=said) if text else M("no answer in time")
    if isinstance(said, Msg):
        return said
    return plain(text or type(e).__name__)


def _with_when(result: _Result, got: _Copy, ctx: VerifyContext) -> _Result:
    """Finish a message with where the list came from and how old it is."""
    when = _when(got, ctx, checked=result.status == FAIL)
    return _Result(
        result.status, M("{status} ({when})", status=result.msg, when=when), True, result.info
    )


def _when(got: _Copy, ctx: VerifyContext, *, checked: bool) -> Msg:
    date = moment_of(got.fetched_at)
    if got.fresh:
        if checked:
            return M("list checked on {date}", date=date)
        return M("list fetched on {date}", date=date)
    text = _cached_on(date, got.fetched_at, ctx.at)
    if got.refresh_error is not None:
        return join([text, M("refreshing it failed: {problem}", problem=got.refresh_error)])
    return text


def _cached_on(date: Arg, fetched_at: str, at: _dt.datetime) -> Msg:
    """ "as of the list cached on <date>", with how long ago when that is known."""
    then = _parse_time(fetched_at)
    seconds = (_aware(at) - then).total_seconds() if then is not None else -1.0
    if seconds < 0:
        return M("as of the list cached on {date}", date=date)
    days = int(seconds // 86400)
    if days == 0:
        return M("as of the list cached on {date}, less than a day ago", date=date)
    if days == 1:
        return M("as of the list cached on {date}, {days} day ago", date=date, days=days)
    return M("as of the list cached on {date}, {days} days ago", date=date, days=days)


# --- Bitstring Status List and StatusList2021 --------------------------------------------------


def _evaluate_bitstring_list(
    data: bytes,
    entry: dict[str, Any],
    url: str,
    bitstring: bool,
    ctx: VerifyContext,
    issuer_id: str | None,
    verify_list: VerifyList,
) -> _Result:
    label = "Bitstring Status List" if bitstring else "StatusList2021"
    purpose = entry.get("statusPurpose")
    if not isinstance(purpose, str) or not purpose.strip():
        return _Result(UNKNOWN, M("the credential's status entry names no statusPurpose"))
    purpose = purpose.strip().lower()
    try:
        index = _non_negative_int(entry.get("statusListIndex"), "statusListIndex")
        size = _non_negative_int(entry.get("statusSize", 1), "statusSize") if bitstring else 1
    except StatusListError as e:
        return _unchecked(e.msg)
    if not 1 <= size <= MAX_STATUS_SIZE:
        return _unchecked(M("statusSize {size} is not supported", size=size))

    listed = _load_json(data)
    if isinstance(listed, _Result):
        return listed
    # the list's own proof: the injected verifier decides, and only signed data is read after
    try:
        outcome = verify_list(listed, ctx)
    except WalletError as e:
        return _unchecked(
            M("the status list's signature could not be checked ({problem})", problem=e.msg)
        )
    problem = _proof_problem(outcome)
    if problem is not None:
        return problem
    signed = outcome.document if isinstance(outcome.document, dict) else listed

    list_issuer = _issuer_of(signed)
    if not issuer_id:
        return _unchecked(M("the credential names no issuer to match its status list against"))
    if not list_issuer:
        return _Result(
            FAIL,
            M(
                "the status list is not the issuer's: it is issued by no one, "
                "the credential by {issuer}",
                issuer=issuer_id,
            ),
        )
    if not _same_issuer(list_issuer, issuer_id):
        return _Result(
            FAIL,
            M(
                "the status list is not the issuer's: it is issued by {list_issuer}, "
                "the credential by {issuer}",
                list_issuer=list_issuer,
                issuer=issuer_id,
            ),
        )

    wanted = "BitstringStatusListCredential" if bitstring else "StatusList2021Credential"
    if wanted not in _types(signed):
        return _unchecked(M("the document at the status list address is not a {kind}", kind=wanted))
    list_id = signed.get("id")
    if isinstance(list_id, str) and list_id.strip() != url:
        # another list of the same issuer served here would answer for the wrong credentials
        return _unchecked(
            M("the status list at {url} says it is {other}", url=url, other=list_id[:100])
        )
    dates = _list_dates(signed, ctx.at)
    if dates is not None:
        return dates
    subject = _list_subject(signed)
    if subject is None:
        return _unchecked(M("the {kind} has no encodedList", kind=label))
    purposes = subject.get("statusPurpose")
    listed_purposes = purposes if isinstance(purposes, list) else [purposes]
    names = [p.strip().lower() for p in listed_purposes if isinstance(p, str)]
    if names and purpose not in names:
        return _unchecked(
            M(
                "the credential's entry is for {purpose} but the status list is for {purposes}",
                purpose=purpose,
                purposes=", ".join(names),
            )
        )
    try:
        bits = decode_encoded_list(subject.get("encodedList"))
        if len(bits) * 8 < MIN_LIST_BITS:
            raise StatusListError(
                M(
                    "the status list is too short ({count} entries; "
                    "the specification requires at least {minimum})",
                    count=len(bits) * 8,
                    minimum=MIN_LIST_BITS,
                )
            )
        value = read_status(bits, index, size)
    except StatusListError as e:
        return _unchecked(e.msg)

    message = _status_message(entry, value)
    if purpose == "revocation":
        if not value:
            return _Result(PASS, M("not revoked"), from_list=True)
        return _Result(FAIL, _revoked(message), from_list=True)
    if purpose == "suspension":
        if not value:
            return _Result(PASS, M("not suspended"), from_list=True)
        return _Result(FAIL, _suspended(message), from_list=True)
    # message, refresh and purposes the wallet does not know: information, not a verdict
    if message:
        said = M(
            "the issuer's status list ({purpose}) says {message}", purpose=purpose, message=message
        )
    else:
        said = M(
            "the issuer's status list ({purpose}) says value {value}",
            purpose=purpose,
            value=f"{value:#x}",
        )
    return _Result(SKIP, said, from_list=True, info=True)


def _proof_problem(outcome: ProofOutcome) -> _Result | None:
    """None when the list's proof is accepted; else why not, in words."""
    by_id = {c.id: c for c in outcome.checks}
    proof = by_id.get(PROOF)
    if proof is None:
        return _unchecked(M("the status list carries no proof"))
    if proof.status == FAIL:
        return _unchecked(
            M(
                "the issuer's status list did not verify (its signature is broken: {problem}); "
                "the list says nothing about this credential",
                problem=proof.msg,
            )
        )
    if proof.status != PASS:
        return _unchecked(
            M("the status list's signature could not be checked ({problem})", problem=proof.msg)
        )
    issuer = by_id.get(ISSUER)
    if issuer is not None and issuer.status == FAIL:
        return _Result(
            FAIL, M("the status list is not the issuer's: {problem}", problem=issuer.msg)
        )
    if issuer is not None and issuer.status == UNKNOWN:
        return _unchecked(
            M("who signed the status list is not confirmed ({problem})", problem=issuer.msg)
        )
    context = by_id.get(CONTEXT)
    if context is not None and context.status in (FAIL, UNKNOWN):
        return _unchecked(
            M(
                "the status list's content is not fully covered by its signature ({problem})",
                problem=context.msg,
            )
        )
    return None


def _list_subject(doc: dict[str, Any]) -> dict[str, Any] | None:
    subject = doc.get("credentialSubject")
    subjects = subject if isinstance(subject, list) else [subject]
    return next((s for s in subjects if isinstance(s, dict) and "encodedList" in s), None)


def _list_dates(doc: dict[str, Any], at: _dt.datetime) -> _Result | None:
    """Unknown when the list is expired or not yet valid at `at` (VC 2.0 and 1.1 names)."""
    now = _aware(at)
    for name in ("validUntil", "expirationDate"):
        if name in doc:
            until = _parse_time(doc[name])
            if until is None:
                return _unchecked(M("the status list's {field} is not a date", field=name))
            if now > until:
                return _Result(
                    UNKNOWN,
                    M(
                        "status list expired on {when}; status unknown since then",
                        when=until.astimezone(_dt.UTC),
                    ),
                )
    for name in ("validFrom", "issuanceDate"):
        if name in doc:
            since = _parse_time(doc[name])
            if since is None:
                return _unchecked(M("the status list's {field} is not a date", field=name))
            if now < since:
                return _unchecked(
                    M("the status list is only valid from {when}", when=since.astimezone(_dt.UTC))
                )
    return None


def _status_message(entry: dict[str, Any], value: int) -> str:
    messages = entry.get("statusMessage")
    if not isinstance(messages, list):
        return ""
    for item in messages:
        if not isinstance(item, dict):
            continue
        status = item.get("status")
        try:
            number = int(status, 16) if isinstance(status, str) else None
        except ValueError:
            number = None
        message = item.get("message")
        if number == value and isinstance(message, str):
            return message
    return ""


def _non_negative_int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise StatusListError(M("{field} is not a number", field=name))
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 18:
        number = int(value.strip())
    else:
        raise StatusListError(
            M("{field} {value} is not a whole number", field=name, value=repr(str(value)[:30]))
        )
    if number < 0:
        raise StatusListError(M("{field} must not be negative", field=name))
    return number


# --- lists of ids: 1EdTech Revocation List, Open Badges 2.0 -------------------------------------


def _evaluate_id_list(
    data: bytes, document: dict[str, Any], issuer_id: str | None, member: str
) -> _Result:
    """Revoked when the credential's id (or OB 2.0 uid) is listed; these lists are not signed."""
    listed = _load_json(data)
    if isinstance(listed, _Result):
        return listed
    list_issuer = _issuer_of(listed)
    if list_issuer and issuer_id and not _same_issuer(list_issuer, issuer_id):
        return _Result(
            FAIL,
            M(
                "the status list is not the issuer's: it names {list_issuer}, "
                "the credential {issuer}",
                list_issuer=list_issuer,
                issuer=issuer_id,
            ),
        )
    items = listed.get(member)
    if not isinstance(items, list):
        return _unchecked(M("the revocation list has no {member}", member=member))
    ids = {v for v in (document.get("id"), document.get("uid")) if isinstance(v, str) and v}
    if not ids:
        return _unchecked(M("the credential has no id to look up in the issuer's revocation list"))
    for item in items:
        if isinstance(item, str):
            item_ids, reason, revoked = {item}, "", True
        elif isinstance(item, dict):
            item_ids = {v for v in (item.get("id"), item.get("uid")) if isinstance(v, str)}
            given = item.get("revocationReason")
            reason = given.strip() if isinstance(given, str) else ""
            revoked = item.get("revoked", True) is not False
        else:
            continue
        if item_ids & ids and revoked:
            return _Result(FAIL, _revoked(reason), from_list=True)
    return _Result(PASS, M("not revoked"), from_list=True)


def _revoked(reason: str) -> Msg:
    """Revoked, with the issuer's reason when it gives one."""
    if reason:
        return M("revoked by the issuer: {reason}", reason=reason)
    return M("revoked by the issuer")


def _suspended(reason: str) -> Msg:
    """Suspended, with the issuer's reason when it gives one."""
    if reason:
        return M("suspended by the issuer: {reason}", reason=reason)
    return M("suspended by the issuer")


def _is_ob2(document: dict[str, Any]) -> bool:
    context = document.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if any(isinstance(c, str) and "w3id.org/openbadges/v2" in c for c in contexts):
        return True
    return "Assertion" in _types(document) and "badge" in document


def _ob2_status(
    document: dict[str, Any],
    ctx: VerifyContext,
    issuer_id: str | None,
    fetched: dict[str, _Copy | _Result],
) -> _Result:
    """OB 2.0: the issuer Profile's `revocationList`, if the profile is embedded or cached."""
    if document.get("revoked") is True:
        reason = document.get("revocationReason")
        return _Result(FAIL, _revoked(reason.strip() if isinstance(reason, str) else ""))
    badge = _embedded_or_cached(ctx, document.get("badge"))
    if badge is None:
        return _unchecked(
            M(
                "the badge and its issuer are not in the credential or cached, so the "
                "issuer's revocation list is unknown"
            )
        )
    profile = _embedded_or_cached(ctx, badge.get("issuer"))
    if profile is None:
        return _unchecked(
            M(
                "the issuer's profile is not in the credential or cached, so its revocation "
                "list is unknown"
            )
        )
    url = profile.get("revocationList")
    if isinstance(url, dict):
        url = url.get("id")
    if not isinstance(url, str) or not url.strip():
        return _Result(SKIP, NO_LIST)
    owner = issuer_id or (profile.get("id") if isinstance(profile.get("id"), str) else None)

    def evaluate(data: bytes) -> _Result:
        return _evaluate_id_list(data, document, owner, "revokedAssertions")

    return _checked_against(url.strip(), ctx, evaluate, fetched)


def _embedded_or_cached(ctx: VerifyContext, value: Any) -> dict[str, Any] | None:
    """An OB 2.0 object given in place, or the cached copy of the one its URL names (the
    status check never fetches these)."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        return None
    for kind in (KEY_DOCUMENT, HOSTED):
        hit = ctx.cached(kind, value)
        if hit is not None:
            loaded = _load_json(hit[0])
            if isinstance(loaded, dict):
                return loaded
    return None


# --- small helpers -----------------------------------------------------------------------------


def _load_json(data: bytes) -> dict[str, Any] | _Result:
    if data.lstrip()[:2] == b"ey":
        return _unchecked(
            M("the status list is secured as a JWT, which the wallet does not read yet")
        )
    try:
        loaded = load_json_bytes(data)
    except FormatError:
        return _unchecked(M("the status list is not JSON"))
    if not isinstance(loaded, dict):
        return _unchecked(M("the status list is not a JSON object"))
    return loaded


def _types(doc: dict[str, Any]) -> list[str]:
    value = doc.get("type", doc.get("@type"))
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def _issuer_of(doc: dict[str, Any]) -> str | None:
    issuer = doc.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def _same_issuer(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    if a.startswith("did:") and b.startswith("did:"):
        return a.split("#", 1)[0] == b.split("#", 1)[0]
    return a == b


def _aware(moment: _dt.datetime) -> _dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_dt.UTC)


def _parse_time(value: Any) -> _dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return _aware(_dt.datetime.fromisoformat(text))
    except ValueError:
        return None
