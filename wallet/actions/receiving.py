"""Receive credentials from an issuer's offer (OpenID4VCI 1.0, pre-authorized code): the CLI's
`receive` and, later, the window's "Add to wallet".

The learner decides: after reading the offer and the issuer's metadata (nothing secret is sent
for those), `confirm` is shown who the issuer is (its display name, the host the wallet really
talks to, whether the wallet trusts it) and what is offered; only a yes lets the wallet send
the code. What arrives goes through the same import-and-verify path as any file: original
bytes kept, verdict, duplicates recognised.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wallet.actions.changes import NOTHING, Changes
from wallet.actions.importing import Log, changes_of, verify_new
from wallet.actions.presenting import holder_key
from wallet.importer import FAILED, IMPORTED, ItemResult, import_item
from wallet.messages import M
from wallet.receive import ReceiveError, oid4vci
from wallet.receive.offer import Offer, TxCode, parse_offer_link
from wallet.sources import Item
from wallet.store import WalletStore


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


@dataclass(frozen=True)
class Received:
    """A receive's result lines, one per credential (iterating gives them), what went into
    the wallet, and whether the learner said no (then nothing was sent)."""

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


def receive(
    store: WalletStore,
    offer_text: str,
    *,
    tx_code: str | None = None,
    confirm: Callable[[Offered], bool],
    ask_tx_code: Callable[[Offered], str | None] | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    log: Log | None = None,
) -> Received:
    """Receive what the offer holds into the wallet, bound to the wallet's holder key.

    `confirm(offered)` decides whether to go on (False: nothing more is sent). A transaction
    code comes from `tx_code`, else from `ask_tx_code(offered)` when the offer needs one.
    A problem before any credential arrived raises ReceiveError (the wallet is unchanged); a
    credential that fails is a FAILED result line, and the others still go in."""
    offer = _offer(offer_text)
    if offer.pre_authorized_code is None:
        raise ReceiveError(
            M(
                "this offer needs a sign-in at the issuer, which this wallet cannot do yet; "
                "nothing was sent"
            )
        )
    issuer = oid4vci.issuer_metadata(offer)
    configs = [
        issuer.configurations.get(cid) or oid4vci.Configuration(cid, "")
        for cid in offer.configuration_ids
    ]
    offered = Offered(
        issuer_id=issuer.credential_issuer,
        host=issuer.host,
        name=issuer.name,
        logo=issuer.logo,
        trusted=_trusted(store, issuer.credential_issuer),
        credentials=tuple(c.name or c.id for c in configs),
        tx_code=offer.tx_code,
    )
    if not confirm(offered):
        return Received(offered, declined=True)
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
    presented = holder_key(store)
    holder = oid4vci.Holder(presented.key, presented.did)
    results: list[ItemResult] = []

    def note(result: ItemResult) -> None:
        if result.status == IMPORTED and result.id:
            result.verdict = verify_new(store, [result.id], log=log).verdicts.get(result.id)
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
        try:
            credentials, nonce = oid4vci.request_credential(
                issuer, token, config, holder, nonce=nonce
            )
        except ReceiveError as e:
            note(ItemResult(label, FAILED, e.msg))
            nonce = None
            continue
        for credential in credentials:
            if oid4vci.bound_elsewhere(credential, holder):
                note(
                    ItemResult(
                        label,
                        FAILED,
                        M(
                            "the issuer bound this credential to another key than the "
                            "wallet's; not added"
                        ),
                    )
                )
                continue
            data = (
                credential.encode("utf-8")
                if isinstance(credential, str)
                else json.dumps(credential, ensure_ascii=False).encode("utf-8")
            )
            note(import_item(store, Item(label, data)))
    return Received(offered, tuple(results), changes_of(store, results))
