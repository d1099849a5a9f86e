"""The two OpenID4VP 1.0 verifiers the present tests talk to, on 127.0.0.1 only.

- Our harness on the OpenWallet Foundation's oid4vc-ts library (peer/verifiers/, npm): every
  format (ldp_vc, jwt_vc_json, dc+sd-jwt), every client identifier prefix the wallet must
  handle (redirect_uri, x509_san_dns, decentralized_identifier), direct_post and
  direct_post.jwt, and hostile modes; one server serves many requests (`node_verifier`).
- PyPI `polaris-oid4vp` (peer/polaris/.venv), an OpenID4VP 1.0 + HAIP verifier for SD-JWT VCs
  run as its own command line: `keygen`, then `serve --once`, one request per process
  (`polaris_verifier`). Its client identifier is `x509_hash:`, its responses direct_post.jwt.

Both are installed by scripts/setup.sh (test profile), never inside pytest: without them these
helpers FAIL with the setup command in the message, as tests/receive/support.py does. See
docs/interop/oid4vp-counterparts.md for what each one sends and checks.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.receive.support import ROOT, START_TIMEOUT_S, Harness, node_harness

VERIFIERS = ROOT / "peer" / "verifiers"
POLARIS = ROOT / "peer" / "polaris"
POLARIS_CLI = POLARIS / ".venv" / "bin" / "polaris-oid4vp"
SETUP_HINT = "run `source scripts/setup.sh test` (Node 20+ for peer/verifiers and peer/)"
WAIT_S = 30  # how long a verdict may take to reach us (a guard, never an assertion)

# Straight to 127.0.0.1, whatever proxy the environment names.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
JSON_PARAMETERS = ("dcql_query", "client_metadata", "presentation_definition", "transaction_data")


# --- what a wallet does on the wire (for the tests; the wallet has its own client) -----------


def request_parameters(url: str) -> dict[str, Any]:
    """The authorization request parameters of an `openid4vp://` URL, JSON ones decoded."""
    parts = urlsplit(url)
    params: dict[str, Any] = dict(parse_qsl(parts.query, keep_blank_values=True))
    for name in JSON_PARAMETERS:
        if name in params:
            params[name] = json.loads(params[name])
    return params


def http_get(url: str) -> tuple[int, str]:
    """GET on loopback: (status, body text); an error status is an answer too."""
    return _send(urllib.request.Request(url))


def http_post_form(url: str, form: dict[str, str]) -> tuple[int, str]:
    """POST a form (application/x-www-form-urlencoded), as a wallet answers at response_uri."""
    request = urllib.request.Request(
        url,
        data=urlencode(form).encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    return _send(request)


def _send(request: urllib.request.Request) -> tuple[int, str]:
    host = urlsplit(request.full_url).hostname
    assert host in ("127.0.0.1", "localhost"), f"tests stay on loopback, not {host}"
    try:
        with _OPENER.open(request, timeout=WAIT_S) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


# --- our harness on @openid4vc/openid4vp -------------------------------------------------------


class NodeVerifier(Harness):
    """The running harness (peer/verifiers/oid4vp-verifier.mjs): make requests, read outcomes."""

    def create(self, fmt: str, **options: Any) -> dict[str, Any]:
        """A fresh request for `fmt` (ldp_vc, jwt_vc_json, dc+sd-jwt). `options`: the
        harness's (client_id_prefix, response_mode, by, claims, vct_values, mode, nonce, ...).
        Returns {id, url, client_id, nonce, state, response_uri, request_uri,
        request_object, authorization_request, verifier}."""
        return dict(self._call("/test/requests", {"format": fmt, **options}))

    def outcome(self, request_id: str) -> dict[str, Any]:
        """{status: pending|valid|invalid|declined, error, claims, disclosed, holder,
        responses, request_fetches} of one request."""
        return dict(self._call(f"/test/requests/{request_id}"))

    def identity(self) -> dict[str, Any]:
        """The verifier's CA and leaf certificates (PEM) and its DIDs."""
        return dict(self._call("/test/verifier"))


@contextlib.contextmanager
def node_verifier(workdir: Path) -> Iterator[NodeVerifier]:
    """Start the harness for the duration of the block; its stderr goes to `workdir`."""
    digital_bazaar = ROOT / "peer" / "node_modules" / "@digitalbazaar" / "vc"
    if not digital_bazaar.is_dir():
        pytest.fail(f"peer/node_modules is missing or incomplete: {SETUP_HINT}")
    with node_harness(
        VERIFIERS / "oid4vp-verifier.mjs",
        "@openid4vc/openid4vp",
        name="the OpenID4VP verifier harness",
        setup=SETUP_HINT,
        errors=workdir / "oid4vp-verifier.stderr.txt",
    ) as port:
        yield NodeVerifier(port)


# --- polaris-oid4vp ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PolarisPki:
    """What `polaris-oid4vp keygen` wrote: the folder, the client_id it prints, the anchor."""

    folder: Path
    client_id: str
    anchor: Path  # the CA certificate a wallet would register as trusted
    tls_cert: Path  # the listener's self-signed certificate (serve without --no-local-tls)


def polaris_keygen(out: Path, host: str = "localhost") -> PolarisPki:
    """Run `polaris-oid4vp keygen --out OUT --host HOST` and read the client_id it prints."""
    if not POLARIS_CLI.is_file():
        pytest.fail(f"peer/polaris/.venv has no polaris-oid4vp: {SETUP_HINT}")
    done = subprocess.run(
        [str(POLARIS_CLI), "keygen", "--out", str(out), "--host", host],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
    )
    found = re.search(r"client_id\s+(x509_hash:\S+)", done.stdout)
    if done.returncode != 0 or found is None:
        pytest.fail(f"polaris-oid4vp keygen failed: {done.stdout} {done.stderr}")
    return PolarisPki(out, found[1], out / "anchor.pem", out / "tls.pem")


@dataclass
class PolarisOutcome:
    """One answer polaris gave at its response_uri, as its `<- STATUS ...` line tells it.

    `status` speaks the harness's words: valid (authentic), invalid (refused, with polaris's
    refusal `code` and `reason`), declined (the wallet's error response)."""

    http_status: int
    status: str
    code: str | None = None
    reason: str | None = None
    claims: list[str] = field(default_factory=list)


_VERDICT = re.compile(r"^\s*<- (\d{3}) (.*)$")


def parse_verdict(line: str) -> PolarisOutcome | None:
    """A `serve` output line as an outcome, or None for any other line."""
    found = _VERDICT.match(line)
    if found is None:
        return None
    status, text = int(found[1]), found[2]
    if text.startswith("authentic, claims "):
        names = ast.literal_eval(text.removeprefix("authentic, claims "))
        return PolarisOutcome(status, "valid", claims=[str(n) for n in names])
    if text.startswith("wallet error: "):
        return PolarisOutcome(status, "declined", reason=text.removeprefix("wallet error: "))
    code, _, reason = text.removeprefix("refused").removeprefix(": ").partition(": ")
    return PolarisOutcome(status, "invalid", code=code or None, reason=reason or None)


class PolarisVerifier:
    """One `polaris-oid4vp serve --once` process: its one request, and the verdicts it prints."""

    def __init__(self, proc: subprocess.Popen[str], port: int, lines: list[str]) -> None:
        self.proc = proc
        self.port = port
        self._lines = lines
        self._changed = threading.Condition()
        self._outcomes: list[PolarisOutcome] = []
        launch = next(x.strip() for x in lines if x.strip().startswith("openid4vp://"))
        self.url = launch  # openid4vp://?client_id=x509_hash:...&request_uri=...&...=post
        params = request_parameters(launch)
        self.client_id = str(params["client_id"])
        self.request_uri = str(params["request_uri"])
        self.response_uri = re.sub(r"/request\.jwt\?.*$", "/response", self.request_uri)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.append(line)
            outcome = parse_verdict(line)
            if outcome is not None:
                with self._changed:
                    self._outcomes.append(outcome)
                    self._changed.notify_all()

    def outcomes(self, count: int = 1) -> list[PolarisOutcome]:
        """The verdicts so far, after waiting (a guard, WAIT_S) until there are `count`."""
        with self._changed:
            self._changed.wait_for(lambda: len(self._outcomes) >= count, timeout=WAIT_S)
            return list(self._outcomes)

    def output(self) -> str:
        return "".join(self._lines)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def polaris_verifier(
    workdir: Path,
    pki: PolarisPki,
    *,
    issuer_jwks: list[dict[str, Any]],
    claims: list[str] | None = None,
    vct: list[str] | None = None,
    tls: bool = False,
) -> Iterator[PolarisVerifier]:
    """`polaris-oid4vp serve --once` on 127.0.0.1 for the duration of the block.

    `issuer_jwks`: the P-256 issuer keys it trusts (written to issuers.json; with none it
    starts without --issuer-jwks and refuses every presentation, since polaris will not start
    on an empty file); `claims` its --claim values (default given_name, family_name); `vct`
    its --vct values (default urn:eudi:pid:1). Plain http on 127.0.0.1 (`--no-local-tls
    --public-base-url`) unless `tls`: then https://localhost with its self-signed listener
    certificate (pki.tls_cert), which the wallet's fetch does not trust. Fails when it does
    not start."""
    jwks = workdir / "issuers.json"
    jwks.write_text(json.dumps({"keys": issuer_jwks}))
    trust = ["--issuer-jwks", str(jwks)] if issuer_jwks else []  # none: it refuses everything
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # verdict lines as they happen
    for _attempt in range(3):  # the port is picked before polaris binds it: retry a race
        port = _free_port()
        command = [str(POLARIS_CLI), "serve", "--pki", str(pki.folder), "--host", "localhost"]
        command += ["--bind", "127.0.0.1", "--port", str(port), "--once"]
        command += trust
        if not tls:
            command += ["--no-local-tls", "--public-base-url", f"http://127.0.0.1:{port}"]
        for claim in claims or []:
            command += ["--claim", claim]
        for value in vct or []:
            command += ["--vct", value]
        errors = workdir / f"polaris-{port}.stderr.txt"
        with open(errors, "w") as sink:
            proc = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=sink, text=True, env=env
            )
        lines = _read_until_launch_link(proc)
        if any(x.strip().startswith("openid4vp://") for x in lines):
            break
        proc.kill()
        proc.wait()
        if "Address already in use" not in errors.read_text():
            pytest.fail(
                f"polaris-oid4vp serve did not start: {''.join(lines)} {errors.read_text()}"
            )
    else:
        pytest.fail("polaris-oid4vp serve found no free port on 127.0.0.1")
    try:
        yield PolarisVerifier(proc, port, lines)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _read_until_launch_link(proc: subprocess.Popen[str]) -> list[str]:
    """`serve --once` prints its parameters and launch links once it listens; read up to the
    first link (or to the end, when it stopped). A reader thread keeps a silent hang bounded."""
    lines: list[str] = []
    done = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line.strip().startswith("openid4vp://"):
                break
        done.set()

    threading.Thread(target=read, daemon=True).start()
    done.wait(START_TIMEOUT_S)
    return lines
