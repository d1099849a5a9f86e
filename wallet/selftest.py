"""`learner-wallet self-test`: does this installation work, end to end, on this machine?

Why: a frozen bundle (PyInstaller) can build cleanly and still miss a native library, a Qt
plugin or a data file, and that only shows when a learner opens a badge. Each check here runs
the real code path a person needs — the encrypted store, the shipped JSON-LD contexts, QR codes
out and back in, a signature made and verified, Qt drawing off screen — and prints one line:
`NAME: ok (what was checked)` or `NAME: FAILED: why`. Nothing here touches the network or the
person's wallet; temporary files go to a temporary folder that is removed afterwards.

Qt is imported only by the Qt check (`wallet.ui.selftest_qt`, handed in by the CLI), so the
rest runs on a machine without a display stack.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from wallet import __version__, paths


@dataclass
class Outcome:
    """One check's result: its name, whether it passed, and what it saw (or why it failed)."""

    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        if self.ok:
            return f"{self.name}: ok ({self.detail})"
        return f"{self.name}: FAILED: {self.detail}"


class CheckFailed(Exception):
    """A check saw something wrong; its message is the line's reason."""


def check_sqlcipher(folder: Path) -> str:
    """An encrypted wallet is created, written, reopened, and refused with a wrong key."""
    from wallet.errors import WrongPassphrase
    from wallet.store import WalletStore
    from wallet.store.db import is_plain_sqlite, sqlite_version

    path = folder / "self-test.lwallet"
    store = WalletStore.create(path, "self-test passphrase")
    try:
        store.set_setting("self-test", "written")
    finally:
        store.close()
    if is_plain_sqlite(path):
        raise CheckFailed("the wallet file is plain SQLite, not encrypted")
    store = WalletStore.open(path, "self-test passphrase")
    try:
        if store.get_setting("self-test") != "written":
            raise CheckFailed("a value written before closing was not there after reopening")
    finally:
        store.close()
    try:
        WalletStore.open(path, "not the passphrase").close()
    except WrongPassphrase:
        pass
    else:
        raise CheckFailed("the wallet opened with a wrong passphrase")
    return f"SQLite {sqlite_version()}: encrypted file written, reopened, wrong passphrase refused"


def check_contexts() -> str:
    """Every JSON-LD context the manifest lists loads from the bundle, without fetching."""
    from wallet.proofs.contexts import ContextStore, contexts_dir

    store = ContextStore()
    urls = store.urls()
    if not urls:
        raise CheckFailed(f"no contexts listed in {contexts_dir() / 'manifest.json'}")
    loader = store.loader()
    for url in urls:
        if not isinstance(loader(url, {}).get("document"), dict):
            raise CheckFailed(f"{url} did not load as a JSON object")
    return f"{len(urls)} contexts loaded offline from {contexts_dir()}"


def check_qr(folder: Path) -> str:
    """A QR code drawn as a PNG (qrcode, Pillow) is read back by zxing-cpp."""
    from wallet.present.qr import make_qr_png, read_qr_image

    text = f"LW self-test {__version__} {os.getpid()}"
    png = folder / "self-test-qr.png"
    version = make_qr_png(text, png)
    read = read_qr_image(png)
    if read != [text]:
        raise CheckFailed(f"wrote {text!r}, read back {read!r}")
    return f"version {version} QR code written as PNG and decoded"


def check_signature() -> str:
    """A credential signed now with a fresh Ed25519 key verifies (eddsa-rdfc-2022, JSON-LD
    canonicalization over the shipped contexts); the same credential altered does not."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from wallet.proofs.keys import did_key_verification_method
    from wallet.proofs.signing import (
        EDDSA_RDFC_2022,
        sign_data_integrity,
        verify_data_integrity_signature,
    )

    key = Ed25519PrivateKey.generate()
    method = did_key_verification_method(key.public_key())
    issuer = method.split("#", 1)[0]
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "name": "Self-test"},
    }
    signed = sign_data_integrity(credential, key, method, EDDSA_RDFC_2022)
    if not verify_data_integrity_signature(signed, key.public_key()):
        raise CheckFailed("a credential signed just now does not verify")
    tampered = dict(signed, credentialSubject={"id": "did:example:learner", "name": "Other"})
    if verify_data_integrity_signature(tampered, key.public_key()):
        raise CheckFailed("an altered credential still verifies")
    return "eddsa-rdfc-2022 proof made with a fresh key verifies; an altered copy does not"


def check_demo_credential() -> str:
    """A shipped demo credential passes the offline verifier's proof check (what a learner's
    imported badge goes through)."""
    from wallet import formats
    from wallet.verify.context import VerifyContext
    from wallet.verify.report import PROOF
    from wallet.verify.verifier import verify_parsed

    path = paths.resources() / "demo" / "credentials" / "01-data-analysis-with-python.json"
    parsed = formats.parse(path.read_bytes(), name=path.name)
    report = verify_parsed(parsed, VerifyContext(online=False), path.name)
    proof = next((c for c in report.checks if c.id == PROOF), None)
    if proof is None or proof.status != "pass":
        why = proof.message if proof is not None else "no proof check was made"
        raise CheckFailed(f"{path.name}: {why}")
    return f"{path.name}: proof verified offline (verdict {report.verdict})"


def check_qt(check: Callable[[], str] | None) -> str:
    """Qt starts and draws. The check itself is Qt code (wallet.ui.selftest_qt), handed in by
    the command line, so that nothing in the core imports the window."""
    if check is None:
        raise CheckFailed("no Qt check was given (run it as `learner-wallet self-test`)")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    try:
        return check()
    except RuntimeError as e:
        raise CheckFailed(str(e)) from None


def run(out: TextIO, qt: Callable[[], str] | None = None) -> int:
    """Run every check, print one line each and a summary; 0 only when all passed. `qt`: the
    window's own check (the CLI passes `wallet.ui.selftest_qt.check_qt`)."""
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="learner-wallet-self-test-") as tmp:
        folder = Path(tmp)
        checks: list[tuple[str, Callable[[], str]]] = [
            ("sqlcipher", lambda: check_sqlcipher(folder)),
            ("contexts", check_contexts),
            ("qr", lambda: check_qr(folder)),
            ("signature", check_signature),
            ("verify-demo", check_demo_credential),
            ("qt", lambda: check_qt(qt)),
        ]
        out.write(f"learner-wallet {__version__} self-test (resources: {paths.resources()})\n")
        for name, check in checks:
            started = time.perf_counter()
            try:
                outcome = Outcome(name, True, check(), 0.0)
            except Exception as e:  # every failure becomes its line; the next check still runs
                reason = str(e) or type(e).__name__
                if not isinstance(e, CheckFailed):
                    reason = f"{type(e).__name__}: {reason}"
                outcome = Outcome(name, False, reason, 0.0)
            outcome.seconds = time.perf_counter() - started
            outcomes.append(outcome)
            out.write(outcome.line() + "\n")
            out.flush()
    failed = [o.name for o in outcomes if not o.ok]
    if failed:
        out.write(f"self-test FAILED: {', '.join(failed)}\n")
        return 1
    out.write(f"self-test passed: {len(outcomes)} checks\n")
    return 0
