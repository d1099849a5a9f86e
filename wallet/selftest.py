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
from wallet.messages import M, Msg, plain, render


@dataclass
class Outcome:
    """One check's result: its name, whether it passed, and what it saw (or why it failed)."""

    name: str
    ok: bool
    detail: Msg
    seconds: float

    def line(self) -> Msg:
        """`NAME: ok (...)` or `NAME: FAILED: why`, in the reader's language; the check's
        name stays as it is."""
        if self.ok:
            return M("{name}: ok ({detail})", name=self.name, detail=self.detail)
        return M("{name}: FAILED: {detail}", name=self.name, detail=self.detail)


class CheckFailed(Exception):
    """A check saw something wrong; `msg` is the line's reason."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


def check_sqlcipher(folder: Path) -> Msg:
    """An encrypted wallet is created, written, reopened, and refused with a wrong key."""
    from wallet.errors import WrongPassphrase
    from wallet.store import WalletStore
    from wallet.store.db import is_plain_sqlite, sqlite_version

    path = folder / "self-test.lwallet"
    store = WalletStore.create(path, "self-test passphrase")
    try:
        store.settings.set("self-test", "written")
    finally:
        store.close()
    if is_plain_sqlite(path):
        raise CheckFailed(M("the wallet file is plain SQLite, not encrypted"))
    store = WalletStore.open(path, "self-test passphrase")
    try:
        if store.settings.get("self-test") != "written":
            raise CheckFailed(M("a value written before closing was not there after reopening"))
    finally:
        store.close()
    try:
        WalletStore.open(path, "not the passphrase").close()
    except WrongPassphrase:
        pass
    else:
        raise CheckFailed(M("the wallet opened with a wrong passphrase"))
    return M(
        "SQLite {version}: encrypted file written, reopened, wrong passphrase refused",
        version=sqlite_version(),
    )


def check_contexts() -> Msg:
    """Every JSON-LD context the manifest lists loads from the bundle, without fetching."""
    from wallet.proofs.contexts import ContextStore, contexts_dir

    store = ContextStore()
    urls = store.urls()
    if not urls:
        raise CheckFailed(
            M("no contexts listed in {path}", path=str(contexts_dir() / "manifest.json"))
        )
    loader = store.loader()
    for url in urls:
        if not isinstance(loader(url, {}).get("document"), dict):
            raise CheckFailed(M("{url} did not load as a JSON object", url=url))
    return M(
        "{count} contexts loaded offline from {path}", count=len(urls), path=str(contexts_dir())
    )


def check_qr(folder: Path) -> Msg:
    """A QR code drawn as a PNG (qrcode, Pillow) is read back by zxing-cpp."""
    from wallet.present.qr import make_qr_png, read_qr_image

    text = f"LW self-test {__version__} {os.getpid()}"
    png = folder / "self-test-qr.png"
    version = make_qr_png(text, png)
    read = read_qr_image(png)
    if read != [text]:
        raise CheckFailed(M("wrote {wrote}, read back {read}", wrote=repr(text), read=repr(read)))
    return M("version {version} QR code written as PNG and decoded", version=version)


def check_signature() -> Msg:
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
        raise CheckFailed(M("a credential signed just now does not verify"))
    tampered = dict(signed, credentialSubject={"id": "did:example:learner", "name": "Other"})
    if verify_data_integrity_signature(tampered, key.public_key()):
        raise CheckFailed(M("an altered credential still verifies"))
    return M("eddsa-rdfc-2022 proof made with a fresh key verifies; an altered copy does not")


def check_demo_credential() -> Msg:
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
        why = proof.msg if proof is not None else M("no proof check was made")
        raise CheckFailed(M("{file}: {problem}", file=path.name, problem=why))
    return M(
        "{file}: proof verified offline (verdict {verdict})",
        file=path.name,
        verdict=report.verdict,
    )


def check_qt(check: Callable[[], str] | None) -> Msg:
    """Qt starts and draws. The check itself is Qt code (wallet.ui.selftest_qt), handed in by
    the command line, so that nothing in the core imports the window."""
    if check is None:
        raise CheckFailed(M("no Qt check was given (run it as `learner-wallet self-test`)"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    try:
        return plain(check())  # the window's own words (wallet.ui.selftest_qt)
    except RuntimeError as e:
        raise CheckFailed(plain(str(e))) from None


def run(out: TextIO, qt: Callable[[], str] | None = None) -> int:
    """Run every check, print one line each and a summary; 0 only when all passed. `qt`: the
    window's own check (the CLI passes `wallet.ui.selftest_qt.check_qt`)."""
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="learner-wallet-self-test-") as tmp:
        folder = Path(tmp)
        checks: list[tuple[str, Callable[[], Msg]]] = [
            ("sqlcipher", lambda: check_sqlcipher(folder)),
            ("contexts", check_contexts),
            ("qr", lambda: check_qr(folder)),
            ("signature", check_signature),
            ("verify-demo", check_demo_credential),
            ("qt", lambda: check_qt(qt)),
        ]
        heading = M(
            "learner-wallet {version} self-test (resources: {path})",
            version=__version__,
            path=str(paths.resources()),
        )
        out.write(render(heading) + "\n")
        for name, check in checks:
            started = time.perf_counter()
            try:
                outcome = Outcome(name, True, check(), 0.0)
            except Exception as e:  # every failure becomes its line; the next check still runs
                outcome = Outcome(name, False, _reason(e), 0.0)
            outcome.seconds = time.perf_counter() - started
            outcomes.append(outcome)
            out.write(render(outcome.line()) + "\n")
            out.flush()
    failed = [o.name for o in outcomes if not o.ok]
    if failed:
        out.write(render(M("self-test FAILED: {checks}", checks=", ".join(failed))) + "\n")
        return 1
    out.write(render(M("self-test passed: {count} checks", count=len(outcomes))) + "\n")
    return 0


def _reason(e: Exception) -> Msg:
    """Why a check failed: its own words, or the error's kind and message (ours in the
    reader's language)."""
    if isinstance(e, CheckFailed):
        return e.msg
    said = getattr(e, "msg", None)
    if isinstance(said, Msg):
        return M("{error}: {problem}", error=type(e).__name__, problem=said)
    if str(e):
        return M("{error}: {problem}", error=type(e).__name__, problem=str(e))
    return M("{error}: {problem}", error=type(e).__name__, problem=type(e).__name__)
