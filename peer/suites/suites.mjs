// Sign and verify with the npm suites of the older Linked Data signatures, offline:
// Ed25519Signature2018 (@digitalbazaar/ed25519-signature-2018) and EcdsaSecp256k1Signature2019
// (@blockcerts/ecdsa-secp256k1-signature-2019), both over jsonld-signatures.
//
//   node suites.mjs < request.json > answer.json
//
// Why: the wallet's own verifier of these suites (wallet/verify/legacy_jws.py) must agree with
// software it did not write, in both directions. One JSON request on stdin, one JSON answer on
// stdout:
//   {"op": "sign", "suite": "Ed25519Signature2018" | "EcdsaSecp256k1Signature2019",
//    "credential": {...}, "key": {"id", "controller", "publicKeyBase58", "privateKeyBase58"},
//    "created": ISO-DATE}                                  -> {"signed": {...}}
//   {"op": "verify", "credential": {...}, "now": ISO-DATE, "documents": {url: document}}
//                                                          -> {"verified", "proofVerified", "error"}
//   ("credentials": [...] in place of "credential" verifies each -> {"results": [answer, ...]})
// `verified` is @digitalbazaar/vc's verifyCredential (data model, dates at `now`, the proof);
// `proofVerified` is the proof alone (jsonld-signatures, assertionMethod purpose).
//
// The document loader serves ONLY the contexts the wallet ships (../../resources/contexts), the
// suites' own context packages, did:key documents computed here (Ed25519 and secp256k1) and the
// request's `documents` (key and controller documents a test stands up). Nothing is fetched.

import {readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

import {EcdsaSecp256k1Signature2019} from '@blockcerts/ecdsa-secp256k1-signature-2019';
import {EcdsaSecp256k1VerificationKey2019} from
  '@blockcerts/ecdsa-secp256k1-verification-key-2019';
import {Ed25519Signature2018} from '@digitalbazaar/ed25519-signature-2018';
import {Ed25519VerificationKey2018} from '@digitalbazaar/ed25519-verification-key-2018';
import * as vc from '@digitalbazaar/vc';
import ed2018Context from 'ed25519-signature-2018-context';
import jsigs from 'jsonld-signatures';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = resolve(
  process.env.LW_CONTEXTS_DIR || join(here, '..', '..', 'resources', 'contexts'));

const SECP_CONTEXT_NS = 'https://ns.did.ai/suites/secp256k1-2019/v1';
const SECP_CONTEXT_W3ID = 'https://w3id.org/security/suites/secp256k1-2019/v1';
const SECURITY_V2 = 'https://w3id.org/security/v2';

/** Every context we may serve: the wallet's shipped ones first, then the suites' packages. */
function loadContexts() {
  const contexts = new Map();
  const manifest = JSON.parse(readFileSync(join(contextsDir, 'manifest.json'), 'utf8'));
  for(const [url, entry] of Object.entries(manifest.contexts || {})) {
    contexts.set(url, JSON.parse(readFileSync(join(contextsDir, entry.file), 'utf8')));
  }
  for(const [url, doc] of ed2018Context.contexts) {
    if(!contexts.has(url)) {
      contexts.set(url, doc);
    }
  }
  if(!contexts.has(SECP_CONTEXT_NS)) {
    contexts.set(SECP_CONTEXT_NS, EcdsaSecp256k1Signature2019.CONTEXT);
  }
  return contexts;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text) {
  let n = 0n;
  for(const ch of text) {
    const i = B58.indexOf(ch);
    if(i < 0) {
      throw new Error(`not base58: ${text}`);
    }
    n = n * 58n + BigInt(i);
  }
  const bytes = [];
  while(n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for(const ch of text) {
    if(ch !== '1') {
      break;
    }
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

function base58Encode(bytes) {
  let n = 0n;
  for(const b of bytes) {
    n = (n << 8n) + BigInt(b);
  }
  let out = '';
  while(n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for(const b of bytes) {
    if(b !== 0) {
      break;
    }
    out = '1' + out;
  }
  return out;
}

/** The DID document of an Ed25519 (0xed) or secp256k1 (0xe7) did:key, in the 2018/2019 form. */
function didKeyDocument(did) {
  const ident = did.slice('did:key:'.length);
  if(!ident.startsWith('z')) {
    throw new Error(`did:key ${did} is not base58btc`);
  }
  const raw = base58Decode(ident.slice(1));
  const vmId = `${did}#${ident}`;
  let method;
  let context;
  if(raw[0] === 0xed && raw[1] === 0x01 && raw.length === 34) {
    context = ['https://www.w3.org/ns/did/v1', ed2018Context.constants.CONTEXT_URL];
    method = {type: 'Ed25519VerificationKey2018'};
  } else if(raw[0] === 0xe7 && raw[1] === 0x01 && raw.length === 35) {
    context = SECURITY_V2;
    method = {type: 'EcdsaSecp256k1VerificationKey2019'};
  } else {
    throw new Error(`did:key ${did} is neither Ed25519 nor secp256k1`);
  }
  Object.assign(method, {
    id: vmId, controller: did, publicKeyBase58: base58Encode(raw.slice(2))
  });
  return {
    '@context': context,
    id: did,
    verificationMethod: [method],
    assertionMethod: [vmId],
    authentication: [vmId]
  };
}

/** The node of `doc` (its verification methods and key lists) whose id is `url`. */
function methodOf(doc, url) {
  const base = doc.id || '';
  for(const rel of ['verificationMethod', 'assertionMethod', 'authentication', 'publicKey']) {
    for(const item of [].concat(doc[rel] || [])) {
      if(item && typeof item === 'object' &&
        (item.id === url || (item.id || '').startsWith('#') && base + item.id === url)) {
        return {'@context': doc['@context'], ...item, id: url};
      }
    }
  }
  return null;
}

function makeDocumentLoader(documents = {}) {
  const contexts = loadContexts();
  const lookUp = url => {
    if(Object.hasOwn(documents, url)) {
      return structuredClone(documents[url]);
    }
    if(url.startsWith('did:key:') && !url.includes('#')) {
      return didKeyDocument(url);
    }
    return null;
  };
  return async function documentLoader(url) {
    let document = null;
    if(contexts.has(url)) {
      document = structuredClone(contexts.get(url));
    } else if(typeof url === 'string') {
      document = lookUp(url);
      if(!document && url.includes('#')) {
        // a key named by a fragment: the suites want the method object itself, in context
        const base = lookUp(url.split('#')[0]);
        document = base && methodOf(base, url);
      }
    }
    if(!document) {
      throw new Error(
        `offline loader: ${url} is not a shipped context, a did:key or a test document`);
    }
    return {contextUrl: null, documentUrl: url, document};
  };
}

function suiteFor(name, {key} = {}) {
  if(name === 'Ed25519Signature2018') {
    return new Ed25519Signature2018(
      key ? {key: new Ed25519VerificationKey2018(key)} : {});
  }
  if(name === 'EcdsaSecp256k1Signature2019') {
    return new EcdsaSecp256k1Signature2019(
      key ? {key: EcdsaSecp256k1VerificationKey2019.from(key)} : {});
  }
  throw new Error(`unknown suite ${name}`);
}

function describe(error) {
  if(!error) {
    return null;
  }
  const errors = error.errors || (error.error && error.error.errors) || [error.error || error];
  return errors.map(e => (e && (e.message || e.name)) || String(e)).join('; ');
}

async function sign({suite, credential, key, created}) {
  const signer = suiteFor(suite, {key});
  signer.date = created;
  const signed = await jsigs.sign(structuredClone(credential), {
    suite: signer,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: makeDocumentLoader()
  });
  return {signed};
}

async function verify({credential, credentials, now, documents}) {
  if(Array.isArray(credentials)) {
    const results = [];
    for(const one of credentials) {
      results.push(await verify({credential: one, now, documents}));
    }
    return {results};
  }
  const documentLoader = makeDocumentLoader(documents);
  const suite = [suiteFor('Ed25519Signature2018'), suiteFor('EcdsaSecp256k1Signature2019')];
  const whole = await vc.verifyCredential({
    credential: structuredClone(credential),
    suite,
    documentLoader,
    now: now ? new Date(now) : undefined,
    checkStatus: async () => ({verified: true})
  });
  const proof = await jsigs.verify(structuredClone(credential), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader
  });
  return {
    verified: whole.verified,
    proofVerified: proof.verified,
    error: describe(whole.verified ? null : whole.error || whole) ||
      describe(proof.verified ? null : proof.error)
  };
}

async function main() {
  const request = JSON.parse(readFileSync(0, 'utf8'));
  let answer;
  try {
    if(request.op === 'sign') {
      answer = await sign(request);
    } else if(request.op === 'verify') {
      answer = await verify(request);
    } else {
      throw new Error(`unknown op ${request.op}`);
    }
  } catch(e) {
    answer = {error: describe(e)};
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}

await main();
