"""What the receive tests share: the Node harnesses they talk to on 127.0.0.1, the learner's
browser, and the wallet driven through the command line.

Each harness is installed by npm in a setup step (scripts/setup.sh), never inside pytest; without
Node or its packages the tests FAIL with that command in the message: a missing counterpart
must not pass silently as "skipped". The browser opens the issuer's sign-in page, presses a
button there and follows the issuer's redirect back to the wallet's loopback listener, on a
thread of its own as a real browser would (the wallet waits meanwhile)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import select
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from wallet import cli
from wallet.actions.receiving import Offered
from wallet.store import WalletStore

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60


# --- the Node harnesses --------------------------------------------------------------------


class Harness:
    """A running harness: its address, and its /test/ routes spoken to in JSON."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        # Straight to 127.0.0.1, whatever proxy the environment names.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=data,
            method="POST" if data else "GET",
            headers={"content-type": "application/json"},
        )
        with self._opener.open(request, timeout=30) as answer:
            return json.loads(answer.read())


@contextlib.contextmanager
def node_harness(
    script: Path, package: str, *, name: str, setup: str, errors: Path
) -> Iterator[int]:
    """Run `script` with Node in its own folder, wait for the port it prints first, give it,
    and stop the harness afterwards. Fails (never skips) when Node or `package` (under the
    folder's node_modules) is missing, or the harness does not start; its stderr goes to
    `errors` and is quoted then."""
    folder = script.parent
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not on PATH; {name} needs Node 20+: {setup}")
    if not (folder / "node_modules" / package).is_dir():
        where = folder.relative_to(ROOT) / "node_modules"
        pytest.fail(f"{where} is missing or incomplete: {setup}")
    with open(errors, "w") as sink:
        proc = subprocess.Popen(
            [node, str(script)], cwd=folder, stdout=subprocess.PIPE, stderr=sink, text=True
        )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], START_TIMEOUT_S)
        line = proc.stdout.readline().strip() if ready else ""
        if not line.isdigit():
            proc.kill()
            pytest.fail(f"{name} did not start: {line} {errors.read_text()}")
        yield int(line)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- the learner's browser -----------------------------------------------------------------


class Browser:
    """`open` is what the wallet is given as its `open_browser`."""

    def __init__(self, decision: str = "approve") -> None:
        self.decision = decision  # which button the learner presses: approve or deny
        self.opened: list[str] = []
        self.page = ""  # the last page shown (the wallet's own, once back there)
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None
        # Straight to 127.0.0.1, whatever proxy the environment names.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def open(self, url: str) -> bool:
        self.opened.append(url)
        self._thread = threading.Thread(target=self._sign_in, args=(url,), daemon=True)
        self._thread.start()
        return True

    def visit(self, url: str, data: bytes | None = None) -> str:
        """One page, following redirects (as a browser does); an error page is a page too."""
        try:
            with self._opener.open(urllib.request.Request(url, data=data), timeout=30) as answer:
                self.page = answer.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            self.page = e.read().decode("utf-8")
        return self.page

    def _sign_in(self, url: str) -> None:
        try:
            login = self.visit(url)
            action = re.search(r'<form method="post" action="([^"]+)"', login)
            session = re.search(r'name="session" value="([^"]+)"', login)
            assert action and session, f"no sign-in form on the page: {login[:300]}"
            parts = urlsplit(url)
            form = urlencode({"session": session[1], "decision": self.decision}).encode()
            self.visit(f"{parts.scheme}://{parts.netloc}{action[1]}", form)
        except BaseException as e:  # noqa: BLE001 - the test asserts on it
            self.error = e

    def wait(self) -> None:
        """Until the browser is done (the wallet has usually seen its answer by then)."""
        if self._thread is not None:
            self._thread.join(timeout=30)
        assert self.error is None, self.error


# --- the wallet, through the command line and the use case -------------------------------

PASSPHRASE = "correct horse battery staple"


def run_cli(wallet_path: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--wallet", str(wallet_path), *args], out=out)
    return code, out.getvalue()


def listed(path: Path) -> list[dict[str, Any]]:
    code, out = run_cli(path, "list", "--json")
    assert code == cli.EXIT_OK
    return [json.loads(line) for line in out.splitlines()]


def shown(path: Path, credential_id: str) -> dict[str, Any]:
    code, out = run_cli(path, "show", credential_id, "--json")
    assert code == cli.EXIT_OK
    return dict(json.loads(out))


def holder_did(path: Path) -> str | None:
    with WalletStore.open(path, PASSPHRASE) as store:
        return store.keys.default()


def yes(offered: Offered) -> bool:
    return True
