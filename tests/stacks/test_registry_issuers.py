"""Issues 17/18: an issuer a subscribed issuer registry lists counts for stacks as one on the
learner's trust list does.

Verification already treats a registry-listed issuer as known; the stack engine must too, or
a genuine credential from a registry's college shows only as "unconfirmed" progress. A
requirement naming the issuer by name matches a listed DID only under the registry's own name
for it, so an attacker's did:key calling itself by that name still never counts.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.stacks.helpers import (
    PUKEKO,
    add_checked,
    clinical_stack,
    new_issuer_key,
    save_stack,
    signed_credential,
)
from wallet import cli
from wallet.export import select_ids
from wallet.export.portfolio import build_portfolio
from wallet.stacks.engine import evaluate_wallet, result_to_json
from wallet.stacks.model import StackResult
from wallet.store import RegistryEntry, WalletStore

PASSPHRASE = "correct horse battery"
REGISTRY = "https://registry.example.org/issuers.json"


@pytest.fixture(scope="module")
def pukeko() -> tuple[Any, str]:
    return new_issuer_key()


@pytest.fixture(scope="module")
def attacker() -> tuple[Any, str]:
    return new_issuer_key()


@pytest.fixture
def wallet(tmp_path: Path) -> Iterator[WalletStore]:
    with WalletStore.create(tmp_path / "w.lwallet", PASSPHRASE) as store:
        yield store


def subscribe(store: WalletStore, did: str, name: str | None = PUKEKO) -> None:
    """A registry the learner subscribed to, listing `did` under `name` (kept offline)."""
    store.registries.save(REGISTRY, "Polytechnics Registry", [RegistryEntry(did, name)])


def only(store: WalletStore) -> StackResult:
    [result] = evaluate_wallet(store)
    return result


@pytest.mark.parametrize("named_by", ["did", "name"])
def test_credential_from_a_registry_listed_college_completes_the_stack(wallet, pukeko, named_by):
    key, did = pukeko
    subscribe(wallet, did)
    real = add_checked(wallet, signed_credential(key))
    assert wallet.checks.verdicts()[real] == "verified"  # verification already knows it
    save_stack(wallet, clinical_stack(did if named_by == "did" else PUKEKO))

    result = only(wallet)
    assert result.satisfied and result.progress == 1.0
    assert result.root.counted == [real]
    assert result.root.unconfirmed == [] and result.unconfirmed_issuers == []
    assert "if_confirmed" not in result_to_json(result)


@pytest.mark.parametrize("named_by", ["did", "name"])
def test_impostor_using_the_listed_name_still_does_not_count(wallet, pukeko, attacker, named_by):
    pukeko_did, attacker_key, attacker_did = pukeko[1], attacker[0], attacker[1]
    subscribe(wallet, pukeko_did)
    fake = add_checked(wallet, signed_credential(attacker_key, issuer_name=PUKEKO))
    save_stack(wallet, clinical_stack(pukeko_did if named_by == "did" else PUKEKO))

    result = only(wallet)
    assert not result.satisfied and result.progress == 0
    assert not result.satisfied_if_confirmed  # not even "unconfirmed": it is someone else
    node = result.root.children[0]
    assert node.counted == [] and node.unconfirmed == []
    wanted = pukeko_did if named_by == "did" else PUKEKO
    assert str(node.excluded[fake]) == f"issued by {attacker_did}, not by {wanted}"


def test_genuine_and_impostor_together_only_the_genuine_counts(wallet, pukeko, attacker):
    subscribe(wallet, pukeko[1])
    real = add_checked(wallet, signed_credential(pukeko[0]))
    fake = add_checked(wallet, signed_credential(attacker[0]))
    save_stack(wallet, clinical_stack(PUKEKO))
    result = only(wallet)
    assert result.satisfied and result.root.counted == [real]
    assert fake in result.root.children[0].excluded and fake not in result.root.unconfirmed


def test_registry_naming_the_did_otherwise_does_not_match_the_name(wallet, pukeko):
    """The registry vouches for the DID under its own name, not under whatever the
    credential says: asked for by another name, it is someone else."""
    key, did = pukeko
    subscribe(wallet, did, "Kea Institute")
    real = add_checked(wallet, signed_credential(key))  # calls itself Pukeko Polytechnic
    save_stack(wallet, clinical_stack(PUKEKO))
    result = only(wallet)
    assert not result.satisfied and not result.satisfied_if_confirmed
    why = str(result.root.children[0].excluded[real])
    assert why == (
        f"issued by {did} (Kea Institute in an issuer registry you subscribed to), not by {PUKEKO}"
    )
    save_stack(wallet, clinical_stack(did))  # by identifier it is the one asked for
    assert only(wallet).satisfied


def test_registry_listing_without_a_name_confirms_the_did_not_the_name(wallet, pukeko):
    key, did = pukeko
    subscribe(wallet, did, None)
    real = add_checked(wallet, signed_credential(key))
    save_stack(wallet, clinical_stack(did))
    assert only(wallet).satisfied
    save_stack(wallet, clinical_stack(PUKEKO))
    result = only(wallet)
    assert not result.satisfied and result.root.unconfirmed == [real]


def test_unsubscribing_makes_the_progress_unconfirmed_again(wallet, pukeko):
    key, did = pukeko
    subscribe(wallet, did)
    add_checked(wallet, signed_credential(key))
    save_stack(wallet, clinical_stack(PUKEKO))
    assert only(wallet).satisfied
    wallet.registries.remove(REGISTRY)
    result = only(wallet)
    assert not result.satisfied and result.satisfied_if_confirmed


def test_cli_stacks_json_counts_the_registry_listed_college(tmp_path, pukeko, attacker):
    path, secret = tmp_path / "w.lwallet", tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    with WalletStore.create(path, PASSPHRASE) as store:
        subscribe(store, pukeko[1])
        real = add_checked(store, signed_credential(pukeko[0]))
        fake = add_checked(store, signed_credential(attacker[0]))
        save_stack(store, clinical_stack(PUKEKO))

    def run(*args: str) -> str:
        out = io.StringIO()
        assert (
            cli.main(["--wallet", str(path), "--passphrase-file", str(secret), *args], out=out) == 0
        )
        return out.getvalue()

    [obj] = map(json.loads, run("stacks", "--json").splitlines())
    assert obj["satisfied"] is True and obj["progress"] == 1.0
    assert "if_confirmed" not in obj
    leaf = obj["tree"]["children"][0]
    assert leaf["counted"] == [real]
    assert leaf["excluded"] == {fake: f"issued by {attacker[1]}, not by {PUKEKO}"}
    text = run("stacks")
    assert "Nursing Certificate: ✓ satisfied" in text
    assert "rests on issuers you have not confirmed" not in text


def test_portfolio_counts_the_registry_listed_college(wallet, pukeko):
    subscribe(wallet, pukeko[1])
    real = add_checked(wallet, signed_credential(pukeko[0]))
    save_stack(wallet, clinical_stack(PUKEKO))
    [stack] = build_portfolio(wallet, select_ids(wallet, everything=True)).stacks
    assert stack.satisfied and stack.counted == [real] and stack.unconfirmed == []
