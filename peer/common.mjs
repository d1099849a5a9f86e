// Shared by sign.mjs, verify.mjs and bench.mjs: an offline document loader, key loading and
// the Data Integrity suites.
//
// Why a loader of our own: the point of this peer is to check our credentials against an
// independent implementation under the same rules the wallet follows. The loader therefore
// serves exactly the JSON-LD contexts the wallet ships (../resources/contexts/manifest.json)
// plus did:key documents computed locally, and refuses every other URL. A context the wallet
// does not ship must fail here too, instead of being silently fetched from the network.

import {readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {cryptosuite as ecdsaRdfc2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createVerifyCryptosuite as ecdsaJcs2019Verify} from
  '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
import {createVerifyCryptosuite as eddsaJcs2022Verify} from
  '@digitalbazaar/eddsa-jcs-2022-cryptosuite';

const here = dirname(fileURLToPath(import.meta.url));

/** The folder of shipped contexts: ../resources/contexts unless LW_CONTEXTS_DIR says other. */
export const contextsDir = resolve(
  process.env.LW_CONTEXTS_DIR || join(here, '..', 'resources', 'contexts'));

/**
 * Build a document loader over the manifest's contexts and did:key only.
 *
 * Context files are parsed once up front (they are small and few), so a benchmark measures
 * verification rather than disk reads. did:key results are memoised per URL for the same
 * reason; they are pure functions of the identifier.
 */
export function makeDocumentLoader({folder = contextsDir} = {}) {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  const contexts = new Map();
  for(const [url, entry] of Object.entries(manifest.contexts || {})) {
    contexts.set(url, JSON.parse(readFileSync(join(folder, entry.file), 'utf8')));
  }
  const dids = didKeyDriver();
  dids.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
  dids.use({multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from});
  const didCache = new Map();

  return async function documentLoader(url) {
    if(contexts.has(url)) {
      // a fresh copy: the JSON-LD processor must never be able to alter our copy
      return {
        contextUrl: null,
        documentUrl: url,
        document: structuredClone(contexts.get(url)),
        tag: 'static'
      };
    }
    if(typeof url === 'string' && url.startsWith('did:key:')) {
      let pending = didCache.get(url);
      if(!pending) {
        pending = dids.get({url});
        didCache.set(url, pending);
      }
      const document = structuredClone(await pending);
      return {contextUrl: null, documentUrl: url, document};
    }
    throw new Error(
      `offline loader: ${url} is neither a shipped context nor a did:key; nothing is fetched`);
  };
}

/** Verification suites for every cryptosuite the peer understands. */
export function verifySuites() {
  return [
    new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
    new DataIntegrityProof({cryptosuite: ecdsaRdfc2019}),
    new DataIntegrityProof({cryptosuite: eddsaJcs2022Verify()}),
    new DataIntegrityProof({cryptosuite: ecdsaJcs2019Verify()})
  ];
}

/**
 * A signing key pair from a key file entry: {did|controller, publicKeyMultibase,
 * secretKeyMultibase} (the shape of resources/demo/issuer-key.json's "ed25519"/"p256").
 */
export async function keyPairFrom(entry) {
  const pub = entry.publicKeyMultibase;
  const controller = entry.did || entry.controller || `did:key:${pub}`;
  const base = {
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: entry.verificationMethod || `${controller}#${pub}`,
    controller,
    publicKeyMultibase: pub,
    secretKeyMultibase: entry.secretKeyMultibase
  };
  if(pub.startsWith('z6Mk')) {
    return {keyPair: await Ed25519Multikey.from(base), cryptosuite: eddsaRdfc2022};
  }
  if(pub.startsWith('zDna')) {
    return {keyPair: await EcdsaMultikey.from(base), cryptosuite: ecdsaRdfc2019};
  }
  throw new Error(`unsupported key type for ${pub.slice(0, 8)}…`);
}

/** One error's message, with the causes jsonld-signatures nests inside it. */
export function describeError(error) {
  if(!error) {
    return null;
  }
  const parts = [];
  const seen = new Set();
  const walk = e => {
    if(!e || seen.has(e)) {
      return;
    }
    seen.add(e);
    if(Array.isArray(e)) {
      e.forEach(walk);
      return;
    }
    if(e.message) {
      parts.push(e.message);
    }
    walk(e.errors);
    walk(e.cause);
    walk(e.details?.cause);
  };
  walk(error);
  return [...new Set(parts)].join('; ') || String(error);
}
