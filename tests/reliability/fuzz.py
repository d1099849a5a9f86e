"""Coverage-guided fuzzing of the fuzz targets with atheris (libFuzzer for Python).

    python tests/reliability/fuzz.py --target parse --seconds 120
    python tests/reliability/fuzz.py --all --seconds 60        # each target in turn
    python tests/reliability/fuzz.py --list

Each target runs in its own worker process: the `wallet` package is imported under atheris'
bytecode instrumentation, libFuzzer mutates the seeds (written to OUT/corpus/TARGET, kept
between runs so later runs start from what earlier ones reached) towards new coverage, and
every input goes through `fuzz_targets.run_one` with the per-input CPU time limit. An input
that raises anything but the target's own error types, or runs past the limit, is a finding:
its bytes are saved to OUT/findings/TARGET/<sha1>.bin with the traceback next to it
(<sha1>.txt), and fuzzing goes on. A crash libFuzzer itself sees (a hang in C code past
-timeout, memory past -rss_limit_mb) leaves libFuzzer's own artifact (timeout-*, oom-*,
crash-*) in the same folder; the worker is restarted for the time left.

Findings are counted once per signature (exception type and the innermost `wallet` line).
The last line printed is one JSON object: {"inputs", "findings", "targets": {name: {...}}}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import fuzz_targets  # noqa: E402

DEFAULT_OUT = ROOT / "build" / "fuzz"
CPU_LIMIT = fuzz_targets.PER_INPUT_SECONDS
LIBFUZZER_TIMEOUT = 60  # backstop for a hang inside C code, where Python signals wait
RSS_LIMIT_MB = 3072


def signature(exc: BaseException) -> str:
    """Type and the innermost line in the wallet package (or the innermost line at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/wallet/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__} at {where}"


def save_finding(out: Path, target: str, data: bytes, exc: BaseException) -> Path:
    """Write the reproducer bytes and the traceback; returns the .bin path."""
    folder = out / "findings" / target
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    path = folder / f"{name}.bin"
    path.write_bytes(data)
    text = "".join(traceback.format_exception(exc))
    (folder / f"{name}.txt").write_text(f"{signature(exc)}\n\n{text}", encoding="utf-8")
    return path


def _write_seeds(target: fuzz_targets.Target, corpus: Path) -> int:
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = target.seeds()
    for s in seeds:
        (corpus / f"seed-{hashlib.sha1(s).hexdigest()}").write_bytes(s)
    return max((len(s) for s in seeds), default=1024)


def worker(name: str, seconds: float, out: Path) -> None:
    """Fuzz one target in this process until `seconds` pass; stats go to OUT/stats/NAME.json."""
    import atheris

    with atheris.instrument_imports(include=["wallet"]):
        import wallet.backup
        import wallet.formats
        import wallet.present.presentation
        import wallet.present.qr
        import wallet.sources
        import wallet.stacks.load
        import wallet.verify.jose_proofs
        import wallet.verify.verifier  # noqa: F401
    target = fuzz_targets.TARGETS[name]
    corpus = out / "corpus" / name
    longest = _write_seeds(target, corpus)
    stats_path = out / "stats" / f"{name}.json"
    stats_path.parent.mkdir(parents=True, exist_ok=True)
    stats: dict[str, Any] = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    stats.setdefault("inputs", 0)
    stats.setdefault("signatures", [])
    stats.setdefault("crashing_inputs", 0)
    deadline = time.monotonic() + seconds
    last_write = [time.monotonic()]

    def flush() -> None:
        stats_path.write_text(json.dumps(stats))

    def one(data: bytes) -> None:
        stats["inputs"] += 1
        try:
            fuzz_targets.run_one(target, data, CPU_LIMIT)
        except Exception as exc:  # noqa: BLE001 - every other exception is what we look for
            stats["crashing_inputs"] += 1
            sig = signature(exc)
            if sig not in stats["signatures"]:
                stats["signatures"].append(sig)
                path = save_finding(out, name, data, exc)
                print(f"FINDING {name}: {sig} -> {path}", flush=True)
                flush()
        now = time.monotonic()
        if now - last_write[0] > 2:
            last_write[0] = now
            flush()
        if now > deadline:
            flush()
            os._exit(0)

    artifacts = out / "findings" / name
    artifacts.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-timeout={LIBFUZZER_TIMEOUT}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-max_len={max(4096, 2 * longest)}",
        f"-max_total_time={int(seconds) + 30}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=0",
        "-close_fd_mask=0",
    ]
    atheris.Setup(argv, one)
    atheris.Fuzz()


def _libfuzzer_artifacts(out: Path, name: str) -> list[Path]:
    folder = out / "findings" / name
    return sorted(
        p
        for p in folder.glob("*")
        if p.name.startswith(("crash-", "timeout-", "oom-", "slow-unit-", "leak-"))
    )


def run_target(name: str, seconds: float, out: Path, quiet: bool = False) -> dict[str, Any]:
    """Fuzz one target for `seconds` of wall time (restarting its worker after a hard crash)."""
    stats_path = out / "stats" / f"{name}.json"
    stats_path.unlink(missing_ok=True)
    before = set(_libfuzzer_artifacts(out, name))
    start = time.monotonic()
    restarts = 0
    while True:
        left = seconds - (time.monotonic() - start)
        if left < 1:
            break
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            name,
            "--seconds",
            f"{left:.0f}",
            "--out",
            str(out),
        ]
        sink = subprocess.DEVNULL if quiet else None
        try:
            proc = subprocess.run(
                cmd,
                stdout=sink,
                stderr=subprocess.DEVNULL,
                timeout=left + LIBFUZZER_TIMEOUT + 60,
                check=False,
            )
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = -signal.SIGKILL
        if code == 0:
            break
        restarts += 1
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    hard = sorted(set(_libfuzzer_artifacts(out, name)) - before)
    signatures = list(stats.get("signatures", [])) + [p.name.split("-")[0] for p in hard]
    return {
        "inputs": stats.get("inputs", 0),
        "findings": len(signatures),
        "signatures": signatures,
        "crashing_inputs": stats.get("crashing_inputs", 0) + len(hard),
        "seconds": round(time.monotonic() - start),
        "restarts": restarts,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: one target, every target, or (internally) a worker."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", choices=sorted(fuzz_targets.TARGETS))
    ap.add_argument("--all", action="store_true", help="fuzz every target in turn")
    ap.add_argument("--seconds", type=float, default=60, help="per target")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpus, findings, stats")
    ap.add_argument("--list", action="store_true", help="list the targets")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.list:
        for t in fuzz_targets.TARGETS.values():
            print(f"{t.name:14} {t.doc}")
        return 0
    if args.worker:
        worker(args.worker, args.seconds, args.out)
        return 0
    names = sorted(fuzz_targets.TARGETS) if args.all else [args.target] if args.target else []
    if not names:
        ap.error("give --target NAME or --all")
    results: dict[str, Any] = {}
    for name in names:
        r = run_target(name, args.seconds, args.out, quiet=True)
        results[name] = r
        print(
            f"{name:14} {r['inputs']:>9} inputs  {r['findings']} findings"
            + (f"  ({'; '.join(r['signatures'])})" if r["signatures"] else ""),
            flush=True,
        )
    total = {
        "inputs": sum(r["inputs"] for r in results.values()),
        "findings": sum(r["findings"] for r in results.values()),
        "findings_folder": str(args.out / "findings"),
        "targets": results,
    }
    print(json.dumps(total))
    return 1 if total["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
