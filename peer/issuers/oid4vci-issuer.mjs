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
//   university  honest: pre-authorized code, optional transaction code, nonce endpoint
//   liar        its metadata names another credential_issuer than the offer does
//   huge        its metadata never ends (a hostile response far over any sane size)
//
// Test control (never part of the protocol):
//   POST /test/offers {issuer, by: "value"|"reference", tx_code, reject_nonce_once,
//                      bind_to_other_key, configurations}
//                                       -> {offer, id, issuer_did, credential_issuer}
//   GET  /test/offers/<id>              -> what the wallet asked for with that offer
//
// Usage: node oid4vci-issuer.mjs   (prints the port it listens on, then serves until killed)

import {createHash, randomBytes, randomUUID} from 'node:crypto';
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
  preAuthorizedCodeGrantIdentifier,
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

/** The public JWK a holder DID names: did:jwk, or an Ed25519 did:key (the wallet's kind). */
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
const NAMES = ['university', 'liar', 'huge'];

const issuerUrl = (name) => `${base}/${name}`;

function configurations() {
  const proof = {jwt: {proof_signing_alg_values_supported: ['EdDSA', 'ES256']}};
  return {
    degree_jwt: {
      format: 'jwt_vc_json',
      credential_definition: {type: ['VerifiableCredential', 'MicroCredential']},
      cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: proof,
      credential_metadata: {display: [{name: 'Data Analysis micro-credential', locale: 'en'}]},
    },
    degree_sd_jwt: {
      format: 'dc+sd-jwt',
      vct: 'https://university.example/credentials/micro-credential',
      cryptographic_binding_methods_supported: ['jwk'],
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: proof,
      credential_metadata: {display: [{name: 'Data Analysis (SD-JWT)', locale: 'en'}]},
    },
  };
}

function credentialIssuerMetadata(name) {
  const url = issuerUrl(name);
  return {
    credential_issuer: url,
    credential_endpoint: `${url}/credential`,
    nonce_endpoint: `${url}/nonce`,
    display: [{name: 'Harbour Test University', locale: 'en'}],
    credential_configurations_supported: configurations(),
  };
}

function authorizationServerMetadata(name) {
  const url = issuerUrl(name);
  return {
    issuer: url,
    token_endpoint: `${url}/token`,
    jwks_uri: `${url}/jwks`,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
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
  // Only the access tokens are signed through the library; the signer names a token key.
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

async function jwtVc(name, holderDid) {
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
  return new jose.SignJWT({vc, iss: did, sub: holderDid, jti: id, nbf: now - 60, iat: now})
    .setProtectedHeader({alg: 'EdDSA', typ: 'JWT', kid: `${did}#0`})
    .sign(credential.privateKey);
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
    vct: configurations().degree_sd_jwt.vct,
    cnf: {jwk: holderJwk}, _sd_alg: 'sha-256', _sd: digests.sort(),
  };
  const jwt = await new jose.SignJWT(payload)
    .setProtectedHeader({alg: 'EdDSA', typ: 'dc+sd-jwt', kid: `${did}#0`})
    .sign(credential.privateKey);
  return `${jwt}~${disclosures.join('~')}~`;
}

// --- HTTP -------------------------------------------------------------------------------

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json', 'cache-control': 'no-store', ...headers});
  res.end(text);
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

async function createOffer(body) {
  const name = NAMES.includes(body.issuer) ? body.issuer : 'university';
  const id = randomUUID();
  const code = b64url(randomBytes(32));
  const grant = {'pre-authorized_code': code};
  if(body.tx_code) {
    grant.tx_code = {input_mode: 'numeric', length: String(body.tx_code).length,
      description: 'The code we sent you by e-mail'};
  }
  const configurationIds = body.configurations || ['degree_jwt'];
  const {credentialOffer, credentialOfferObject} = await issuer.createCredentialOffer({
    issuerMetadata: issuerMetadataResult(name),
    credentialConfigurationIds: configurationIds,
    grants: {[preAuthorizedCodeGrantIdentifier]: grant},
    credentialOfferUri: body.by === 'reference' ? `${base}/offers/${id}` : undefined,
  });
  offers.set(id, {
    id, name, code, txCode: body.tx_code ? String(body.tx_code) : undefined,
    rejectNonceOnce: Boolean(body.reject_nonce_once), object: credentialOfferObject,
    bindToOtherKey: Boolean(body.bind_to_other_key),
    expiresAt: new Date(Date.now() + CODE_SECONDS * 1000), used: false,
    seen: {offer_fetches: 0, token_requests: 0, credential_requests: 0,
      issued: 0, proof_nonces: []},
  });
  byCode.set(code, id);
  return {offer: credentialOffer, id, issuer_did: keys[name].did,
    credential_issuer: issuerUrl(name)};
}

async function token(name, req, res) {
  const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
  const asMetadata = authorizationServer.createAuthorizationServerMetadata(
    authorizationServerMetadata(name));
  const request = requestLike(req);
  const parsed = authorizationServer.parseAccessTokenRequest({
    request, accessTokenRequest: form, authorizationServerMetadata: asMetadata});
  const offer = offers.get(byCode.get(parsed.grant.preAuthorizedCode));
  if(offer) {
    offer.seen.token_requests += 1;
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
  const response = await authorizationServer.createAccessTokenResponse({
    authorizationServer: asMetadata.issuer, audience: issuerUrl(name), subject: offer.id,
    expiresInSeconds: 300,
    signer: {method: 'jwk', alg: 'EdDSA', publicJwk: keys[name].token.publicJwk},
  });
  send(res, 200, response);
}

async function credentialRequest(name, req, res) {
  const request = requestLike(req);
  const metadata = issuerMetadataResult(name);
  const {tokenPayload} = await resourceServer.verifyResourceRequest({
    request, resourceServer: issuerUrl(name),
    authorizationServers: metadata.authorizationServers});
  const offer = offers.get(tokenPayload.sub);
  let body;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidCredentialRequest, error_description: 'not JSON'});
  }
  offer.seen.credential_requests += 1;
  const parsed = issuer.parseCredentialRequest({issuerMetadata: metadata,
    credentialRequest: body});
  const jwt = parsed.proofs?.jwt?.[0];
  if(!jwt || !parsed.credentialConfigurationId ||
     !offer.object.credential_configuration_ids.includes(parsed.credentialConfigurationId)) {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidCredentialRequest,
      error_description: 'a credential_configuration_id of the offer and a jwt proof needed'});
  }
  const nonce = decodeJwt({jwt}).payload.nonce;
  offer.seen.proof_nonces.push(nonce ?? null);
  const expires = nonces.get(nonce);
  if(expires === undefined || offer.rejectNonceOnce) {
    offer.rejectNonceOnce = false;
    nonces.delete(nonce);
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.InvalidNonce, error_description: 'unknown or expired c_nonce'});
  }
  const verified = await issuer.verifyCredentialRequestJwtProof({
    issuerMetadata: metadata, jwt, expectedNonce: nonce, nonceExpiresAt: new Date(expires)});
  nonces.delete(nonce);
  const {signer} = verified;
  let holderJwk = signer.method === 'jwk' ? signer.publicJwk : jwkFromDid(signer.didUrl);
  let holderDid = signer.method === 'did' ? signer.didUrl.split('#')[0] : didFromJwk(holderJwk);
  if(offer.bindToOtherKey) { // a careless or hostile issuer: bound to a key not the wallet's
    holderJwk = (await newKey()).publicJwk;
    holderDid = didFromJwk(holderJwk);
  }
  const credential = parsed.credentialConfigurationId === 'degree_sd_jwt' ?
    await sdJwtVc(name, holderJwk) : await jwtVc(name, holderDid);
  const made = await issuer.createCredentialResponse({
    credentialRequest: parsed, credentials: [{credential}]});
  offer.seen.issued += 1;
  send(res, 200, made.credentialResponse ?? made);
}

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
  m = path.match(/^\/offers\/([\w-]+)$/);
  if(req.method === 'GET' && m && offers.has(m[1])) {
    const offer = offers.get(m[1]);
    offer.seen.offer_fetches += 1;
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
    const metadata = credentialIssuerMetadata(name);
    if(name === 'liar') {
      metadata.credential_issuer = issuerUrl('university');
    }
    return send(res, 200, metadata);
  }
  m = path.match(/^\/(\w+)\/(token|nonce|credential|jwks)$/);
  if(!m || !NAMES.includes(m[1])) {
    return send(res, 404, {error: 'not_found'});
  }
  const [, name, what] = m;
  if(what === 'jwks') {
    return send(res, 200, {keys: [{...keys[name].token.publicJwk, use: 'sig'}]});
  }
  if(req.method !== 'POST') {
    return send(res, 405, {error: 'invalid_request'});
  }
  if(what === 'token') {
    return token(name, req, res);
  }
  if(what === 'nonce') {
    const cNonce = b64url(randomBytes(24));
    nonces.set(cNonce, Date.now() + NONCE_SECONDS * 1000);
    return send(res, 200, issuer.createNonceResponse({cNonce, cNonceExpiresIn: NONCE_SECONDS}));
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
process.on('SIGTERM', () => server.close(() => process.exit(0)));
