"""A restore offers a backup's issuer registry subscriptions as it offers its trusted issuers:
one question naming both, asked before anything is written (the CLI) or after the summary (the
window), and nothing added without a yes. A backup that subscribes to registries but trusts no
new issuer used to restore without asking, and its registries were never added.

A registry added this way is the copy the backup carries, with the day it was fetched: nothing
is fetched over the network (the learner presses Refresh for a new copy).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.test_restore_recheck import BACKUP_PW, FAST, WALLET_PW, opened, wallet
from tests.verify.localweb import block_sockets
from wallet import backup, cli, demo
from wallet.actions import backups, registries
from wallet.store import RegistryEntry, WalletStore

__all__ = ["opened", "wallet"]  # the fixtures, shared with test_restore_recheck

REGISTRY = "https://registry.example/issuers.json"
FETCHED = "2026-03-01T10:00:00+00:00"  # when the backed-up wallet fetched its copy
FRIEND = "did:key:z6MkBackupFriend"


def registry_backup(tmp_path: Path, *, trust: bool = False, name: str = "other") -> Path:
    """A backup of another wallet subscribed to a registry listing the demo issuer (fetched on
    FETCHED), and, with `trust`, trusting FRIEND; it holds no credentials."""
    did, issuer = demo.demo_issuer()
    out = tmp_path / f"{name}.lwbackup"
    with WalletStore.create(tmp_path / f"{name}.lwallet", WALLET_PW) as other:
        other.registries.save(
            REGISTRY,
            "Demo Consortium",
            [RegistryEntry(did, issuer), RegistryEntry("did:web:elsewhere.example", "Else")],
            FETCHED,
        )
        if trust:
            other.trust.add(FRIEND, "Friendly Poly", source="user")
        backup.write_backup(other, out, BACKUP_PW, **FAST)
    return out


def cli_restore(
    wallet_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str]:
    monkeypatch.setenv(cli.BACKUP_PASSPHRASE_ENV, BACKUP_PW)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(WALLET_PW)
    out = io.StringIO()
    code = cli.main(
        ["--wallet", str(wallet_path), "--passphrase-file", str(pass_file), "restore", *args],
        out=out,
    )
    return code, out.getvalue()


def in_a_terminal(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """A terminal where the learner answers `answer`; the questions asked, in order."""
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or answer)
    return asked


def subscribed(path: Path) -> list[tuple[str, str, int, str]]:
    with WalletStore.open(path, WALLET_PW) as store:
        return [(s.url, s.name, s.issuers, s.fetched_at) for s in registries.subscriptions(store)]


def verdict(path: Path, cid: str) -> str:
    with WalletStore.open(path, WALLET_PW) as store:
        return store.checks.verdicts()[cid]


# ----- the CLI ---------------------------------------------------------------------------------


def test_a_cli_restore_of_a_backup_with_registries_only_asks_and_adds_them_on_yes(
    wallet: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, cid = wallet
    out = registry_backup(tmp_path)
    asked = in_a_terminal(monkeypatch, "y")
    attempts = block_sockets(monkeypatch)  # the backup's copy is used: nothing fetched

    code, text = cli_restore(path, tmp_path, monkeypatch, str(out))

    assert code == 0
    assert asked == ["Subscribe to them too? Only if you recognise every one [y/N] "]
    assert "The backup subscribes to these issuer registries, which this wallet does not:" in text
    assert f"Demo Consortium <{REGISTRY}>: 2 issuers, fetched 1 March 2026" in text
    assert "1 issuer registry subscription added from the backup, as you asked." in text
    assert subscribed(path) == [(REGISTRY, "Demo Consortium", 2, FETCHED)]
    assert verdict(path, cid) == "verified"  # its issuer is listed: checked again at once
    assert attempts == []


def test_a_cli_restore_of_a_backup_with_registries_only_adds_nothing_on_no(
    wallet: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, cid = wallet
    asked = in_a_terminal(monkeypatch, "n")

    code, text = cli_restore(path, tmp_path, monkeypatch, str(registry_backup(tmp_path)))

    assert code == 0 and len(asked) == 1
    assert subscribed(path) == []
    assert verdict(path, cid) == "warning"
    assert f"Demo Consortium <{REGISTRY}>" in text  # the summary names what was not added
    assert "`learner-wallet registry add URL`" in text


def test_one_cli_question_covers_issuers_and_registries(
    wallet: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _cid = wallet
    asked = in_a_terminal(monkeypatch, "y")

    code, text = cli_restore(
        path, tmp_path, monkeypatch, str(registry_backup(tmp_path, trust=True))
    )

    assert code == 0
    assert asked == [
        "Trust these issuers and subscribe to these registries too? Only if you recognise "
        "every one [y/N] "
    ]
    assert f"Friendly Poly  <{FRIEND}>" in text and f"<{REGISTRY}>" in text
    assert subscribed(path) == [(REGISTRY, "Demo Consortium", 2, FETCHED)]
    with WalletStore.open(path, WALLET_PW) as store:
        assert store.trust.issuers() == {FRIEND: "Friendly Poly"}


@pytest.mark.parametrize("flag", [True, False])
def test_without_a_terminal_only_accept_trust_adds_registries(
    wallet: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: bool
) -> None:
    """As for issuers: --accept-trust adds them unasked; a script without it adds nothing."""
    path, cid = wallet
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    monkeypatch.setattr("builtins.input", lambda q: pytest.fail(f"asked {q!r}"))
    flags = ["--accept-trust"] if flag else []

    code, _text = cli_restore(path, tmp_path, monkeypatch, *flags, str(registry_backup(tmp_path)))

    assert code == 0
    assert bool(subscribed(path)) is flag
    assert verdict(path, cid) == ("verified" if flag else "warning")


# ----- the use case both front ends call -------------------------------------------------------


def test_the_offer_names_issuers_and_registries_the_wallet_lacks(
    opened: WalletStore, tmp_path: Path
) -> None:
    checked = backups.read_backup(registry_backup(tmp_path, trust=True), BACKUP_PW)
    offers: list[backups.TrustOffer] = []
    restored = backups.restore_backup(
        opened, checked, accept_trust=lambda offer: offers.append(offer) or False
    )
    (offer,) = offers
    assert offer.issuers == [(FRIEND, "Friendly Poly")]
    assert [(r.url, r.name, r.fetched_at, len(r.entries)) for r in offer.registries] == [
        (REGISTRY, "Demo Consortium", FETCHED, 2)
    ]
    assert restored.offer == offer  # what the window asks about after the summary
    assert opened.registries.all() == [] and opened.trust.issuers() == {}


def test_a_yes_after_the_restore_adds_both_and_checks_their_credentials_again(
    opened: WalletStore, wallet: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = wallet[1]
    restored = backups.restore_backup(opened, registry_backup(tmp_path, trust=True), BACKUP_PW)
    assert opened.checks.verdicts()[cid] == "warning"
    attempts = block_sockets(monkeypatch)

    accepted = backups.accept_offer(opened, restored.offer)

    assert [s.url for s in accepted.subscribed] == [REGISTRY]
    assert accepted.trusted == (FRIEND,)
    assert opened.registries.get(REGISTRY) is not None
    assert opened.registries.get(REGISTRY).fetched_at == FETCHED  # type: ignore[union-attr]
    assert opened.trust.issuers() == {FRIEND: "Friendly Poly"}
    assert opened.checks.verdicts()[cid] == "verified"
    assert cid in accepted.changes.updated and accepted.changes.trust_changed
    assert attempts == []


def test_a_late_yes_keeps_what_the_wallet_gained_meanwhile(
    opened: WalletStore, tmp_path: Path
) -> None:
    """Between the summary and the answer the learner may have subscribed or trusted in
    Settings: their copy and name stay as they are."""
    restored = backups.restore_backup(opened, registry_backup(tmp_path, trust=True), BACKUP_PW)
    opened.registries.save(REGISTRY, "Mine", [RegistryEntry("did:web:mine.example", "Mine")])
    opened.trust.add(FRIEND, "My name for it", source="user")

    accepted = backups.accept_offer(opened, restored.offer)

    assert accepted.subscribed == () and accepted.trusted == ()
    assert opened.registries.issuer_ids(REGISTRY) == ["did:web:mine.example"]
    assert opened.trust.issuers() == {FRIEND: "My name for it"}
