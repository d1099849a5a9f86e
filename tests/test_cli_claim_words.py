"""The command line names claims in words, as the window does: `respond` (what each credential
would reveal, before anything is sent) and `shared` (the history of what went to whom) say
"Given name" and "Address › Street address", not `given_name` or `address.street_address`;
`shared --json` keeps the raw paths for scripts. A credential deleted since it was shown is
said to be so, not named by its bare id.

The verifier's side of `respond` is not what is tested here (tests/respond/test_oid4vp.py runs
it against real verifiers): the request is stood in for, and the learner's consent text is read.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from wallet import cli, formats
from wallet.actions import responding
from wallet.actions.responding import WHOLE, Asked, Decide, Option, Responded, Wanted
from wallet.present.claim_words import claim_words
from wallet.store import WalletStore

PASSPHRASE = "correct horse battery"
GONE = "0123456789abcdef"  # a credential id the wallet no longer holds

BADGE = {
    "@context": "https://w3id.org/openbadges/v2",
    "type": "Assertion",
    "id": "https://badges.example.org/assertions/1",
    "recipient": {"type": "email", "hashed": False, "identity": "aroha@example.org"},
    "issuedOn": "2026-03-02T00:00:00Z",
    "verification": {"type": "hosted"},
    "badge": {
        "type": "BadgeClass",
        "id": "https://badges.example.org/classes/1",
        "name": "First Aid",
        "description": "Knows first aid.",
        "issuer": {"type": "Profile", "id": "https://badges.example.org", "name": "Harbour"},
    },
}

# What the history keeps: the consent screen's claim paths (DCQL paths joined with ".", the
# SD-JWT reader's slash paths, JSON pointers), or the whole credential.
REVEALED = [
    "given_name",
    "address.street_address",
    "degrees.*.type",
    "nationalities.0",
    "place_of_birth/locality",
    "/credentialSubject/achievement/name",
]


pytestmark = pytest.mark.usefixtures("keep_language")  # cli.main sets the language


@pytest.fixture
def wallet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv(cli.PASSPHRASE_ENV, PASSPHRASE)
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, PASSPHRASE) as store:
        cid = store.credentials.add(formats.parse(json.dumps(BADGE).encode()), "test")
        store.shares.add(
            nonce="n-1",
            client_id="x509_san_dns:employer.example",
            verifier="Harbour Employer",
            host="employer.example",
            purpose=None,
            credentials=[cid, GONE],
            revealed=[REVEALED, [WHOLE]],
        )
    return path


def run(path: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--wallet", str(path), *args], out=out)
    return code, out.getvalue()


def test_shared_names_the_claims_in_words(wallet: Path) -> None:
    code, out = run(wallet, "shared")
    assert code == cli.EXIT_OK
    lines = out.splitlines()
    assert "to Harbour Employer (x509_san_dns:employer.example)" in lines[0]
    assert lines[1].strip() == (
        "First Aid: Given name, Address › Street address, Degrees › Type, Nationalities 1, "
        "Place of birth › Town or city, Achievement › Name"
    )
    assert "given_name" not in out and "credentialSubject" not in out


def test_shared_json_keeps_the_paths(wallet: Path) -> None:
    code, out = run(wallet, "shared", "--json")
    (entry,) = [json.loads(line) for line in out.splitlines()]
    first, gone = entry["credentials"]
    assert first["title"] == "First Aid" and first["revealed"] == REVEALED
    assert gone == {"id": GONE, "title": None, "revealed": [WHOLE]}


def test_a_credential_deleted_since_is_said_to_be(wallet: Path) -> None:
    code, out = run(wallet, "shared")
    assert out.splitlines()[2].strip() == (
        f"a credential since deleted ({GONE}): the whole credential"
    )


def test_shared_speaks_german(wallet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    code, out = run(wallet, "shared")
    lines = out.splitlines()
    assert lines[1].strip().startswith("First Aid: Vorname, Adresse › Straße und Hausnummer")
    assert lines[2].strip() == f"ein inzwischen gelöschter Nachweis ({GONE}): der ganze Nachweis"


def _asked(*options: Option) -> Asked:
    return Asked(
        client_id="x509_san_dns:employer.example",
        prefix="x509_san_dns",
        name="Harbour Employer",
        host="employer.example",
        certificates=(),
        trusted=False,
        purposes=("to check your first aid",),
        wanted=(Wanted("q1", "dc+sd-jwt", options, False),),
    )


def _stand_in(asked: Asked, seen: list[object]) -> object:
    """`respond` without a verifier: the learner is shown `asked`, and it says yes."""

    def respond(store: WalletStore, link: str, *, decide: Decide) -> Responded:
        seen.append(decide(asked))
        return Responded(asked, ())

    return respond


def test_respond_names_what_would_be_revealed_in_words(
    wallet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = ("given_name", "address.street_address", "family_name")
    words = (
        claim_words("given_name"),
        claim_words(("address", "street_address")),
        claim_words("family_name"),
    )
    hostile = ("evil\x1b[2J\u202eclaim",)
    asked = _asked(
        Option("c1aaaaaaaaaaaaaa", "Driving Licence", None, None, shown, False, words),
        Option("c2bbbbbbbbbbbbbb", "Other", None, None, hostile, False),
    )
    seen: list[object] = []
    monkeypatch.setattr(responding, "respond", _stand_in(asked, seen))
    code, out = run(wallet, "respond", "openid4vp://?request_uri=x", "--yes")
    assert code == cli.EXIT_OK and seen == [{"q1": ["c1aaaaaaaaaaaaaa"]}]
    assert "revealing: Given name, Address › Street address, Family name" in out
    assert "given_name" not in out and "street_address" not in out

    seen.clear()
    code, out = run(wallet, "respond", "openid4vp://?request_uri=x", "--yes", "--pick", "c2")
    # No words from the core: read from the path, and what a stranger wrote cannot reach the
    # terminal as control characters.
    assert "revealing: Evil[2Jclaim" in out
    assert "\x1b" not in out and "\u202e" not in out
