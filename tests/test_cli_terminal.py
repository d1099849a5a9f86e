"""Issue 13, item 13: no credential can drive the terminal the CLI prints to.

A title like "\\x1b[2K\\x1b[1A\\x1b[8m..." erases the line above, moves the cursor and conceals
what follows: an employer watching `learner-wallet verify` would read "VERIFIED" where the
wallet printed FAILED. Every string a credential (or a stack, trust list or backup) supplies
is shown with its control characters as visible escapes, in every human-readable command.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet import backup, cli
from wallet.proofs import jose, keys
from wallet.store import WalletStore
from wallet.store.transfer import dump

CURSOR = "\x1b[2K\x1b[1A\x1b[8m"
TITLE = f"Welding{CURSOR}VERIFIED\r\x9b2K\x08\x7f\u202eDELIF\u2066x\u2069\u2028fake line\u0085\x00"
ISSUER = "Pukeko Polytechnic\x1b]0;pwned\x07\x1b[32m VERIFIED\x1b[0m\n  \u2713 trust     ok"
# Every C0 control but the newline that ends our own lines, DEL, the C1 controls, the bidi
# controls and the Unicode line and paragraph separators.
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
PW = "terminal test passphrase"


def evil_jwt() -> bytes:
    """A VC-JWT whose every shown string carries terminal escapes, signed by a did:key."""
    key = Ed25519PrivateKey.generate()
    did = keys.did_key_from_public_key(key.public_key())
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:6a1f0c2e-5b7d-4e0a-9c3b-2d8f1e4a7b90",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": ISSUER},
        "validFrom": "2026-03-02T00:00:00Z",
        "name": TITLE,
        "description": f"Line one\x1b[1Aover{CURSOR}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:aroha",
            "achievement": {
                "id": "https://pukeko.example/a/1",
                "type": ["Achievement"],
                "name": TITLE,
                "achievementType": "MicroCredential",
                "criteria": {"narrative": f"Pass{CURSOR}"},
                "description": f"Weld{CURSOR}",
            },
        },
    }
    return jose.sign_compact(
        {"typ": "vc+jwt", "kid": keys.did_key_verification_method(key.public_key())},
        json.dumps(credential).encode(),
        key,
    ).encode()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.setenv(cli.BACKUP_PASSPHRASE_ENV, "backup passphrase for escapes")
    (tmp_path / "pass.txt").write_text(PW)
    (tmp_path / "evil.jwt").write_bytes(evil_jwt())
    (tmp_path / "trust.json").write_text(
        json.dumps(
            {"name": f"List{CURSOR}", "issuers": [{"id": f"did:web:x{CURSOR}", "name": ISSUER}]}
        )
    )
    (tmp_path / "stack.json").write_text(
        json.dumps(
            {
                "format": "learner-wallet-stack/1",
                "id": "weld",
                "name": f"Stack{CURSOR}VERIFIED",
                "requirement": {
                    "type": "all",
                    "of": [
                        {"type": "achievement", "id": "w", "name": f"Need{CURSOR}", "issuer": "x"}
                    ],
                },
            }
        )
    )
    return {"dir": tmp_path, "wallet": tmp_path / "w.lwallet", "pass": tmp_path / "pass.txt"}


def run(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str], *args: str, wallet: Path | None = None
) -> str:
    """Run one command in-process; everything it wrote to stdout and stderr."""
    out = io.StringIO()
    cli.main(
        ["--wallet", str(wallet or env["wallet"]), "--passphrase-file", str(env["pass"]), *args],
        out=out,
    )
    captured = capsys.readouterr()
    return out.getvalue() + captured.out + captured.err


def test_no_control_character_reaches_the_terminal(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    d = env["dir"]
    outputs: dict[str, str] = {}
    outputs["init"] = run(env, capsys, "init")
    outputs["import"] = run(env, capsys, "import", str(d / "evil.jwt"))
    outputs["import again"] = run(env, capsys, "import", str(d / "evil.jwt"))
    with WalletStore.open(env["wallet"], PW) as store:
        cid = store.credentials.summaries()[0].id
    outputs["list"] = run(env, capsys, "list")
    outputs["show"] = run(env, capsys, "show", cid)
    outputs["verify id"] = run(env, capsys, "verify", cid)
    outputs["verify file"] = run(env, capsys, "verify", str(d / "evil.jwt"))
    outputs["trust import"] = run(env, capsys, "trust", "import", str(d / "trust.json"))
    outputs["trust list"] = run(env, capsys, "trust", "list")
    outputs["trust remove"] = run(env, capsys, "trust", "remove", f"did:web:y{CURSOR}")
    outputs["stack import"] = run(env, capsys, "stack", "import", str(d / "stack.json"))
    outputs["stacks"] = run(env, capsys, "stacks", "--include-unverified")
    outputs["present"] = run(env, capsys, "present", cid, "--qr", str(d / "qr.png"))
    outputs["check-qr"] = run(env, capsys, "check-qr", str(d / "qr.png"))
    outputs["export"] = run(
        env, capsys, "export", "--format", "html", "--all", str(d / "portfolio.html")
    )
    with WalletStore.open(env["wallet"], PW) as store:
        doc = dump(store)
    doc["trusted_issuers"].append(
        {"issuer_id": f"did:web:z{CURSOR}", "name": ISSUER, "source": "user"}
    )
    (d / "b.lwbackup").write_bytes(backup.encode(doc, "backup passphrase for escapes", log_n=10))
    outputs["restore"] = run(
        env, capsys, "restore", str(d / "b.lwbackup"), wallet=d / "restored.lwallet"
    )

    for command, text in outputs.items():
        bad = FORBIDDEN.findall(text)
        assert not bad, f"{command}: {bad!r} reached the terminal in {text!r}"
    # Shown, not hidden: the learner still sees that something odd is in the title.
    assert "VERIFIED" in outputs["list"] and "\\x1b[2K" in outputs["list"]
    assert "\\u202e" in outputs["show"]
    # The forged "trust ok" line stays on the issuer's own line, not a line of its own.
    assert not any(
        line.lstrip().startswith("\u2713 trust     ok")
        for text in outputs.values()
        for line in text.splitlines()
    )
    assert "Pukeko Polytechnic" in outputs["restore"]


def test_terminal_safe_keeps_ordinary_text() -> None:
    text = "Te Reo Māori — Level 3 ✓ 中文 émigré"
    assert cli.terminal_safe(text) == text
    assert cli.terminal_safe("a\x1bb\nc\u202ed") == "a\\x1bb\\nc\\u202ed"


def test_json_output_escapes_the_controls_json_leaves_raw(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """json.dumps(ensure_ascii=False) escapes C0 but leaves C1 and bidi controls raw."""
    run(env, capsys, "init")
    run(env, capsys, "import", str(env["dir"] / "evil.jwt"))
    text = run(env, capsys, "list", "--json")
    assert not FORBIDDEN.findall(text.replace("\n", ""))
    assert json.loads(text.splitlines()[0])["title"] == TITLE
