"""Issue 17, "Trust in one click": subscribing to an issuer registry (the DCC issuer registry
format), kept offline, refreshed when the learner asks, marks its issuers as known. Registries
are served from a loopback HTTP server; nothing reaches the network."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.ui.samples import PASSPHRASE
from tests.verify.localweb import block_sockets
from wallet import backup, cli
from wallet.actions import checking, registries, trust, verifying
from wallet.actions.importing import import_and_verify
from wallet.actions.registries import RegistryError
from wallet.errors import NotFound
from wallet.messages import M, render
from wallet.paths import resources
from wallet.store import WalletStore, transfer
from wallet.verify.report import TRUST, Check

DATA_ANALYSIS = next((resources() / "demo" / "credentials").glob("01-*.json"))
DEMO_DID = "did:key:z6MkhWDKUHqLByfyJqwan7K67QKEkoUvWEJ6VFoNShtdptu9"
OTHER_DID = "did:web:elsewhere.example"


def registry(*dids: str, **extra: Any) -> dict[str, Any]:
    """A registry document in the DCC format listing these DIDs."""
    return {
        "meta": {"created": "2026-01-05T10:00:00+00:00", "updated": "2026-11-30T10:00:00+00:00"},
        "registry": {
            did: {"name": f"Issuer {n}", "location": "Wellington, NZ", "url": "https://x.example"}
            for n, did in enumerate(dids, 1)
        },
        **extra,
    }


@dataclass
class Site:
    """Documents served at http://127.0.0.1:PORT/PATH; `hits` counts the requests."""

    base: str
    routes: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    # Answers wait until this is set (a test holds a fetch open to act meanwhile).
    go: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.go.set()

    def publish(self, path: str, doc: Any, status: int = 200) -> str:
        body = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
        self.routes[path] = (status, body)
        return f"{self.base}{path}"


@contextmanager
def serving() -> Iterator[Site]:
    """A loopback web server for registry documents, for as long as the block runs."""
    served = Site("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            served.hits.append(self.path)
            served.go.wait(30)
            status, body = served.routes.get(self.path, (404, b"not here"))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WalletStore]:
    """A wallet holding one demo credential whose only shortfall is an unknown issuer."""
    s = WalletStore.create(tmp_path / "registries.wallet", PASSPHRASE)
    import_and_verify(s, [str(DATA_ANALYSIS)])
    yield s
    s.close()


def only_id(store: WalletStore) -> str:
    (summary,) = store.credentials.summaries()
    return summary.id


def trust_check(store: WalletStore) -> dict[str, Any]:
    """The issuer check of the stored report (the demo credential's revocation status is
    unknown offline, so its verdict stays a warning either way: the check is what changes)."""
    report = json.loads(store.checks.last_report(only_id(store)).report)  # type: ignore[union-attr]
    (check,) = [c for c in report["checks"] if c["id"] == TRUST]
    return dict(check)


def known(store: WalletStore) -> bool:
    """Whether the stored report counts the issuer as known."""
    return trust_check(store)["status"] == "pass"


def trust_line(store: WalletStore) -> str:
    return str(trust_check(store)["message"])


def today() -> str:
    return render(M("{day}", day=dt.datetime.now(dt.UTC).date()), "en")


# ----- subscribing ----------------------------------------------------------------------------


def test_subscribing_makes_a_listed_issuer_known_and_checks_its_credentials_again(
    store: WalletStore, site: Site
) -> None:
    assert not known(store)
    assert "is not on your list of trusted issuers" in trust_line(store)
    url = site.publish("/registry.json", registry(OTHER_DID, DEMO_DID))

    changed = registries.subscribe(store, url, "Demo Consortium")

    sub = changed.subscription
    assert sub is not None and (sub.name, sub.url, sub.issuers) == ("Demo Consortium", url, 2)
    assert only_id(store) in changed.changes.updated  # the window re-reads that row
    assert changed.changes.trust_changed
    assert known(store)
    assert trust_line(store).endswith(
        "is listed in Demo Consortium's issuer registry, fetched " + today()
    )


def test_the_copy_kept_is_read_offline_and_only_a_refresh_goes_online(
    store: WalletStore, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.publish("/r.json", registry(DEMO_DID))
    registries.subscribe(store, url, "Consortium")
    assert site.hits == ["/r.json"]
    attempts = block_sockets(monkeypatch)  # from here on, no connection at all
    verifying.verify_credentials(store)
    assert known(store) and attempts == [] and site.hits == ["/r.json"]
    done = registries.refresh(store)  # asked: it tries, fails, and keeps the copy
    assert attempts and len(done.failed) == 1 and known(store)


def test_an_employers_check_with_the_wallet_knows_the_registrys_issuers(
    store: WalletStore, site: Site
) -> None:
    def trust_of_a_file() -> Check | None:
        return checking.check_credential(store, DATA_ANALYSIS.read_bytes(), "file").report.check(
            TRUST
        )

    before = trust_of_a_file()
    assert before is not None and before.status == "warn"
    registries.subscribe(store, site.publish("/r.json", registry(DEMO_DID)), "Consortium")
    after = trust_of_a_file()
    assert after is not None and after.status == "pass"
    assert "listed in Consortium's issuer registry" in str(after.msg)


def test_a_registry_without_a_name_is_called_after_its_own_name_or_its_host(
    store: WalletStore, site: Site
) -> None:
    named = site.publish("/named.json", registry(DEMO_DID, name="Polytechnic Consortium"))
    unnamed = site.publish("/unnamed.json", registry(OTHER_DID))
    assert registries.subscribe(store, named).subscription.name == "Polytechnic Consortium"  # type: ignore[union-attr]
    assert registries.subscribe(store, unnamed).subscription.name == "127.0.0.1"  # type: ignore[union-attr]
    assert [s.url for s in registries.subscriptions(store)] == [named, unnamed]


def test_the_learners_own_trust_list_keeps_working_and_comes_first(
    store: WalletStore, site: Site
) -> None:
    trust.trust_issuer(store, DEMO_DID, "Demo Polytechnic")
    registries.subscribe(store, site.publish("/r.json", registry(DEMO_DID)), "Consortium")
    assert known(store)
    assert trust_line(store).endswith("is on your list of trusted issuers")


# ----- refusing bad documents -----------------------------------------------------------------

TOO_MANY = {"registry": {f"did:key:z{n}": {"name": "x"} for n in range(10_001)}}


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"<html>Not found</html>", "not JSON"),
        (b"[1, 2, 3]", "the document is not a JSON object"),
        ({"issuers": []}, 'it has no "registry" object listing issuers'),
        ({"registry": {}}, "it lists no issuers"),
        ({"registry": {DEMO_DID: "Demo"}}, f"the entry of {DEMO_DID} is not an object"),
        ({"registry": {DEMO_DID: {"url": "https://x.example"}}}, "has no name"),
        ({"registry": {"javascript:alert(1)": {"name": "x"}}}, "is not an issuer identifier"),
        (TOO_MANY, "it lists more than 10,000 issuers"),
        (b"[" * 100 + b"]" * 100, "nested deeper than"),
    ],
)
def test_a_malformed_registry_is_refused_and_nothing_is_stored(
    store: WalletStore, site: Site, body: Any, says: str
) -> None:
    url = site.publish("/bad.json", body)
    with pytest.raises(RegistryError) as refused:
        registries.subscribe(store, url)
    assert says in str(refused.value)
    assert str(refused.value).startswith("this is not an issuer registry: ")
    assert registries.subscriptions(store) == []
    assert not known(store)


def test_a_registry_that_cannot_be_fetched_is_refused(store: WalletStore, site: Site) -> None:
    with pytest.raises(RegistryError) as refused:
        registries.subscribe(store, f"{site.base}/missing.json")
    assert "could not be fetched" in str(refused.value) and "404" in str(refused.value)
    with pytest.raises(RegistryError, match="not the address of an issuer registry"):
        registries.subscribe(store, "ftp://registry.example/r.json")
    assert registries.subscriptions(store) == []


# ----- refreshing -----------------------------------------------------------------------------


def test_refresh_replaces_the_copy_and_keeps_the_last_good_one_when_it_fails(
    store: WalletStore, site: Site
) -> None:
    url = site.publish("/r.json", registry(DEMO_DID))
    registries.subscribe(store, url, "Consortium")
    assert known(store)

    for failure in (500, b"{ not json"):
        if isinstance(failure, int):
            site.publish("/r.json", b"down for maintenance", status=failure)
        else:
            site.publish("/r.json", failure)
        done = registries.refresh(store)
        assert done.refreshed == ()
        (failed,) = done.failed
        assert failed.problem is not None and failed.issuers == 1
        assert known(store)  # the last good copy still confirms the issuer
        (kept,) = registries.subscriptions(store)
        assert "the last refresh failed" in str(registries.summary(kept))

    site.publish("/r.json", registry(OTHER_DID, "did:web:third.example"))
    done = registries.refresh(store)
    (fresh,) = done.refreshed
    assert (fresh.issuers, fresh.problem, done.failed) == (2, None, ())
    assert only_id(store) in done.changes.updated
    assert not known(store)  # the registry no longer lists the demo issuer
    assert str(registries.summary(fresh)) == f"2 issuers, fetched {today()}"


# ----- unsubscribing --------------------------------------------------------------------------


def test_unsubscribing_forgets_the_registry_and_its_issuers(store: WalletStore, site: Site) -> None:
    url = site.publish("/r.json", registry(DEMO_DID))
    registries.subscribe(store, url, "Consortium")
    changed = registries.unsubscribe(store, url)
    assert only_id(store) in changed.changes.updated
    assert registries.subscriptions(store) == []
    assert not known(store)
    assert store.registries.listings() == {}
    with pytest.raises(NotFound, match="not subscribed"):
        registries.unsubscribe(store, url)


# ----- the wallet file -------------------------------------------------------------------------


def test_a_wallet_from_before_registries_gains_them_when_opened(tmp_path: Path, site: Site) -> None:
    path = tmp_path / "older.wallet"
    with WalletStore.create(path, PASSPHRASE) as older:
        c = older.db.conn
        c.execute("DROP TABLE registry_issuers")  # back to what schema 8 wrote
        c.execute("DROP TABLE registries")
        c.execute("PRAGMA user_version = 8")
    with WalletStore.open(path, PASSPHRASE) as upgraded:
        assert registries.subscriptions(upgraded) == []
        registries.subscribe(upgraded, site.publish("/r.json", registry(DEMO_DID)), "Consortium")
        assert [s.issuers for s in registries.subscriptions(upgraded)] == [1]


# ----- backups --------------------------------------------------------------------------------

BACKUP_PW = "backup passphrase, long enough"


def test_a_backup_carries_subscriptions_with_their_copy_added_only_when_accepted(
    store: WalletStore, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.publish("/r.json", registry(DEMO_DID, OTHER_DID))
    registries.subscribe(store, url, "Demo Consortium")
    (kept,) = registries.subscriptions(store)
    backup.write_backup(store, tmp_path / "all.lwbackup", BACKUP_PW, log_n=10)
    attempts = block_sockets(monkeypatch)  # a restore never fetches a registry

    with WalletStore.create(tmp_path / "accepted.wallet", PASSPHRASE) as other:
        summary = backup.restore(other, tmp_path / "all.lwbackup", BACKUP_PW, accept_trust=True)
        assert summary.registries == 1 and summary.offered_registries == []
        assert "1 issuer registry subscription added from the backup" in str(summary.line())
        (restored,) = registries.subscriptions(other)
        assert (restored.url, restored.name, restored.issuers) == (url, "Demo Consortium", 2)
        assert restored.fetched_at == kept.fetched_at  # the copy as it was, not fetched again
        assert other.registries.entries(url) == store.registries.entries(url)
        assert known(other)  # the restored credential, checked again, is from a known issuer

    with WalletStore.create(tmp_path / "declined.wallet", PASSPHRASE) as other:
        summary = backup.restore(other, tmp_path / "all.lwbackup", BACKUP_PW)
        assert summary.registries == 0
        assert summary.offered_registries == [(url, "Demo Consortium")]
        assert f"Demo Consortium <{url}>" in str(summary.line())
        assert registries.subscriptions(other) == [] and not known(other)
    assert attempts == []


def test_a_backup_with_a_damaged_subscription_is_refused_whole(
    store: WalletStore, site: Site, tmp_path: Path
) -> None:
    registries.subscribe(store, site.publish("/r.json", registry(DEMO_DID)), "Consortium")
    doc = transfer.dump(store)
    doc["registries"][0]["entries"].append({"issuer_id": 42})
    with pytest.raises(transfer.BadDocument, match="issuer registry 1 has no valid entries"):
        transfer.check(doc)


# ----- the command line -----------------------------------------------------------------------


def run(store: WalletStore, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--wallet", str(store.path), *args], out=out)
    return code, out.getvalue()


def test_the_command_line_adds_lists_refreshes_and_removes(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LEARNER_WALLET_PASSPHRASE", PASSPHRASE)
    with WalletStore.create(tmp_path / "cli.wallet", PASSPHRASE) as store:
        import_and_verify(store, [str(DATA_ANALYSIS)])
    url = site.publish("/r.json", registry(DEMO_DID, OTHER_DID))

    code, text = run(store, "registry", "list")
    assert code == 0 and "You subscribe to no issuer registries yet" in text
    code, text = run(store, "registry", "add", url, "--name", "Demo Consortium")
    assert (code, text) == (0, f"subscribed to Demo Consortium: 2 issuers, fetched {today()}\n")
    code, text = run(store, "verify", "--all")
    assert code == 0 and "is listed in Demo Consortium's issuer registry" in text

    code, text = run(store, "registry", "list")
    assert (code, text) == (0, f"Demo Consortium  {url}\n  2 issuers, fetched {today()}\n")

    site.publish("/r.json", b"oops", status=503)
    code, text = run(store, "registry", "refresh")
    assert code == 1
    assert text.startswith(
        f"Demo Consortium: 2 issuers, fetched {today()}; the last refresh failed"
    )

    code, _text = run(store, "registry", "add", f"{site.base}/nothing.json")
    assert code == 2 and "could not be fetched" in capsys.readouterr().err
    assert run(store, "registry", "list")[1].count("Demo Consortium") == 1
    code, text = run(store, "registry", "remove", url)
    assert (code, text) == (0, "no longer subscribed to Demo Consortium\n")
    code, _text = run(store, "registry", "remove", url)
    assert code == 2 and "not subscribed" in capsys.readouterr().err
