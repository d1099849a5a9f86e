"""`scripts/fetch_contexts.py --check`: an offline proof that the shipped contexts are whole.

Why: a shipped context that imports one the wallet lacks makes every credential using it
"unknown" offline although its own file is there (credentials/examples/v1 imports ODRL, which
was once missing). The check needs neither npm nor the network, so it runs as a subprocess here
with a PATH on which there is no npm, node or git.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "fetch_contexts.py"
SHIPPED = ROOT / "resources" / "contexts"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable

EXAMPLES_V1 = "https://www.w3.org/2018/credentials/examples/v1"
ODRL = "https://www.w3.org/ns/odrl.jsonld"


def run_script(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The script as a user runs it, with nothing on PATH (no npm, node, git or network tool)."""
    return subprocess.run(
        [PYTHON, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"PATH": str(home / "empty-bin"), "HOME": str(home)},
    )


def copy_of_shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "contexts"
    shutil.copytree(SHIPPED, folder)
    return folder


def read_manifest(folder: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return manifest


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def test_check_passes_on_the_shipped_contexts_without_npm(tmp_path: Path) -> None:
    proc = run_script("--check", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_check_fails_naming_the_context_and_the_import_that_is_not_shipped(
    tmp_path: Path,
) -> None:
    folder = copy_of_shipped(tmp_path)
    manifest = read_manifest(folder)
    del manifest["contexts"][ODRL]
    write_manifest(folder, manifest)

    proc = run_script("--check", "--out", str(folder), home=tmp_path)

    assert proc.returncode == 1
    assert f"{EXAMPLES_V1} imports {ODRL}, which is not shipped" in proc.stderr
    # the other shipped contexts are whole: only this one problem is reported
    assert proc.stderr.strip().count("\n") == 0, proc.stderr


def test_the_old_check_only_flag_still_checks(tmp_path: Path) -> None:
    folder = copy_of_shipped(tmp_path)
    manifest = read_manifest(folder)
    del manifest["contexts"][ODRL]
    write_manifest(folder, manifest)

    assert run_script("--check-only", home=tmp_path).returncode == 0
    proc = run_script("--check-only", "--out", str(folder), home=tmp_path)
    assert proc.returncode == 1
    assert EXAMPLES_V1 in proc.stderr and ODRL in proc.stderr


def test_a_file_changed_after_it_was_pinned_fails_the_check(tmp_path: Path) -> None:
    folder = copy_of_shipped(tmp_path)
    entry = read_manifest(folder)["contexts"][ODRL]
    path = folder / entry["file"]
    path.write_bytes(path.read_bytes().replace(b"odrl:prohibit", b"odrl:permit", 1))

    proc = run_script("--check", "--out", str(folder), home=tmp_path)

    assert proc.returncode == 1
    assert f"{ODRL}: {entry['file']} does not match its sha256" in proc.stderr


def _context_folder(tmp_path: Path, documents: dict[str, dict[str, Any]]) -> Path:
    """A contexts folder holding `documents` (URL -> context), with a manifest that pins them."""
    folder = tmp_path / "made"
    folder.mkdir(exist_ok=True)
    entries: dict[str, Any] = {}
    for n, (url, document) in enumerate(documents.items()):
        data = json.dumps(document).encode()
        (folder / f"ctx-{n}.json").write_bytes(data)
        entries[url] = {"file": f"ctx-{n}.json", "sha256": hashlib.sha256(data).hexdigest()}
    write_manifest(folder, {"contexts": entries, "missing": []})
    return folder


def test_imports_inside_scoped_and_nested_contexts_count(tmp_path: Path) -> None:
    badge = "https://issuer.example/contexts/badge/v1"
    scoped = "https://issuer.example/contexts/skills/v1"
    imported = "https://issuer.example/contexts/base/v1"
    nested = "https://issuer.example/contexts/evidence/v1"
    documents: dict[str, dict[str, Any]] = {
        badge: {
            "@context": {
                "@version": 1.1,
                "Skill": {"@id": "https://issuer.example/vocab#Skill", "@context": scoped},
                "evidence": {
                    "@id": "https://issuer.example/vocab#evidence",
                    "@context": [{"@import": imported}, nested, {"note": "@id"}],
                },
            }
        }
    }

    proc = run_script("--check", "--out", str(_context_folder(tmp_path, documents)), home=tmp_path)

    assert proc.returncode == 1
    for missing in (scoped, imported, nested):
        assert f"{badge} imports {missing}, which is not shipped" in proc.stderr

    for url in (scoped, imported, nested):
        documents[url] = {"@context": {"name": "https://issuer.example/vocab#name"}}
    proc = run_script("--check", "--out", str(_context_folder(tmp_path, documents)), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
