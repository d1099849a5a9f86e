// An OpenID4VCI 1.0 credential issuer for Learner Wallet's receive tests, on 127.0.0.1 only.
//
// Why: the wallet's OpenID4VCI client must be proven against an implementation we did not
// write. The OpenWallet Foundation's oid4vc-ts library (@openid4vc/openid4vci, @openid4vc/oauth2)
// parses and validates every request and builds every response; this harness only supplies
// what the library leaves to an issuer: the node:http routes, in-memory state, keys (jose) and
// the credentials themselves.
//
// Several issuers share one server, each under its own path (`/<name>`), so a test can pick an
// honest one or a hostile one:
//   university  honest: pre-authorized code (optional transaction code) or a sign-in
//               (authorization code with PKCE, `authorization_details`), nonce endpoint,
//               deferred issuance, notifications
//   portal      honest, sign-in only, and its authorization server knows only `scope`
//   liar        its metadata names another credential_issuer than the offer does
//   huge        its metadata never ends (a hostile response far over any sane size)
//   slow        its metadata trickles in, a byte at a time (a hostile, slow response)
//   redirector  its metadata and offers redirect to private addresses (169.254/16, 10/8)
//   strict      honest, but its configurations each allow only some key proofs: ES256 only,
//               did:jwk only, RS256 only (which no wallet of ours makes); and an ldp_vc one
//               (the JSON-LD credential comes signed from the test: `ldp_credential`) and a
//               `vc+sd-jwt` one (the older name of dc+sd-jwt)
//   batcher     honest, with batch issuance (batch_size 3): one credential per key proof
//   pusher      honest, sign-in only, and its authorization server requires pushed
//               authorization requests (RFC 9126): the request is POSTed to /<name>/par, and
//               the browser brings only client_id and the request_uri it got back
//   signer      honest, and asked for `application/jwt` its metadata comes signed (1.0
//               section 12.2.2: typ openidvci-issuer-metadata+jwt, sub = the issuer), by its
//               did:jwk credential key; the signed display name differs from the plain one
//   forger      like signer, but its signed metadata was changed after signing
//   drafter     honest, but speaks Draft 13 as deployed issuers still do: no nonce endpoint
//               (the token answer carries the c_nonce), each configuration's `display` at
//               its top, and a credential request naming its `format` and
//               `credential_definition` (or `vct`) with one `proof`; a request naming a
//               credential_configuration_id (Draft 15 and 1.0) is refused
//
// The sign-in: GET /<name>/authorize (the request, checked by the library and by us: PKCE S256,
// a loopback redirect_uri, the offer's issuer_state) answers a login page whose form posts to
// /<name>/login; approving redirects the learner's browser to the wallet's redirect_uri with a
// code, the state and `iss` (RFC 9207). Nothing is approved without that POST.
// With `pusher`, POST /<name>/par takes the same request (checked the same way) and answers a
// request_uri (one use, 60 s); GET /<name>/authorize then accepts only client_id + request_uri.
//
// Test control (never part of the protocol):
//   POST /test/offers {issuer, by: "value"|"reference", grant: "pre-authorized"|
//                      "authorization_code", tx_code, reject_nonce_once, bind_to_other_key,
//                      signed_by: "other_key"|"other_issuer", expired, deferred,
//                      notification_fails, stall_credential, mixup, configurations,
//                      ldp_credential, par_without_request_uri}
//                                       -> {offer, id, issuer_did, credential_issuer}
//   GET  /test/offers/<id>              -> what the wallet asked for with that offer
//   POST /test/offers/<id>/deferred {state: "pending"|"ready"|"broken"|"forgotten"}
//                                       -> how the deferred endpoint answers from now on
//   POST /test/offers/<id>/expire-tokens -> every access token given so far stops working
//                                           (a deferred offer's refresh token still does)
//
// Usage: node oid4vci-issuer.mjs   (prints the port it listens on, then serves until killed)

import {ECDH, createHash, randomBytes, randomUUID} from 'node:crypto';
import {createServer} from 'node:http';

import {
  HashAlgorithm,
  Oauth2AuthorizationServer,
  Oauth2ErrorCodes,
  Oauth2ResourceServer,
  Oauth2ResourceUnauthorizedError,
  Oauth2ServerErrorResponseError,
  clientAuthenticationNone,
  decodeJwt,
  parsePushedAuthorizationRequestUriReferenceValue,
  preAuthorizedCodeGrantIdentifier,
  pushedAuthorizationRequestUriPrefix,
  setGlobalConfig,
} from '@openid4vc/oauth2';
import {Openid4vciIssuer, Openid4vciVersion} from '@openid4vc/openid4vci';
import * as jose from 'jose';

setGlobalConfig({allowInsecureUrls: true}); // http://127.0.0.1 only: see listen() below

const MAX_BODY = 64 * 1024;
const NONCE_SECONDS = 300;
const CODE_SECONDS = 600;

// --- keys -------------------------------------------------------------------------------

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

async function newKey() {
  const {publicKey, privateKey} = await jose.generateKeyPair('EdDSA', {
    crv: 'Ed25519', extractable: true});
  return {publicKey, privateKey, publicJwk: await jose.exportJWK(publicKey)};
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text) {
  let n = 0n;
  for(const ch of text) {
    const v = BASE58.indexOf(ch);
    if(v < 0) {
      throw new Error('not base58');
    }
    n = n * 58n + BigInt(v);
  }
  const bytes = [];
  while(n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for(const ch of text) {
    if(ch !== '1') {
      break;
    }
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** The public JWK a holder DID names: did:jwk, or an Ed25519 or P-256 did:key. */
function jwkFromDid(didUrl) {
  const did = didUrl.split('#')[0];
  if(did.startsWith('did:jwk:')) {
    return JSON.parse(Buffer.from(did.slice(8), 'base64url').toString('utf8'));
  }
  if(did.startsWith('did:key:z')) {
    const raw = base58Decode(did.slice(9));
    if(raw[0] === 0xed && raw[1] === 0x01 && raw.length === 34) {
      return {kty: 'OKP', crv: 'Ed25519', x: b64url(raw.slice(2))};
    }
    if(raw[0] === 0x80 && raw[1] === 0x24 && raw.length === 35) { // p256-pub, compressed
      const point = ECDH.convertKey(raw.slice(2), 'prime256v1', undefined, undefined,
        'uncompressed');
      return {kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)),
        y: b64url(point.subarray(33))};
    }
  }
  throw new Error(`cannot resolve ${did}`);
}

function didFromJwk(jwk) {
  const {kty, crv, x, y, e, n} = jwk;
  const pub = Object.fromEntries(Object.entries({crv, e, kty, n, x, y}).filter(
    ([, v]) => v !== undefined));
  return `did:jwk:${b64url(JSON.stringify(pub))}`;
}

// --- the server's state -----------------------------------------------------------------

let base = ''; // http://127.0.0.1:<port>, once listening
const keys = {}; // issuer name -> {credential: key, token: key, did}
const offers = new Map(); // id -> offer state
const byCode = new Map(); // pre-authorized code -> offer id
const nonces = new Map(); // c_nonce -> expiry (ms)
const sessions = new Map(); // sign-in session id -> the checked authorization request
const codes = new Map(); // authorization code -> {session, expiresAt}
const transactions = new Map(); // deferred transaction id -> what to issue when ready
const refreshTokens = new Map(); // refresh token -> offer id
const NAMES = ['university', 'portal', 'liar', 'huge', 'slow', 'redirector', 'strict', 'drafter',
  'signer', 'forger',
  'batcher', 'pusher'];
const pushed = new Map(); // request_uri reference -> {name, params, expiresAt} (RFC 9126)
const PAR_SECONDS = 60;
const LOGIN_SECONDS = 120;

const issuerUrl = (name) => `${base}/${name}`;

/** What a JWT VC configuration of `strict` allows, by its id. */
function strictJwt(id, name, algs, methods) {
  return {
    format: 'jwt_vc_json',
    credential_definition: {type: ['VerifiableCredential', 'MicroCredential']},
    cryptographic_binding_methods_supported: methods,
    credential_signing_alg_values_supported: ['EdDSA'],
    proof_types_supported: {jwt: {proof_signing_alg_values_supported: algs}},
    scope: id,
    credential_metadata: {display: [{name, locale: 'en'}]},
  };
}

function configurations(name) {
  const proof = {jwt: {proof_signing_alg_values_supported: ['EdDSA', 'ES256']}};
  if(name === 'strict') {
    return {
      degree_es256: strictJwt('degree_es256', 'Statistics (ES256)', ['ES256'],
        ['did:key', 'did:jwk']),
      degree_did_jwk: strictJwt('degree_did_jwk', 'Statistics (did:jwk)', ['EdDSA', 'ES256'],
        ['did:jwk']),
      degree_rs256: strictJwt('degree_rs256', 'Statistics (RS256)', ['RS256'], ['did:key']),
      degree_ldp: {
        format: 'ldp_vc',
        credential_definition: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential', 'MicroCredential']},
        cryptographic_binding_methods_supported: ['did:key'],
        credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
        proof_types_supported: proof,
        scope: 'degree_ldp',
        credential_metadata: {display: [{name: 'Statistics (JSON-LD)', locale: 'en'}]},
      },
      degree_vc_sd_jwt: {
        format: 'vc+sd-jwt',
        vct: 'https://university.example/credentials/micro-credential',
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['EdDSA'],
        proof_types_supported: proof,
        scope: 'degree_vc_sd_jwt',
        credential_metadata: {display: [{name: 'Statistics (SD-JWT)', locale: 'en'}]},
      },
    };
  }
  return {
    degree_jwt: {
      format: 'jwt_vc_json',
      credential_definition: {type: ['VerifiableCredential', 'MicroCredential']},
      cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: proof,
      scope: 'micro_credential',
      credential_metadata: {display: [{name: 'Data Analysis micro-credential', locale: 'en'}]},
    },
    degree_sd_jwt: {
      format: 'dc+sd-jwt',
      vct: 'https://university.example/credentials/micro-credential',
      cryptographic_binding_methods_supported: ['jwk'],
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: proof,
      scope: 'micro_credential_sd',
      credential_metadata: {display: [{name: 'Data Analysis (SD-JWT)', locale: 'en'}]},
    },
  };
}

/** Draft 13's shape of the same configurations: `display` at the top of each. */
function draft13Configurations(name) {
  const shaped = {};
  for(const [id, {credential_metadata: meta, ...rest}] of Object.entries(configurations(name))) {
    shaped[id] = {...rest, display: meta.display};
  }
  return shaped;
}

function credentialIssuerMetadata(name) {
  const url = issuerUrl(name);
  if(name === 'drafter') {
    return {
      credential_issuer: url,
      credential_endpoint: `${url}/credential`,
      notification_endpoint: `${url}/notification`,
      display: [{name: 'Harbour Test University', locale: 'en'}],
      credential_configurations_supported: draft13Configurations(name),
    };
  }
  return {
    credential_issuer: url,
    credential_endpoint: `${url}/credential`,
    nonce_endpoint: `${url}/nonce`,
    deferred_credential_endpoint: `${url}/deferred_credential`,
    notification_endpoint: `${url}/notification`,
    display: [{name: 'Harbour Test University', locale: 'en'}],
    credential_configurations_supported: configurations(name),
    ...(name === 'batcher' ? {batch_credential_issuance: {batch_size: 3}} : {}),
  };
}

function authorizationServerMetadata(name) {
  const url = issuerUrl(name);
  const metadata = {
    issuer: url,
    token_endpoint: `${url}/token`,
    authorization_endpoint: `${url}/authorize`,
    jwks_uri: `${url}/jwks`,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier, 'authorization_code'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    'pre-authorized_grant_anonymous_access_supported': true,
  };
  if(name !== 'portal') { // portal's server is a plain OAuth server: scopes only
    metadata.authorization_details_types_supported = ['openid_credential'];
  }
  if(name === 'pusher') {
    metadata.pushed_authorization_request_endpoint = `${url}/par`;
    metadata.require_pushed_authorization_requests = true;
  }
  return metadata;
}

// --- the library, with our callbacks ----------------------------------------------------

async function verifyJwt(signer, {compact}) {
  let jwk;
  if(signer.method === 'did') {
    jwk = jwkFromDid(signer.didUrl);
  } else if(signer.method === 'jwk') {
    jwk = signer.publicJwk;
  } else {
    return {verified: false};
  }
  try {
    await jose.compactVerify(compact, await jose.importJWK(jwk, signer.alg));
    return {verified: true, signerJwk: jwk};
  } catch {
    return {verified: false};
  }
}

async function signJwt(signer, {header, payload}) {
  if(signer.method === 'did') { // signed metadata: the issuer's credential key, by its DID
    const owner = Object.values(keys).find((k) => signer.didUrl.startsWith(`${k.did}#`));
    const jwt = await new jose.SignJWT(payload).setProtectedHeader(header)
      .sign(owner.credential.privateKey);
    return {jwt};
  }
  // The access tokens are signed through the library; the signer names a token key.
  const entry = Object.values(keys).find((k) => k.token.publicJwk.x === signer.publicJwk?.x);
  if(!entry) {
    throw new Error('no such signing key');
  }
  const jwt = await new jose.SignJWT(payload).setProtectedHeader(header)
    .sign(entry.token.privateKey);
  return {jwt, signerJwk: signer.publicJwk};
}

/** jwks_uri is ours: answered from memory, so nothing is fetched over the network. */
async function fetchLocal(url) {
  for(const name of NAMES) {
    if(String(url) === `${issuerUrl(name)}/jwks`) {
      return new Response(JSON.stringify({keys: [{...keys[name].token.publicJwk, use: 'sig'}]}),
        {headers: {'content-type': 'application/json'}});
    }
  }
  throw new Error(`refusing to fetch ${url}`);
}

const callbacks = {
  hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
  generateRandom: (bytes) => randomBytes(bytes),
  clientAuthentication: clientAuthenticationNone({clientId: 'learner-wallet'}),
  verifyJwt,
  signJwt,
  fetch: fetchLocal,
};
const issuer = new Openid4vciIssuer({callbacks});
const authorizationServer = new Oauth2AuthorizationServer({callbacks});
const resourceServer = new Oauth2ResourceServer({callbacks});

function issuerMetadataResult(name) {
  const credentialIssuer = issuer.createCredentialIssuerMetadata(credentialIssuerMetadata(name));
  return {
    credentialIssuer,
    authorizationServers: [
      authorizationServer.createAuthorizationServerMetadata(authorizationServerMetadata(name))],
    originalDraftVersion: Openid4vciVersion.V1,
    knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(
      credentialIssuer),
  };
}

// --- credentials ------------------------------------------------------------------------

/** A JWT VC for the holder. `signedBy`: "other_key" signs with a stranger's key under the
 * issuer's kid; "other_issuer" names and uses a stranger's key while claiming the issuer. */
async function jwtVc(name, holderDid, signedBy) {
  const {did, credential} = keys[name];
  const now = Math.floor(Date.now() / 1000);
  const id = `urn:uuid:${randomUUID()}`;
  const vc = {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential', 'MicroCredential'],
    issuer: {id: did, name: 'Harbour Test University'},
    name: 'Data Analysis micro-credential',
    credentialSubject: {id: holderDid, name: 'Aroha Ngata'},
  };
  let signingKey = credential.privateKey;
  let kid = `${did}#0`;
  if(signedBy) {
    const stranger = await newKey();
    signingKey = stranger.privateKey;
    if(signedBy === 'other_issuer') {
      kid = `${didFromJwk(stranger.publicJwk)}#0`;
    }
  }
  return new jose.SignJWT({vc, iss: did, sub: holderDid, jti: id, nbf: now - 60, iat: now})
    .setProtectedHeader({alg: 'EdDSA', typ: 'JWT', kid})
    .sign(signingKey);
}

async function sdJwtVc(name, holderJwk) {
  const {did, credential} = keys[name];
  const now = Math.floor(Date.now() / 1000);
  const disclosures = [['given_name', 'Aroha'], ['family_name', 'Ngata'],
    ['title', 'Data Analysis micro-credential']].map(
    ([claim, value]) => b64url(JSON.stringify([b64url(randomBytes(16)), claim, value])));
  const digests = disclosures.map((d) => createHash('sha256').update(d).digest('base64url'));
  const payload = { // bound to the holder's key by cnf (no sub: SD-JWT VCs name no subject)
    iss: did, iat: now, nbf: now - 60,
    vct: configurations('university').degree_sd_jwt.vct,
    cnf: {jwk: holderJwk}, _sd_alg: 'sha-256', _sd: digests.sort(),
  };
  const jwt = await new jose.SignJWT(payload)
    .setProtectedHeader({alg: 'EdDSA', typ: 'dc+sd-jwt', kid: `${did}#0`})
    .sign(credential.privateKey);
  return `${jwt}~${disclosures.join('~')}~`;
}

/** The credential one configuration stands for, as this offer's options make it. */
function makeCredential(offer, configurationId, holderJwk, holderDid) {
  if(configurationId === 'degree_ldp') { // signed by the test (the wallet's own signer)
    return offer.ldpCredential;
  }
  return configurationId.endsWith('sd_jwt') ?
    sdJwtVc(offer.name, holderJwk) : jwtVc(offer.name, holderDid, offer.signedBy);
}

// --- HTTP -------------------------------------------------------------------------------

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json', 'cache-control': 'no-store', ...headers});
  res.end(text);
}

function redirect(res, location) {
  res.writeHead(302, {location, 'cache-control': 'no-store', 'content-length': '0'});
  res.end();
}

function page(res, status, html) {
  res.writeHead(status, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'});
  res.end(`<!doctype html><html><head><title>Harbour Test University</title></head>` +
    `<body>${html}</body></html>`);
}

function oauthError(res, error) {
  if(error instanceof Oauth2ServerErrorResponseError) {
    return send(res, error.status, error.errorResponse);
  }
  if(error instanceof Oauth2ResourceUnauthorizedError) {
    return send(res, 401, {error: Oauth2ErrorCodes.InvalidToken});
  }
  process.stderr.write(`${error.stack || error}\n`);
  return send(res, 500, {error: 'server_error'});
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if(size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function requestLike(req) {
  const headers = new Headers();
  for(const [key, value] of Object.entries(req.headers)) {
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return {headers, method: req.method, url: `${base}${req.url}`};
}

/** A metadata document that never ends: the wallet must stop reading on its own. */
function endless(res) {
  res.writeHead(200, {'content-type': 'application/json'});
  res.write('{"credential_issuer": "');
  const chunk = 'x'.repeat(64 * 1024);
  let sent = 0;
  const more = () => {
    while(sent < 256 * 1024 * 1024) {
      sent += chunk.length;
      if(!res.write(chunk)) {
        res.once('drain', more);
        return;
      }
    }
    res.end('"}');
  };
  res.on('close', () => {
    sent = Infinity;
  });
  more();
}

/** A document that arrives a byte every 200 ms, for ever: each read is quick, the whole is
 * not, so only a deadline on the whole answer stops it. */
function trickle(res) {
  res.writeHead(200, {'content-type': 'application/json'});
  res.write('{');
  const timer = setInterval(() => res.write(' '), 200);
  res.on('close', () => clearInterval(timer));
}

const badRequest = (description) => new Oauth2ServerErrorResponseError({
  error: Oauth2ErrorCodes.InvalidRequest, error_description: description});

async function createOffer(body) {
  const name = NAMES.includes(body.issuer) ? body.issuer : 'university';
  const id = randomUUID();
  const configurationIds = body.configurations || ['degree_jwt'];
  const state = {
    id, name, txCode: body.tx_code ? String(body.tx_code) : undefined,
    rejectNonceOnce: Boolean(body.reject_nonce_once),
    bindToOtherKey: Boolean(body.bind_to_other_key),
    signedBy: body.signed_by || undefined,
    deferred: body.deferred ? 'pending' : undefined,
    notificationFails: Boolean(body.notification_fails),
    stallCredential: Boolean(body.stall_credential),
    mixup: Boolean(body.mixup),
    parWithoutRequestUri: Boolean(body.par_without_request_uri),
    ldpCredential: body.ldp_credential,
    expiresAt: new Date(Date.now() + (body.expired ? -60 : CODE_SECONDS) * 1000),
    used: false, identifiers: undefined,
    seen: {offer_fetches: 0, token_requests: 0, credential_requests: 0, issued: 0,
      proof_nonces: [], proof_kids: [], proof_algs: [], authorization_requests: [], logins: 0, token_grants: [], pushed_requests: 0,
      credential_requests_by: [], deferred_requests: 0, notifications: [], tokens: []},
  };
  let grants;
  if(body.grant === 'authorization_code') {
    state.issuerState = b64url(randomBytes(24));
    grants = {authorization_code: {issuer_state: state.issuerState}};
  } else {
    state.code = b64url(randomBytes(32));
    const grant = {'pre-authorized_code': state.code};
    if(body.tx_code) {
      grant.tx_code = {input_mode: 'numeric', length: String(body.tx_code).length,
        description: 'The code we sent you by e-mail'};
    }
    grants = {[preAuthorizedCodeGrantIdentifier]: grant};
    byCode.set(state.code, id);
  }
  const {credentialOffer, credentialOfferObject} = await issuer.createCredentialOffer({
    issuerMetadata: issuerMetadataResult(name),
    credentialConfigurationIds: configurationIds,
    grants,
    credentialOfferUri: body.by === 'reference' ? `${base}/offers/${id}` : undefined,
  });
  state.object = credentialOfferObject;
  offers.set(id, state);
  return {offer: credentialOffer, id, issuer_did: keys[name].did,
    credential_issuer: issuerUrl(name)};
}

// --- the sign-in (authorization code flow) ----------------------------------------------

/** The loopback redirect RFC 8252 section 7.3 asks native apps to use, and nothing else. */
function isLoopbackRedirect(uri) {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' &&
      !url.search && !url.hash;
  } catch {
    return false;
  }
}

/** The configuration ids an authorization request asks for, and how it asked. */
function requestedConfigurations(name, params) {
  if(params.authorization_details !== undefined) {
    let details;
    try {
      details = JSON.parse(params.authorization_details);
    } catch {
      throw badRequest('authorization_details is not JSON');
    }
    if(!Array.isArray(details) || details.length === 0 || !details.every((d) =>
      d && d.type === 'openid_credential' && typeof d.credential_configuration_id === 'string')) {
      throw badRequest('authorization_details must list openid_credential entries');
    }
    if(name === 'portal') {
      throw badRequest('this server does not understand authorization_details');
    }
    return {via: 'authorization_details', ids: details.map((d) => d.credential_configuration_id),
      locations: details.map((d) => d.locations ?? null)};
  }
  const scopes = String(params.scope || '').split(' ').filter(Boolean);
  const byScope = Object.fromEntries(Object.entries(configurations(name)).map(
    ([id, c]) => [c.scope, id]));
  if(scopes.length === 0 || !scopes.every((s) => byScope[s])) {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidScope, error_description: 'unknown scope'});
  }
  return {via: 'scope', ids: scopes.map((s) => byScope[s])};
}

/** POST /<name>/par (RFC 9126): the authorization request, pushed; answers a request_uri. */
async function pushAuthorization(name, req, res) {
  const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
  if(params.request_uri !== undefined) {
    throw badRequest('request_uri is not allowed in a pushed authorization request');
  }
  const {authorizationRequest} = await authorizationServer.parsePushedAuthorizationRequest({
    request: requestLike(req), authorizationRequest: params});
  const offer = [...offers.values()].find(
    (o) => o.issuerState && o.issuerState === authorizationRequest.issuer_state);
  if(offer) {
    offer.seen.pushed_requests += 1;
  }
  if(authorizationRequest.client_id !== 'learner-wallet' || !offer || offer.name !== name) {
    throw badRequest('unknown client or offer');
  }
  if(offer.parWithoutRequestUri) { // a broken server: 201, but no request_uri
    return send(res, 201, {expires_in: PAR_SECONDS});
  }
  const reference = b64url(randomBytes(24));
  pushed.set(reference, {name, params, expiresAt: Date.now() + PAR_SECONDS * 1000});
  const {pushedAuthorizationResponse} = authorizationServer.createPushedAuthorizationResponse({
    requestUri: `${pushedAuthorizationRequestUriPrefix}${reference}`,
    expiresInSeconds: PAR_SECONDS});
  return send(res, 201, pushedAuthorizationResponse);
}

/** The authorization request the browser brings: the pushed one its request_uri names (with
 * nothing else beside client_id), or the query itself where the server allows that. */
function authorizationParams(name, url) {
  const query = Object.fromEntries(url.searchParams);
  if(query.request_uri === undefined) {
    return name === 'pusher' ? undefined : {params: query, pushed: false};
  }
  let reference;
  try {
    reference = parsePushedAuthorizationRequestUriReferenceValue({uri: query.request_uri});
  } catch {
    return undefined;
  }
  const entry = pushed.get(reference);
  pushed.delete(reference); // one use
  const extra = Object.keys(query).filter((k) => k !== 'client_id' && k !== 'request_uri');
  if(!entry || entry.name !== name || entry.expiresAt < Date.now() || extra.length > 0 ||
     query.client_id !== entry.params.client_id) {
    return undefined;
  }
  return {params: entry.params, pushed: true};
}

async function authorize(name, req, res, url) {
  const found = authorizationParams(name, url);
  if(found === undefined) {
    return page(res, 400, '<p>This sign-in request is unknown or has expired.</p>');
  }
  const params = found.params;
  const {authorizationRequest} = await authorizationServer.parsePushedAuthorizationRequest({
    request: requestLike(req), authorizationRequest: params});
  // Until the redirect URI is known good, errors are shown here, never sent anywhere.
  if(authorizationRequest.client_id !== 'learner-wallet' ||
     !isLoopbackRedirect(authorizationRequest.redirect_uri)) {
    return page(res, 400, '<p>Unknown client or redirect address.</p>');
  }
  const back = (error) => {
    const to = new URL(authorizationRequest.redirect_uri);
    to.searchParams.set('error', error);
    if(authorizationRequest.state !== undefined) {
      to.searchParams.set('state', authorizationRequest.state);
    }
    to.searchParams.set('iss', issuerUrl(name));
    return redirect(res, to.toString());
  };
  const offer = [...offers.values()].find(
    (o) => o.issuerState && o.issuerState === authorizationRequest.issuer_state);
  if(!offer || offer.name !== name || authorizationRequest.response_type !== 'code' ||
     authorizationRequest.code_challenge_method !== 'S256' ||
     !authorizationRequest.code_challenge || !authorizationRequest.state) {
    return back('invalid_request');
  }
  let asked;
  try {
    asked = requestedConfigurations(name, params);
  } catch(error) {
    return back(error.errorResponse?.error || 'invalid_request');
  }
  offer.seen.authorization_requests.push({
    via: asked.via, configurations: asked.ids, locations: asked.locations ?? null,
    redirect_uri: authorizationRequest.redirect_uri,
    code_challenge_method: authorizationRequest.code_challenge_method,
    code_challenge: authorizationRequest.code_challenge, resource: params.resource ?? null,
    client_id: authorizationRequest.client_id, pushed: found.pushed});
  if(!asked.ids.every((id) => offer.object.credential_configuration_ids.includes(id))) {
    return back('invalid_request');
  }
  const session = b64url(randomBytes(24));
  sessions.set(session, {
    offerId: offer.id, name, request: authorizationRequest, asked,
    expiresAt: Date.now() + LOGIN_SECONDS * 1000});
  return page(res, 200,
    `<h1>Sign in to Harbour Test University</h1>` +
    `<form method="post" action="/${name}/login">` +
    `<input type="hidden" name="session" value="${session}">` +
    `<button name="decision" value="approve">Sign in as Aroha Ngata</button>` +
    `<button name="decision" value="deny">Cancel</button></form>`);
}

async function login(name, req, res) {
  const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
  const session = sessions.get(form.session);
  sessions.delete(form.session);
  if(!session || session.name !== name || session.expiresAt < Date.now()) {
    return page(res, 400, '<p>This sign-in has expired. Start again from the wallet.</p>');
  }
  const offer = offers.get(session.offerId);
  offer.seen.logins += 1;
  const to = new URL(session.request.redirect_uri);
  to.searchParams.set('state', session.request.state);
  to.searchParams.set('iss', offer.mixup ? issuerUrl('liar') : issuerUrl(name));
  if(form.decision !== 'approve') {
    to.searchParams.set('error', 'access_denied');
    return redirect(res, to.toString());
  }
  const code = b64url(randomBytes(32));
  codes.set(code, {session, expiresAt: new Date(Date.now() + LOGIN_SECONDS * 1000)});
  to.searchParams.set('code', code);
  return redirect(res, to.toString());
}

// --- token, credential, deferred credential, notification --------------------------------

async function token(name, req, res) {
  const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
  const asMetadata = authorizationServer.createAuthorizationServerMetadata(
    authorizationServerMetadata(name));
  const request = requestLike(req);
  const parsed = authorizationServer.parseAccessTokenRequest({
    request, accessTokenRequest: form, authorizationServerMetadata: asMetadata});
  if(parsed.grant.grantType === 'authorization_code') {
    return tokenForCode(name, req, res, form, parsed, asMetadata);
  }
  if(parsed.grant.grantType === 'refresh_token') {
    return tokenForRefresh(name, req, res, parsed, asMetadata);
  }
  const offer = offers.get(byCode.get(parsed.grant.preAuthorizedCode));
  if(offer) {
    offer.seen.token_requests += 1;
    offer.seen.token_grants.push(parsed.grant.grantType);
  }
  if(!offer || offer.name !== name || offer.used) {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidGrant,
      error_description: 'Invalid or already used pre-authorized code'});
  }
  await authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
    authorizationServerMetadata: asMetadata, grant: parsed.grant,
    accessTokenRequest: parsed.accessTokenRequest, request,
    expectedPreAuthorizedCode: offer.code, expectedTxCode: offer.txCode,
    preAuthorizedCodeExpiresAt: offer.expiresAt,
  });
  offer.used = true; // one use only: a replayed code is refused
  const answer = await accessToken(name, offer, asMetadata);
  if(name === 'drafter') { // Draft 13: the first c_nonce comes with the token
    Object.assign(answer, freshNonce());
  }
  send(res, 200, answer);
}

/** An access token answer for the offer; a deferred offer's comes with a refresh token, so
 * the wallet can still ask once the access token has run out. */
async function accessToken(name, offer, asMetadata, options = {}) {
  const response = await authorizationServer.createAccessTokenResponse({
    authorizationServer: asMetadata.issuer, audience: issuerUrl(name), subject: offer.id,
    expiresInSeconds: 300, refreshToken: Boolean(offer.deferred),
    signer: {method: 'jwk', alg: 'EdDSA', publicJwk: keys[name].token.publicJwk},
    ...options,
  });
  offer.jtis = [...(offer.jtis ?? []), decodeJwt({jwt: response.access_token}).payload.jti];
  // Told to the tests only, so they can prove no token ever reaches a log or an output.
  offer.seen.tokens.push(response.access_token, ...(response.refresh_token ?
    [response.refresh_token] : []));
  if(response.refresh_token) {
    refreshTokens.set(response.refresh_token, offer.id);
  }
  return response;
}

async function tokenForRefresh(name, req, res, parsed, asMetadata) {
  const offer = offers.get(refreshTokens.get(parsed.grant.refreshToken));
  if(offer) {
    offer.seen.token_requests += 1;
    offer.seen.token_grants.push(parsed.grant.grantType);
  }
  if(!offer || offer.name !== name) {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidGrant, error_description: 'Invalid refresh_token'});
  }
  await authorizationServer.verifyRefreshTokenAccessTokenRequest({
    authorizationServerMetadata: asMetadata, grant: parsed.grant,
    accessTokenRequest: parsed.accessTokenRequest, request: requestLike(req),
    expectedRefreshToken: parsed.grant.refreshToken,
  });
  refreshTokens.delete(parsed.grant.refreshToken); // rotated: each refresh token works once
  send(res, 200, await accessToken(name, offer, asMetadata));
}

async function tokenForCode(name, req, res, form, parsed, asMetadata) {
  const found = codes.get(parsed.grant.code);
  codes.delete(parsed.grant.code); // one use only
  const offer = found && offers.get(found.session.offerId);
  if(offer) {
    offer.seen.token_requests += 1;
    offer.seen.token_grants.push(parsed.grant.grantType);
  }
  const {request} = found?.session ?? {};
  if(!offer || found.session.name !== name || form.client_id !== request.client_id ||
     form.redirect_uri !== request.redirect_uri) { // RFC 6749 section 4.1.3
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidGrant, error_description: 'Invalid code'});
  }
  await authorizationServer.verifyAuthorizationCodeAccessTokenRequest({
    authorizationServerMetadata: asMetadata, grant: parsed.grant,
    accessTokenRequest: parsed.accessTokenRequest, request: requestLike(req),
    expectedCode: parsed.grant.code, codeExpiresAt: found.expiresAt,
    pkce: {codeVerifier: parsed.pkceCodeVerifier, codeChallenge: request.code_challenge,
      codeChallengeMethod: request.code_challenge_method},
  });
  const {asked} = found.session;
  const extra = {};
  if(asked.via === 'authorization_details') { // 1.0 section 6.2: one identifier per dataset
    offer.identifiers = Object.fromEntries(asked.ids.map(
      (id) => [`${id}-${b64url(randomBytes(6))}`, id]));
    extra.authorization_details = asked.ids.map((id) => ({
      type: 'openid_credential', credential_configuration_id: id,
      credential_identifiers: Object.keys(offer.identifiers).filter(
        (k) => offer.identifiers[k] === id)}));
  }
  send(res, 200, await accessToken(name, offer, asMetadata, {
    scope: asked.via === 'scope' ? request.scope : undefined,
    additionalAccessTokenResponsePayload: extra}));
}

async function authorizedOffer(name, req) {
  const metadata = issuerMetadataResult(name);
  const {tokenPayload} = await resourceServer.verifyResourceRequest({
    request: requestLike(req), resourceServer: issuerUrl(name),
    authorizationServers: metadata.authorizationServers});
  const offer = offers.get(tokenPayload.sub);
  if((offer.expiredJtis ?? []).includes(tokenPayload.jti)) {
    throw new Oauth2ResourceUnauthorizedError('expired', []);
  }
  return {offer, metadata};
}

async function readJson(req) {
  try {
    return JSON.parse(await readBody(req));
  } catch {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidCredentialRequest, error_description: 'not JSON'});
  }
}

/** 1.0 section 12.2.2: the metadata as a JWT its issuer signed; the signed display name is
 * not the plain one, so a test sees which the wallet believed. */
async function sendSignedMetadata(name, res, metadata) {
  const signed = {...metadata, display: [{name: 'Harbour Signed University', locale: 'en'}]};
  let jwt = await issuer.createSignedCredentialIssuerMetadataJwt({
    credentialIssuerMetadata: signed, issuedAt: new Date(),
    signer: {method: 'did', didUrl: `${keys[name].did}#0`, alg: 'EdDSA'}});
  if(name === 'forger') { // changed after signing: another credential endpoint
    const [head, body, signature] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    payload.credential_endpoint = 'https://127.0.0.1:9/steal';
    jwt = [head, Buffer.from(JSON.stringify(payload)).toString('base64url'), signature].join('.');
  }
  res.writeHead(200, {'content-type': 'application/jwt', 'cache-control': 'no-store'});
  res.end(jwt);
}

function freshNonce() {
  const cNonce = b64url(randomBytes(24));
  nonces.set(cNonce, Date.now() + NONCE_SECONDS * 1000);
  return {c_nonce: cNonce, c_nonce_expires_in: NONCE_SECONDS};
}

function invalidRequest(description) {
  return new Oauth2ServerErrorResponseError({
    error: Oauth2ErrorCodes.InvalidCredentialRequest, error_description: description});
}

/** The offered configuration a Draft 13 request names by format and type (or vct). */
function configurationByFormat(name, offer, body) {
  const wanted = body.credential_definition?.type ?? [];
  return offer.object.credential_configuration_ids.find((id) => {
    const configuration = configurations(name)[id];
    if(!configuration || configuration.format !== body.format) {
      return false;
    }
    if(configuration.vct !== undefined) {
      return body.vct === configuration.vct;
    }
    const types = configuration.credential_definition.type;
    return wanted.length === types.length && types.every((t) => wanted.includes(t));
  });
}

/** Draft 13 section 7: format + credential_definition (or vct), one `proof`, the nonce the
 * token (or the last credential) answer gave; the answer names one `credential`. */
async function draft13CredentialRequest(name, req, res) {
  const {offer, metadata} = await authorizedOffer(name, req);
  const body = await readJson(req);
  offer.seen.credential_requests += 1;
  offer.seen.credential_requests_by.push(body.credential_configuration_id !== undefined ?
    'credential_configuration_id' : body.format !== undefined ? 'format' : 'nothing');
  if(body.credential_configuration_id !== undefined || body.credential_identifier !== undefined ||
     body.proofs !== undefined) {
    throw invalidRequest('this issuer speaks Draft 13: name the format, send one proof');
  }
  const configurationId = configurationByFormat(name, offer, body);
  if(!configurationId) {
    throw invalidRequest('no offered credential has this format and type');
  }
  if(body.proof?.proof_type !== 'jwt' || typeof body.proof.jwt !== 'string') {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidProof, error_description: 'one jwt proof needed'});
  }
  const nonce = decodeJwt({jwt: body.proof.jwt}).payload.nonce;
  offer.seen.proof_nonces.push(nonce ?? null);
  const expires = nonces.get(nonce);
  if(expires === undefined) {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidProof, error_description: 'unknown or expired c_nonce',
      ...freshNonce()});
  }
  nonces.delete(nonce);
  const {signer} = await issuer.verifyCredentialRequestJwtProof({
    issuerMetadata: metadata, jwt: body.proof.jwt, expectedNonce: nonce,
    nonceExpiresAt: new Date(expires)});
  const kid = signer.method === 'did' ? signer.didUrl : null;
  offer.seen.proof_kids.push(kid);
  offer.seen.proof_algs.push(signer.alg);
  const holderJwk = signer.method === 'jwk' ? signer.publicJwk : jwkFromDid(signer.didUrl);
  const holderDid = kid ? kid.split('#')[0] : didFromJwk(holderJwk);
  const notificationId = b64url(randomBytes(12));
  offer.notificationIds = [...(offer.notificationIds ?? []), notificationId];
  const credential = await makeCredential(offer, configurationId, holderJwk, holderDid);
  offer.seen.issued += 1;
  send(res, 200, {credential, notification_id: notificationId, ...freshNonce()});
}

async function credentialRequest(name, req, res) {
  if(name === 'drafter') {
    return draft13CredentialRequest(name, req, res);
  }
  const {offer, metadata} = await authorizedOffer(name, req);
  const body = await readJson(req);
  offer.seen.credential_requests += 1;
  const parsed = issuer.parseCredentialRequest({issuerMetadata: metadata,
    credentialRequest: body});
  offer.seen.credential_requests_by.push(parsed.credentialIdentifier !== undefined ?
    'credential_identifier' : 'credential_configuration_id');
  let configurationId = parsed.credentialConfigurationId;
  if(offer.identifiers) { // identifiers were given: they, and only they, name the credential
    configurationId = offer.identifiers[parsed.credentialIdentifier];
  }
  const jwts = parsed.proofs?.jwt ?? [];
  if(!jwts.length || !configurationId ||
     !offer.object.credential_configuration_ids.includes(configurationId)) {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidCredentialRequest,
      error_description: 'a credential of the offer (by its identifier once given) and a jwt ' +
        'proof needed'});
  }
  const nonce = decodeJwt({jwt: jwts[0]}).payload.nonce;
  offer.seen.proof_nonces.push(nonce ?? null);
  const expires = nonces.get(nonce);
  if(expires === undefined || offer.rejectNonceOnce) {
    offer.rejectNonceOnce = false;
    nonces.delete(nonce);
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidNonce, error_description: 'unknown or expired c_nonce'});
  }
  // The library checks each proof's signature and nonce, not what the metadata allows: the
  // configuration's proof algorithms and binding methods are checked here.
  const configuration = configurations(name)[configurationId];
  const holders = [];
  for(const jwt of jwts) {
    const verified = await issuer.verifyCredentialRequestJwtProof({
      issuerMetadata: metadata, jwt, expectedNonce: nonce, nonceExpiresAt: new Date(expires)});
    const {signer} = verified;
    const kid = signer.method === 'did' ? signer.didUrl : null;
    offer.seen.proof_kids.push(kid);
    offer.seen.proof_algs.push(signer.alg);
    const methods = configuration.cryptographic_binding_methods_supported;
    const method = signer.method === 'jwk' ? 'jwk' : kid.split(':').slice(0, 2).join(':');
    if(!configuration.proof_types_supported.jwt.proof_signing_alg_values_supported.includes(
      signer.alg) || !methods.includes(method)) {
      throw new Oauth2ServerErrorResponseError({
        error: Oauth2ErrorCodes.InvalidProof,
        error_description: `this credential takes no ${signer.alg} proof by ${method}`});
    }
    let holderJwk = signer.method === 'jwk' ? signer.publicJwk : jwkFromDid(signer.didUrl);
    let holderDid = signer.method === 'did' ? signer.didUrl.split('#')[0] :
      didFromJwk(holderJwk);
    if(offer.bindToOtherKey) { // a careless or hostile issuer: bound to a key not the wallet's
      holderJwk = (await newKey()).publicJwk;
      holderDid = didFromJwk(holderJwk);
    }
    holders.push({holderJwk, holderDid});
  }
  nonces.delete(nonce);
  if(offer.stallCredential) { // never answers: the wallet must give up on its own
    return;
  }
  if(offer.deferred) { // 1.0 section 9: 202, a transaction id and how long to wait
    const transactionId = b64url(randomBytes(24));
    transactions.set(transactionId, {offerId: offer.id, configurationId, ...holders[0]});
    const made = issuer.createCredentialResponse({
      credentialRequest: parsed, transactionId, interval: 1});
    return send(res, 202, made);
  }
  const notificationId = b64url(randomBytes(12));
  offer.notificationIds = [...(offer.notificationIds ?? []), notificationId];
  const credentials = [];
  for(const {holderJwk, holderDid} of holders) { // one credential per key proof (a batch)
    credentials.push({credential: await makeCredential(offer, configurationId, holderJwk,
      holderDid)});
  }
  const made = issuer.createCredentialResponse({
    credentialRequest: parsed, credentials, notificationId});
  offer.seen.issued += credentials.length;
  send(res, 200, made);
}

async function deferredCredential(name, req, res) {
  const {offer} = await authorizedOffer(name, req);
  const {deferredCredentialRequest} = issuer.parseDeferredCredentialRequest({
    deferredCredentialRequest: await readJson(req)});
  offer.seen.deferred_requests += 1;
  const waiting = transactions.get(deferredCredentialRequest.transaction_id);
  if(!waiting || waiting.offerId !== offer.id) {
    return send(res, 400, {error: 'invalid_transaction_id'});
  }
  if(offer.deferred === 'broken') { // a server having a bad day: no JSON at all
    res.writeHead(503, {'content-type': 'text/plain'});
    return res.end('Service Unavailable');
  }
  if(offer.deferred === 'forgotten') {
    return send(res, 400, {error: 'invalid_transaction_id'});
  }
  if(offer.deferred !== 'ready') {
    return send(res, 202, issuer.createDeferredCredentialResponse({
      transactionId: deferredCredentialRequest.transaction_id, interval: 1}));
  }
  transactions.delete(deferredCredentialRequest.transaction_id);
  const notificationId = b64url(randomBytes(12));
  offer.notificationIds = [...(offer.notificationIds ?? []), notificationId];
  const credential = await makeCredential(
    offer, waiting.configurationId, waiting.holderJwk, waiting.holderDid);
  offer.seen.issued += 1;
  // 0.4.6 refuses a notification_id beside credentials here (its check is the wrong way
  // round: "MUST NOT be defined when 'credentials' is not defined"), so it is added after.
  const made = issuer.createDeferredCredentialResponse({credentials: [{credential}]});
  send(res, 200, {...made, notification_id: notificationId});
}

/** 1.0 section 11: the wallet says what became of a credential. The library has no parser
 * for this on the issuer's side, so its three events are checked here. */
async function notification(name, req, res) {
  const {offer} = await authorizedOffer(name, req);
  const body = await readJson(req);
  const events = ['credential_accepted', 'credential_failure', 'credential_deleted'];
  if(!body || typeof body.notification_id !== 'string' || !events.includes(body.event)) {
    return send(res, 400, {error: 'invalid_notification_request'});
  }
  offer.seen.notifications.push({notification_id: body.notification_id, event: body.event,
    known: (offer.notificationIds ?? []).includes(body.notification_id)});
  if(offer.notificationFails) {
    return send(res, 500, {error: 'server_error'});
  }
  if(!(offer.notificationIds ?? []).includes(body.notification_id)) {
    return send(res, 400, {error: 'invalid_notification_id'});
  }
  res.writeHead(204, {'cache-control': 'no-store'});
  res.end();
}

// --- routes -----------------------------------------------------------------------------

const PRIVATE_METADATA = 'https://169.254.169.254/latest/meta-data/';
const PRIVATE_OFFER = 'https://10.0.0.7/offer';

async function route(req, res) {
  const url = new URL(req.url, base);
  const path = url.pathname;
  if(req.method === 'POST' && path === '/test/offers') {
    return send(res, 200, await createOffer(JSON.parse(await readBody(req) || '{}')));
  }
  let m = path.match(/^\/test\/offers\/([\w-]+)$/);
  if(m && offers.has(m[1])) {
    return send(res, 200, offers.get(m[1]).seen);
  }
  m = path.match(/^\/test\/offers\/([\w-]+)\/deferred$/);
  if(req.method === 'POST' && m && offers.has(m[1])) {
    offers.get(m[1]).deferred = JSON.parse(await readBody(req)).state;
    return send(res, 200, {});
  }
  m = path.match(/^\/test\/offers\/([\w-]+)\/expire-tokens$/);
  if(req.method === 'POST' && m && offers.has(m[1])) {
    const offer = offers.get(m[1]);
    offer.expiredJtis = [...(offer.jtis ?? [])];
    return send(res, 200, {});
  }
  m = path.match(/^\/offers\/([\w-]+)$/);
  if(req.method === 'GET' && m && offers.has(m[1])) {
    const offer = offers.get(m[1]);
    offer.seen.offer_fetches += 1;
    if(offer.name === 'redirector') {
      return redirect(res, PRIVATE_OFFER);
    }
    return send(res, 200, offer.object);
  }
  m = path.match(/^\/\.well-known\/(openid-credential-issuer|oauth-authorization-server)\/(\w+)$/);
  if(req.method === 'GET' && m && NAMES.includes(m[2])) {
    const name = m[2];
    if(m[1] === 'oauth-authorization-server') {
      return send(res, 200, authorizationServerMetadata(name));
    }
    if(name === 'huge') {
      return endless(res);
    }
    if(name === 'slow') {
      return trickle(res);
    }
    if(name === 'redirector') {
      return redirect(res, PRIVATE_METADATA);
    }
    const metadata = credentialIssuerMetadata(name);
    if((name === 'signer' || name === 'forger') &&
       (req.headers.accept ?? '').includes('application/jwt')) {
      return sendSignedMetadata(name, res, metadata);
    }
    if(name === 'liar') {
      metadata.credential_issuer = issuerUrl('university');
    }
    return send(res, 200, metadata);
  }
  m = path.match(
    /^\/(\w+)\/(token|nonce|credential|deferred_credential|notification|jwks|authorize|login|par)$/);
  if(!m || !NAMES.includes(m[1])) {
    return send(res, 404, {error: 'not_found'});
  }
  const [, name, what] = m;
  if(what === 'jwks') {
    return send(res, 200, {keys: [{...keys[name].token.publicJwk, use: 'sig'}]});
  }
  if(what === 'authorize' && req.method === 'GET') {
    return authorize(name, req, res, url);
  }
  if(req.method !== 'POST') {
    return send(res, 405, {error: 'invalid_request'});
  }
  if(what === 'login') {
    return login(name, req, res);
  }
  if(what === 'par') { // only pusher's server takes pushed authorization requests
    return name === 'pusher' ? pushAuthorization(name, req, res) :
      send(res, 404, {error: 'not_found'});
  }
  if(what === 'token') {
    return token(name, req, res);
  }
  if(what === 'nonce') {
    if(name === 'drafter') { // Draft 13 has no nonce endpoint
      return send(res, 404, {error: 'not_found'});
    }
    const cNonce = b64url(randomBytes(24));
    nonces.set(cNonce, Date.now() + NONCE_SECONDS * 1000);
    return send(res, 200, issuer.createNonceResponse({cNonce, cNonceExpiresIn: NONCE_SECONDS}));
  }
  if(what === 'deferred_credential') {
    return deferredCredential(name, req, res);
  }
  if(what === 'notification') {
    return notification(name, req, res);
  }
  return credentialRequest(name, req, res);
}

for(const name of NAMES) {
  const credential = await newKey();
  keys[name] = {credential, token: await newKey(), did: didFromJwk(credential.publicJwk)};
}

const server = createServer((req, res) => {
  route(req, res).catch((error) => oauthError(res, error));
});
server.listen(0, '127.0.0.1', () => {
  base = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});
