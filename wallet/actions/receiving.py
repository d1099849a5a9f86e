"""Receive credentials from an issuer's offer (OpenID4VCI 1.0): the CLI's `receive` and, later,
the window's "Add to wallet"; and collect the ones an issuer promised to deliver later.

The learner decides: after reading the offer and the issuer's metadata (nothing secret is sent
for those), `confirm` is shown who the issuer is (its display name, the host the wallet really
talks to, whether the wallet trusts it), what is offered and whether a sign-in at the issuer
comes next; only a yes lets the wallet send the code or open the sign-in page in the browser.
What arrives goes through the same import-and-verify path as any file: original bytes kept,
verdict, duplicates recognised. A credential the issuer bound to another key, or that is not
signed by the issuer's key, is kept out (the wallet stays as it was) and the issuer is told.

A credential the issuer will deliver later (deferred issuance) is kept as a pending record in
the encrypted file; `collect_pending` asks again (at every `receive`, on `receive --pending`,
and from the window) and imports what arrived the same way. A failed retry keeps the record.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from wallet.actions.changes import NOTHING, Changes
from wallet.actions.importing import Log, changes_of, verify_new
from wallet.actions.presenting import holder_key
from wallet.errors import NotFound
from wallet.importer import DUPLICATE, FAILED, IMPORTED, ItemResult, import_item
from wallet.messages import M, Msg
from wallet.proofs import keys
from wallet.receive import ReceiveError, oid4vci
from wallet.receive.loopback import SIGN_IN_TIMEOUT_S, RedirectListener
from wallet.receive.offer import Offer, TxCode, parse_offer_link
from wallet.sources import Item
from wallet.store import PendingIssuance, PendingSecrets, WalletStore
from wallet.verify.report import FAIL, ISSUER, PROOF, Report

PENDING = "pending"  # a result line's status: the issuer will deliver it later (not a failure)

OpenBrowser = Callable[[str], object]


@dataclass(frozen=True)
class Offered:
    """What the learner is asked about before anything is sent to the issuer."""

    issuer_id: str  # the credential issuer identifier (an https URL)
    host: str  # the host the wallet connects to
    name: str | None  # the issuer's display name, as it calls itself (a stranger's text)
    logo: str | None  # the address of its logo (not fetched here)
    trusted: bool  # on the wallet's trust list
    credentials: tuple[str, ...]  # the offered credentials' names (or ids)
    tx_code: TxCode | None  # the transaction code the learner must type, if any
    sign_in: bool = False  # a yes opens the issuer's sign-in page in the browser
    signed_by: str | None = None  # the DID that signed the issuer's metadata (checked)


class OfferAnswers(TypedDict, total=False):
    """What only an offer needs from the learner, as `receive` takes it: the transaction code
    (or a way to ask for it) and, for a sign-in, the browser and a way to stop waiting.
    `exchanging.receive_exchange` passes these on unread when a link turns out to be an offer."""

    tx_code: str | None
    ask_tx_code: Callable[[Offered], str | None] | None
    open_browser: OpenBrowser | None
    cancelled: Callable[[], bool] | None


@dataclass(frozen=True)
class Received:
    """A receive's result lines, one per credential (iterating gives them), what went into
    the wallet, and whether the learner said no (then nothing was sent). A line whose status
    is PENDING is a credential the issuer will deliver later."""

    offered: Offered | None = None
    results: tuple[ItemResult, ...] = ()
    changes: Changes = NOTHING
    declined: bool = False

    def __iter__(self) -> Iterator[ItemResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def _offer(offer_text: str) -> Offer:
    link = parse_offer_link(offer_text)
    if link.offer is not None:
        return link.offer
    assert link.offer_uri is not None
    return oid4vci.fetch_offer(link.offer_uri)


def _trusted(store: WalletStore, issuer_id: str) -> bool:
    trusted = store.trust.issuers()
    return issuer_id in trusted or issuer_id.rstrip("/") in trusted or f"{issuer_id}/" in trusted


def _label(issuer: oid4vci.Issuer, config: oid4vci.Configuration) -> str:
    return f"{issuer.host}: {config.name or config.id}"


def _sign_in(
    issuer: oid4vci.Issuer,
    offer: Offer,
    configs: list[oid4vci.Configuration],
    open_browser: OpenBrowser,
    cancelled: Callable[[], bool] | None,
    timeout: float,
) -> oid4vci.Token:
    """The authorization code flow: the issuer's sign-in page in the learner's browser, the
    answer on a loopback listener open for this sign-in only, then the code for a token."""
    with RedirectListener() as listener:
        request = oid4vci.sign_in_request(
            issuer, offer, configs, listener.redirect_uri, listener.state
        )
        open_browser(request.url)
        answer = listener.wait(timeout=timeout, cancelled=cancelled)
    code = oid4vci.code_from_redirect(request, answer)
    return oid4vci.request_token_for_code(request, code)


class _KeptOut(Exception):
    """Raised inside the import's transaction to undo it: the credential stays out."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


def _not_the_issuers(report: Report | None) -> Msg | None:
    """Why a freshly received credential is not the issuer's, or None. A credential that
    arrives from the issuer itself and fails its signature or issuer-key check is a mistake
    or a forgery: it is never kept, so it can never be shown, let alone as verified."""
    if report is None:
        return None
    proof, issuer = report.check(PROOF), report.check(ISSUER)
    if proof is not None and proof.status == FAIL:
        return M("the signature on this credential does not check out; not added")
    if issuer is not None and issuer.status == FAIL:
        return M("this credential is signed by a key that is not the issuer's; not added")
    return None


def _import_received(
    store: WalletStore, label: str, credential: str | dict[str, Any], log: Log | None
) -> ItemResult:
    """Import and verify one credential that arrived from an issuer in one transaction; when
    its verification report shows it is not the issuer's, the import is undone (the wallet
    stays as it was) and the reason is the result."""
    data = (
        credential.encode("utf-8")
        if isinstance(credential, str)
        else json.dumps(credential, ensure_ascii=False).encode("utf-8")
    )
    try:
        with store.transaction():
            result = import_item(store, Item(label, data))
            if result.status == IMPORTED and result.id:
                verified = verify_new(store, [result.id], log=log)
                result.verdict = verified.verdicts.get(result.id)
                problem = _not_the_issuers(verified.reports.get(result.id))
                if problem is not None:
                    raise _KeptOut(problem)
    except _KeptOut as e:
        return ItemResult(label, FAILED, e.msg)
    return result


def take_received(
    store: WalletStore,
    credential: str | dict[str, Any],
    holder: keys.Holder | None,
    label: str,
    log: Log | None,
) -> ItemResult:
    """Import and verify one credential an issuer handed over (through an offer or an
    exchange) in one transaction, or keep it out: bound to another key than the wallet's, or
    not signed by the issuer. Offers and exchanges share it, so both judge alike."""
    if holder is not None and oid4vci.bound_elsewhere(credential, holder):
        return ItemResult(
            label,
            FAILED,
            M("the issuer bound this credential to another key than the wallet's; not added"),
        )
    return _import_received(store, label, credential, log)


def _notify(
    endpoint: str | None,
    access_token: str,
    delivery: oid4vci.Delivery,
    results: list[ItemResult],
    host: str,
    log: Log | None,
) -> None:
    """Tell the issuer whether what it sent was kept (once per answer, as its notification
    id stands for all the answer's credentials). Never changes what was stored."""
    if endpoint is None or delivery.notification_id is None:
        return
    kept = all(r.status in (IMPORTED, DUPLICATE) for r in results)
    event = oid4vci.ACCEPTED if kept and results else oid4vci.FAILURE
    problem = oid4vci.notify(endpoint, access_token, delivery.notification_id, event)
    if problem is not None and log is not None:
        log(f"notifying {host} ({event}): {problem}")


def _when(seconds: int, now: _dt.datetime | None = None) -> str:
    """An ISO UTC time `seconds` from now, as the store keeps times."""
    moment = (now or _dt.datetime.now(_dt.UTC)) + _dt.timedelta(seconds=seconds)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def receive(
    store: WalletStore,
    offer_text: str,
    *,
    tx_code: str | None = None,
    confirm: Callable[[Offered], bool],
    ask_tx_code: Callable[[Offered], str | None] | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    log: Log | None = None,
    open_browser: OpenBrowser | None = None,
    cancelled: Callable[[], bool] | None = None,
    sign_in_timeout: float = SIGN_IN_TIMEOUT_S,
) -> Received:
    """Receive what the offer holds into the wallet, bound to the wallet's holder key.

    `confirm(offered)` decides whether to go on (False: nothing more is sent). A transaction
    code comes from `tx_code`, else from `ask_tx_code(offered)` when the offer needs one. An
    offer without a pre-authorized code needs a sign-in: `open_browser(url)` shows the
    issuer's page in the learner's browser (the CLI uses `webbrowser`); the wait for it is
    bounded by `sign_in_timeout` seconds and ends early when `cancelled()` says so.
    A problem before any credential arrived raises ReceiveError (the wallet is unchanged); a
    credential that fails is a FAILED result line, and the others still go in; one the issuer
    will deliver later is a PENDING line, kept for `collect_pending`."""
    offer = _offer(offer_text)
    issuer = oid4vci.issuer_metadata(offer)
    configs = [
        issuer.configurations.get(cid) or oid4vci.Configuration(cid, "")
        for cid in offer.configuration_ids
    ]
    sign_in = offer.pre_authorized_code is None
    offered = Offered(
        issuer_id=issuer.credential_issuer,
        host=issuer.host,
        name=issuer.name,
        logo=issuer.logo,
        # On the trust list by its address, or by the DID that signed its metadata (the list
        # names most issuers by the DID their credentials are signed with).
        trusted=_trusted(store, issuer.credential_issuer)
        or (issuer.signed_by is not None and _trusted(store, issuer.signed_by)),
        credentials=tuple(c.name or c.id for c in configs),
        tx_code=offer.tx_code,
        sign_in=sign_in,
        signed_by=issuer.signed_by,
    )
    if sign_in and open_browser is None:
        raise ReceiveError(
            M(
                "this offer needs a sign-in at the issuer in a web browser, which cannot be "
                "opened here; nothing was sent"
            )
        )
    needs, refused = _key_needs(issuer, configs)
    if not confirm(offered):
        return Received(offered, declined=True)
    if sign_in:
        assert open_browser is not None and issuer.sign_in is not None
        known = [c for c in configs if c.id in issuer.configurations]
        if not known:
            raise ReceiveError(
                M(
                    "the issuer's metadata describes none of the offered credentials; "
                    "nothing was sent"
                )
            )
        token = _sign_in(issuer, offer, known, open_browser, cancelled, sign_in_timeout)
        token_endpoint: str | None = issuer.sign_in.token_endpoint
    else:
        if offer.tx_code is not None and not tx_code and ask_tx_code is not None:
            tx_code = ask_tx_code(offered)
        if offer.tx_code is not None and not tx_code:
            raise ReceiveError(
                M(
                    "this offer needs the transaction code the issuer sent you separately; "
                    "nothing was sent"
                )
            )
        token = oid4vci.request_token(issuer, offer, tx_code if offer.tx_code is not None else None)
        token_endpoint = issuer.token_endpoint
    holders: dict[oid4vci.KeyNeed, keys.Holder] = {}
    results: list[ItemResult] = []

    def note(result: ItemResult) -> None:
        results.append(result)
        if progress is not None:
            progress(result)

    nonce: str | None = None
    for config in configs:
        label = _label(issuer, config)
        if config.id not in issuer.configurations:
            note(
                ItemResult(
                    label,
                    FAILED,
                    M("the issuer's metadata does not describe this credential; not requested"),
                )
            )
            continue
        if config.id in refused:
            note(ItemResult(label, FAILED, refused[config.id]))
            continue
        need = needs[config.id]
        holder = holders.get(need) or holders.setdefault(need, _holder_for(store, need))
        for identifier in token.identifiers.get(config.id) or (None,):
            try:
                delivery = oid4vci.request_credential(
                    issuer, token, config, holder, nonce=nonce, identifier=identifier
                )
            except ReceiveError as e:
                note(ItemResult(label, FAILED, e.msg))
                nonce = None
                continue
            nonce = delivery.nonce
            if delivery.transaction_id is not None:
                note(_keep_pending(store, issuer, config, holder, token, token_endpoint, delivery))
                continue
            taken = [take_received(store, c, holder, label, log) for c in delivery.credentials]
            for result in taken:
                note(result)
            _notify(
                issuer.notification_endpoint, token.access_token, delivery, taken, issuer.host, log
            )
    return Received(offered, tuple(results), changes_of(store, results))


def _key_needs(
    issuer: oid4vci.Issuer, configs: list[oid4vci.Configuration]
) -> tuple[dict[str, oid4vci.KeyNeed], dict[str, Msg]]:
    """The holder key each offered configuration needs, and why the wallet cannot serve the
    others. When it can serve none, the offer is refused here, before anything is sent."""
    needs: dict[str, oid4vci.KeyNeed] = {}
    refused: dict[str, Msg] = {}
    for config in configs:
        if config.id in issuer.configurations:
            try:
                needs[config.id] = oid4vci.key_need(config)
            except ReceiveError as e:
                refused[config.id] = e.msg
    if refused and not needs:
        raise ReceiveError(next(iter(refused.values())))
    return needs, refused


def _holder_for(store: WalletStore, need: oid4vci.KeyNeed) -> keys.Holder:
    """The holder key a key proof is signed with: the default key where it fits (EdDSA,
    did:key), else a holder key the wallet already has that fits, else a new one made for it
    (P-256 for ES256, named as the issuer asks). The default is made first, so an empty
    wallet's default stays its Ed25519 key."""
    default = holder_key(store)
    if need.fits(default.did):
        return keys.Holder(default.key, default.did)
    for listed in store.keys.all():
        if need.fits(listed.did):
            return keys.Holder(store.keys.private_key(listed.did), listed.did)
    method = "did:key" if need.method == "jwk" else need.method
    label = f"My {need.curve} holder key ({method})"
    did = store.keys.create(label, curve=need.curve, method=method)
    return keys.Holder(store.keys.private_key(did), did)


def _keep_pending(
    store: WalletStore,
    issuer: oid4vci.Issuer,
    config: oid4vci.Configuration,
    holder: keys.Holder,
    token: oid4vci.Token,
    token_endpoint: str | None,
    delivery: oid4vci.Delivery,
) -> ItemResult:
    """Keep what lets the wallet ask again for a deferred credential, in the encrypted file."""
    label = _label(issuer, config)
    if issuer.deferred_endpoint is None or delivery.transaction_id is None:
        return ItemResult(
            label,
            FAILED,
            M(
                "the issuer will deliver this credential later but names no place to fetch it "
                "from; ask the issuer"
            ),
        )
    store.pending.add(
        PendingIssuance(
            id="",
            credential_issuer=issuer.credential_issuer,
            issuer_name=issuer.name,
            label=label,
            configuration_id=config.id,
            holder_did=holder.did,
            deferred_endpoint=issuer.deferred_endpoint,
            token_endpoint=token_endpoint,
            notification_endpoint=issuer.notification_endpoint,
            secrets=PendingSecrets(
                token.access_token, delivery.transaction_id, token.refresh_token
            ),
            next_at=_when(delivery.interval),
        )
    )
    return ItemResult(
        label,
        PENDING,
        M(
            "the issuer will deliver this credential later; the wallet keeps asking for it and "
            "adds it when it arrives"
        ),
    )


# --- deferred credentials ------------------------------------------------------------------


def _ask_again(
    store: WalletStore, entry: PendingIssuance
) -> tuple[PendingIssuance, oid4vci.Delivery]:
    """Ask the issuer for a deferred credential; an access token it no longer takes is
    renewed once with the refresh token (the new tokens are kept at once)."""
    try:
        return entry, oid4vci.request_deferred(
            entry.deferred_endpoint, entry.secrets.access_token, entry.secrets.transaction_id
        )
    except oid4vci.TokenRefused:
        if entry.secrets.refresh_token is None or entry.token_endpoint is None:
            raise
    token = oid4vci.refresh_token(entry.token_endpoint, entry.secrets.refresh_token)
    entry = replace(
        entry,
        secrets=PendingSecrets(
            token.access_token,
            entry.secrets.transaction_id,
            token.refresh_token or entry.secrets.refresh_token,
        ),
    )
    store.pending.save(entry)
    return entry, oid4vci.request_deferred(
        entry.deferred_endpoint, entry.secrets.access_token, entry.secrets.transaction_id
    )


def _holder_of(store: WalletStore, entry: PendingIssuance) -> keys.Holder | None:
    try:
        return keys.Holder(store.keys.private_key(entry.holder_did), entry.holder_did)
    except NotFound:
        return None  # the key is gone: the import still judges the credential


def _collect_one(store: WalletStore, entry: PendingIssuance, log: Log | None) -> list[ItemResult]:
    """One pending credential asked for again: its result lines. The record goes only once
    the issuer has delivered (in the same transaction as the import)."""
    try:
        entry, delivery = _ask_again(store, entry)
    except ReceiveError as e:
        store.pending.save(
            replace(
                entry,
                attempts=entry.attempts + 1,
                problem=e.msg,
                next_at=_when(oid4vci.DEFAULT_INTERVAL_S),
            )
        )
        return [
            ItemResult(
                entry.label,
                FAILED,
                M(
                    "asking the issuer again failed: {problem}; it stays pending",
                    problem=e.msg,
                ),
            )
        ]
    if delivery.transaction_id is not None:
        secrets = replace(entry.secrets, transaction_id=delivery.transaction_id)
        store.pending.save(
            replace(
                entry,
                secrets=secrets,
                attempts=entry.attempts + 1,
                problem=None,
                next_at=_when(delivery.interval),
            )
        )
        return [
            ItemResult(
                entry.label,
                PENDING,
                M("the issuer has not issued this credential yet; the wallet will ask again later"),
            )
        ]
    holder = _holder_of(store, entry)
    with store.transaction():
        taken = [take_received(store, c, holder, entry.label, log) for c in delivery.credentials]
        store.pending.remove(entry.id)
    host = entry.credential_issuer
    _notify(entry.notification_endpoint, entry.secrets.access_token, delivery, taken, host, log)
    return taken


def collect_pending(
    store: WalletStore,
    *,
    due_only: bool = False,
    now: _dt.datetime | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    log: Log | None = None,
) -> Received:
    """Ask the issuers again for every credential they promised to deliver later (or, with
    `due_only`, only those whose waiting time has passed at `now`), and import and verify
    what arrived. One result line per credential; nothing pending gives no lines."""
    moment = _when(0, now)
    results: list[ItemResult] = []
    for entry in store.pending.all():
        if due_only and entry.next_at > moment:
            continue
        for result in _collect_one(store, entry, log):
            results.append(result)
            if progress is not None:
                progress(result)
    return Received(None, tuple(results), changes_of(store, results))


def pending(store: WalletStore) -> list[PendingIssuance]:
    """The credentials still to come, oldest first (for the window's list)."""
    return store.pending.all()


def discard_pending(store: WalletStore, pending_id: str) -> Received:
    """Let a pending credential go (the learner no longer wants it, or the issuer has
    forgotten it). Nothing in the credential list changes."""
    store.pending.remove(pending_id)
    return Received()
