// An OpenID4VP 1.0 verifier for Learner Wallet's present tests, on 127.0.0.1 only.
//
// Why: the wallet's OpenID4VP client must be proven against a verifier we did not write. The
// OpenWallet Foundation's oid4vc-ts library (@openid4vc/openid4vp) builds every authorization
// request (and the signed request object) and parses every response (it decrypts
// direct_post.jwt through our JOSE callback, checks `state` and reads the vp_token for the
// DCQL query or the presentation definition). It does not check presentations, so:
//   ldp_vc       Digital Bazaar's @digitalbazaar/vc (peer/, one folder up) verifies the VP and
//                every credential in it, offline over the wallet's shipped contexts
//                (../common.mjs), challenge = nonce, domain = client_id, holder = signer;
//   jwt_vc_json  jose verifies the VP-JWT (holder's key, aud = client_id, nonce) and each
//                VC-JWT in it (issuer's key), and the VC's subject is the VP's holder;
//   dc+sd-jwt    @sd-jwt/core checks the disclosures, the key-binding JWT's signature (by the
//                credential's cnf key), nonce and sd_hash; jose the issuer's signature; this
//                harness the KB-JWT's aud = client_id and iat, and that only requested claims
//                were disclosed (OpenID4VP 1.0 section 6.4).
// Keys, the test CA and certificates come from jose and @peculiar/x509; no crypto is written
// here. Issuer keys are resolved offline: did:jwk, did:key, or `issuer_jwks` the test gives.
//
// Test control (never part of the protocol):
//   POST /test/requests {format: "ldp_vc"|"jwt_vc_json"|"dc+sd-jwt",
//                        client_id_prefix: "redirect_uri"|"x509_san_dns"|
//                                          "decentralized_identifier",
//                        response_mode: "direct_post"|"direct_post.jwt",
//                        by: "reference"|"value" (signed requests; redirect_uri is by value),
//                        claims: [path | name],
//                        vct_values, type_values, credential_query_id, did_method: "jwk"|"key",
//                        nonce, host: "127.0.0.1"|"localhost", client_name, redirect_after,
//                        issuer_jwks: [JWK], x5c: "leaf"|"leaf+ca",
//                        mode: null|"wrong_key"|"wrong_client_id"}
//        -> {id, url, client_id, nonce, state, response_uri, request_uri, request_object,
//            authorization_request, verifier: {ca_pem, leaf_pem, did, signer_jwk, ...}}
//   GET  /test/requests/<id> -> {status: "pending"|"valid"|"invalid"|"declined", error,
//                                claims, disclosed, holder, responses, request_fetches}
//   GET  /test/verifier      -> the CA and leaf certificates (PEM) and the verifier's DIDs
// Refusal modes: "wrong_key" signs the request object with a stranger's key while the x5c
// chain or the DID in the kid still names the verifier's; "wrong_client_id" hands the wallet
// a URL whose client_id is another one than the (honest) request object's, and for
// redirect_uri a client_id that is not the response_uri.
//
// The protocol:
//   GET  /request/<id>   the signed request object (application/oauth-authz-req+jwt)
//   POST /response/<id>  the wallet's response: vp_token + state (direct_post), response=JWE
//                        (direct_post.jwt), or error + state, in the clear or inside the JWE
//                        (the learner declined: 200 {}, the request stays open)
// The first response that opens (decrypts) and names the request's state closes the request,
// valid or not: a second is refused as a replay, and so is a presentation over a nonce another
// request already accepted. A valid one gets 200 {} (or {redirect_uri} with redirect_after),
// an invalid one 400 {error: invalid_request, error_description: why}.
//
// Usage: node oid4vp-verifier.mjs   (prints the port it listens on, then serves until killed)

import {createHash, randomBytes, randomUUID, webcrypto} from 'node:crypto';
import {createServer} from 'node:http';

import {setGlobalConfig} from '@openid4vc/oauth2';
import {Openid4vpVerifier} from '@openid4vc/openid4vp';
import 'reflect-metadata'; // @peculiar/x509 needs it loaded first
import * as x509 from '@peculiar/x509';
import {SDJwtInstance} from '@sd-jwt/core';
import * as jose from 'jose';
// From peer/node_modules (Node looks one folder up): the same Digital Bazaar libraries and
// offline loader as peer/verify.mjs and peer/exchanger.mjs.
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';

import {describeError, makeDocumentLoader, verifySuites} from '../common.mjs';

setGlobalConfig({allowInsecureUrls: true}); // http://127.0.0.1 only: see listen() below
x509.cryptoProvider.set(webcrypto);

const MAX_BODY = 1024 * 1024;
const REQUEST_SECONDS = 300;
const KB_SKEW_SECONDS = 300;
const WALLET_AUDIENCE = 'https://self-issued.me/v2'; // OpenID4VP 1.0 section 5.8, static
const VC_TYPE = 'https://www.w3.org/2018/credentials#VerifiableCredential';
const FORMATS = ['ldp_vc', 'jwt_vc_json', 'dc+sd-jwt'];
const PREFIXES = ['redirect_uri', 'x509_san_dns', 'decentralized_identifier'];
const MODES = ['direct_post', 'direct_post.jwt'];
const HOSTS = ['127.0.0.1', 'localhost'];
const JWS_ALGS = ['ES256', 'ES384', 'EdDSA', 'Ed25519'];

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const sha256 = (text) => createHash('sha256').update(text).digest();

// --- keys, certificates and DIDs --------------------------------------------------------

let port = 0;
const verifier = {}; // {ca, leaf, leafKey, leafJwk, x5c, dids, stranger, strangerEd}

async function p256() {
  return webcrypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-256'}, true,
    ['sign', 'verify']);
}

async function publicJwk(key) {
  const {kty, crv, x, y} = await jose.exportJWK(key);
  return Object.fromEntries(Object.entries({kty, crv, x, y}).filter(([, v]) => v));
}

/** A CA of our own and a leaf it signs for "localhost": the x509_san_dns identity. */
async function makeCertificates() {
  const caKeys = await p256();
  const leafKeys = await p256();
  const sign = {name: 'ECDSA', hash: 'SHA-256'};
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: 'CN=Learner Wallet test verifier CA',
    notBefore: new Date(now - 86400e3),
    notAfter: new Date(now + 30 * 86400e3),
    keys: caKeys,
    signingAlgorithm: sign,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject: 'CN=localhost',
    issuer: ca.subject,
    notBefore: new Date(now - 86400e3),
    notAfter: new Date(now + 30 * 86400e3),
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: sign,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.SubjectAlternativeNameExtension([{type: 'dns', value: 'localhost'}]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const der = (cert) => Buffer.from(cert.rawData).toString('base64');
  return {ca, leaf, leafKey: leafKeys.privateKey, leafJwk: await publicJwk(leafKeys.publicKey),
    x5c: {leaf: [der(leaf)], 'leaf+ca': [der(leaf), der(ca)]}};
}

async function makeDids() {
  const jwkKeys = await p256();
  const jwk = await publicJwk(jwkKeys.publicKey);
  const didJwk = `did:jwk:${b64url(JSON.stringify(jwk))}`;
  const edKeys = await jose.generateKeyPair('EdDSA', {crv: 'Ed25519', extractable: true});
  const edJwk = await jose.exportJWK(edKeys.publicKey);
  const multikey = await Ed25519Multikey.fromJwk({jwk: edJwk});
  const {publicKeyMultibase} = await multikey.export({publicKey: true});
  const didKey = `did:key:${publicKeyMultibase}`;
  return {
    jwk: {did: didJwk, kid: `${didJwk}#0`, alg: 'ES256', key: jwkKeys.privateKey, jwk},
    key: {did: didKey, kid: `${didKey}#${publicKeyMultibase}`, alg: 'EdDSA',
      key: edKeys.privateKey, jwk: edJwk},
  };
}

/** The public JWK a DID (or DID URL) names, offline: did:jwk, or an Ed25519/P-256 did:key. */
async function jwkFromDid(didUrl) {
  const did = String(didUrl).split('#')[0];
  if(did.startsWith('did:jwk:')) {
    return JSON.parse(Buffer.from(did.slice(8), 'base64url').toString('utf8'));
  }
  if(did.startsWith('did:key:z6Mk')) {
    const key = await Ed25519Multikey.from({publicKeyMultibase: did.slice(8)});
    return Ed25519Multikey.toJwk({keyPair: key});
  }
  if(did.startsWith('did:key:zDn')) {
    const key = await EcdsaMultikey.from({publicKeyMultibase: did.slice(8)});
    return EcdsaMultikey.toJwk({keyPair: key});
  }
  throw new Error(`cannot resolve ${did} offline (did:jwk and did:key only)`);
}

function algFor(headerAlg) {
  if(!JWS_ALGS.includes(headerAlg)) {
    throw new Error(`signature algorithm ${headerAlg} is not accepted`);
  }
  return headerAlg;
}

async function verifyJws(compact, jwk) {
  const {alg} = jose.decodeProtectedHeader(compact);
  const key = await jose.importJWK(jwk, algFor(alg));
  return jose.compactVerify(compact, key, {algorithms: JWS_ALGS});
}

/** The issuer key for a JWT: its kid/iss DID, else one of the test's issuer_jwks. */
async function issuerJwk(header, payload, issuerJwks) {
  const did = [header.kid, payload.iss].find(
    (v) => typeof v === 'string' && (v.startsWith('did:jwk:') || v.startsWith('did:key:')));
  if(did) {
    return jwkFromDid(did);
  }
  const byKid = issuerJwks.find((k) => header.kid && k.kid === header.kid);
  if(byKid) {
    return byKid;
  }
  if(issuerJwks.length === 1) {
    return issuerJwks[0];
  }
  throw new Error(`no key known for issuer ${payload.iss} (kid ${header.kid})`);
}

// --- the offline document loader: the shipped contexts, did:key and did:jwk ---------------

const baseLoader = makeDocumentLoader();

async function documentLoader(url) {
  if(typeof url === 'string' && url.startsWith('did:jwk:')) {
    const [did, fragment] = url.split('#');
    const jwk = await jwkFromDid(did);
    const lib = jwk.crv === 'Ed25519' ? Ed25519Multikey : EcdsaMultikey;
    const keyPair = await lib.fromJwk({jwk, id: `${did}#0`, controller: did});
    const method = await keyPair.export({publicKey: true, includeContext: true});
    if(fragment !== undefined) {
      return {contextUrl: null, documentUrl: url, document: method};
    }
    const {'@context': _, ...inner} = method;
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did, verificationMethod: [inner], authentication: [inner.id],
      assertionMethod: [inner.id],
    };
    return {contextUrl: null, documentUrl: url, document};
  }
  return baseLoader(url);
}

async function expandedTypes(credential) {
  const [expanded] = await jsonld.expand(structuredClone(credential),
    {documentLoader, safe: false});
  return expanded?.['@type'] || [];
}

async function typesMatch(credential, typeValues) {
  let types;
  try {
    types = await expandedTypes(credential);
  } catch(e) {
    throw new Error(`cannot expand the credential's types: ${describeError(e)}`);
  }
  return typeValues.some((set) => set.every((t) => types.includes(t)));
}

// --- claims paths (DCQL) -----------------------------------------------------------------

function normalisePath(claim) {
  if(typeof claim === 'string') {
    return claim.split('.');
  }
  if(Array.isArray(claim)) {
    return claim;
  }
  if(claim && Array.isArray(claim.path)) {
    return claim.path;
  }
  throw new Error(`a claim is a name, a dotted path or an array path: ${JSON.stringify(claim)}`);
}

/** Whether `path` (DCQL: keys, indices, null for every element) reaches a value. */
function hasPath(node, path) {
  if(path.length === 0) {
    return node !== undefined;
  }
  const [head, ...rest] = path;
  if(head === null) {
    return Array.isArray(node) && node.some((item) => hasPath(item, rest));
  }
  if(node === null || typeof node !== 'object' || !(head in node)) {
    return false;
  }
  return hasPath(node[head], rest);
}

function samePrefix(a, b) {
  const n = Math.min(a.length, b.length);
  for(let i = 0; i < n; i++) {
    if(a[i] !== null && b[i] !== null && a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

function missingClaims(subject, requested) {
  return requested.filter((path) => !hasPath(subject, path)).map((p) => p.join('.'));
}

// --- the request ---------------------------------------------------------------------------

const requests = new Map(); // id -> state
const acceptedNonces = new Set();
const responses = new Openid4vpVerifier({callbacks: {}}); // parsing takes callbacks per call

function fail(status, message) {
  const error = new Error(message);
  error.status = status;
  return error;
}

function vpFormats(format) {
  if(format === 'ldp_vc') {
    return {ldp_vc: {proof_type_values: ['DataIntegrityProof', 'Ed25519Signature2020'],
      cryptosuite_values: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019']}};
  }
  if(format === 'jwt_vc_json') {
    return {jwt_vc_json: {alg_values: ['ES256', 'EdDSA']}};
  }
  return {'dc+sd-jwt': {'sd-jwt_alg_values': ['ES256', 'EdDSA'],
    'kb-jwt_alg_values': ['ES256', 'EdDSA']}};
}

function credentialQuery(options) {
  const query = {id: options.queryId, format: options.format};
  if(options.format === 'dc+sd-jwt') {
    query.meta = {vct_values: options.vctValues};
  } else {
    query.meta = {type_values: options.typeValues};
  }
  if(options.claims.length) {
    query.claims = options.claims.map((path) => ({path}));
  }
  return query;
}

function parseOptions(body) {
  const format = body.format;
  if(!FORMATS.includes(format)) {
    throw fail(400, `format must be one of ${FORMATS.join(', ')}`);
  }
  const prefix = body.client_id_prefix || 'redirect_uri';
  if(!PREFIXES.includes(prefix)) {
    throw fail(400, `client_id_prefix must be one of ${PREFIXES.join(', ')}`);
  }
  const responseMode = body.response_mode || 'direct_post';
  if(!MODES.includes(responseMode)) {
    throw fail(400, `response_mode must be one of ${MODES.join(', ')}`);
  }
  const by = body.by || (prefix === 'redirect_uri' ? 'value' : 'reference');
  if(!['value', 'reference'].includes(by) || (prefix === 'redirect_uri' && by !== 'value')) {
    throw fail(400, 'by is "value" or "reference"; a redirect_uri request is by value');
  }
  const mode = body.mode || null;
  if(mode !== null && !['wrong_key', 'wrong_client_id'].includes(mode)) {
    throw fail(400, 'mode is null, "wrong_key" or "wrong_client_id"');
  }
  if(mode === 'wrong_key' && prefix === 'redirect_uri') {
    throw fail(400, 'a redirect_uri request is not signed, so it has no key to get wrong');
  }
  const host = body.host || (prefix === 'x509_san_dns' ? 'localhost' : '127.0.0.1');
  if(!HOSTS.includes(host)) {
    throw fail(400, `host is one of ${HOSTS.join(', ')} (loopback only)`);
  }
  if(format === 'dc+sd-jwt' && !(Array.isArray(body.vct_values) && body.vct_values.length)) {
    throw fail(400, 'vct_values (the credential types to accept) is needed for dc+sd-jwt');
  }
  const didMethod = body.did_method || 'jwk';
  if(!['jwk', 'key'].includes(didMethod)) {
    throw fail(400, 'did_method is "jwk" or "key"');
  }
  const x5c = body.x5c || 'leaf+ca';
  if(!['leaf', 'leaf+ca'].includes(x5c)) {
    throw fail(400, 'x5c is "leaf" or "leaf+ca"');
  }
  let claims;
  try {
    claims = (body.claims || []).map(normalisePath);
  } catch(e) {
    throw fail(400, e.message);
  }
  return {
    format, prefix, responseMode, by, mode, host, didMethod, x5c, claims,
    queryId: body.credential_query_id || 'learner_credential',
    vctValues: body.vct_values,
    typeValues: body.type_values || [[VC_TYPE]],
    nonce: body.nonce || b64url(randomBytes(24)),
    clientName: body.client_name || 'Harbour Test Employer',
    redirectAfter: Boolean(body.redirect_after),
    issuerJwks: Array.isArray(body.issuer_jwks) ? body.issuer_jwks : [],
  };
}

/** The library's signJwt callback: jose signs with `signingKey` whatever header it gets. */
function signJwt(signingKey) {
  return async (jwtSigner, {header, payload}) => {
    const jws = await new jose.CompactSign(Buffer.from(JSON.stringify(payload)))
      .setProtectedHeader(header)
      .sign(signingKey.key);
    return {jwt: jws, signerJwk: signingKey.jwk};
  };
}

async function createRequest(body) {
  const options = parseOptions(body);
  const id = randomUUID();
  const base = `http://${options.host}:${port}`;
  const responseUri = `${base}/response/${id}`;
  const requestUri = options.by === 'reference' ? `${base}/request/${id}` : undefined;
  const state = b64url(randomBytes(16));

  let clientId;
  let jwtSigner;
  let signingKey; // {key, jwk}: what actually signs the request object
  if(options.prefix === 'redirect_uri') {
    clientId = `redirect_uri:${responseUri}`;
  } else if(options.prefix === 'x509_san_dns') {
    clientId = 'x509_san_dns:localhost';
    jwtSigner = {method: 'x5c', alg: 'ES256', x5c: verifier.x5c[options.x5c]};
    signingKey = {key: verifier.leafKey, jwk: verifier.leafJwk};
  } else {
    const did = verifier.dids[options.didMethod];
    clientId = `decentralized_identifier:${did.did}`;
    jwtSigner = {method: 'did', alg: did.alg, didUrl: did.kid};
    signingKey = {key: did.key, jwk: did.jwk};
  }
  if(options.mode === 'wrong_key') { // a stranger signs; the header still names the verifier
    const stranger = jwtSigner.alg === 'EdDSA' ? verifier.strangerEd : verifier.stranger;
    signingKey = {key: stranger.privateKey, jwk: await publicJwk(stranger.publicKey)};
  }

  let encryption = null;
  const clientMetadata = {client_name: options.clientName,
    vp_formats_supported: vpFormats(options.format)};
  if(options.responseMode === 'direct_post.jwt') {
    const pair = await jose.generateKeyPair('ECDH-ES', {crv: 'P-256', extractable: true});
    const jwk = {...await publicJwk(pair.publicKey), kid: `enc-${id}`, use: 'enc',
      alg: 'ECDH-ES'};
    encryption = {privateKey: pair.privateKey, jwk};
    clientMetadata.jwks = {keys: [jwk]};
    clientMetadata.encrypted_response_enc_values_supported = ['A128GCM', 'A256GCM'];
  }

  const payload = {
    response_type: 'vp_token',
    client_id: clientId,
    response_mode: options.responseMode,
    response_uri: responseUri,
    nonce: options.nonce,
    state,
    dcql_query: {credentials: [credentialQuery(options)]},
    client_metadata: clientMetadata,
  };

  const library = new Openid4vpVerifier({callbacks: {
    signJwt: signingKey ? signJwt(signingKey) : undefined,
  }});
  const created = await library.createOpenId4vpAuthorizationRequest({
    authorizationRequestPayload: payload,
    jar: jwtSigner ? {
      jwtSigner,
      requestUri,
      expiresInSeconds: REQUEST_SECONDS,
      // iss = client_id as JAR has it, but not for a DID: oid4vc-ts (wallet side) reads `iss`
      // there as the bare DID of the kid and refuses the prefixed client_id.
      additionalJwtPayload: options.prefix === 'x509_san_dns' ?
        {aud: WALLET_AUDIENCE, iss: clientId} : {aud: WALLET_AUDIENCE},
    } : undefined,
  });
  const url = new URL(created.authorizationRequest);
  if(options.mode === 'wrong_client_id') {
    url.searchParams.set('client_id', options.prefix === 'redirect_uri' ?
      `redirect_uri:${base}/elsewhere/${id}` : options.prefix === 'x509_san_dns' ?
        'x509_san_dns:verifier.localhost' :
        `decentralized_identifier:${verifier.dids.other.did}`);
  }
  const requestObject = created.jar?.authorizationRequestJwt ?? null;
  const request = {
    id, options, state, clientId, responseUri, requestUri: requestUri ?? null,
    requestObject, payload: created.authorizationRequestPayload, encryption,
    status: 'pending', error: null, claims: null, disclosed: null, holder: null,
    responses: [], requestFetches: 0, closed: false, createdAt: Date.now(),
  };
  requests.set(id, request);
  return {
    id,
    url: url.toString(),
    client_id: url.searchParams.get('client_id'),
    request_object_client_id: clientId,
    nonce: options.nonce,
    state,
    response_uri: responseUri,
    response_mode: options.responseMode,
    request_uri: request.requestUri,
    request_object: requestObject,
    authorization_request: created.authorizationRequestPayload,
    verifier: verifierInfo(options, signingKey, encryption),
  };
}

function verifierInfo(options, signingKey, encryption) {
  const info = {
    ca_pem: verifier.ca.toString('pem'),
    leaf_pem: verifier.leaf.toString('pem'),
    did: verifier.dids[options.didMethod].did,
    signer_jwk: signingKey ? signingKey.jwk : null,
    encryption_jwk: encryption ? encryption.jwk : null,
  };
  return info;
}

// --- checking presentations -----------------------------------------------------------------

async function checkLdp(presentation, request) {
  const vp = typeof presentation === 'string' ? JSON.parse(presentation) : presentation;
  if(!vp || typeof vp !== 'object' || Array.isArray(vp)) {
    throw new Error('an ldp_vc presentation is a JSON object');
  }
  const result = await vc.verify({
    presentation: vp,
    challenge: request.options.nonce,
    domain: request.clientId,
    suite: verifySuites(),
    documentLoader,
    // status is the wallet's own check (and not this test's): see peer/verify.mjs
    checkStatus: async () => ({verified: true}),
  });
  if(!result.verified) {
    throw new Error(describeError(result.error) ||
      describeError(result.credentialResults?.find((r) => !r.verified)?.error) ||
      'the presentation did not verify');
  }
  const signer = String([].concat(vp.proof)[0]?.verificationMethod || '').split('#')[0];
  if(vp.holder !== undefined && (typeof vp.holder === 'string' ? vp.holder : vp.holder?.id) !==
      signer) {
    throw new Error('the presentation is not signed by its holder');
  }
  const credentials = [].concat(vp.verifiableCredential || []);
  if(credentials.length === 0) {
    throw new Error('the presentation holds no credential');
  }
  return {holder: signer, credentials};
}

async function checkJwtVc(presentation, request) {
  if(typeof presentation !== 'string') {
    throw new Error('a jwt_vc_json presentation is a compact JWT');
  }
  const header = jose.decodeProtectedHeader(presentation);
  const unverified = jose.decodeJwt(presentation);
  const holderRef = header.kid || unverified.iss;
  const holderJwk = header.jwk || await jwkFromDid(holderRef);
  const key = await jose.importJWK(holderJwk, algFor(header.alg));
  const {payload} = await jose.jwtVerify(presentation, key, {
    algorithms: JWS_ALGS, audience: request.clientId, clockTolerance: KB_SKEW_SECONDS});
  if(payload.nonce !== request.options.nonce) {
    throw new Error('the VP-JWT is for another nonce');
  }
  const holder = payload.iss || String(holderRef).split('#')[0];
  if(header.kid && payload.iss && String(header.kid).split('#')[0] !== payload.iss) {
    throw new Error('the VP-JWT is signed by another key than its holder\'s');
  }
  const inner = [].concat(payload.vp?.verifiableCredential || []);
  if(inner.length === 0) {
    throw new Error('the VP-JWT holds no credential');
  }
  const credentials = [];
  for(const token of inner) {
    if(typeof token !== 'string') {
      throw new Error('a jwt_vc_json presentation carries VC-JWTs');
    }
    const vcHeader = jose.decodeProtectedHeader(token);
    const vcPayload = jose.decodeJwt(token);
    const issuerKey = await issuerJwk(vcHeader, vcPayload, request.options.issuerJwks);
    const checked = await jose.jwtVerify(token, await jose.importJWK(issuerKey,
      algFor(vcHeader.alg)), {algorithms: JWS_ALGS, clockTolerance: 60});
    const credential = checked.payload.vc || checked.payload;
    const subject = checked.payload.sub || [].concat(credential.credentialSubject || [])[0]?.id;
    if(subject !== undefined && subject !== holder) {
      throw new Error('a credential in the VP-JWT was issued to someone else than its holder');
    }
    credentials.push(credential);
  }
  return {holder, credentials};
}

function disclosuresOf(presentation) {
  const parts = presentation.split('~');
  const byDigest = new Map();
  for(const text of parts.slice(1, -1)) {
    const decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const digest = b64url(sha256(text));
    if(byDigest.has(digest)) {
      throw new Error('a disclosure is sent twice');
    }
    byDigest.set(digest, decoded.length === 3 ? {key: decoded[1], value: decoded[2]} :
      {key: null, value: decoded[1]});
  }
  return byDigest;
}

/** The claim paths the disclosures reveal, and any disclosure the credential does not hold. */
function disclosedPaths(payload, byDigest) {
  const paths = [];
  const seen = new Set();
  const walk = (node, path) => {
    if(Array.isArray(node)) {
      node.forEach((item, i) => {
        const ref = item && typeof item === 'object' && !Array.isArray(item) &&
          Object.keys(item).length === 1 ? item['...'] : undefined;
        if(typeof ref === 'string') {
          if(byDigest.has(ref)) {
            seen.add(ref);
            paths.push([...path, i]);
            walk(byDigest.get(ref).value, [...path, i]);
          }
        } else {
          walk(item, [...path, i]);
        }
      });
    } else if(node && typeof node === 'object') {
      for(const digest of [].concat(node._sd || [])) {
        if(byDigest.has(digest)) {
          seen.add(digest);
          const {key, value} = byDigest.get(digest);
          paths.push([...path, key]);
          walk(value, [...path, key]);
        }
      }
      for(const [key, value] of Object.entries(node)) {
        if(key !== '_sd') {
          walk(value, [...path, key]);
        }
      }
    }
  };
  walk(payload, []);
  return {paths, unreferenced: [...byDigest.keys()].filter((d) => !seen.has(d))};
}

async function checkSdJwt(presentation, request) {
  if(typeof presentation !== 'string' || !presentation.includes('~')) {
    throw new Error('a dc+sd-jwt presentation is an SD-JWT with a key-binding JWT');
  }
  const issuerJwt = presentation.split('~')[0];
  const header = jose.decodeProtectedHeader(issuerJwt);
  const unverified = jose.decodeJwt(issuerJwt);
  if(header.typ !== 'dc+sd-jwt') {
    throw new Error(`the issuer JWT is typed ${header.typ}, not dc+sd-jwt`);
  }
  const issuerKey = await issuerJwk(header, unverified, request.options.issuerJwks);
  await verifyJws(issuerJwt, issuerKey); // jose: the issuer's signature
  if(!request.options.vctValues.includes(unverified.vct)) {
    throw new Error(`the credential's vct ${unverified.vct} is not one the request accepts`);
  }
  const verifyWith = (jwk) => async (data, signature) => {
    try {
      await verifyJws(`${data}.${signature}`, jwk);
      return true;
    } catch {
      return false;
    }
  };
  const sdjwt = new SDJwtInstance({
    hasher: (data, alg) => {
      if(alg !== 'sha-256') {
        throw new Error(`_sd_alg ${alg} is not supported`);
      }
      return sha256(data);
    },
    verifier: verifyWith(issuerKey),
    kbVerifier: async (data, signature, payload) => {
      const holderJwk = payload?.cnf?.jwk;
      return holderJwk ? verifyWith(holderJwk)(data, signature) : false;
    },
  });
  const {payload: claims, kb} = await sdjwt.verify(presentation, {
    keyBindingNonce: request.options.nonce});
  if(kb.payload.aud !== request.clientId) {
    throw new Error('the key-binding JWT is for another verifier (aud)');
  }
  if(Math.abs(Date.now() / 1000 - kb.payload.iat) > KB_SKEW_SECONDS) {
    throw new Error('the key-binding JWT is not fresh (iat)');
  }
  const {paths, unreferenced} = disclosedPaths(unverified, disclosuresOf(presentation));
  if(unreferenced.length) {
    throw new Error('a disclosure is not part of the credential');
  }
  const requested = request.options.claims;
  const extra = requested.length === 0 ? [] : paths.filter(
    (path) => !requested.some((r) => samePrefix(r, path)));
  if(extra.length) {
    throw new Error(`disclosed claims the request did not ask for: ${
      extra.map((p) => p.join('.')).join(', ')}`);
  }
  return {holder: claims.cnf?.jwk ?? null, claims, disclosed: paths.map((p) => p.join('.'))};
}

async function checkPresentation(presentation, request) {
  const {format, claims: requested, typeValues} = request.options;
  if(format === 'dc+sd-jwt') {
    const result = await checkSdJwt(presentation, request);
    const missing = missingClaims(result.claims, requested);
    if(missing.length) {
      throw new Error(`the presentation does not disclose ${missing.join(', ')}`);
    }
    return result;
  }
  const {holder, credentials} = format === 'ldp_vc' ?
    await checkLdp(presentation, request) : await checkJwtVc(presentation, request);
  for(const credential of credentials) {
    if(!await typesMatch(credential, typeValues)) {
      throw new Error('a credential is not of a type the request asked for');
    }
    const missing = missingClaims(credential, requested);
    if(missing.length) {
      throw new Error(`a credential does not hold ${missing.join(', ')}`);
    }
  }
  return {holder, claims: credentials, disclosed: null};
}

// --- the response ---------------------------------------------------------------------------

/** The library's decryptJwe callback: jose opens ECDH-ES (P-256) with A128GCM or A256GCM. */
function decryptJwe(request) {
  return async (jwe) => {
    try {
      const {plaintext} = await jose.compactDecrypt(jwe, request.encryption.privateKey, {
        keyManagementAlgorithms: ['ECDH-ES'],
        contentEncryptionAlgorithms: ['A128GCM', 'A256GCM'],
      });
      return {decrypted: true, decryptionJwk: request.encryption.jwk,
        payload: Buffer.from(plaintext).toString('utf8')};
    } catch {
      return {decrypted: false};
    }
  };
}

/** An Authorization Error Response (section 8.5) in the form or inside the JWE, or null. */
async function errorResponse(request, form) {
  if(typeof form.error === 'string') {
    return form;
  }
  if(typeof form.response !== 'string' || !request.encryption) {
    return null;
  }
  const opened = await decryptJwe(request)(form.response);
  try {
    const inner = opened.decrypted ? JSON.parse(opened.payload) : null;
    return typeof inner?.error === 'string' ? inner : null;
  } catch {
    return null;
  }
}

/** One answer at response_uri: [HTTP status, body]; the request's outcome is updated. */
async function respond(request, form) {
  const entry = {at: new Date().toISOString(), status: null, error: null};
  request.responses.push(entry);
  const declined = await errorResponse(request, form);
  if(declined) { // the learner declined (or the wallet could not answer): not a presentation
    if(declined.state !== undefined && declined.state !== request.state) {
      entry.status = 'invalid';
      entry.error = 'the error response names another state';
      return [400, {error: 'invalid_request', error_description: entry.error}];
    }
    entry.status = 'declined';
    entry.error = declined.error_description ?
      `${declined.error}: ${declined.error_description}` : declined.error;
    if(request.status === 'pending') {
      request.status = 'declined';
      request.error = entry.error;
    }
    return [200, {}];
  }
  if(request.closed) {
    entry.status = 'invalid';
    entry.error = 'this request has already been answered (a replay)';
    return [400, {error: 'invalid_request', error_description: entry.error}];
  }
  if(Date.now() - request.createdAt > REQUEST_SECONDS * 1000) {
    entry.status = 'invalid';
    entry.error = 'this request has expired';
    return [400, {error: 'invalid_request', error_description: entry.error}];
  }
  let outcome;
  try {
    if(request.options.responseMode === 'direct_post.jwt' && typeof form.response !== 'string') {
      throw new Error('the response was not encrypted: direct_post.jwt asks for response=JWE');
    }
    const parsed = await responses.parseOpenid4vpAuthorizationResponse({
      authorizationResponse: form,
      authorizationRequestPayload: request.payload,
      callbacks: {
        decryptJwe: decryptJwe(request),
        verifyJwt: async () => ({verified: false}), // signed (JARM) responses are not asked for
      },
    });
    if(request.options.responseMode === 'direct_post.jwt' && !parsed.jarm) {
      throw new Error('the response was not encrypted');
    }
    if(parsed.authorizationResponsePayload.state !== request.state) {
      throw new Error('the response names another state');
    }
    request.closed = true; // an answer to this request (it opened, its state is this one's)
    if(parsed.type !== 'dcql') {
      throw new Error('the response is not an answer to a DCQL query');
    }
    const {queryId} = request.options;
    const keys = Object.keys(parsed.dcql.presentations);
    if(keys.length !== 1 || keys[0] !== queryId) {
      throw new Error(`the vp_token answers ${keys.join(', ') || 'nothing'}, not ${queryId}`);
    }
    const presentations = parsed.dcql.presentations[queryId];
    if(acceptedNonces.has(request.options.nonce)) {
      throw new Error('this nonce has already been used by an accepted presentation (replay)');
    }
    const results = [];
    for(const presentation of presentations) {
      results.push(await checkPresentation(presentation, request));
    }
    acceptedNonces.add(request.options.nonce);
    outcome = {status: 'valid', error: null, holder: results[0].holder,
      claims: results.length === 1 ? results[0].claims : results.map((r) => r.claims),
      disclosed: results[0].disclosed};
  } catch(e) {
    outcome = {status: 'invalid', error: describeError(e) || String(e)};
  }
  entry.status = outcome.status;
  entry.error = outcome.error;
  Object.assign(request, outcome);
  if(outcome.status === 'valid') {
    return [200, request.options.redirectAfter ?
      {redirect_uri: `http://${request.options.host}:${port}/done/${request.id}`} : {}];
  }
  return [400, {error: 'invalid_request', error_description: outcome.error}];
}

function outcomeOf(request) {
  return {
    id: request.id,
    status: request.status,
    error: request.error,
    claims: request.claims,
    disclosed: request.disclosed,
    holder: request.holder,
    responses: request.responses,
    request_fetches: request.requestFetches,
  };
}

// --- HTTP -----------------------------------------------------------------------------------

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {'content-type': type, 'cache-control': 'no-store'});
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if(size > MAX_BODY) {
        reject(fail(413, 'the body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function route(req, res) {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  const path = url.pathname;
  if(path === '/test/requests' && req.method === 'POST') {
    return send(res, 200, await createRequest(JSON.parse(await readBody(req) || '{}')));
  }
  if(path === '/test/verifier' && req.method === 'GET') {
    return send(res, 200, {ca_pem: verifier.ca.toString('pem'),
      leaf_pem: verifier.leaf.toString('pem'), did_jwk: verifier.dids.jwk.did,
      did_key: verifier.dids.key.did});
  }
  let m = path.match(/^\/test\/requests\/([\w-]+)$/);
  if(m && req.method === 'GET') {
    const request = requests.get(m[1]);
    return request ? send(res, 200, outcomeOf(request)) : send(res, 404, {error: 'not_found'});
  }
  m = path.match(/^\/(request|response|done)\/([\w-]+)$/);
  const request = m && requests.get(m[2]);
  if(!request) {
    return send(res, 404, {error: 'not_found'});
  }
  if(m[1] === 'request' && req.method === 'GET' && request.requestUri) {
    request.requestFetches += 1;
    return send(res, 200, request.requestObject, 'application/oauth-authz-req+jwt');
  }
  if(m[1] === 'response' && req.method === 'POST') {
    const type = String(req.headers['content-type'] || '');
    if(!type.startsWith('application/x-www-form-urlencoded')) {
      return send(res, 400, {error: 'invalid_request',
        error_description: 'the response is posted as application/x-www-form-urlencoded'});
    }
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const [status, body] = await respond(request, form);
    return send(res, status, body);
  }
  if(m[1] === 'done' && req.method === 'GET') {
    return send(res, 200, '<!doctype html><title>Thank you</title><p>Presentation received.',
      'text/html; charset=utf-8');
  }
  return send(res, 405, {error: 'invalid_request'});
}

Object.assign(verifier, await makeCertificates());
verifier.dids = await makeDids();
verifier.dids.other = (await makeDids()).jwk; // a DID nobody signs for: wrong_client_id
verifier.stranger = await p256();
verifier.strangerEd = await jose.generateKeyPair('EdDSA', {crv: 'Ed25519',
  extractable: true});

const server = createServer((req, res) => {
  route(req, res).catch((error) => {
    send(res, error.status || 500, {error: error.status ? 'invalid_request' : 'server_error',
      error_description: describeError(error)});
  });
});
server.listen(0, '127.0.0.1', () => {
  port = server.address().port;
  process.stdout.write(`${port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});
