"""Issue 13, item 6: stacks never count impostors.

A credential is a stranger's text: its `issuer.name` proves nothing. A requirement that names
an issuer matches the issuer's identifier (a name only through the learner's trust list), and
progress that rests on issuers the learner has not confirmed is shown as such, never complete.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.stacks.helpers import (
    AT,
    CLINICAL,
    ISSUER,
    PUKEKO,
    ach,
    add_checked,
    clinical_stack,
    cred,
    credits,
    held,
    new_issuer_key,
    reasons,
    save_stack,
    signed_credential,
    stack,
)
from wallet import cli
from wallet.credential import Issuer
from wallet.stacks.engine import evaluate, evaluate_wallet, result_to_json
from wallet.stacks.model import Requirement, StackResult
from wallet.store import WalletStore

PASSPHRASE = "correct horse battery"


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


def only(store: WalletStore) -> StackResult:
    [result] = evaluate_wallet(store)
    return result


def clinical_node(result: StackResult) -> Any:
    return result.root.children[0]


# ----- the attack: a valid signature by the attacker's own did:key, the college's name --------


@pytest.mark.parametrize("named_by", ["did", "name"])
def test_impostor_does_not_complete_a_stack_naming_the_college(wallet, pukeko, attacker, named_by):
    pukeko_did, attacker_key, attacker_did = pukeko[1], attacker[0], attacker[1]
    wallet.trust.add(pukeko_did, PUKEKO)
    fake = add_checked(wallet, signed_credential(attacker_key, issuer_name=PUKEKO))
    assert wallet.checks.verdicts()[fake] == "warning"  # authentic signature, issuer not trusted
    save_stack(wallet, clinical_stack(pukeko_did if named_by == "did" else PUKEKO))

    result = only(wallet)
    assert not result.satisfied and result.progress == 0
    assert not result.satisfied_if_confirmed  # not even "unconfirmed": it is someone else
    node = clinical_node(result)
    assert node.counted == [] and node.unconfirmed == []
    wanted = pukeko_did if named_by == "did" else PUKEKO
    assert str(node.excluded[fake]) == f"issued by {attacker_did}, not by {wanted}"
    out = result_to_json(result)
    assert out["satisfied"] is False and "if_confirmed" not in out
    assert out["tree"]["children"][0]["excluded"] == {fake: str(node.excluded[fake])}


def test_impostor_copying_the_achievement_id_does_not_count(wallet, pukeko, attacker):
    pukeko_did = pukeko[1]
    wallet.trust.add(pukeko_did, PUKEKO)
    official = "https://pukeko-polytechnic.example.nz/micro/CLIN5"
    fake = add_checked(
        wallet, signed_credential(attacker[0], title="Clinical practice", achievement_id=official)
    )
    definition = clinical_stack(pukeko_did)
    definition["requirement"]["of"][0] = {
        "type": "achievement",
        "achievementId": official,
        "issuer": pukeko_did,
    }
    save_stack(wallet, definition)
    result = only(wallet)
    assert not result.satisfied
    assert str(clinical_node(result).excluded[fake]).startswith(f"issued by {attacker[1]}, not by")


def test_name_known_nowhere_in_the_trust_list_is_only_unconfirmed(wallet, attacker):
    """Nobody on the learner's list is called Pukeko Polytechnic: the wallet cannot tell the
    attacker from a new college, so the progress is shown as resting on an unconfirmed issuer,
    never as complete."""
    fake = add_checked(wallet, signed_credential(attacker[0], issuer_name=PUKEKO))
    save_stack(wallet, clinical_stack(PUKEKO))
    result = only(wallet)
    assert not result.satisfied and result.progress == 0
    assert result.satisfied_if_confirmed and result.root.unconfirmed == [fake]
    why = str(clinical_node(result).excluded[fake])
    assert why.startswith(f"issuer not confirmed: {attacker[1]} calls itself {PUKEKO}")
    out = result_to_json(result)
    assert out["satisfied"] is False
    assert out["if_confirmed"] == {
        "satisfied": True,
        "progress": 1.0,
        "credentials": [fake],
        "issuers": [attacker[1]],
    }


# ----- the genuine college ---------------------------------------------------------------------


@pytest.mark.parametrize("named_by", ["did", "name"])
def test_genuine_credential_from_a_trusted_college_completes_it(wallet, pukeko, attacker, named_by):
    key, did = pukeko
    wallet.trust.add(did, f"{PUKEKO} (Whanganui campus)")  # a bracketed note is ignored
    real = add_checked(wallet, signed_credential(key))
    fake = add_checked(wallet, signed_credential(attacker[0]))
    save_stack(wallet, clinical_stack(did if named_by == "did" else PUKEKO))
    result = only(wallet)
    assert result.satisfied and result.root.counted == [real]
    assert fake in clinical_node(result).excluded and fake not in result.root.unconfirmed


@pytest.mark.parametrize("named_by", ["did", "name"])
def test_genuine_credential_from_an_untrusted_college_is_unconfirmed(wallet, pukeko, named_by):
    key, did = pukeko
    real = add_checked(wallet, signed_credential(key))
    save_stack(wallet, clinical_stack(did if named_by == "did" else PUKEKO))
    result = only(wallet)
    assert not result.satisfied and result.progress == 0
    assert result.satisfied_if_confirmed and result.root.unconfirmed == [real]
    assert result.unconfirmed_issuers == [did]
    assert "issuer not confirmed" in str(clinical_node(result).excluded[real])
    # once the learner confirms the college (`learner-wallet trust add DID --name ...`)
    wallet.trust.add(did, PUKEKO)
    assert only(wallet).satisfied


def test_trusting_the_college_under_another_name_does_not_match_the_name(wallet, pukeko):
    key, did = pukeko
    wallet.trust.add(did, "Kea Institute")
    real = add_checked(wallet, signed_credential(key))
    save_stack(wallet, clinical_stack(PUKEKO))
    result = only(wallet)
    assert not result.satisfied and not result.satisfied_if_confirmed
    assert str(clinical_node(result).excluded[real]).startswith(f"issued by {did} (Kea Institute")


def test_cli_stacks_says_what_rests_on_unconfirmed_issuers_and_why(tmp_path, pukeko, attacker):
    path, secret = tmp_path / "w.lwallet", tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    with WalletStore.create(path, PASSPHRASE) as store:
        store.trust.add(pukeko[1], PUKEKO)
        fake = add_checked(store, signed_credential(attacker[0]))
        untrusted = add_checked(store, signed_credential(new_issuer_key()[0], title="Wound Care"))
        definition = clinical_stack(PUKEKO)
        definition["requirement"]["of"].append({"type": "achievement", "name": "Wound Care"})
        save_stack(store, definition)

    def run(*args: str) -> str:
        out = io.StringIO()
        assert (
            cli.main(["--wallet", str(path), "--passphrase-file", str(secret), *args], out=out) == 0
        )
        return out.getvalue()

    text = run("stacks")
    assert "Nursing Certificate: 0%" in text
    assert "1 more requirement rests on issuers you have not confirmed" in text
    assert f"not counted: {CLINICAL} ({fake}): issued by {attacker[1]}, not by {PUKEKO}" in text
    assert f"Wound Care ({untrusted}): issuer not confirmed" in text
    [obj] = map(json.loads, run("stacks", "--json").splitlines())
    assert obj["satisfied"] is False and obj["if_confirmed"]["satisfied"] is False
    assert obj["if_confirmed"]["credentials"] == [untrusted]


# ----- the rules one at a time, on records --------------------------------------------------


def test_warning_from_an_untrusted_issuer_is_unconfirmed_not_earned():
    hs = [held("a", cred("A", credits=15), "warning")]
    r = evaluate(stack(credits(15)), hs, at=AT, trusted={})
    assert not r.satisfied and r.root.credits_earned == 0
    assert r.satisfied_if_confirmed and r.root.credits_if_confirmed == 15
    assert reasons(r.root.excluded) == {
        "a": "issuer not confirmed: did:example:poly is not on your list of trusted issuers"
    }
    # without a trust list, only a check that found the issuer trusted (verified) confirms it
    assert not evaluate(stack(ach("A")), hs, at=AT).satisfied
    assert evaluate(stack(ach("A")), [held("a", cred("A"))], at=AT).satisfied


def test_expired_from_a_trusted_issuer_still_proves_it_was_earned():
    hs = [held("a", cred("A", valid_until="2025-06-01T00:00:00Z"), "warning")]
    trusted = {ISSUER.id: ISSUER.name}
    assert evaluate(stack(ach("A"), expired=True), hs, at=AT, trusted=trusted).satisfied
    r = evaluate(stack(ach("A")), hs, at=AT, trusted=trusted)
    assert not r.satisfied and reasons(r.root.excluded) == {"a": "expired on 1 June 2025"}


def test_trust_removed_after_the_check_no_longer_confirms():
    hs = [held("a", cred("A"), "verified")]
    r = evaluate(stack(ach("A")), hs, at=AT, trusted={"did:example:other": None})
    assert not r.satisfied and r.satisfied_if_confirmed


@pytest.mark.parametrize("verdict", ["failed", "unknown"])
def test_failed_and_unknown_are_not_even_unconfirmed(verdict):
    r = evaluate(stack(ach("A")), [held("a", cred("A"), verdict)], at=AT, trusted={})
    assert not r.satisfied and not r.satisfied_if_confirmed and r.root.unconfirmed == []


def test_issuer_url_and_name_claimed_in_the_credential_never_match_an_identifier():
    liar = Issuer(
        id="did:key:z6MkAttacker", name="https://pukeko.example.nz", url="https://pukeko.example.nz"
    )
    hs = [held("a", cred("A", issuer=liar))]
    trusted = {"did:key:z6MkAttacker": None, "https://pukeko.example.nz": PUKEKO}
    req = Requirement("achievement", id="r", name="A", issuer="https://pukeko.example.nz")
    r = evaluate(stack(req), hs, at=AT, trusted=trusted)
    assert not r.satisfied and not r.satisfied_if_confirmed
    assert reasons(r.root.excluded) == {
        "a": "issued by did:key:z6MkAttacker, not by https://pukeko.example.nz"
    }


def test_identifiers_compare_by_scheme_host_and_trailing_slash_but_dids_exactly():
    site = Issuer(id="https://Pukeko.Example.nz/issuer/", name=PUKEKO)
    hs = [held("a", cred("A", issuer=site))]
    trusted = {"https://pukeko.example.nz/issuer": PUKEKO}
    req = Requirement("achievement", id="r", name="A", issuer="HTTPS://pukeko.example.nz/issuer")
    assert evaluate(stack(req), hs, at=AT, trusted=trusted).satisfied
    did = Issuer(id="did:key:z6MkAbC", name=PUKEKO)
    hs = [held("a", cred("A", issuer=did))]
    req = Requirement("achievement", id="r", name="A", issuer="did:key:z6Mkabc")
    assert not evaluate(stack(req), hs, at=AT, trusted={"did:key:z6MkAbC": PUKEKO}).satisfied
