"""Kill the wallet at random moments (SIGKILL: no cleanup, no atexit) and check what survives.

Four workloads run in a child process, each on its own wallet file, and are killed after a
random delay while they work:

- import: 1,000 credential files through the real importer (one transaction each), or the
  same 1,000 as one batch (`add_many`: all or nothing);
- passphrase: the wallet re-keyed back and forth between two passphrases;
- restore: an encrypted backup of 200 credentials merged into the wallet;
- stacks: stack definitions saved, replaced and removed over and over.

The child prints a line after each commit returns. After every kill the harness opens the file
with the passphrase the child last reported (or the one it was switching to), and checks:
`PRAGMA integrity_check` is ok; every item reported committed is there, byte-exact (SHA-256 of
the original bytes); nothing is there that is not whole (original bytes match the hash the
row carries, the record parses, the list row and the search entry exist); a batch or a restore
is there entirely or not at all; every stack is one of the versions written.

    python tests/reliability/crash_harness.py --kills 60       # the long run (docs/reliability.md)
    python tests/reliability/crash_harness.py --kills 8 --items 300   # what CI runs

Its last line is one JSON object: {"kills", "survived", "failures", per-workload counts}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wallet import backup  # noqa: E402
from wallet.errors import WrongPassphrase  # noqa: E402
from wallet.store import WalletStore  # noqa: E402
from wallet.store.connection import unpack  # noqa: E402

PW_A, PW_B = "harness passphrase A", "harness passphrase B"
BACKUP_PW = "harness backup passphrase"
FAST_BACKUP = {"log_n": 12}


def credential_bytes(i: int, salt: str) -> bytes:
    """An unsigned OB 3.0 micro-credential, unique per (salt, i), about 1.5 KB."""
    doc = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": f"did:web:harness{i % 13}.example",
            "type": ["Profile"],
            "name": f"Harness Institute {i % 13}",
        },
        "validFrom": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00Z",
        "name": f"Unit {salt} {i}",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": f"https://harness.example/a/{salt}/{i}",
                "type": ["Achievement"],
                "name": f"Unit {salt} {i}",
                "achievementType": "MicroCredential",
                "creditsAvailable": 5 + i % 20,
                "description": "Assessed unit of learning used by the crash harness. " * 3,
                "criteria": {"narrative": "Pass the assessment."},
            },
        },
    }
    return json.dumps(doc, indent=1).encode()


# --- the child side: one workload, printing a line after each commit ---------------------------

CHILD = r"""
import json, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from wallet.store import WalletStore
args = json.loads(sys.argv[1])
kind, path = args["kind"], args["wallet"]

def say(*words):
    print(*words, flush=True)

if kind == "import":
    from wallet.importer import import_sources
    with WalletStore.open(path, args["pw"]) as store:
        say("ready")
        for f in args["files"]:
            [result] = import_sources(store, [f])
            say("committed", result.id or "-", f)
        say("done")
elif kind == "batch":
    from wallet import formats
    items = [(formats.parse(Path(f).read_bytes(), name=f), f) for f in args["files"]]
    with WalletStore.open(path, args["pw"]) as store:
        say("ready")
        store.credentials.add_many(items)
        say("batch-committed")
        say("done")
elif kind == "passphrase":
    store = WalletStore.open(path, args["pw"])
    current, other = args["pw"], args["other"]
    say("ready")
    while True:
        say("switching", other)
        store.change_passphrase(other)
        say("now", other)
        current, other = other, current
elif kind == "restore":
    from wallet import backup
    with WalletStore.open(path, args["pw"]) as store:
        doc = backup.read_checked(Path(args["backup"]), args["backup_pw"])
        from wallet.store.transfer import merge
        say("ready")
        merge(store, doc)
        say("restore-committed")
        say("done")
elif kind == "stacks":
    import random
    with WalletStore.open(path, args["pw"]) as store:
        say("ready")
        n = 0
        while True:
            n += 1
            sid = f"stack-{{n % 7}}"
            if n % 5 == 0:
                try:
                    store.stacks.delete(sid)
                    say("deleted", sid, n)
                except Exception:
                    pass
                continue
            body = json.dumps({{"id": sid, "version": n, "pad": "x" * random.randint(10, 4000)}})
            store.stacks.save(sid, f"Stack {{n}}", "harness", body.encode())
            say("saved", sid, n)
"""


@dataclass
class Outcome:
    workload: str
    delay: float
    problems: list[str] = field(default_factory=list)
    committed: int = 0


def run_child(spec: dict, delay: float | None) -> tuple[list[str], float]:
    """Start the workload, SIGKILL it `delay` seconds after it says "ready" (None: let it
    finish, for timing); its output, and the seconds it ran after "ready"."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), json.dumps(spec)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("ready"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(120):
        proc.kill()
        raise RuntimeError(
            f"the {spec['kind']} child never got ready: {proc.stderr.read() if proc.stderr else ''}"
        )
    ready_at = time.perf_counter()
    if delay is None:
        proc.wait(600)
    else:
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    ran = time.perf_counter() - ready_at
    reader.join(10)
    return lines, ran


def check_whole(store: WalletStore, problems: list[str]) -> dict[str, str]:
    """Every stored credential whole; returns id -> SHA-256 of its original bytes. A file
    that cannot even be read through is a problem too, not a crash of the harness."""
    try:
        return _check_whole(store, problems)
    except Exception as e:  # sqlite's DatabaseError on a damaged page, and anything else
        problems.append(f"reading the wallet failed: {type(e).__name__}: {e}")
        return {}


def _check_whole(store: WalletStore, problems: list[str]) -> dict[str, str]:
    c = store.db.conn
    if not store.integrity_ok():
        problems.append("PRAGMA integrity_check failed")
    out: dict[str, str] = {}
    searchable = {r[0] for r in c.execute("SELECT rowid FROM search")}
    for cid, original, original_sha, record, title, kind, rowid in c.execute(
        "SELECT id, original, original_sha256, record, title, kind, search_rowid FROM credentials"
    ):
        sha = hashlib.sha256(unpack(original)).hexdigest()
        if sha != original_sha:
            problems.append(f"{cid}: original bytes do not match their SHA-256")
        try:
            json.loads(unpack(record))
        except ValueError:
            problems.append(f"{cid}: record unreadable")
        if not title or kind is None or rowid not in searchable:
            problems.append(f"{cid}: half written (list row or search entry missing)")
        out[cid] = sha
    return out


def open_either(path: Path, passphrases: list[str], problems: list[str]) -> WalletStore | None:
    for pw in passphrases:
        try:
            return WalletStore.open(path, pw)
        except WrongPassphrase:
            continue
    problems.append(f"the wallet opens with none of {len(passphrases)} expected passphrases")
    return None


class Harness:
    def __init__(self, work: Path, items: int, rng: random.Random) -> None:
        self.work = work
        self.items = items
        self.rng = rng
        self.files: list[Path] = []
        folder = work / "incoming"
        folder.mkdir()
        self.expected: dict[str, str] = {}  # file -> SHA-256 of its bytes
        for i in range(items):
            f = folder / f"c{i:05d}.json"
            data = credential_bytes(i, "import")
            f.write_bytes(data)
            self.files.append(f)
            self.expected[str(f)] = hashlib.sha256(data).hexdigest()
        self.base = work / "base.lwallet"  # 50 credentials every workload starts from
        with WalletStore.create(self.base, PW_A) as store:
            from wallet import formats

            store.credentials.add_many(
                [
                    (formats.parse(credential_bytes(i, "base"), name=f"b{i}"), "base")
                    for i in range(50)
                ]
            )
            self.base_ids = check_whole(store, [])
        self.backup_file = work / "restore.lwbackup"
        source = work / "restore-source.lwallet"
        with WalletStore.create(source, PW_A) as store:
            from wallet import formats

            store.credentials.add_many(
                [
                    (formats.parse(credential_bytes(i, "restore"), name=f"r{i}"), "restore")
                    for i in range(200)
                ]
            )
            self.restore_ids = check_whole(store, [])
            backup.write_backup(store, self.backup_file, BACKUP_PW, **FAST_BACKUP)
        self.n = 0
        self.spans: dict[str, float] = {}

    def span(self, kind: str, spec: dict) -> float:
        """How long the workload runs from "ready" to "done" (measured once): kills are
        spread over that time, so they land while it works, not after."""
        if kind not in self.spans:
            lines, ran = run_child({**spec, "wallet": str(self.fresh())}, None)
            if "done" not in lines:
                raise RuntimeError(f"the {kind} workload did not finish: {lines[-3:]}")
            self.spans[kind] = max(0.02, ran)
        return self.spans[kind]

    def fresh(self) -> Path:
        self.n += 1
        path = self.work / f"w{self.n:03d}.lwallet"
        path.write_bytes(self.base.read_bytes())
        return path

    def base_intact(self, ids: dict[str, str], problems: list[str]) -> None:
        for cid, sha in self.base_ids.items():
            if ids.get(cid) != sha:
                problems.append(f"a credential committed before the run ({cid}) is lost")

    def _kill(self, spec: dict, delay: float) -> tuple[Outcome, list[str], Path]:
        """One kill of the workload `spec` names, on a fresh copy of the base wallet."""
        path = self.fresh()
        lines, _ran = run_child({**spec, "wallet": str(path)}, delay)
        return Outcome(spec["kind"], delay), lines, path

    def _survivors(
        self,
        path: Path,
        out: Outcome,
        passphrases: tuple[str, ...] = (PW_A,),
        read: Callable[[WalletStore], Any] | None = None,
    ) -> tuple[dict[str, str], Any]:
        """Open the killed wallet, check every credential is whole and the base is intact;
        the credentials (id -> SHA-256) and whatever `read` took from the open store."""
        store = open_either(path, list(passphrases), out.problems)
        if store is None:
            return {}, None
        with store:
            ids = check_whole(store, out.problems)
            extra = read(store) if read is not None else None
        self.base_intact(ids, out.problems)
        return ids, extra

    # --- one kill of each workload ---------------------------------------------------------

    def kill_import(self, u: float) -> Outcome:
        spec = {"kind": "import", "pw": PW_A, "files": [str(f) for f in self.files]}
        out, lines, path = self._kill(spec, u * self.span("import", spec))
        committed = [
            w
            for ln in lines
            if ln.startswith("committed ")
            and len(w := ln.split(" ", 2)) == 3
            and w[2] in self.expected
        ]
        out.committed = len(committed)
        ids, _ = self._survivors(path, out)
        for _word, cid, f in committed:
            if ids.get(cid) != self.expected[f]:
                out.problems.append(f"{f} was committed but is missing or changed")
        allowed = set(self.base_ids) | {cid for _w, cid, _f in committed}
        extra = set(ids) - allowed
        if len(extra) > 1:  # at most the one committed just before its line was printed
            out.problems.append(f"{len(extra)} credentials appeared that were never reported")
        for cid in extra:
            if ids[cid] not in self.expected.values():
                out.problems.append(f"{cid} is not one of the imported files")
        return out

    def kill_batch(self, u: float) -> Outcome:
        spec = {"kind": "batch", "pw": PW_A, "files": [str(f) for f in self.files]}
        out, lines, path = self._kill(spec, u * self.span("batch", spec))
        ids, _ = self._survivors(path, out)
        added = len(ids) - len(self.base_ids)
        out.committed = added
        if added not in (0, self.items):
            out.problems.append(f"a batch of {self.items} left {added} behind: not atomic")
        if "batch-committed" in lines and added != self.items:
            out.problems.append("the batch was reported committed but is not all there")
        return out

    def kill_passphrase(self, u: float) -> Outcome:
        spec = {"kind": "passphrase", "pw": PW_A, "other": PW_B}
        out, lines, path = self._kill(spec, u * 1.5)  # it re-keys until killed
        out.committed = sum(1 for ln in lines if ln.startswith("now"))
        self._survivors(path, out, (PW_A, PW_B))
        return out

    def kill_restore(self, u: float) -> Outcome:
        spec = {
            "kind": "restore",
            "pw": PW_A,
            "backup": str(self.backup_file),
            "backup_pw": BACKUP_PW,
        }
        out, lines, path = self._kill(spec, u * self.span("restore", spec))
        ids, _ = self._survivors(path, out)
        restored = {cid for cid in ids if cid in self.restore_ids}
        out.committed = len(restored)
        if restored and restored != set(self.restore_ids):
            out.problems.append(
                f"a restore left {len(restored)} of {len(self.restore_ids)} credentials: not atomic"
            )
        for cid in restored:
            if ids[cid] != self.restore_ids[cid]:
                out.problems.append(f"restored {cid} differs from the backup")
        if "restore-committed" in lines and len(restored) != len(self.restore_ids):
            out.problems.append("the restore was reported committed but is not all there")
        return out

    def kill_stacks(self, u: float) -> Outcome:
        out, lines, path = self._kill({"kind": "stacks", "pw": PW_A}, u * 1.0)  # until killed
        # What the printed lines say the stacks are: sid -> version.
        printed: dict[str, int] = {}
        last_n = 0
        for ln in lines:
            words = ln.split()  # (the last line may be cut short by the kill)
            if len(words) != 3 or not words[2].isdigit():
                continue
            if words[0] == "saved":
                printed[words[1]] = int(words[2])
            elif words[0] == "deleted":
                printed.pop(words[1], None)
            else:
                continue
            last_n = int(words[2])
        out.committed = len(lines) - 1
        _ids, stacks = self._survivors(
            path,
            out,
            read=lambda store: {
                kept.id: (kept.name, kept.definition) for kept in store.stacks.all()
            },
        )
        stacks = stacks or {}
        found: dict[str, int] = {}
        for sid, (name, definition) in stacks.items():
            try:
                body = json.loads(definition)
            except ValueError:
                out.problems.append(f"{sid}: a stack definition is half written")
                continue
            if body.get("id") != sid or name != f"Stack {body.get('version')}":
                out.problems.append(f"{sid}: name and definition are from different saves")
            found[sid] = body.get("version")
        # The child may have committed exactly one more change than it printed: the next
        # operation after the last printed one that changes anything (a delete of a stack
        # that is not there changes nothing). The wallet must hold one of the two states.
        maybe = dict(printed)
        n = last_n
        while True:
            n += 1
            sid = f"stack-{n % 7}"
            if n % 5 == 0:
                if sid in maybe:
                    del maybe[sid]
                    break
                continue
            maybe[sid] = n
            break
        if found not in (printed, maybe):
            out.problems.append(
                f"stacks {found} are neither what was committed {printed} "
                f"nor that plus the next change {maybe}"
            )
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=60, help="kills in all (shared by workloads)")
    ap.add_argument("--items", type=int, default=1000, help="credentials in the import")
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lw-crash-") as tmp:
        harness = Harness(Path(tmp), args.items, rng)
        workloads: list[Callable[[float], Outcome]] = [
            harness.kill_import,
            harness.kill_batch,
            harness.kill_passphrase,
            harness.kill_restore,
            harness.kill_stacks,
        ]
        outcomes: list[Outcome] = []
        for k in range(args.kills):
            outcome = workloads[k % len(workloads)](rng.random())
            outcomes.append(outcome)
            state = "ok" if not outcome.problems else "FAILED: " + "; ".join(outcome.problems)
            print(
                f"kill {k + 1:3d} {outcome.workload:10s} after {outcome.delay:5.2f} s, "
                f"{outcome.committed:4d} commits seen: {state}",
                flush=True,
            )
    failures = [o for o in outcomes if o.problems]
    summary: dict[str, object] = {
        "kills": len(outcomes),
        "survived": len(outcomes) - len(failures),
        "failures": len(failures),
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 1),
        "spans_s": {k: round(v, 2) for k, v in harness.spans.items()},
    }
    for name in ("import", "batch", "passphrase", "restore", "stacks"):
        summary[name] = sum(1 for o in outcomes if o.workload == name)
    print(json.dumps(summary), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
